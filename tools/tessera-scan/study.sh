#!/bin/sh
# The long study of tools/tessera-scan: every app of recipes/, then the reports.
#
#   ./study.sh                 install DEPS.study, fetch sources, run all apps, write results/
#   ./study.sh APP[:WORKLOAD]  the same for some apps only (reports cover all results/)
#   ./study.sh reports         rewrite results/report.{md,csv,json} and figure5.svg
#   ./study.sh musl-table      regenerate data/musl-syscalls.json from Debian's musl
#
# REPEAT (default 2) and JOBS (default 2) tune the trials. Interrupted runs
# resume from .cache/trials.
set -eu
cd "$(dirname "$0")"
src=.cache/src

# A private copy of the tool: rebuilding it during an hour-long study must
# not change the program under the running trials.
scan=$(mktemp /tmp/tessera-scan-study.XXXXXX)
trap 'rm -f "$scan"' EXIT
cp build/tessera-scan "$scan"
chmod +x "$scan"
export TESSERA_SCAN_DIR="$PWD"

need_root() {
	if [ "$(id -u)" != 0 ]; then
		echo "study.sh: run as root, or first: apt-get install -y $*" >&2
		exit 1
	fi
}

install_deps() {
	missing=""
	for pkg in $(cat DEPS.study); do
		dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
	done
	[ -z "$missing" ] && return 0
	need_root $missing
	apt-get install -y $missing
}

# apt-get source needs deb-src entries; Debian 12 keeps them in one file.
enable_sources() {
	apt-get indextargets --format '$(TARGET_OF)' 2>/dev/null | grep -qx deb-src && return 0
	need_root
	sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
		> /etc/apt/sources.list.d/debian-src.sources
	apt-get update
}

# The security archive may lack the newest source: fall back to older versions.
fetch_source() {
	ls -d "$src/$1"-[0-9]*/ >/dev/null 2>&1 && return 0
	enable_sources
	mkdir -p "$src"
	(cd "$src" && apt-get source -q "$1") && return 0
	for version in $(apt-cache showsrc "$1" | sed -n 's/^Version: //p' | sort -r); do
		(cd "$src" && apt-get source -q "$1=$version") && return 0
	done
	echo "study.sh: cannot fetch the source of $1" >&2
	return 1
}

source_package() {
	sed -n 's/.*"source_package": "\([^"]*\)".*/\1/p' "recipes/$1.json"
}

reports() {
	for format in md csv json; do
		$scan report --format $format results > results/report.new
		mv results/report.new results/report.$format
	done
	$scan report --format svg results > results/figure5.svg
	echo "study.sh: wrote results/report.md, report.csv, report.json, figure5.svg"
}

case "${1:-all}" in
musl-table)
	fetch_source musl
	$scan musl-table "$(ls -d "$src"/musl-[0-9]*/ | tail -n 1)" > data/musl-syscalls.json
	echo "study.sh: wrote data/musl-syscalls.json"
	;;
reports)
	reports
	;;
*)
	install_deps
	if [ "${1:-all}" = all ]; then
		set -- $(for f in recipes/*.json; do basename "$f" .json; done)
	fi
	for target in "$@"; do
		fetch_source "$(source_package "${target%%:*}")"
	done
	$scan run --repeat "${REPEAT:-2}" --jobs "${JOBS:-2}" "$@"
	reports
	;;
esac
