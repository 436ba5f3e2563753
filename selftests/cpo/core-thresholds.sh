#!/bin/bash
# profile: tiny
# SPDX-License-Identifier: GPL-2.0
#
# Threshold sets the device publishes are untrusted: one that breaks a
# rule a user's set obeys (CMIS order, the quantity's range) is refused
# when the driver re-reads the thresholds (a resync after an event storm),
# the last good set stays in sysfs, hwmon and netlink, one line is logged
# however often it is seen, and a valid set from the user still works.
# The model is repaired at the end.

. "$(dirname "$0")/lib.sh"

need_root
need_cmd cpo-sim cpoctl

D=$(cpo_dev)
dbg=/sys/kernel/debug/cpo/$(basename "$D")
T=$D/thresholds/oe_temp
E=$D/thresholds/els_temp

cleanup()
{
	sim repair >/dev/null 2>&1
	[ -z "${hw0:-}" ] || echo "$hw0" >"$T/high_warn" 2>/dev/null
}
trap cleanup EXIT

thresh() { cat "$1/high_alarm" "$1/low_alarm" "$1/high_warn" "$1/low_warn" | tr '\n' ' '; }
counter() { cat "$dbg/$1"; }
# the log names a quantity as the netlink spec does (oe-temp)
logged() { dmesg | grep -c "thresholds: ${1//_/-} from the device refused"; }

# little-endian hex of a 32-bit value, for poke-raw
le32() { printf '%08x' $(($1 & 0xffffffff)) | sed 's/\(..\)\(..\)\(..\)\(..\)/\4\3\2\1/'; }

# one resync: an event storm overflows the ring
resync()
{
	local r
	r=$(counter resyncs)
	sim event-storm 5000 >/dev/null
	wait_for 30 eval '[ "$(counter resyncs)" -gt "$r" ]'
}

ktap_plan 10

read -r hw0 <"$T/high_warn"
oe0=$(thresh "$T")
els0=$(thresh "$E")
off=$(($(sim peek ident.thresh_off)))
n0=$(counter thresh_refusals 2>/dev/null || echo 0)
l0="$(logged oe_temp) $(logged els_temp)"

# oe_temp: high alarm INT_MIN, low alarm INT_MAX (both out of order and
# out of range); els_temp: ordered but 200 degC, beyond what CMIS shows
sim poke-raw $off "$(le32 -2147483648)$(le32 2147483647)" >/dev/null
sim poke-raw $((off + 4 * 16)) \
	"$(le32 200000)$(le32 -5000)$(le32 190000)$(le32 0)" >/dev/null
check "a resync re-reads the corrupted thresholds" resync

check_eq "oe_temp keeps the last good set in sysfs" "$oe0" "$(thresh "$T")"
check_eq "els_temp keeps the last good set in sysfs" "$els0" "$(thresh "$E")"
out=$(cpoctl -j threshold show 2>&1)
if [ -n "$out" ] && ! grep -q 2147483 <<<"$out" && ! grep -q '200000' <<<"$out"; then
	ok "netlink shows no refused value"
else
	not_ok "netlink shows no refused value" "$out"
fi
if [ "$(counter thresh_refusals 2>/dev/null || echo 0)" -gt "$n0" ]; then
	ok "refusals counted ($n0 -> $(counter thresh_refusals))"
else
	not_ok "refusals counted" "thresh_refusals $(counter thresh_refusals)"
fi

# the same bad sets again: no new log line
resync
read -r a b <<<"$l0"
check_eq "one log line per bad set, however often it is read" \
	"$((a + 1)) $((b + 1))" "$(logged oe_temp) $(logged els_temp)"

# a user's valid set is checked against the good set, not the garbage
if echo $((hw0 - 1000)) >"$T/high_warn" 2>/dev/null; then
	check_eq "a valid high_warn is still accepted" "$((hw0 - 1000))" "$(cat "$T/high_warn")"
else
	not_ok "a valid high_warn is still accepted" "write refused"
fi
echo "$hw0" >"$T/high_warn"

# bad at probe: no good set yet, so the thresholds are unknown on every
# interface, and only a whole set can be written (not one value of four)
sim poke-raw $off "$(le32 -2147483648)$(le32 2147483647)" >/dev/null
module_reload
D=$(cpo_dev); T=$D/thresholds/oe_temp; E=$D/thresholds/els_temp
dbg=/sys/kernel/debug/cpo/$(basename "$D")
err=$( (cat "$T/high_alarm") 2>&1 >/dev/null)
js=$(cpoctl -j threshold show oe-temp 2>&1)
if grep -q 'No data' <<<"$err" && [ "$(jq -r '.[0]["high-alarm"]' <<<"$js" 2>/dev/null)" = null ]; then
	ok "unknown at probe: sysfs ENODATA, cpoctl null"
else
	not_ok "unknown at probe: sysfs ENODATA, cpoctl null" "sysfs: '$err' cpoctl: $js"
fi
if ! (echo 70000 >"$T/high_warn") 2>/dev/null &&
   ! cpoctl threshold set oe-temp high-warn 70 >/dev/null 2>&1 &&
   cpoctl threshold set oe-temp high-alarm 80 low-alarm -5 high-warn 70 low-warn 0 &&
   [ "$(thresh "$T")" = "80000 -5000 70000 0 " ]; then
	ok "unknown set: one value refused, a whole set taken"
else
	not_ok "unknown set: one value refused, a whole set taken" "$(thresh "$T" 2>&1)"
fi
read -r a b c d <<<"$oe0"
cpoctl threshold set oe-temp high-alarm "$(awk "BEGIN { print $a / 1000 }")" \
	low-alarm "$(awk "BEGIN { print $b / 1000 }")" \
	high-warn "$(awk "BEGIN { print $c / 1000 }")" \
	low-warn "$(awk "BEGIN { print $d / 1000 }")" >/dev/null

# the device's sets are good again: taken again (a repair rewrites the
# identity, heartbeat included: the device may fail and recover on it)
sim repair >/dev/null
sleep 2
wait_for 30 grep -qx ok "$D/state"
resync
if wait_for 20 eval '[ "$(thresh "$T")$(thresh "$E")" = "$oe0$els0" ]'; then
	ok "repaired sets are taken again"
else
	not_ok "repaired sets are taken again" \
		"expected '$oe0$els0', got '$(thresh "$T")$(thresh "$E")'"
fi

ktap_finished
