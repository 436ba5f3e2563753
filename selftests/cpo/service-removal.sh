#!/bin/bash
# profile: th6-102t
# timeout: 600
# SPDX-License-Identifier: GPL-2.0
#
# The servicing contract of an ELSFP removal: the driver announces the
# request on the monitor group with its blast radius (ports, lanes) and an
# id, and the device keeps the module on until an answer; a non-admin
# answer and a stale one are refused; proceed ramps it down to safe.  An
# unanswered request times out and proceeds or aborts as asked (module
# parameters and per-request attributes).  'cpoctl els remove --yes' end
# to end reports every step.  Each part uses a slot of its own, so that
# modules are put back once, at the end.
#
# The same contract for one laser of a slot ('cpoctl laser remove', at a
# terminal): the announcement names the laser and carries its blast radius
# only, nothing changes until the answer, then that laser alone goes off
# and the ports it feeds lose carrier while the slot's other lasers and
# ports stay lit; an abort and an unanswered request that aborts leave it
# on; a spare or a laser that does not exist is refused.

. "$(dirname "$0")/lib.sh"

need_cmd cpoctl cpo-sim jq setpriv script ip
need_root

D=$(cpo_dev)
P=/sys/module/cpo/parameters
CPOCTL=$(command -v cpoctl)
tmp=$(mktemp -d)
old_timeout=$(cat "$P/removal_timeout_ms")
old_abort=$(cat "$P/removal_timeout_abort")
SLOTS="5 6 7"
LS=8				# the slot of the laser removals
LS_IFS=""

cleanup()
{
	local s i
	[ -n "${mon:-}" ] && kill "$mon" 2>/dev/null
	exec 3>&-
	[ -n "${L:-}" ] && [ "$(sim_get laser "$L" enabled)" = 0 ] &&
		cpoctl laser set "$L" enable on >/dev/null 2>&1
	for i in $LS_IFS; do ip link set dev "$i" down 2>/dev/null; done
	echo "$old_timeout" >"$P/removal_timeout_ms"
	echo "$old_abort" >"$P/removal_timeout_abort"
	for s in $SLOTS; do
		[ "$(sim_get els "$s" present)" = 1 ] || sim els-insert "$s" >/dev/null 2>&1
	done
	rm -rf "$tmp"
}
trap cleanup EXIT

model_state() { sim_get els "$1" state; }	# 4 on, 5 removing, 6 safe

