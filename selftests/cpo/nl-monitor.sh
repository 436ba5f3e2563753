#!/bin/bash
# profile: th6-102t
# timeout: 420
# SPDX-License-Identifier: GPL-2.0
# compat: the generated multicast groups
#
# 'cpoctl monitor' shows events injected into the device model: a laser
# failure (state change with its fault code) and the alarms it raises,
# as text and as JSON lines, and stops cleanly on SIGTERM and SIGINT.
# Across a reload of the module (the family goes and comes back, maybe
# with another group id) it says so and keeps showing events.

. "$(dirname "$0")/lib.sh"

need_cmd cpoctl jq cpo-sim
need_root

LASER=3
tmp=$(mktemp -d)
mon=
mon2=

cleanup()
{
	[ -z "$mon" ] || kill "$mon" 2>/dev/null
	[ -z "$mon2" ] || kill "$mon2" 2>/dev/null
	cpo-sim ctl laser-fail $LASER off >/dev/null 2>&1
	cpoctl laser set $LASER enable off >/dev/null 2>&1
	cpoctl laser set $LASER enable on >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT

# ---- JSON lines ----
cpoctl -j monitor >"$tmp/json" 2>"$tmp/json.err" &
mon=$!
sleep 1
check "monitor -j is running" kill -0 "$mon"
check "inject: cpo-sim ctl laser-fail $LASER" cpo-sim ctl laser-fail $LASER
check "monitor -j shows laser $LASER failing" wait_for 10 \
	sh -c "jq -e 'select(.event == \"laser-state\" and .object == \"laser\" and .index == $LASER and .state == \"fault\")' '$tmp/json' | grep -q ."
check "every line is a JSON object with a timestamp" \
	sh -c "jq -e -s 'all(.[]; .time != null and .[\"device-timestamp-ns\"] > 0)' '$tmp/json'"
check "laser $LASER shows the fault" wait_for 5 \
	sh -c "cpoctl -j laser show $LASER | jq -e '.[0].state == \"fault\" and .[0].fault != \"none\"'"
# (bounded by attempts, not time: one health call is several dumps)
for i in 1 2 3 4 5; do
	cpoctl -j health > "$tmp/health" 2>&1 &&
		jq -e ".service | any(.object == \"laser\" and .index == $LASER)" \
			"$tmp/health" >/dev/null && break
	sleep 1
done
check "health lists laser $LASER for service" \
	jq -e ".service | any(.object == \"laser\" and .index == $LASER)" "$tmp/health"
kill -TERM "$mon"
rc=0
wait "$mon" || rc=$?
mon=
check_eq "monitor exits 0 on SIGTERM" 0 "$rc"

# ---- text ----
check "clear the failure" cpo-sim ctl laser-fail $LASER off
cpoctl monitor >"$tmp/text" 2>&1 &
mon=$!
sleep 1
check "inject again" cpo-sim ctl laser-fail $LASER
check "monitor shows laser $LASER failing" wait_for 10 \
	grep -Eq "^[0-9T:.-]+Z cpo0 laser-state laser $LASER: state fault" "$tmp/text"
kill -INT "$mon"
rc=0
wait "$mon" || rc=$?
mon=
check_eq "monitor exits 0 on SIGINT" 0 "$rc"
check "no error output" sh -c "! grep -q cpoctl: '$tmp/text'"

# ---- the family goes and comes back ----
check "clear the failure again" cpo-sim ctl laser-fail $LASER off
cpoctl -j monitor >"$tmp/json2" 2>"$tmp/json2.err" &
mon=$!
cpoctl monitor >"$tmp/text2" 2>"$tmp/text2.err" &
mon2=$!
sleep 1
check "module reloaded under the monitors" module_reload
check "monitor -j says the family went, then that it is back" wait_for 30 \
	sh -c "jq -e -s '[.[] | select(.family == \"cpo\") | .event] == [\"family-removed\", \"family-back\"]' '$tmp/json2'"
check "monitor says the family went, then that it is back" wait_for 10 \
	sh -c "printf 'cpoctl: family cpo removed; waiting\ncpoctl: family cpo back, monitoring again\n' | cmp -s - '$tmp/text2.err'"
check "both monitors still run" sh -c "kill -0 $mon && kill -0 $mon2"
check "device bound again" wait_for 30 sh -c "cpoctl -j dev show | jq -e '.[0][\"oper-status\"] == \"ok\"'"
check "inject after the reload" cpo-sim ctl laser-fail $LASER
check "monitor -j shows the event after the reload" wait_for 15 \
	sh -c "jq -e 'select(.event == \"laser-state\" and .index == $LASER and .state == \"fault\")' '$tmp/json2' | grep -q ."
check "monitor shows the event after the reload" wait_for 10 \
	grep -Eq "^[0-9T:.-]+Z cpo0 laser-state laser $LASER: state fault" "$tmp/text2"
kill -TERM "$mon" "$mon2"
# a monitor that does not stop is a failure, not a hang of the test
if ! wait_for 10 sh -c "! kill -0 $mon 2>/dev/null && ! kill -0 $mon2 2>/dev/null"; then
	kill -KILL "$mon" "$mon2" 2>/dev/null
fi
rc=0
wait "$mon" || rc=$?
rc2=0
wait "$mon2" || rc2=$?
mon=
mon2=
check_eq "monitors exit 0 after a reload" "0 0" "$rc $rc2"

ktap_finished
