#!/usr/bin/python3
"""Network server benchmarks (issue 5): Debian's nginx and Redis under Tessera, in a Linux
guest on the same QEMU, and natively.

  bench/net.py [--runs N] [--duration S] [--memory MiB] [--places P,...] [--plot SVG]

- nginx, 1 worker (`-g 'daemon off; master_process off;'`), a 612-byte page:
  `wrk -t1 -c30 -dSs`, requests per second, N runs one after the other on the same
  instance (a fall over repeated runs shows) and their median;
- redis-server (`--save '' --appendonly no`): `redis-benchmark -t set,get -n 100000 -q`,
  N runs on the same instance, medians;
- bench/progs/http_poll.c, a poll() responder sending the same page with no work of its
  own: the network path alone (native and Tessera); and again with a second thread spinning
  beside it (`spin`), which must not hold its packets back;
- QEMU's start to nginx's first HTTP 200 through `-p` (Tessera and the Linux guest);
- the smallest -m at which nginx and redis still serve and apps/hello still greets.
Both guests have 1 vCPU, --memory MiB (default 256), TCG, virtio-net over a tap device in
a network namespace made for the run (the clients run there); the Linux guest is Debian's
cloud kernel booting the same binaries with their libraries (`tessera rootfs`). Native
servers listen on 127.0.0.1. Needs root (namespaces, tap). Prints Markdown for
docs/PERFORMANCE.md and writes an SVG plot of the medians.
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

from linux_guest import LinuxGuest
from measure import TESSERA, TOP, smallest_memory

NS = f"tessera-bench-{os.getpid()}"
GUEST_IP, HOST_IP = "10.78.0.2", "10.78.0.1"
TAP_NETDEV = "tap,id=net0,ifname=tap0,script=no,downscript=no"
PAGE = b"<html><body>" + b"x" * 585 + b"</body></html>\n"
NGINX = "/usr/sbin/nginx"
REDIS = "/usr/bin/redis-server"
NGINX_DIRECTIVES = "daemon off; master_process off;"
NGINX_CONF = """worker_processes 1;
pid {tmp}/nginx.pid;
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
REDIS_ARGS = ["--save", "", "--appendonly", "no", "--protected-mode", "no"]
WHERE = ("native", "linux-guest", "tessera")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def in_ns(cmd):
    return ["ip", "netns", "exec", NS, *cmd]


@contextlib.contextmanager
def namespace():
    """A network namespace with tap0 at HOST_IP/24, both guests' link."""
    def ip(*args):
        subprocess.run(in_ns(["ip", *args]), check=True)

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


def wait_ready(check, server, where):
    deadline = time.monotonic() + 300
    while not check():
        if time.monotonic() > deadline:
            with open(os.path.join(server.tmp, f"{server.name}-{where}.log"), "rb") as f:
                log = f.read()[-2000:].decode(errors="replace")
            raise SystemExit(f"{server.name} ({where}) did not start serving:\n{log}")
        time.sleep(0.2)


class Server:
    """A program as each place runs it: natively with native_args(port) on 127.0.0.1:port,
    under Tessera or in the Linux guest with args at GUEST_IP:guest_port over tap0, the
    tree tmp/root (the page, nginx's configuration) in their root file systems."""

    def __init__(self, name, program, args, guest_port, tmp, native_args):
        self.name, self.program, self.args = name, program, list(args)
        self.guest_port, self.tmp = guest_port, tmp
        self.port = free_port()
        self.native_args = native_args(self.port)

    def address(self, where):
        return ("127.0.0.1", self.port) if where == "native" else (GUEST_IP, self.guest_port)

    def client(self, where, cmd):
        return cmd if where == "native" else in_ns(cmd)

    def linux_guest(self, memory, netdev=TAP_NETDEV, address=f"{GUEST_IP}/24"):
        rootfs = os.path.join(self.tmp, f"{self.name}-rootfs.cpio")
        subprocess.run([TESSERA, "rootfs", self.program, "-o", rootfs, "--rootfs",
                        f"{self.tmp}/root"], check=True, cwd=TOP)
        guest = LinuxGuest({}, memory_mib=memory, rootfs=rootfs)
        command = guest.network_setup(address) + "\n" + " ".join(
            [self.program, *(f"'{a}'" for a in self.args)])
        return guest.serve(command, netdev, self.log("linux-guest"),
                           prefix=in_ns([]) if netdev == TAP_NETDEV else ())

    def tessera_cmd(self, memory, net=("--net", "tap:tap0", "--ip", f"{GUEST_IP}/24"),
                    timeout=3600):
        return [TESSERA, "run", "--tcg", "-m", str(memory), "--timeout", str(timeout), *net,
                "--rootfs", f"{self.tmp}/root", self.program, "--", *self.args]

    def log(self, where):
        return open(os.path.join(self.tmp, f"{self.name}-{where}.log"), "wb")

    @contextlib.contextmanager
    def running(self, where, memory):
        if where == "native":
            cmd = [self.program, *self.native_args]
            with self.log(where) as log, background(cmd, log):
                yield
        elif where == "tessera":
            with self.log(where) as log, background(in_ns(self.tessera_cmd(memory)), log):
                yield
        else:
            with self.linux_guest(memory):
                yield


