"""An image contains only the libraries its configuration selected."""
import subprocess

import images


def symbols(name):
    out = subprocess.run(["nm", "--defined-only", images.debug_image(name)], check=True,
                         capture_output=True, text=True).stdout
    return {line.split()[-1] for line in out.splitlines()}


# What the scheduler registers at boot, so that it stays linked even when unused.
SCHEDULER_SYMBOLS = {"sched_init", "timer_init", "timer_expired"}


def test_hello_without_scheduler_has_no_scheduler_symbols():
    assert not SCHEDULER_SYMBOLS & symbols("hello")


def test_hello_with_scheduler_has_them():
    assert SCHEDULER_SYMBOLS <= symbols("hello-sched")


def test_each_allocator_links_only_itself():
    buddy, tlsf = symbols("hello"), symbols("hello-tlsf")
    assert "buddy_create" in buddy and "tlsf_create" not in buddy
    assert "tlsf_create" in tlsf and "buddy_create" not in tlsf
