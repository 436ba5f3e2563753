#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The time to update the firmware of every component (the module MCU,
# every engine, every ELSFP) through devlink flash, each image the
# component's largest (the worst case), against the device model's flash
# times (tools/cpo-sim/README.md).  Unlike guest-bench.sh this is an
# absolute time: the model's flash times are real time, and the host's
# share (mailbox round trips, image checks) is what the driver adds.
#
#   make -C bench fw-update    (build/bench/fw-update.txt)
#
# Prints "bench: KEY VALUE" lines.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=../selftests/cpo/lib.sh
. "$top/selftests/cpo/lib.sh"

out() { printf 'bench: %s %s\n' "$1" "$2"; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }

DL=pci/$(cpo_bdf)
fwdir=$(mktemp -d)
fw_path_set "$fwdir" "$DL" >/dev/null || { echo "# firmware loader: $fwdir not found"; exit 1; }

n_oe=$(sim_info n_oe)
n_els=$(sim_info n_els)
mcu=$((1024 * 1024))
oe=$((256 * 1024))
els=$((128 * 1024))
img=$top/selftests/cpo/fw-image.py
python3 "$img" "$fwdir/mcu.bin" mcu 0 1.1.0 $mcu
python3 "$img" "$fwdir/oe.bin" oe any 2.5.0 $oe
python3 "$img" "$fwdir/els.bin" els any 1.3.0 $els

total=0
for c in mcu oe els; do
	t0=$(now_ms)
	if ! devlink dev flash "$DL" file $c.bin >/dev/null 2>"$fwdir/err"; then
		echo "# flash $c failed: $(cat "$fwdir/err")"
		exit 1
	fi
	t=$(($(now_ms) - t0))
	total=$((total + t))
	out "fw_update_${c}_ms" "$t"
done
out fw_update_all_ms "$total"
out fw_update_components $((1 + n_oe + n_els))

# the model's own share: bytes at the component's speed, erase, check,
# restart and commit (README.md, Firmware update times), in ms
model=$(awk -v m=$mcu -v o=$oe -v e=$els -v no="$n_oe" -v ne="$n_els" 'BEGIN {
	mcu = 200 + m * 0.001 + 100 + 2000 + 20
	oe = 100 + o * 0.010 + 50 + 500 + 20
	els = 100 + e * 0.025 + 50 + 1000 + 20
	printf "%d", mcu + no * oe + ne * els }')
out fw_update_model_ms "$model"
out fw_update_host_share_pct "$(awk -v t=$total -v m="$model" 'BEGIN { printf "%.1f", (t - m) * 100 / t }')"
devlink dev info "$DL" | grep -E 'fw\.(mcu|oe0|els0) ' | sed 's/^/# /'
rm -rf "$fwdir"
