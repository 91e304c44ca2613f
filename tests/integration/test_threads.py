"""Cooperative threads: sleep, wait queues, semaphores, mutexes, join."""
import pytest

from conftest import boot

EXPECTED = """sleepers woke in order: 1234
producer/consumer sum: 5050
mutex-guarded counter: 1000
"""


@pytest.mark.parametrize("image", ["threads", "threads-tlsf"])
def test_threads_print_deterministic_result(image):
    r = boot(image)
    assert r.stdout == EXPECTED
    assert r.returncode == 0, r.stderr
