#!/bin/bash
# profile: th6-102t-spare
# timeout: 300
# SPDX-License-Identifier: GPL-2.0
#
# Laser failover to a spare of the slot: by command (cpoctl laser
# failover, netlink laser-failover) and as the devlink laser reporter's
# recovery with the module parameter laser_failover; engine failover to
# the spare engine (cpoctl oe failover, netlink oe-failover).  The lanes
# move in sysfs, netlink, hwmon and the blast radius alike, the ports
# regain carrier, the monitor sees the event; refusals (non-admin, bad
# indices, no spare left) are clear and change nothing.
#
# th6-102t-spare: slot S holds lasers 10S..10S+7 in service and the spares
# 10S+8 and 10S+9; each laser feeds 4 lanes.  Engine E serves lanes
# 32E..32E+31 (ports 4E..4E+3); oe16 is the spare engine, on lanes 512-543.

. "$(dirname "$0")/lib.sh"

need_cmd jq ip devlink
need_root

LASER=${LASER:-3}		# slot 0, spares 8 and 9
AUTO=${AUTO:-11}		# slot 1, spares 18 and 19
OE=${OE:-4}			# ports 16-19, lanes 128-159; spare engine 16
D=$(cpo_dev)
DL=pci/$(cpo_bdf)
tmp=$(mktemp -d)
mon=

cleanup()
{
	[ -n "$mon" ] && kill "$mon" 2>/dev/null && wait "$mon" 2>/dev/null
	sim laser-fail "$LASER" off >/dev/null 2>&1
	sim laser-fail "$AUTO" off >/dev/null 2>&1
	sim oe-overtemp "$OE" off >/dev/null 2>&1
	echo N >/sys/module/cpo/parameters/laser_failover 2>/dev/null
	[ -n "${grace:-}" ] &&
		devlink health set "$DL" reporter laser grace_period "$grace" 2>/dev/null
	for i in ${ifs:-}; do ip link set dev "$i" down 2>/dev/null; done
	rm -rf "$tmp"
}
trap cleanup EXIT

# ifnames LASER: the netdevs of the ports a laser feeds, from sysfs
ifnames()
{
	local p
	for p in $(cat "$D/laser$1/ports"); do echo "cpo0p$p"; done
}

# all_up IFNAME... / all_down IFNAME...: every one has carrier, or none
all_up()
{
	local i
	for i in "$@"; do carrier_up "$i" >/dev/null || return 1; done
}

all_down()
{
	local i
	for i in "$@"; do carrier_up "$i" >/dev/null && return 1; done
	return 0
}

rep_healthy()
{
	[ "$(devlink -j health show "$DL" reporter laser |
		jq -r ".health[\"$DL\"][0].state")" = healthy ]
}

lane_laser() { cpoctl -j lane show "$1" | jq -r '.[0].laser'; }

# power_channels NAME: the power inputs of the hwmon chip NAME, or "none"
power_channels()
{
	local h
	for h in /sys/class/hwmon/hwmon*; do
		[ "$(cat "$h/name" 2>/dev/null)" = "$1" ] || continue
		find "$h/" -maxdepth 1 -name 'power*_input' | wc -l
		return
	done
	echo none
}
grace=$(devlink -j health show "$DL" reporter laser |
	jq -r ".health[\"$DL\"][0].grace_period")

ktap_plan 50

[ "$(cat "$D/laser8/spare")$(cat "$D/laser9/spare")" = 11 ] ||
	ktap_skip_all "laser 8 and 9 are not spares: not the th6-102t-spare topology"
lanes=$(cat "$D/laser$LASER/lanes")
ports=$(cat "$D/laser$LASER/ports")
ifs=$(ifnames "$LASER")
diag "laser $LASER: lanes $lanes, ports $ports ($ifs)"
for i in $ifs; do ip link set dev "$i" up; done
check "the laser's ports have carrier" wait_for 20 all_up $ifs

cpoctl -j monitor >"$tmp/mon" 2>"$tmp/mon.err" &
mon=$!
sleep 1

# ---- refusals: nothing changes ----
out=$(as_user "$(command -v cpoctl)" laser failover "$LASER" 2>&1)
rc=$?
if [ $rc -ne 0 ] && printf '%s' "$out" | grep -qi "CAP_NET_ADMIN\|not permitted"; then
	ok "non-admin refused"
