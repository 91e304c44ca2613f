"""Detached instances: tessera run -d, ps, logs, stop, rm; each test has its own state directory."""
import os
import subprocess

import pytest

import images
from conftest import TESSERA, TOP, one_line_error

TIMEOUT = 90


@pytest.fixture
def cli(tmp_path):
    """./tessera with TESSERA_STATE_DIR in tmp_path; kills what a failed test left running."""
    env = dict(os.environ, TESSERA_STATE_DIR=str(tmp_path / "state"))

    def run(*args, timeout=TIMEOUT):
        return subprocess.run([TESSERA, *args], capture_output=True, text=True, timeout=timeout,
                              cwd=TOP, env=env, stdin=subprocess.DEVNULL)

    run.state = tmp_path / "state"
    yield run
    for pid_file in run.state.glob("*/qemu.pid"):
        subprocess.run(["kill", "-9", pid_file.read_text().strip()], capture_output=True)


def qemu_pid(cli, name):
    return int((cli.state / name / "qemu.pid").read_text())


def process_exists(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def ps_row(cli, name, *flags):
    rows = [line.split() for line in cli("ps", *flags).stdout.splitlines()[1:]]
    return next((row for row in rows if row[0] == name), None)


def test_detached_instance_keeps_its_output_and_status(cli):
    r = cli("run", "-d", "--tcg", "--name", "job", images.image("exit-status"), "--", "7")
    assert r.returncode == 0, r.stderr
    assert r.stdout == "job\n"
    cli("logs", "-f", "job")  # returns once the instance has ended
    assert ps_row(cli, "job", "-a")[1:3] == ["exited", "(7)"]
    assert ps_row(cli, "job") is None  # plain ps lists running instances only
    assert cli("rm", "job").stdout == "job\n"
    assert not (cli.state / "job").exists()


def test_logs_split_stdout_and_stderr(cli):
    assert cli("run", "-d", "--tcg", "--name", "hi", images.image("hello")).returncode == 0
    logs = cli("logs", "-f", "hi")
    assert logs.returncode == 0
    assert logs.stdout == "Hello from Tessera\n"


def test_default_names_are_numbered(cli):
    runs = [cli("run", "-d", "--tcg", images.image("hello")) for _ in range(2)]
    for r in runs:
        assert r.returncode == 0, r.stderr
    assert [r.stdout.strip() for r in runs] == ["hello", "hello-2"]


def test_stop_asks_the_guest_then_rm_leaves_nothing(cli):
    assert cli("run", "-d", "--tcg", "--name", "spin", images.image("args"), "--",
               "--spin").returncode == 0
    pid = qemu_pid(cli, "spin")
    assert ps_row(cli, "spin")[1] == "running"
    r = cli("stop", "spin")
    assert r.returncode == 0 and r.stdout == "spin\n", r.stderr
    # The guest acted on the request itself (SIGTERM's default action): 143, not killed (137).
    assert ps_row(cli, "spin", "-a")[1:3] == ["exited", "(143)"]
    assert not process_exists(pid)
    assert cli("stop", "spin").returncode == 0  # stopping a stopped instance is fine
    assert cli("rm", "spin").returncode == 0


def test_stop_kills_after_the_grace_period(cli):
    assert cli("run", "-d", "--tcg", "--name", "spin", images.image("args"), "--",
               "--spin").returncode == 0
    assert cli("stop", "-t", "0", "spin").returncode == 0
    assert ps_row(cli, "spin", "-a")[1:3] == ["exited", "(137)"]


def test_rm_refuses_a_running_instance_unless_forced(cli):
    assert cli("run", "-d", "--tcg", "--name", "spin", images.image("args"), "--",
               "--spin").returncode == 0
    pid = qemu_pid(cli, "spin")
    assert "spin is running: stop it first, or use rm -f" in one_line_error(cli("rm", "spin"))
    assert cli("rm", "-f", "spin").returncode == 0
    assert not process_exists(pid)
    assert not (cli.state / "spin").exists()


def test_detached_linux_program_gets_end_of_file_on_stdin(cli):
    # cat reads its stdin to the end: a detached program's stdin is empty, not a hang.
    r = cli("run", "-d", "--tcg", "--name", "cat", "/bin/busybox", "--", "sh", "-c",
            "cat; echo done; echo oops >&2; exit 3")
    assert r.returncode == 0, r.stderr
    logs = cli("logs", "-f", "cat")
    assert logs.stdout == "done\n"
    assert "oops" in logs.stderr
    assert ps_row(cli, "cat", "-a")[1:3] == ["exited", "(3)"]


def test_duplicate_and_unknown_names(cli):
    assert cli("run", "-d", "--tcg", "--name", "one", images.image("hello")).returncode == 0
    dup = cli("run", "-d", "--tcg", "--name", "one", images.image("hello"))
    assert "an instance named one already exists" in one_line_error(dup)
    for cmd in (["logs"], ["stop"], ["rm"]):
        assert "no such instance: nope" in one_line_error(cli(*cmd, "nope"))


@pytest.mark.parametrize("args, message", [
    (["--name", "-bad", "-d"], "invalid name '-bad'"),
    (["--name", "a/b", "-d"], "invalid name 'a/b'"),
    (["--name", "x"], "--name names a detached instance: add -d"),
])
def test_bad_instance_options(cli, args, message):
    r = cli("run", "--tcg", *args, images.image("hello"))
    assert r.returncode == 2
    assert message in one_line_error(r)
    assert not cli.state.exists() or not any(cli.state.iterdir())


def test_qemu_failing_to_start_is_reported_and_logged(cli):
    r = cli("run", "-d", "--tcg", "-m", "4000G", "--name", "big", images.image("hello"))
    assert "big did not start: QEMU exited as it started" in one_line_error(r)
    assert "cannot set up guest memory" in cli("logs", "big").stderr
    assert ps_row(cli, "big", "-a")[1:3] == ["exited", "(125)"]


def test_bad_input_leaves_no_instance(cli):
    r = cli("run", "-d", "--tcg", "-m", "1G", "--name", "bad", "--append", "x",
            os.path.join(TOP, "README.md"))
    assert "is not an ELF image" in one_line_error(r)
    assert not (cli.state / "bad").exists()


@pytest.mark.parametrize("cmd", [["ps"], ["logs"], ["stop"], ["rm"]])
def test_instance_commands_have_help(cli, cmd):
    r = cli(*cmd, "--help")
    assert r.returncode == 0
    assert r.stdout.startswith("usage: tessera " + cmd[0])
