#!/bin/bash
# profile: th6-102t
# timeout: 400
# SPDX-License-Identifier: GPL-2.0
# compat: a dump's request attributes, genl_info_dump() (6.6)
#
# Every cpoctl show command against the device model: JSON parsed with jq,
# identity, topology and settings equal to sysfs, live telemetry close to
# what the model reports over its ctl port, filters and single gets
# consistent with dumps.

. "$(dirname "$0")/lib.sh"

need_cmd cpoctl jq cpo-sim

D=$(cpo_dev)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# J ARGS...: cpoctl -j ARGS, each distinct command run once (TCG is slow)
J()
{
	local f="$tmp/$(echo "$*" | tr ' /' '__')"

	[ -s "$f" ] || cpoctl -j "$@" > "$f" || { rm -f "$f"; return 1; }
	cat "$f"
}

# jq_eq DESC FILTER WANT CMD...: run cpoctl -j CMD, apply FILTER, compare.
jq_eq()
{
	local desc=$1 filter=$2 want=$3 got
	shift 3
	got=$(J "$@" 2>&1 | jq -r "$filter" 2>&1)
	check_eq "$desc" "$want" "$got"
}

# near DESC A B TOL: |A - B| <= TOL
near()
{
	if awk -v a="$2" -v b="$3" -v t="$4" \
		'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= t) }'; then
		ok "$1"
	else
		not_ok "$1" "$2 and $3 differ by more than $4"
	fi
}

spaces() { tr ' ' '\n' | grep -v '^$' | paste -sd, -; }

# model OBJ IDX KEY: one value from the device model, retried: its ctl
# port answers within 5 s, which a loaded TCG guest can miss.
model()
{
	local i v
	for i in 1 2 3; do
		v=$(sim_get "$@" 2>/dev/null)
		[ -z "$v" ] || break
		sleep 0.5
	done
	echo "$v"
}

# ---- dev ----
jq_eq "dev show: model" '.[0].model' "$(cat "$D/model")" dev show
jq_eq "dev show: serial" '.[0]["serial-no"]' "$(cat "$D/serial")" dev show
jq_eq "dev show: firmware" '.[0]["firmware-version"]' "$(cat "$D/fw_version")" dev show
jq_eq "dev show: interface version" '.[0]["hardware-version"]' "$(cat "$D/hw_version")" dev show
jq_eq "dev show: counts" \
	'.[0] | "\(.["oe-count"]) \(.["lane-count"]) \(.["port-count"]) \(.["els-count"]) \(.["laser-count"])"' \
	"$(cat "$D/n_oe") $(cat "$D/n_lanes") $(cat "$D/n_ports") $(cat "$D/n_els") $(cat "$D/n_lasers")" \
	dev show
jq_eq "dev show: lane rate" '.[0]["lane-rate-mbps"]' "$(cat "$D/lane_rate_mbps")" dev show
jq_eq "dev show: state ok" '.[0]["oper-status"]' ok dev show
check "dev show: table names cpo0" sh -c 'cpoctl dev show | grep -q "^cpo0:"'

# ---- oe ----
n_oe=$(cat "$D/n_oe")
jq_eq "oe show: dumps $n_oe engines" 'length' "$n_oe" oe show
jq_eq "oe show: indices in order" '[.[].index] == [range(0; length)]' true oe show
first=$(cat "$D/oe3/first_lane")
n=$(cat "$D/oe3/n_lanes")
jq_eq "oe 3: lanes from sysfs" '.[0].lanes | "\(.[0]) \(length)"' "$first $n" oe show 3
jq_eq "oe 3: state" '.[0].state' "$(cat "$D/oe3/state")" oe show 3
t=$(J oe show 3 | jq '.[0]["temperature-c"] * 1000')
near "oe 3: temperature near sysfs" "$t" "$(cat "$D/oe3/temperature")" 2000
near "oe 3: temperature near the model" "$t" "$(model oe 3 temp)" 2000
v=$(J oe show 3 | jq '.[0]["supply-voltage-v"] * 1000')
near "oe 3: vcc near the model" "$v" "$(model oe 3 vcc)" 50

