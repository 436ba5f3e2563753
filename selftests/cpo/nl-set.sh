#!/bin/bash
# profile: th6-102t
# timeout: 400
# SPDX-License-Identifier: GPL-2.0
# compat: the generated ops and policies
#
# cpoctl set commands reach the device; errors carry the kernel's extack
# text and change nothing; a setpoint netlink refuses, sysfs and the
# eeprom file refuse with the same errno; an unprivileged user gets EPERM
# on every set; 'els remove' shows the blast radius and refuses without -y
# off a tty.

. "$(dirname "$0")/lib.sh"

need_cmd cpoctl jq cpo-sim dd
need_root

D=$(cpo_dev)
L=7		# a laser
LANE=41
PORT=5
Q=oe-temp

thr_before=$(cat "$D/thresholds/oe_temp/high_warn")
setpoint_before=$(cat "$D/laser$L/power_setpoint")

cleanup()
{
	cpoctl laser set $L enable on power "$setpoint_before" >/dev/null 2>&1
	cpoctl lane set $LANE enable on >/dev/null 2>&1
	cpoctl port set $PORT low-power off >/dev/null 2>&1
	cpoctl threshold set $Q high-warn "$thr_before" mdegC >/dev/null 2>&1
}
trap cleanup EXIT

# expect_err DESC TEXT CMD...: CMD fails with exit 1 and TEXT on stderr.
expect_err()
{
	local desc=$1 text=$2 out rc
	shift 2
	out=$("$@" 2>&1 >/dev/null)
	rc=$?
	if [ $rc = 1 ] && [[ $out == *"$text"* ]] && [ "$(printf '%s\n' "$out" | wc -l)" = 1 ]; then
		ok "$desc"
	else
		not_ok "$desc" "exit $rc, stderr '$out', want exit 1 and '$text'"
	fi
}

# ---- laser ----
check "laser set $L enable off" cpoctl laser set $L enable off
check "laser $L disabled in the model" wait_for 5 sh -c "cpo-sim ctl get laser $L | grep -q ' enabled=0'"
check_eq "laser $L enable in sysfs" 0 "$(cat "$D/laser$L/enable")"
check "laser set $L enable on" cpoctl laser set $L enable on
check "laser $L enabled in the model" wait_for 5 sh -c "cpo-sim ctl get laser $L | grep -q ' enabled=1'"
check "laser set $L power 19 dBm" cpoctl laser set $L power 19 dBm
check_eq "laser $L setpoint 79433 uW" 79433 "$(sim_get laser $L setpoint)"
check "laser set $L power 90mW" cpoctl laser set $L power 90mW
check_eq "laser $L setpoint 90000 uW" 90000 "$(cat "$D/laser$L/power_setpoint")"
check "laser set $L power in uW" cpoctl laser set $L power "$setpoint_before"
check_eq "laser $L setpoint restored" "$setpoint_before" "$(sim_get laser $L setpoint)"

# ---- lane ----
check "lane set $LANE enable off" cpoctl lane set $LANE enable off
check "lane $LANE disabled in the model" wait_for 5 sh -c "cpo-sim ctl get lane $LANE | grep -q ' enabled=0'"
check "lane $LANE shows disabled" wait_for 5 sh -c "cpoctl -j lane show $LANE | jq -e '.[0].enabled == false'"
check "lane set $LANE enable on" cpoctl lane set $LANE enable on
check "lane $LANE enabled in the model" wait_for 5 sh -c "cpo-sim ctl get lane $LANE | grep -q ' enabled=1'"

# ---- port ----
check "port set $PORT low-power on" cpoctl port set $PORT low-power on
check_eq "port $PORT low power in the model" 1 "$(sim_get port $PORT low_power)"
check "port $PORT shows low power" sh -c "cpoctl -j port show $PORT | jq -e '.[0][\"low-power\"]'"
check "port set $PORT low-power off" cpoctl port set $PORT low-power off
check_eq "port $PORT full power in the model" 0 "$(sim_get port $PORT low_power)"

# ---- thresholds ----
check "threshold set $Q high-warn 74.5degC" cpoctl threshold set $Q high-warn 74.5degC
check_eq "$Q high_warn in sysfs" 74500 "$(cat "$D/thresholds/oe_temp/high_warn")"
check "threshold set $Q high-warn 73 degC (unit apart)" cpoctl threshold set $Q high-warn 73 degC
check_eq "$Q high_warn via cpoctl" 73000 \
	"$(cpoctl -j threshold show $Q | jq '.[0].raw["high-warning"]')"
check "threshold set laser-power low-warn in uW" \
	sh -c "cpoctl threshold set laser-power low-warn \$(cpoctl -j threshold show laser-power | jq '.[0].raw[\"low-warning\"]') uW"
check "threshold set $Q restores" cpoctl threshold set $Q high-warn "$thr_before" mdegC
check_eq "$Q high_warn restored" "$thr_before" "$(cat "$D/thresholds/oe_temp/high_warn")"

# ---- errors: extack text, nothing changed ----
before=$(cpoctl -j threshold show $Q)
expect_err "out-of-order threshold: cpoctl's words, then the kernel's" \
	"cpoctl: cannot set the $Q thresholds of cpo0: value out of range (kernel: high warning above high alarm)" \
	cpoctl threshold set $Q high-warn 200degC
