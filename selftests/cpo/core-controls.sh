#!/bin/bash
# profile: tiny
# SPDX-License-Identifier: GPL-2.0
#
# The root-only controls reach the device and are validated first: laser
# enable and power setpoint, lane enable, thresholds (refused out of CMIS
# order or out of the quantity's range), ELSFP prepare-for-removal.  Input
# is parsed strictly (decimal, whole input, one trailing newline), the
# writable module parameters too.  Every write needs CAP_NET_ADMIN, as a
# netlink set does: root without it is refused and changes nothing.
# Everything is put back at the end.

. "$(dirname "$0")/lib.sh"

need_root
need_cmd cpo-sim

D=$(cpo_dev)
T=$D/thresholds/oe_temp
read -r hw0 <"$T/high_warn"
read -r lw0 <"$T/low_warn"
read -r sp0 <"$D/laser1/power_setpoint"
read -r tmo0 </sys/module/cpo/parameters/mbox_timeout_ms

cleanup()
{
	echo 1 >"$D/laser1/enable" 2>/dev/null
	echo "$sp0" >"$D/laser1/power_setpoint" 2>/dev/null
	echo "3 1" >"$D/port0/lane_enable" 2>/dev/null
	echo "$hw0" >"$T/high_warn" 2>/dev/null
	echo "$lw0" >"$T/low_warn" 2>/dev/null
	echo "$tmo0" >/sys/module/cpo/parameters/mbox_timeout_ms 2>/dev/null
	if [ "$(cat "$D/els0/present" 2>/dev/null)" = 1 ] &&
	   [ "$(cat "$D/els0/state" 2>/dev/null)" != on ]; then
		sim els-pull 0 >/dev/null 2>&1
		sim els-insert 0 >/dev/null 2>&1
		wait_for 30 attr_is "$D/els0/state" on
	fi
}
trap cleanup EXIT

attr_is() { [ "$(cat "$1" 2>/dev/null)" = "$2" ]; }
model_is() { [ "$(sim_get "$1" "$2" "$3")" = "$4" ]; }
refused() { ! (echo "$2" >"$1") 2>/dev/null; }

# refused_with FILE VALUE ERRNO-TEXT: the write fails with that error
refused_with()
{
	local err
	err=$( (printf '%s' "$2" >"$1") 2>&1) && return 1
	grep -q "$3" <<<"$err" || { echo "$err"; return 1; }
}

ktap_plan 28

echo 0 >"$D/laser1/enable"
check "laser1 disabled: model enabled=0" wait_for 5 model_is laser 1 enabled 0
check "laser1 disabled: state off" wait_for 5 attr_is "$D/laser1/state" off
echo 1 >"$D/laser1/enable"
check "laser1 enabled again: state on" wait_for 10 attr_is "$D/laser1/state" on

echo 90000 >"$D/laser1/power_setpoint"
check "power setpoint 90000 uW reaches the model" wait_for 5 model_is laser 1 setpoint 90000
check "power setpoint 0 and 2000000 and 'x' refused" \
	eval 'refused "$D/laser1/power_setpoint" 0 && refused "$D/laser1/power_setpoint" 2000000 && refused "$D/laser1/power_setpoint" x'

echo "3 0" >"$D/port0/lane_enable"
check "lane 3 of port0 disabled: model lane enabled=0" \
	wait_for 5 model_is lane "$(cut -d' ' -f4 "$D/port0/lanes")" enabled 0
echo "3 1" >"$D/port0/lane_enable"
check "lane_enable refuses a lane beyond the port and junk" \
	eval 'refused "$D/port0/lane_enable" "8 1" && refused "$D/port0/lane_enable" "1" && refused "$D/port0/lane_enable" "1 2"'

echo $((hw0 - 1000)) >"$T/high_warn"
check_eq "threshold oe_temp high_warn written" "$((hw0 - 1000))" "$(cat "$T/high_warn")"
read -r ha <"$T/high_alarm"
check "threshold above high_alarm refused (CMIS order)" refused "$T/high_warn" $((ha + 1))

# ---- strict parsing: decimal, whole input or nothing ----
lane0=$(cut -d' ' -f1 "$D/port0/lanes")
check "lane_enable: a lane index that wraps u32 is refused, lane 0 stays on" \
	eval 'refused "$D/port0/lane_enable" "4294967296 0" && model_is lane "$lane0" enabled 1'
check "lane_enable: a value beyond u32 or 1 is refused, lane 0 stays on" \
	eval 'refused "$D/port0/lane_enable" "0 4294967296" && refused "$D/port0/lane_enable" "0 2" && model_is lane "$lane0" enabled 1'
check "lane_enable: hex, two spaces and trailing junk are refused" \
	eval 'refused "$D/port0/lane_enable" "0x0 0" && refused "$D/port0/lane_enable" "0  0" && refused "$D/port0/lane_enable" "0 0 x" && model_is lane "$lane0" enabled 1'
