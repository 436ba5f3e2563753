#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The test aggregator behind 'make check'.  Runs the host unit tests
# ('make -C tools/X check' where that target exists, and every executable
# tools/*/tests/run-tests), then, with --vm, one guest per profile that
# the selftests name, running selftests/cpo/run.sh PROFILE in it, and the
# default profile once more on the second kernel (6.12).  Counts
# TAP results across everything, prints one summary line per suite and
# ends with exactly one line "N passed, N failed, N skipped".  A dirty
# guest kernel log counts as one failure, named with its log file.
#
# Usage: tests/run-host-tests.sh [--vm] [--profiles "P1 P2"] [--debug-kernel]
# It also runs tests/dkms.sh ('make dkms' for both kernels into scratch
# trees; with --vm, the installed module in a guest too).
# With --vm it also runs tests/qmp-replug.sh (QMP device_del/device_add
# in a guest of its own) and tests/fresh-machine.sh (README's set-up and
# 'make demo' in a bare Debian 12 root).
#
# --debug-kernel (make check-debug) runs only this instead: build or find
# the debug kernel (selftests/vm/build-debug-kernel.sh), build cpo.ko
# against it with W=1 under build/debug/KVER, and run on it the default
# profile's selftests in one guest and the fault suites (hostile device,
# fuzzing, load and unload under fire, unplug, surprise removal,
# privileges) in a second guest at the same time, each with one CPU,
# every test's timeout multiplied by CPO_TIMEOUT_MULT (default 10) and a
# kmemleak scan before power-off; any sanitizer, lockdep or leak report
# fails it.
#
# Environment: PROFILES restricts the guests, CPO_NO_KVM=1 forces TCG,
# CPO_VM_BUDGET_MAX caps one guest's run in seconds (default 1500, times
# CPO_TIMEOUT_MULT on the debug kernel), CPO_VM_CHUNK splits a profile
# among guests (see below), CPO_FRESH=0 leaves out the
# fresh-machine suite (counted as skipped).
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
vm=0
debug=0
profiles=${PROFILES:-}
while [ $# -gt 0 ]; do
	case $1 in
	--vm) vm=1; shift ;;
	--debug-kernel) debug=1; shift ;;
	--profiles) profiles=$2; shift 2 ;;
	*) echo "run-host-tests: unknown option $1" >&2; exit 2 ;;
	esac
done

logs=$top/build/check
mkdir -p "$logs"
total_pass=0
total_fail=0
total_skip=0
suites=()

# add SUITE PASS FAIL SKIP [NOTE]
add()
{
	total_pass=$((total_pass + $2))
	total_fail=$((total_fail + $3))
	total_skip=$((total_skip + $4))
	suites+=("$(printf '%-24s pass:%-4s fail:%-4s skip:%-4s %s' "$1" "$2" "$3" "$4" "${5:-}")")
}

# count_tap FILE: "pass fail skip" of the top-level TAP lines in FILE.
count_tap()
{
	local p s f
	p=$(grep -cE '^ok [0-9]+' "$1")
	s=$(grep -cE '^ok [0-9]+.*# *(SKIP|skip)' "$1")
	f=$(grep -cE '^not ok [0-9]+' "$1")
	echo "$((p - s)) $f $s"
}

# run_host_suite NAME CMD...: run CMD, echo its output, count its TAP.
run_host_suite()
{
	local name=$1 log rc p f s note=
	shift
	log=$logs/$name.log
	echo "== $name: $*"
	"$@" 2>&1 | tee "$log"
	rc=${PIPESTATUS[0]}
	read -r p f s < <(count_tap "$log")
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
		f=1
		note="(exit $rc without a failed test: see $log)"
		echo "FAIL: $name exited $rc; see $log"
	fi
	add "$name" "$p" "$f" "$s" "$note"
}

# Per guest: the factor on every selftest's timeout, the boot's share of
# the budget, extra run-vm.sh options.
guest_mult=1
guest_boot=120
vm_args=()

# debug_kernel_tap: the debug kernel and cpo.ko built against it, as TAP;
# leaves the kernel's settings in $logs/debug-kernel.env.
debug_kernel_tap()
{
	local out kver tree image src
	echo "TAP version 13"
	echo "1..2"
	rm -f "$logs/debug-kernel.env"
	if ! out=$("$top/selftests/vm/build-debug-kernel.sh"); then
		echo "not ok 1 - debug kernel build"
		echo "not ok 2 - cpo.ko W=1 build against the debug kernel # no kernel"
		return 1
	fi
	kver=$(sed -n 's/^kver=//p' <<<"$out")
	tree=$(sed -n 's/^tree=//p' <<<"$out")
	image=$(sed -n 's/^image=//p' <<<"$out")
	echo "ok 1 - debug kernel $kver ($image)"
	src=$top/build/debug/$kver
	"$top/tests/w1-build.sh" 2 "$kver" "$tree" "$src" || return 1
	printf 'dk_kver=%q\ndk_image=%q\ndk_ko=%q\n' "$kver" "$image" \
		"$src/drivers/cpo/cpo.ko" >"$logs/debug-kernel.env"
}