def http_get(host, port, timeout=5):
    """The status line's start of GET /index.html, b"" when nothing answers."""
    try:
        with socket.create_connection((host, port), timeout=timeout) as s:
            s.sendall(b"GET /index.html HTTP/1.1\r\nHost: bench\r\n\r\n")
            return s.recv(16)
    except OSError:
        return b""


def curl_ok(server, where):
    host, port = server.address(where)
    r = subprocess.run(server.client(where, ["curl", "-sf", "--noproxy", "*", "-m", "5",
                                             f"http://{host}:{port}/index.html"]),
                       capture_output=True, timeout=30)
    return r.returncode == 0 and r.stdout == PAGE


def wrk(server, where, duration):
    host, port = server.address(where)
    url = f"http://{host}:{port}/index.html"
    out = subprocess.run(server.client(where, ["wrk", "-t1", "-c30", f"-d{duration}s", url]),
                         capture_output=True, text=True, timeout=duration + 60).stdout
    if "Non-2xx" in out or "Requests/sec" not in out:
        raise SystemExit(f"wrk against {url} failed:\n{out}")
    return float(re.search(r"Requests/sec:\s*([\d.]+)", out).group(1))


def http_rates(server, where, runs, duration, memory):
    """Requests/s of wrk runs, one after the other on one instance."""
    with server.running(where, memory):
        wait_ready(lambda: curl_ok(server, where), server, where)
        return [wrk(server, where, duration) for _ in range(runs)]


def redis_cli_ping(server, where):
    host, port = server.address(where)
    return subprocess.run(server.client(where, ["redis-cli", "-h", host, "-p", str(port), "ping"]),
                          capture_output=True, text=True, timeout=30).stdout == "PONG\n"


def redis_rates(server, where, runs, memory):
    """{SET: [req/s per run], GET: [...]} of redis-benchmark runs on one instance."""
    host, port = server.address(where)
    rates = {"SET": [], "GET": []}
    with server.running(where, memory):
        wait_ready(lambda: redis_cli_ping(server, where), server, where)
        for _ in range(runs):
            out = subprocess.run(server.client(where, [
                "redis-benchmark", "-h", host, "-p", str(port), "-t", "set,get", "-n", "100000",
                "-q"]), capture_output=True, text=True, timeout=600).stdout
            for m in re.finditer(r"^(SET|GET): ([\d.]+) requests per second", out, re.M):
                rates[m.group(1)].append(float(m.group(2)))
    return rates


def qemu_running(needle):
    """Whether a QEMU whose command line holds needle (bytes) runs."""
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmdline = f.read()
        except OSError:
            continue
        if needle in cmdline and b"qemu-system" in cmdline:
            return True
    return False


