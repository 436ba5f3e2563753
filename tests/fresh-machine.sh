#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# What a new user sees: a bare Debian 12 root (mmdebstrap --variant=apt,
# with only make added, which README asks for), a copy of this tree in
# it, and, as root inside it, exactly README's set-up and demo:
#
#	make deps; make; make demo
#
# ('make demo' runs the first two itself; they are separate steps here
# so that each one is timed.)  The demo's output must show the device's
# identity and the default profile's counts.  The only thing kept
# between runs is the Debian base tarball, keyed by date, in
# $CPO_FRESH_CACHE (default /var/cache/cpo-fresh); every install step of
# the project's runs from zero.  Output is TAP, one test per step, each
# with its duration; when the package registry cannot be reached, the
# steps that need it are skipped, never passed.
#
# Usage: tests/fresh-machine.sh [--keep]    (--keep leaves the root in
# build/fresh/root for a look; it is otherwise removed)
# Needs root (mmdebstrap, chroot, mounts).
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
work=$top/build/fresh
root=$work/root
cache=${CPO_FRESH_CACHE:-/var/cache/cpo-fresh}
keep=0
[ "${1:-}" = --keep ] && keep=1

n=0
plan=5
echo "TAP version 13"
echo "1..$plan"

# result OK|FAIL|SKIP NAME SECONDS [WHY]
result() {
	n=$((n + 1))
	case $1 in
	OK) echo "ok $n $2 # ${3}s" ;;
	FAIL) echo "not ok $n $2 # ${3}s${4:+: $4}" ;;
	SKIP) echo "ok $n $2 # SKIP ${4:-}" ;;
	esac
}

skip_rest() {
	while [ "$n" -lt "$plan" ]; do
		result SKIP "${1}" 0 "$2"
	done
	exit 0
}

fail_rest() {
	while [ "$n" -lt "$plan" ]; do
		result FAIL "not run" 0 "$1"
	done
	exit 1
}

# unreachable LOG: the log says the package registry could not be reached.
unreachable() {
	grep -qE 'Temporary failure resolving|Could not resolve|Could not connect|Network is unreachable|Connection timed out|No route to host' "$1"
}

if [ "$(id -u)" -ne 0 ]; then
	echo "# fresh-machine: needs root (mmdebstrap, chroot and mounts)"
	skip_rest "fresh machine" "not root"
fi

mkdir -p "$work"
log=$work/log
: >"$log"

# 1. The bare root.
t0=$SECONDS
if ! command -v mmdebstrap >/dev/null; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mmdebstrap >>"$log" 2>&1 || true
fi
if ! command -v mmdebstrap >/dev/null; then
	if unreachable "$log"; then
		skip_rest "bare Debian 12 root" "package registry unreachable: cannot install mmdebstrap"
	fi
	tail -n 5 "$log" | sed 's/^/# /'
	result FAIL "bare Debian 12 root" $((SECONDS - t0)) "mmdebstrap is not installed and cannot be"
	fail_rest "no bare root"
fi
mkdir -p "$cache"
tarball=$cache/bookworm-apt-make-$(date -u +%Y%m%d).tar
# Only a non-empty regular file is a cached root; anything else (a
# directory, an interrupted write) is removed and made again.
if [ ! -f "$tarball" ] || [ ! -s "$tarball" ]; then
	find "$cache" -mindepth 1 -maxdepth 1 -name 'bookworm-apt-*' \
		-exec rm -rf {} + 2>/dev/null
	# The format is named: mmdebstrap guesses it from the file name, and
	# "*.tar.tmp" would make a directory.
	if ! mmdebstrap --quiet --variant=apt --format=tar \
		--include=ca-certificates,make \
		bookworm "$tarball.tmp" >>"$log" 2>&1; then
		rm -rf "$tarball.tmp"
		if unreachable "$log"; then
			skip_rest "bare Debian 12 root" "package registry unreachable"
		fi
		tail -n 5 "$log" | sed 's/^/# /'
		result FAIL "bare Debian 12 root" $((SECONDS - t0)) "mmdebstrap failed; see $log"
		fail_rest "no bare root"
	fi
	mv "$tarball.tmp" "$tarball"
	how="made"
else
	how="cached"
fi
rm -rf "$root"
mkdir -p "$root/root/cpo"
if ! tar -xf "$tarball" -C "$root" >>"$log" 2>&1 || [ ! -d "$root/dev" ]; then
	tail -n 5 "$log" | sed 's/^/# /'
	result FAIL "bare Debian 12 root" $((SECONDS - t0)) "cannot unpack $tarball"
	fail_rest "no bare root"
fi
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null
# The tree as a clone has it: tracked and untracked-but-not-ignored files.
(cd "$top" && if [ -d .git ] && command -v git >/dev/null; then
	git ls-files -co --exclude-standard -z | tar --null -T - -cf -
else
	tar --exclude=./build --exclude=./.cache -cf - .
fi) | tar -xf - -C "$root/root/cpo"
result OK "bare Debian 12 root ($how), tree copied" $((SECONDS - t0))

# in_root LOG CMD: run CMD as root in the bare root, cwd the tree.
in_root() {
	local out=$1
	shift
	unshare --mount --fork -- bash -c '
		set -e
		r=$1; shift
		mount --rbind /dev "$r/dev"
		mount -t tmpfs -o mode=1777 tmpfs "$r/dev/shm"
		mount -t proc proc "$r/proc"
		mount --rbind /sys "$r/sys"
		exec chroot "$r" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb \
			PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
			CPO_NO_KVM="${CPO_NO_KVM:-}" \
			/bin/bash -c "cd /root/cpo && $*"' in_root "$root" "$@" >"$out" 2>&1
}

# step NAME LOG CMD: one timed step of README's in the root.
step() {
	local name=$1 out=$2 t rc
	shift 2
	t=$SECONDS
	in_root "$out" "$@"
	rc=$?
	if [ $rc -ne 0 ]; then
		if unreachable "$out"; then
			result SKIP "$name" $((SECONDS - t)) "package registry unreachable"
			skip_rest "after $name" "package registry unreachable"
		fi
		tail -n 15 "$out" | sed 's/^/# /'
		result FAIL "$name" $((SECONDS - t)) "exit $rc; log in $out"
		fail_rest "$name failed"
	fi
	result OK "$name" $((SECONDS - t))
}

cleanup() {
	[ $keep = 1 ] || rm -rf "$root"
}
trap cleanup EXIT

step "make deps (install-deps from zero)" "$work/deps.log" make deps
step "make (module, tools, selftests)" "$work/build.log" make
step "make demo" "$work/demo.log" make demo

# 5. What the demo showed: the identity and the th6-102t counts.
out=$work/demo.log
sed 's/\x1b\[[0-9;]*m//g' "$out" >"$out.txt"
missing=()
for want in '^cpo0: .*state ok' 'serial [^ ]+ +firmware [^ ]+' \
	    '16 OEs +512 lanes .* 64 ports +16 ELSFP slots +128 lasers'; do
	grep -qE -- "$want" "$out.txt" || missing+=("'$want'")
done
if [ ${#missing[@]} -eq 0 ]; then
	result OK "demo shows the identity and 16 OEs, 512 lanes, 16 ELSFP, 128 lasers, 64 ports" 0
else
	grep -A12 'cpoctl dev show' "$out.txt" | sed 's/^/# /'
	result FAIL "demo shows the identity and the th6-102t counts" 0 "missing: ${missing[*]}"
fi
