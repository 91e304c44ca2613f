"""Programs built from source against musl and linked into the image, compared with the
same build run on the host: Lua from Debian's lua5.4 source (apps/lua), and a small C
program exercising what musl's start-up sets up (tests/apps/musl-hello)."""
import os
import subprocess

import pytest

import images
from conftest import TOP, tessera

SCRIPTS = os.path.join(TOP, "tests", "autoport", "lua")
# apps/lua/build.sh leaves the same Lua, linked as a Linux program, beside the image.
NATIVE_LUA = os.path.join(images.build_dir("lua"), "lua5.4", "src", "lua")
TIMEOUT = 90


def run_lua(*args, stdin=None, env=()):
    opts = ["run", "--tcg", "--timeout", str(TIMEOUT - 10)]
    for e in env:
        opts += ["-e", e]
    return tessera(*opts, *args[:-1], images.image("lua"), "--", *args[-1],
                   timeout=TIMEOUT, **({"input": stdin} if stdin is not None else {}))


def native(args, stdin=None, env=None):
    return subprocess.run(args, capture_output=True, text=True, input=stdin, timeout=60,
                          env=env)


def test_lua_language_matches_the_host():
    host = native([NATIVE_LUA, os.path.join(SCRIPTS, "basics.lua")])
    assert host.returncode == 0, host.stderr
    guest = run_lua("-v", f"{SCRIPTS}:/scripts", ["/scripts/basics.lua"])
    assert guest.returncode == 0, guest.stderr
    assert guest.stdout == host.stdout


def test_lua_files_and_os_library_match_the_host(tmp_path):
    host_dir, guest_dir = tmp_path / "host", tmp_path / "guest"
    host_dir.mkdir()
    guest_dir.mkdir()
    host = native([NATIVE_LUA, os.path.join(SCRIPTS, "files.lua"), str(host_dir)],
                  env={"GREETING": "hello"})
    assert host.returncode == 0, host.stderr
    guest = run_lua("-v", f"{SCRIPTS}:/scripts", "-v", f"{guest_dir}:/data",
                    ["/scripts/files.lua", "/data"], env=["GREETING=hello"])
    assert guest.returncode == 0, guest.stderr
    assert guest.stdout == host.stdout
    assert sorted(os.listdir(guest_dir)) == sorted(os.listdir(host_dir))


def test_lua_reads_stdin_to_its_end_and_exits_with_its_status():
    text = "".join(f"line {i} has five words\n" for i in range(300))
    host = native([NATIVE_LUA, os.path.join(SCRIPTS, "stdin.lua")], stdin=text)
    guest = run_lua("-v", f"{SCRIPTS}:/scripts", ["/scripts/stdin.lua"], stdin=text)
    assert (guest.stdout, guest.returncode) == (host.stdout, host.returncode)
    assert guest.returncode == 300 % 256
    assert guest.stderr.endswith("to stderr\n")


def test_lua_errors_are_reported_as_on_the_host():
    chunk = "error('boom')"
    host = native([NATIVE_LUA, "-e", chunk])
    guest = run_lua(["-e", chunk])
    assert guest.returncode == host.returncode == 1
    assert guest.stderr.splitlines()[-1] == host.stderr.splitlines()[-1] == "\t[C]: in ?"
    assert "boom" in guest.stderr


def test_the_image_holds_lua_and_musl_without_a_loader():
    dbg = images.debug_image("lua")
    symbols = subprocess.run(["nm", dbg], capture_output=True, text=True, check=True).stdout
    names = {line.split()[-1] for line in symbols.splitlines()}
    assert {"luaL_newstate", "lua_pcallk", "__libc_start_main", "main",
            "process_start_linked"} <= names
    # libc core's string functions serve both the kernel and musl.
    assert "__strchrnul" in names and "strchrnul" in names


@pytest.fixture(scope="module")
def native_musl_hello(tmp_path_factory):
    out = tmp_path_factory.mktemp("musl") / "musl-hello"
    subprocess.run(["musl-gcc", "-O2", "-static", "-o", str(out),
                    os.path.join(TOP, "tests", "apps", "musl-hello", "main.c"), "-lm"],
                   check=True)
    return str(out)


def test_musl_start_up_matches_the_host(native_musl_hello):
    host = native([native_musl_hello, "one"], env={"GREETING": "hi"})
    guest = tessera("run", "--tcg", "-e", "GREETING=hi", images.image("musl-hello"), "--",
                    "one", timeout=TIMEOUT)
    assert guest.stdout == host.stdout
    assert guest.returncode == host.returncode == 3, guest.stderr
