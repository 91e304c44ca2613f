"""The kubelet's path: containerd's CRI with the runtime handler "tessera": host-network pods, and
a pod on a CNI bridge network (Debian's containernetworking-plugins) whose nginx answers on the
pod's IP."""
import json
import os
import random
import shutil
import subprocess
import time

import pytest

import containerd
import cri
import images
from conftest import tessera, free_port

TIMEOUT = 120
PAUSE = "docker.io/tessera/pause:1"  # the sandbox image: tessera-runtime never boots it
BUSYBOX = "docker.io/tessera/busybox:1"
SPIN = "docker.io/tessera/spin:1"
NGINX = "docker.io/tessera/nginx:1"


# nginx's port, published by its image: a host-network pod serves it on the node's addresses.
NGINX_PORT = free_port()
IMAGES = {PAUSE: (images.image("hello"), [], []), BUSYBOX: ("/bin/busybox", ["true"], []),
          SPIN: (images.image("args"), ["--spin"], []),
          NGINX: ("/usr/sbin/nginx", ["-e", "stderr", "-p", "/tmp", "-c", "/srv/nginx.conf"],
                  ["-p", str(NGINX_PORT)])}
CGROUP_PARENT = "/tessera-pods"
CNI_PLUGINS = "/usr/lib/cni"
# A bridge of its own and a random /24, so that parallel runs do not meet.
CNI_NET = random.randrange(1, 250)
CNI_BRIDGE = f"tscni{CNI_NET}"
CNI_CONFIG = {
    "cniVersion": "0.4.0", "name": "tessera-test",
    "plugins": [{"type": "bridge", "bridge": CNI_BRIDGE, "isGateway": True, "ipMasq": False,
                 "ipam": {"type": "host-local", "subnet": f"10.234.{CNI_NET}.0/24",
                          "routes": [{"dst": "0.0.0.0/0"}]}}]}
NGINX_CONF = """daemon off;
master_process off;
worker_processes 1;
pid /tmp/nginx.pid;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path /tmp;
    proxy_temp_path /tmp;
    fastcgi_temp_path /tmp;
    uwsgi_temp_path /tmp;
    scgi_temp_path /tmp;
    server {
        listen {port};
        root /srv/www;
    }
}
"""


def cni_setup(directory):
    """The bridge, host-local and loopback plugins, and the network every non-host pod joins."""
    for plugin in ("bridge", "host-local", "loopback"):
        os.symlink(os.path.join(CNI_PLUGINS, plugin), directory / "cni" / "bin" / plugin)
    config = dict(CNI_CONFIG)
    config["plugins"][0]["ipam"]["dataDir"] = str(directory / "cni" / "ipam")
    (directory / "cni" / "net.d" / "10-tessera.conflist").write_text(json.dumps(config))


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    reason = containerd.unavailable() or cri.unavailable()
    if reason:
        pytest.skip(reason)
    containerd.build_runtime()
    tmp = tmp_path_factory.mktemp("cri")
    os.makedirs(tmp / "cni" / "bin")
    os.makedirs(tmp / "cni" / "net.d")
    if os.path.exists(os.path.join(CNI_PLUGINS, "bridge")):
        cni_setup(tmp)
    daemon = containerd.Containerd(tmp, sandbox_image=PAUSE)
    try:
        for name, (target, args, publish) in IMAGES.items():
            layout = tmp / (name.split("/")[-1].replace(":", "-") + ".tar")
            r = tessera("pkg", target, "--name", name, "-o", str(layout), *publish, "--", *args,
                        timeout=300)
            assert r.returncode == 0, r.stderr
            r = daemon.ctr("-n", "k8s.io", "image", "import", str(layout))
            assert r.returncode == 0, r.stderr
        c = cri.Client(daemon.address)
        c.daemon, c.logs = daemon, tmp / "logs"
        yield c
        c.close()
    finally:
        daemon.stop()
        for hierarchy in os.listdir("/sys/fs/cgroup"):
            try:
                os.rmdir(f"/sys/fs/cgroup/{hierarchy}{CGROUP_PARENT}")
            except OSError:
                pass
        subprocess.run(["ip", "link", "del", CNI_BRIDGE], stderr=subprocess.DEVNULL)


