#!/bin/bash
# profile: tiny
# timeout: 600
# SPDX-License-Identifier: GPL-2.0
#
# Alarm flag history, as switch OSes keep it: per flag, how many times it
# changed and when it was last set and last cleared, the same in sysfs
# (alarm_history), netlink (cpoctl -j) and the Prometheus export.  An
# engine's high-temperature warning is raised and cleared by moving its
# threshold; a lane's Rx power alarms by cutting its port's fiber.

. "$(dirname "$0")/lib.sh"

need_cmd cpoctl jq
need_root

D=$(cpo_dev)
warn_before=$(cat "$D/thresholds/oe_temp/high_warn")
prom=$(mktemp)

cleanup()
{
	cpoctl threshold set oe-temp high-warn "$warn_before" mdegC >/dev/null 2>&1
	sim fiber-restore 0 >/dev/null 2>&1
	rm -f "$prom"
}
trap cleanup EXIT

# hist FILE FLAG: "changes last_set last_clear" of FLAG in FILE
hist()
{
	awk -v f="$2" '$1 == f { print $2, $3, $4 }' "$1"
}

alarms_has()
{
	grep -qw "$2" "$1"
}

alarms_lacks()
{
	! grep -qw "$2" "$1"
}

ktap_plan 10

check "every engine, slot, laser and port has alarm_history" \
	test -r "$D/oe0/alarm_history" -a -r "$D/els0/alarm_history" \
	-a -r "$D/laser0/alarm_history" -a -r "$D/port0/alarm_history"
before=$(hist "$D/oe0/alarm_history" temp_high_warn)
read -r n0 _ _ <<<"${before:-0 0 0}"

# raise: the engine is warmer than 1 degC
t0=$(date +%s%N)
cpoctl threshold set oe-temp high-warn 1degC >/dev/null
if wait_for 20 alarms_has "$D/oe0/alarms" temp_high_warn; then
	t1=$(date +%s%N)
	read -r n s c <<<"$(hist "$D/oe0/alarm_history" temp_high_warn)"
	check_eq "raised: temp_high_warn one more change, last set within the raise" \
		"$((n0 + 1)):1" "$n:$([ "$s" -ge "$t0" ] && [ "$s" -le "$t1" ] && echo 1)"
else
	not_ok "raised: temp_high_warn in oe0/alarms" "never raised"
fi

# clear: back to the threshold it had
t2=$(date +%s%N)
cpoctl threshold set oe-temp high-warn "$warn_before" mdegC >/dev/null
if wait_for 20 alarms_lacks "$D/oe0/alarms" temp_high_warn; then
	t3=$(date +%s%N)
	read -r n s2 c <<<"$(hist "$D/oe0/alarm_history" temp_high_warn)"
	check_eq "cleared: two changes, last set kept, last clear within the clear" \
		"$((n0 + 2)):$s:1" "$n:$s2:$([ "$c" -ge "$t2" ] && [ "$c" -le "$t3" ] && echo 1)"
else
	not_ok "cleared: temp_high_warn leaves oe0/alarms" "never cleared"
fi

# netlink: the same flag, the same figures
j=$(cpoctl -j oe show 0 | jq -c '.[0]["alarm-history"][] |
	select(.quantity == "oe-temp" and .severity == "warning" and .direction == "high")')
iso()
{
	TZ=UTC date -d "@$(( $1 / 1000000000 ))" +%Y-%m-%dT%H:%M:%S
}
want="$n:$(iso "$s2").$(printf '%09d' $((s2 % 1000000000)))Z:$(iso "$c").$(printf '%09d' $((c % 1000000000)))Z"
check_eq "cpoctl -j oe show: changes, last-set, last-clear as sysfs has them" \
	"$want" "$(jq -r '"\(.changes):\(.["last-set"]):\(.["last-clear"])"' <<<"$j")"

# no other flag of the engine moved
others=$(awk '$1 != "temp_high_warn"' "$D/oe0/alarm_history")
check_eq "only the flag that moved has a history" "" "$others"

# a lane: the port's fiber is cut, the Rx power alarms rise, then clear
sim fiber-cut 0 >/dev/null
if wait_for 20 alarms_has "$D/port0/alarms" lane0_rx_power_low_alarm; then
	ok "fiber cut: lane0_rx_power_low_alarm raised"
else
	not_ok "fiber cut: lane0_rx_power_low_alarm raised"
fi
sim fiber-restore 0 >/dev/null
wait_for 20 alarms_lacks "$D/port0/alarms" lane0_rx_power_low_alarm
read -r n s c <<<"$(hist "$D/port0/alarm_history" lane0_rx_power_low_alarm)"
check_eq "port0/alarm_history: lane0_rx_power_low_alarm set then cleared" \
	"1" "$([ "${n:-0}" -ge 2 ] && [ "$s" -gt 0 ] && [ "$c" -ge "$s" ] && echo 1)"
lane0=$(cat "$D/port0/lanes" | awk '{ print $1 }')
got=$(cpoctl -j lane show "$lane0" | jq -r '.[0]["alarm-history"][] |
	select(.quantity == "lane-rx-power" and .severity == "alarm" and .direction == "low") | .changes')
check_eq "cpoctl -j lane show $lane0: the same count" "$n" "$got"

# the export: the count as a counter, the times as timestamps
cpoctl export --prometheus -o "$prom"
read -r n s c <<<"$(hist "$D/oe0/alarm_history" temp_high_warn)"
sel='device="cpo0",oe="0",quantity="oe-temp",severity="warning",direction="high"'
check_eq "export: cpo_oe_alarm_changes_total and last set/clear timestamps" \
	"$n:$((s / 1000000000)):$((c / 1000000000))" \
	"$(grep -F "cpo_oe_alarm_changes_total{$sel}" "$prom" | awk '{ print $2 }'):$(grep -F "cpo_oe_alarm_last_set_timestamp_seconds{$sel}" "$prom" | awk '{ printf "%d", $2 }'):$(grep -F "cpo_oe_alarm_last_clear_timestamp_seconds{$sel}" "$prom" | awk '{ printf "%d", $2 }')"
if command -v promtool >/dev/null; then
	out=$(promtool check metrics <"$prom" 2>&1)
	check_eq "promtool check metrics accepts the export with history" "0:" "$?:$out"
else
	skip "promtool check metrics accepts the export with history" "no promtool"
fi

ktap_finished
