#!/bin/sh
# check-elf.sh VARIANT FILE: fail loudly unless FILE is the kind of executable
# VARIANT promises (ELF type, program interpreter, needed libraries).
set -eu
variant=$1
file=$2

type=$(readelf -h "$file" | sed -n 's/^ *Type: *\([A-Z]*\).*/\1/p')
interp=$(readelf -l "$file" | sed -n 's/.*Requesting program interpreter: \(.*\)]/\1/p')
needed=$(readelf -d "$file" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')
dynamic=$(readelf -l "$file" | grep -c '^ *DYNAMIC ' || true)

fail() {
	echo "check-elf: $file is not a $variant executable: $*" >&2
	echo "check-elf: type=$type interp='$interp' needed='$needed' dynamic=$dynamic" >&2
	rm -f "$file"
	exit 1
}

case $variant in
musl-static | glibc-static)
	[ "$type" = EXEC ] || fail "ELF type $type, want EXEC"
	[ -z "$interp" ] || fail "it has a program interpreter"
	[ -z "$needed" ] || fail "it needs shared libraries"
	;;
musl-static-pie)
	# A real static PIE: position-independent (DYN), self-relocating
	# (a DYNAMIC segment), and no interpreter or shared library at all.
	[ "$type" = DYN ] || fail "ELF type $type, want DYN"
	[ -z "$interp" ] || fail "it has a program interpreter (not a static PIE)"
	[ -z "$needed" ] || fail "it needs shared libraries"
	[ "$dynamic" -eq 1 ] || fail "no DYNAMIC segment for its self-relocation"
	;;
glibc-dynamic)
	[ "$type" = DYN ] || fail "ELF type $type, want DYN (PIE)"
	[ "$interp" = /lib64/ld-linux-x86-64.so.2 ] || fail "interpreter '$interp'"
	case " $needed " in
	*" libc.so.6 "*) ;;
	*) fail "it does not need libc.so.6" ;;
	esac
	;;
*)
	echo "check-elf: unknown variant $variant" >&2
	exit 2
	;;
esac
