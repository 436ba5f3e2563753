#!/bin/bash
# profile: th6-102t
# timeout: 300
# SPDX-License-Identifier: GPL-2.0
#
# Who may do what, and what it costs: no control is writable by an
# unprivileged user (and none is group or world writable), every value is
# readable by one; 'sensors' names one chip per OE and per ELSFP slot;
# reading every attribute of the device once costs a bounded number of
# telemetry copies (debugfs 'snapshots'), not one per attribute.

. "$(dirname "$0")/lib.sh"

need_root
need_cmd setpriv

D=$(cpo_dev)
dbg=/sys/kernel/debug/cpo/$(basename "$D")
read -r n_oe <"$D/n_oe"
read -r n_els <"$D/n_els"
read -r period <"$D/update_period_ms"

ktap_plan 7

# the driver's controls: not the driver core's uevent and power/ files
mapfile -t writable <<<"$(find "$D/" -type f -perm /222 ! -name uevent ! -path '*/power/*')"
check_eq "no attribute is group or world writable" "" \
	"$(find "$D/" -type f -perm /022)"

if [ ${#writable[@]} -lt 4 ]; then
	not_ok "controls exist" "only ${#writable[@]} writable files"
else
	ok "controls exist: ${#writable[@]} writable files"
fi

# one unprivileged process tries every control; it prints what it could write
got=$(as_user bash -c 'for f in "$@"; do
	if (echo 1 >"$f") 2>/dev/null; then echo "$f"; fi
done' _ "${writable[@]}")
check_eq "an unprivileged user can write no control" "" "$got"

got=$(as_user bash -c 'for f in "$@"; do
	read -r v <"$f" 2>/dev/null || echo "$f"
done' _ "$D/model" "$D/oe0/temperature" "$D/port0/lane_rx_power" "$D/els0/temperature" \
	"$D/thresholds/oe_temp/high_alarm")
check_eq "an unprivileged user reads identity, telemetry and thresholds" "" "$got"

if command -v sensors >/dev/null; then
	out=$(sensors 2>/dev/null)
	n1=$(grep -cE '^cpo_oe[0-9]+-pci-' <<<"$out")
	n2=$(grep -cE '^cpo_els[0-9]+-pci-' <<<"$out")
	if [ "$n1" = "$n_oe" ] && [ "$n2" = "$n_els" ]; then
		ok "sensors shows $n1 cpo_oe and $n2 cpo_els chips"
	else
		not_ok "sensors names the chips" "cpo_oe $n1/$n_oe, cpo_els $n2/$n_els"
	fi
	lo=$((n_oe - 1))
	ls=$((n_els - 1))
	if grep -q "^oe$lo engine: " <<<"$out" && grep -q "^oe$lo vcc: " <<<"$out" &&
	   grep -q "^els$ls module: " <<<"$out" && grep -q "^els$ls tec: " <<<"$out"; then
		ok "sensors labels name the engine and the slot"
	else
		not_ok "sensors labels name the engine and the slot" \
			"$(grep -E '^(oe|els)[0-9]+ ' <<<"$out" | tail -n 4 | tr '\n' ';')"
	fi
else
	skip "sensors names the chips" "no sensors"
	skip "sensors labels name the engine and the slot" "no sensors"
fi

# every readable attribute once, in one process; the copy is refreshed at
# most once per update period, plus once per event that invalidates it
mapfile -t files <<<"$(find "$D/" -type f -perm /444)"
read -r s0 <"$dbg/snapshots"
read -r e0 <"$dbg/events"
t0=$(date +%s%N)
cat "${files[@]}" >/dev/null 2>&1
t1=$(date +%s%N)
read -r s1 <"$dbg/snapshots"
read -r e1 <"$dbg/events"
ms=$(( (t1 - t0) / 1000000 ))
bound=$(( ms / period + 2 + (e1 - e0) ))
copies=$((s1 - s0))
if [ "$copies" -le "$bound" ]; then
	ok "${#files[@]} attributes read in ${ms} ms cost $copies telemetry copies (bound $bound)"
else
	not_ok "reading ${#files[@]} attributes is bounded" \
		"$copies copies in ${ms} ms, bound $bound"
fi

ktap_finished
