#!/bin/sh
# Make sure the Debian packages a step needs are installed.
#   tools/deps.sh build|run|test|rootfs|musl
# As root, missing packages are installed with apt-get; otherwise the exact
# apt-get line is printed and the script fails.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)

case "${1:-}" in
build) wanted="gcc make binutils python3 python3-kconfiglib linux-libc-dev libjansson-dev" ;;
run) wanted="qemu-system-x86" ;;
musl) wanted="musl-tools musl-dev" ;;
rootfs) wanted=$(grep -v '^#' "$top/tools/tessera/DEPS" | tr '\n' ' ') ;;
test)
	wanted="gcc make binutils libc6-dev linux-libc-dev libjansson-dev python3 python3-kconfiglib qemu-system-x86 libcmocka-dev python3-pytest python3-pytest-xdist"
	for f in "$top"/tools/*/DEPS "$top"/tests/DEPS "$top"/tests/*/DEPS; do
		[ -f "$f" ] && wanted="$wanted $(grep -v '^#' "$f" | tr '\n' ' ')"
	done
	;;
*)
	echo "usage: tools/deps.sh build|run|test|rootfs|musl" >&2
	exit 2
	;;
esac

# One dpkg-query for all: this runs before every build and run.
# shellcheck disable=SC2086
installed=$(dpkg-query -W -f='${Package} ${Status}\n' $wanted 2>/dev/null |
	sed -n 's/^\([^ :]*\)[^ ]* install ok installed$/\1/p')
missing=""
for pkg in $wanted; do
	echo "$installed" | grep -qx "$pkg" || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "tessera: missing Debian packages; install them with:" >&2
	echo "  sudo apt-get install -y$missing" >&2
	exit 1
fi
echo "tessera: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >&2
