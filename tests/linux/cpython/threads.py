"""CPython's threads at work: a queue served by worker threads hashing JSON, locks, an
event set from a timer-like thread, a condition that times out, regular expressions;
then signals: an interval timer interrupting a sleep, signal.alarm waking signal.pause.
Prints the same on any correct system (tests/integration/test_cpython.py)."""
import hashlib
import json
import queue
import re
import signal
import threading
import time

WORKERS = 8
ITEMS = 200

jobs = queue.Queue()
results = []
results_lock = threading.Lock()


def worker():
    while (item := jobs.get()) is not None:
        digest = hashlib.sha256(json.dumps({"item": item}).encode()).hexdigest()
        with results_lock:
            results.append((item, digest[:12]))
        jobs.task_done()
    jobs.task_done()


threads = [threading.Thread(target=worker, name=f"worker-{i}") for i in range(WORKERS)]
for t in threads:
    t.start()
for i in range(ITEMS):
    jobs.put(i)
for _ in threads:
    jobs.put(None)
jobs.join()
for t in threads:
    t.join()
results.sort()
print(f"{len(results)} items hashed by {WORKERS} threads: first {results[0]}, last {results[-1]}")
print("all distinct:", len({d for _, d in results}) == ITEMS)

ready = threading.Event()
started = time.monotonic()
setter = threading.Thread(target=lambda: (time.sleep(0.05), ready.set()))
setter.start()
print("event set by another thread:", ready.wait(10))
setter.join()
print("slept at least 50 ms:", time.monotonic() - started >= 0.05)

condition = threading.Condition()
with condition:
    print("condition wait times out:", condition.wait(0.02) is False)

counter = 0
counter_lock = threading.Lock()


def add(n):
    global counter
    for _ in range(n):
        with counter_lock:
            counter += 1


adders = [threading.Thread(target=add, args=(1000,)) for _ in range(4)]
for t in adders:
    t.start()
for t in adders:
    t.join()
print("locked counter:", counter)
print("threads left:", threading.active_count())
print(re.sub(r"\d+", "#", json.dumps({"workers": WORKERS, "items": ITEMS}, sort_keys=True)))

alarms = []


def on_alarm(signum, frame):
    alarms.append(signal.Signals(signum).name)
    raise TimeoutError("alarm")


signal.signal(signal.SIGALRM, on_alarm)
signal.setitimer(signal.ITIMER_REAL, 0.05)
try:
    while True:  # interrupted only by the handler's exception
        time.sleep(1)
except TimeoutError as e:
    print("signal.setitimer interrupted a sleep:", e, alarms)
signal.signal(signal.SIGALRM, lambda signum, frame: alarms.append("again"))
signal.alarm(1)
print("alarm pending, seconds left:", signal.alarm(0))
signal.alarm(1)
signal.pause()
print("signal.alarm woke signal.pause:", alarms)