# ---- els ----
n_els=$(cat "$D/n_els")
jq_eq "els show: dumps $n_els slots" 'length' "$n_els" els show
jq_eq "els 2: first laser" '.[0].lasers[0]' "$(cat "$D/els2/first_laser")" els show 2
jq_eq "els 2: laser count" '.[0].lasers | length' "$(cat "$D/els2/n_lasers")" els show 2
jq_eq "els 2: wavelength" '.[0]["wavelength-nm"] * 1000 | round' \
	"$(cat "$D/els2/wavelength_pm")" els show 2
jq_eq "els 2: present" '.[0].present' true els show 2
jq_eq "els 2: insertions" '.[0].insertions' "$(model els 2 insertions)" els show 2
ports=$(for l in $(J els show 2 | jq -r '.[0].lasers[]'); do cat "$D/laser$l/ports"; done |
	tr ' ' '\n' | sort -n -u | paste -sd, -)
jq_eq "els 2: blast radius = ports of its lasers" '.[0].ports | join(",")' "$ports" els show 2

# ---- laser ----
n_las=$(cat "$D/n_lasers")
jq_eq "laser show: dumps $n_las lasers" 'length' "$n_las" laser show
L=$D/laser5
jq_eq "laser 5: slot" '.[0].els' "$(model laser 5 els)" laser show 5
jq_eq "laser 5: lanes" '.[0].lanes | join(",")' "$(spaces < "$L/lanes")" laser show 5
jq_eq "laser 5: ports" '.[0].ports | join(",")' "$(spaces < "$L/ports")" laser show 5
jq_eq "laser 5: setpoint" '.[0].setpoint' "$(cat "$L/power_setpoint")" laser show 5
jq_eq "laser 5: bol bias" '.[0]["bol-bias-current-ma"] * 1000 | round' \
	"$(cat "$L/bol_bias")" laser show 5
jq_eq "laser 5: enabled" '.[0]["tx-laser"]' true laser show 5
jq_eq "laser 5: mode" '.[0].mode' "$(model laser 5 mode | sed 's/^0$/apc/;s/^1$/acc/')" laser show 5
b=$(J laser show 5 | jq '.[0]["laser-bias-current-ma"] * 1000')
near "laser 5: bias near the model" "$b" "$(model laser 5 bias)" 20000
p=$(J laser show 5 | jq '.[0]["output-power-mw"] * 1000')
near "laser 5: power near the model" "$p" "$(model laser 5 power)" 5000
jq_eq "laser 5: dBm matches mW" \
	'.[0] | ((.["output-power-dbm"] - 10 * (.["output-power-mw"] | log10)) | fabs < 0.01)' \
	true laser show 5
jq_eq "laser show els 2: only slot 2" '[.[].els] | unique | join(",")' 2 laser show els 2
jq_eq "laser show els 2: all its lasers" 'length' "$(cat "$D/els2/n_lasers")" laser show els 2
jq_eq "laser show port 3: the port's lasers" '[.[].index] | join(",")' \
	"$(spaces < "$D/port3/lasers")" laser show port 3

# ---- lane ----
n_lanes=$(cat "$D/n_lanes")
jq_eq "lane show: dumps $n_lanes lanes once each" '[.[].index] | unique | length' \
	"$n_lanes" lane show
jq_eq "lane show oe 1: the engine's lanes" 'length' "$(cat "$D/oe1/n_lanes")" lane show oe 1
jq_eq "lane show oe 1: only engine 1" '[.[].oe] | unique | join(",")' 1 lane show oe 1
jq_eq "lane show port 3: the port's lanes" '[.[].index] | join(",")' \
	"$(spaces < "$D/port3/lanes")" lane show port 3
jq_eq "lane 40: port from the model" '.[0].port' "$(model lane 40 port)" lane show 40
jq_eq "lane 40: laser from the model" '.[0].laser' "$(model lane 40 laser)" lane show 40
jq_eq "lane 40: enabled from the model" '.[0].enabled | if . then 1 else 0 end' \
	"$(model lane 40 enabled)" lane show 40
