#!/bin/sh
# Unpack a Debian source package into the git-ignored cache, once.
#   tools/fetch-source.sh PACKAGE   prints the unpacked tree's path
# Third-party code never enters the repository: builds take it from here.
# As root, deb-src entries and dpkg-dev are added when missing; otherwise the
# exact commands are printed and the script fails.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cache=${TESSERA_CACHE:-$top/.cache}/src
pkg=${1:?usage: tools/fetch-source.sh PACKAGE}

tree() {
	ls -d "$cache/$pkg"-[0-9]*/ 2>/dev/null | sort -V | tail -n 1
}

need_root() {
	[ "$(id -u)" -eq 0 ] && return 0
	echo "tessera: fetching the source of $pkg needs, as root:" >&2
	echo "  $1" >&2
	exit 1
}

# apt-get source needs deb-src entries; Debian 12 keeps its entries in one file.
enable_sources() {
	apt-get indextargets --format '$(TARGET_OF)' 2>/dev/null | grep -qx deb-src && return 0
	need_root "sed 's/^Types: deb\$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources > /etc/apt/sources.list.d/debian-src.sources && apt-get update"
	sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
		>/etc/apt/sources.list.d/debian-src.sources
	apt-get update -qq >&2
}

if [ -z "$(tree)" ]; then
	if ! command -v dpkg-source >/dev/null; then
		need_root "apt-get install -y dpkg-dev"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends dpkg-dev >&2
	fi
	enable_sources
	mkdir -p "$cache"
	# The security archive may lack the newest source: fall back to older versions.
	if ! (cd "$cache" && apt-get source -qq "$pkg" >&2); then
		for version in $(apt-cache showsrc "$pkg" | sed -n 's/^Version: //p' | sort -rV); do
			(cd "$cache" && apt-get source -qq "$pkg=$version" >&2) && break
		done
	fi
fi
dir=$(tree)
[ -n "$dir" ] || { echo "tessera: cannot fetch the source of $pkg" >&2; exit 1; }
echo "${dir%/}"
