#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Install everything the build, the guest and the tests need from Debian's
# packages, and extract the kselftest harness and checkpatch from
# linux-source-6.1 into the build cache.  Idempotent: a second run only
# checks.  Usage: scripts/install-deps.sh [--debug-kernel] [CACHE_DIR]
# --debug-kernel also installs what building the guest's debug kernel
# from linux-source-6.1 needs (make check-debug).
#
# Every step that can fail says, in one line on stderr, what failed and
# what to do; when apt fails, its own error lines are shown above that.
# Look-ups that may legitimately find nothing (no 6.12 kernel yet, no
# backports source) never end the script.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
debug_kernel=0
if [ "${1:-}" = --debug-kernel ]; then
	debug_kernel=1
	shift
fi
cache=${1:-$top/.cache}
log=$(mktemp "${TMPDIR:-/tmp}/cpo-deps.XXXXXX")
trap 'rm -f "$log"' EXIT

die() {
	echo "install-deps: $*" >&2
	exit 1
}

# apt_run DESCRIPTION ARGS...: run apt-get quietly; on failure show the
# lines apt printed about the problem, then return its status.
apt_run() {
	local what=$1 rc=0
	shift
	DEBIAN_FRONTEND=noninteractive apt-get "$@" >"$log" 2>&1 || rc=$?
	if [ "$rc" -ne 0 ]; then
		grep -E '^(E|W|Err):|Unable|not found|Failed' "$log" >&2 ||
			tail -n 5 "$log" >&2
		echo "install-deps: $what failed (apt-get exit $rc)" >&2
	fi
	return "$rc"
}

is_root() { [ "$(id -u)" -eq 0 ]; }

pkgs=(build-essential make gcc libc6-dev pkg-config bc kmod cpio xz-utils
      linux-headers-amd64 linux-image-amd64 qemu-system-x86 busybox-static
      libnl-3-dev libnl-genl-3-dev libjson-c-dev ethtool lm-sensors jq iproute2
      linux-source-6.1 linux-source-6.12 python3 python3-yaml
      python3-jsonschema strace curl gnuplot-nox
      prometheus-node-exporter prometheus libcap2-bin dkms)
# selftests/vm/build-debug-kernel.sh: Kconfig, objtool, the kernel's
# certificate and ELF tools.
if [ $debug_kernel = 1 ]; then
	pkgs+=(flex bison libelf-dev libssl-dev bc)
fi

need=()
for p in "${pkgs[@]}"; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	[ "$st" = "install ok installed" ] || need+=("$p")
done

