#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the test guest's initramfs: busybox-static, the stage 1 /init and
# the virtio/9p modules of kernel KVER (decompressed: busybox's insmod
# reads plain .ko files only).  The result is cached; it is rebuilt when
# the kernel version, /init, this script or busybox change.
#
# Usage: mkinitramfs.sh [--builtin] KVER OUTPUT.cpio.gz
#   --builtin  the kernel has virtio, 9p and the rest built in and may
#              have no /lib/modules/KVER (the debug kernel): no modules
set -euo pipefail

builtin=0
if [ "${1:-}" = --builtin ]; then
	builtin=1
	shift
fi
kver=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)
mods=(virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci
      netfs fscache 9pnet 9pnet_virtio 9p)

busybox=/bin/busybox		# from busybox-static: no shared libraries
[ -x "$busybox" ] || { echo "mkinitramfs: busybox-static is not installed" >&2; exit 1; }
if [ $builtin = 0 ] && [ ! -d "/lib/modules/$kver/kernel" ]; then
	echo "mkinitramfs: no /lib/modules/$kver" >&2
	exit 1
fi

key=$( { echo "$kver $builtin"; sha256sum "$here/init" "$0" "$busybox"; } | sha256sum | cut -c1-16)
if [ -f "$out" ] && [ "$(cat "$out.key" 2>/dev/null)" = "$key" ]; then
	exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work"/{bin,dev,proc,sys,host,lib/modules}
cp "$busybox" "$work/bin/busybox"
install -m 755 "$here/init" "$work/init"
for m in "${mods[@]}"; do
	[ -d "/lib/modules/$kver/kernel" ] || break
	f=$(find "/lib/modules/$kver/kernel" -name "$m.ko*" -print -quit)
	[ -n "$f" ] || continue		# built in
	case $f in
	*.ko.xz)  xz -dc "$f" >"$work/lib/modules/$m.ko" ;;
	*.ko.zst) zstd -qdc "$f" >"$work/lib/modules/$m.ko" ;;
	*.ko.gz)  gzip -dc "$f" >"$work/lib/modules/$m.ko" ;;
	*)        cp "$f" "$work/lib/modules/$m.ko" ;;
	esac
done
mkdir -p "$(dirname "$out")"
# two guests may start at once: each writes its own file, then renames it
(cd "$work" && find . -print0 | cpio --null -o -H newc --quiet) | gzip -1 >"$out.tmp.$$" ||
	{ echo "mkinitramfs: cannot write $out.tmp.$$ (cpio or gzip failed above)" >&2; rm -f "$out.tmp.$$"; exit 1; }
mv "$out.tmp.$$" "$out"
echo "$key" >"$out.key"