def run_pod(c, name, host_network=True):
    """A pod on the tessera handler: on the host's network (no hostname: the node's), or on the
    CNI network."""
    pb = c.pb
    config = pb.PodSandboxConfig(
        metadata=pb.PodSandboxMetadata(name=name, uid=f"uid-{name}", namespace="default"),
        hostname="" if host_network else name,
        log_directory=str(c.logs / name),
        linux=pb.LinuxPodSandboxConfig(
            cgroup_parent=f"{CGROUP_PARENT}/{name}",
            security_context=pb.LinuxSandboxSecurityContext(
                namespace_options=pb.NamespaceOption(
                    network=pb.NODE if host_network else pb.POD))))
    os.makedirs(config.log_directory, exist_ok=True)
    sandbox = c.runtime.RunPodSandbox(pb.RunPodSandboxRequest(config=config,
                                                              runtime_handler="tessera"))
    return sandbox.pod_sandbox_id, config


def start_container(c, sandbox, config, name, image, args=(), mounts=()):
    pb = c.pb
    container = pb.ContainerConfig(metadata=pb.ContainerMetadata(name=name),
                                   image=pb.ImageSpec(image=image), args=list(args),
                                   log_path=f"{name}.log",
                                   mounts=[pb.Mount(host_path=h, container_path=g)
                                           for h, g in mounts])
    cid = c.runtime.CreateContainer(pb.CreateContainerRequest(
        pod_sandbox_id=sandbox, config=container, sandbox_config=config)).container_id
    c.runtime.StartContainer(pb.StartContainerRequest(container_id=cid))
    return cid


def wait_exited(c, cid):
    deadline = time.monotonic() + TIMEOUT
    while True:
        status = c.runtime.ContainerStatus(c.pb.ContainerStatusRequest(container_id=cid)).status
        if status.state == c.pb.CONTAINER_EXITED:
            return status
        assert time.monotonic() < deadline, f"{cid} did not exit"
        time.sleep(0.1)


def eventually(condition):
    """containerd deletes a sandbox's task when it sees the exit, after the CRI call returns."""
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def remove_pod(c, sandbox):
    c.runtime.StopPodSandbox(c.pb.StopPodSandboxRequest(pod_sandbox_id=sandbox))
    c.runtime.RemovePodSandbox(c.pb.RemovePodSandboxRequest(pod_sandbox_id=sandbox))


def log_lines(c, pod, name):
    """The messages of a CRI log file: "TIME STREAM TAG MESSAGE" lines."""
    with open(c.logs / pod / f"{name}.log") as f:
        return [line.rstrip("\n").split(" ", 3)[1:] for line in f]


def test_pod_prints_and_exits(client):
    sandbox, config = run_pod(client, "hello")
    sandboxes = client.runtime.ListPodSandbox(client.pb.ListPodSandboxRequest()).items
    assert [(s.id, s.state) for s in sandboxes] == [(sandbox, client.pb.SANDBOX_READY)]
    cid = start_container(client, sandbox, config, "greeter", BUSYBOX,
                          ["sh", "-c", "echo from the pod; echo to stderr >&2; exit 3"])
    status = wait_exited(client, cid)
    assert (status.exit_code, status.reason) == (3, "Error")
    assert status.image.image == BUSYBOX
    # The two streams are copied by two goroutines: their lines' order in the log varies.
    assert sorted(log_lines(client, "hello", "greeter")) == [["stderr", "F", "to stderr"],
                                                             ["stdout", "F", "from the pod"]]
    client.runtime.RemoveContainer(client.pb.RemoveContainerRequest(container_id=cid))
    remove_pod(client, sandbox)
    assert len(client.runtime.ListPodSandbox(client.pb.ListPodSandboxRequest()).items) == 0
    assert os.listdir(os.path.join(client.daemon.dir, "runtime", "k8s.io")) == []