def first_response_ms(server, where, memory):
    """Milliseconds from QEMU's start to the first HTTP 200 through a port forward."""
    port = free_port()
    forward = f"127.0.0.1:{port}-:{server.guest_port}"
    if where == "tessera":
        start = background(server.tessera_cmd(memory, ("-p", f"{port}:{server.guest_port}")),
                           subprocess.DEVNULL)
    else:
        start = server.linux_guest(memory, netdev=f"user,id=net0,hostfwd=tcp:{forward}",
                                   address="10.0.2.15/24")
    with start:
        deadline = time.monotonic() + 300
        while not qemu_running(forward.encode()):
            if time.monotonic() > deadline:
                return None
        begin = time.monotonic()
        while time.monotonic() < deadline:
            if http_get("127.0.0.1", port).startswith(b"HTTP/1.1 200"):
                return (time.monotonic() - begin) * 1000
            time.sleep(0.001)
    return None


def serves_in(server, memory):
    """Whether the server answers (nginx: a 200, redis: PONG) under Tessera in memory MiB."""
    port = free_port()
    cmd = server.tessera_cmd(memory, ("-p", f"{port}:{server.guest_port}"), timeout=60)
    with background(cmd, subprocess.DEVNULL) as proc:
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline:
            if server.name == "nginx":
                ok = http_get("127.0.0.1", port).startswith(b"HTTP/1.1 200")
            else:
                ok = subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True,
                                    text=True, timeout=30).stdout == "PONG\n"
            if ok:
                return True
            time.sleep(0.2)
    return False


def hello_runs_in(memory):
    r = subprocess.run([TESSERA, "run", "--tcg", "-m", str(memory), "--timeout", "60",
                        "apps/hello"], cwd=TOP, capture_output=True, text=True, timeout=120)
    return r.returncode == 0 and "Hello" in r.stdout


def median(xs):
    return statistics.median(xs) if xs else 0


def runs_text(xs):
    """The median and each run, or – where nothing was measured."""
    return f"{median(xs):,.0f} ({', '.join(f'{x:,.0f}' for x in xs)})" if xs else "–"


