#!/bin/bash
# profile: th6-102t
# timeout: 300
# SPDX-License-Identifier: GPL-2.0
# compat: ethtool link down counter, get_link_ext_stats (6.2)
#
# ethtool on a port netdev: driver info, link settings, the port's CMIS view
# through ethtool -m (values against the device and against what sysfs and
# cpoctl show for the same objects), request validation with the reason of
# every refusal, and the module power mode policy.

. "$(dirname "$0")/lib.sh"

need_cmd ip jq ethtool awk od cpoctl
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

# upper PAGE: the 128 bytes of the upper page, as decimal numbers
upper()
{
	ethtool -m "$IF" page "$1" offset 128 length 128 raw on | od -An -tu1 -v | tr -s ' \n' ' '
}

# u16 BYTES OFF: the big-endian u16 at byte OFF (128-255) of an upper page
u16()
{
	printf '%s\n' "$1" | awk -v o=$(($2 - 128)) '{ print $(o + 1) * 256 + $(o + 2) }'
}

# refused DESC TEXT CMD...: CMD fails and says TEXT on stderr
refused()
{
	local desc=$1 text=$2 out
	shift 2
	if out=$("$@" 2>&1 >/dev/null); then
		not_ok "$desc" "'$*' succeeded"
	elif [[ $out == *"$text"* ]]; then
		ok "$desc"
	else
		not_ok "$desc" "stderr '$out', want '$text'"
	fi
}

TH=$(cpo_dev)/thresholds/laser_bias
bias_ha=$(cat "$TH/high_alarm")
bias_hw=$(cat "$TH/high_warn")
bias_lw=$(cat "$TH/low_warn")
bias_la=$(cat "$TH/low_alarm")

cleanup()
{
	sim mbox-error off >/dev/null 2>&1
	# back to the device's thresholds, in an order CMIS accepts at each step
	echo "$bias_ha" > "$TH/high_alarm" 2>/dev/null
	echo "$bias_la" > "$TH/low_alarm" 2>/dev/null
	echo "$bias_hw" > "$TH/high_warn" 2>/dev/null
	echo "$bias_lw" > "$TH/low_warn" 2>/dev/null
	ethtool --set-module "$IF" power-mode-policy high 2>/dev/null
	ip link set dev "$IF" down 2>/dev/null
}
trap cleanup EXIT

ktap_plan 27

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

# Tx bias: the bias of the laser feeding the lane, in 2 uA counts times the
# multiplier of page 01h byte 160 bits 4-3 (decoded from the raw bytes:
# Debian's ethtool 6.1 divides by the multiplier instead of multiplying).
p1=$(upper 1)
adv=$(printf '%s\n' "$p1" | awk '{ print $(160 - 128 + 1) }')
code=$(( (adv >> 3) & 3 ))
mult=$((1 << code))
if [ $((adv & 1)) = 1 ] && [ $code -le 2 ]; then
	ok "page 01h advertises Tx bias monitors, multiplier x$mult"
else
	not_ok "page 01h advertises Tx bias monitors, multiplier x1, x2 or x4" "byte 160 = $adv"
fi
p11=$(upper 0x11)
bad=
sat=0
ch=1
for lane in $lanes; do
	laser=$(sim_get lane "$lane" laser)
	want=$(cat "$(cpo_dev)/laser$laser/bias")
	got=$(( $(u16 "$p11" $((170 + 2 * (ch - 1)))) * 2 * mult ))
	[ "$got" = $((65535 * 2 * mult)) ] && sat=$((sat + 1))
	# noise between two device updates: 1 % and one count
	near "$got" "$want" "$(awk -v w="$want" -v m="$mult" 'BEGIN { print w * 0.01 + 2 * m }')" ||
		bad="$bad ch$ch:laser$laser:$got/$want"
	ch=$((ch + 1))
done
if [ -z "$bad" ] && [ "$sat" = 0 ]; then
	ok "per-lane Tx bias is the bias sysfs shows for the lane's laser (uA)"
else
	not_ok "per-lane Tx bias is the bias sysfs shows for the lane's laser" \
		"$bad saturated: $sat"
