#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Regenerate every file generated from Documentation/netlink/specs/cpo.yaml:
# the uapi header and the kernel policies and op table with the kernel's
# ynl-gen-c (from linux-source-6.12, extracted by scripts/install-deps.sh),
# and the name tables of cpoctl and of the driver with scripts/ynl-names.py.
#
# Usage: scripts/ynl-regen.sh [OUT_DIR]
#   Without OUT_DIR the files are rewritten in the tree; with it they are
#   written under OUT_DIR at the same relative paths (tests/ynl-regen.sh
#   diffs them against the tree).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$top}
ynl=${YNL_SRC:-$top/.cache/linux-source-6.12}
py=/usr/bin/python3
spec=Documentation/netlink/specs/cpo.yaml

[ -f "$ynl/tools/net/ynl/ynl-gen-c.py" ] ||
	{ echo "ynl-regen: no ynl-gen-c in $ynl; run 'make deps'" >&2; exit 1; }

# ynl-gen-c reads the schema next to the spec's directory and names the
# spec by its path below the tree holding MAINTAINERS: give it that tree.
work=$(mktemp -d "${TMPDIR:-/tmp}/cpo-ynl.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/Documentation/netlink/specs"
: >"$work/MAINTAINERS"
cp "$ynl"/Documentation/netlink/*.yaml "$work/Documentation/netlink/"
cp "$top/$spec" "$work/$spec"

gen() {
	local mode=$1 kind=$2 file=$3 name

	# the generated source includes its header by the output's name
	name=$work/$(basename "$file")
	mkdir -p "$(dirname "$out/$file")"
	(cd "$work" && "$py" "$ynl/tools/net/ynl/ynl-gen-c.py" \
		--mode "$mode" "--$kind" --spec "$spec" -o "$name") >/dev/null
	mv "$name" "$out/$file"
}

gen uapi header include/uapi/linux/cpo.h
gen kernel header drivers/cpo/cpo-nl-gen.h
gen kernel source drivers/cpo/cpo-nl-gen.c

mkdir -p "$out/tools/cpoctl" "$out/drivers/cpo"
(cd "$top" && "$py" scripts/ynl-names.py "$spec" \
	"$out/tools/cpoctl/names-gen.c" "$out/tools/cpoctl/names-gen.h" \
	"$out/drivers/cpo/cpo-names-gen.c" "$out/drivers/cpo/cpo-names-gen.h")