def svg_plot(rows, path):
    """Grouped horizontal bars (native, Linux guest, Tessera) of each measure's median."""
    colours = {"native": "#999999", "linux-guest": "#4477aa", "tessera": "#cc6677"}
    bar, gap, left, width = 14, 16, 230, 420
    height = sum(len(values) * bar + gap for _, values in rows) + 40
    top = max(v for _, values in rows for v in values.values())
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 120}" '
           f'height="{height}" font-family="sans-serif" font-size="12">',
           '<text x="10" y="18" font-size="14">Requests per second (median), TCG, 1 vCPU</text>']
    y = 34
    for label, values in rows:
        out.append(f'<text x="10" y="{y + bar - 4}">{label}</text>')
        for where in (w for w in WHERE if w in values):
            v = values[where]
            w = width * v / top
            out.append(f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar - 2}" '
                       f'fill="{colours[where]}"/>')
            out.append(f'<text x="{left + w + 4:.1f}" y="{y + bar - 4}">{v:,.0f} '
                       f'({where})</text>')
            y += bar
        y += gap
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--duration", type=int, default=10)
    ap.add_argument("--memory", type=int, default=256, help="both guests' MiB")
    ap.add_argument("--plot", default=os.path.join(TOP, "docs", "net-bench.svg"))
    ap.add_argument("--places", default=",".join(WHERE),
                    help="where to measure throughput, of: " + ", ".join(WHERE))
    args = ap.parse_args()
    places = [w for w in WHERE if w in args.places.split(",")]
    if os.geteuid():
        raise SystemExit("bench/net.py needs root: a network namespace with a tap device")
    load = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="tessera-bench-net-") as tmp:
        os.makedirs(f"{tmp}/root/srv/www")
        with open(f"{tmp}/root/srv/www/index.html", "wb") as f:
            f.write(PAGE)
        with open(f"{tmp}/root/srv/nginx.conf", "w") as f:
            f.write(NGINX_CONF.format(tmp="/tmp", port=80, root="/srv/www"))
        nginx = Server("nginx", NGINX, ["-g", NGINX_DIRECTIVES, "-e", "stderr", "-p", "/tmp",
                                        "-c", "/srv/nginx.conf"], 80, tmp,
                       lambda port: ["-g", NGINX_DIRECTIVES, "-e", "stderr", "-p", tmp, "-c",
                                     f"{tmp}/nginx-{port}.conf"])
        with open(f"{tmp}/nginx-{nginx.port}.conf", "w") as f:
            f.write(NGINX_CONF.format(tmp=tmp, port=f"127.0.0.1:{nginx.port}",
                                      root=f"{tmp}/root/srv/www"))
        redis = Server("redis", REDIS, REDIS_ARGS, 6379, tmp,
                       lambda port: [*REDIS_ARGS, "--port", str(port), "--bind", "127.0.0.1"])
        http_poll = Server("http_poll", os.path.join(tmp, "http_poll"), ["80"], 80, tmp,
                           lambda port: [str(port)])
        http_poll_spin = Server("http_poll_spin", http_poll.program, ["80", "spin"], 80, tmp,
                                lambda port: [str(port), "spin"])
        subprocess.run(["musl-gcc", "-O2", "-static", "-pthread", "-o", http_poll.program,
                        os.path.join(TOP, "bench", "progs", "http_poll.c")], check=True)
        results = {"nginx": {}, "redis": {}, "http_poll": {}, "http_poll_spin": {}}
        with namespace():
            for where in places:
                results["nginx"][where] = http_rates(nginx, where, args.runs, args.duration,
                                                     args.memory)
                results["redis"][where] = redis_rates(redis, where, args.runs, args.memory)
            for where in (w for w in places if w != "linux-guest"):
                results["http_poll"][where] = http_rates(http_poll, where, args.runs,
                                                         args.duration, args.memory)
                results["http_poll_spin"][where] = http_rates(http_poll_spin, where, args.runs,
                                                              args.duration, args.memory)
        firsts = {where: sorted(t for t in (first_response_ms(nginx, where, args.memory)
                                            for _ in range(args.runs)) if t is not None)
                  for where in ("tessera", "linux-guest") if where in places}
        least = {"nginx": smallest_memory(lambda m: serves_in(nginx, m), most=256),
                 "redis": smallest_memory(lambda m: serves_in(redis, m), most=256),
                 "hello": smallest_memory(hello_runs_in, most=64)}
    with open("/proc/cpuinfo") as f:
        cpu = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")),
                   platform.machine())
    print(f"Machine: {cpu}, {os.cpu_count()} CPUs, Linux {platform.release()}; guests under "
          f"TCG, 1 vCPU, {args.memory} MiB, virtio-net over tap; load average at the start "
          f"{load[0]:.1f}.")
    print(f"Command: `bench/net.py --runs {args.runs} --duration {args.duration} --places "
          f"{','.join(places)}` ({time.strftime('%Y-%m-%d %H:%M')})\n")
    print("| requests/s: median (each run on one instance, in order) | native | Linux guest "
          "| Tessera | Tessera / Linux guest |\n|---|---|---|---|---|")
    rows = []
    measures = [("nginx, `wrk -t1 -c30`, 612-byte page", results["nginx"]),
                ("redis-benchmark SET", {w: r["SET"] for w, r in results["redis"].items()}),
                ("redis-benchmark GET", {w: r["GET"] for w, r in results["redis"].items()}),
                ("http_poll (bench/progs), `wrk -t1 -c30`", results["http_poll"]),
                ("http_poll beside a spinning thread (`spin`), `wrk -t1 -c30`",
                 results["http_poll_spin"])]
    for label, per in measures:
        guest, ours = median(per.get("linux-guest", [])), median(per.get("tessera", []))
        ratio = f"{ours / guest:.2f}" if guest and ours else "–"
        print(f"| {label} | {runs_text(per.get('native', []))} | "
              f"{runs_text(per.get('linux-guest', []))} | {runs_text(per.get('tessera', []))} "
              f"| {ratio} |")
        rows.append((label.split(",")[0].replace("`", ""),
                     {w: median(v) for w, v in per.items()}))
    print("\n| measure | Linux guest | Tessera |\n|---|---|---|")
    print(f"| nginx: QEMU start to first HTTP 200 through `-p` (ms, median; runs) | "
          f"{runs_text(firsts.get('linux-guest', []))} | {runs_text(firsts.get('tessera', []))} |")
    for name in ("nginx", "redis", "hello"):
        print(f"| smallest `-m` that serves ({name}; MiB) | | {least[name]} |")
    svg_plot(rows, args.plot)


if __name__ == "__main__":
    main()