check "laser enable: '1.5', '10', '0x1' refused; laser1 stays on" \
	eval 'refused "$D/laser1/enable" 1.5 && refused "$D/laser1/enable" 10 && refused "$D/laser1/enable" 0x1 && refused "$D/laser1/enable" 00 && model_is laser 1 enabled 1'
check "prepare_removal: '1.5', '10', 'yes please' refused; els0 stays on" \
	eval 'refused "$D/els0/prepare_removal" 1.5 && refused "$D/els0/prepare_removal" 10 && refused "$D/els0/prepare_removal" "yes please" && attr_is "$D/els0/state" on'
# a NUL inside a write: the parsers would see only what comes before it
nul_refused() { ! (printf "$2" >"$1") 2>/dev/null; }
check "a NUL inside a write is refused on every store; nothing changes" \
	eval 'nul_refused "$D/els0/prepare_removal" "1\\0junk" && nul_refused "$D/laser1/enable" "0\\0x" && nul_refused "$D/laser1/power_setpoint" "50000\\0x" && nul_refused "$D/port0/lane_enable" "0 0\\0x" && nul_refused "$T/high_warn" "70000\\0x" && attr_is "$D/els0/state" on && model_is laser 1 enabled 1 && model_is lane "$lane0" enabled 1'
echo 010 >"$T/low_warn"
check_eq "thresholds are decimal: '010' is 10, not 8" 10 "$(cat "$T/low_warn")"
check "thresholds: hex and trailing junk refused" \
	eval 'refused "$T/low_warn" 0x10 && refused "$T/low_warn" "10 " && refused "$T/low_warn" 10k'
echo "$lw0" >"$T/low_warn"
check "power_setpoint: hex refused" refused "$D/laser1/power_setpoint" 0x15f90
P=/sys/module/cpo/parameters
check "module parameters: hex, 0 and junk refused" \
	eval 'refused $P/mbox_timeout_ms 0x3e8 && refused $P/mbox_timeout_ms 0 && refused $P/mbox_timeout_ms 1000x && refused $P/heartbeat_misses 1.5'
check_eq "module parameters: unchanged" "$tmo0" "$(cat $P/mbox_timeout_ms)"

# ---- physical ranges, the ones every view shows as set ----
check "oe_temp low_alarm -300 degC refused (ERANGE)" \
	refused_with "$T/low_alarm" -300000 "out of range"
check "oe_temp high_alarm 200 degC refused: CMIS shows at most 127.996" \
	refused_with "$T/high_alarm" 200000 "out of range"
check "lane_tx_power high_alarm 10 mW refused: CMIS shows at most 6.5535 mW" \
	refused_with "$D/thresholds/lane_tx_power/high_alarm" 10000 "out of range"
check "power setpoint 5 uW refused (ERANGE), as netlink refuses it" \
	refused_with "$D/laser1/power_setpoint" 5 "out of range"

# ---- privilege: CAP_NET_ADMIN, for sysfs as for netlink ----
if command -v capsh >/dev/null; then
	read -r hw1 <"$T/high_warn"
	# each write as root without CAP_NET_ADMIN: print what was not EPERM
	got=$(capsh --drop=cap_net_admin -- -c '
		try() { err=$( (printf "%s" "$2" >"$1") 2>&1) ||
			case $err in *"not permitted"*) return ;; esac
			echo "$1: ${err:-written}"; }
		try "$1/laser1/enable" 0
		try "$1/laser1/power_setpoint" 80000
		try "$1/port0/lane_enable" "0 0"
		try "$1/thresholds/oe_temp/high_warn" 70000
		try "$1/els0/prepare_removal" 1' _ "$D")
	check_eq "root without CAP_NET_ADMIN: every sysfs write EPERM" "" "$got"
	check "... and nothing changed" \
		eval 'model_is laser 1 enabled 1 && model_is laser 1 setpoint 90000 && model_is lane "$lane0" enabled 1 && attr_is "$T/high_warn" "$hw1" && attr_is "$D/els0/state" on'
	out=$(capsh --drop=cap_net_admin -- -c 'cpoctl laser set 1 enable off' 2>&1)
	if grep -q "not permitted" <<<"$out" && model_is laser 1 enabled 1; then
		ok "root without CAP_NET_ADMIN: netlink laser set EPERM"
	else
		not_ok "root without CAP_NET_ADMIN: netlink laser set EPERM" "$out"
	fi
else
	skip "root without CAP_NET_ADMIN: every sysfs write EPERM" "no capsh"
	skip "... and nothing changed" "no capsh"
	skip "root without CAP_NET_ADMIN: netlink laser set EPERM" "no capsh"
fi

# announced, then carried out after a short wait for an answer
P=/sys/module/cpo/parameters
old_timeout=$(cat "$P/removal_timeout_ms")
echo 1000 >"$P/removal_timeout_ms"
echo 1 >"$D/els0/prepare_removal"
check "prepare_removal: els0 safe, port0 removal_pending" \
	wait_for 20 eval 'attr_is "$D/els0/state" safe && attr_is "$D/port0/removal_pending" 1'
echo "$old_timeout" >"$P/removal_timeout_ms"

ktap_finished
