"""Unmodified Debian programs under Tessera, each compared with the same run on the host."""
import os
import sqlite3
import subprocess

import pytest

from conftest import TOP, tessera

BUSYBOX = "/bin/busybox"
SCRIPTS = os.path.join(TOP, "tests", "linux", "busybox")
SQL = os.path.join(TOP, "tests", "linux", "sqlite")
TIMEOUT = 120


def run(*args, stdin=None):
    return tessera("run", "--tcg", "--timeout", str(TIMEOUT - 10), *args, timeout=TIMEOUT,
                   **({"input": stdin} if stdin else {}))


def native(args, stdin=None, cwd=None):
    return subprocess.run(args, capture_output=True, text=True, input=stdin, cwd=cwd,
                          timeout=60)


@pytest.mark.parametrize("script", ["loops", "files", "heredoc"])
def test_busybox_shell_script_matches_the_host(script):
    path = os.path.join(SCRIPTS, f"{script}.sh")
    host = native([BUSYBOX, "sh", path])
    assert host.returncode == 0, host.stderr
    guest = run("-v", f"{SCRIPTS}:/scripts", BUSYBOX, "--", "sh", f"/scripts/{script}.sh")
    assert guest.stdout == host.stdout
    assert guest.returncode == host.returncode, guest.stderr


def test_program_streams_and_status_are_kept_apart():
    r = run(BUSYBOX, "--", "sh", "-c", "echo out; echo err >&2; exit 3")
    assert r.stdout == "out\n"
    assert r.stderr == "err\n"
    assert r.returncode == 3


def test_stdin_is_read_to_end_of_file():
    r = run("/usr/bin/bc", stdin="2^64\n")
    assert r.stdout == "18446744073709551616\n"
    assert r.returncode == 0


def test_environment_and_arguments_reach_the_program():
    r = run("-e", "GREETING=hello there", BUSYBOX, "--", "sh", "-c",
            'echo "$GREETING|$HOME|$0|$1"', "zero", "one two")
    assert r.stdout == "hello there|/root|zero|one two\n"


def test_sqlite3_database_in_a_shared_folder(tmp_path):
    host_dir, guest_dir = tmp_path / "host", tmp_path / "guest"
    host_dir.mkdir()
    guest_dir.mkdir()
    with open(os.path.join(SQL, "create.sql")) as f:
        create = f.read()
    with open(os.path.join(SQL, "query.sql")) as f:
        query = f.read()
    host = native(["sqlite3", "test.db"], stdin=create, cwd=host_dir)
    assert host.returncode == 0, host.stderr
    guest = run("-v", f"{guest_dir}:/data", "/usr/bin/sqlite3", "--", "/data/test.db",
                stdin=create)
    assert guest.returncode == 0, guest.stderr
    assert guest.stdout == host.stdout
    # The database persists on the host, readable by the host's own SQLite ...
    with sqlite3.connect(guest_dir / "test.db") as db:
        assert db.execute("SELECT count(*) FROM book").fetchone()[0] == 2006
    # ... and a second guest run finds and changes it as the host would.
    host = native(["sqlite3", "test.db"], stdin=query, cwd=host_dir)
    guest = run("-v", f"{guest_dir}:/data", "/usr/bin/sqlite3", "--", "/data/test.db",
                stdin=query)
    assert guest.stdout == host.stdout
    assert guest.returncode == 0


def test_not_an_executable_is_refused_in_one_line():
    r = tessera("run", "--tcg", "/etc/hostname")
    assert r.returncode != 0
    assert r.stderr.strip().splitlines() == ["tessera: /etc/hostname is not an ELF image"]


def test_missing_library_is_named(tmp_path):
    lib_src = tmp_path / "lib.c"
    lib_src.write_text("int answer(void) { return 42; }\n")
    main_src = tmp_path / "main.c"
    main_src.write_text("int answer(void);\nint main(void) { return answer(); }\n")
    subprocess.run(["gcc", "-shared", "-fPIC", "-o", tmp_path / "libanswer.so", lib_src],
                   check=True)
    subprocess.run(["gcc", "-o", tmp_path / "prog", main_src, "-L", tmp_path, "-lanswer"],
                   check=True)
    os.remove(tmp_path / "libanswer.so")
    r = tessera("run", "--tcg", str(tmp_path / "prog"))
    assert r.returncode != 0
    assert "libanswer.so" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_read_only_shared_folder_refuses_writes(tmp_path):
    (tmp_path / "kept").write_text("original\n")
    r = run("-v", f"{tmp_path}:/ro:ro", BUSYBOX, "--", "sh", "-c",
            "cat /ro/kept; echo new > /ro/kept; rm /ro/kept; touch /ro/other; ls /ro")
    assert r.stdout == "original\nkept\n"
    assert r.stderr.count("Read-only file system") == 3, r.stderr
    assert (tmp_path / "kept").read_text() == "original\n"
    assert sorted(os.listdir(tmp_path)) == ["kept"]