tx=$(J lane show 40 | jq '.[0]["output-power-mw"] * 1000')
near "lane 40: tx power near the model" "$tx" "$(model lane 40 tx_power)" 300

# ---- port ----
n_ports=$(cat "$D/n_ports")
jq_eq "port show: dumps $n_ports ports" 'length' "$n_ports" port show
jq_eq "port 3: lanes" '.[0].lanes | join(",")' "$(spaces < "$D/port3/lanes")" port show 3
jq_eq "port 3: lasers" '.[0].lasers | join(",")' "$(spaces < "$D/port3/lasers")" port show 3
jq_eq "port 3: speed" '.[0]["speed-mbps"]' "$(cat "$D/port3/speed_mbps")" port show 3
jq_eq "port 3: low power from the model" '.[0]["low-power"] | if . then 1 else 0 end' \
	"$(model port 3 low_power)" port show 3
ifname=$(J port show 3 | jq -r '.[0].ifname')
if [ -n "$ifname" ] && [ "$ifname" != null ]; then
	jq_eq "port $ifname: found by name" '.[0].index' 3 port show "$ifname"
	jq_eq "port 3: ifindex" '.[0].ifindex' "$(cat "/sys/class/net/$ifname/ifindex")" port show 3
	# the carrier file reads only while the interface is up
	if carrier=$(cat "/sys/class/net/$ifname/carrier" 2>/dev/null); then
		jq_eq "port 3: carrier" '.[0].carrier | if . then 1 else 0 end' \
			"$carrier" port show 3
	else
		jq_eq "port 3: carrier reported" '.[0].carrier | type' boolean port show 3
	fi
	jq_eq "laser show port $ifname: by name" '[.[].index] | join(",")' \
		"$(spaces < "$D/port3/lasers")" laser show port "$ifname"
else
	skip "port by netdev name" "port 3 has no netdev"
fi

# ---- port link: the kernel's answer, the optics apart ----
# An interface that is down has no link (ethtool: "Link detected: no")
# whatever its optics do; up, it has the optics' carrier.
if [ -n "$ifname" ] && [ "$ifname" != null ] && command -v ethtool >/dev/null; then
	was_up=$(ip -j link show dev "$ifname" | jq '.[0].flags | index("UP") != null')
	link_of() { ethtool "$ifname" | sed -n 's/.*Link detected: //p'; }
	ip link set dev "$ifname" down
	check_eq "port $ifname down: ethtool sees no link" no "$(link_of)"
	got=$(cpoctl -j port show 3 | jq -r '.[0] | "\(.carrier) \(.["admin-up"]) \(.["optics-up"])"')
	check_eq "port $ifname down: carrier false, admin down, optics up" \
		"false false true" "$got"
	check_eq "port $ifname down: table says carrier down, optics up" "down up" \
		"$(cpoctl port show 3 | awk 'NR == 2 { print $5, $6 }')"
	ip link set dev "$ifname" up
	if wait_for 15 carrier_up "$ifname"; then
		check_eq "port $ifname up: ethtool sees the link" yes "$(link_of)"
		got=$(cpoctl -j port show 3 | jq -r '.[0] | "\(.carrier) \(.["admin-up"]) \(.["optics-up"])"')
		check_eq "port $ifname up: carrier true, admin up, optics up" \
			"true true true" "$got"
	else
		not_ok "port $ifname up: carrier" "$(ip -br link show dev "$ifname")"
	fi
	[ "$was_up" = true ] || ip link set dev "$ifname" down
else
	skip "port link state" "no netdev for port 3, or no ethtool"
fi

# ---- a missing object is an error that names it ----
# expect_err DESC TEXT CMD...: CMD exits 1 with one stderr line containing
# TEXT, and prints nothing on stdout.
expect_err()
{
	local desc=$1 text=$2 out err rc
	shift 2
	out=$("$@" 2>"$tmp/err")
	rc=$?
	err=$(cat "$tmp/err")
	if [ $rc = 1 ] && [ -z "$out" ] && [[ $err == *"$text"* ]] &&
	   [ "$(printf '%s\n' "$err" | wc -l)" = 1 ]; then
		ok "$desc"
	else
		not_ok "$desc" "exit $rc, stdout '$out', stderr '$err', want exit 1 and '$text'"
	fi
}

