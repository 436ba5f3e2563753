#!/bin/bash
# profile: tiny
# timeout: 180
# SPDX-License-Identifier: GPL-2.0
#
# Driver lifecycle against the device model: unbind and rebind, rmmod
# while bound, rmmod while a mailbox command hangs in the firmware, a
# device whose host interface signature is wrong, and commands to a
# firmware that stopped answering.  Leaves the module loaded and bound,
# whatever happens.

. "$(dirname "$0")/lib.sh"

need_root
need_cmd cpo-sim

cleanup()
{
	sim fw-resume >/dev/null 2>&1
	[ -z "${old_tmo:-}" ] || echo "$old_tmo" >"$param"
	[ -z "${old_misses:-}" ] || echo "$old_misses" >"$misses"
	[ -z "${magic:-}" ] || sim poke ident.magic "$magic" >/dev/null 2>&1
	module_restore >/dev/null 2>&1
}
trap cleanup EXIT

class_gone() { [ ! -e "$(cpo_dev)" ]; }
class_back() { [ -e "$(cpo_dev)/model" ]; }

ktap_plan 13

# 1-2: unbind and rebind
if module_unbind && wait_for 10 class_gone; then
	ok "unbind removes $(cpo_dev)"
else
	not_ok "unbind removes $(cpo_dev)"
fi
if module_bind && wait_for 10 class_back; then
	ok "rebind brings $(cpo_dev) back"
else
	not_ok "rebind brings $(cpo_dev) back"
fi

# 3-4: rmmod while bound, then load and bind again
if timeout 30 rmmod cpo && ! cpo_is_loaded; then
	ok "rmmod while bound"
else
	not_ok "rmmod while bound"
fi
if module_load && module_bind && wait_for 10 class_back; then
	ok "insmod and bind again"
else
	not_ok "insmod and bind again"
fi

# 5-6: rmmod while a mailbox command waits on hung firmware.  ethtool -m
# reads the port's CMIS pages through the mailbox.
port=
for n in /sys/class/net/cpo0p*; do
	[ -e "$n" ] && { port=$(basename "$n"); break; }
done
if ! sim fw-hang >/dev/null 2>&1; then
	skip "rmmod with a mailbox command in flight" "device model has no fw-hang"
	skip "module loads again after a hung command" "device model has no fw-hang"
elif [ -z "$port" ] || ! command -v ethtool >/dev/null; then
	sim fw-resume >/dev/null 2>&1
	skip "rmmod with a mailbox command in flight" "no port netdev or ethtool"
	skip "module loads again after a hung command" "no port netdev or ethtool"
else
	ethtool -m "$port" >/dev/null 2>&1 &
	cmd=$!
	sleep 0.5
	start=$SECONDS
	if timeout 60 rmmod cpo; then
		ok "rmmod with a mailbox command in flight ($((SECONDS - start))s)"
	else
		not_ok "rmmod with a mailbox command in flight" "rmmod did not complete"
	fi
	wait_for 30 sh -c "! kill -0 $cmd" || kill "$cmd" 2>/dev/null
	wait "$cmd" 2>/dev/null
	sim fw-resume >/dev/null 2>&1
	if module_load && module_bind && wait_for 10 class_back; then
		ok "module loads again after a hung command"
	else
		not_ok "module loads again after a hung command"
	fi
fi

# 7-9: a device with a wrong signature is refused with one clear line
magic=$(sim peek ident.magic 2>/dev/null)
if ! sim poke ident.magic 0 >/dev/null 2>&1; then
	magic=
	skip "wrong signature refused" "device model has no poke"
	skip "one log line names the refusal" "device model has no poke"
	skip "good signature binds again" "device model has no poke"
else
	magic=${magic:-0x314f5043}
	module_unbind
	mark="cpo-selftest-lifecycle-$$"
	echo "$mark" >/dev/kmsg
	if module_bind; then
		not_ok "wrong signature refused" "bound a device with magic 0"
	else
		ok "wrong signature refused"
	fi
	lines=$(dmesg | sed -n "/$mark/,\$p" | grep -c -i -E 'cpo.*(signature|magic)')
	if [ "$lines" = 1 ]; then
		ok "one log line names the refusal"
	else
		not_ok "one log line names the refusal" "$lines lines mention signature/magic"
		dmesg | sed -n "/$mark/,\$p" | tail -n 5 | sed 's/^/#   /'
	fi
	sim poke ident.magic "$magic" >/dev/null 2>&1
	magic=
	if module_bind && wait_for 10 class_back; then
		ok "good signature binds again"
	else
		not_ok "good signature binds again"
	fi
fi

# 10-11: a command to a firmware that stopped answering fails with a
# timeout error, not a hang.  The mailbox timeout is shortened below the
# heartbeat watchdog's, so that the device is not declared failed first.
param=/sys/module/cpo/parameters/mbox_timeout_ms
old_tmo=$(cat "$param")
echo 200 >"$param"
sim fw-hang >/dev/null
start=$SECONDS
out=$(timeout 60 cpoctl laser set 0 enable on 2>&1)
rc=$?
sim fw-resume >/dev/null
echo "$old_tmo" >"$param"
if [ $rc != 0 ] && [ $rc != 124 ] && grep -q "did not answer" <<<"$out" &&
   grep -qi "timed out" <<<"$out"; then
	ok "command to a hung firmware times out ($((SECONDS - start))s): $out"
else
	not_ok "command to a hung firmware times out" "exit $rc: $out"
fi
if wait_for 30 grep -qx ok "$(cpo_dev)/state" && cpoctl laser set 0 enable on; then
	ok "commands work again once the firmware answers"
else
	not_ok "commands work again once the firmware answers" "state $(cat "$(cpo_dev)/state")"
fi

# 12-13: a set waiting for the firmware holds up no one else: gets and
# dumps of the same device are answered while it waits.  The mailbox
# timeout and the heartbeat watchdog are lengthened so that the set is
# still waiting when the reads are done.
misses=/sys/module/cpo/parameters/heartbeat_misses
old_misses=$(cat "$misses")
mbox_cmds=/sys/kernel/debug/cpo/$(basename "$(cpo_dev)")/mbox_cmds
echo 60000 >"$param"
echo 100000 >"$misses"
sim fw-hang >/dev/null
before=$(cat "$mbox_cmds" 2>/dev/null || echo 0)
cpoctl laser set 0 enable on >/tmp/lifecycle.set 2>&1 &
set_pid=$!
wait_for 10 sh -c "[ \$(cat $mbox_cmds 2>/dev/null || echo 0) -gt $before ]"
if timeout 30 cpoctl -j dev show >/dev/null &&
   timeout 30 cpoctl -j laser show 0 >/dev/null &&
   timeout 30 cpoctl -j lane show >/dev/null &&
   kill -0 "$set_pid" 2>/dev/null; then
	ok "reads answered while a set waits for the firmware"
else
	not_ok "reads answered while a set waits for the firmware" \
		"a get or dump waited for the set, or the set ended: $(cat /tmp/lifecycle.set)"
fi
sim fw-resume >/dev/null
if wait_for 30 sh -c "! kill -0 $set_pid" && wait "$set_pid"; then
	ok "the waiting set completes once the firmware answers"
else
	kill "$set_pid" 2>/dev/null
	not_ok "the waiting set completes once the firmware answers" "$(cat /tmp/lifecycle.set)"
fi
echo "$old_tmo" >"$param"
echo "$old_misses" >"$misses"

ktap_finished