else
	not_ok "non-admin refused" "rc $rc: $out"
fi
out=$(cpoctl laser failover 5000 2>&1)
check "a laser index beyond the device refused" [ $? -ne 0 -a -n "$out" ]
out=$(cpoctl laser failover 8 2>&1)
if [ $? -ne 0 ] && printf '%s' "$out" | grep -q "spare"; then
	ok "a spare laser does not fail over"
else
	not_ok "a spare laser does not fail over" "$out"
fi
out=$(cpoctl laser failover "$LASER" spare 18 2>&1)
if [ $? -ne 0 ] && printf '%s' "$out" | grep -q "slot"; then
	ok "a spare of another slot refused"
else
	not_ok "a spare of another slot refused" "$out"
fi
out=$(cpoctl laser failover "$LASER" spare 2 2>&1)
if [ $? -ne 0 ] && printf '%s' "$out" | grep -q "not a spare"; then
	ok "a laser in service is no spare"
else
	not_ok "a laser in service is no spare" "$out"
fi
cpoctl laser set "$LASER" enable off >/dev/null
out=$(cpoctl laser failover "$LASER" 2>&1)
if [ $? -ne 0 ] && printf '%s' "$out" | grep -q "switched off"; then
	ok "a laser switched off does not fail over (a spare would light it)"
else
	not_ok "a laser switched off does not fail over (a spare would light it)" "$out"
fi
cpoctl laser set "$LASER" enable on >/dev/null
# a removal of slot 0 announced and unanswered (its timeout aborts); the
# monitor has the request's id
abort0=$(cat /sys/module/cpo/parameters/removal_timeout_abort)
echo Y >/sys/module/cpo/parameters/removal_timeout_abort
echo 1 >"$D/els0/prepare_removal"
wait_for 20 grep -q '"els-removal-pending"' "$tmp/mon"
out=$(cpoctl laser failover "$LASER" 2>&1)
if [ $? -ne 0 ] && printf '%s' "$out" | grep -q "removal .* pending"; then
	ok "no failover while a removal of the slot is pending"
else
	not_ok "no failover while a removal of the slot is pending" \
		"$out; monitor: $(grep removal "$tmp/mon" | head -n 2)"
fi
req=$(grep '"els-removal-pending"' "$tmp/mon" | jq -r '.["removal-id"]' | tail -n 1)
cpoctl els answer 0 "$req" abort >/dev/null 2>&1
echo "$abort0" >/sys/module/cpo/parameters/removal_timeout_abort
check "the ports have carrier again" wait_for 30 all_up $ifs
check_eq "refusals changed nothing" "$lanes 0 1" \
	"$(cat "$D/laser$LASER/lanes") $(cat "$D/laser$LASER/out_of_service") $(cat "$D/laser8/spare")"

# ---- a laser fails, the command moves its lanes to the spare ----
sim laser-fail "$LASER" on >/dev/null
check "the failed laser's ports lose carrier" wait_for 20 all_down $ifs
js=$(cpoctl -j laser failover "$LASER" 2>&1)
check_eq "failover by command: spare 8 takes lanes and ports" \
	"8 $lanes $ports" \
	"$(printf '%s' "$js" | jq -r '[.spare] + .lanes + .ports | map(tostring) | join(" ")' 2>/dev/null)"
check_eq "sysfs: the laser out of service, no lanes" "1 " \
	"$(cat "$D/laser$LASER/out_of_service") $(cat "$D/laser$LASER/lanes")"
check_eq "sysfs: the spare in service with the lanes and ports" "0 $lanes $ports" \
	"$(cat "$D/laser8/spare") $(cat "$D/laser8/lanes") $(cat "$D/laser8/ports")"
p0=${ports%% *}
check "sysfs links follow: port$p0/laser8 and laser8/port$p0, no port$p0/laser$LASER" \
	sh -c "[ -e $D/port$p0/laser8 ] && [ -e $D/laser8/port$p0 ] && [ ! -e $D/port$p0/laser$LASER ] && [ ! -e $D/laser$LASER/port$p0 ]"
