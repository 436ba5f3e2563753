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
      linux-source-6.1 python3 python3-yaml)

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
