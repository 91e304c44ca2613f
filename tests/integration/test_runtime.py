"""tessera-runtime driven directly, as containerd's runc shim drives it: every call is
`tessera-runtime --root R --log BUNDLE/log.json --log-format json COMMAND ...` from the bundle."""
import gzip
import io
import json
import os
import random
import subprocess
import tarfile
import time

import pytest

import images
from conftest import tessera
from containerd import RUNTIME, build_runtime

TIMEOUT = 90
CGROUP_PARENT = "/tessera-test"


def unpack_image(layout, rootfs):
    """The layers of a `tessera pkg` image, unpacked into rootfs (what a snapshotter does)."""
    with tarfile.open(layout) as tar:
        blob = lambda digest: tar.extractfile("blobs/sha256/" + digest.split(":")[1]).read()
        index = json.loads(tar.extractfile("index.json").read())
        manifest = json.loads(blob(index["manifests"][0]["digest"]))
        for layer in manifest["layers"]:
            with tarfile.open(fileobj=io.BytesIO(gzip.decompress(blob(layer["digest"])))) as t:
                t.extractall(rootfs)


@pytest.fixture(scope="module")
def image_rootfs(tmp_path_factory):
    build_runtime()
    tmp = tmp_path_factory.mktemp("image")
    layout = tmp / "spin.tar"
    r = tessera("pkg", images.image("args"), "--name", "spin", "-m", "8", "-o", str(layout),
                "--", "--spin")
    assert r.returncode == 0, r.stderr
    unpack_image(layout, tmp / "rootfs")
    return tmp / "rootfs"


class Runtime:
    def __init__(self, root, bundle):
        self.root, self.bundle = str(root), str(bundle)
        self.log = os.path.join(self.bundle, "log.json")

    def __call__(self, *args):
        """Run a command; create's stdio is the container's (files, as the shim's pipes: a
        capture pipe would stay open in the monitor), the others' is captured."""
        command = [RUNTIME, "--root", self.root, "--log", self.log, "--log-format", "json", *args]
        if "create" not in args:
            return subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT,
                                  cwd=self.bundle, stdin=subprocess.DEVNULL)
        with open(os.path.join(self.bundle, "stdout"), "w") as out, \
                open(os.path.join(self.bundle, "stderr"), "w+") as err:
            r = subprocess.run(command, stdout=out, stderr=err, timeout=TIMEOUT, cwd=self.bundle,
                               stdin=subprocess.DEVNULL)
            err.seek(0)
            return subprocess.CompletedProcess(r.args, r.returncode, "", err.read())

    def state(self, cid):
        r = self("state", cid)
        assert r.returncode == 0, r.stderr
        return json.loads(r.stdout)

    def last_error(self):
        with open(self.log) as f:
            entry = json.loads(f.read().splitlines()[-1])
        assert entry["level"] == "error" and entry["time"]
        return entry["msg"]


@pytest.fixture
def runtime(tmp_path, image_rootfs):
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    (bundle / "rootfs").symlink_to(image_rootfs)
    rt = Runtime(tmp_path / "root", bundle)
    yield rt
    for pid_file in (tmp_path / "root").glob("*/qemu.pid"):  # what a failed test left
        subprocess.run(["kill", "-9", pid_file.read_text().strip()], capture_output=True)
    for hierarchy in os.listdir("/sys/fs/cgroup"):  # the parent the runtime leaves, as runc
        try:
            os.rmdir(f"/sys/fs/cgroup/{hierarchy}{CGROUP_PARENT}")
        except OSError:
            pass


def write_config(rt, cid, args=("spin", "--spin"), **extra):
    config = {"ociVersion": "1.0.2", "process": {"args": list(args), "cwd": "/", "env": []},
              "root": {"path": "rootfs"}, "linux": {"cgroupsPath": f"{CGROUP_PARENT}/{cid}"}}
    config.update(extra)
    with open(os.path.join(rt.bundle, "config.json"), "w") as f:
        json.dump(config, f)


def create(rt, cid):
    write_config(rt, cid)
    r = rt("create", "--bundle", rt.bundle, "--pid-file", os.path.join(rt.bundle, "pid"), cid)
    assert r.returncode == 0, r.stderr
    return int(open(os.path.join(rt.bundle, "pid")).read())


def wait_stopped(rt, cid):
    deadline = time.monotonic() + TIMEOUT
    while rt.state(cid)["status"] != "stopped":
        assert time.monotonic() < deadline, f"{cid} did not stop"
        time.sleep(0.05)


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as f:
        return f.read().split(")")[-1].split()[0] != "Z"


def cgroup_dirs(cid):
    return [d for d in (f"/sys/fs/cgroup/{h}{CGROUP_PARENT}/{cid}" for h in os.listdir("/sys/fs/cgroup"))
            if os.path.isdir(d)]


