#!/bin/bash
# profile: th5-51t
# timeout: 300
# SPDX-License-Identifier: GPL-2.0
#
# 'cpoctl health' on an accelerated aging run: one laser degrades much
# faster than the rest and must head the drift ranking, with an estimate
# of the time left to its bias alarm, while the device's clock runs a
# hundred model hours per second.  Runs on its own profile: the aging it
# causes stays in the device.

. "$(dirname "$0")/lib.sh"

need_cmd cpoctl jq cpo-sim

LASER=${LASER:-37}
tmp=$(mktemp -d)

cleanup()
{
	sim accel 1 >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT

# first_laser: the index heading the drift ranking, its drift in %
first_laser()
{
	cpoctl -j health >"$tmp/health" 2>&1 &&
		jq -e ".lasers[0].index == $LASER and .lasers[0][\"drift-pct\"] > 2" \
			"$tmp/health"
}

ktap_plan 9

check_eq "device is the 51.2T profile" 128 "$(cpo_attr n_lasers)"
check "laser $LASER degrades fast" sim laser-degrade "$LASER" 20
check "device clock accelerated" sim accel 360000

if wait_for 120 first_laser; then
	ok "degrading laser ranked first"
else
	not_ok "degrading laser ranked first" "$(jq -c '.lasers[0:3]' "$tmp/health" 2>&1 | head -c 300)"
fi
second=$(jq -r '.lasers[1]["drift-pct"]' "$tmp/health")
first=$(jq -r '.lasers[0]["drift-pct"]' "$tmp/health")
check "it drifts further than any other laser ($first% vs $second%)" \
	awk -v a="$first" -v b="$second" 'BEGIN { exit !(a > b) }'
check "time to its bias alarm is estimated" \
	jq -e '.lasers[0]["hours-to-alarm"] | type == "number" and . > 0' "$tmp/health"
check "its forecast says estimated" \
	jq -e '.lasers[0]["alarm-forecast"] == "estimated"' "$tmp/health"
check "every forecast agrees with its hours" jq -e '
	all(.lasers[]; (.["alarm-forecast"] as $f | .["hours-to-alarm"] as $h |
		if $f == "estimated" then ($h | type == "number" and . >= 0)
		elif $f == "in-alarm" then $h == 0
		elif $f == "not-drifting" or $f == "unknown" then $h == null
		else false end))' "$tmp/health"
check "the table names it first" sh -c \
	"cpoctl health | awk '/^LASER/ { getline; print \$1; exit }' | grep -qx $LASER"

ktap_finished