got=
for l in $lanes; do got="$got $(lane_laser "$l")"; done
check_eq "netlink: every moved lane names laser 8" "$(for l in $lanes; do printf ' 8'; done)" "$got"
check_eq "netlink: the blast radius of laser 8 is the old one's" "$ports" \
	"$(cpoctl -j laser show 8 | jq -r '.[0].ports | map(tostring) | join(" ")')"
check_eq "netlink: laser $LASER out of service, feeds nothing" "true 0" \
	"$(cpoctl -j laser show "$LASER" | jq -r '"\(.[0]["out-of-service"]) \(.[0].ports | length)"')"
check_eq "netlink: port $p0 depends on laser 8, not $LASER" "yes no" \
	"$(cpoctl -j port show "$p0" | jq -r --argjson l "$LASER" \
		'.[0].lasers | [(map(select(. == 8)) | length), (map(select(. == $l)) | length)] |
		map(if . > 0 then "yes" else "no" end) | join(" ")')"
check "the ports regain carrier from the spare" wait_for 30 all_up $ifs
check "monitor shows the laser-failover event" wait_for 10 sh -c \
	"jq -c 'select(.event == \"laser-failover\" and .index == $LASER and .spare == 8)' '$tmp/mon' | grep -q ."

# ---- the spare in service fails over to the last spare, then none is left ----
check_eq "the spare fails over to the slot's last spare" 9 \
	"$(cpoctl -j laser failover 8 spare 9 | jq -r .spare)"
out=$(cpoctl laser failover 9 2>&1)
rc=$?
if [ $rc -ne 0 ] && printf '%s' "$out" | grep -q "no .*spare"; then
	ok "no spare left: refused with a clear message"
else
	not_ok "no spare left: refused with a clear message" "rc $rc: $out"
fi
check_eq "no spare left: nothing changed" "$lanes 0" \
	"$(cat "$D/laser9/lanes") $(cat "$D/laser9/out_of_service")"
out=$(cpoctl laser failover "$LASER" 2>&1)
if [ $? -ne 0 ] && printf '%s' "$out" | grep -q "out of service"; then
	ok "an out-of-service laser does not fail over again"
else
	not_ok "an out-of-service laser does not fail over again" "$out"
fi
check "the ports still have carrier" wait_for 30 all_up $ifs

# ---- automatic: the devlink laser reporter fails over ----
# devlink recovers only a reporter that was healthy: the failovers above
# cleared laser $LASER's report
check "the laser reporter is healthy after the failovers" wait_for 30 rep_healthy
alanes=$(cat "$D/laser$AUTO/lanes")
devlink health set "$DL" reporter laser grace_period 0
echo Y >/sys/module/cpo/parameters/laser_failover
sim laser-fail "$AUTO" on now >/dev/null
if wait_for 30 grep -qx 1 "$D/laser$AUTO/out_of_service"; then
	ok "a faulted laser fails over through the health reporter"
else
	not_ok "a faulted laser fails over through the health reporter" \
		"$(devlink health show "$DL" reporter laser)"
fi
check_eq "its lanes went to the slot's first spare, 18" "$alanes" \
	"$(cat "$D/laser18/lanes")"
check "the laser reporter is healthy again" wait_for 30 rep_healthy

# ---- engine failover ----
oports=$(seq -s ' ' $((OE * 4)) $((OE * 4 + 3)))
olanes=$(seq -s ' ' $((OE * 32)) $((OE * 32 + 31)))
oifs=$(for p in $oports; do echo "cpo0p$p"; done)
olasers=$(power_channels "cpo_oe$OE")
check_eq "oe16 is the spare engine, on lanes 512-543" "1 0 512" \
	"$(cat "$D/oe16/spare") $(cat "$D/oe16/out_of_service") $(cat "$D/oe16/first_lane")"
for i in $oifs; do ip link set dev "$i" up; done
check "the engine's ports have carrier" wait_for 20 all_up $oifs
out=$(as_user "$(command -v cpoctl)" oe failover "$OE" 2>&1)
rc=$?
if [ $rc -ne 0 ] && printf '%s' "$out" | grep -qi "CAP_NET_ADMIN\|not permitted"; then
	ok "engine failover: non-admin refused"
