#!/bin/bash
# profile: tiny
# SPDX-License-Identifier: GPL-2.0
#
# The root-only controls reach the device and are validated first: laser
# enable and power setpoint, lane enable, thresholds (refused out of CMIS
# order), ELSFP prepare-for-removal.  Everything is put back at the end.

. "$(dirname "$0")/lib.sh"

need_root
need_cmd cpo-sim

D=$(cpo_dev)
T=$D/thresholds/oe_temp
read -r hw0 <"$T/high_warn"
read -r sp0 <"$D/laser1/power_setpoint"

cleanup()
{
	echo 1 >"$D/laser1/enable" 2>/dev/null
	echo "$sp0" >"$D/laser1/power_setpoint" 2>/dev/null
	echo "3 1" >"$D/port0/lane_enable" 2>/dev/null
	echo "$hw0" >"$T/high_warn" 2>/dev/null
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

ktap_plan 10

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

echo 1 >"$D/els0/prepare_removal"
check "prepare_removal: els0 safe, port0 removal_pending" \
	wait_for 15 eval 'attr_is "$D/els0/state" safe && attr_is "$D/port0/removal_pending" 1'

ktap_finished
