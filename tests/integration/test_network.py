"""Networking end to end: host clients and guest servers (and the reverse) over virtio-net.

Servers are Debian's busybox applets, unmodified.  Under user networking
(`-p HOSTPORT:GUESTPORT`), the host reaches the guest through QEMU's forward on
127.0.0.1, and the guest reaches the host's loopback as 10.0.2.2.  With a tap
device (`--net tap:IFNAME`), the guest is a host of a network namespace made
for the test, with a static address or one from busybox's DHCP server; nothing
leaves that namespace.  Every guest runs under a timeout and is stopped at the
end of its test.
"""
import contextlib
import http.server
import os
import shutil
import signal
import subprocess
import threading
import time
import urllib.request

import pytest

from conftest import TESSERA, TOP, free_port

BUSYBOX = "/bin/busybox"
VM_TIMEOUT = 100
READY_TIMEOUT = 60
PAGE = b"<html><body>" + b"x" * 585 + b"</body></html>\n"  # 612 bytes, as nginx's page


@pytest.fixture(scope="session")
def images_built():
    """Overrides conftest's autouse check: these tests boot Linux programs, no test image."""


def wait_for_http(url, deadline):
    """The body of url once it answers, or fail at the deadline."""
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10) as r:
                return r.status, r.read()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@contextlib.contextmanager
def guest(args, log, netns=None, timeout=VM_TIMEOUT):
    """`tessera run ARGS` in the background (stopped after timeout seconds at the latest),
    interrupted (as Ctrl-C) when the block ends."""
    cmd = [TESSERA, "run", "--tcg", "--timeout", str(timeout), *args]
    if netns:
        cmd = ["ip", "netns", "exec", netns, *cmd]
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=TOP, stdin=subprocess.DEVNULL, stdout=out, stderr=out)
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture
def www(tmp_path):
    root = tmp_path / "www"
    root.mkdir()
    (root / "index.html").write_bytes(PAGE)
    (root / "big.bin").write_bytes(os.urandom(1 << 20))
    return root


def httpd_args(www):
    return ["-v", f"{www}:/www", BUSYBOX, "--", "httpd", "-f", "-p", "80", "-h", "/www"]


def fetch_both(base, www, deadline):
    status, body = wait_for_http(f"{base}/index.html", deadline)
    assert (status, body) == (200, PAGE)
    status, body = wait_for_http(f"{base}/big.bin", deadline)
    assert status == 200 and body == (www / "big.bin").read_bytes()


def test_httpd_serves_the_host_through_a_forwarded_port(www, tmp_path):
    port = free_port()
    log = tmp_path / "guest.log"
    with guest(["-p", f"{port}:80", *httpd_args(www)], log):
        fetch_both(f"http://127.0.0.1:{port}", www, time.monotonic() + READY_TIMEOUT)


def test_guest_fetches_from_a_server_on_the_host(tmp_path):
    (tmp_path / "served.txt").write_bytes(PAGE)
    handler = lambda *a: http.server.SimpleHTTPRequestHandler(  # noqa: E731
        *a, directory=str(tmp_path))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        port = server.server_address[1]
        r = subprocess.run([TESSERA, "run", "--tcg", "--timeout", str(VM_TIMEOUT), "--net",
                            "user", BUSYBOX, "--", "wget", "-q", "-O", "-",
                            f"http://10.0.2.2:{port}/served.txt"],
                           cwd=TOP, stdin=subprocess.DEVNULL, capture_output=True,
                           timeout=VM_TIMEOUT + 20)
        server.shutdown()
    assert r.returncode == 0, r.stderr.decode(errors="replace")
    assert r.stdout == PAGE


