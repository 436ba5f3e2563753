#!/bin/bash
# profile: tiny
# timeout: 900
# SPDX-License-Identifier: GPL-2.0
#
# Load and unload under fire: rmmod/insmod cycles and unbind/bind cycles
# while netlink dumps, 'cpoctl monitor', sysfs and hwmon readers and
# 'ethtool -m' run.  Slab usage and the module's reference count are
# compared before and after, and the kernel log must hold no report.
# Prints its figures at the end.  Leaves the module loaded and bound.
#
# Environment: CPO_RELOAD_CYCLES (default 50) cycles of each kind.

. "$(dirname "$0")/lib.sh"

need_root
need_cmd cpoctl

cycles=${CPO_RELOAD_CYCLES:-50}

cleanup()
{
	load_stop >/dev/null 2>&1
	module_restore >/dev/null 2>&1
}
trap cleanup EXIT

module_restore || ktap_skip_all "cpo cannot be loaded and bound"
class_gone() { [ ! -e "$(cpo_dev)" ]; }
class_back() { [ -e "$(cpo_dev)/model" ] && grep -qx ok "$(cpo_dev)/state"; }
wait_for 10 class_back || ktap_skip_all "cpo0 not ready"

ktap_plan 7

mark="cpo-selftest-reload-fire-$$"
kmsg_mark "$mark"
refcnt0=$(module_refcnt)
slab0=$(slab_settle /tmp/cpo-slab0.$$)
errors=0
first_err=

# fail_cycle WHAT: count a failed cycle and get back to loaded and bound.
fail_cycle()
{
	errors=$((errors + 1))
	first_err=${first_err:-$1}
	module_restore
	wait_for 15 class_back
}

load_start

# rmmod/insmod: rmmod while bound (the readers hold files and sockets of
# the device), then load and bind again.  A dump in flight holds the
# module for its lifetime; module_rmmod tries again then (rmmod_busy).
start=$SECONDS
rm_errors=$errors
for ((i = 1; i <= cycles; i++)); do
	if ! module_rmmod 30; then
		fail_cycle "rmmod cycle $i: rmmod"
		continue
	fi
	if cpo_is_loaded; then
		fail_cycle "rmmod cycle $i: module still there"
		continue
	fi
	if ! module_load; then
		fail_cycle "rmmod cycle $i: insmod"
		continue
	fi
	if ! module_bind || ! wait_for 15 class_back; then
		fail_cycle "rmmod cycle $i: bind"
		continue
	fi
done
rm_errors=$((errors - rm_errors))
rm_secs=$((SECONDS - start))

start=$SECONDS
ub_errors=$errors
for ((i = 1; i <= cycles; i++)); do
	if ! module_unbind || ! wait_for 10 class_gone; then
		fail_cycle "unbind cycle $i: unbind"
		continue
	fi
	if ! module_bind || ! wait_for 15 class_back; then
		fail_cycle "unbind cycle $i: bind"
		continue
	fi
done
ub_errors=$((errors - ub_errors))
ub_secs=$((SECONDS - start))
load_stop
load=$load_totals

check_eq "$cycles rmmod/insmod cycles under load (${rm_secs}s)" 0 "$rm_errors"
check_eq "$cycles unbind/bind cycles under load (${ub_secs}s)" 0 "$ub_errors"
[ -z "$first_err" ] || diag "first failure: $first_err"
check "device answers after the cycles" cpoctl dev show
check "hwmon chips back" sh -c 'grep -qx "cpo_oe0" /sys/class/hwmon/hwmon*/name'
check_eq "module reference count back to its start" "$refcnt0" "$(module_refcnt)"
# Slab usage moves with the readers' own files and sockets; the device's
# state is kilobytes, so a per-cycle leak of it shows over the cycles.
slab_and_log_check "$((1024 + 8 * cycles))" " over $((2 * cycles)) cycles" "$mark"

diag "cycles=$((2 * cycles)) (rmmod $cycles in ${rm_secs}s, unbind $cycles in ${ub_secs}s)" \
	"unplugs=$((2 * cycles)) errors=$errors load: $load slab_delta_kib=$delta" \
	"refcnt=$refcnt0->$(module_refcnt) rmmod_busy=$rmmod_busy reports=$reports"
ktap_finished
