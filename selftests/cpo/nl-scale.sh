#!/bin/bash
# profile: x-409t
# timeout: 400
# SPDX-License-Identifier: GPL-2.0
#
# Dumps of a 409.6T device span many netlink messages and must resume
# exactly where the previous message ended: every lane, laser and port
# appears once, in order, and filtered dumps agree with the topology,
# before and after an engine failover to one of the spare engines.

. "$(dirname "$0")/lib.sh"

need_cmd cpoctl jq

D=$(cpo_dev)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

n_lanes=$(cat "$D/n_lanes")
n_lasers=$(cat "$D/n_lasers")
n_ports=$(cat "$D/n_ports")
n_oe=$(cat "$D/n_oe")

check "lane dump" sh -c "cpoctl -j lane show > '$tmp/lanes'"
check_eq "2048 lanes in service (spare engines' lanes aside)" 2048 \
	"$(jq '[.[] | select(.port != null)] | length' "$tmp/lanes")"
check_eq "lane dump: $n_lanes entries" "$n_lanes" "$(jq length "$tmp/lanes")"
check_eq "lane dump: each lane exactly once, in order" true \
	"$(jq '[.[].index] == [range(0; length)]' "$tmp/lanes")"

cpoctl -j laser show > "$tmp/lasers"
check_eq "laser dump: $n_lasers lasers exactly once" true \
	"$(jq --argjson n "$n_lasers" '[.[].index] == [range(0; $n)]' "$tmp/lasers")"
cpoctl -j port show > "$tmp/ports"
check_eq "port dump: $n_ports ports exactly once" true \
	"$(jq --argjson n "$n_ports" '[.[].index] == [range(0; $n)]' "$tmp/ports")"
cpoctl -j oe show > "$tmp/oes"
check_eq "oe dump: $n_oe engines, lanes cover all lanes once" true \
	"$(jq --argjson n "$n_lanes" '[.[].lanes[]] | sort == [range(0; $n)]' "$tmp/oes")"

# filtered dumps partition the lanes
sum=0
for ((o = 0; o < n_oe; o++)); do
	c=$(cpoctl -j lane show oe $o | jq length)
	sum=$((sum + c))
done
check_eq "lane dumps per engine add up to $n_lanes" "$n_lanes" "$sum"

# a single get equals the dump's entry for the same lane (topology part)
check_eq "lane 2047 get equals its dump entry" \
	"$(jq -c '.[2047] | {index, oe, port, laser}' "$tmp/lanes")" \
	"$(cpoctl -j lane show 2047 | jq -c '.[0] | {index, oe, port, laser}')"
check "health over the whole device" sh -c "cpoctl -j health | jq -e '.lasers | length > 0'"

# an engine fails over to one of the four spares: the dumps still
# partition the lanes, and the spare carries the engine's ports
ports63=$(jq -c '[.[] | select(.index == 63) | .ports[]]' "$tmp/oes")
check_eq "engine 63 fails over to the first spare engine, 64" 64 \
	"$(cpoctl -j oe failover 63 | jq -r .spare)"
cpoctl -j oe show > "$tmp/oes"
check_eq "oe dump after the failover: lanes cover all lanes once" true \
	"$(jq --argjson n "$n_lanes" '[.[].lanes[]] | sort == [range(0; $n)]' "$tmp/oes")"
check_eq "engine 64 carries engine 63's ports; 63 none, out of service" \
	"$ports63 [] true" \
	"$(jq -c '(.[] | select(.index == 64) | .ports), (.[] | select(.index == 63) | .ports)' "$tmp/oes" | tr '\n' ' ')$(jq '.[] | select(.index == 63) | .["out-of-service"]' "$tmp/oes")"
check_eq "three spare engines left" 3 "$(jq '[.[] | select(.spare)] | length' "$tmp/oes")"

ktap_finished
