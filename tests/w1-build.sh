#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Build cpo.ko out of tree against one kernel build tree with W=1, from a
# copy of the sources under DIR, and print one TAP line: number N, "ok"
# when the build succeeds without a warning, else the first 20 warnings
# and errors and "not ok".  The log is DIR/build.log.
#
# Usage: tests/w1-build.sh N KVER TREE DIR
# Exit status: 0 when clean, 1 otherwise.
set -uo pipefail

n=$1 kver=$2 tree=$3 src=$4
top=$(cd "$(dirname "$0")/.." && pwd)

rm -rf "$src"
mkdir -p "$src"
(cd "$top" && tar -cf - Kbuild drivers include) | tar -xf - -C "$src"
find "$src" \( -name '*.o' -o -name '*.ko' -o -name '.*.cmd' -o -name '*.mod*' \) -delete
log=$src/build.log
make -C "$tree" M="$src" W=1 modules >"$log" 2>&1
rc=$?
if [ $rc = 0 ] && ! grep -qE 'warning:|error:' "$log"; then
	echo "ok $n - cpo.ko W=1 build against $kver"
	exit 0
fi
grep -E 'warning:|error:' "$log" | sed "s,$src/,," | head -n 20 | sed 's/^/# /'
echo "not ok $n - cpo.ko W=1 build against $kver (see $log)"
exit 1
