#!/bin/bash
# profile: th6-102t
# timeout: 300
# SPDX-License-Identifier: GPL-2.0
# compat: hwmon channel info, class registration
#
# The hwmon chips as the tools an operator already runs see them: sensors
# (text, -j and sensors.conf) names every chip of every engine and slot
# apart, on the PCI adapter of the CPO function, and node_exporter's hwmon
# collector lists one chip per chip, with no channel that is not one.

. "$(dirname "$0")/lib.sh"

need_cmd sensors jq curl prometheus-node-exporter cpoctl

D=$(cpo_dev)
n_oe=$(cat "$D/n_oe")
n_els=$(cat "$D/n_els")
n=$((n_oe + n_els))
bdf=$(cpo_bdf)
# libsensors' address of a PCI function: domain, bus, slot, function
IFS=':.' read -r dom bus sl fn <<<"$bdf"
addr=$(printf '%04x' $(((0x$dom << 16) + (0x$bus << 8) + (0x$sl << 3) + 0x$fn)))
NE_PORT=19100
ne_pid=
conf=$(mktemp)

cleanup()
{
	[ -n "$ne_pid" ] && kill "$ne_pid" 2>/dev/null && wait "$ne_pid" 2>/dev/null
	rm -f "$conf"
}
trap cleanup EXIT

ktap_plan 7

# the names as sensors -j gives them: a JSON parser keeps one of each key
keys=$(sensors -j 2>/dev/null | jq -r 'keys[] | select(startswith("cpo_"))')
want=$( (for ((i = 0; i < n_oe; i++)); do echo "cpo_oe$i-pci-$addr"; done
	 for ((i = 0; i < n_els; i++)); do echo "cpo_els$i-pci-$addr"; done) |
	sort)
check_eq "sensors -j: $n distinct chips, cpo_oeN/cpo_elsN-pci-$addr" \
	"$want" "$(sort <<<"$keys")"

bad=
for k in $keys; do
	out=$(sensors "$k" 2>/dev/null)
	[ "$(grep -c '^cpo_' <<<"$out")" = 1 ] &&
		[ "$(head -n 1 <<<"$out")" = "$k" ] || bad="$bad $k"
done
check_eq "sensors NAME shows that chip alone, for each" "" "$bad"

bad=$(sensors 2>/dev/null | awk '/^cpo_/ { c = $0; getline;
	if ($0 != "Adapter: PCI adapter") print c ": " $0 }')
check_eq "every chip is on the PCI adapter" "" "$bad"

# sensors.conf addresses one chip by name
last=$((n_els - 1))
printf 'chip "cpo_els%u-*"\n    label temp1 "slot under test"\n' "$last" >"$conf"
got=$(sensors -c "$conf" 2>/dev/null | grep -c '^slot under test:')
check_eq "sensors.conf: a label set for cpo_els$last-* applies to it alone" 1 "$got"

# node_exporter (Debian's), only its hwmon collector, on loopback
prometheus-node-exporter --web.listen-address="127.0.0.1:$NE_PORT" \
	--collector.disable-defaults --collector.hwmon >/dev/null 2>&1 &
ne_pid=$!
metrics=
scrape()
{
	metrics=$(curl -sf "http://127.0.0.1:$NE_PORT/metrics") &&
		grep -q '^node_hwmon_chip_names' <<<"$metrics"
}
if wait_for 60 scrape; then
	names=$(grep -E '^node_hwmon_chip_names\{.*chip_name="cpo_(oe|els)[0-9]+"' \
		<<<"$metrics")
	chips=$(sed -E 's/.*[{,]chip="([^"]*)".*/\1/' <<<"$names" | sort -u | wc -l)
	if [ "$(wc -l <<<"$names")" = "$n" ] && [ "$chips" = "$n" ]; then
		ok "node_exporter: one node_hwmon_chip_names per chip, $n chips"
	else
		not_ok "node_exporter: one node_hwmon_chip_names per chip" \
			"$(wc -l <<<"$names") series, $chips chips"
	fi
	# every chip of the driver, whatever its name
	cpo_chips=$(grep -E '^node_hwmon_chip_names\{.*chip_name="cpo_' <<<"$metrics" |
		sed -E 's/.*[{,]chip="([^"]*)".*/\1/' | paste -sd '|')
	stray=$(grep -E "^node_hwmon_[a-z_]+\{chip=\"($cpo_chips)\",sensor=\"temp0\"" \
		<<<"$metrics" | head -n 3)
	check_eq "node_exporter: no channel outside the chips (no temp0)" "" "$stray"
	got=$(grep -cE "^node_hwmon_temp_celsius\{chip=\"($cpo_chips)\",sensor=\"temp1\"" \
		<<<"$metrics")
	check_eq "node_exporter: a temperature for each chip" "$n" "$got"
else
	not_ok "node_exporter: one node_hwmon_chip_names per chip" "no scrape"
	skip "node_exporter: no channel outside the chips (no temp0)" "no scrape"
	skip "node_exporter: a temperature for each chip" "no scrape"
fi

ktap_finished
