#!/bin/bash
# profile: tiny
# timeout: 300
# SPDX-License-Identifier: GPL-2.0
#
# The ELS -> engine path of each laser, as switch OSes read a laser's VDM
# diagnostics: life used, the engine's input power from the laser, the
# path loss with its thresholds and events, the frequency error.  The
# readings agree with each other (loss = 10 log10(output / input)) and
# across sysfs, netlink and hwmon; a dark laser has none; the thresholds
# read and write alike through sysfs and netlink; an injected extra loss
# (a dirty connector) and a drifting one raise the path-loss warning
# (event on the monitor group, sysfs alarm flag) that clears once the loss
# is back.  The ELSFP's CMIS image carries the same laser age and frequency
# error in its VDM pages.

. "$(dirname "$0")/lib.sh"

need_cmd cpoctl jq awk
need_root

D=$(cpo_dev)
T=$D/thresholds/laser_path_loss
tmp=$(mktemp -d)
mon=

restore()
{
	sim path-drift 1 0 >/dev/null 2>&1
	sim path-loss 0 0 >/dev/null 2>&1
	sim path-loss 1 0 >/dev/null 2>&1
	echo 1 >"$D/laser1/enable" 2>/dev/null
	cpoctl threshold set laser-path-loss high-alarm 4.5 low-alarm -1 \
		high-warn 3 low-warn -0.5 >/dev/null 2>&1
}

cleanup()
{
	[ -n "$mon" ] && kill "$mon" 2>/dev/null && wait "$mon" 2>/dev/null
	restore
	rm -rf "$tmp"
}
trap cleanup EXIT

# laser_json IDX: the laser's netlink reply
laser_json()
{
	cpoctl -j laser show "$1" | jq -c '.[0]'
}

# oe_in_hwmon LASER: the hwmon input of "laserN in" on the engine's chip
oe_in_hwmon()
{
	local h l
	for h in /sys/class/hwmon/hwmon*; do
		[ "$(cat "$h/name" 2>/dev/null)" = cpo_oe0 ] || continue
		for l in "$h"/power*_label; do
			[ "$(cat "$l")" = "laser$1 in" ] || continue
			cat "${l%_label}_input"
			return
		done
	done
	return 1
}

# near A B TOL: |A - B| <= TOL
near()
{
	awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a - b; exit !(d <= t && -d <= t) }'
}

ktap_plan 18

# laser 0's path-loss warning changes so far (a run before this one in
# the same boot leaves its own)
h0=$(awk '$1 == "path_loss_high_warn" { print $2 }' "$D/laser0/alarm_history")

restore
wait_for 10 test -r "$D/laser0/path_loss"

# ---- readings ----
j=$(laser_json 0)
pw=$(jq '.["output-power-mw"]' <<<"$j")
in=$(jq '.["oe-input-power-mw"]' <<<"$j")
pl=$(jq '.["path-loss-db"]' <<<"$j")
calc=$(awk -v p="$pw" -v i="$in" 'BEGIN { if (i > 0) printf "%.3f", 10 * log(p / i) / log(10) }')
diag "laser 0: output $pw mW, engine input $in mW, path loss $pl dB (10 log10 = $calc dB)," \
	"life $(jq '.["age-pct"]' <<<"$j") %, frequency error $(jq '.["frequency-error-ghz"]' <<<"$j") GHz"
if [ -n "$calc" ] && near "$pl" "$calc" 0.01 && near "$pl" 1.5 0.6; then
	ok "laser 0: path loss = 10 log10(output / engine input) within rounding, about 1.5 dB"
else
	not_ok "laser 0: path loss = 10 log10(output / engine input)" "$pl dB against $calc dB"
fi
check "laser 0: life used and frequency error present, in range" \
	jq -e '(.["age-pct"] >= 0 and .["age-pct"] <= 100) and
	       (.["frequency-error-ghz"] | fabs < 20)' <<<"$j"

s_pl=$(cat "$D/laser0/path_loss")
s_in=$(cat "$D/laser0/oe_input_power")
m_pl=$(sim_get laser 0 path_loss)
h_in=$(oe_in_hwmon 0)
diag "path loss: sysfs $s_pl, model $m_pl mdB; engine input: sysfs $s_in, hwmon ${h_in:-none} uW"
if near "$s_pl" "$(awk -v v="$pl" 'BEGIN { print v * 1000 }')" 60 && near "$s_pl" "$m_pl" 60; then
	ok "path loss: sysfs = netlink = model (one noise step apart)"
