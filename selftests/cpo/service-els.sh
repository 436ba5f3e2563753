#!/bin/bash
# profile: th6-102t
# timeout: 300
# SPDX-License-Identifier: GPL-2.0
#
# Servicing an ELSFP laser module end to end: prepare-removal darkens the
# ports it feeds (carrier down first), the module is pulled and a new one
# inserted, the eye-safety fiber check and ramp run and carrier returns.
# Then a pull without preparation: detected, logged with its blast radius,
# reported to devlink health, recovered from on reinsertion.

. "$(dirname "$0")/lib.sh"

need_cmd ip jq devlink dmesg cpoctl
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

cleanup()
{
	slot_present 1 || sim els-insert "$SLOT" >/dev/null 2>&1
	for i in $ifs; do ip link set dev "$i" down 2>/dev/null; done
}
trap cleanup EXIT

ktap_plan 14

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

sim els-pull "$SLOT" >/dev/null
check "slot empty after the pull" wait_for 20 slot_state empty
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
