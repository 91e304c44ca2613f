#!/bin/sh
# Build Lua from Debian's lua5.4 source with its own Makefile and musl-gcc:
#   apps/lua/build.sh OUTDIR
# leaves OUTDIR/src/liblua.a and lua.o (linked into the image) and lua (the
# same program as a Linux executable, for comparisons).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$1
src=$("$top/tools/fetch-source.sh" lua5.4)
command -v musl-gcc >/dev/null || "$top/tools/deps.sh" musl

rm -rf "$out"
mkdir -p "$(dirname "$out")"
cp -r "$src" "$out"
# Debian's packaging patches build with libtool and a generated header:
# take them back out, keeping the security fixes, for upstream's plain Makefile.
for p in 0002-lua-modules-paths.patch 0001-build-system.patch; do
	patch -s -R -p1 -d "$out" <"$out/debian/patches/$p"
done
make -s -C "$out/src" posix CC=musl-gcc AR="ar rc" >/dev/null
