"""Debian's nginx, Redis and Memcached, unmodified, serving host clients.

Client sessions reach the server through `-p` (QEMU user networking with a
forwarded port); their replies are checked, or compared with the same session
against the same server run natively on another loopback port. Load (wrk,
redis-benchmark) comes from a network namespace over a tap device: QEMU's
port forward listens with a backlog of 1, so the host drops most of the
connections a benchmark opens at once and they trickle in over a minute of
SYN retries. The programs and their clients are Debian packages (tests/DEPS);
their libraries are copied into the guest's root file system.
"""
import os
import re
import socket
import subprocess
import time

import pytest

from test_network import (PAGE, free_port, guest, images_built,  # noqa: F401  (fixtures)
                          serve_in_namespace, tap_namespace)

READY_TIMEOUT = 90
SERVER_TIMEOUT = 300  # the guest's limit: boot, the session and the benchmark under TCG
TAP_GUEST = "10.77.0.2"  # the guest's address beside tap_namespace's tap0
NGINX = "/usr/sbin/nginx"
REDIS = "/usr/bin/redis-server"
MEMCACHED = "/usr/bin/memcached"
NGINX_DIRECTIVES = "daemon off; master_process off;"
NGINX_CONF = """worker_processes 1;
pid /tmp/nginx.pid;
events { worker_connections 256; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    default_type application/octet-stream;
    client_body_temp_path /tmp;
    proxy_temp_path /tmp;
    fastcgi_temp_path /tmp;
    uwsgi_temp_path /tmp;
    scgi_temp_path /tmp;
    server {
        listen 80;
        root /srv/www;
    }
}
"""


def answered(ask, deadline):
    """ask()'s first non-empty answer. QEMU's port forward accepts connections before the
    guest's server listens, then closes them: an empty answer or an error means not yet."""
    while True:
        try:
            answer = ask()
            if answer:
                return answer
        except OSError:
            pass
        assert time.monotonic() < deadline, "the server did not answer in time"
        time.sleep(0.2)


def exchange(port, request):
    """Send request on a new connection and read the reply until the server closes it."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        s.sendall(request)
        reply = b""
        while chunk := s.recv(65536):
            reply += chunk
        return reply


@pytest.fixture
def native_server(tmp_path):
    """Start program ARGS natively on 127.0.0.1; stopped when the test ends."""
    procs = []

    def start(*args):
        log = open(tmp_path / "native.log", "wb")
        procs.append(subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=log, stderr=log))

    yield start
    for p in procs:
        p.terminate()
        p.wait(timeout=20)


@pytest.fixture
def nginx_root(tmp_path):
    """The folder shared with nginx: its configuration and www/ (a page, a 1 MiB file)."""
    www = tmp_path / "srv" / "www"
    www.mkdir(parents=True)
    (www / "index.html").write_bytes(PAGE)
    (www / "big.bin").write_bytes(os.urandom(1 << 20))
    (tmp_path / "srv" / "nginx.conf").write_text(NGINX_CONF)
    return tmp_path / "srv"


def nginx_args(root):
    return ["-m", "64", "-v", f"{root}:/srv", NGINX, "--", "-g", NGINX_DIRECTIVES, "-e", "stderr",
            "-p", "/tmp", "-c", "/srv/nginx.conf"]


def test_nginx_serves_a_page_and_a_large_file(nginx_root, tmp_path):
    port = free_port()
    with guest(["-p", f"{port}:80", *nginx_args(nginx_root)], tmp_path / "guest.log",
               timeout=SERVER_TIMEOUT):
        assert answered(lambda: curl(port, "index.html"), time.monotonic() + READY_TIMEOUT) == PAGE
        assert curl(port, "big.bin") == (nginx_root / "www" / "big.bin").read_bytes()


def test_nginx_under_wrk(nginx_root, tap_namespace, tmp_path):
    ns, tap = tap_namespace
    url = f"http://{TAP_GUEST}/index.html"
    with guest(["--net", f"tap:{tap}", "--ip", f"{TAP_GUEST}/24", *nginx_args(nginx_root)],
               tmp_path / "guest.log", netns=ns, timeout=SERVER_TIMEOUT):
        serve_in_namespace(ns, url, PAGE, tmp_path, time.monotonic() + READY_TIMEOUT)
        # Every response a 200 (wrk counts others as non-2xx), no errors.
        w = subprocess.run(["ip", "netns", "exec", ns, "wrk", "-t1", "-c30", "-d3s", "--timeout",
                            "30s", url], capture_output=True, text=True, timeout=60)
        assert w.returncode == 0, w.stderr
        assert "requests in" in w.stdout, w.stdout
        assert "Non-2xx" not in w.stdout and "Socket errors" not in w.stdout, w.stdout
        serve_in_namespace(ns, url, PAGE, tmp_path, time.monotonic() + 30)  # still serving


def curl(port, name):
    """The body of http://127.0.0.1:port/name, b"" on any failure."""
    r = subprocess.run(["curl", "-sf", "--noproxy", "*", "-m", "30", "-o", "-",
                        f"http://127.0.0.1:{port}/{name}"], capture_output=True, timeout=60)
    return r.stdout if r.returncode == 0 else b""