if [ ${#need[@]} -gt 0 ]; then
	is_root || die "missing packages: ${need[*]}; run 'make deps' as root (or apt-get install them)"
	echo "install-deps: installing ${need[*]}"
	apt_run "apt-get update" update ||
		die "cannot read the package lists; check the network and /etc/apt/sources.list*"
	apt_run "installing ${need[*]}" install -y --no-install-recommends "${need[@]}" ||
		die "cannot install the packages above; see apt's messages, fix the cause and run 'make deps' again"
fi

# The guest boots the image of exactly the headers' version.
deps=$(dpkg-query -W -f='${Depends}' linux-headers-amd64 2>/dev/null || true)
kver=$(sed -n 's/.*linux-headers-\([0-9][^ ,]*\).*/\1/p' <<<"$deps")
[ -n "$kver" ] || die "cannot tell the kernel version of linux-headers-amd64; reinstall it"
if [ ! -e "/boot/vmlinuz-$kver" ]; then
	is_root || die "no /boot/vmlinuz-$kver for the headers; run 'make deps' as root"
	apt_run "installing linux-image-$kver" install -y --no-install-recommends "linux-image-$kver" ||
		die "cannot install linux-image-$kver, the kernel the guest boots"
fi
[ -d "/lib/modules/$kver/build" ] ||
	die "no /lib/modules/$kver/build; reinstall linux-headers-$kver"
[ -d "/lib/modules/$kver/kernel" ] ||
	die "no modules for $kver in /lib/modules; reinstall linux-image-$kver"

# backports_uri: the Debian mirror this machine already uses, from either
# form of apt source (deb822 .sources or one-line sources.list).
backports_uri() {
	local f uri=""
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -r "$f" ] || continue
		uri=$(awk '/^URIs:/ { for (i = 2; i <= NF; i++)
			if ($i ~ /debian\/?$/ && $i !~ /security/) { print $i; exit } }' "$f")
		[ -n "$uri" ] && break
	done
	if [ -z "$uri" ]; then
		for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
			[ -r "$f" ] || continue
			# deb [options] URI SUITE COMPONENTS...
			uri=$(sed 's/\[[^]]*\]//' "$f" |
			      awk '$1 == "deb" && $3 == "bookworm" { print $2; exit }')
			[ -n "$uri" ] && break
		done
	fi
	printf '%s\n' "$uri"
}

# newest_612: the newest installed 6.12 headers' version, or nothing.
newest_612() {
	local d best=""
	for d in /usr/src/linux-headers-6.12.*-amd64; do
		[ -d "$d" ] || continue
		best=$(printf '%s\n%s\n' "$best" "${d#/usr/src/linux-headers-}" | sed '/^$/d' | sort -V | tail -n 1)
	done
	printf '%s\n' "$best"
}

# The second kernel of the build and test matrix: 6.12 headers and the
# image of the same version from bookworm-backports, through the mirror
# this machine already uses.  The module is built against it and one guest
# boots it.  A machine that cannot get it skips that build and that guest,
# and says so.
k612=$(newest_612)
if { [ -z "$k612" ] || [ ! -e "/boot/vmlinuz-$k612" ]; } && is_root; then
	policy=$(apt-cache policy 2>/dev/null || true)
	if ! grep -q 'bookworm-backports' <<<"$policy"; then
		uri=$(backports_uri)
		if [ -n "$uri" ]; then
			echo "deb $uri bookworm-backports main" >/etc/apt/sources.list.d/cpo-backports.list
			apt_run "apt-get update (bookworm-backports)" update ||
				echo "install-deps: bookworm-backports unreadable; the 6.12 build and guest are skipped" >&2
		else
			echo "install-deps: no Debian bookworm mirror in /etc/apt/sources.list*; add bookworm-backports by hand for the 6.12 guest" >&2
		fi
	fi
	if [ -z "$k612" ]; then
		bp=$(apt-cache depends -t bookworm-backports linux-headers-amd64 2>/dev/null || true)
		k612=$(sed -n 's/.*Depends: linux-headers-\(6\.12[^ ]*\).*/\1/p' <<<"$bp" | head -n 1)
	fi
	if [ -n "$k612" ]; then
		echo "install-deps: installing the $k612 headers and image (second kernel)"
		apt_run "installing linux-headers/image-$k612" install -y --no-install-recommends \
			"linux-headers-$k612" "linux-image-$k612" ||
			echo "install-deps: the 6.12 build and guest are skipped until that install works" >&2
	else
		echo "install-deps: no 6.12 kernel in bookworm-backports; its build and guest are skipped" >&2
	fi
fi
mkdir -p "$cache"
if [ -n "$k612" ] && [ -d "/lib/modules/$k612/build" ] && [ -e "/boot/vmlinuz-$k612" ]; then
	echo "$k612" >"$cache/kver-next.tmp" && mv "$cache/kver-next.tmp" "$cache/kver-next"
else
	rm -f "$cache/kver-next"
fi

# kselftest harness, lib.mk and checkpatch out of linux-source-6.1.
ks=$cache/linux-source
if [ ! -f "$ks/.extracted" ]; then
	tarball=/usr/src/linux-source-6.1.tar.xz
	[ -f "$tarball" ] || die "$tarball not found; run 'apt-get install linux-source-6.1' as root"
	echo "install-deps: extracting kselftest harness and checkpatch"
	rm -rf "$ks" && mkdir -p "$ks"
	tar -xJf "$tarball" -C "$ks" --strip-components=1 --wildcards \
		'linux-source-6.1/tools/testing/selftests/kselftest*' \
		'linux-source-6.1/tools/testing/selftests/lib.mk' \
		'linux-source-6.1/scripts/checkpatch.pl' \
		'linux-source-6.1/scripts/spelling.txt' \
		'linux-source-6.1/scripts/const_structs.checkpatch' ||
		die "cannot extract the kselftest harness from $tarball; reinstall linux-source-6.1"
	touch "$ks/.extracted"
fi

# The kernel's YNL code generator and the netlink schemas out of
# linux-source-6.12 (bookworm-security): scripts/ynl-regen.sh generates the
# uapi header and the policies and op table from the family's spec with it.
# ynl-gen-c looks upward for MAINTAINERS to find the tree's root.
ynl=$cache/linux-source-6.12
if [ ! -f "$ynl/.extracted" ]; then
	tarball=/usr/src/linux-source-6.12.tar.xz
	[ -f "$tarball" ] || die "$tarball not found; run 'apt-get install linux-source-6.12' as root"
	echo "install-deps: extracting ynl-gen-c and the netlink schemas"
	rm -rf "$ynl" && mkdir -p "$ynl"
	tar -xJf "$tarball" -C "$ynl" --strip-components=1 --wildcards \
		'linux-source-6.12/tools/net/ynl/ynl-gen-c.py' \
		'linux-source-6.12/tools/net/ynl/ynl-regen.sh' \
		'linux-source-6.12/tools/net/ynl/lib/*' \
		'linux-source-6.12/Documentation/netlink/genetlink*.yaml' ||
		die "cannot extract ynl-gen-c from $tarball; reinstall linux-source-6.12"
	: >"$ynl/MAINTAINERS"
	touch "$ynl/.extracted"
fi
echo "$kver" > "$cache/kver"