# make check-debug's fault suites beside the default profile (nl-bad-input.c
# is in it): tiny's in make check
debug_fault_tests="hostile-device.sh nl-fuzz.c reload-fire.sh unplug.sh surprise.sh priv-netns.sh"
# A load/unload cycle takes 22-24 s on the debug kernel under TCG (under
# 1 s on Debian's): make check runs 50 + 50 of them, make check-debug
# CPO_DEBUG_RELOAD_CYCLES of each.
debug_reload_cycles=${CPO_DEBUG_RELOAD_CYCLES:-10}

if [ $debug = 1 ]; then
	run_host_suite debug-kernel debug_kernel_tap
	vm=1
	profiles=th6-102t
	# Under TCG the debug kernel hangs in the RCU self-tests with two
	# CPUs and "-cpu max"; one qemu64 CPU boots.  It is ~40x slower on
	# sysfs reads than Debian's kernel, hence the factor on the timeouts.
	guest_mult=${CPO_TIMEOUT_MULT:-10}
	guest_boot=600
	vm_args=(--kmemleak)
	export CPO_QEMU_SMP=${CPO_QEMU_SMP:-1} CPO_QEMU_CPU=${CPO_QEMU_CPU:-qemu64}
	export CPO_KERNEL_ARGS=${CPO_KERNEL_ARGS:-printk.time=1}
	export CPO_TIMEOUT_MULT=$guest_mult
fi

# --- the module against every kernel of the matrix, checkpatch ---
if [ $debug = 0 ]; then
	run_host_suite build-matrix "$top/tests/build-matrix.sh"
	run_host_suite doc-files "$top/tests/doc-files.sh"
	run_host_suite ynl-regen "$top/tests/ynl-regen.sh"
	# make dkms into scratch trees; its guest only with --vm
	CPO_DKMS_GUEST=$vm run_host_suite dkms "$top/tests/dkms.sh"
fi