def test_stop_container_stops_the_guest(client):
    sandbox, config = run_pod(client, "server")
    cid = start_container(client, sandbox, config, "spin", SPIN)
    qemu_pids = [int(p) for p in client.daemon.ctr("-n", "k8s.io", "task", "ps", cid)
                 .stdout.split()[2::2]]
    assert client.runtime.ContainerStatus(client.pb.ContainerStatusRequest(
        container_id=cid)).status.state == client.pb.CONTAINER_RUNNING
    # The kubelet's stop: SIGTERM, then SIGKILL after the grace period; the guest stops itself.
    client.runtime.StopContainer(client.pb.StopContainerRequest(container_id=cid, timeout=30))
    assert wait_exited(client, cid).exit_code == 143
    client.runtime.RemoveContainer(client.pb.RemoveContainerRequest(container_id=cid))
    remove_pod(client, sandbox)
    assert not any(os.path.exists(f"/proc/{p}") for p in qemu_pids)
    assert eventually(lambda: client.daemon.ctr("-n", "k8s.io", "task", "ls", "-q").stdout
                      .split() == []), "a task is left after the pod is removed"
    assert not any(os.path.isdir(f"/sys/fs/cgroup/{h}{CGROUP_PARENT}/server/{cid}")
                   for h in os.listdir("/sys/fs/cgroup"))


def serve_page(tmp_path):
    """A page for nginx (NGINX_CONF, the image's command) to serve; the folder to mount on /srv."""
    (tmp_path / "www").mkdir()
    (tmp_path / "www" / "index.html").write_text("hello from a Tessera pod\n")
    (tmp_path / "nginx.conf").write_text(NGINX_CONF.replace("{port}", str(NGINX_PORT)))
    return str(tmp_path)


def fetch(url):
    """curl until the page comes or TIMEOUT passes; the last attempt."""
    deadline = time.monotonic() + TIMEOUT
    while True:
        r = subprocess.run(["curl", "-sf", "--noproxy", "*", "-m", "10", url],
                           capture_output=True, text=True, timeout=30)
        if r.returncode == 0 or time.monotonic() > deadline:
            return r
        time.sleep(0.5)


def nginx_serves(c, sandbox, config, pod, address, srv):
    """nginx in the pod answers on address with the page in srv; then it is stopped and removed."""
    cid = start_container(c, sandbox, config, "nginx", NGINX, mounts=[(srv, "/srv")])
    r = fetch(f"http://{address}:{NGINX_PORT}/")
    assert r.stdout == "hello from a Tessera pod\n", (r.returncode, r.stderr,
                                                      log_lines(c, pod, "nginx"))
    c.runtime.StopContainer(c.pb.StopContainerRequest(container_id=cid, timeout=30))
    wait_exited(c, cid)
    c.runtime.RemoveContainer(c.pb.RemoveContainerRequest(container_id=cid))


def test_nginx_pod_answers_on_its_pod_ip(client, tmp_path):
    if not os.path.exists(os.path.join(CNI_PLUGINS, "bridge")):
        pytest.skip("the CNI plugins are not installed (containernetworking-plugins)")
    if not shutil.which("tc"):
        pytest.skip("tc is not installed (iproute2)")
    srv = serve_page(tmp_path)
    sandbox, config = run_pod(client, "web", host_network=False)
    # The pod's network namespace and veth go with the sandbox, whatever happens here.
    try:
        status = client.runtime.PodSandboxStatus(client.pb.PodSandboxStatusRequest(
            pod_sandbox_id=sandbox)).status
        pod_ip = status.network.ip
        assert pod_ip.startswith(f"10.234.{CNI_NET}.")
        nginx_serves(client, sandbox, config, "web", pod_ip, srv)
    finally:
        remove_pod(client, sandbox)
    assert eventually(lambda: client.daemon.ctr("-n", "k8s.io", "task", "ls", "-q").stdout
                      .split() == []), "a task is left after the pod is removed"


def test_host_network_pod_serves_its_image_ports(client, tmp_path):
    srv = serve_page(tmp_path)
    sandbox, config = run_pod(client, "node-web")
    try:
        nginx_serves(client, sandbox, config, "node-web", "127.0.0.1", srv)
    finally:
        remove_pod(client, sandbox)