else
	not_ok "engine failover: non-admin refused" "rc $rc: $out"
fi
out=$(cpoctl oe failover 16 2>&1)
if [ $? -ne 0 ] && printf '%s' "$out" | grep -q "spare"; then
	ok "a spare engine does not fail over"
else
	not_ok "a spare engine does not fail over" "$out"
fi
out=$(cpoctl oe failover "$OE" spare 5 2>&1)
if [ $? -ne 0 ] && printf '%s' "$out" | grep -q "not a spare"; then
	ok "an engine in service is no spare"
else
	not_ok "an engine in service is no spare" "$out"
fi
out=$(cpoctl oe failover 200 2>&1)
check "an engine index beyond the device refused" [ $? -ne 0 -a -n "$out" ]
check_eq "refusals changed nothing" "$((OE * 32)) 0 1" \
	"$(cat "$D/oe$OE/first_lane") $(cat "$D/oe$OE/out_of_service") $(cat "$D/oe16/spare")"

sim oe-overtemp "$OE" on >/dev/null
check "the engine overheats: its ports lose carrier" wait_for 60 all_down $oifs
js=$(cpoctl -j oe failover "$OE" 2>&1)
check_eq "oe failover: spare 16 takes the lanes and ports" "16 $olanes $oports" \
	"$(printf '%s' "$js" | jq -r '[.spare] + .lanes + .ports | map(tostring) | join(" ")' 2>/dev/null)"
check_eq "sysfs: the engine out of service on the spare's old lanes" "1 0 512" \
	"$(cat "$D/oe$OE/out_of_service") $(cat "$D/oe$OE/spare") $(cat "$D/oe$OE/first_lane")"
check_eq "sysfs: the spare in service on the engine's lanes" "0 0 $((OE * 32))" \
	"$(cat "$D/oe16/out_of_service") $(cat "$D/oe16/spare") $(cat "$D/oe16/first_lane")"
p0=${oports%% *}
check "sysfs links follow: port$p0/oe is oe16, oe16/port$p0, no oe$OE/port$p0" \
	sh -c "[ \"\$(basename \"\$(readlink $D/port$p0/oe)\")\" = oe16 ] && [ -e $D/oe16/port$p0 ] && [ ! -e $D/oe$OE/port$p0 ]"
check_eq "netlink: the port and its lanes are on engine 16" "16 16" \
	"$(cpoctl -j port show "$p0" | jq -r '.[0].oe') $(cpoctl -j lane show $((OE * 32)) | jq -r '.[0].oe')"
check_eq "netlink: engine 16 carries the ports, engine $OE none, out of service" \
	"$oports|0 true" \
	"$(cpoctl -j oe show 16 | jq -r '.[0].ports | map(tostring) | join(" ")')|$(cpoctl -j oe show "$OE" | jq -r '"\(.[0].ports | length) \(.[0]["out-of-service"])"')"
check_eq "hwmon: the spare's chip reads the engine's lasers, the engine's none" \
	"$olasers 0" "$(power_channels cpo_oe16) $(power_channels "cpo_oe$OE")"
check "the engine's ports regain carrier from the spare" wait_for 30 all_up $oifs
check "monitor shows the oe-failover event" wait_for 10 sh -c \
	"jq -c 'select(.event == \"oe-failover\" and .index == $OE and .spare == 16 and (.ports | length) == 4)' '$tmp/mon' | grep -q ."
out=$(cpoctl oe failover 5 2>&1)
rc=$?
if [ $rc -ne 0 ] && printf '%s' "$out" | grep -q "no spare engine"; then
	ok "no spare engine left: refused with a clear message"
else
	not_ok "no spare engine left: refused with a clear message" "rc $rc: $out"
fi
out=$(cpoctl oe failover "$OE" 2>&1)
if [ $? -ne 0 ] && printf '%s' "$out" | grep -q "out of service"; then
	ok "an out-of-service engine does not fail over again"
else
	not_ok "an out-of-service engine does not fail over again" "$out"
fi
check_eq "no engine changed since" "$((OE * 32)) 160" \
	"$(cat "$D/oe16/first_lane") $(cat "$D/oe5/first_lane")"

ktap_finished
