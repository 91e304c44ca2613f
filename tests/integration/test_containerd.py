"""Tessera images under the real containerd (Debian's 1.6) and its runc shim, with
tessera-runtime as the shim's runtime binary: import, run, kill, delete, and nothing left."""
import json
import os
import pty
import random
import subprocess
import time

import pytest

import containerd
import images
from conftest import tessera

TIMEOUT = 120
IMAGES = {  # name: (what tessera pkg packages, its default arguments)
    "docker.io/tessera/exit:1": (images.image("exit-status"), ["0"]),
    "docker.io/tessera/spin:1": (images.image("args"), ["--spin"]),
    "docker.io/tessera/busybox:1": ("/bin/busybox", ["sh", "-c", "echo hello from busybox"]),
}
EXIT, SPIN, BUSYBOX = IMAGES


@pytest.fixture(scope="module")
def ctrd(tmp_path_factory):
    reason = containerd.unavailable()
    if reason:
        pytest.skip(reason)
    containerd.build_runtime()
    tmp = tmp_path_factory.mktemp("containerd")
    daemon = containerd.Containerd(tmp)
    try:
        for name, (target, args) in IMAGES.items():
            layout = tmp / (name.split("/")[-1].replace(":", "-") + ".tar")
            r = tessera("pkg", target, "--name", name, "-m", "16", "-o", str(layout), "--", *args,
                        timeout=300)
            assert r.returncode == 0, r.stderr
            r = daemon.ctr("image", "import", str(layout))
            assert r.returncode == 0, r.stderr
        yield daemon
    finally:
        daemon.stop()


def run(ctrd, image, cid, *args, options=(), **kwargs):
    return ctrd.ctr("run", "--rm", *ctrd.run_args(), *options, image, cid, *args, **kwargs)


def task_status(ctrd, cid):
    for line in ctrd.ctr("task", "ls").stdout.splitlines()[1:]:
        fields = line.split()
        if fields[0] == cid:
            return fields[2]
    return None


def wait_status(ctrd, cid, status):
    deadline = time.monotonic() + TIMEOUT
    while task_status(ctrd, cid) != status:
        assert time.monotonic() < deadline, f"{cid} never {status}"
        time.sleep(0.1)


def task_pids(ctrd, cid):
    return [int(line.split()[0]) for line in ctrd.ctr("task", "ps", cid).stdout.splitlines()[1:]]


def delete(ctrd, cid):
    """Delete the stopped task and its container; returns the exit status ctr reports."""
    r = ctrd.ctr("task", "delete", cid)
    assert r.returncode == 0, r.stderr
    assert ctrd.ctr("container", "delete", cid).returncode == 0
    return int(r.stderr.split("exit code ")[1].split('"')[0]) if "exit code" in r.stderr else 0


def gone(pids):
    deadline = time.monotonic() + TIMEOUT
    while any(os.path.exists(f"/proc/{p}") for p in pids):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_images_are_imported(ctrd):
    listed = ctrd.ctr("image", "ls", "-q").stdout.split()
    assert set(IMAGES) <= set(listed)


@pytest.mark.parametrize("args, status", [([], 0), (["exit-status", "3"], 3),
                                          (["exit-status", "255"], 255)])
def test_exit_status_is_the_tasks(ctrd, args, status):
    r = run(ctrd, EXIT, f"exit{status}", *args)
    assert r.returncode == status, r.stderr


def test_linux_program_streams_and_environment(ctrd):
    r = run(ctrd, BUSYBOX, "streams", "/bin/busybox", "sh", "-c",
            "echo out; echo err >&2; echo $GREETING; exit 5", options=["--env", "GREETING=hi"])
    assert r.returncode == 5
    assert r.stdout == "out\nhi\n"
    assert "err\n" in r.stderr


