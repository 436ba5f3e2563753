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

. "$(dirname "$0")/lib.sh"

need_cmd cpoctl cpo-sim jq setpriv
need_root

D=$(cpo_dev)
P=/sys/module/cpo/parameters
CPOCTL=$(command -v cpoctl)
tmp=$(mktemp -d)
old_timeout=$(cat "$P/removal_timeout_ms")
old_abort=$(cat "$P/removal_timeout_abort")
SLOTS="5 6 7"

cleanup()
{
	local s
	[ -n "${mon:-}" ] && kill "$mon" 2>/dev/null
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

ktap_plan 18

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

# modules back
for S in $SLOTS; do sim els-pull $S >/dev/null; done
sleep 2
for S in $SLOTS; do sim els-insert $S >/dev/null; done
all_on() { local s; for s in $SLOTS; do [ "$(cat "$D/els$s/state")" = on ] || return 1; done; }
within 120 all_on || diag "slots not on again: $(for s in $SLOTS; do cat "$D/els$s/state"; done)"

ktap_finished