for cmd in "dev show" "oe show" "oe show 0" "els show" "laser show" \
	   "laser show els 0" "lane show" "lane show port 0" "port show" \
	   "threshold show" health; do
	expect_err "-d cpo7 $cmd: no device" "cpoctl: no device cpo7" \
		cpoctl -d cpo7 $cmd
done
expect_err "-d cpo7 -j dev show: no device, no JSON" "cpoctl: no device cpo7" \
	cpoctl -d cpo7 -j dev show
expect_err "-d cpo7 monitor: no device" "cpoctl: no device cpo7" \
	timeout 10 cpoctl -d cpo7 monitor
expect_err "oe show $n_oe" "cpoctl: no optical engine $n_oe on cpo0 (engines 0-$((n_oe - 1)))" \
	cpoctl oe show "$n_oe"
expect_err "els show $n_els" "cpoctl: no ELSFP slot $n_els on cpo0 (slots 0-$((n_els - 1)))" \
	cpoctl els show "$n_els"
expect_err "laser show els 99" "cpoctl: no ELSFP slot 99 on cpo0 (slots 0-$((n_els - 1)))" \
	cpoctl laser show els 99
expect_err "laser show $n_las" "cpoctl: no laser $n_las on cpo0 (lasers 0-$((n_las - 1)))" \
	cpoctl laser show "$n_las"
expect_err "laser show port $n_ports" "cpoctl: no port $n_ports on cpo0 (ports 0-$((n_ports - 1)))" \
	cpoctl laser show port "$n_ports"
expect_err "laser show port by unknown name" "cpoctl: no cpo port named 'nosuch0'" \
	cpoctl laser show port nosuch0
expect_err "lane show $n_lanes" "cpoctl: no lane $n_lanes on cpo0 (lanes 0-$((n_lanes - 1)))" \
	cpoctl lane show "$n_lanes"
expect_err "lane show port 99 (-j)" "cpoctl: no port 99 on cpo0 (ports 0-$((n_ports - 1)))" \
	cpoctl -j lane show port 99
expect_err "lane show oe $n_oe" "cpoctl: no optical engine $n_oe on cpo0" \
	cpoctl lane show oe "$n_oe"
expect_err "port show $n_ports" "cpoctl: no port $n_ports on cpo0 (ports 0-$((n_ports - 1)))" \
	cpoctl port show "$n_ports"
expect_err "port show by unknown name" "cpoctl: no cpo port named 'nosuch0'" \
	cpoctl port show nosuch0
expect_err "-d cpo0 port show by unknown name" "cpoctl: no port named 'nosuch0' on cpo0" \
	cpoctl -d cpo0 port show nosuch0

# ---- thresholds ----
jq_eq "threshold show: eleven quantities" 'length' 11 threshold show
for q in oe-temp oe-vcc lane-tx-power lane-rx-power els-temp els-vcc els-tec \
	 laser-bias laser-power laser-temp laser-path-loss; do
	s=$D/thresholds/${q//-/_}
	want="$(cat "$s/high_alarm") $(cat "$s/low_alarm") $(cat "$s/high_warn") $(cat "$s/low_warn")"
	jq_eq "threshold $q equals sysfs" \
		'.[0].raw | "\(.["high-alarm"]) \(.["low-alarm"]) \(.["high-warning"]) \(.["low-warning"])"' \
		"$want" threshold show "$q"
done

# ---- health, pretty, tables ----
jq_eq "health -j: sections" 'keys | join(",")' "alarms,lasers,service" health
jq_eq "health -j: ranks every present laser" '.lasers | length' "$n_las" health
check "health: table output" sh -c 'cpoctl health | grep -q "Needs service"'
check "-p pretty JSON parses" sh -c 'cpoctl -p oe show 0 | jq -e ".[0].index == 0"'
check "lane table has units" sh -c 'cpoctl lane show 0 | head -1 | grep -q "TX(dBm)"'

ktap_finished