fi
lane0=${lanes%% *}
laser0=$(sim_get lane "$lane0" laser)
cli=$(cpoctl -j laser show "$laser0" | jq '.[0]["laser-bias-current-ma"]')
got=$(awk -v c="$(u16 "$p11" 170)" -v m="$mult" 'BEGIN { print c * 2 * m / 1000 }')
if near "$got" "$cli" "$(awk -v w="$cli" 'BEGIN { print w * 0.01 + 0.01 }')"; then
	ok "channel 1 Tx bias is what cpoctl shows for laser $laser0 ($got mA)"
else
	not_ok "channel 1 Tx bias is what cpoctl shows for laser $laser0" \
		"view $got mA, cpoctl $cli mA"
fi

# thresholds: the laser bias thresholds, on the scale of the monitors
thr_view()
{
	local p2
	p2=$(upper 2)
	echo $(( $(u16 "$p2" 184) * 2 * mult )) $(( $(u16 "$p2" 186) * 2 * mult )) \
		$(( $(u16 "$p2" 188) * 2 * mult )) $(( $(u16 "$p2" 190) * 2 * mult ))
}
top=$((65535 * 2 * mult))
set_hw=$(( (top - 40000) / 8 * 8 ))
set_ha=$(( (top - 20000) / 8 * 8 ))
if echo $set_hw > "$TH/high_warn" && echo $set_ha > "$TH/high_alarm" &&
   echo 90000 > "$TH/low_warn" && echo 60000 > "$TH/low_alarm"; then
	sysfs="$(cat "$TH/high_alarm") $(cat "$TH/low_alarm")"
	sysfs="$sysfs $(cat "$TH/high_warn") $(cat "$TH/low_warn")"
	check_eq "page 02h Tx bias thresholds are the ones sysfs shows (uA)" "$sysfs" "$(thr_view)"
	cli=$(cpoctl -j threshold show laser-bias |
	      jq -r '.[0].raw | "\(.["high-alarm"]) \(.["high-warning"])"')
	check_eq "and the ones cpoctl shows" "$cli" "$(thr_view | awk '{ print $1, $3 }')"
else
	not_ok "page 02h Tx bias thresholds are the ones sysfs shows" \
		"setting $set_ha/$set_hw uA refused"
	not_ok "and the ones cpoctl shows" "not set"
fi
echo "$bias_ha" > "$TH/high_alarm"
echo "$bias_hw" > "$TH/high_warn"
if [ "$bias_hw" -gt "$top" ]; then
	check_eq "thresholds beyond the view's range read as its top, as documented" \
		"$top $top" "$(thr_view | awk '{ print $1, $3 }')"
else
	check_eq "device thresholds within the view's range read as set" \
		"$bias_ha $bias_hw" "$(thr_view | awk '{ print $1, $3 }')"
fi

# every refusal says why
refused "read at I2C address 0x51 refused, with the reason" "I2C address 0x50 only" \
	ethtool -m "$IF" i2c 0x51 offset 0 length 16 raw on
refused "bank of an unbanked page refused, with the reason" "no such bank for this page" \
	ethtool -m "$IF" page 1 bank 1 offset 128 length 16 raw on
refused "page 11h bank 1 refused, with the reason" "bank holds none of this port's lanes" \
	ethtool -m "$IF" page 0x11 bank 1
refused "page 10h bank 3 refused, with the reason" "bank holds none of this port's lanes" \
	ethtool -m "$IF" page 0x10 bank 3
refused "unserved page refused, with the reason" "page not served for this port" \
	ethtool -m "$IF" page 0x20
sim mbox-error bad-arg >/dev/null
refused "a read the device refuses says so" "device refused the request" \
	ethtool -m "$IF" page 0x11
sim mbox-error off >/dev/null

check_eq "default power mode policy" high "$(power_mode power-mode-policy)"
ip link set dev "$IF" down
sim mbox-error busy >/dev/null
refused "a power mode the device cannot apply says why" "device busy" \
	ethtool --set-module "$IF" power-mode-policy auto
sim mbox-error off >/dev/null
check_eq "and the policy is unchanged" high "$(power_mode power-mode-policy)"
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
