#!/bin/bash
# profile: tiny
# timeout: 180
# runs last: it kills the device model, which cannot come back in this guest
# SPDX-License-Identifier: GPL-2.0
#
# Surprise removal: the device model's process dies (SIGKILL, by its own
# 'die' command) while the guest runs and readers are busy.  QEMU keeps
# the function: BAR2 stays mapped, doorbell writes go nowhere, the
# heartbeat stops.  The heartbeat watchdog must mark the device failed,
# every request must get a clear error (sysfs and hwmon -EIO, netlink
# with an extack message, ethtool -m), and unbind, rmmod, insmod and bind
# must all complete, and probe must refuse the function afterwards.
# Leaves the module loaded and the function unbound.

. "$(dirname "$0")/lib.sh"

need_root
need_cmd cpoctl cpo-sim

cleanup()
{
	load_stop >/dev/null 2>&1
	module_load >/dev/null 2>&1
}
trap cleanup EXIT

module_restore || ktap_skip_all "cpo cannot be loaded and bound"
class_ready() { [ -e "$(cpo_dev)/model" ] && grep -qx ok "$(cpo_dev)/state"; }
class_failed() { grep -qx failed "$(cpo_dev)/state"; }
wait_for 10 class_ready || ktap_skip_all "cpo0 not ready"
sim ping >/dev/null 2>&1 || ktap_skip_all "device model does not answer"

ktap_plan 12

mark="cpo-selftest-surprise-$$"
kmsg_mark "$mark"
port=$(basename "$(ls -d /sys/class/net/cpo* 2>/dev/null | head -n 1)")
hwmon=
for h in /sys/class/hwmon/hwmon*; do
	[ "$(cat "$h/name" 2>/dev/null)" = cpo_oe0 ] && { hwmon=$h; break; }
done
misses=$(cat /sys/module/cpo/parameters/heartbeat_misses)

load_start
sleep 2
# The host's run-vm.sh takes the model's exit for a failure unless told.
[ ! -d /run/cpo ] || : >/run/cpo/sim-killed 2>/dev/null
start=$SECONDS
out=$(sim die 2>&1)
if ! sim ping >/dev/null 2>&1; then
	ok "device model killed ($out)"
else
	not_ok "device model killed" "it still answers: $out"
fi
if wait_for 30 class_failed; then
	ok "heartbeat watchdog marks the device failed ($((SECONDS - start))s, heartbeat_misses=$misses)"
else
	not_ok "heartbeat watchdog marks the device failed" "state $(cpo_attr state)"
fi
sleep 2
load_stop
load=$load_totals

if dmesg | sed -n "/$mark/,\$p" | grep -q 'device failed: heartbeat stopped'; then
	ok "one log line says why"
else
	not_ok "one log line says why" "no 'device failed: heartbeat stopped'"
fi

# sysfs: a live value needs the device
err=$(cat "$(cpo_dev)/oe0/temperature" 2>&1 >/dev/null)
if grep -q -E 'Input/output error|No such device' <<<"$err"; then
	ok "sysfs read fails: ${err##*: }"
else
	not_ok "sysfs read fails with EIO or ENODEV" "got '$err'"
fi
if [ -n "$hwmon" ]; then
	err=$(cat "$hwmon"/temp1_input 2>&1 >/dev/null)
	if grep -q -E 'Input/output error|No such device' <<<"$err"; then
		ok "hwmon read fails: ${err##*: }"
	else
		not_ok "hwmon read fails with EIO or ENODEV" "got '$err'"
	fi
else
	skip "hwmon read fails" "no cpo_oe0 hwmon chip"
fi

# netlink: an error with the extack's words, on one line
dump_all=$(timeout 30 cpoctl -j lane show 2>&1)
out=$(timeout 30 cpoctl -d 0 lane show 2>&1)
rc=$?
if [ $rc != 0 ] && [ $rc != 124 ] && [ "$(wc -l <<<"$out")" = 1 ] &&
   grep -q -i -E 'fail|input/output' <<<"$out"; then
	ok "netlink dump fails clearly: $out"
else
	not_ok "netlink dump fails clearly" "exit $rc: $out"
fi
out=$(timeout 30 cpoctl laser set 0 enable on 2>&1)
rc=$?
if [ $rc != 0 ] && [ $rc != 124 ] && grep -q -i -E 'fail|input/output' <<<"$out"; then
	ok "netlink set fails clearly: $out"
else
	not_ok "netlink set fails clearly" "exit $rc: $out"
fi
if [ -n "$port" ] && command -v ethtool >/dev/null; then
	out=$(timeout 30 ethtool -m "$port" 2>&1)
	rc=$?
	if [ $rc != 0 ] && [ $rc != 124 ]; then
		ok "ethtool -m fails: $(head -n 1 <<<"$out")"
	else
		not_ok "ethtool -m fails" "exit $rc"
	fi
else
	skip "ethtool -m fails" "no port netdev or ethtool"
fi

# unbind and rmmod complete against the dead model
start=$SECONDS
if timeout 30 bash -c ". ./lib.sh; module_unbind" && ! cpo_is_bound; then
	ok "unbind completes ($((SECONDS - start))s)"
else
	not_ok "unbind completes"
fi
module_bind >/dev/null 2>&1
start=$SECONDS
if timeout 30 rmmod cpo && ! cpo_is_loaded; then
	ok "rmmod completes ($((SECONDS - start))s)"
else
	not_ok "rmmod completes"
fi

# The function is still there, its memory holds the last window (READY,
# the last mailbox completion): probe must see that the mailbox does not
# answer and refuse it, in bounded time.
start=$SECONDS
module_load
if timeout 60 bash -c ". ./lib.sh; module_bind" >/dev/null 2>&1; then
	not_ok "bind again: probe refuses the dead device" "bound, state $(cpo_attr state 2>&1)"
elif [ $((SECONDS - start)) -lt 60 ] && cpo_is_loaded && ! cpo_is_bound; then
	ok "bind again: probe refuses the dead device ($((SECONDS - start))s)"
else
	not_ok "bind again: probe refuses the dead device" "after $((SECONDS - start))s"
fi

reports=$(kmsg_reports "$mark")
check_eq "kernel log reports" 0 "$reports"
diag "load: $load reports=$reports; a dump of every device: '$dump_all'"
dmesg | sed -n "/$mark/,\$p" | grep -i cpo | tail -n 12 | sed 's/^/#   /'
ktap_finished
