#!/usr/bin/python3
"""Turn `nm -n --defined-only` output into symbols.S: the sorted table of
function addresses and names that lib/symbols searches for backtraces."""
import sys

TEXT_TYPES = set("TtWw")


def main():
    syms = []
    for line in sys.stdin:
        parts = line.split()
        if len(parts) != 3 or parts[1] not in TEXT_TYPES:
            continue
        addr, name = int(parts[0], 16), parts[2]
        if syms and syms[-1][0] == addr:
            continue  # keep the first name of aliases
        syms.append((addr, name))
    out = ['\t.section .symbols, "a"', "\t.p2align 3"]
    out += ["\t.globl symbols_count", f"symbols_count:\n\t.quad {len(syms)}"]
    out += ["\t.globl symbols_addresses", "symbols_addresses:"]
    out += [f"\t.quad {a:#x}" for a, _ in syms]
    out += ["\t.globl symbols_name_offsets", "symbols_name_offsets:"]
    offset = 0
    for _, name in syms:
        out.append(f"\t.long {offset}")
        offset += len(name) + 1
    out += ["\t.globl symbols_names", "symbols_names:"]
    out += [f'\t.asciz "{name}"' for _, name in syms]
    out.append('\t.section .note.GNU-stack, "", @progbits')
    print("\n".join(out))


if __name__ == "__main__":
    main()
