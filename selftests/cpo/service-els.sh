#!/bin/bash
# profile: th6-102t
# timeout: 300
# SPDX-License-Identifier: GPL-2.0
#
# Servicing an ELSFP laser module end to end: prepare-removal darkens the
# ports it feeds (carrier down first), the module is pulled and a new one
# inserted, the eye-safety fiber check and ramp run and carrier returns.
# Then a pull without preparation: detected, logged with its blast radius,
# reported to devlink health, recovered from on reinsertion.  While the
# slot is empty, nothing reads a value for it: ENODATA in sysfs, no
# attribute in netlink (- and null in cpoctl), N/A in sensors.

. "$(dirname "$0")/lib.sh"

need_cmd ip jq devlink dmesg cpoctl sensors
need_root

SLOT=${SLOT:-1}
bdf=$(cpo_bdf)
DL=pci/$bdf
ELS=$(cpo_dev)/els$SLOT

rep()
{
	devlink -j health show "$DL" reporter laser |
		jq -r ".health[\"$DL\"][0].$1"
}

rep_healthy()
{
	[ "$(rep state)" = healthy ]
}

all_up()
{
	local i
	for i in $ifs; do carrier_up "$i" || return 1; done
}

all_down()
{
	local i
	for i in $ifs; do ! carrier_up "$i" || return 1; done
}

errors_above()
{
	[ "$(rep error)" -gt "$1" ]
}

# the kernel log since the last mark
log_mark()
{
	mark=$(dmesg | wc -l)
}

log_new()
{
	dmesg | tail -n +$((mark + 1))
}

slot_state()
{
	[ "$(cat "$ELS/state")" = "$1" ]
}

slot_present()
{
	[ "$(sim_get els "$SLOT" present)" = "$1" ]
}

# the operator's command: shows the blast radius, -y answers its question
prepare_removal()
{
	cpoctl els remove "$SLOT" -y </dev/null
}

# the attributes of $1 that read anything but ENODATA
not_enodata()
{
	local f err

	for f in "$@"; do
		err=$(cat "$ELS/$f" 2>&1 >/dev/null)
		case "$err" in *"No data available"*) ;; *) echo -n " $f" ;; esac
	done
}

# what cpoctl -j shows of the empty slot and its lasers that is not null
els_values()
{
	cpoctl -j els show "$SLOT" | jq -c '.[0] |
		{t: ."temperature-c", v: ."supply-voltage-v",
		 i: ."supply-current-ma", c: ."tec-current-ma"} |
		with_entries(select(.value != null))'
	cpoctl -j laser show | jq -c --argjson s "$SLOT" '.[] | select(.els == $s) |
		{t: ."laser-temperature-c", b: ."laser-bias-current-ma",
		 p: ."output-power-mw", s: .setpoint, a: ."age-hours"} |
		with_entries(select(.value != null)) | select(. != {})'
}

cleanup()
{
	slot_present 1 || sim els-insert "$SLOT" >/dev/null 2>&1
	for i in $ifs; do ip link set dev "$i" down 2>/dev/null; done
}
trap cleanup EXIT

ktap_plan 19

# the blast radius: every port a laser of the module feeds
ifs=$(for l in "$ELS"/laser*/port[0-9]*; do
	[ -e "$l" ] && echo "cpo0p$(basename "$l" | sed 's/^port//')"
done | sort -u -V | tr '\n' ' ')
ifs=${ifs% }
n=$(echo $ifs | wc -w)
if [ "$n" -gt 0 ]; then
	ok "slot $SLOT feeds $n ports: $ifs"
else
	not_ok "slot $SLOT feeds ports" "no laser/port links under $ELS"
	ktap_finished
fi
for i in $ifs; do ip link set dev "$i" up; done
wait_for 20 all_up
errs=$(rep error)
log_mark

check "prepare-removal accepted" prepare_removal
if wait_for 20 all_down; then
	ok "every port of the module loses carrier"
else
	not_ok "every port of the module loses carrier" "$(ip -br link | grep cpo0p)"
fi
# the carrier went down because of servicing, not because the light went
reasons=$(log_new | grep -c "optical link down: laser module being serviced")
check_eq "carrier dropped for servicing before the lasers went dark" "$n" "$reasons"
check "slot reaches safe" wait_for 20 slot_state safe
out=$(timeout 20 cpoctl els remove "$SLOT" -y 2>&1)
rc=$?
if [ $rc -eq 1 ] && grep -q "already ramped down" <<<"$out"; then
	ok "a removal of a module already safe to pull is refused at once"
else
	not_ok "a removal of a module already safe to pull is refused at once" "rc $rc: $out"
fi

sim els-pull "$SLOT" >/dev/null
check "slot empty after the pull" wait_for 20 slot_state empty

got=$(not_enodata temperature vcc icc tec)
check_eq "empty slot: temperature, vcc, icc, tec read ENODATA" "" "$got"
got=$(els_values | grep -v '^{}$')
check_eq "empty slot: cpoctl -j has null, not 0, for it and its lasers" "" "$got"
got=$(cpoctl els show "$SLOT" | awk 'NR == 2 { print $4, $5, $6, $7 }')
check_eq "empty slot: cpoctl shows - for its readings" "- - - -" "$got"
# the readings N/A, the limits (the host's thresholds) still there
out=$(sensors "cpo_els$SLOT-*" 2>&1)
if grep -q "^els$SLOT module: *N/A  (.*high = " <<<"$out" &&
   ! grep -qi "error" <<<"$out"; then
	ok "empty slot: sensors shows N/A and its limits"
else
	not_ok "empty slot: sensors shows N/A and its limits" \
		"$(grep -iE "error|module" <<<"$out" | head -n 3 | tr '\n' ';')"
fi
check_eq "a prepared removal is not a fault" "$errs" "$(rep error)"
if log_new | grep -q "removed without prepare-removal"; then
	not_ok "no surprise-pull report for a prepared removal"
else
	ok "no surprise-pull report for a prepared removal"
fi

sim els-insert "$SLOT" >/dev/null
if wait_for 60 all_up; then
	ok "new module: fiber check, ramp, carrier back"
else
	not_ok "new module: fiber check, ramp, carrier back" \
		"slot $(cat "$ELS/state"); $(ip -br link | grep cpo0p | head -n 8)"
fi

# a pull without preparation
log_mark
sim els-pull "$SLOT" >/dev/null
if wait_for 20 all_down; then
	ok "surprise pull: the ports lose carrier"
else
	not_ok "surprise pull: the ports lose carrier"
fi
line=$(log_new | grep "ELSFP slot $SLOT removed without prepare-removal" | tail -n 1)
missing=
for i in $ifs; do
	case "$line " in *" $i/port"*) ;; *) missing="$missing $i" ;; esac
done
if [ -n "$line" ] && [ -z "$missing" ]; then
	ok "surprise pull logged with its blast radius"
else
	not_ok "surprise pull logged with its blast radius" "line '$line' missing:$missing"
fi
if wait_for 10 errors_above "$errs"; then
	ok "surprise pull reported to devlink health"
else
	not_ok "surprise pull reported to devlink health" "$(devlink health show "$DL" reporter laser)"
fi

sim els-insert "$SLOT" >/dev/null
if wait_for 60 all_up; then
	ok "reinsertion restores carrier"
else
	not_ok "reinsertion restores carrier" "slot $(cat "$ELS/state")"
fi
if wait_for 20 rep_healthy; then
	ok "laser reporter healthy again"
else
	not_ok "laser reporter healthy again" "$(devlink health show "$DL" reporter laser)"
fi

ktap_finished
