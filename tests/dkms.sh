#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# 'make dkms' with Debian's dkms, for the two kernels of the matrix (6.1
# and 6.12), into scratch trees under build/dkms (DKMS_SOURCETREE,
# DKMS_TREE, DKMS_INSTALLTREE, and --no-depmod), so that the machine's
# /usr/src, /var/lib/dkms and /lib/modules stay as they are.  dkms signs
# what it builds with /var/lib/dkms/mok.key, made on first use: the build
# runs in a mount namespace of its own with a tmpfs there, so the key is
# a throwaway one too.  Then: 'dkms status' says installed for both
# kernels, the installed module for the guest's kernel is built for it
# and loads and binds in a guest (with CPO_DKMS_GUEST=0, that one is
# skipped), and 'make dkms-remove' takes it all out again.  TAP output.
# Needs root (a mount namespace, as dkms needs).
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
kver61=$(cat .cache/kver 2>/dev/null)
kver612=$(cat .cache/kver-next 2>/dev/null)
scratch=$top/build/dkms
log=$scratch.log
guest=${CPO_DKMS_GUEST:-1}
ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf)

echo "TAP version 13"
echo "1..6"
if [ "$(id -u)" != 0 ] || ! command -v dkms >/dev/null || ! command -v unshare >/dev/null; then
	for i in 1 2 3 4 5 6; do
		echo "ok $i - dkms # SKIP needs root, dkms (make deps) and unshare"
	done
	exit 0
fi

kvers=
for k in $kver61 $kver612; do
	[ -d "/lib/modules/$k/build" ] && kvers="$kvers $k"
done
kvers=${kvers# }

dkms_make()
{
	unshare --mount --propagation private sh -c '
		mount -t tmpfs -o mode=700 tmpfs /var/lib/dkms &&
		exec make --no-print-directory -C "$0" "$@"' "$top" "$@" \
		DKMS_SOURCETREE="$scratch/src" DKMS_TREE="$scratch/tree" \
		DKMS_INSTALLTREE="$scratch/modules" DKMS_FLAGS=--no-depmod \
		DKMS_KVERS="$kvers"
}

dkms_status()
{
	dkms --sourcetree "$scratch/src" --dkmstree "$scratch/tree" \
		--installtree "$scratch/modules" status "cpo/$ver" 2>/dev/null
}

rm -rf "$scratch"
mkdir -p "$scratch/src" "$scratch/tree"
for k in $kvers; do
	mkdir -p "$scratch/modules/$k"
done

start=$(date +%s)
if dkms_make dkms >"$log" 2>&1; then
	echo "ok 1 - make dkms: cpo/$ver added, built and installed for $kvers ($(($(date +%s) - start)) s)"
else
	tail -n 20 "$log" | sed 's/^/# /'
	echo "not ok 1 - make dkms (see $log)"
fi
status=$(dkms_status)
printf '%s\n' "$status" | sed 's/^/# /'

n=1
for k in "$kver61" "$kver612"; do
	n=$((n + 1))
	if [ -z "$k" ] || [ ! -d "/lib/modules/$k/build" ]; then
		echo "ok $n - dkms status: installed for ${k:-6.12} # SKIP no headers"
	elif grep -q "^cpo/$ver, $k, [^:]*: installed" <<<"$status"; then
		echo "ok $n - dkms status: installed for $k"
	else
		echo "not ok $n - dkms status: installed for $k"
	fi
done

# the module installed for the guest's kernel: built for it, loads
ko=$(ls "$scratch/modules/$kver61"/updates/dkms/cpo.ko* 2>/dev/null | head -n 1)
vermagic=$(modinfo -F vermagic "$ko" 2>/dev/null)
if [ -z "$ko" ] || [ "${vermagic%% *}" != "$kver61" ]; then
	echo "not ok 4 - installed cpo.ko for $kver61 (${ko:-none}, vermagic '$vermagic')"
	echo "not ok 5 - the installed module loads in a guest # nothing installed"
elif [ "$guest" = 0 ]; then
	echo "ok 4 - ${ko#"$top"/} built for $kver61"
	echo "ok 5 - the installed module loads in a guest # SKIP CPO_DKMS_GUEST=0"
else
	echo "ok 4 - ${ko#"$top"/} built for $kver61"
	# run-vm.sh insmods CPO_KO and binds the device (exit 126 when it
	# cannot); the guest checks that it was this module and shows the
	# device through it
	if KVER=$kver61 CPO_KO=$ko selftests/vm/run-vm.sh --profile tiny \
		--timeout 600 --quiet --log-dir "$scratch/vm" -- \
		sh -c '[ "$CPO_KO" = "$1" ] && grep "^cpo " /proc/modules && cpoctl dev show' \
		sh "$ko" \
		>"$scratch/vm.out" 2>&1; then
		echo "ok 5 - the installed module loads and binds in a guest ($kver61)"
	else
		tail -n 5 "$scratch/vm.out" | sed 's/^/# /'
		echo "not ok 5 - the installed module loads and binds in a guest (see $scratch/vm/)"
	fi
fi

if dkms_make dkms-remove >>"$log" 2>&1 && [ -z "$(dkms_status)" ] &&
   [ -z "$(ls "$scratch"/modules/*/updates/dkms/cpo.ko* 2>/dev/null)" ] &&
   [ ! -e "$scratch/src/cpo-$ver" ]; then
	echo "ok 6 - make dkms-remove: nothing of cpo/$ver left"
else
	echo "not ok 6 - make dkms-remove: nothing of cpo/$ver left (see $log)"
fi
