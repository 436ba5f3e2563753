#!/bin/bash
# profile: th6-102t
# timeout: 180
# SPDX-License-Identifier: GPL-2.0
#
# ethtool on a port netdev: driver info, link settings, the port's CMIS view
# through ethtool -m (values against the device), request validation, and
# the module power mode policy.

. "$(dirname "$0")/lib.sh"

need_cmd ip jq ethtool awk
need_root

PORT=${PORT:-3}
IF=cpo0p$PORT

# field NAME: the first number ethtool -m printed for NAME
field()
{
	printf '%s\n' "$mod" | awk -F' : ' -v k="$1" \
		'{ sub(/^[ \t]+/, "", $1); sub(/[ \t]+$/, "", $1) }
		 $1 == k { split($2, a, " "); print a[1]; exit }'
}

# near A B TOL: |A - B| <= TOL
near()
{
	awk -v a="$1" -v b="$2" -v t="$3" \
		'BEGIN { d = a - b; if (d < 0) d = -d; exit !(a != "" && d <= t) }'
}

power_mode()
{
	ethtool --show-module "$IF" | awk -F': ' -v k="$1" \
		'{ gsub(/^[ \t]+/, "", $1) } $1 == k { print $2 }'
}

cleanup()
{
	ethtool --set-module "$IF" power-mode-policy high 2>/dev/null
	ip link set dev "$IF" down 2>/dev/null
}
trap cleanup EXIT

ktap_plan 15

drv=$(ethtool -i "$IF")
check_eq "driver name" cpo "$(printf '%s\n' "$drv" | sed -n 's/^driver: //p')"
check_eq "bus info is the PCI function" "$(cpo_bdf)" \
	"$(printf '%s\n' "$drv" | sed -n 's/^bus-info: //p')"
check_eq "firmware version" "$(sim_info fw)" \
	"$(printf '%s\n' "$drv" | sed -n 's/^firmware-version: //p')"

ip link set dev "$IF" up
wait_for 15 carrier_up "$IF"
speed=$(sim get port "$PORT" | tr ' ' '\n' | sed -n 's/^speed_mbps=//p')
check_eq "speed of a lit port" "Speed: ${speed}Mb/s" \
	"$(ethtool "$IF" | sed -n 's/^[[:space:]]*\(Speed: .*\)/\1/p')"

id=$(ethtool -m "$IF" raw on offset 0 length 1 2>/dev/null | od -An -tu1 | tr -d ' ')
if [ -n "$id" ] && [ "$id" != 0 ]; then
	ok "CMIS identifier byte readable ($id)"
else
	not_ok "CMIS identifier byte readable" "got '$id'"
fi

mod=$(ethtool -m "$IF" 2>&1)
oe=$(sim get port "$PORT" | tr ' ' '\n' | sed -n 's/^oe=//p')
oe_temp=$(awk -v m="$(sim_get oe "$oe" temp)" 'BEGIN { print m / 1000 }')
t=$(field "Module temperature")
if near "$t" "$oe_temp" 2; then
	ok "module temperature matches the OE ($t C)"
else
	not_ok "module temperature matches the OE" "ethtool '$t', device '$oe_temp'"
	printf '%s\n' "$mod" | head -n 30 | sed 's/^/#   /'
fi

lanes=$(sim get port "$PORT" | tr ' ' '\n' | sed -n 's/^lanes=//p' | tr ',' ' ')
bad_tx=
bad_rx=
ch=1
for lane in $lanes; do
	want_tx=$(awk -v u="$(sim_get lane "$lane" tx_power)" 'BEGIN { print u / 1000 }')
	want_rx=$(awk -v u="$(sim_get lane "$lane" rx_power)" 'BEGIN { print u / 1000 }')
	got_tx=$(field "Transmit avg optical power (Channel $ch)")
	got_rx=$(field "Rcvr signal avg optical power (Channel $ch)")
	# noise between two device updates: 5 % and 0.01 mW
	near "$got_tx" "$want_tx" "$(awk -v w="$want_tx" 'BEGIN { print w * 0.05 + 0.01 }')" ||
		bad_tx="$bad_tx ch$ch:$got_tx/$want_tx"
	near "$got_rx" "$want_rx" "$(awk -v w="$want_rx" 'BEGIN { print w * 0.05 + 0.01 }')" ||
		bad_rx="$bad_rx ch$ch:$got_rx/$want_rx"
	ch=$((ch + 1))
done
check_eq "per-lane Tx power matches the device (mW)" "" "$bad_tx"
check_eq "per-lane Rx power matches the device (mW)" "" "$bad_rx"

if ethtool -m "$IF" i2c 0x51 offset 0 length 16 raw on >/dev/null 2>&1; then
	not_ok "read at I2C address 0x51 rejected"
else
	ok "read at I2C address 0x51 rejected"
fi
if ethtool -m "$IF" page 1 bank 1 offset 128 length 16 raw on >/dev/null 2>&1; then
	not_ok "bank of an unbanked page rejected"
else
	ok "bank of an unbanked page rejected"
fi

check_eq "default power mode policy" high "$(power_mode power-mode-policy)"
ip link set dev "$IF" down
check "power mode policy auto accepted" \
	ethtool --set-module "$IF" power-mode-policy auto
check_eq "auto policy: port down is low power" low "$(power_mode power-mode)"
check_eq "device port in low power" 1 "$(sim get port "$PORT" | tr ' ' '\n' | sed -n 's/^low_power=//p')"

ip link set dev "$IF" up
if [ "$(power_mode power-mode)" = high ] && wait_for 20 carrier_up "$IF"; then
	ok "auto policy: port up is high power with carrier"
else
	not_ok "auto policy: port up is high power with carrier" \
		"$(power_mode power-mode) $(ip -br link show dev "$IF")"
fi

ktap_finished
