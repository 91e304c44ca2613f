"""A private containerd for tests: its own config, sockets and state under a temporary directory,
tessera-runtime registered as the CRI runtime handler "tessera", stopped by pid with every shim
it started.

containerd 1.6 still puts shim sockets under /run/containerd/s (the shims remove them), ctr its
FIFOs under /run/containerd/fifo and runc's state under /run/containerd/runc unless told
otherwise: ctr() passes --fifo-dir, and the runtime root is given per run (--runc-root) and in
the CRI handler's options.  root lacks CAP_SYS_RESOURCE here, hence restrict_oom_score_adj.
"""
import hashlib
import os
import shutil
import signal
import subprocess
import time

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RUNTIME = os.path.join(TOP, "build", "tools", "tessera-runtime")
START_TIMEOUT = 60
CTR_TIMEOUT = 120

CONFIG = """\
version = 2
root = "{dir}/root"
state = "{dir}/state"
[grpc]
  address = "{dir}/containerd.sock"
[ttrpc]
  address = "{dir}/containerd.sock.ttrpc"
[plugins."io.containerd.grpc.v1.cri"]
  restrict_oom_score_adj = true
  sandbox_image = "{sandbox_image}"
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "{dir}/cni/bin"
    conf_dir = "{dir}/cni/net.d"
  [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
    runtime_type = "io.containerd.runc.v2"
  [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.tessera]
    runtime_type = "io.containerd.runc.v2"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.tessera.options]
      BinaryName = "{runtime}"
      Root = "{dir}/runtime"
"""


def unavailable():
    """Why containerd cannot run here, or None."""
    if not shutil.which("containerd") or not shutil.which("ctr"):
        return "containerd is not installed (tools/deps.sh test installs it)"
    if os.geteuid() != 0:
        return "containerd needs root"
    return None


def build_runtime():
    subprocess.run(["make", "-s", "-C", os.path.join(TOP, "tools", "runtime")], check=True)


class Containerd:
    def __init__(self, directory, sandbox_image="docker.io/tessera/pause:1"):
        self.dir = str(directory)
        self.address = os.path.join(self.dir, "containerd.sock")
        self.runtime_root = os.path.join(self.dir, "runtime")
        self.fifo_dir = os.path.join(self.dir, "fifo")
        self.log_path = os.path.join(self.dir, "containerd.log")
        for sub in ("cni/bin", "cni/net.d", "fifo"):
            os.makedirs(os.path.join(self.dir, sub), exist_ok=True)
        config = os.path.join(self.dir, "config.toml")
        with open(config, "w") as f:
            f.write(CONFIG.format(dir=self.dir, runtime=RUNTIME, sandbox_image=sandbox_image))
        with open(self.log_path, "w") as log:
            self.proc = subprocess.Popen(["containerd", "--config", config], stdout=log,
                                         stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                         start_new_session=True)
        deadline = time.monotonic() + START_TIMEOUT
        while self.ctr("version").returncode != 0:
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"containerd did not start; see {self.log_path}")
            time.sleep(0.2)

    def ctr(self, *args, timeout=CTR_TIMEOUT, **kwargs):
        if "input" not in kwargs:
            kwargs.setdefault("stdin", subprocess.DEVNULL)
        return subprocess.run(["ctr", "--address", self.address, *args], capture_output=True,
                              text=True, timeout=timeout, **kwargs)

    def run_args(self):
        """ctr run's options for the Tessera runtime (through the runc shim)."""
        return ["--fifo-dir", self.fifo_dir, "--runc-binary", RUNTIME,
                "--runc-root", self.runtime_root]

    def shims(self):
        """The pids of the shims this containerd started (they outlive it)."""
        out = subprocess.run(["pgrep", "-f", f"containerd-shim.*-address {self.address}"],
                             capture_output=True, text=True).stdout
        return [int(p) for p in out.split()]

    def clear(self):
        """Delete every task and container, so that their shims exit by themselves."""
        for ns in self.ctr("namespace", "ls", "-q").stdout.split():
            for task in self.ctr("-n", ns, "task", "ls", "-q").stdout.split():
                self.ctr("-n", ns, "task", "delete", "-f", task)
            for container in self.ctr("-n", ns, "container", "ls", "-q").stdout.split():
                self.ctr("-n", ns, "container", "delete", container)
            for parent in (f"/sys/fs/cgroup/{h}/{ns}" for h in os.listdir("/sys/fs/cgroup")):
                try:  # the runtime leaves a namespace's parent group, as runc does
                    os.rmdir(parent)
                except OSError:
                    pass

    def stop(self):
        if self.proc.poll() is None:
            self.clear()
        deadline = time.monotonic() + 20
        while self.shims() and time.monotonic() < deadline:
            time.sleep(0.1)
        for pid in self.shims():  # a shim that would not go: its socket goes with it
            with open(f"/proc/{pid}/cmdline") as f:
                args = f.read().split("\0")
            ns, cid = args[args.index("-namespace") + 1], args[args.index("-id") + 1]
            digest = hashlib.sha256(f"{self.address}/{ns}/{cid}".encode()).hexdigest()
            os.kill(pid, signal.SIGKILL)
            try:
                os.unlink(f"/run/containerd/s/{digest}")
            except FileNotFoundError:
                pass
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        # Container root file systems the shims had mounted.
        with open("/proc/self/mounts") as f:
            mounts = [line.split()[1] for line in f if line.split()[1].startswith(self.dir)]
        for mount in sorted(mounts, reverse=True):
            subprocess.run(["umount", "-l", mount], capture_output=True)
