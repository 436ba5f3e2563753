#!/bin/bash
# profile: th6-102t
# timeout: 300
# SPDX-License-Identifier: GPL-2.0
#
# Each fault the device model injects shows in sysfs, hwmon and uevents
# the way Documentation/ABI/testing/sysfs-class-cpo says: a failed laser,
# a laser degrading to a bias warning then alarm, a cut fiber, an
# over-temperature engine, an ELSFP pulled and inserted, a hung firmware,
# an event storm and hostile writes to the telemetry, event ring and
# mailbox.  The model is put back as it was at the end.

. "$(dirname "$0")/lib.sh"

need_root
need_cmd cpo-sim python3

D=$(cpo_dev)
tmp=$(mktemp -d)
mon=

cleanup()
{
	[ -z "$mon" ] || kill "$mon" 2>/dev/null
	sim fw-resume >/dev/null 2>&1
	sim accel 1 >/dev/null 2>&1
	sim laser-fail 2 off >/dev/null 2>&1
	sim laser-degrade 3 0 >/dev/null 2>&1
	sim laser-age 3 0 >/dev/null 2>&1
	sim fiber-restore 1 >/dev/null 2>&1
	sim oe-overtemp 2 off >/dev/null 2>&1
	[ -e "$D/els1/present" ] && [ "$(cat "$D/els1/present")" = 1 ] ||
		sim els-insert 1 >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT

# attr_is FILE VALUE / attr_has FILE WORD / attr_lacks FILE WORD
attr_is() { [ "$(cat "$1" 2>/dev/null)" = "$2" ]; }
attr_has() { grep -qw -- "$2" "$1" 2>/dev/null; }
attr_lacks() { ! grep -qw -- "$2" "$1" 2>/dev/null; }
all_ones() { ! grep -qw 0 "$1" && attr_has "$1" 1; }
no_ones() { attr_lacks "$1" 1; }
uevent_seen() { grep -q -- "$1" "$tmp/uevents"; }
# the hwmon chip of an OE or slot, right below its own parent cpoN_oeM or
# cpoN_elsM (a class device: no "hwmon" directory in between)
hwmon_of() { echo "$(dirname "$1")/$(basename "$(dirname "$1")")_$(basename "$1")"/hwmon[0-9]*; }
reads_fail() { ! cat "$1" >/dev/null 2>&1; }
counter() { cat "/sys/kernel/debug/cpo/$(basename "$D")/$1"; }

# kernel uevents, straight from the netlink socket (udevadm refuses to
# run in the guest's chroot)
python3 -u -c '
import socket, sys
s = socket.socket(socket.AF_NETLINK, socket.SOCK_DGRAM, 15)
s.bind((0, 1))
print("listening")
while True:
    msg = s.recv(65536).split(b"\0")
    print(" ".join(m.decode(errors="replace") for m in msg if m))
' >"$tmp/uevents" 2>&1 &
mon=$!
wait_for 20 uevent_seen listening || ktap_skip_all "no uevent listener"

ktap_plan 19

# laser 2 (slot 0) fails: fault state and code, then is repaired.  The
# devlink laser reporter's auto-recovery restarts the laser (it faults
# again), so state and code are each waited for.
sim laser-fail 2 on >/dev/null
check "failed laser: laser2 state fault" wait_for 10 attr_is "$D/laser2/state" fault
check "failed laser: laser2 fault code apc" wait_for 10 attr_is "$D/laser2/fault" apc
sim laser-fail 2 off >/dev/null
check "repaired laser: laser2 state on" wait_for 20 attr_is "$D/laser2/state" on

# laser 3 ages fast under APC: bias warning, then alarm; hwmon curr6 is
# laser 3's bias on slot 0's chip (curr1 icc, curr2 tec, curr3.. lasers)
H=$(hwmon_of "$D/els0")
sim laser-degrade 3 20000 >/dev/null
sim accel 3600 >/dev/null
check "degrading laser: bias_high_warn in laser3/alarms" \
	wait_for 60 attr_has "$D/laser3/alarms" bias_high_warn
check "degrading laser: hwmon curr6_max_alarm" attr_is "$H/curr6_max_alarm" 1
check "degrading laser: bias_high_alarm and curr6_crit_alarm" \
	wait_for 60 eval 'attr_has "$D/laser3/alarms" bias_high_alarm && attr_is "$H/curr6_crit_alarm" 1'
sim accel 1 >/dev/null
sim laser-degrade 3 0 >/dev/null
sim laser-age 3 0 >/dev/null
check "renewed laser: alarms clear" wait_for 30 attr_is "$D/laser3/alarms" ""

# fiber of port 1 cut: every lane loses Rx light, and gets it back
sim fiber-cut 1 >/dev/null
check "fiber cut: port1 lane_rx_los all 1" wait_for 10 all_ones "$D/port1/lane_rx_los"
sim fiber-restore 1 >/dev/null
check "fiber restored: port1 lane_rx_los all 0" wait_for 20 no_ones "$D/port1/lane_rx_los"

# engine 2 loses cooling: temperature warning in sysfs and hwmon
H=$(hwmon_of "$D/oe2")
sim oe-overtemp 2 on >/dev/null
sim accel 20 >/dev/null
check "over-temperature: oe2 temp_high_warn and hwmon temp1_max_alarm" \
	wait_for 60 eval 'attr_has "$D/oe2/alarms" temp_high_warn && attr_is "$H/temp1_max_alarm" 1'
sim oe-overtemp 2 off >/dev/null
check "cooling restored: oe2 alarms clear" \
	wait_for 60 eval 'attr_is "$D/oe2/alarms" "" && attr_is "$D/oe2/state" ready'
sim accel 1 >/dev/null

# ELSFP 1 pulled and inserted: its lasers go and come back, with uevents
read -r first <"$D/els1/first_laser"
sim els-pull 1 >/dev/null
if wait_for 10 attr_is "$D/els1/state" empty && [ ! -e "$D/laser$first" ] &&
   wait_for 5 uevent_seen "ELSFP_EVENT=removed" &&
   uevent_seen "ELSFP_SLOT=1"; then
	ok "ELSFP pulled: els1 empty, laser$first gone, uevents"
else
	not_ok "ELSFP pulled: els1 empty, laser$first gone, uevents" \
		"state $(cat "$D/els1/state"); $(grep -c ELSFP "$tmp/uevents") ELSFP uevents"
fi
sim els-insert 1 >/dev/null
if wait_for 30 attr_is "$D/els1/state" on && [ -d "$D/laser$first" ] &&
   wait_for 5 uevent_seen "ELSFP_EVENT=inserted"; then
	ok "ELSFP inserted: els1 on, laser$first back, uevents"
else
	not_ok "ELSFP inserted: els1 on, laser$first back, uevents" \
		"state $(cat "$D/els1/state")"
fi

# firmware hang: the device fails, reads return EIO; it recovers
sim fw-hang >/dev/null
if wait_for 20 attr_is "$D/state" failed && reads_fail "$D/oe0/temperature" &&
   uevent_seen "CPO_STATE=failed"; then
	ok "firmware hang: state failed, reads fail, uevent"
else
	not_ok "firmware hang: state failed, reads fail, uevent" "state $(cat "$D/state")"
	sed 's/^/#   /' "$tmp/uevents" | tail -n 20
fi
sim fw-resume >/dev/null
check "firmware resumed: state ok and telemetry readable" \
	wait_for 20 eval 'attr_is "$D/state" ok && cat "$D/oe0/temperature"'

# an event storm is consumed, overflow or not, and leaves the device ok
before=$(counter events)
sim event-storm 20000 >/dev/null
sleep 3
after=$(counter events)
if [ "$after" -gt "$before" ] && attr_is "$D/state" ok && cat "$D/oe0/temperature" >/dev/null; then
	ok "event storm: events $before -> $after, overflows $(counter overflows), state ok"
else
	not_ok "event storm" "events $before -> $after, state $(cat "$D/state")"
fi

# hostile device writes: the driver survives and keeps serving
for r in telemetry ring mailbox; do
	sim hostile $r >/dev/null
done
sleep 2
echo 1 >"$D/laser0/enable" 2>/dev/null
if attr_is "$D/state" ok && cat "$D"/oe*/temperature >/dev/null &&
   wait_for 10 eval 'echo 1 >"$D/laser0/enable"'; then
	ok "hostile telemetry, ring and mailbox: device serves, $(counter bad_events) bad events dropped"
else
	not_ok "hostile telemetry, ring and mailbox" "state $(cat "$D/state")"
fi

# and events flow again through the ring afterwards
before=$(counter events)
sim laser-fail 2 on >/dev/null
if wait_for 15 eval '[ "$(counter events)" -gt "$before" ] && attr_is "$D/laser2/state" fault'; then
	ok "after hostile writes, events flow: events $before -> $(counter events)"
else
	not_ok "after hostile writes, events flow" "events $before -> $(counter events)"
fi
sim laser-fail 2 off >/dev/null
wait_for 20 attr_is "$D/laser2/state" on

# a forged event that passes validation (slot 5 in fault) is put right
# from telemetry: ELS_STATE (4) of ELS (4) 5, value FAULT (7)
fixes=$(counter els_fixes)
sim event-forge 4 4 5 7 >/dev/null
if wait_for 10 eval '[ "$(counter els_fixes)" -gt "$fixes" ]' &&
   wait_for 5 attr_is "$D/els5/state" on; then
	ok "a forged slot event is put right from telemetry (els_fixes $fixes -> $(counter els_fixes))"
else
	not_ok "a forged slot event is put right from telemetry" \
		"els5 $(cat "$D/els5/state"), els_fixes $fixes -> $(counter els_fixes)"
fi

ktap_finished