# --- host unit tests ---
for d in tools/*/; do
	[ $debug = 0 ] || break
	d=${d%/}
	if [ -f "$d/Makefile" ]; then
		# 'make -q' runs nothing; it exits 2 only without such a target.
		make -C "$d" -q check >/dev/null 2>&1
		if [ $? != 2 ]; then
			run_host_suite "$(basename "$d")" make -s --no-print-directory -C "$d" check
		fi
	fi
	if [ -x "$d/tests/run-tests" ]; then
		run_host_suite "$(basename "$d")-tests" "$d/tests/run-tests"
	fi
done

# --- guests ---
if [ $vm = 1 ]; then
	if [ -z "$profiles" ]; then
		profiles=$(for f in selftests/cpo/*.sh selftests/cpo/*.c; do
				[ -f "$f" ] || continue
				case $(basename "$f") in lib.sh|run.sh) continue ;; esac
				sed -n '2{s,\*/,,;s/.*profile:[[:space:]]*//p}' "$f" | tr ', ' '\n\n'
			   done | sed '/^$/d' | sort -u | tr '\n' ' ')
	fi
	default_t=$(sed -n 's/^timeout=//p' selftests/cpo/settings 2>/dev/null)

	# run_guest SUITE PROFILE: the selftests of PROFILE in one guest, on
	# the kernel KVER and with the module CPO_KO when they are set.
	run_guest()
	{
		local suite=$1 p=$2 budget max f t ld rc out line vp vf vs note secs
		local tests
		shift 2
		# TEST... after PROFILE: only those, else all of the profile's
		tests=("$@")
		[ ${#tests[@]} -gt 0 ] || tests=($(selftests/cpo/run.sh --list "$p"))
		# Time budget: every test's timeout plus the boot.
		budget=$guest_boot
		for f in "${tests[@]}"; do
			t=$(sed -n '3s/.*timeout:[[:space:]]*\([0-9]\+\).*/\1/p' "selftests/cpo/$f")
			budget=$((budget + ${t:-${default_t:-120}} * guest_mult))
		done
		# build/vm/SUITE unless another run holds it.
		ld=build/vm/${suite#guest-}
		mkdir -p "$ld"
		flock -n "$ld/.lock" true 2>/dev/null || ld=$logs/vm-${suite#guest-}
		# ... but never more than CPO_VM_BUDGET_MAX (CI has 90 minutes).
		max=${CPO_VM_BUDGET_MAX:-$((1500 * guest_mult))}
		[ "$budget" -le "$max" ] || budget=$max
		echo "== $suite: selftests/cpo/run.sh $p on ${KVER:-$(cat .cache/kver)} (budget ${budget}s, logs in $ld)"
		selftests/vm/run-vm.sh --profile "$p" --timeout "$budget" \
			--log-dir "$ld" "${vm_args[@]}" -- \
			${guest_env:+env $guest_env} selftests/cpo/run.sh "$p" "$@"
		rc=$?
		out=$ld/output.log
		line=$(grep -E "^# cpo-selftests $p: " "$out" 2>/dev/null | tail -n 1)
		if [ -n "$line" ]; then
			vp=$(sed 's/.*pass:\([0-9]*\).*/\1/' <<<"$line")
			vf=$(sed 's/.*fail:\([0-9]*\).*/\1/' <<<"$line")
			vs=$(sed 's/.*skip:\([0-9]*\).*/\1/' <<<"$line")
			note=
		else
			# Count what finished (one result per test), plus the failure.
			vp=$(grep -cE '^ok [0-9]+ selftests: ' "$out" 2>/dev/null)
			vs=$(grep -cE '^ok [0-9]+ selftests: .*# SKIP' "$out" 2>/dev/null)
			vf=$(grep -cE '^not ok [0-9]+ selftests: ' "$out" 2>/dev/null)
			vp=$((${vp:-0} - ${vs:-0}))
			vf=$((${vf:-0} + 1))
			vs=${vs:-0}
			note="(guest did not finish: exit $rc, see $ld/console.log)"
			echo "FAIL: $suite did not finish the selftests (exit $rc); see $ld/console.log"
		fi
		if grep -q 'dirty=1' "$ld/result" 2>/dev/null; then
			vf=$((vf + 1))
			note="$note (dirty kernel log: $ld/dmesg.log)"
			echo "FAIL: $suite: kernel log $ld/dmesg.log has warnings or errors"
		fi
		secs=$(sed -n 's/.*seconds=\([0-9]*\).*/\1/p' "$ld/result" 2>/dev/null)
		add "$suite" "$vp" "$vf" "$vs" "${secs:-?}s $note"
	}

	if [ $debug = 1 ]; then
		if [ -f "$logs/debug-kernel.env" ]; then
			. "$logs/debug-kernel.env"
			# The fault suites (tiny's in make check) in a second
			# one-CPU guest beside the default profile's: two at once
			# on two cores.  The subshell hands back its counts and
			# summary line through a file.
			fstate=$logs/guest-tiny-faults-debug.state
			rm -f "$fstate"
			(
				p0=$total_pass f0=$total_fail s0=$total_skip
				# shellcheck disable=SC2154 # dk_* come from debug-kernel.env
				KVER=$dk_kver CPO_KERNEL=$dk_image CPO_KO=$dk_ko \
					guest_env="CPO_RELOAD_CYCLES=$debug_reload_cycles" \
					run_guest guest-tiny-faults-debug tiny $debug_fault_tests
				printf '%s\n%s\n' "$((total_pass - p0)) $((total_fail - f0)) $((total_skip - s0))" \
					"${suites[-1]}" >"$fstate"
			) >"$logs/guest-tiny-faults-debug.log" 2>&1 &
			fpid=$!
			sleep 20	# the first guest builds the initramfs
			KVER=$dk_kver CPO_KERNEL=$dk_image CPO_KO=$dk_ko \
				run_guest guest-th6-102t-debug th6-102t
			wait "$fpid"
			cat "$logs/guest-tiny-faults-debug.log"
			if [ -s "$fstate" ]; then
				read -r fp ff fs <"$fstate"
				total_pass=$((total_pass + fp))
				total_fail=$((total_fail + ff))
				total_skip=$((total_skip + fs))
				suites+=("$(sed -n 2p "$fstate")")
			else
				add guest-tiny-faults-debug 0 1 0 "(no result: see $logs/guest-tiny-faults-debug.log)"
			fi
		else
			add guest-th6-102t-debug 0 1 0 "(no debug kernel or module: see $logs/debug-kernel.log)"
		fi
		profiles=
	fi
	# A profile whose tests' timeouts add up to more than CPO_VM_CHUNK
	# seconds (default 3000; tests take a third to a half of their
	# timeouts) runs in several guests, each filled up to it in list
	# order, so that no guest nears its CPO_VM_BUDGET_MAX.
	for p in $profiles; do
		chunk=()
		sum=$guest_boot
		part=0
		cap=$(( ${CPO_VM_CHUNK:-3000} * guest_mult ))
		for f in $(selftests/cpo/run.sh --list "$p"); do
			t=$(sed -n '3s/.*timeout:[[:space:]]*\([0-9]\+\).*/\1/p' "selftests/cpo/$f")
			t=$(( ${t:-${default_t:-120}} * guest_mult ))
			if [ ${#chunk[@]} -gt 0 ] && [ $((sum + t)) -gt "$cap" ]; then
				part=$((part + 1))
				run_guest "guest-$p-$part" "$p" "${chunk[@]}"
				chunk=()
				sum=$guest_boot
			fi
			chunk+=("$f")
			sum=$((sum + t))
		done
		if [ $part = 0 ]; then
			run_guest "guest-$p" "$p"
		else
			run_guest "guest-$p-$((part + 1))" "$p" "${chunk[@]}"
		fi
	done

	# The default profile again on the second kernel (6.12), with the
	# module the build matrix built for it: the tests that cover what
	# differs between the kernels.
	next=$(cat .cache/kver-next 2>/dev/null)
	next_p=th6-102t
	if [ $debug = 1 ] || [[ " $profiles " != *" $next_p "* ]]; then
		:	# a restricted run that leaves out the default profile
	elif [ -z "$next" ]; then
		add "guest-$next_p-6.12" 0 0 1 "(no 6.12 kernel installed)"
	elif [ ! -f "build/matrix/$next/drivers/cpo/cpo.ko" ]; then
		echo "FAIL: no cpo.ko built for $next (build-matrix)"
		add "guest-$next_p-${next%%+*}" 0 1 0 "(no module built for $next)"
	else
		# The tests of the default profile that reach code compat.h
		# shims (their "# compat:" line says what).
		next_tests=()
		for f in $(selftests/cpo/run.sh --list "$next_p"); do
			grep -q '^# compat:' "selftests/cpo/$f" && next_tests+=("$f")
		done
		KVER=$next CPO_KO=$top/build/matrix/$next/drivers/cpo/cpo.ko \
			run_guest "guest-$next_p-${next%%+*}" "$next_p" "${next_tests[@]}"
	fi
fi

# --- QEMU's own hot-unplug and re-plug (QMP, ivshmem-plain): one more
# guest, driven from here.
if [ $vm = 1 ] && [ $debug = 0 ]; then
	run_host_suite qmp-replug "$top/tests/qmp-replug.sh"
fi

# --- CPO_DEBUG_TESTS: a part of make check-debug inside make check ---
# .ci/run sets it to the tests of the default profile that fit its time:
# the debug kernel is built (or found in its cache), cpo.ko is built
# against it, and those tests run on it, counted in this summary.
if [ $vm = 1 ] && [ $debug = 0 ] && [ -n "${CPO_DEBUG_TESTS:-}" ]; then
	run_host_suite debug-kernel debug_kernel_tap
	if [ -f "$logs/debug-kernel.env" ]; then
		. "$logs/debug-kernel.env"
		guest_mult=${CPO_TIMEOUT_MULT:-10}
		guest_boot=600
		vm_args=(--kmemleak)
		# shellcheck disable=SC2086 # a list of test names
		CPO_QEMU_SMP=1 CPO_QEMU_CPU=qemu64 CPO_TIMEOUT_MULT=$guest_mult \
			CPO_KERNEL_ARGS=${CPO_KERNEL_ARGS:-printk.time=1} \
			KVER=$dk_kver CPO_KERNEL=$dk_image CPO_KO=$dk_ko \
			run_guest guest-th6-102t-debug th6-102t $CPO_DEBUG_TESTS
		guest_mult=1
		guest_boot=120
		vm_args=()
	else
		add guest-th6-102t-debug 0 1 0 "(no debug kernel or module)"
	fi
fi

# --- README's two commands' set-up on a fresh machine: a bare Debian 12
# root, the project's own install steps from zero, then 'make demo'.
# CPO_FRESH=0 leaves it out (counted as skipped) for quick local runs.
if [ $vm = 1 ] && [ $debug = 0 ]; then
	if [ "${CPO_FRESH:-1}" = 0 ]; then
		add fresh-machine 0 0 1 "(left out: CPO_FRESH=0)"
	else
		run_host_suite fresh-machine "$top/tests/fresh-machine.sh"
	fi
fi

echo
echo "== summary"
for s in "${suites[@]}"; do
	echo "  $s"
done
[ ${#suites[@]} -gt 0 ] || echo "  (no suites found)"
echo "$total_pass passed, $total_fail failed, $total_skip skipped"
[ $total_fail = 0 ] && [ $total_pass -gt 0 ]
