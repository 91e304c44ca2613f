"""Debian's nginx, Redis and Memcached, unmodified, serving host clients through `-p`.

Each server runs under Tessera with user networking and a forwarded port; its
replies are checked, or compared with the same client session against the same
server run natively on another loopback port. These servers need epoll,
eventfd, threads and futexes: a test is skipped, saying which syscalls are
missing, while `./tessera syscalls` shows any of them stubbed.
"""
import json
import os
import socket
import subprocess
import time

import pytest

from conftest import TESSERA, TOP
from test_network import free_port, guest, images_built  # noqa: F401  (fixture)

READY_TIMEOUT = 90
NGINX = "/usr/sbin/nginx"
REDIS = "/usr/bin/redis-server"
MEMCACHED = "/usr/bin/memcached"
NEEDS = {
    NGINX: ["epoll_create1", "epoll_ctl", "epoll_wait"],
    REDIS: ["epoll_create", "epoll_ctl", "epoll_wait", "futex", "clone"],
    MEMCACHED: ["epoll_create1", "epoll_ctl", "epoll_wait", "eventfd2", "futex", "clone"],
}
NGINX_CONF = """daemon off;
master_process off;
worker_processes 1;
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


def missing_syscalls(program):
    r = subprocess.run([TESSERA, "syscalls", "--json"], cwd=TOP, stdin=subprocess.DEVNULL,
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    states = {e["name"]: e["state"] for e in json.loads(r.stdout)}
    return [name for name in NEEDS[program] if states.get(name) != "implemented"]


def require(program):
    if not os.path.exists(program):
        pytest.skip(f"{program} is not installed (tests/DEPS)")
    missing = missing_syscalls(program)
    if missing:
        pytest.skip(f"{os.path.basename(program)} needs {', '.join(missing)}")


def connect(port, deadline):
    while True:
        try:
            return socket.create_connection(("127.0.0.1", port), timeout=20)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def exchange(port, request, deadline, until=None):
    """Send request on a new connection and read until until (bytes) ends the reply, or EOF."""
    with connect(port, deadline) as s:
        s.sendall(request)
        reply = b""
        while not (until and reply.endswith(until)):
            chunk = s.recv(65536)
            if not chunk:
                break
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


def test_nginx_serves_a_page_and_a_large_file(tmp_path):
    require(NGINX)
    www = tmp_path / "www"
    www.mkdir()
    page = b"<html><body>" + b"x" * 585 + b"</body></html>\n"
    (www / "index.html").write_bytes(page)
    (www / "big.bin").write_bytes(os.urandom(1 << 20))
    (tmp_path / "nginx.conf").write_text(NGINX_CONF)
    port = free_port()
    args = ["-m", "64", "-v", f"{tmp_path}:/srv", "-p", f"{port}:80", NGINX, "--",
            "-e", "stderr", "-p", "/tmp", "-c", "/srv/nginx.conf"]
    with guest(args, tmp_path / "guest.log"):
        deadline = time.monotonic() + READY_TIMEOUT
        for name, body in [("index.html", page), ("big.bin", (www / "big.bin").read_bytes())]:
            r = subprocess.run(["curl", "-sf", "--noproxy", "*", "-m", "30", "-o", "-",
                                f"http://127.0.0.1:{port}/{name}"], capture_output=True,
                               timeout=60)
            while r.returncode and time.monotonic() < deadline:
                time.sleep(0.5)
                r = subprocess.run(["curl", "-sf", "--noproxy", "*", "-m", "30", "-o", "-",
                                    f"http://127.0.0.1:{port}/{name}"], capture_output=True,
                                   timeout=60)
            assert r.returncode == 0, r.stderr
            assert r.stdout == body, name
        # Load from wrk, every response a 200: wrk counts others as non-2xx.
        w = subprocess.run(["wrk", "-t1", "-c10", "-d3s", f"http://127.0.0.1:{port}/index.html"],
                           capture_output=True, text=True, timeout=60)
        assert w.returncode == 0, w.stderr
        assert "requests in" in w.stdout and "Non-2xx" not in w.stdout, w.stdout


REDIS_SCRIPT = [
    ["PING"], ["SET", "greeting", "hello"], ["GET", "greeting"], ["APPEND", "greeting", " world"],
    ["GET", "greeting"], ["INCR", "counter"], ["INCRBY", "counter", "41"], ["DECR", "counter"],
    ["LPUSH", "list", "a", "b", "c"], ["LRANGE", "list", "0", "-1"], ["LPOP", "list"],
    ["HSET", "hash", "f1", "v1", "f2", "v2"], ["HGET", "hash", "f2"], ["HLEN", "hash"],
    ["SADD", "set", "x", "y", "x"], ["SCARD", "set"], ["EXISTS", "greeting", "nosuch"],
    ["DEL", "greeting"], ["GET", "greeting"], ["TYPE", "list"], ["DBSIZE"], ["STRLEN", "hash"],
]


def redis_session(port, deadline):
    """The script through redis-cli, one command per call: the replies, in order."""
    connect(port, deadline).close()
    out = []
    for cmd in REDIS_SCRIPT:
        r = subprocess.run(["redis-cli", "-p", str(port), *cmd], capture_output=True, text=True,
                           timeout=30)
        out.append(r.stdout)
    return out


def test_redis_answers_like_native_redis(tmp_path, native_server):
    require(REDIS)
    native_port, port = free_port(), free_port()
    native_server(REDIS, "--port", str(native_port), "--bind", "127.0.0.1", "--save", "",
                  "--appendonly", "no")
    want = redis_session(native_port, time.monotonic() + 30)
    args = ["-m", "128", "-p", f"{port}:6379", REDIS, "--", "--save", "", "--appendonly", "no",
            "--protected-mode", "no"]
    with guest(args, tmp_path / "guest.log"):
        got = redis_session(port, time.monotonic() + READY_TIMEOUT)
        assert got == want
        b = subprocess.run(["redis-benchmark", "-p", str(port), "-t", "set,get,lpush,lpop,incr",
                            "-n", "20000", "-q"], capture_output=True, text=True, timeout=300)
        assert b.returncode == 0, b.stderr
        for test in ("SET", "GET", "LPUSH", "LPOP", "INCR"):
            assert f"{test}:" in b.stdout, b.stdout


MEMCACHED_SESSION = (b"set greeting 0 0 5\r\nhello\r\nget greeting\r\n"
                     b"add greeting 0 0 1\r\nx\r\nreplace greeting 5 0 3\r\nbye\r\n"
                     b"append greeting 0 0 2\r\n!!\r\ngets greeting\r\n"
                     b"set n 0 0 2\r\n10\r\nincr n 5\r\ndecr n 20\r\n"
                     b"delete greeting\r\nget greeting\r\ndelete nosuch\r\n"
                     b"set big 0 0 100000\r\n" + b"m" * 100000 + b"\r\nget big\r\n"
                     b"quit\r\n")


def test_memcached_text_protocol_session(tmp_path, native_server):
    require(MEMCACHED)
    native_port, port = free_port(), free_port()
    native_server(MEMCACHED, "-u", "root", "-t", "1", "-U", "0", "-l", "127.0.0.1", "-p",
                  str(native_port))
    want = exchange(native_port, MEMCACHED_SESSION, time.monotonic() + 30)
    assert b"VALUE greeting 5 5" in want and want.count(b"END\r\n") == 4
    args = ["-m", "128", "-p", f"{port}:11211", MEMCACHED, "--", "-u", "root", "-t", "1", "-U",
            "0"]
    with guest(args, tmp_path / "guest.log"):
        got = exchange(port, MEMCACHED_SESSION, time.monotonic() + READY_TIMEOUT)
        assert got == want
