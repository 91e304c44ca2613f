"""Metrics in Prometheus' text format: what metrics.report prints at exit, and what Debian's
Prometheus scrapes from a running guest (tessera run --metrics).

The exposition is checked with the Prometheus Python client's parser, its
families against docs/METRICS.md, and its values against the work the
program did.

  /usr/bin/python3 -m pytest -q tests/integration/test_metrics.py
"""
import json
import os
import re
import subprocess
import time
import urllib.parse
import urllib.request

import pytest
from prometheus_client.parser import text_string_to_metric_families

from conftest import TOP, tessera, free_port

BUSYBOX = "/bin/busybox"
DOC = os.path.join(TOP, "docs", "METRICS.md")
TIMEOUT = 120


def run(*args):
    r = tessera("run", "--tcg", "--timeout", str(TIMEOUT - 10), "--append", "metrics.report", *args,
                timeout=TIMEOUT)
    assert r.returncode == 0, r.stderr
    return r


def exposition(stderr):
    """The report's lines, out of everything the program and the kernel wrote to stderr."""
    return "".join(line for line in stderr.splitlines(keepends=True)
                   if line.startswith(("# HELP tessera_", "# TYPE tessera_", "tessera_")))


def families(stderr):
    """{family name: (type, {label value or None: value})}, as the parser reads them."""
    out = {}
    for family in text_string_to_metric_families(exposition(stderr)):
        # The parser drops a counter's _total suffix from the family's name.
        name = family.name + ("_total" if family.type == "counter" else "")
        out[name] = (family.type, {next(iter(s.labels.values()), None): s.value
                                   for s in family.samples})
    return out


def documented():
    """{name: type} from the tables of docs/METRICS.md."""
    rows = re.findall(r"^\| `(tessera_\w+)`(?:\{[^|]*\})? \| (counter|gauge) \|", open(DOC).read(),
                      re.M)
    return dict(rows)


def busybox(script, *args):
    return families(run(*args, BUSYBOX, "--", "sh", "-c", script).stderr)


def test_every_metric_is_valid_and_documented():
    got = busybox("ls / > /dev/null")
    assert {name: kind for name, (kind, _) in got.items()} == documented()


def test_values_follow_the_workload():
    def after(n):
        return busybox(f"i=0; while [ $i -lt {n} ]; do cat /dev/null; i=$((i+1)); done")

    one, five = after(1), after(5)
    assert five["tessera_syscalls_total"][1]["execve"] - one["tessera_syscalls_total"][1]["execve"] == 4
    for counter in ("tessera_vfs_opens_total", "tessera_page_faults_total",
                    "tessera_vfs_lookups_total"):
        assert five[counter][1][None] > one[counter][1][None] > 0, counter
    memory = five["tessera_memory_total_bytes"][1][None]
    assert 60 << 20 < memory <= 64 << 20  # -m 64, less what the firmware keeps
    used, free = five["tessera_memory_used_bytes"][1][None], five["tessera_memory_free_bytes"][1][None]
    assert used + free == memory and used > 0 and free > 0
    assert five["tessera_uptime_seconds"][1][None] > five["tessera_boot_duration_seconds"][1][None] > 0
    assert five["tessera_sched_threads"][1]["runnable"] >= 1


def test_unimplemented_calls_are_counted_by_name(tmp_path):
    exe = tmp_path / "enosys"
    subprocess.run(["gcc", "-O2", "-static", "-Wall", "-Werror", "-o", exe,
                    os.path.join(TOP, "tests", "linux", "metrics", "enosys.c")], check=True)
    r = run(str(exe))
    assert r.stdout == "3 calls failed with ENOSYS\n"
    unimplemented = families(r.stderr)["tessera_syscalls_unimplemented_total"][1]
    # glibc's start-up also probes rseq, which Tessera stubs.
    assert unimplemented["kexec_load"] == 2 and unimplemented["400"] == 1
    assert "write" not in unimplemented
    assert families(r.stderr)["tessera_syscalls_total"][1]["kexec_load"] == 2


def test_9p_requests_are_counted_by_type(tmp_path):
    (tmp_path / "in.txt").write_text("shared\n")
    got = busybox("cat /data/in.txt > /dev/null; echo x > /data/out.txt", "-v", f"{tmp_path}:/data")
    requests = got["tessera_9p_requests_total"][1]
    for kind in ("attach", "walk", "lopen", "read", "lcreate", "write", "clunk"):
        assert requests.get(kind, 0) >= 1, (kind, requests)
    assert (tmp_path / "out.txt").read_text() == "x\n"


# Prometheus scraping a running guest -------------------------------------------------------------

PROMETHEUS = "/usr/bin/prometheus"
PROMETHEUS_CONFIG = """\
global:
  scrape_interval: 1s
  scrape_timeout: 1s
scrape_configs:
  - job_name: tessera
    static_configs:
      - targets: ["127.0.0.1:{port}"]
"""


def query(api_port, promql):
    """The query's one value now, or None while Prometheus has none."""
    url = f"http://127.0.0.1:{api_port}/api/v1/query?" + urllib.parse.urlencode({"query": promql})
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            result = json.load(r)["data"]["result"]
    except (OSError, ValueError):
        return None
    return float(result[0]["value"][1]) if result else None


def stop(proc):
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def test_prometheus_scrapes_a_running_guest(tmp_path):
    if not os.path.exists(PROMETHEUS):
        pytest.skip("prometheus is not installed (tools/deps.sh test installs it)")
    metrics_port, api_port = free_port(), free_port()
    (tmp_path / "prometheus.yml").write_text(PROMETHEUS_CONFIG.format(port=metrics_port))
    # A shell loop of builtins: a write (and an open) per turn, no fork.
    guest = subprocess.Popen(
        [os.path.join(TOP, "tessera"), "run", "--tcg", "--timeout", str(TIMEOUT), "--metrics",
         str(metrics_port), BUSYBOX, "--", "sh", "-c", "while true; do echo x > /dev/null; done"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    prometheus = subprocess.Popen(
        [PROMETHEUS, f"--config.file={tmp_path / 'prometheus.yml'}",
         f"--storage.tsdb.path={tmp_path / 'data'}", f"--web.listen-address=127.0.0.1:{api_port}",
         "--log.level=warn"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=open(tmp_path / "log", "w"))
    try:
        writes = 'tessera_syscalls_total{job="tessera",name="write"}'
        seen = []
        deadline = time.monotonic() + TIMEOUT
        while len(seen) < 3 and time.monotonic() < deadline:
            value = query(api_port, writes)
            if value is not None and (not seen or value > seen[-1]):
                seen.append(value)
            time.sleep(0.5)
        assert len(seen) == 3, (seen, (tmp_path / "log").read_text())
        assert query(api_port, 'up{job="tessera"}') == 1
        assert query(api_port, 'tessera_memory_total_bytes{job="tessera"}') > 0
        assert query(api_port, 'sum(tessera_net_receive_packets_total{job="tessera"})') > 0
    finally:
        stop(prometheus)
        stop(guest)