def test_lifecycle(runtime):
    pid = create(runtime, "c1")
    state = runtime.state("c1")
    assert (state["status"], state["pid"], state["id"]) == ("created", pid, "c1")
    assert state["bundle"] == runtime.bundle and state["ociVersion"]
    pids = json.loads(runtime("ps", "--format", "json", "c1").stdout)
    assert pids[0] == pid and len(pids) == 2  # the monitor, then QEMU
    qemu = pids[1]
    assert "qemu-system-x86_64" in open(f"/proc/{qemu}/cmdline").read()
    assert f"{CGROUP_PARENT}/c1" in open(f"/proc/{qemu}/cgroup").read()
    assert runtime("start", "c1").returncode == 0
    assert runtime.state("c1")["status"] == "running"
    assert runtime("pause", "c1").returncode == 0
    assert runtime.state("c1")["status"] == "paused"
    assert runtime("resume", "c1").returncode == 0
    assert runtime("kill", "c1", "TERM").returncode == 0
    wait_stopped(runtime, "c1")
    assert runtime.state("c1")["pid"] == 0
    assert open(os.path.join(runtime.root, "c1", "status")).read() == "143\n"
    assert runtime("kill", "c1", "KILL").returncode == 0  # a stopped container: fine
    assert runtime("delete", "c1").returncode == 0
    assert runtime("delete", "c1").returncode == 0  # idempotent
    assert not alive(pid) and not alive(qemu)
    assert not os.path.exists(os.path.join(runtime.root, "c1"))
    assert cgroup_dirs("c1") == []


def test_kill_before_start_and_forced_delete(runtime):
    create(runtime, "c2")
    assert runtime("kill", "c2", "15").returncode == 0
    wait_stopped(runtime, "c2")
    assert open(os.path.join(runtime.root, "c2", "status")).read() == "143\n"
    assert runtime("delete", "c2").returncode == 0
    pid = create(runtime, "c3")
    assert runtime("start", "c3").returncode == 0
    r = runtime("delete", "c3")
    assert r.returncode != 0
    assert runtime.last_error() == 'cannot delete container "c3" that is not stopped: running'
    assert runtime("delete", "--force", "c3").returncode == 0
    assert not alive(pid) and cgroup_dirs("c3") == []


@pytest.mark.parametrize("args, message", [
    (["start", "nope"], 'container "nope" does not exist'),
    (["state", "nope"], 'container "nope" does not exist'),
    (["kill", "nope", "KILL"], 'container "nope" does not exist'),
    (["exec", "c", "sh"], "exec is not supported"),
    (["create", "--bundle", "/nonexistent", "c"], "bundle: No such file or directory"),
    (["create", "bad/id"], "invalid container id 'bad/id'"),
    (["checkpoint", "c"], "unknown command 'checkpoint'"),
])
def test_errors_are_json_lines(runtime, args, message):
    r = runtime(*args)
    assert r.returncode != 0
    assert message in runtime.last_error()
    assert r.stderr.startswith("tessera-runtime: ")


def test_not_a_tessera_image(runtime, tmp_path):
    (tmp_path / "plain").mkdir()
    write_config(runtime, "c4", root={"path": str(tmp_path / "plain")})
    r = runtime("create", "--bundle", runtime.bundle, "c4")
    assert r.returncode != 0
    assert "is not a Tessera image (tessera pkg makes them)" in runtime.last_error()
    assert not os.path.exists(os.path.join(runtime.root, "c4"))


def test_signals(runtime):
    create(runtime, "c5")
    assert runtime("start", "c5").returncode == 0
    assert runtime("kill", "c5", "SIGSTOP").returncode != 0
    assert "cannot be delivered to a unikernel" in runtime.last_error()
    assert runtime("kill", "c5", "CONT").returncode == 0  # ignored, as by a process
    assert runtime.state("c5")["status"] == "running"
    assert runtime("kill", "c5", "SIGKILL").returncode == 0
    wait_stopped(runtime, "c5")
    assert runtime("delete", "c5").returncode == 0
    # HUP ends the guest as it ends a process without a handler: QEMU goes with its monitor.
    create(runtime, "c6")
    qemu = json.loads(runtime("ps", "--format", "json", "c6").stdout)[1]
    assert runtime("start", "c6").returncode == 0
    assert runtime("kill", "c6", "HUP").returncode == 0
    wait_stopped(runtime, "c6")
    deadline = time.monotonic() + TIMEOUT
    while alive(qemu):
        assert time.monotonic() < deadline, "QEMU outlived its monitor"
        time.sleep(0.05)
    assert runtime("delete", "c6").returncode == 0


def test_features(runtime):
    features = json.loads(runtime("features").stdout)
    assert features["ociVersionMin"] == "1.0.0"
    assert features["linux"]["cgroup"]["v1"] is True


def test_random_sequences_leave_nothing(runtime):
    """create/start/pause/resume/kill/delete in random orders, legal or not: afterwards no
    process, state directory or cgroup of any container remains."""
    rng = random.Random(7)
    ops = ["start", "pause", "resume", "kill TERM", "kill KILL", "state", "delete",
           "delete --force"]
    processes = []
    for i in range(12):
        cid = f"r{i}"
        monitor = create(runtime, cid)
        processes.append(monitor)
        processes += json.loads(runtime("ps", "--format", "json", cid).stdout)
        for op in rng.choices(ops, k=rng.randint(1, 5)):
            word, *rest = op.split()
            r = runtime(word, *rest, cid) if word != "kill" else runtime("kill", cid, *rest)
            if word == "delete" and r.returncode == 0:
                break
        else:
            assert runtime("delete", "--force", cid).returncode == 0
    deadline = time.monotonic() + TIMEOUT
    while any(alive(p) for p in processes):
        assert time.monotonic() < deadline, "processes left behind"
        time.sleep(0.05)
    assert os.listdir(runtime.root) == []
    assert all(cgroup_dirs(f"r{i}") == [] for i in range(12))
