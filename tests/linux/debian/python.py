# CPython: subprocess, sqlite3 (memory and a file), zlib/gzip/bz2/lzma, hashlib and
# ssl (OpenSSL), mmap of a file, select, a signal handler, os.fork, sleeps, POSIX shared
# memory and multiprocessing locks, events and queues (no worker processes), asyncio.
# Run by tests/integration/test_debian_programs.py natively and under Tessera.
import subprocess, sqlite3, zlib, hashlib, hmac, ssl, json, os, re, tempfile, time, struct, random, io, gzip, bz2, lzma, shutil, decimal, fractions, datetime, csv, collections, itertools, functools, heapq, bisect, base64, uuid, select, signal, errno, fcntl, mmap
print(subprocess.run(["echo", "hello"], capture_output=True, text=True).stdout, end="")
print(subprocess.check_output("seq 3 | wc -l", shell=True).decode().strip())
r = subprocess.run(["sh", "-c", "exit 5"]); print("rc", r.returncode)
db = sqlite3.connect(":memory:"); db.execute("create table t(a integer, b text)")
db.executemany("insert into t values(?,?)", [(i, "x" * (i % 7)) for i in range(1000)])
print(db.execute("select count(*), sum(a), max(length(b)) from t").fetchone())
db2 = sqlite3.connect("file.db"); db2.execute("create table k(v)"); db2.execute("insert into k values (42)"); db2.commit(); db2.close()
print(sqlite3.connect("file.db").execute("select v from k").fetchone())
data = b"tessera " * 10000
print(len(zlib.compress(data, 9)), zlib.crc32(data), zlib.decompress(zlib.compress(data)) == data)
print(gzip.decompress(gzip.compress(data)) == data, bz2.decompress(bz2.compress(data)) == data, lzma.decompress(lzma.compress(data)) == data)
print(hashlib.sha256(data).hexdigest()[:16], hashlib.md5(data).hexdigest()[:16], hashlib.sha3_256(data).hexdigest()[:16], hashlib.blake2b(data).hexdigest()[:16])
print(hmac.new(b"k", data, "sha1").hexdigest()[:16])
ctx = ssl.create_default_context(); print(ctx.verify_mode == ssl.CERT_REQUIRED, ssl.OPENSSL_VERSION.split()[0])
print(hashlib.pbkdf2_hmac("sha256", b"pw", b"salt", 1000).hex()[:16])
with tempfile.TemporaryDirectory() as d:
    fn = os.path.join(d, "f"); open(fn, "w").write("abc\n" * 100)
    with open(fn, "r+b") as f:
        m = mmap.mmap(f.fileno(), 0); print(m[:4], len(m)); m[0:3] = b"XYZ"; m.flush(); m.close()
    print(open(fn).read(8).encode()); shutil.copy(fn, fn + "2"); print(sorted(os.listdir(d)))
r, w = os.pipe(); os.write(w, b"x"); print(select.select([r], [], [], 0)[0] == [r])
signal.signal(signal.SIGUSR1, lambda s, f: print("got usr1")); os.kill(os.getpid(), signal.SIGUSR1)
print(decimal.Decimal(1) / decimal.Decimal(7), fractions.Fraction(3, 9), datetime.date(2024, 2, 29) + datetime.timedelta(days=1))
random.seed(1); print(random.randint(0, 1000), base64.b64encode(b"tessera"), struct.pack("<IH", 1, 2))
print(json.dumps({"a": [1, 2, {"b": None}]}, sort_keys=True), re.sub(r"(\d+)", lambda m: str(int(m[1]) * 2), "a1b22c333"))
pid = os.fork()
if pid == 0:
    os._exit(9)
print("waited", os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
t0 = time.monotonic(); time.sleep(0.1); print(0.09 < time.monotonic() - t0 < 2)
print(os.uname().sysname, os.cpu_count() >= 1, os.getcwd().startswith("/"))
# POSIX shared memory and semaphores in /dev/shm (a tmpfs), as multiprocessing's locks use them.
import multiprocessing, threading, _posixshmem
lock = multiprocessing.Lock(); sem = multiprocessing.Semaphore(2)
with lock: print("multiprocessing lock")
sem.acquire(); sem.acquire(); print("semaphore exhausted:", not sem.acquire(timeout=0.05)); sem.release()
name = f"/tessera_test_{os.getpid()}"
fd = _posixshmem.shm_open(name, os.O_CREAT | os.O_RDWR, 0o600); os.ftruncate(fd, 4096)
m = mmap.mmap(fd, 4096); m[:5] = b"hello"; fd2 = _posixshmem.shm_open(name, os.O_RDONLY, 0)
print(os.pread(fd2, 5, 0), name[1:] in os.listdir("/dev/shm"), oct(os.stat("/dev/shm").st_mode))
_posixshmem.shm_unlink(name); print(name[1:] in os.listdir("/dev/shm"))
ev = multiprocessing.Event(); threading.Timer(0.05, ev.set).start(); print("event", ev.wait(2))
q = multiprocessing.Queue(); q.put({"a": 1}); print(q.get(timeout=2))
# asyncio: an event loop (epoll, a socketpair to wake it) with timers, futures, timeouts and a
# subprocess.
import asyncio
async def tick(name, delay, out):
    await asyncio.sleep(delay); out.append(name)
async def main():
    out = []
    await asyncio.gather(tick("c", 0.15, out), tick("a", 0.05, out), tick("b", 0.1, out))
    loop = asyncio.get_running_loop(); fut = loop.create_future(); loop.call_later(0.05, fut.set_result, "later")
    out.append(await fut)
    try:
        await asyncio.wait_for(asyncio.sleep(5), 0.05)
    except asyncio.TimeoutError:
        out.append("timeout")
    proc = await asyncio.create_subprocess_exec("echo", "async-sub", stdout=asyncio.subprocess.PIPE)
    o, _ = await proc.communicate(); out.append(o.decode().strip())
    return out
print(asyncio.run(main()))