expect_err "threshold no CMIS view can show: the kernel says so" \
	"high alarm outside the quantity's range" \
	cpoctl threshold set $Q high-alarm 200degC
check_eq "rejected threshold changed nothing" "$before" "$(cpoctl -j threshold show $Q)"
n_lanes=$(cat "$D/n_lanes")
n_las=$(cat "$D/n_lasers")
n_ports=$(cat "$D/n_ports")
n_els=$(cat "$D/n_els")
expect_err "lane set: no such lane" \
	"cpoctl: no lane $n_lanes on cpo0 (lanes 0-$((n_lanes - 1)))" \
	cpoctl lane set "$n_lanes" enable off
expect_err "laser set: no such laser" \
	"cpoctl: no laser $n_las on cpo0 (lasers 0-$((n_las - 1)))" \
	cpoctl laser set "$n_las" enable off
expect_err "port set: no such port" \
	"cpoctl: no port $n_ports on cpo0 (ports 0-$((n_ports - 1)))" \
	cpoctl port set "$n_ports" low-power on
expect_err "port set: no such netdev" "cpoctl: no cpo port named 'nosuch0'" \
	cpoctl port set nosuch0 low-power on
expect_err "els remove: no such slot" \
	"cpoctl: no ELSFP slot $n_els on cpo0 (slots 0-$((n_els - 1)))" \
	cpoctl els remove "$n_els" -y
for cmd in "laser set $L enable on" "lane set $LANE enable on" \
	   "port set $PORT low-power off" "threshold set $Q high-warn 70degC" \
	   "els remove 3 -y"; do
	expect_err "-d cpo9 $cmd: no device" "cpoctl: no device cpo9" \
		cpoctl -d cpo9 $cmd
done
expect_err "setpoint beyond 1 W" "cpoctl: cannot set laser $L on cpo0: value out of range (kernel: " \
	cpoctl laser set $L power 33dBm
check_eq "rejected setpoint changed nothing" "$setpoint_before" "$(sim_get laser $L setpoint)"
# within the setpoint's range, beyond the module's own (page 1Ah): the
# kernel refuses it and says why, on netlink, sysfs and the slot's eeprom
# file (page 1Bh power setpoint of the laser's lane, u16 in 10 uW) alike,
# with the same errno
expect_err "setpoint beyond the module's maximum" "outside the module's range" \
	cpoctl laser set $L power 250mW
err=$( (echo 250000 >"$D/laser$L/power_setpoint") 2>&1)
check "sysfs refuses it too, ERANGE" grep -q "out of range" <<<"$err"
els=$(basename "$(readlink "$D/laser$L/els")")
k=$((L - $(cat "$D/$els/first_laser")))
ppb=$(cat "$D/eeprom_pages_per_bank")
off=$((((k / 8) * ppb + 0x1b) * 128 + 144 + 2 * (k % 8)))
err=$(printf '\x61\xa8' | dd of="$D/$els/eeprom" bs=2 count=1 seek="$off" \
	oflag=seek_bytes conv=notrunc status=none 2>&1)
check "$els/eeprom refuses it too, ERANGE" grep -q "out of range" <<<"$err"
check_eq "module-range refusals changed nothing" "$setpoint_before" "$(sim_get laser $L setpoint)"
rc=0; cpoctl lane set $LANE enable sometimes >/dev/null 2>&1 || rc=$?
check_eq "bad on/off is a usage error" 2 "$rc"

# ---- unprivileged ----
if command -v setpriv >/dev/null 2>&1; then
	cpoctl_bin=$(command -v cpoctl)
	expect_err "unprivileged laser set: EPERM" "Operation not permitted" \
		as_user "$cpoctl_bin" laser set $L enable off
	expect_err "unprivileged lane set: EPERM" "Operation not permitted" \
		as_user "$cpoctl_bin" lane set $LANE enable off
	expect_err "unprivileged port set: EPERM" "Operation not permitted" \
		as_user "$cpoctl_bin" port set $PORT low-power on
	expect_err "unprivileged threshold set: EPERM" "Operation not permitted" \
		as_user "$cpoctl_bin" threshold set $Q high-warn 70degC
	expect_err "unprivileged els remove: EPERM" "Operation not permitted" \
		as_user "$cpoctl_bin" els remove 3 -y
	check "unprivileged reads work" as_user "$cpoctl_bin" -j lane show $LANE
	check_eq "laser $L still enabled" 1 "$(sim_get laser $L enabled)"
else
	skip "unprivileged sets" "setpriv missing"
fi

# ---- els remove: blast radius and confirmation ----
S=3
out=$(cpoctl els remove $S </dev/null 2>/tmp/nl-set.err)
rc=$?
check_eq "els remove without -y off a tty refuses" 1 "$rc"
check "refusal says why" grep -q "without -y" /tmp/nl-set.err
check "blast radius lists the ports" sh -c "echo '$out' | grep -q '^  ports:'"
check_eq "slot $S untouched" 4 "$(sim_get els $S state)"
radius=$(cpoctl -j els remove $S </dev/null 2>/dev/null)
check_eq "blast radius ports = slot's ports" \
	"$(cpoctl -j els show $S | jq -c '.[0].ports')" "$(echo "$radius" | jq -c '[.ports[].index]')"
check_eq "blast radius lasers = slot's lasers" \
	"$(cpoctl -j els show $S | jq -c '.[0].lasers')" "$(echo "$radius" | jq -c '.lasers')"

ktap_finished
