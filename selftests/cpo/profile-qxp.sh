#!/bin/bash
# profile: qxp-115t
# timeout: 300
# SPDX-License-Identifier: GPL-2.0
#
# A Quantum-X Photonics class switch: 144 ports x 800G on 72 engines of
# 8 lanes, fed by 18 detachable laser modules of 8 lasers (one laser, 4
# lanes, one port).  Counts in sysfs, netlink and hwmon; the topology
# links (a laser feeds one port, a module 8 ports on 4 engines); every
# port's optics up; a module pulled takes down exactly its 8 ports.

. "$(dirname "$0")/lib.sh"

need_cmd cpoctl cpo-sim jq

D=$(cpo_dev)
SLOT=${SLOT:-5}

cleanup()
{
	sim els-insert "$SLOT" >/dev/null 2>&1
}
trap cleanup EXIT

tmp=$(mktemp -d)
trap 'cleanup; rm -rf "$tmp"' EXIT

optics_up_ports()
{
	cpoctl -j port show | jq -r '[.[] | select(.["optics-up"]) | .index] | join(",")'
}

ktap_plan 11

got="$(cat "$D/n_oe") $(cat "$D/n_lanes") $(cat "$D/n_ports") $(cat "$D/n_els") $(cat "$D/n_lasers")"
check_eq "sysfs counts: 72 OEs, 576 lanes, 144 ports, 18 slots, 144 lasers" \
	"72 576 144 18 144" "$got"
got=$(cpoctl -j dev show | jq -r '.[0] | "\(.["oe-count"]) \(.["lane-count"]) \(.["port-count"]) \(.["els-count"]) \(.["laser-count"]) \(.["lane-rate-mbps"])"')
check_eq "netlink counts the same, 200G lanes" "72 576 144 18 144 200000" "$got"
n=$(grep -l '^cpo_els' /sys/class/hwmon/hwmon*/name 2>/dev/null | wc -l)
m=$(grep -l '^cpo_oe' /sys/class/hwmon/hwmon*/name 2>/dev/null | wc -l)
check_eq "hwmon: 72 engine chips, 18 slot chips" "72 18" "$m $n"

# topology, from one dump of each kind
cpoctl -j port show >"$tmp/ports"
cpoctl -j els show >"$tmp/els"
cpoctl -j laser show >"$tmp/lasers"
check_eq "ports: 800G, 4 lanes each, port p on engine p/2" 0 \
	"$(jq '[.[] | select(.["speed-mbps"] != 800000 or (.lanes | length) != 4 or .oe != (.index / 2 | floor))] | length' "$tmp/ports")"
check_eq "lasers: each feeds 4 lanes of one port (laser n -> port n)" 0 \
	"$(jq '[.[] | select((.lanes | length) != 4 or .ports != [.index])] | length' "$tmp/lasers")"
check_eq "modules: 8 lasers, blast radius 8 ports each, all ports once" \
	"0 $(seq -s, 0 143)" \
	"$(jq '[.[] | select((.lasers | length) != 8 or (.ports | length) != 8)] | length' "$tmp/els") $(jq -r '[.[].ports[]] | sort | join(",")' "$tmp/els")"
want=$(jq -r ".[] | select(.index == $SLOT) | .ports | join(\",\")" "$tmp/els")
check_eq "module $SLOT feeds ports 40-47 on engines 20-23" "40,41,42,43,44,45,46,47" "$want"
check_eq "sysfs: port 41 on oe20, fed by laser 41, which feeds it alone" "oe20 41 41" \
	"$(basename "$(readlink "$D/port41/oe")") $(cat "$D/port41/lasers") $(cat "$D/laser41/ports")"

all=$(seq -s, 0 143)
if wait_for 30 eval '[ "$(optics_up_ports)" = "$all" ]'; then
	ok "all 144 ports' optics up"
else
	not_ok "all 144 ports' optics up" "up: $(optics_up_ports)"
fi

# a module pulled: exactly its 8 ports down; back when it is inserted
rest=$(jq -r "[.[] | select(.index < 40 or .index > 47) | .index] | join(\",\")" "$tmp/ports")
sim els-pull "$SLOT" >/dev/null
if wait_for 30 eval '[ "$(optics_up_ports)" = "$rest" ]'; then
	ok "module $SLOT pulled: exactly ports 40-47 down"
else
	not_ok "module $SLOT pulled: exactly ports 40-47 down" "up: $(optics_up_ports)"
fi
sim els-insert "$SLOT" >/dev/null
if wait_for 60 eval '[ "$(optics_up_ports)" = "$all" ]'; then
	ok "module $SLOT inserted: all ports' optics up again"
else
	not_ok "module $SLOT inserted: all ports' optics up again" "up: $(optics_up_ports)"
fi

ktap_finished