def test_default_command_and_stdin(ctrd):
    assert run(ctrd, BUSYBOX, "default").stdout == "hello from busybox\n"
    # ctr ends a task's stdin only once the task exists: close ours after that.
    proc = subprocess.Popen(["ctr", "--address", ctrd.address, "run", "--rm", *ctrd.run_args(),
                             BUSYBOX, "stdin", "/bin/busybox", "wc", "-c"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        proc.stdin.write("twelve bytes")
        proc.stdin.flush()
        wait_status(ctrd, "stdin", "RUNNING")
        proc.stdin.close()
        assert proc.stdout.read().strip() == "12"
        assert proc.wait(timeout=TIMEOUT) == 0
    finally:
        proc.kill()


def test_memory_limit_is_guest_memory(ctrd):
    r = run(ctrd, BUSYBOX, "memory", "/bin/busybox", "head", "-n1", "/proc/meminfo",
            options=["--memory-limit", str(48 << 20)])
    total_kib = int(r.stdout.split()[1])
    assert 40 << 10 < total_kib <= 48 << 10, r.stdout  # 16 MiB is the image's default


def test_terminal(ctrd):
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp("ctr", ["ctr", "--address", ctrd.address, "run", "--rm", "-t",
                          *ctrd.run_args(), BUSYBOX, "tty", "/bin/busybox", "sh", "-c",
                          "tty; exit 4"])
    out = b""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        try:
            data = os.read(fd, 4096)
        except OSError:  # the terminal closed
            break
        if not data:
            break
        out += data
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 4
    assert out == b"/dev/console\r\n"


def test_detached_task_kill_and_delete(ctrd, tmp_path):
    r = ctrd.ctr("run", "-d", *ctrd.run_args(), SPIN, "spin")
    assert r.returncode == 0, r.stderr
    assert task_status(ctrd, "spin") == "RUNNING"
    monitor, qemu = pids = task_pids(ctrd, "spin")
    assert "qemu-system-x86_64" in open(f"/proc/{qemu}/cmdline").read()
    assert "/default/spin" in open(f"/proc/{qemu}/cgroup").read()  # ctr's cgroupsPath
    metrics = ctrd.ctr("task", "metrics", "spin").stdout
    usage = next(line.split()[1] for line in metrics.splitlines()
                 if line.startswith("memory.usage_in_bytes"))
    assert int(usage) > 16 << 20  # the guest's memory is QEMU's, and counted
    assert ctrd.ctr("task", "pause", "spin").returncode == 0
    assert task_status(ctrd, "spin") == "PAUSED"
    assert ctrd.ctr("task", "resume", "spin").returncode == 0
    assert task_status(ctrd, "spin") == "RUNNING"
    r = ctrd.ctr("task", "exec", "--exec-id", "sh", "spin", "/bin/sh")
    assert r.returncode != 0 and "exec is not supported" in r.stderr
    assert ctrd.ctr("task", "kill", "spin").returncode == 0  # SIGTERM: the guest stops itself
    wait_status(ctrd, "spin", "STOPPED")
    assert ctrd.ctr("task", "kill", "spin").returncode == 0  # again, on a stopped task
    assert delete(ctrd, "spin") == 143
    assert gone(pids)
    assert not os.path.exists(os.path.join(ctrd.runtime_root, "default", "spin"))


def test_sigkill(ctrd):
    assert ctrd.ctr("run", "-d", *ctrd.run_args(), SPIN, "spin9").returncode == 0
    pids = task_pids(ctrd, "spin9")
    assert ctrd.ctr("task", "kill", "-s", "SIGKILL", "spin9").returncode == 0
    wait_status(ctrd, "spin9", "STOPPED")
    assert delete(ctrd, "spin9") == 137
    assert gone(pids)


def test_not_a_tessera_image(ctrd, tmp_path):
    (tmp_path / "plain").mkdir()
    r = ctrd.ctr("run", "--rm", *ctrd.run_args(), "--rootfs", str(tmp_path / "plain"), "plain",
                 "/bin/sh")
    assert r.returncode != 0
    assert "is not a Tessera image (tessera pkg makes them)" in r.stderr
    ctrd.ctr("container", "delete", "plain")


def cgroup_left(path):
    return any(os.path.isdir(f"/sys/fs/cgroup/{h}{path}") for h in os.listdir("/sys/fs/cgroup"))


def test_random_sequences_leave_nothing(ctrd):
    """Tasks run, paused, resumed, killed (TERM or KILL) and deleted (forced or not) in random
    orders: afterwards no QEMU, monitor, shim, runtime state or cgroup of theirs remains."""
    rng = random.Random(11)
    pids = []
    for i in range(8):
        cid = f"rand{i}"
        assert ctrd.ctr("run", "-d", *ctrd.run_args(), SPIN, cid).returncode == 0
        pids += task_pids(ctrd, cid)
        for op in rng.choices(["pause", "resume", "kill", "kill -s SIGKILL", "delete -f"],
                              k=rng.randint(1, 4)):
            ctrd.ctr("task", *op.split(), cid)
        ctrd.ctr("task", "delete", "-f", cid)  # whatever state it is in, if it is still there
        assert task_status(ctrd, cid) is None
        assert ctrd.ctr("container", "delete", cid).returncode == 0
    assert gone(pids)
    assert ctrd.ctr("task", "ls", "-q").stdout.split() == []
    assert os.listdir(os.path.join(ctrd.runtime_root, "default")) == []
    assert not any(cgroup_left(f"/default/rand{i}") for i in range(8))
    assert gone(ctrd.shims()), "shims left behind"
