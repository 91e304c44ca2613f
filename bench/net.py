#!/usr/bin/python3
"""Network server benchmarks (issue 5): Debian's nginx and Redis under Tessera and natively.

  bench/net.py [--runs N] [--net tap|user] [--duration S] [--servers nginx,redis]

- nginx, 1 worker (`daemon off; master_process off;`), a 612-byte page:
  `wrk -t1 -c30 -d10s`, requests per second (median of N runs on one instance,
  so a fall over repeated runs shows);
- redis-server (`--save '' --appendonly no`): `redis-benchmark -t set,get -n 100000 -q`;
- bench/progs/http_poll.c, a poll() responder sending the same page with no work of
  its own, for the network path alone (always measured; `--servers ''` for it only).
Each beside the same binary run natively on 127.0.0.1. Under Tessera the server is
reached through a tap device in a network namespace made for the run, the clients
running in that namespace (`--net tap`, as root: the path a bridge would give), or
through QEMU user networking's port forward (`--net user`). Prints Markdown for
docs/PERFORMANCE.md.
"""
import argparse
import contextlib
import os
import platform
import re
import socket
import statistics
import subprocess
import tempfile
import time

from measure import TESSERA, TOP, smallest_memory

NS = f"tessera-bench-{os.getpid()}"
GUEST_IP, HOST_IP = "10.78.0.2", "10.78.0.1"
PAGE = b"<html><body>" + b"x" * 585 + b"</body></html>\n"
NGINX_CONF = """daemon off;
master_process off;
worker_processes 1;
pid {pid};
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    default_type text/html;
    client_body_temp_path {tmp};
    proxy_temp_path {tmp};
    fastcgi_temp_path {tmp};
    uwsgi_temp_path {tmp};
    scgi_temp_path {tmp};
    server {{
        listen {port};
        root {root};
    }}
}}
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def in_ns(cmd, net):
    return ["ip", "netns", "exec", NS, *cmd] if net == "tap" else cmd


@contextlib.contextmanager
def namespace():
    """A network namespace with tap0 at HOST_IP/24, for --net tap."""
    def ip(*args):
        subprocess.run(["ip", "netns", "exec", NS, "ip", *args], check=True)

    subprocess.run(["ip", "netns", "add", NS], check=True)
    try:
        ip("link", "set", "lo", "up")
        ip("tuntap", "add", "dev", "tap0", "mode", "tap")
        ip("addr", "add", f"{HOST_IP}/24", "dev", "tap0")
        ip("link", "set", "tap0", "up")
        yield
    finally:
        subprocess.run(["ip", "netns", "delete", NS])


@contextlib.contextmanager
def background(cmd, log):
    proc = subprocess.Popen(cmd, cwd=TOP, stdin=subprocess.DEVNULL, stdout=log, stderr=log)
    try:
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def tessera_cmd(net, port, guest_port, args, memory=64):
    cmd = [TESSERA, "run", "--tcg", "-m", str(memory)]
    if net == "tap":
        cmd += ["--net", "tap:tap0", "--ip", f"{GUEST_IP}/24"]
    else:
        cmd += ["-p", f"{port}:{guest_port}"]
    return in_ns(cmd + args, net)


def wait_ready(check, deadline, what):
    while not check():
        if time.monotonic() > deadline:
            raise SystemExit(f"{what} did not start serving")
        time.sleep(0.5)


def wrk(url, duration, net):
    out = subprocess.run(in_ns(["wrk", "-t1", "-c30", f"-d{duration}s", url], net),
                         capture_output=True, text=True, timeout=duration + 60).stdout
    if "Non-2xx" in out or "Requests/sec" not in out:
        raise SystemExit(f"wrk against {url} failed:\n{out}")
    return float(re.search(r"Requests/sec:\s*([\d.]+)", out).group(1))


def curl_ok(url, net):
    r = subprocess.run(in_ns(["curl", "-sf", "--noproxy", "*", "-m", "5", url], net),
                       capture_output=True, timeout=30)
    return r.returncode == 0 and r.stdout == PAGE


def http_rate(where, name, native_cmd, guest_args, runs, duration, net, tmp, port):
    """Requests/s of an HTTP server on port natively or under Tessera: median and each run."""
    if where == "tessera":
        cmd = tessera_cmd(net, port, 80, guest_args)
        url = f"http://{GUEST_IP}/index.html" if net == "tap" else \
            f"http://127.0.0.1:{port}/index.html"
        client_net = net
    else:
        cmd, url, client_net = native_cmd, f"http://127.0.0.1:{port}/index.html", "user"
    with open(os.path.join(tmp, f"{name}-{where}.log"), "wb") as log, background(cmd, log):
        wait_ready(lambda: curl_ok(url, client_net), time.monotonic() + 120, f"{name} ({where})")
        rates = [wrk(url, duration, client_net) for _ in range(runs)]
    return statistics.median(rates), rates


def qemu_started(port):
    """Whether a QEMU forwarding host port `port` runs (its command line names the forward)."""
    needle = f"127.0.0.1:{port}-".encode()
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if needle in f.read():
                    return True
        except OSError:
            pass
    return False


def first_response_ms(guest_args, memory):
    """Milliseconds from QEMU's start to the first HTTP 200 through -p; None if none came."""
    port = free_port()
    cmd = [TESSERA, "run", "--tcg", "-m", str(memory), "-p", f"{port}:80", *guest_args]
    with background(cmd, subprocess.DEVNULL):
        deadline = time.monotonic() + 60
        while not qemu_started(port):
            if time.monotonic() > deadline:
                return None
        start = time.monotonic()
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
                    s.sendall(b"GET /index.html HTTP/1.1\r\nHost: bench\r\n\r\n")
                    if s.recv(16).startswith(b"HTTP/1.1 200"):
                        return (time.monotonic() - start) * 1000
            except OSError:
                time.sleep(0.001)
    return None


