#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Build cpo.ko with W=1 against every kernel of the matrix whose headers
# are installed (Debian 6.1, the guest's kernel, and 6.12 from
# bookworm-backports), each in a copy of the tree under build/matrix/KVER
# (the 6.12 guest loads the module built there), and run checkpatch over
# the driver.  TAP output: a build with a warning or an error fails; a
# kernel without headers is skipped.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
kver61=$(cat "$top/.cache/kver" 2>/dev/null)
# The second kernel is the one install-deps chose (and the 6.12 guest boots).
kver612=$(cat "$top/.cache/kver-next" 2>/dev/null)
scratch=$(mktemp -d /tmp/cpo-build.XXXXXX)
trap 'rm -rf "$scratch"' EXIT

echo "TAP version 13"
echo "1..3"
n=0
for k in "$kver61" "$kver612"; do
	n=$((n + 1))
	if [ -z "$k" ] || [ ! -d "/lib/modules/$k/build" ]; then
		echo "ok $n - cpo.ko W=1 build against ${k:-6.12} # SKIP no headers"
		continue
	fi
	"$top/tests/w1-build.sh" "$n" "$k" "/lib/modules/$k/build" "$top/build/matrix/$k"
done

n=$((n + 1))
cp=$top/.cache/linux-source/scripts/checkpatch.pl
if [ ! -f "$cp" ]; then
	echo "ok $n - checkpatch # SKIP checkpatch.pl not extracted"
else
	# from a copy: checkpatch leaves a cache file in a git work tree
	mkdir -p "$scratch/cp"
	(cd "$top" && tar -cf - drivers/cpo/*.[ch] include) | tar -xf - -C "$scratch/cp"
	ign=FILE_PATH_CHANGES,SPDX_LICENSE_TAG,LINUX_VERSION_CODE,CONST_STRUCT,CONSTANT_COMPARISON,STATIC_CONST_CHAR_ARRAY
	gen=$(cd "$top" && ls drivers/cpo/*-gen.[ch])
	# the generated __print_symbolic() lists (CPO_<ENUM>_SYMBOLS) are
	# comma lists by nature, as in the kernel's own trace headers
	out=$(cd "$scratch/cp" && {
		perl "$cp" --no-tree --terse --show-types --strict --ignore "$ign" \
			--max-line-length=100 -f $(ls drivers/cpo/*.[ch] | grep -v -- '-gen\.[ch]$') \
			include/cpo_hw.h include/uapi/linux/cpo.h
		perl "$cp" --no-tree --terse --show-types --strict \
			--ignore "$ign,COMPLEX_MACRO" --max-line-length=100 -f $gen
	} 2>&1 | grep -E ': (ERROR|WARNING):')
	if [ -z "$out" ]; then
		echo "ok $n - checkpatch --strict clean on drivers/cpo"
	else
		printf '%s\n' "$out" | head -n 30 | sed 's/^/# /'
		echo "not ok $n - checkpatch: $(printf '%s\n' "$out" | wc -l) errors/warnings on drivers/cpo"
	fi
fi
