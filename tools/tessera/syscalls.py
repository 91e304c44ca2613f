"""`tessera syscalls`: the Linux x86_64 syscall table and what Tessera does with each call.

The kernel registers each syscall with SYSCALL_DEFINE / SYSCALL_FAKE / SYSCALL_STUB,
which creates a symbol __syscall_<state>_<name> in the image; the dispatch table is
filled from those same entries at boot.  This command reads the symbols of the image
that runs Linux programs (apps/elfloader, built if needed), so the report and the
table cannot disagree.  Every number without an entry returns -ENOSYS: "stubbed".
"""
import json
import os
import re
import subprocess

import build
from errors import CliError
from paths import TOP

UNISTD = "/usr/include/x86_64-linux-gnu/asm/unistd_64.h"
STATES = ("implemented", "faked", "stubbed")


def linux_syscalls():
    """{number: name} from Linux's own list (Debian's linux-libc-dev)."""
    if not os.path.exists(UNISTD):
        raise CliError(f"{UNISTD} is missing: apt-get install linux-libc-dev")
    table = {}
    with open(UNISTD) as f:
        for line in f:
            m = re.match(r"#define __NR_(\w+)\s+(\d+)", line)
            if m:
                table[int(m.group(2))] = m.group(1)
    return table


def registered(image_dbg):
    """{name: state} from the image's __syscall_<state>_<name> symbols."""
    out = subprocess.run(["nm", "--defined-only", image_dbg], capture_output=True, text=True)
    if out.returncode:
        raise CliError(f"cannot read the symbols of {image_dbg}")
    states = {}
    for line in out.stdout.splitlines():
        m = re.search(r"__syscall_(implemented|faked|stubbed)_(\w+)$", line)
        if m:
            states[m.group(2)] = m.group(1)
    return states


def table(image_dbg):
    states = registered(image_dbg)
    return [{"nr": nr, "name": name, "state": states.get(name, "stubbed")}
            for nr, name in sorted(linux_syscalls().items())]


def markdown(rows):
    counts = {s: sum(r["state"] == s for r in rows) for s in STATES}
    lines = [f"{len(rows)} Linux x86_64 syscalls: " +
             ", ".join(f"{counts[s]} {s}" for s in STATES) + ".", "",
             "| nr | name | state |", "|---:|---|---|"]
    lines += [f"| {r['nr']} | {r['name']} | {r['state']} |" for r in rows]
    return "\n".join(lines)


def syscalls(as_json, image=None):
    if image:
        dbg = image[: -len(".elf")] + ".dbg" if image.endswith(".elf") else image
        if not os.path.exists(dbg):
            raise CliError(f"no such image (with symbols): {dbg}")
    else:
        with open(os.devnull, "w") as quiet:
            elf = build.build(os.path.join(TOP, "apps", "elfloader"), log=quiet)
        dbg = elf[: -len(".elf")] + ".dbg"
    rows = table(dbg)
    print(json.dumps(rows, indent=1) if as_json else markdown(rows))
