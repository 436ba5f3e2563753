#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the test guest's debug kernel (KASAN, lockdep, atomic-sleep
# checks, kmemleak, UBSAN, fault injection) from Debian's linux-source-6.1
# on allnoconfig plus selftests/vm/debug.config, everything built in.
# Only bzImage and what out-of-tree modules need (modules_prepare and
# Module.symvers) are built, so that `make -C TREE M=DIR` builds cpo.ko
# against it.  The result is cached outside the project tree under
# CACHE/KEY, KEY from the source package's version and the fragment's
# hash: a second run only checks.
#
# Usage: build-debug-kernel.sh
#   On success prints three lines for the shell:
#     kver=KERNELRELEASE  tree=BUILD_TREE  image=BZIMAGE
#
# Environment: CPO_DEBUG_KERNEL_CACHE (default /var/cache/cpo-debug-kernel),
# CPO_DEBUG_KERNEL_JOBS (make -j, default 2).  The build runs under
# nice -n 19: it shares the machine with QEMU guests.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
frag=$here/debug.config
tarball=/usr/src/linux-source-6.1.tar.xz
cache=${CPO_DEBUG_KERNEL_CACHE:-/var/cache/cpo-debug-kernel}
jobs=${CPO_DEBUG_KERNEL_JOBS:-2}

die() {
	echo "build-debug-kernel: $*" >&2
	exit 1
}

[ -r "$tarball" ] || die "$tarball missing: run 'scripts/install-deps.sh --debug-kernel'"
srcver=$(dpkg-query -W -f='${Version}' linux-source-6.1 2>/dev/null) ||
	die "linux-source-6.1 is not installed: run 'scripts/install-deps.sh --debug-kernel'"
for t in flex bison bc make gcc; do
	command -v "$t" >/dev/null || die "$t missing: run 'scripts/install-deps.sh --debug-kernel'"
done
[ -e /usr/include/libelf.h ] || die "libelf-dev missing: run 'scripts/install-deps.sh --debug-kernel'"
[ -e /usr/include/openssl/ssl.h ] || die "libssl-dev missing: run 'scripts/install-deps.sh --debug-kernel'"

key=$srcver-$(sha256sum "$frag" | cut -c1-12)
dir=$cache/$key
tree=$dir/linux
image=$tree/arch/x86/boot/bzImage

report() {
	printf 'kver=%s\ntree=%s\nimage=%s\n' "$(cat "$dir/kver")" "$tree" "$image"
}

# done: the stamp, the image and what an out-of-tree build reads.
is_done() {
	[ "$(cat "$dir/done" 2>/dev/null)" = "$key" ] && [ -s "$image" ] &&
		[ -s "$tree/Module.symvers" ] && [ -s "$dir/kver" ] &&
		[ -f "$tree/scripts/mod/modpost" ]
}

if is_done; then
	report
	exit 0
fi

mkdir -p "$dir" || die "cannot create $dir (set CPO_DEBUG_KERNEL_CACHE to a writable directory)"
# One build per key at a time; a second caller waits and then only checks.
exec 9>"$dir/.lock"
if ! flock -n 9; then
	echo "build-debug-kernel: another build of $key is running; waiting" >&2
	flock 9
fi
if is_done; then
	report
	exit 0
fi

start=$SECONDS
rm -f "$dir/done"
if [ ! -f "$tree/Makefile" ]; then
	echo "build-debug-kernel: extracting $tarball into $tree" >&2
	rm -rf "$tree" "$tree.tmp"
	mkdir -p "$tree.tmp"
	nice -n 19 tar -xJf "$tarball" -C "$tree.tmp" --strip-components=1 ||
		die "cannot extract $tarball into $tree.tmp"
	mv "$tree.tmp" "$tree"
fi

echo "build-debug-kernel: configuring (allnoconfig + $frag)" >&2
kmake() { nice -n 19 make -C "$tree" ARCH=x86_64 "$@"; }
rm -f "$tree/.config"
(cd "$tree" && ARCH=x86_64 nice -n 19 scripts/kconfig/merge_config.sh -n "$frag") \
	>"$dir/config.log" 2>&1 || { tail -n 20 "$dir/config.log" >&2; die "configuration failed (see $dir/config.log)"; }
# merge_config only warns about a value it could not set: fail instead.
missing=0
while read -r line; do
	case $line in
	CONFIG_*=*|'# CONFIG_'*' is not set') ;;
	*) continue ;;
	esac
	if ! grep -qxF -- "$line" "$tree/.config"; then
		echo "build-debug-kernel: $frag: '$line' is not in the resulting .config" >&2
		missing=1
	fi
done <"$frag"
[ $missing = 0 ] || die "the fragment asks for options Kconfig did not give (dependencies?); fix $frag"

echo "build-debug-kernel: building bzImage and modules_prepare with -j$jobs under nice (30 min from scratch)" >&2
# 'modules' with nothing configured as a module only runs modpost: it
# writes the Module.symvers that out-of-tree builds check symbols against.
kmake -j"$jobs" bzImage modules_prepare >"$dir/build.log" 2>&1 ||
	{ grep -E 'error|Error' "$dir/build.log" | head -n 20 >&2; die "build failed (see $dir/build.log)"; }
kmake -j"$jobs" modules >>"$dir/build.log" 2>&1 ||
	{ tail -n 20 "$dir/build.log" >&2; die "modpost failed (see $dir/build.log)"; }
[ -s "$tree/Module.symvers" ] || cp "$tree/vmlinux.symvers" "$tree/Module.symvers" ||
	die "no Module.symvers in $tree"
kmake -s kernelrelease >"$dir/kver"
echo "$((SECONDS - start))" >"$dir/build-seconds"
echo "$key" >"$dir/done"
echo "build-debug-kernel: $(cat "$dir/kver") built in $((SECONDS - start))s in $tree" >&2
report
