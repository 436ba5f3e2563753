#!/bin/bash
# profile: th6-102t
# timeout: 300
# SPDX-License-Identifier: GPL-2.0
# compat: devlink_fmsg_*_put() return values (6.7)
#
# devlink health: the laser and thermal reporters, their state, diagnose
# and dump after an injected laser fault and an over-temperature OE, and
# recovery.

. "$(dirname "$0")/lib.sh"

need_cmd devlink jq ip
need_root

LASER=${LASER:-10}
OE=${OE:-2}
bdf=$(cpo_bdf)
DL=pci/$bdf

# rep NAME FIELD: one field of 'devlink health show' for a reporter
rep()
{
	devlink -j health show "$DL" reporter "$1" |
		jq -r ".health[\"$DL\"][0].$2"
}

rep_error() { [ "$(rep "$1" state)" = error ]; }
rep_healthy() { [ "$(rep "$1" state)" = healthy ]; }
rep_counted() { [ "$(rep "$1" error)" -ge "$2" ]; }

cleanup()
{
	sim laser-fail "$LASER" off >/dev/null 2>&1
	sim oe-overtemp "$OE" off >/dev/null 2>&1
	for i in $ifs; do ip link set dev "$i" down 2>/dev/null; done
	devlink health recover "$DL" reporter laser 2>/dev/null
	devlink health set "$DL" reporter laser grace_period "$grace" 2>/dev/null
}
trap cleanup EXIT

# A recovery within the grace period (an earlier test in this guest may
# have made one) makes devlink drop the next report before its dump.
grace=$(rep laser grace_period)
devlink health set "$DL" reporter laser grace_period 0

ktap_plan 16

check_eq "laser reporter healthy" healthy "$(rep laser state)"
check_eq "thermal reporter healthy" healthy "$(rep thermal state)"
check_eq "laser reporter recovers automatically" true "$(rep laser auto_recover)"

# the ports the laser feeds, from its sysfs links
ifs=
for l in "$(cpo_dev)"/laser"$LASER"/port[0-9]*; do
	[ -e "$l" ] || continue
	p=$(basename "$l")
	ifs="$ifs cpo0p${p#port}"
done
ifs=${ifs# }
diag "laser $LASER feeds: $ifs"
for i in $ifs; do ip link set dev "$i" up; done
for i in $ifs; do wait_for 15 carrier_up "$i"; done

# devlink keeps one dump until it is cleared: make room for this fault's
devlink health dump clear "$DL" reporter laser 2>/dev/null
errs=$(rep laser error)
check "laser fault injected" sim laser-fail "$LASER" on
if wait_for 20 rep_counted laser $((errs + 1)); then
	ok "laser fault reported"
else
	not_ok "laser fault reported" "$(devlink health show "$DL" reporter laser)"
fi
wait_for 10 rep_error laser
check_eq "laser reporter in error while the laser is down" error \
	"$(rep laser state)"

# auto-recovery restarts the laser once before it faults for good: wait
# for a diagnose that names it
diag_names()
{
	dg=$(devlink -j health diagnose "$DL" reporter laser 2>&1)
	[ "$(printf '%s' "$dg" | jq -r ".lasers[]? | select(.laser == $LASER) | .laser")" = "$LASER" ]
}
wait_for 10 diag_names
check_eq "diagnose names the faulted laser" "$LASER" \
	"$(printf '%s' "$dg" | jq -r ".lasers[]? | select(.laser == $LASER) | .laser")"
want=$(printf '%s\n' $ifs | sed 's/^cpo0p//' | sort -n | tr '\n' ' ')
got=$(printf '%s' "$dg" | jq -r ".lasers[]? | select(.laser == $LASER) | .ports[]" |
	sort -n | tr '\n' ' ')
check_eq "diagnose gives the blast radius" "$want" "$got"
# one spelling of the fault code: devlink's is sysfs's and netlink's
check_eq "diagnose, sysfs and netlink spell the fault code alike" \
	"$(cat "$(cpo_dev)/laser$LASER/fault") $(cat "$(cpo_dev)/laser$LASER/fault")" \
	"$(printf '%s' "$dg" | jq -r ".lasers[]? | select(.laser == $LASER) | .fault") $(cpoctl -j laser show "$LASER" | jq -r '.[0].fault')"

dump=$(devlink -j health dump show "$DL" reporter laser 2>&1)
if printf '%s' "$dump" | grep -q "laser $LASER fault"; then
	ok "dump holds the fault event"
else
	not_ok "dump holds the fault event" "$(printf '%s' "$dump" | head -c 300)"
fi

down=0
for i in $ifs; do wait_for 15 carrier_down "$i" && down=$((down + 1)); done
check_eq "ports fed by the laser lose carrier" "$(echo $ifs | wc -w)" "$down"

sim laser-fail "$LASER" off >/dev/null
check "manual recovery accepted" devlink health recover "$DL" reporter laser
if wait_for 30 rep_healthy laser; then
	ok "laser reporter healthy after recovery"
else
	not_ok "laser reporter healthy after recovery" "$(devlink health show "$DL" reporter laser)"
fi
up=0
for i in $ifs; do wait_for 30 carrier_up "$i" && up=$((up + 1)); done
check_eq "carrier back on the laser's ports" "$(echo $ifs | wc -w)" "$up"

terrs=$(rep thermal error)
sim oe-overtemp "$OE" on >/dev/null
if wait_for 90 rep_counted thermal $((terrs + 1)); then
	dg=$(devlink -j health diagnose "$DL" reporter thermal 2>&1)
	check_eq "over-temperature OE reported and diagnosed" "$OE" \
		"$(printf '%s' "$dg" | jq -r ".oes[]? | select(.oe == $OE) | .oe")"
else
	not_ok "over-temperature OE reported and diagnosed" \
		"$(devlink health show "$DL" reporter thermal)"
fi
sim oe-overtemp "$OE" off >/dev/null

# A forged laser fault event is reported, but its recovery restarts no
# laser that telemetry shows working: LASER_STATE (5) of LASER (5), value
# FAULT (4), fault code APC (1).
F=$((LASER + 1))
lerrs=$(rep laser error)
cmds=$(cat "/sys/kernel/debug/cpo/$(basename "$(cpo_dev)")/mbox_cmds")
sim event-forge 5 5 "$F" 4 1 >/dev/null
if wait_for 15 rep_counted laser $((lerrs + 1)) && wait_for 15 rep_healthy laser &&
   [ "$(cat "/sys/kernel/debug/cpo/$(basename "$(cpo_dev)")/mbox_cmds")" = "$cmds" ] &&
   [ "$(cat "$(cpo_dev)/laser$F/state")" = on ]; then
	ok "a forged laser fault is reported but restarts no working laser"
else
	not_ok "a forged laser fault is reported but restarts no working laser" \
		"errors $lerrs -> $(rep laser error), state $(rep laser state), mailbox commands $cmds -> $(cat "/sys/kernel/debug/cpo/$(basename "$(cpo_dev)")/mbox_cmds"), laser$F $(cat "$(cpo_dev)/laser$F/state")"
fi

ktap_finished
