"""A small tour of what Python programs lean on the kernel for.

Files, directories, JSON, sqlite3, hashing, threads, a subprocess, and
a TCP echo round trip on loopback. Prints 'python workload ok' at the end.
"""
import hashlib
import json
import os
import socket
import sqlite3
import subprocess
import tempfile
import threading
import time


def files():
    with tempfile.TemporaryDirectory(dir=".") as tmp:
        path = os.path.join(tmp, "data.json")
        with open(path, "w") as out:
            json.dump({"numbers": list(range(1000))}, out)
        with open(path) as src:
            assert sum(json.load(src)["numbers"]) == 499500
        os.rename(path, path + ".old")
        assert os.listdir(tmp) == ["data.json.old"]


def database():
    db = sqlite3.connect("py.db")
    db.execute("CREATE TABLE t(x)")
    db.executemany("INSERT INTO t VALUES (?)", [(i,) for i in range(500)])
    assert db.execute("SELECT sum(x) FROM t").fetchone()[0] == 124750
    db.close()


def threads():
    results = []

    def work(n):
        results.append(hashlib.sha256(str(n).encode()).hexdigest())

    pool = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    assert len(results) == 4


def echo_server(listener):
    conn, _ = listener.accept()
    with conn:
        conn.sendall(conn.recv(64).upper())


def network():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    server = threading.Thread(target=echo_server, args=(listener,))
    server.start()
    with socket.create_connection(listener.getsockname(), timeout=5) as client:
        client.sendall(b"tessera")
        assert client.recv(64) == b"TESSERA"
    server.join()
    listener.close()


def child():
    out = subprocess.run(["/bin/echo", "child"], capture_output=True, check=True)
    assert out.stdout == b"child\n"


start = time.monotonic()
files()
database()
threads()
network()
child()
assert time.monotonic() >= start
print("python workload ok")