REDIS_SCRIPT = [
    ["PING"], ["SET", "greeting", "hello"], ["GET", "greeting"], ["APPEND", "greeting", " world"],
    ["GET", "greeting"], ["INCR", "counter"], ["INCRBY", "counter", "41"], ["DECR", "counter"],
    ["LPUSH", "list", "a", "b", "c"], ["LRANGE", "list", "0", "-1"], ["LPOP", "list"],
    ["HSET", "hash", "f1", "v1", "f2", "v2"], ["HGET", "hash", "f2"], ["HLEN", "hash"],
    ["SADD", "set", "x", "y", "x"], ["SCARD", "set"], ["EXISTS", "greeting", "nosuch"],
    ["DEL", "greeting"], ["GET", "greeting"], ["TYPE", "list"], ["DBSIZE"], ["STRLEN", "hash"],
]


def redis_cli(port, *cmd):
    return subprocess.run(["redis-cli", "-p", str(port), *cmd], capture_output=True, text=True,
                          timeout=30).stdout


def redis_session(port, deadline):
    """The script through redis-cli, one command per call (once the server answers): the
    replies, in order."""
    assert answered(lambda: redis_cli(port, "PING"), deadline) == "PONG\n"
    out = []
    for cmd in REDIS_SCRIPT:
        out.append(redis_cli(port, *cmd))
    return out


REDIS_ARGS = ["--save", "", "--appendonly", "no", "--protected-mode", "no"]


def test_redis_answers_like_native_redis(tmp_path, native_server):
    native_port, port = free_port(), free_port()
    native_server(REDIS, "--port", str(native_port), "--bind", "127.0.0.1", *REDIS_ARGS)
    want = redis_session(native_port, time.monotonic() + 30)
    with guest(["-m", "128", "-p", f"{port}:6379", REDIS, "--", *REDIS_ARGS],
               tmp_path / "guest.log", timeout=SERVER_TIMEOUT):
        assert redis_session(port, time.monotonic() + READY_TIMEOUT) == want


def test_redis_benchmark(tap_namespace, tmp_path):
    ns, tap = tap_namespace
    ping = ["ip", "netns", "exec", ns, "redis-cli", "-h", TAP_GUEST, "PING"]
    with guest(["-m", "128", "--net", f"tap:{tap}", "--ip", f"{TAP_GUEST}/24", REDIS, "--",
                *REDIS_ARGS], tmp_path / "guest.log", netns=ns, timeout=SERVER_TIMEOUT):
        assert answered(lambda: subprocess.run(ping, capture_output=True, text=True,
                                               timeout=30).stdout,
                        time.monotonic() + READY_TIMEOUT) == "PONG\n"
        b = subprocess.run(["ip", "netns", "exec", ns, "redis-benchmark", "-h", TAP_GUEST, "-t",
                            "set,get,lpush,lpop,incr", "-n", "20000", "-q"],
                           capture_output=True, text=True, timeout=240)
        assert b.returncode == 0, b.stderr
        for test in ("SET", "GET", "LPUSH", "LPOP", "INCR"):
            assert re.search(rf"^{test}: [\d.]+ requests per second", b.stdout, re.M), b.stdout


MEMCACHED_SESSION = (b"set greeting 0 0 5\r\nhello\r\nget greeting\r\n"
                     b"add greeting 0 0 1\r\nx\r\nreplace greeting 5 0 3\r\nbye\r\n"
                     b"append greeting 0 0 2\r\n!!\r\ngets greeting\r\n"
                     b"set n 0 0 2\r\n10\r\nincr n 5\r\ndecr n 20\r\n"
                     b"delete greeting\r\nget greeting\r\ndelete nosuch\r\n"
                     b"set big 0 0 100000\r\n" + b"m" * 100000 + b"\r\nget big\r\n"
                     b"quit\r\n")


def test_memcached_text_protocol_session(tmp_path, native_server):
    native_port, port = free_port(), free_port()
    native_server(MEMCACHED, "-u", "root", "-l", "127.0.0.1", "-p", str(native_port))
    answered(lambda: exchange(native_port, b"version\r\nquit\r\n"), time.monotonic() + 30)
    want = exchange(native_port, MEMCACHED_SESSION)
    assert b"VALUE greeting 5 5" in want and want.count(b"END\r\n") == 4
    with guest(["-m", "128", "-p", f"{port}:11211", MEMCACHED, "--", "-u", "root"], tmp_path / "guest.log", timeout=SERVER_TIMEOUT):
        answered(lambda: exchange(port, b"version\r\nquit\r\n"), time.monotonic() + READY_TIMEOUT)
        got = exchange(port, MEMCACHED_SESSION)
        assert got == want
