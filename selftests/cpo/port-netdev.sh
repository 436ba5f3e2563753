#!/bin/bash
# profile: th6-102t
# timeout: 180
# SPDX-License-Identifier: GPL-2.0
# compat: SET_NETDEV_DEVLINK_PORT and port types (6.2)
#
# Port netdevs: one per port, named cpo0p<N>, with phys_port_name p<N>, the
# serial as phys_switch_id, sysfs links to the port device, no data path;
# carrier follows the port's optical state (fiber cut and restore).

. "$(dirname "$0")/lib.sh"

need_cmd ip jq
need_root

PORT=${PORT:-5}
IF=cpo0p$PORT

cleanup()
{
	sim fiber-restore "$PORT" >/dev/null 2>&1
	ip link set dev "$IF" down 2>/dev/null
}
trap cleanup EXIT

ktap_plan 13

n_ports=$(sim_info n_ports)
serial=$(sim_info serial)
count=$(ip -j link show | jq '[.[] | select(.ifname | test("^cpo0p[0-9]+$"))] | length')
check_eq "one netdev per port" "$n_ports" "$count"

check_eq "phys_port_name is p<port>" "p$PORT" \
	"$(cat /sys/class/net/$IF/phys_port_name 2>&1)"

want_id=$(printf '%s' "$serial" | od -An -tx1 | tr -d ' \n')
check_eq "phys_switch_id is the serial" "$want_id" \
	"$(cat /sys/class/net/$IF/phys_switch_id 2>&1)"

check_eq "netdev parent is the port device" "port$PORT" \
	"$(basename "$(readlink /sys/class/net/$IF/device)")"
check "port device lists its netdev" test -d "$(cpo_dev)/port$PORT/net/$IF"

mtu_max=$(ip -j -d link show dev "$IF" | jq '.[0].max_mtu')
check_eq "max MTU" 9216 "$mtu_max"

check "interface comes up" ip link set dev "$IF" up
if wait_for 15 carrier_up "$IF"; then
	ok "carrier up with light on every lane"
else
	not_ok "carrier up with light on every lane" \
		"$(ip -br link show dev "$IF")"
fi

before=$(ip -j -s link show dev "$IF" | jq '.[0].stats64.tx.dropped')
# a frame the port cannot send: it is dropped and counted
if command -v python3 >/dev/null 2>&1; then
	python3 - "$IF" <<'PY' >/dev/null 2>&1
import socket, sys
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((sys.argv[1], 0))
s.send(b'\xff' * 6 + b'\x02' * 6 + b'\x88\xb5' + b'\0' * 46)
PY
	after=$(ip -j -s link show dev "$IF" | jq '.[0].stats64.tx.dropped')
	# the stack may send frames of its own (IPv6) meanwhile
	if [ "$after" -gt "$before" ]; then
		ok "transmitted frames are dropped and counted"
	else
		not_ok "transmitted frames are dropped and counted" \
			"tx_dropped $before -> $after"
	fi
else
	skip "transmitted frames are dropped and counted" "no python3"
fi

check "fiber cut injected" sim fiber-cut "$PORT"
if wait_for 15 carrier_down "$IF"; then
	ok "fiber cut takes carrier down"
else
	not_ok "fiber cut takes carrier down" "$(ip -br link show dev "$IF")"
fi

other=cpo0p$(((PORT + 1) % n_ports))
ip link set dev "$other" up
if wait_for 5 carrier_up "$other"; then
	ok "other ports keep carrier"
else
	not_ok "other ports keep carrier" "$(ip -br link show dev "$other")"
fi
ip link set dev "$other" down

sim fiber-restore "$PORT" >/dev/null
if wait_for 15 carrier_up "$IF"; then
	ok "fiber restore brings carrier back"
else
	not_ok "fiber restore brings carrier back" \
		"$(ip -br link show dev "$IF")"
fi

ktap_finished
