#!/bin/sh
# Builds sqlite's Tcl test harness, testfixture, from the Debian source
# package (unpacked by study.sh into $TS_SRC) into $TS_CACHE/build/sqlite3.
set -e
build="$TS_CACHE/build/sqlite3"
[ -x "$build/testfixture" ] && exit 0
test -n "$TS_SRC" || { echo "no sqlite3 source: run study.sh, or apt-get source sqlite3 into $TS_CACHE/src" >&2; exit 1; }
rm -rf "$build"
mkdir -p "$(dirname "$build")"
cp -r "$TS_SRC" "$build"
cd "$build"
./configure --with-tcl=/usr/lib/tcl8.6
make testfixture