else
	not_ok "path loss: sysfs = netlink = model" "sysfs $s_pl netlink $pl dB model $m_pl"
fi
if [ -n "$h_in" ] && near "$h_in" "$s_in" "$((s_in / 50))" &&
   near "$s_in" "$(awk -v v="$in" 'BEGIN { print v * 1000 }')" "$((s_in / 50))"; then
	ok "engine input power: sysfs = netlink = hwmon 'laser0 in' (2 %)"
else
	not_ok "engine input power: sysfs = netlink = hwmon" "sysfs $s_in netlink $in mW hwmon '$h_in'"
fi

# ---- the ELSFP's VDM pages (bank 0, lasers 1-2 of tiny's module) ----
# ee_u8 PAGE BYTE / ee_s16 PAGE BYTE: from els0/eeprom, bank 0
ee_u8()
{
	dd if="$D/els0/eeprom" bs=1 skip=$(($1 * 128 + $2)) count=1 2>/dev/null |
		od -An -tu1 | tr -d ' '
}
# (both bytes in one read: two reads may see two samples)
ee_s16()
{
	local v
	# shellcheck disable=SC2046 # two numbers, split on purpose
	set -- $(dd if="$D/els0/eeprom" bs=2 skip=$(($1 * 128 + $2)) count=1 \
		iflag=skip_bytes 2>/dev/null | od -An -tu1)
	v=$((${1:-0} * 256 + ${2:-0}))
	echo $((v >= 32768 ? v - 65536 : v))
}
n_las=$(cat "$D/els0/n_lasers")
# sysfs just before and just after: the frequency error moves with the
# laser temperature's noise from one update period to the next
s_fe0=$(cat "$D/laser0/frequency_error")
vdm_age=$(ee_s16 0x24 128)
vdm_fe=$(ee_s16 0x24 $((128 + 2 * n_las)))
s_age=$(cat "$D/laser0/age_pct")
s_fe=$(cat "$D/laser0/frequency_error")
diag "VDM: page 01h byte 142 = $(ee_u8 1 142), module laser 1 (laser0): age $vdm_age %, frequency error" \
	"$((vdm_fe * 10)) MHz (sysfs $s_age x 0.01 %, $s_fe MHz)"
if [ $(($(ee_u8 1 142) & 64)) = 64 ] && [ "$(ee_u8 0x20 129)" = 1 ] &&
   [ "$(ee_u8 0x20 $((129 + 2 * n_las)))" = 3 ] &&
   [ "$vdm_age" = $(((s_age + 50) / 100)) ] && { near $((vdm_fe * 10)) "$s_fe" 1500 || near $((vdm_fe * 10)) "$s_fe0" 1500; }; then
	ok "els0/eeprom VDM pages: laser age and frequency error as laser0's sysfs"
else
	not_ok "els0/eeprom VDM pages" "age $vdm_age fe $vdm_fe against $s_age $s_fe"
fi

# ---- a dark laser has no path loss ----
echo 0 >"$D/laser1/enable"
if wait_for 10 sh -c "! cat '$D/laser1/path_loss'"; then
	err=$(cat "$D/laser1/frequency_error" 2>&1 >/dev/null)
	j1=$(laser_json 1)
	check_eq "dark laser 1: no path loss or frequency error (sysfs ENODATA, netlink null), 0 uW in" \
		"1:null:null:0:0" \
		"$(grep -c 'No data' <<<"$err"):$(jq -c '.["path-loss-db"]' <<<"$j1"):$(jq -c '.["frequency-error-ghz"]' <<<"$j1"):$(cat "$D/laser1/oe_input_power"):$(oe_in_hwmon 1)"
else
	not_ok "dark laser 1: path_loss ENODATA" "still $(cat "$D/laser1/path_loss")"
fi
echo 1 >"$D/laser1/enable"
check "laser 1 lit again: path loss back" wait_for 15 cat "$D/laser1/path_loss"

# ---- thresholds: sysfs and netlink alike ----
th=$(cpoctl -j threshold show laser-path-loss | jq -c '.[0].raw')
check_eq "thresholds: sysfs = netlink (4.5, -1, 3, -0.5 dB)" \
	"4500 -1000 3000 -500:4500 -1000 3000 -500" \
	"$(cat "$T/high_alarm" "$T/low_alarm" "$T/high_warn" "$T/low_warn" | xargs):$(jq -r '[.["high-alarm"], .["low-alarm"], .["high-warning"], .["low-warning"]] | join(" ")' <<<"$th")"
