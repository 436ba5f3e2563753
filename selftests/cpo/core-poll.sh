#!/bin/bash
# profile: tiny
# SPDX-License-Identifier: GPL-2.0
#
# The polling fallback: with force_poll=1 the driver uses no MSI-X, and
# mailbox commands, ELSFP events and the heartbeat watchdog still work.
# Reloads the module normally at the end.

. "$(dirname "$0")/lib.sh"

need_root
need_cmd cpo-sim

D=$(cpo_dev)
dbg() { cat "/sys/kernel/debug/cpo/$(basename "$D")/$1"; }
attr_is() { [ "$(cat "$1" 2>/dev/null)" = "$2" ]; }

cleanup()
{
	sim fw-resume >/dev/null 2>&1
	[ "$(cat "$D/els0/present" 2>/dev/null)" = 1 ] || sim els-insert 0 >/dev/null 2>&1
	module_unload >/dev/null 2>&1
	module_restore >/dev/null 2>&1
}
trap cleanup EXIT

ktap_plan 5

if module_unbind && module_unload && insmod "$CPO_KO" force_poll=1 &&
   module_bind && wait_for 10 test -e "$D/model"; then
	ok "reloaded with force_poll=1"
else
	not_ok "reloaded with force_poll=1"
	ktap_finished
fi
check_eq "debugfs use_msix is N" N "$(dbg use_msix)"
check "a mailbox command completes by polling" eval 'echo 1 >"$D/laser0/enable"'
sim els-pull 0 >/dev/null
check "ELSFP pull seen by polling the ring" wait_for 10 eval '[ ! -e "$D/laser0" ] && attr_is "$D/els0/state" empty'
sim els-insert 0 >/dev/null
sim fw-hang >/dev/null
check "insert, then a firmware hang, seen by the watchdog" \
	wait_for 20 eval 'attr_is "$D/state" failed'
sim fw-resume >/dev/null
wait_for 30 eval 'attr_is "$D/state" ok && attr_is "$D/els0/state" on'

ktap_finished
