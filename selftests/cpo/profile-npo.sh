#!/bin/bash
# profile: npo-51t
# timeout: 300
# SPDX-License-Identifier: GPL-2.0
#
# Near-packaged optics: 16 engines on the board with their lasers inside,
# no ELSFP slots.  The driver shows no slot or laser object anywhere (no
# class devices, no hwmon chips, empty netlink dumps, no laser health
# reporter), every port's optics come up on the engine's own light, and a
# fault of one engine takes down exactly that engine's ports (its blast
# radius), which the thermal reporter names.

. "$(dirname "$0")/lib.sh"

need_cmd cpoctl cpo-sim jq devlink

D=$(cpo_dev)
DL=pci/$(cpo_bdf)
OE=${OE:-3}

cleanup()
{
	sim oe-overtemp "$OE" off >/dev/null 2>&1
	sim accel 1 >/dev/null 2>&1
}
trap cleanup EXIT

spaces() { tr ' ' '\n' | grep -v '^$' | paste -sd, -; }

# optics_up_ports: the ports whose optics are up, as "0,1,..."
optics_up_ports()
{
	cpoctl -j port show | jq -r '[.[] | select(.["optics-up"]) | .index] | join(",")'
}

# all_but OE: every port not on engine OE, as "0,1,..."
all_but()
{
	cpoctl -j port show | jq -r --argjson oe "$1" '[.[] | select(.oe != $oe) | .index] | join(",")'
}

ktap_plan 15

# counts: sysfs and netlink agree with the model; no slots, no lasers
got="$(cat "$D/n_oe") $(cat "$D/n_lanes") $(cat "$D/n_ports") $(cat "$D/n_els") $(cat "$D/n_lasers")"
check_eq "sysfs counts: 16 OEs, 512 lanes, 64 ports, 0 slots, 0 lasers" "16 512 64 0 0" "$got"
got=$(cpoctl -j dev show | jq -r '.[0] | "\(.["oe-count"]) \(.["lane-count"]) \(.["port-count"]) \(.["els-count"]) \(.["laser-count"])"')
check_eq "netlink counts the same" "16 512 64 0 0" "$got"
check "dev show: lasers in the engines" sh -c 'cpoctl dev show | grep -q "lasers in the engines"'

# no empty shells: no slot or laser class devices, hwmon chips for engines only
n=$(find "$D/" -maxdepth 1 \( -name 'els[0-9]*' -o -name 'laser[0-9]*' \) | wc -l)
check_eq "no els or laser class devices" 0 "$n"
n=$(grep -l '^cpo_els' /sys/class/hwmon/hwmon*/name 2>/dev/null | wc -l)
m=$(grep -l '^cpo_oe' /sys/class/hwmon/hwmon*/name 2>/dev/null | wc -l)
check_eq "hwmon: 16 engine chips, no slot chips" "16 0" "$m $n"
check_eq "netlink: els and laser dumps empty" "0 0" \
	"$(cpoctl -j els show | jq length) $(cpoctl -j laser show | jq length)"
if out=$(cpoctl els show 0 2>&1); then
	not_ok "els show 0 refused" "it answered: $out"
else
	check_eq "els show 0 refused with one line" 1 "$(printf '%s\n' "$out" | wc -l)"
fi
check "cpoctl health, laser show and els show answer" \
	sh -c 'cpoctl health >/dev/null && cpoctl laser show >/dev/null && cpoctl els show >/dev/null'
check_eq "devlink: a thermal reporter, no laser reporter" thermal \
	"$(devlink -j health show | jq -r ".health[\"$DL\"][].reporter" | paste -sd, -)"

# topology: engine N carries lanes 32N..32N+31 and ports 4N..4N+3
bad=0
for o in 0 7 15; do
	[ "$(cpoctl -j oe show $o | jq -r '.[0].lanes | "\(.[0]) \(length)"')" = "$((32 * o)) 32" ] || bad=$((bad + 1))
	[ "$(cpoctl -j oe show $o | jq -r '.[0].ports | join(",")')" = \
	  "$((4 * o)),$((4 * o + 1)),$((4 * o + 2)),$((4 * o + 3))" ] || bad=$((bad + 1))
done
check_eq "engines 0, 7, 15: their 32 lanes and 4 ports" 0 "$bad"
check_eq "port 5: lanes of engine 1, no lasers" "40,41,42,43,44,45,46,47 oe1 " \
	"$(spaces < "$D/port5/lanes") $(basename "$(readlink "$D/port5/oe")") $(cat "$D/port5/lasers")"

# carriers: every port's optics up on the engines' own lasers
all=$(seq -s, 0 63)
if wait_for 30 eval '[ "$(optics_up_ports)" = "$all" ]'; then
	ok "all 64 ports' optics up"
else
	not_ok "all 64 ports' optics up" "up: $(optics_up_ports)"
fi

# one engine fails: its 4 ports go down, no other; the reporter names them
want=$(all_but "$OE")
sim oe-overtemp "$OE" on >/dev/null
sim accel 20 >/dev/null
if wait_for 90 eval '[ "$(optics_up_ports)" = "$want" ]'; then
	ok "engine $OE in fault: exactly its ports down"
else
	not_ok "engine $OE in fault: exactly its ports down" \
		"oe$OE $(cat "$D/oe$OE/state"); up: $(optics_up_ports)"
fi
dg=$(devlink -j health diagnose "$DL" reporter thermal 2>&1)
check_eq "thermal diagnose: engine $OE and its blast radius" \
	"$((4 * OE)),$((4 * OE + 1)),$((4 * OE + 2)),$((4 * OE + 3))" \
	"$(printf '%s' "$dg" | jq -r ".oes[]? | select(.oe == $OE) | .ports | join(\",\")")"
sim oe-overtemp "$OE" off >/dev/null
if wait_for 90 eval '[ "$(optics_up_ports)" = "$all" ]'; then
	ok "cooling restored: all ports' optics up again"
else
	not_ok "cooling restored: all ports' optics up again" "up: $(optics_up_ports)"
fi
sim accel 1 >/dev/null

ktap_finished