echo 3500 >"$T/high_warn"
check_eq "high_warn 3500 via sysfs reads 3.5 dB via netlink" 3500 \
	"$(cpoctl -j threshold show laser-path-loss | jq '.[0].raw["high-warning"]')"
cpoctl threshold set laser-path-loss high-warn 3.2dB >/dev/null
check_eq "high-warn 3.2dB via netlink reads 3200 via sysfs" 3200 "$(cat "$T/high_warn")"
out=$( (echo 50000 >"$T/high_alarm") 2>&1)
check_eq "a high alarm beyond 40 dB is refused (ERANGE) and the set kept" "1:4500" \
	"$(grep -c 'Numerical result out of range' <<<"$out"):$(cat "$T/high_alarm")"
cpoctl threshold set laser-path-loss high-warn 3dB >/dev/null

# ---- an injected loss raises the warning, its removal clears it ----
cpoctl monitor >"$tmp/mon" 2>&1 &
mon=$!
sleep 1
tx0=$(cpoctl -j lane show | jq '[.[] | select(.laser == 0) | .["output-power-dbm"]] | add / length')
sim path-loss 0 2.5 >/dev/null
if wait_for 10 grep -qw path_loss_high_warn "$D/laser0/alarms"; then
	ok "2.5 dB of extra loss on laser 0: path_loss_high_warn in laser0/alarms"
else
	not_ok "path_loss_high_warn in laser0/alarms" "alarms: $(cat "$D/laser0/alarms")"
fi
check "monitor prints the laser 0 path-loss high warning" wait_for 10 \
	grep -Eq "cpo0 alarm-raised laser 0: laser-path-loss high warning, value [0-9.]+ dB, threshold 3.00 dB" "$tmp/mon"
pl2=$(cat "$D/laser0/path_loss")
tx1=$(cpoctl -j lane show | jq '[.[] | select(.laser == 0) | .["output-power-dbm"]] | add / length')
diag "laser 0 with 2.5 dB of dirt: path loss $pl2 mdB (was $s_pl), its lanes $tx0 -> $tx1 dBm"
if near "$(awk -v a="$tx0" -v b="$tx1" 'BEGIN { print a - b }')" 2.5 0.3 &&
   near "$((pl2 - s_pl))" 2500 100; then
	ok "the extra loss shows in the path loss and in every lane the laser feeds"
else
	not_ok "the extra loss shows in the path loss and the lanes" "path $s_pl -> $pl2, lanes $tx0 -> $tx1 dBm"
fi
sim path-loss 0 0 >/dev/null
if wait_for 10 sh -c "! grep -qw path_loss_high_warn '$D/laser0/alarms'" &&
   wait_for 10 grep -Eq "cpo0 alarm-cleared laser 0: laser-path-loss high warning" "$tmp/mon"; then
	ok "loss restored: the flag clears, the monitor prints the clearing"
else
	not_ok "loss restored: the flag clears" "alarms: $(cat "$D/laser0/alarms")"
fi

# ---- a drifting path: 1 dB/s of model time on laser 1 ----
sim path-drift 1 3600 >/dev/null
t0=$(date +%s%N)
if wait_for 20 grep -qw path_loss_high_warn "$D/laser1/alarms"; then
	t1=$(date +%s%N)
	ok "drift of 1 dB/s on laser 1: warning after $(((t1 - t0) / 1000000)) ms"
else
	not_ok "drift on laser 1 raises the warning" "path loss $(cat "$D/laser1/path_loss")"
fi
sim path-drift 1 0 >/dev/null
sim path-loss 1 0 >/dev/null
check "drift stopped and loss restored: laser 1 clears" wait_for 10 \
	sh -c "! grep -qw path_loss '$D/laser1/alarms'"
h=$(awk '$1 == "path_loss_high_warn" { print $2 }' "$D/laser0/alarm_history")
check_eq "alarm_history counts the set and the clear of laser 0's warning" 2 \
	"$((${h:-0} - ${h0:-0}))"

kill -INT "$mon"
wait "$mon" 2>/dev/null
mon=
ktap_finished
