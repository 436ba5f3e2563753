#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The guest's half of tests/qmp-replug.sh: the host removes the
# ivshmem-plain function with QMP device_del and plugs it again with
# device_add; this side keeps readers busy, tells the host where it is
# through /run/cpo/phase ("bound N", "removed N", "done") and binds the
# function again each time it comes back (new memory backend object,
# same file: the same window).  KTAP on stdout, figures last.
#
# Usage: qmp-replug-guest.sh CYCLES

. "$(dirname "$0")/../cpo/lib.sh"

cycles=${1:-3}
phase=/run/cpo/phase

need_root
need_cmd cpoctl
[ -d /run/cpo ] || ktap_skip_all "not in a run-vm.sh guest"

bdf=$(cpo_bdf) || ktap_skip_all "no ivshmem function"
class_ready() { [ -e "$(cpo_dev)/model" ] && grep -qx ok "$(cpo_dev)/state"; }
function_gone() { [ ! -e "/sys/bus/pci/devices/$bdf" ]; }
function_back() { [ -e "/sys/bus/pci/devices/$bdf" ]; }

# tell_host WORDS: the new phase, replaced at once (the host polls it)
tell_host()
{
	echo "$*" >"$phase.new" && mv "$phase.new" "$phase"
}

cleanup()
{
	load_stop >/dev/null 2>&1
	tell_host done
}
trap cleanup EXIT

ktap_plan 6

module_restore && wait_for 15 class_ready
polled=$(cat "/sys/kernel/debug/cpo/$(basename "$(cpo_dev)")/use_msix" 2>/dev/null)
check_eq "ivshmem-plain: the driver polls (use_msix)" N "$polled"

mark="cpo-qmp-replug-$$"
kmsg_mark "$mark"
refcnt0=$(module_refcnt)
slab0=$(slab_settle /tmp/cpo-slab0.$$)
start=$SECONDS
load_start
errors=0
first_err=
unplugs=0
for ((i = 1; i <= cycles; i++)); do
	tell_host bound "$i"
	if ! wait_for 120 function_gone; then
		errors=$((errors + 1))
		first_err=${first_err:-"cycle $i: the function was not removed"}
		break
	fi
	unplugs=$((unplugs + 1))
	wait_for 10 sh -c "! [ -e $(cpo_dev) ]" ||
		{ errors=$((errors + 1)); first_err=${first_err:-"cycle $i: class device stays"}; }
	tell_host removed "$i"
	if ! wait_for 120 function_back; then
		errors=$((errors + 1))
		first_err=${first_err:-"cycle $i: the function did not come back"}
		break
	fi
	if ! module_bind || ! wait_for 15 class_ready; then
		errors=$((errors + 1))
		first_err=${first_err:-"cycle $i: bind after device_add"}
	fi
done
load_stop
secs=$((SECONDS - start))

check_eq "$cycles device_del/device_add cycles under load" "0 errors" \
	"$errors errors${first_err:+ (first: $first_err)}"
check "device answers after the cycles" cpoctl dev show
check_eq "module reference count back to its start" "$refcnt0" "$(module_refcnt)"
slab_and_log_check "$((1024 + 16 * cycles))" "" "$mark"
diag "cycles=$cycles unplugs=$unplugs errors=$errors load: $load_totals" \
	"slab_delta_kib=$delta refcnt=$refcnt0->$(module_refcnt) reports=$reports seconds=$secs"
ktap_finished
