#!/bin/bash
# profile: tiny
# timeout: 600
# SPDX-License-Identifier: GPL-2.0
#
# Hot-unplug and re-plug under load, from the guest's side: the PCI
# function is removed through sysfs (the same driver path as a pciehp
# removal), the bus rescanned and the function bound again, many times,
# while netlink dumps, 'cpoctl monitor', sysfs and hwmon readers and
# 'ethtool -m' run.  QEMU's own device_del of the ivshmem-doorbell
# function crashes QEMU (Documentation/cpo/testbed.rst), so the guest
# does the removal.  Leaves the module loaded and bound.
#
# Environment: CPO_UNPLUG_CYCLES (default 20).

. "$(dirname "$0")/lib.sh"

need_root
need_cmd cpoctl

cycles=${CPO_UNPLUG_CYCLES:-20}

cleanup()
{
	load_stop >/dev/null 2>&1
	[ -z "${bdf:-}" ] || [ -e "/sys/bus/pci/devices/$bdf" ] || echo 1 >/sys/bus/pci/rescan
	module_restore >/dev/null 2>&1
}
trap cleanup EXIT

bdf=$(cpo_bdf) || ktap_skip_all "no ivshmem function"
module_restore || ktap_skip_all "cpo cannot be loaded and bound"
class_gone() { [ ! -e "$(cpo_dev)" ]; }
class_back() { [ -e "$(cpo_dev)/model" ] && grep -qx ok "$(cpo_dev)/state"; }
function_back() { [ -e "/sys/bus/pci/devices/$bdf" ]; }
wait_for 10 class_back || ktap_skip_all "cpo0 not ready"

ktap_plan 6

mark="cpo-selftest-unplug-$$"
kmsg_mark "$mark"
refcnt0=$(module_refcnt)
slab0=$(slab_settle /tmp/cpo-slab0.$$)
start=$SECONDS

load_start
errors=0
done_cycles=0
first_err=
for ((i = 1; i <= cycles; i++)); do
	step=
	echo 1 >"/sys/bus/pci/devices/$bdf/remove" || step="remove"
	[ -n "$step" ] || wait_for 10 class_gone || step="class device stays after remove"
	[ -n "$step" ] || [ ! -e "/sys/bus/pci/devices/$bdf" ] || step="function stays after remove"
	echo 1 >/sys/bus/pci/rescan
	[ -n "$step" ] || wait_for 10 function_back || step="rescan"
	[ -n "$step" ] || module_bind || step="bind"
	[ -n "$step" ] || wait_for 15 class_back || step="class device not ready after bind"
	if [ -n "$step" ]; then
		errors=$((errors + 1))
		first_err=${first_err:-"cycle $i: $step"}
		# back to a bound function before the next cycle
		function_back || echo 1 >/sys/bus/pci/rescan
		wait_for 10 function_back
		module_bind
		wait_for 15 class_back
	fi
	done_cycles=$i
done
load_stop
load=$load_totals
secs=$((SECONDS - start))

check_eq "$done_cycles remove/rescan/bind cycles under load" "0 errors" \
	"$errors errors${first_err:+ (first: $first_err)}"
check "device answers after the cycles" cpoctl dev show
check "port netdev back" sh -c 'ls -d /sys/class/net/cpo* >/dev/null'
check_eq "module reference count back to its start" "$refcnt0" "$(module_refcnt)"
# Slab usage moves with the readers' own files; a leak of the device's
# state (kilobytes per cycle) shows over the cycles.
slab_and_log_check "$((1024 + 16 * cycles))" " over $done_cycles cycles" "$mark"

diag "cycles=$done_cycles unplugs=$done_cycles errors=$errors load: $load" \
	"slab_delta_kib=$delta refcnt=$refcnt0->$(module_refcnt) reports=$reports seconds=$secs"
ktap_finished