def nginx(where, runs, duration, net, tmp):
    root = os.path.join(tmp, "www")
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(root, "index.html"), "wb") as f:
        f.write(PAGE)
    port = free_port()
    guest = where == "tessera"
    conf = NGINX_CONF.format(pid="/tmp/nginx.pid" if guest else f"{tmp}/nginx.pid",
                             tmp="/tmp" if guest else tmp, port=80 if guest else port,
                             root="/srv/www" if guest else root)
    with open(os.path.join(tmp, "nginx.conf"), "w") as f:
        f.write(conf)
    native = ["/usr/sbin/nginx", "-e", "stderr", "-p", tmp, "-c", f"{tmp}/nginx.conf"]
    guest_args = ["-v", f"{tmp}:/srv", "/usr/sbin/nginx", "--", "-e", "stderr", "-p", "/tmp",
                  "-c", "/srv/nginx.conf"]
    return http_rate(where, "nginx", native, guest_args, runs, duration, net, tmp, port)


def http_poll_exe(tmp):
    exe = os.path.join(tmp, "http_poll")
    if not os.path.exists(exe):
        subprocess.run(["musl-gcc", "-O2", "-static", "-o", exe,
                        os.path.join(TOP, "bench", "progs", "http_poll.c")], check=True)
    return exe


def http_poll(where, runs, duration, net, tmp):
    """bench/progs/http_poll.c (the same page, no server work, poll): the network path alone."""
    exe = http_poll_exe(tmp)
    port = free_port()
    return http_rate(where, "http_poll", [exe, str(port)], [exe, "--", "80"], runs, duration,
                     net, tmp, port)


