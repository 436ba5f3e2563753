#!/bin/bash
# profile: tiny th6-102t
# timeout: 180
# SPDX-License-Identifier: GPL-2.0
# compat: the thermal trip API (6.3 to 6.12)
#
# The thermal zones: one per optical engine (cpoN-oeM) and one per ELSFP
# slot (cpoN-elsM) in /sys/class/thermal, as Documentation/ABI/testing/
# sysfs-class-thermal-cpo says.  Their temperatures are the objects' own,
# their trips (passive, hot) the high warning and high alarm of oe_temp
# and els_temp and follow a change of them; an engine that loses its
# cooling shows in its zone, past the passive trip; an empty slot has no
# reading; the zones go with an unbind and come back with a bind.

. "$(dirname "$0")/lib.sh"

need_root

D=$(cpo_dev)
dev=$(basename "$D")
TZ=/sys/class/thermal
T=$D/thresholds/oe_temp
read -r hw0 <"$T/high_warn"

cleanup()
{
	echo "$hw0" >"$T/high_warn" 2>/dev/null
	sim oe-overtemp 0 off >/dev/null 2>&1
	[ "$(cat "$D/els0/present" 2>/dev/null)" = 1 ] ||
		sim els-insert 0 >/dev/null 2>&1
	module_restore >/dev/null 2>&1
}
trap cleanup EXIT

# zone TYPE: the zone directory of that type, or nothing
zone()
{
	local z
	for z in "$TZ"/thermal_zone*; do
		[ "$(cat "$z/type" 2>/dev/null)" = "$1" ] && { echo "$z"; return 0; }
	done
	return 1
}

# temp_matches ZONE OBJDIR: the zone reads what the object reads, within
# 1 degC of the object's readings just before and just after it (the
# temperature may be moving)
temp_matches()
{
	local a z b lo hi
	a=$(cat "$2/temperature" 2>/dev/null)
	z=$(cat "$1/temp" 2>/dev/null)
	b=$(cat "$2/temperature" 2>/dev/null)
	[ -n "$a" ] && [ -n "$z" ] && [ -n "$b" ] ||
		{ echo "zone '$z', object '$a' '$b'"; return 1; }
	lo=$((a < b ? a : b))
	hi=$((a < b ? b : a))
	[ "$z" -ge $((lo - 1000)) ] && [ "$z" -le $((hi + 1000)) ] ||
		{ echo "zone $z, object $a then $b"; return 1; }
}

# trips_match ZONE QUANTITY: passive at high_warn, hot at high_alarm
trips_match()
{
	local q=$D/thresholds/$2
	[ "$(cat "$1/trip_point_0_type")" = passive ] &&
	[ "$(cat "$1/trip_point_1_type")" = hot ] &&
	[ "$(cat "$1/trip_point_0_temp")" = "$(cat "$q/high_warn")" ] &&
	[ "$(cat "$1/trip_point_1_temp")" = "$(cat "$q/high_alarm")" ] &&
	[ ! -e "$1/trip_point_2_type" ]
}

n_oe=$(ls -d "$D"/oe[0-9]* | wc -l)
n_els=$(ls -d "$D"/els[0-9]* | wc -l)

ktap_plan 11

if [ ! -d "$TZ" ]; then
	ktap_skip_all "no /sys/class/thermal (CONFIG_THERMAL off)"
fi

n=$(cat "$TZ"/thermal_zone*/type 2>/dev/null | grep -cE "^$dev-(oe|els)[0-9]+\$")
check_eq "one zone per OE and per slot" "$((n_oe + n_els))" "$n"

Z0=$(zone "$dev-oe0")
E0=$(zone "$dev-els0")
check "zone $dev-oe0 reads oe0's temperature" temp_matches "$Z0" "$D/oe0"
check "zone $dev-els0 reads els0's temperature" temp_matches "$E0" "$D/els0"
check "$dev-oe0 trips: passive at oe_temp high_warn, hot at high_alarm" \
	trips_match "$Z0" oe_temp
check "$dev-els0 trips: passive at els_temp high_warn, hot at high_alarm" \
	trips_match "$E0" els_temp

# no hwmon device of the thermal core beside the driver's own chips
if grep -qxE "${dev}_(oe|els)[0-9]+" /sys/class/hwmon/hwmon*/name 2>/dev/null; then
	not_ok "no thermal hwmon devices for the zones"
else
	ok "no thermal hwmon devices for the zones"
fi

# a new high warning moves the passive trip, and back
new=$((hw0 - 5000))
echo "$new" >"$T/high_warn"
check "oe_temp high_warn $new: trip_point_0_temp follows" \
	wait_for 5 eval '[ "$(cat "$Z0/trip_point_0_temp")" = "$new" ]'
echo "$hw0" >"$T/high_warn"

# engine 0 loses its cooling: its zone warms past the passive trip
sim oe-overtemp 0 on >/dev/null
if wait_for 60 eval '[ "$(cat "$Z0/temp")" -gt "$(cat "$Z0/trip_point_0_temp")" ]' &&
   temp_matches "$Z0" "$D/oe0"; then
	ok "over-temperature on oe0: $dev-oe0 past its passive trip ($(cat "$Z0/temp"))"
else
	not_ok "over-temperature on oe0: $dev-oe0 past its passive trip" \
		"temp $(cat "$Z0/temp"), trip $(cat "$Z0/trip_point_0_temp")"
fi
sim oe-overtemp 0 off >/dev/null
wait_for 60 eval '[ "$(cat "$Z0/temp")" -lt "$(cat "$Z0/trip_point_0_temp")" ]'

# an empty slot has no reading: THERMAL_TEMP_INVALID, which 6.1 shows as
# -274000 and from 6.12 the thermal core turns into ENODATA
no_reading()
{
	local out
	out=$(cat "$E0/temp" 2>&1)
	[ "$out" = -274000 ] || [[ $out == *"No data available"* ]] ||
		{ echo "$out"; return 1; }
}
sim els-pull 0 >/dev/null
check "slot 0 empty: $dev-els0 has no reading" wait_for 10 no_reading
sim els-insert 0 >/dev/null
wait_for 30 eval '[ "$(cat "$D/els0/state")" = on ]'

# the zones go with the device and come back with it
module_unbind
n=$(cat "$TZ"/thermal_zone*/type 2>/dev/null | grep -cE "^$dev-(oe|els)[0-9]+\$")
check_eq "unbound: no zones left" 0 "$n"
module_bind
check "bound again: zones back, reading" \
	eval 'Z0=$(zone "$dev-oe0") && temp_matches "$Z0" "$D/oe0"'

ktap_finished
