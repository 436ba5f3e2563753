#!/bin/bash
# profile: th6-102t
# timeout: 600
# SPDX-License-Identifier: GPL-2.0
#
# One answer for an ELSFP slot's state: sysfs elsN/state and present and
# the netlink slot (cpoctl -j els show N) read the same state machine, so
# they agree whenever the slot holds still, during a fiber check as much
# as anywhere: while the model holds the slot in its fiber check, and
# while a device that lies about the slot (forged state events) leaves the
# driver's view and telemetry apart until telemetry is followed.  The
# slot's hwmon chip and thermal zone have a reading, and devlink health's
# laser diagnose leaves it out of empty_slots, exactly while it is present.

. "$(dirname "$0")/lib.sh"

need_root
need_cmd cpo-sim cpoctl jq devlink

SLOT=${SLOT:-3}
ELS=$(cpo_dev)/els$SLOT
forger=

cleanup()
{
	[ -z "$forger" ] || kill "$forger" 2>/dev/null
	sim els-hold "$SLOT" off >/dev/null 2>&1
	[ "$(sim_get els "$SLOT" present)" = 1 ] ||
		sim els-insert "$SLOT" >/dev/null 2>&1
}
trap cleanup EXIT

# sysfs spells states as the netlink spec does
sysfs_state()
{
	cat "$ELS/state"
}

sysfs_present()
{
	[ "$(cat "$ELS/present")" = 1 ] && echo true || echo false
}

nl_slot()
{
	cpoctl -j els show "$SLOT" | jq -r '.[0] | "\(.state) \(.present)"'
}

# the slot's hwmon chip (cpo_elsN under this device) and thermal zone
HWMON=
for h in /sys/class/hwmon/hwmon*; do
	[ "$(cat "$h/name" 2>/dev/null)" = "cpo_els$SLOT" ] &&
		[[ $(readlink -f "$h") == */$(basename "$(cpo_dev)")/* ]] &&
		HWMON=$h
done
TZONE=
for z in /sys/class/thermal/thermal_zone*; do
	[ "$(cat "$z/type" 2>/dev/null)" = "$(basename "$(cpo_dev)")-els$SLOT" ] &&
		TZONE=$z
done
DL=pci/$(cpo_bdf)

# whether hwmon, the thermal zone and devlink health each see a module:
# "HWMON THERMAL DEVLINK", each true or false
others_present()
{
	local h=false t=false d=false v
	if [ -n "$HWMON" ] && cat "$HWMON/temp1_input" >/dev/null 2>&1; then
		h=true
	fi
	if [ -n "$TZONE" ] && v=$(cat "$TZONE/temp" 2>/dev/null) &&
	   [ "$v" != -274000 ]; then
		t=true
	fi
	devlink -j health diagnose "$DL" reporter laser |
		jq -e ".empty_slots | index($SLOT) == null" >/dev/null && d=true
	echo "$h $t $d"
}

# how often the watchdog made the slot follow telemetry (debugfs)
DBG=/sys/kernel/debug/cpo/$(basename "$(cpo_dev)")
fixes()
{
	cat "$DBG/els_fixes"
}

# sample N [others]: read sysfs, netlink (and with "others" hwmon, the
# thermal zone and devlink), sysfs again N times, and on until 3 of them
# held still (at most 4N times: a slow guest may lose many); a sample
# where the slot moved in between (sysfs differs, or the watchdog followed
# telemetry meanwhile: it may have moved and come back) says nothing.
# Sets good, bad and what (the first disagreement).
sample()
{
	local i s1 s2 f1 f2 n o p
	good=0
	bad=0
	what=
	for ((i = 0; i < 4 * $1; i++)); do
		[ $i -lt "$1" ] || [ $good -lt 3 ] || break
		f1=$(fixes)
		s1="$(sysfs_state) $(sysfs_present)"
		n=$(nl_slot)
		o=
		[ "${2:-}" != others ] || o=$(others_present)
		s2="$(sysfs_state) $(sysfs_present)"
		f2=$(fixes)
		[ "$s1" = "$s2" ] && [ "$f1" = "$f2" ] || continue
		p=${s1##* }
		if [ "$s1" = "$n" ] && { [ -z "$o" ] || [ "$o" = "$p $p $p" ]; }; then
			good=$((good + 1))
		else
			bad=$((bad + 1))
			[ -n "$what" ] ||
				what="sysfs '$s1' netlink '$n'${o:+ hwmon/thermal/devlink '$o'}"
		fi
	done
}

ktap_plan 7

[ -n "$HWMON" ] && [ -n "$TZONE" ] ||
	diag "slot $SLOT: hwmon chip '${HWMON:-none}', thermal zone '${TZONE:-none}'"

sim els-pull "$SLOT" >/dev/null
wait_for 10 eval '[ "$(sysfs_state)" = empty ]'
sample 5 others
if [ "$bad" = 0 ] && [ "$good" -ge 3 ]; then
	ok "slot empty: sysfs, netlink, hwmon, thermal and devlink agree ($good samples)"
else
	not_ok "slot empty: sysfs, netlink, hwmon, thermal and devlink agree" \
		"$bad of $((good + bad)) disagree, first: $what"
fi
check "the model holds slot $SLOT in its fiber check" \
	sim els-hold "$SLOT" fiber-check
sim els-insert "$SLOT" >/dev/null
check "slot $SLOT reaches its fiber check" \
	wait_for 20 eval '[ "$(sysfs_state)" = fiber-check ]'

sample 20
if [ "$bad" = 0 ] && [ "$good" -ge 3 ]; then
	ok "fiber check pending: sysfs and netlink agree ($good samples)"
else
	not_ok "fiber check pending: sysfs and netlink agree" \
		"$bad of $((good + bad)) disagree, first: $what"
fi
sample 5 others
if [ "$bad" = 0 ] && [ "$good" -ge 3 ]; then
	ok "fiber check pending: hwmon, thermal and devlink see the module ($good samples)"
else
	not_ok "fiber check pending: hwmon, thermal and devlink see the module" \
		"$bad of $((good + bad)) disagree, first: $what"
fi

# A device that announces a state its telemetry does not show (ramping,
# 3, for the slot): the driver's view and telemetry differ until the
# watchdog follows telemetry, two ticks later, and every reader shows the
# one answer meanwhile.  A forgery every 3 s leaves the slot still
# between a correction and the next forgery long enough to sample.
(while :; do sim event-forge 4 4 "$SLOT" 3 >/dev/null; sleep 3; done) &
forger=$!
wait_for 10 eval '[ "$(sysfs_state)" = ramping ]'
sample 20
kill "$forger" 2>/dev/null
wait "$forger" 2>/dev/null
forger=
if [ "$bad" = 0 ] && [ "$good" -ge 3 ]; then
	ok "state events telemetry contradicts: sysfs and netlink agree ($good samples)"
else
	not_ok "state events telemetry contradicts: sysfs and netlink agree" \
		"$bad of $((good + bad)) disagree, first: $what"
fi

sim els-hold "$SLOT" off >/dev/null
check "released, slot $SLOT turns on" \
	wait_for 30 eval '[ "$(sysfs_state)" = on ] && [ "$(nl_slot)" = "on true" ]'

ktap_finished