# within SECS CMD...: CMD succeeds within SECS seconds of wall time
within()
{
	local end=$((SECONDS + $1))
	shift
	while [ $SECONDS -le $end ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.5
	done
	return 1
}

# the monitor's events of type $1 for slot $2, as JSON lines
events() { jq -c --arg e "$1" --argjson s "$2" 'select(.event == $e and .index == $s)' "$tmp/mon" 2>/dev/null; }
n_events() { grep -c "\"$1\"" "$tmp/mon"; }
more_events() { [ "$(n_events "$1")" -gt "$2" ]; }
is_safe() { [ "$(model_state "$1")" = 6 ]; }

# ask through sysfs: announced with the module parameters
request() { echo 1 >"$D/els$1/prepare_removal"; }

ktap_plan 33

cpoctl -j monitor >"$tmp/mon" 2>/dev/null &
mon=$!
sleep 2

# ---- slot 5: unanswered, timeout abort; then an answer abort ----
S=5
echo 3000 >"$P/removal_timeout_ms"
echo Y >"$P/removal_timeout_abort"
request $S
if within 60 more_events els-removal-timeout 0 &&
   [ "$(events els-removal-timeout $S | tail -n 1 | jq -r .action)" = abort ]; then
	sleep 2
	check_eq "unanswered, timeout abort: the module stays on" "4 on" \
		"$(model_state $S) $(cat "$D/els$S/state")"
else
	not_ok "unanswered, timeout abort: the module stays on" "$(cat "$tmp/mon" | grep removal)"
fi
echo 600000 >"$P/removal_timeout_ms"
rc=0; echo 600001 2>/dev/null >"$P/removal_timeout_ms" || rc=1
check_eq "removal_timeout_ms refuses more than 600000 and keeps its value" \
	"1 600000" "$rc $(cat "$P/removal_timeout_ms")"
check "after an abort a new request is accepted" request $S
within 30 more_events els-removal-pending 1
id=$(events els-removal-pending $S | tail -n 1 | jq -r '."removal-id"')
check "... and an answer abort leaves the module on" \
	eval 'cpoctl els answer $S "$id" abort && sleep 2 && [ "$(model_state $S)" = 4 ]'

# ---- slot 6: announced, waits for the answer, refusals, proceed ----
S=6
echo N >"$P/removal_timeout_abort"
want_ports=$(cpoctl -j els show $S | jq -c '.[0].ports')
want_lanes=$(cpoctl -j laser show els $S | jq -c '[.[].lanes[]] | sort')
n=$(n_events els-removal-pending)
check "request accepted" request $S
if within 30 more_events els-removal-pending "$n"; then
	ev=$(events els-removal-pending $S | tail -n 1)
	got="$(jq -c .ports <<<"$ev") $(jq -c '.lanes | sort' <<<"$ev") $(jq -r '."timeout-ms"' <<<"$ev") $(jq -r .action <<<"$ev")"
	check_eq "announced with its blast radius, timeout and action" \
		"$want_ports $want_lanes 600000 proceed" "$got"
else
	not_ok "announced with its blast radius, timeout and action" "no event"
fi
id=$(events els-removal-pending $S | tail -n 1 | jq -r '."removal-id"')
sleep 3
check_eq "the module is still on while unanswered" "4 on" "$(model_state $S) $(cat "$D/els$S/state")"
if request $S 2>/dev/null; then
	not_ok "a second request while one is pending refused"
else
	ok "a second request while one is pending refused"
fi
out=$(as_user "$CPOCTL" els answer $S "$id" proceed 2>&1)
rc=$?
check_eq "non-admin answer refused (EPERM)" "1 1" "$rc $(grep -ci "not permitted" <<<"$out")"
cpoctl els answer $S $((id + 1000)) proceed >/dev/null 2>&1
rc=$?
check_eq "an answer to another request refused, module still on" "1 4" "$rc $(model_state $S)"
n=$(n_events els-removal-acked)
check "admin answers proceed" cpoctl els answer $S "$id" proceed
check "acknowledged on the monitor group" within 30 more_events els-removal-acked "$n"
check "the module ramps down to safe" within 60 is_safe $S
out=$(cpoctl els answer $S "$id" proceed 2>&1)
check_eq "no request pending afterwards: answer refused" 1 "$(grep -c "no removal pending" <<<"$out")"

# ---- slot 7: timeout, proceed ----
S=7
echo 3000 >"$P/removal_timeout_ms"
n=$(n_events els-removal-timeout)
request $S
if within 60 more_events els-removal-timeout "$n" &&
   [ "$(events els-removal-timeout $S | tail -n 1 | jq -r .action)" = proceed ] &&
   within 60 is_safe $S; then
	ok "unanswered, timeout proceed: ramped down to safe"
else
	not_ok "unanswered, timeout proceed: ramped down to safe" "model state $(model_state $S)"
fi

# ---- slot 5: cpoctl els remove --yes, end to end, its own settings ----
S=5
out=$(cpoctl els remove $S timeout 45000 on-timeout abort --yes </dev/null 2>&1)
rc=$?
steps=0
for s in "announced as removal request" "acknowledged" "ramping down" "safe to pull"; do
	grep -q "$s" <<<"$out" && steps=$((steps + 1))
done
check_eq "cpoctl els remove --yes: exit 0, every step reported" "0 4" "$rc $steps"
[ $rc = 0 ] && [ $steps = 4 ] || diag "$out"
ev=$(events els-removal-pending $S | tail -n 1)
check_eq "its request carried timeout 45000 and on-timeout abort" "45000 abort" \
	"$(jq -r '."timeout-ms"' <<<"$ev") $(jq -r .action <<<"$ev")"
check_eq "the slot is safe to pull" "6 safe" "$(model_state $S) $(cat "$D/els$S/state")"

# ---- slot 8: one laser's removal through 'cpoctl laser remove' ----
# rm_start LASER ARGS...: 'cpoctl laser remove' at a terminal, its answer
# to come on fd 3, its output in $tmp/rm.out and exit status in $tmp/rm.rc
rm_start()
{
	rm -f "$tmp/in" "$tmp/rm.rc"
	mkfifo "$tmp/in"
	script -qfec "$CPOCTL laser remove $*; echo \$? >$tmp/rm.rc" /dev/null \
		<"$tmp/in" >"$tmp/rm.out" 2>&1 &
	exec 3>"$tmp/in"
}
rm_done() { [ -s "$tmp/rm.rc" ]; }
rm_rc() { within 60 rm_done; cat "$tmp/rm.rc" 2>/dev/null; }
# the monitor's removal events of type $1 for laser $2
laser_events() { events "$1" $LS | jq -c --argjson l "$2" 'select(.laser == $l)'; }
more_laser_events() { [ "$(laser_events "$1" "$2" | wc -l)" -gt "$3" ]; }
laser_on() { [ "$(sim_get laser "$1" enabled)" = 1 ]; }
laser_off() { [ "$(sim_get laser "$1" enabled)" = 0 ] &&
	      [ "$(cpoctl -j laser show "$1" | jq -r '.[0].state')" = off ]; }
ifname() { cpoctl -j port show "$1" | jq -r '.[0].ifname'; }
all_carrier() { local p; for p in "$@"; do carrier_up "$(ifname "$p")" >/dev/null || return 1; done; }
no_carrier() { local p; for p in "$@"; do carrier_down "$(ifname "$p")" >/dev/null || return 1; done; }

first=$(cat "$D/els$LS/first_laser")
L=$first
slot_ports=$(cpoctl -j els show $LS | jq -r '.[0].ports[]')
want_ports=$(cpoctl -j laser show $L | jq -c '.[0].ports | sort')
want_lanes=$(cpoctl -j laser show $L | jq -c '.[0].lanes | sort')
l_ports=$(jq -r '.[]' <<<"$want_ports")
other_ports=$(for p in $slot_ports; do grep -qx "$p" <<<"$l_ports" || echo "$p"; done)
# the slot's other lasers in service (its spares are dark by design)
others=$(for l in $(seq $((first + 1)) $((first + $(cat "$D/els$LS/n_lasers") - 1))); do
	[ "$(cat "$D/laser$l/spare")" = 1 ] || echo "$l"
done)
for p in $slot_ports; do
	LS_IFS="$LS_IFS $(ifname "$p")"
	ip link set dev "$(ifname "$p")" up
done
within 90 all_carrier $slot_ports || diag "slot $LS ports not lit: $slot_ports"

rm_start $L timeout 600000
if within 30 more_laser_events els-removal-pending $L 0; then
	ev=$(laser_events els-removal-pending $L | tail -n 1)
	check_eq "laser $L: announced with the laser and its blast radius only" \
		"$L $want_ports $want_lanes" \
		"$(jq -r .laser <<<"$ev") $(jq -c '.ports | sort' <<<"$ev") $(jq -c '.lanes | sort' <<<"$ev")"
else
	not_ok "laser $L: announced with the laser and its blast radius only" "no event: $(cat "$tmp/rm.out")"
fi
sleep 3
if laser_on $L && all_carrier $slot_ports && grep -q "feeds .* ports:" "$tmp/rm.out"; then
	ok "laser $L: still on, its ports lit, while unanswered"
else
	not_ok "laser $L: still on, its ports lit, while unanswered" "$(cat "$tmp/rm.out")"
fi
if request $LS 2>/dev/null; then
	not_ok "laser $L pending: a request for its slot refused"
else
	ok "laser $L pending: a request for its slot refused"
fi
echo y >&3
rc=$(rm_rc)
exec 3>&-
if within 30 more_laser_events els-removal-acked $L 0 &&
   [ "$(laser_events els-removal-acked $L | tail -n 1 | jq -r .action)" = proceed ]; then
	ok "laser $L: acknowledged on the monitor group with the laser"
else
	not_ok "laser $L: acknowledged on the monitor group with the laser"
fi
check "laser $L: off after the answer" within 30 laser_off $L
check "laser $L: the ports it feeds ($(echo $l_ports)) lose carrier" within 60 no_carrier $l_ports
sleep 2
on=0
for l in $others; do laser_on "$l" && on=$((on + 1)); done
check_eq "laser $L: the slot's other lasers stay on, the slot too" \
	"$(wc -w <<<"$others") on" "$on $(cat "$D/els$LS/state")"
if all_carrier $other_ports; then
	ok "laser $L: the slot's other ports ($(echo $other_ports)) keep carrier"
else
	not_ok "laser $L: the slot's other ports ($(echo $other_ports)) keep carrier"
fi
steps=0
for s in "laser $L: announced as removal request" "laser $L: acknowledged" "laser $L: off"; do
	grep -q "$s" "$tmp/rm.out" && steps=$((steps + 1))
done
check_eq "cpoctl laser remove: exit 0, every step reported" "0 3" "$rc $steps"
[ "$rc" = 0 ] && [ $steps = 3 ] || diag "$(cat "$tmp/rm.out")"
cpoctl laser set $L enable on >/dev/null
within 90 all_carrier $slot_ports || diag "slot $LS ports not lit again"

# an answer abort
L2=$((first + 2))
n=$(laser_events els-removal-acked $L2 | wc -l)
rm_start $L2 timeout 600000
within 30 more_laser_events els-removal-pending $L2 0
echo n >&3
rc=$(rm_rc)
exec 3>&-
within 30 more_laser_events els-removal-acked $L2 "$n"
sleep 2
if [ "$rc" = 1 ] && grep -q "aborted; laser $L2 stays on" "$tmp/rm.out" &&
   [ "$(laser_events els-removal-acked $L2 | tail -n 1 | jq -r .action)" = abort ] &&
   laser_on $L2 && all_carrier $slot_ports; then
	ok "laser $L2: an answer abort leaves it on, its ports lit"
else
	not_ok "laser $L2: an answer abort leaves it on, its ports lit" "exit $rc: $(cat "$tmp/rm.out")"
fi

# unanswered, the request's own timeout and abort
L3=$((first + 3))
rm_start $L3 timeout 2000 on-timeout abort
if within 30 more_laser_events els-removal-timeout $L3 0 &&
   [ "$(laser_events els-removal-timeout $L3 | tail -n 1 | jq -r .action)" = abort ]; then
	sleep 2
	if laser_on $L3; then
		ok "laser $L3: unanswered, timeout abort with the laser: it stays on"
	else
		not_ok "laser $L3: unanswered, timeout abort with the laser: it stays on"
	fi
else
	not_ok "laser $L3: unanswered, timeout abort with the laser: it stays on" "$(cat "$tmp/rm.out")"
fi
exec 3>&-
rm_rc >/dev/null

# refusals
n=$(n_events els-removal-pending)
spare=$(for f in "$D"/laser*/spare; do [ "$(cat "$f")" = 1 ] && basename "$(dirname "$f")"; done |
	sed -n 's/^laser//p' | head -n 1)
if [ -z "$spare" ]; then
	skip "a spare laser refused" "no spare laser in this profile"
else
	out=$(cpoctl laser remove "$spare" -y </dev/null 2>&1)
	rc=$?
	check_eq "a spare laser refused with the driver's reason" "1 1" \
		"$rc $(grep -c "cannot remove laser $spare.*spare" <<<"$out")"
fi
n_las=$(cat "$D/n_lasers")
out=$(cpoctl laser remove "$n_las" -y </dev/null 2>&1)
rc=$?
check_eq "laser $n_las (out of range) refused" "1 1" "$rc $(grep -ci "laser" <<<"$out")"
out=$(cpoctl laser remove 70000 -y </dev/null 2>&1)
check_eq "a laser index beyond 16 bits is a usage error" 2 "$?"
check_eq "refused requests announced nothing" "$n" "$(n_events els-removal-pending)"
for p in $slot_ports; do ip link set dev "$(ifname "$p")" down; done
LS_IFS=""

# modules back
for S in $SLOTS; do sim els-pull $S >/dev/null; done
sleep 2
for S in $SLOTS; do sim els-insert $S >/dev/null; done
all_on() { local s; for s in $SLOTS; do [ "$(cat "$D/els$s/state")" = on ] || return 1; done; }
within 120 all_on || diag "slots not on again: $(for s in $SLOTS; do cat "$D/els$s/state"; done)"

ktap_finished