def redis(where, net, tmp):
    """redis-benchmark SET and GET requests/s natively or under Tessera."""
    port = free_port()
    args = ["--save", "", "--appendonly", "no"]
    if where == "tessera":
        cmd = tessera_cmd(net, port, 6379, ["/usr/bin/redis-server", "--", *args,
                                            "--protected-mode", "no"], memory=128)
        host, client_port, client_net = (GUEST_IP, 6379, net) if net == "tap" else \
            ("127.0.0.1", port, "user")
    else:
        cmd = ["/usr/bin/redis-server", "--port", str(port), "--bind", "127.0.0.1", *args]
        host, client_port, client_net = "127.0.0.1", port, "user"
    ping = in_ns(["redis-cli", "-h", host, "-p", str(client_port), "ping"], client_net)
    with open(os.path.join(tmp, f"redis-{where}.log"), "wb") as log, background(cmd, log):
        wait_ready(lambda: subprocess.run(ping, capture_output=True, text=True,
                                          timeout=30).stdout == "PONG\n",
                   time.monotonic() + 120, f"redis ({where})")
        out = subprocess.run(in_ns(["redis-benchmark", "-h", host, "-p", str(client_port), "-t",
                                    "set,get", "-n", "100000", "-q"], client_net),
                             capture_output=True, text=True, timeout=600).stdout
    return {m.group(1): float(m.group(2))
            for m in re.finditer(r"^(SET|GET): ([\d.]+) requests per second", out, re.M)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--duration", type=int, default=10)
    ap.add_argument("--servers", default="nginx,redis",
                    help="besides http_poll: nginx, redis (comma-separated; '' for none)")
    ap.add_argument("--net", choices=["tap", "user"],
                    default="tap" if os.geteuid() == 0 else "user")
    args = ap.parse_args()
    results = {}
    with tempfile.TemporaryDirectory(prefix="tessera-bench-net-") as tmp:
        with namespace() if args.net == "tap" else contextlib.nullcontext():
            for where in ("native", "tessera"):
                results[where] = {"http_poll": http_poll(where, args.runs, args.duration,
                                                         args.net, tmp)}
                if "nginx" in args.servers:
                    results[where]["nginx"] = nginx(where, args.runs, args.duration, args.net,
                                                    tmp)
                if "redis" in args.servers:
                    results[where]["redis"] = redis(where, args.net, tmp)
        serve = [http_poll_exe(tmp), "--", "80"]
        firsts = sorted(first_response_ms(serve, 64) for _ in range(args.runs))
        least = smallest_memory(lambda mib: first_response_ms(serve, mib) is not None, most=64)
    cpu = platform.machine()
    with open("/proc/cpuinfo") as f:
        cpu = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")),
                   cpu)
    print(f"Machine: {cpu}, {os.cpu_count()} CPUs, Linux {platform.release()}; Tessera under TCG, "
          f"network: {args.net}.")
    print(f"Command: `bench/net.py --runs {args.runs} --net {args.net} --servers "
          f"'{args.servers}'` ({time.strftime('%Y-%m-%d')})\n")
    print("| measure | native | Tessera | Tessera / native |\n|---|---|---|---|")
    nat, tes = results["native"], results["tessera"]
    for name, what in (("http_poll", "bench/progs/http_poll.c"), ("nginx", "nginx, 1 worker")):
        if name not in nat:
            continue
        (n_med, n_runs), (t_med, t_runs) = nat[name], tes[name]
        print(f"| {what}: `wrk -t1 -c30 -d{args.duration}s`, 612-byte page (req/s, median; runs) "
              f"| {n_med:,.0f} ({', '.join(f'{r:,.0f}' for r in n_runs)}) "
              f"| {t_med:,.0f} ({', '.join(f'{r:,.0f}' for r in t_runs)}) | {t_med / n_med:.2f} |")
    for test in ("SET", "GET") if "redis" in nat else ():
        n, t = nat["redis"].get(test, 0), tes["redis"].get(test, 0)
        print(f"| redis-benchmark {test} (req/s) | {n:,.0f} | {t:,.0f} | "
              f"{t / n if n else 0:.2f} |")
    print(f"| http_poll: QEMU start to first HTTP 200 through `-p` (ms, median; runs) | | "
          f"{statistics.median(firsts):.0f} ({', '.join(f'{t:.0f}' for t in firsts)}) | |")
    print(f"| http_poll: smallest `-m` that serves (MiB) | | {least} | |")


if __name__ == "__main__":
    main()
