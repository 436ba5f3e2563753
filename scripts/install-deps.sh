#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Install everything the build, the guest and the tests need from Debian's
# packages, and extract the kselftest harness and checkpatch from
# linux-source-6.1 into the build cache.  Idempotent: a second run only
# checks.  Usage: scripts/install-deps.sh [CACHE_DIR]
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cache=${1:-$top/.cache}

pkgs=(build-essential make gcc libc6-dev pkg-config bc kmod cpio xz-utils
      linux-headers-amd64 linux-image-amd64 qemu-system-x86 busybox-static
      libnl-3-dev libnl-genl-3-dev ethtool lm-sensors jq iproute2
      linux-source-6.1 python3 python3-yaml strace)

need=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		need+=("$p")
done

if [ ${#need[@]} -gt 0 ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "install-deps: missing packages: ${need[*]}; run as root" >&2
		exit 1
	fi
	echo "install-deps: installing ${need[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# The guest boots the image of exactly the headers' version.
kver=$(dpkg-query -W -f='${Depends}' linux-headers-amd64 | sed -n 's/.*linux-headers-\([^ ,]*\).*/\1/p')
if [ -z "$kver" ] || [ ! -e "/boot/vmlinuz-$kver" ]; then
	if [ -n "$kver" ]; then
		apt-get install -y -qq --no-install-recommends "linux-image-$kver" >/dev/null
	fi
fi
if [ -z "$kver" ] || [ ! -e "/boot/vmlinuz-$kver" ] || [ ! -d "/lib/modules/$kver" ]; then
	echo "install-deps: no kernel image matching the headers ($kver)" >&2
	exit 1
fi

# The second kernel of the build and test matrix: 6.12 headers and the
# image of the same version from bookworm-backports, through the mirror
# this machine already uses.  The module is built against it and one guest
# boots it.  A machine without it skips that build and that guest.
k612=$(ls -d /usr/src/linux-headers-6.12.*-amd64 2>/dev/null | sort -V | tail -n 1 |
       sed 's,.*/linux-headers-,,')
if { [ -z "$k612" ] || [ ! -e "/boot/vmlinuz-$k612" ]; } && [ "$(id -u)" -eq 0 ]; then
	if ! apt-cache policy 2>/dev/null | grep -q 'bookworm-backports'; then
		uri=$(sed -n 's/^URIs:[[:space:]]*//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1)
		[ -n "$uri" ] || uri=$(awk '$1 == "deb" && $3 == "bookworm" { print $2; exit }' \
			/etc/apt/sources.list 2>/dev/null)
		if [ -n "$uri" ]; then
			echo "deb $uri bookworm-backports main" >/etc/apt/sources.list.d/cpo-backports.list
			apt-get update -qq || true
		fi
	fi
	if [ -z "$k612" ]; then
		k612=$(apt-cache depends -t bookworm-backports linux-headers-amd64 2>/dev/null |
		       sed -n 's/.*Depends: linux-headers-\(6\.12[^ ]*\).*/\1/p' | head -n 1)
	fi
	if [ -n "$k612" ]; then
		echo "install-deps: installing the $k612 headers and image (second kernel)"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
			"linux-headers-$k612" "linux-image-$k612" >/dev/null ||
			echo "install-deps: linux-headers/image-$k612 not installed" >&2
	else
		echo "install-deps: no 6.12 kernel available; its build and guest are skipped" >&2
	fi
fi
if [ -n "$k612" ] && [ -d "/lib/modules/$k612/build" ] && [ -e "/boot/vmlinuz-$k612" ]; then
	mkdir -p "$cache"
	echo "$k612" >"$cache/kver-next.tmp" && mv "$cache/kver-next.tmp" "$cache/kver-next"
else
	rm -f "$cache/kver-next"
fi

# kselftest harness, lib.mk and checkpatch out of linux-source-6.1.
ks=$cache/linux-source
if [ ! -f "$ks/.extracted" ]; then
	tarball=$(ls /usr/src/linux-source-6.1.tar.xz 2>/dev/null | head -n 1)
	if [ -z "$tarball" ]; then
		echo "install-deps: /usr/src/linux-source-6.1.tar.xz not found" >&2
		exit 1
	fi
	echo "install-deps: extracting kselftest harness and checkpatch"
	rm -rf "$ks" && mkdir -p "$ks"
	tar -xJf "$tarball" -C "$ks" --strip-components=1 --wildcards \
		'linux-source-6.1/tools/testing/selftests/kselftest*' \
		'linux-source-6.1/tools/testing/selftests/lib.mk' \
		'linux-source-6.1/scripts/checkpatch.pl' \
		'linux-source-6.1/scripts/spelling.txt' \
		'linux-source-6.1/scripts/const_structs.checkpatch'
	touch "$ks/.extracted"
fi
echo "$kver" > "$cache/kver"
