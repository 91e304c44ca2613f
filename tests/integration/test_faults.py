"""Security features and crash reports: each fault is caught, named and located."""
import re

import pytest

from conftest import boot

SIGSEGV_STATUS = 128 + 11
SIGABRT_STATUS = 128 + 6


def assert_crash_report(r, status, *needles):
    assert r.returncode == status, r.stderr
    assert "no fault" not in r.stdout
    assert f"the unikernel crashed (exit status {status})" in r.stderr
    for needle in needles:
        assert needle in r.stderr, f"{needle!r} missing from:\n{r.stderr}"


def test_stack_smash_is_caught_by_the_canary():
    r = boot("faults", "smash")
    assert_crash_report(r, SIGABRT_STATUS, "stack smashing detected in", "smash_stack",
                        "Backtrace:")


def test_write_to_text_faults():
    r = boot("faults", "write-text")
    assert_crash_report(r, SIGSEGV_STATUS, "#PF page fault", "violates the page's protection",
                        "write_text")


def test_write_to_rodata_faults():
    r = boot("faults", "write-rodata")
    assert_crash_report(r, SIGSEGV_STATUS, "violates the page's protection", "write_rodata")


def test_executing_data_faults():
    r = boot("faults", "exec-data")
    assert_crash_report(r, SIGSEGV_STATUS, "instruction fetch from non-executable page",
                        "execute_data")


@pytest.mark.parametrize("where", ["overflow", "thread-overflow"])
def test_stack_overflow_hits_the_guard_page(where):
    r = boot("faults", where)
    assert_crash_report(r, SIGSEGV_STATUS, "stack overflow", "guard page", "recurse_forever")


def test_crash_report_has_registers_and_a_backtrace_naming_the_function():
    r = boot("faults", "null")
    assert_crash_report(r, SIGSEGV_STATUS, "CPU exception #PF page fault (vector 14",
                        "at unmapped address 0x10", "RAX:", "R15:", "CR2:")
    trace = r.stderr[r.stderr.index("Backtrace:"):]
    assert re.search(r"<crash_in_named_function\+0x[0-9a-f]+>", r.stderr)
    assert re.search(r"#\d+ 0x[0-9a-f]+ <main\+0x[0-9a-f]+>", trace), trace


def test_sse_code_compiled_with_gcc_defaults_runs():
    r = boot("faults", "sse")
    assert r.returncode == 0, r.stderr
    assert r.stdout == "sse: 315\n"
