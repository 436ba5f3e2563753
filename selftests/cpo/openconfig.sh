#!/bin/bash
# profile: tiny
# timeout: 600
# SPDX-License-Identifier: GPL-2.0
#
# cpoctl --openconfig: engines, lanes and lasers under
# openconfig-platform-transceiver names and units match what cpoctl -j
# shows; the driver's 10 s interval statistics (avg/min/max with their
# times) are consistent; thresholds per severity are the device's; no
# value is null or -inf, a dark lane is -40 dBm; the lane counters count
# Rx LOS onsets.

. "$(dirname "$0")/lib.sh"

need_cmd cpoctl jq
need_root

cleanup()
{
	sim fiber-restore 0 >/dev/null 2>&1
}
trap cleanup EXIT

# near A B TOL: |A - B| <= TOL, both numbers
near()
{
	jq -ne --argjson a "${1:-null}" --argjson b "${2:-null}" --argjson t "$3" \
		'($a | type) == "number" and ($b | type) == "number" and
		 ((($a - $b) | if . < 0 then -. else . end) <= $t)' >/dev/null
}

ktap_plan 10

out=$(cpoctl --openconfig dev show 2>&1 >/dev/null)
check_eq "--openconfig dev show: a usage error" \
	"2:cpoctl: --openconfig shows oe, els, laser and lane only, not dev; see 'cpoctl dev help'" \
	"$(cpoctl --openconfig dev show >/dev/null 2>&1; echo $?):$out"

# the driver completes an interval at most 10 s after the device was bound
have_stats()
{
	cpoctl --openconfig lane show 0 | jq -e '.[0].state["output-power"].avg != null'
}
check "a complete 10 s interval within 25 s" wait_for 25 have_stats

lo=$(cpoctl --openconfig lane show 0)
lj=$(cpoctl -j lane show 0)
if near "$(jq '.[0].state["output-power"].instant' <<<"$lo")" "$(jq '.[0]["output-power-dbm"]' <<<"$lj")" 0.3 &&
   near "$(jq '.[0].state["input-power"].instant' <<<"$lo")" "$(jq '.[0]["input-power-dbm"]' <<<"$lj")" 0.3 &&
   [ "$(jq '.[0].state | [.["tx-los"], .["rx-los"], .["tx-failure"], .["tx-laser"]]' <<<"$lo" | jq -c .)" = \
     "$(jq -c '.[0] | [.["tx-los"], .["rx-los"], .["tx-failure"], .enabled]' <<<"$lj")" ]; then
	ok "lane 0: output-power, input-power (dBm), flags as cpoctl -j lane show"
else
	not_ok "lane 0: values as cpoctl -j lane show" "$(jq -c '.[0].state' <<<"$lo")"
fi

# the interval is a past one: its samples are at most 20 s old on an idle
# machine; a loaded one (TCG, other guests) may lag, so allow two minutes
now=$(date +%s%N)
if jq -e --argjson now "$now" '.[0].state["output-power"] |
	.min <= .avg and .avg <= .max and .interval == 10000000000 and
	(.["max-time"] - .["min-time"] | if . < 0 then -. else . end) < 10000000000 and
	.["min-time"] > $now - 120000000000 and .["min-time"] <= $now and
	.["max-time"] > $now - 120000000000 and .["max-time"] <= $now' <<<"$lo" >/dev/null; then
	ok "lane 0 statistics: min <= avg <= max, interval 10 s, min-time and max-time in one interval, recent"
else
	not_ok "lane 0 statistics: min <= avg <= max, interval 10 s, min-time and max-time in one interval, recent" \
		"now $now: $(jq -c '.[0].state["output-power"]' <<<"$lo")"
fi

la=$(cpoctl --openconfig laser show 0)
lj=$(cpoctl -j laser show 0)
sp=$(jq '.[0]["target-output-power-mw"]' <<<"$lj")
if near "$(jq '.[0].state["laser-bias-current"].instant' <<<"$la")" "$(jq '.[0]["laser-bias-current-ma"]' <<<"$lj")" 2 &&
   near "$(jq '.[0].state["output-power"].instant' <<<"$la")" "$(jq '.[0]["output-power-dbm"]' <<<"$lj")" 0.2 &&
   near "$(jq '.[0].state["laser-temperature"].instant' <<<"$la")" "$(jq '.[0]["laser-temperature-c"]' <<<"$lj")" 0.5 &&
   near "$(jq '.[0].state["target-output-power"]' <<<"$la")" "$(jq -n "$sp | log10 * 10")" 0.006 &&
   [ "$(jq '.[0].state["tx-laser"]' <<<"$la")" = "$(jq '.[0]["tx-laser"]' <<<"$lj")" ]; then
	ok "laser 0: bias (mA), output and target power (dBm), temperature as cpoctl -j laser show"
else
	not_ok "laser 0: values as cpoctl -j laser show" "$(jq -c '.[0].state' <<<"$la")"
fi

oo=$(cpoctl --openconfig oe show 0)
oj=$(cpoctl -j oe show 0)
if near "$(jq '.[0].state.temperature.instant' <<<"$oo")" "$(jq '.[0]["temperature-c"]' <<<"$oj")" 0.5 &&
   near "$(jq '.[0].state["supply-voltage"].instant' <<<"$oo")" "$(jq '.[0]["supply-voltage-v"]' <<<"$oj")" 0.02; then
	ok "oe 0: temperature and supply-voltage as cpoctl -j oe show"
else
	not_ok "oe 0: values as cpoctl -j oe show" "$(jq -c '.[0].state' <<<"$oo")"
fi

# thresholds per severity, the device's own
tb=$(cpoctl -j threshold show laser-bias | jq '.[0]["high-alarm"]')
tr=$(cpoctl -j threshold show lane-rx-power | jq '.[0]["low-warning"] | log10 * 10')
if near "$(jq '.[0].thresholds[] | select(.severity == "CRITICAL") | .["laser-bias-current-upper"]' <<<"$la")" "$tb" 0.006 &&
   near "$(jq '.[0].thresholds[] | select(.severity == "WARNING") | .["input-power-lower"]' <<<"$lo")" "$tr" 0.006; then
	ok "thresholds: CRITICAL laser-bias-current-upper, WARNING input-power-lower"
else
	not_ok "thresholds per severity" "bias $tb mA, rx low warn $tr dBm"
fi

# a dark lane: -40 dBm, and its Rx LOS counted
rx0=$(jq '.[0].state.counters["rx-los"]' <<<"$lo")
sim fiber-cut 0 >/dev/null
dark()
{
	cpoctl --openconfig lane show 0 |
		jq -e '.[0].state["input-power"].instant == -40 and .[0].state["rx-los"]'
}
check "fiber cut: input-power -40 dBm (the floor) and rx-los" wait_for 20 dark
bad=$(cpoctl --openconfig lane show | jq '[.. | select(. == null)] | length')
check_eq "no null anywhere, every lane" 0 "$bad"
sim fiber-restore 0 >/dev/null
rx1=$(cpoctl --openconfig lane show 0 | jq '.[0].state.counters["rx-los"]')
check "counters: rx-los went up with the cut ($rx0 -> $rx1)" test "$rx1" -gt "$rx0"

ktap_finished