def test_network_options_are_checked():
    for args, message in [(["-p", "80"], "invalid -p"),
                          (["--net", "bridge"], "invalid --net"),
                          (["--ip", "10.0.0.2"], "invalid --ip"),
                          (["--net", "user", "--ip", "10.0.0.2/24"], "--ip and --gw"),
                          (["--net", "tap:tap9", "-p", "80:80"], "-p forwards")]:
        r = subprocess.run([TESSERA, "run", *args, BUSYBOX], cwd=TOP, stdin=subprocess.DEVNULL,
                           capture_output=True, text=True, timeout=60)
        assert r.returncode == 2, (args, r.stderr)
        assert message in r.stderr, (args, r.stderr)


def can_make_namespaces():
    return (os.geteuid() == 0 and shutil.which("ip") and os.path.exists("/dev/net/tun")
            and subprocess.run(["ip", "netns", "list"], capture_output=True).returncode == 0)


@pytest.fixture
def tap_namespace():
    """A network namespace holding tap device tap0 at 10.77.0.1/24: (namespace, tap)."""
    if not can_make_namespaces() or not shutil.which("curl"):
        pytest.skip("needs root, ip(8), curl and /dev/net/tun for a network namespace")
    ns = f"tessera-net-{os.getpid()}"

    def run(*cmd):
        subprocess.run(["ip", "netns", "exec", ns, *cmd], check=True, capture_output=True)

    subprocess.run(["ip", "netns", "add", ns], check=True, capture_output=True)
    try:
        run("ip", "link", "set", "lo", "up")
        run("ip", "tuntap", "add", "dev", "tap0", "mode", "tap")
        run("ip", "addr", "add", "10.77.0.1/24", "dev", "tap0")
        run("ip", "link", "set", "tap0", "up")
        yield ns, "tap0"
    finally:
        subprocess.run(["ip", "netns", "delete", ns], capture_output=True)


def fetch_in_namespace(ns, url, out):
    """curl from inside the namespace: (curl's status, body)."""
    r = subprocess.run(["ip", "netns", "exec", ns, "curl", "-sf", "--noproxy", "*", "-m", "10",
                        "-o", out, url], capture_output=True, timeout=30)
    return r.returncode, open(out, "rb").read() if r.returncode == 0 else b""


def serve_in_namespace(ns, url, want, tmp_path, deadline):
    out = str(tmp_path / "fetched")
    while True:
        status, body = fetch_in_namespace(ns, url, out)
        if status == 0:
            assert body == want
            return
        assert time.monotonic() < deadline, f"no answer from {url}"
        time.sleep(0.5)


def test_tap_with_a_static_address(tap_namespace, www, tmp_path):
    ns, tap = tap_namespace
    with guest(["--net", f"tap:{tap}", "--ip", "10.77.0.2/24", "--gw", "10.77.0.1",
                *httpd_args(www)], tmp_path / "guest.log", netns=ns):
        deadline = time.monotonic() + READY_TIMEOUT
        serve_in_namespace(ns, "http://10.77.0.2/index.html", PAGE, tmp_path, deadline)
        serve_in_namespace(ns, "http://10.77.0.2/big.bin", (www / "big.bin").read_bytes(),
                           tmp_path, deadline)


def test_tap_with_an_address_from_dhcp(tap_namespace, www, tmp_path):
    ns, tap = tap_namespace
    conf = tmp_path / "udhcpd.conf"
    conf.write_text(f"start 10.77.0.50\nend 10.77.0.50\ninterface {tap}\n"
                    f"lease_file {tmp_path}/leases\npidfile {tmp_path}/udhcpd.pid\n"
                    "option subnet 255.255.255.0\noption router 10.77.0.1\n")
    (tmp_path / "leases").touch()
    dhcpd = subprocess.Popen(["ip", "netns", "exec", ns, BUSYBOX, "udhcpd", "-f", str(conf)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        with guest(["--net", f"tap:{tap}", *httpd_args(www)], tmp_path / "guest.log",
                   netns=ns):
            serve_in_namespace(ns, "http://10.77.0.50/index.html", PAGE, tmp_path,
                               time.monotonic() + READY_TIMEOUT)
    finally:
        dhcpd.terminate()
        dhcpd.wait(timeout=10)
