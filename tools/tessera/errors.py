"""The one way the CLI reports a failure: a single line and a status."""
import os
import sys


class CliError(Exception):
    def __init__(self, message, status=1):
        super().__init__(message)
        self.status = status


def notice(message):
    print(f"tessera: {message}", file=sys.stderr, flush=True)


def after_guest_output():
    """QEMU appends the guest's stderr to the same file: continue after it, not over it."""
    try:
        os.lseek(sys.stderr.fileno(), 0, os.SEEK_END)
    except OSError:
        pass  # a terminal or a pipe: nothing to do
