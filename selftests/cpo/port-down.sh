#!/bin/bash
# profile: tiny
# timeout: 400
# SPDX-License-Identifier: GPL-2.0
#
# Why a port's link is down: for each cause the device model can make
# (module in low power, engine over temperature, laser fault, ELSFP
# pulled, cut fiber) ethtool's "Link detected: no (REASON)" names it, the
# port message and the kernel log give the same words, the link comes
# back when the cause goes, and the link down counter counts each fall
# exactly once.

. "$(dirname "$0")/lib.sh"

need_cmd ip jq ethtool dmesg cpoctl
need_root

PORT=0
IF=cpo0p$PORT
SLOT=0
LASER=0
OE=0

# link_detected: ethtool's "Link detected" answer with its reason
link_detected() { ethtool "$IF" | sed -n 's/^[[:space:]]*Link detected: //p'; }
port_json() { cpoctl -j port show "$PORT" | jq -r ".[0]$1"; }
reason() { port_json '["down-reason"]'; }
downs() { port_json '["link-down-events"]'; }
reason_is() { [ "$(reason)" = "$1" ]; }

mark=$(dmesg | wc -l)
log_new() { dmesg | tail -n +$((mark + 1)); }

cleanup()
{
	sim fiber-restore "$PORT" >/dev/null 2>&1
	sim oe-overtemp "$OE" off >/dev/null 2>&1
	sim laser-fail "$LASER" off >/dev/null 2>&1
	sim els-insert "$SLOT" >/dev/null 2>&1
	cpoctl port set "$PORT" low-power off >/dev/null 2>&1
	ip link set dev "$IF" down 2>/dev/null
}
trap cleanup EXIT

ktap_plan 21

ip link set dev "$IF" up
if wait_for 60 carrier_up "$IF"; then
	ok "$IF lit"
else
	not_ok "$IF lit" "no carrier: $(reason)"
fi
check_eq "lit port: ethtool gives no reason" yes "$(link_detected)"
check_eq "lit port: no down reason in the port message" null "$(reason)"
n0=$(downs)

# cause NAME REASON ETHTOOL DO UNDO: after DO the port is down for REASON,
# which ethtool shows as "no (ETHTOOL)"; after UNDO it comes back.
cause()
{
	local name=$1 why=$2 eth=$3 do=$4 undo=$5

	$do >/dev/null
	if wait_for 60 reason_is "$why"; then
		ok "$name: down reason '$why'"
	else
		not_ok "$name: down reason '$why'" "got '$(reason)'"
	fi
	check_eq "$name: ethtool" "no ($eth)" "$(link_detected)"
	$undo >/dev/null
	if wait_for 120 carrier_up "$IF"; then
		ok "$name: link back when the cause goes"
	else
		not_ok "$name: link back when the cause goes" "still '$(reason)'"
	fi
}

cause "low power" "module in low power mode" \
	"Module, CMIS module is not in ModuleReady state" \
	"cpoctl port set $PORT low-power on" "cpoctl port set $PORT low-power off"
cause "engine over temperature" "optical engine over temperature" Overheat \
	"sim oe-overtemp $OE on" "sim oe-overtemp $OE off"
cause "laser fault" "laser fault" Module \
	"sim laser-fail $LASER on" "sim laser-fail $LASER off"
cause "ELSFP pulled" "laser module absent" Module \
	"sim els-pull $SLOT" "sim els-insert $SLOT"
cause "fiber cut" "no optical input (lane Rx loss of signal)" "No cable" \
	"sim fiber-cut $PORT" "sim fiber-restore $PORT"

# every fall counts, those of a starved device model too (device failed)
falls=$(log_new | grep -c "$IF: optical link down: ")
if [ "$falls" -ge 5 ]; then
	check_eq "link down counter: one per fall the log shows" \
		$((n0 + falls)) "$(downs)"
else
	not_ok "link down counter: one per fall the log shows" "$falls falls logged"
fi
got=$(ethtool -I "$IF" 2>/dev/null | sed -n 's/^[[:space:]]*Link Down Events: //p')
if [ -n "$got" ]; then
	check_eq "ethtool's Link Down Events is the counter" "$(downs)" "$got"
else
	skip "ethtool's Link Down Events is the counter" \
		"ethtool $(ethtool --version | awk '{ print $3 }') or kernel $(uname -r) has no link down events"
fi
n=0
for w in "module in low power mode" "optical engine over temperature" \
	 "laser fault" "laser module absent" "no optical input"; do
	log_new | grep -q "$IF: optical link down: $w" && n=$((n + 1))
done
check_eq "kernel log: each fall with its reason" 5 "$n"

ktap_finished
