#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot a QEMU guest on the installed Debian kernel with the host's root
# (read-only, over 9p) as its root, the CPO device model behind an
# ivshmem-doorbell function, cpo.ko loaded and bound, and run a command
# in it from the project root.  Exits with the command's status.
#
# Usage: run-vm.sh [options] [-- COMMAND...]
#   --profile NAME     device model profile (default th6-102t)
#   --timeout SECS     kill the guest after SECS (default 300, 150 with KVM)
#   --no-module        do not load cpo.ko
#   --sim-args "ARGS"  extra arguments for cpo-sim
#   --log-dir DIR      where console.log, dmesg.log, output.log, sim.log go
#                      (default build/vm/PROFILE)
#   --interactive      a shell on the console instead of COMMAND
#   --quiet            do not copy the console to stdout
#   --kmemleak         before power-off, have kmemleak scan and fail the run
#                      on any leak it reports (kernels with DEBUG_KMEMLEAK)
#   --plain            ivshmem-plain (BAR2 a file, no doorbell, no MSI-X:
#                      the driver polls) instead of ivshmem-doorbell
#
# Environment: CPO_NO_KVM=1 forces TCG; KVER overrides the kernel version
# (its image and modules must be installed); CPO_KERNEL is the kernel image
# to boot instead of /boot/vmlinuz-KVER (a kernel with everything the guest
# needs built in may have no /lib/modules/KVER); CPO_KO is the cpo.ko the
# guest loads (default drivers/cpo/cpo.ko, which is built for the default
# kernel); CPO_QEMU_SMP and CPO_QEMU_CPU override the guest's CPU count
# (default 2) and CPU model (default max under TCG, host with KVM);
# CPO_KERNEL_ARGS is appended to the kernel command line;
# CPO_TIMEOUT_MULT is passed to the guest for selftests/cpo/run.sh.
#
# A guest kernel that panics while it boots, before stage 2 starts (no
# project code has run in it yet), is reported and booted once more.
#
# Exit status: the command's, or 124 on timeout, 125 when the guest did
# not get to run the command, 126 when the module could not be loaded or
# bound, 97 when the command passed but the kernel log is dirty.
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
here=$top/selftests/vm

profile=th6-102t
timeout=
load_module=1
sim_args=
log_dir=
interactive=0
quiet=0
kmemleak=0
plain=0

usage() {
	sed -n '9,20p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
}

while [ $# -gt 0 ]; do
	case $1 in
	--profile) profile=$2; shift 2 ;;
	--timeout) timeout=$2; shift 2 ;;
	--no-module) load_module=0; shift ;;
	--sim-args) sim_args=$2; shift 2 ;;
	--log-dir) log_dir=$2; shift 2 ;;
	--interactive) interactive=1; shift ;;
	--quiet) quiet=1; shift ;;
	--kmemleak) kmemleak=1; shift ;;
	--plain) plain=1; shift ;;
	--) shift; break ;;
	-h|--help) usage ;;
	*) echo "run-vm: unknown option $1" >&2; usage ;;
	esac
done
if [ $# -eq 0 ] && [ $interactive = 0 ]; then
	set -- true
fi

case $top in
*[[:space:]]*) echo "run-vm: the project path '$top' has white space" >&2; exit 125 ;;
esac

kver=${KVER:-$(cat "$top/.cache/kver" 2>/dev/null || true)}
[ -n "$kver" ] || { echo "run-vm: no kernel version: run 'make deps'" >&2; exit 125; }
kernel=${CPO_KERNEL:-/boot/vmlinuz-$kver}
[ -r "$kernel" ] || { echo "run-vm: $kernel missing: run 'make deps'" >&2; exit 125; }
ko=$(realpath -m "${CPO_KO:-$top/drivers/cpo/cpo.ko}")

# KVM when /dev/kvm is there and actually boots this kernel: nested setups
# may offer a /dev/kvm that rejects the CPU model or hangs the guest.  The
# probe (a few seconds) is cached per host boot and kernel.
kvm_works() {
	local cache=$top/build/vm/kvm-probe key probe_log p ok=0
	key="$(cat /proc/sys/kernel/random/boot_id 2>/dev/null) $kver"
	if [ -f "$cache" ] && [ "$(sed -n 1p "$cache")" = "$key" ]; then
		[ "$(sed -n 2p "$cache")" = 1 ]
		return
	fi
	mkdir -p "$top/build/vm"
	probe_log=$(mktemp /tmp/cpo-kvm-probe.XXXXXX)
	(exec 2>/dev/null; qemu-system-x86_64 -M q35 -m 256 -enable-kvm -cpu host -kernel "$kernel" \
		-append "console=ttyS0 earlyprintk=ttyS0 panic=-1" -no-reboot \
		-display none -monitor none -net none -serial "file:$probe_log" \
		-pidfile "$probe_log.pid" >/dev/null 2>&1 || true) &
	p=$!
	for _ in $(seq 80); do
		grep -q 'Linux version' "$probe_log" 2>/dev/null && { ok=1; break; }
		kill -0 "$p" 2>/dev/null || break
		sleep 0.1
	done
	kill "$(cat "$probe_log.pid" 2>/dev/null)" 2>/dev/null || true
	wait "$p" 2>/dev/null || true
	rm -f "$probe_log" "$probe_log.pid"
	printf '%s\n%s\n' "$key" "$ok" >"$cache"
	[ $ok = 1 ]
}

accel=(-accel tcg -cpu "${CPO_QEMU_CPU:-max}")
kvm=0
if [ -z "${CPO_NO_KVM:-}" ] && [ -r /dev/kvm ] && [ -w /dev/kvm ] && kvm_works; then
	accel=(-enable-kvm -cpu "${CPO_QEMU_CPU:-host}")
	kvm=1
fi
smp=${CPO_QEMU_SMP:-2}
[ -n "$timeout" ] || timeout=$([ $kvm = 1 ] && echo 150 || echo 300)

log_dir=${log_dir:-$top/build/vm/$profile}
mkdir -p "$log_dir"
# Two runs must not share a log directory: the second one gets its own.
exec 9>"$log_dir/.lock"
if ! flock -n 9; then
	log_dir=$log_dir.$$
	mkdir -p "$log_dir"
	echo "run-vm: $profile busy in another run: logs go to $log_dir" >&2
	exec 9>"$log_dir/.lock"
fi
log_dir=$(cd "$log_dir" && pwd)
rm -f "$log_dir"/{console,console-boot1,dmesg,output,sim,kmemleak}.log "$log_dir/result"

# A kernel of its own (CPO_KERNEL) without /lib/modules has everything
# the initramfs would load built in.
initrd=$top/build/vm/initramfs-$kver.cpio.gz
mkinitramfs_opts=()
if [ -n "${CPO_KERNEL:-}" ] && [ ! -d "/lib/modules/$kver" ]; then
	mkinitramfs_opts=(--builtin)
fi
"$here/mkinitramfs.sh" "${mkinitramfs_opts[@]}" "$kver" "$initrd" ||
	{ echo "run-vm: cannot build the guest's initramfs for $kver (see above); try 'make deps'" >&2; exit 125; }

tmp=$(mktemp -d /tmp/cpo-vm.XXXXXX)
share=$tmp/share
mkdir -p "$share"
qemu_pid=
sim_pid=
tail_pid=

cleanup() {
	local rc=$?
	trap - EXIT INT TERM
	if [ -n "$qemu_pid" ] && [ -f "$tmp/qemu.pid" ]; then
		kill "$(cat "$tmp/qemu.pid")" 2>/dev/null || true
	fi
	for p in $qemu_pid $sim_pid; do
		kill "$p" 2>/dev/null || true
	done
	for p in $qemu_pid $sim_pid; do
		for _ in $(seq 30); do
			kill -0 "$p" 2>/dev/null || break
			sleep 0.1
		done
		kill -9 "$p" 2>/dev/null || true
		wait "$p" 2>/dev/null || true
	done
	if [ -n "$tail_pid" ]; then
		kill "$tail_pid" 2>/dev/null || true
		wait "$tail_pid" 2>/dev/null || true
	fi
	rm -rf "$tmp"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The device model, as ivshmem server and ctl server.
sim=$top/tools/cpo-sim/cpo-sim
have_sim=0
start_sim() {
	# With --plain the window is a file instead of the ivshmem server's
	# shared memory; "ready" is then the ctl socket after the file.
	ready=(-S "$tmp/ivshmem.sock")
	shm=(--socket "$tmp/ivshmem.sock")
	if [ $plain = 1 ]; then
		ready=(-s "$tmp/bar2")
		shm=(--shm-file "$tmp/bar2")
	fi
	# shellcheck disable=SC2086 # --sim-args is a word list on purpose
	"$sim" --profile "$profile" "${shm[@]}" --ctl "$tmp/ctl.sock" \
		$sim_args >"$log_dir/sim.log" 2>&1 &
	sim_pid=$!
	# its death by a signal ('cpo-sim ctl die') is reported below, not by bash
	disown "$sim_pid"
	for _ in $(seq 100); do
		[ "${ready[@]}" ] && [ -S "$tmp/ctl.sock" ] && break
		kill -0 "$sim_pid" 2>/dev/null || break
		sleep 0.05
	done
	if ! [ "${ready[@]}" ] || ! [ -S "$tmp/ctl.sock" ]; then
		echo "run-vm: cpo-sim did not come up; see $log_dir/sim.log" >&2
		tail -n 5 "$log_dir/sim.log" >&2 || true
		exit 125
	fi
	have_sim=1
}

# A model serves one guest connection: a second boot needs a new one.
stop_sim() {
	kill "$sim_pid" 2>/dev/null || true
	for _ in $(seq 30); do
		kill -0 "$sim_pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -9 "$sim_pid" 2>/dev/null || true
	sim_pid=
	rm -f "$tmp/ivshmem.sock" "$tmp/ctl.sock" "$tmp/bar2"
}

if [ -x "$sim" ]; then
	start_sim
elif [ $load_module = 1 ]; then
	echo "run-vm: $sim not built (make tools)" >&2
	exit 125
fi

# What stage 2 in the guest reads.
{
	printf 'CPO_TOP=%q\n' "$top"
	printf 'CPO_PROFILE=%q\n' "$profile"
	printf 'CPO_KVER=%q\n' "$kver"
	printf 'CPO_KO=%q\n' "$ko"
	printf 'CPO_LOAD_MODULE=%s\n' "$load_module"
	printf 'CPO_INTERACTIVE=%s\n' "$interactive"
	printf 'CPO_HAVE_SIM=%s\n' "$have_sim"
	printf 'CPO_KMEMLEAK=%s\n' "$kmemleak"
	printf 'CPO_TIMEOUT_MULT=%q\n' "${CPO_TIMEOUT_MULT:-1}"
	printf 'CPO_TERM=%q\n' "${TERM:-linux}"
	printf 'CPO_STTY=%q\n' "$( [ $interactive = 1 ] && stty size 2>/dev/null | awk '{print "rows " $1 " cols " $2}')"
} >"$share/env"
printf '%q ' "$@" >"$share/cmd"
echo >>"$share/cmd"
cp "$here/stage2.sh" "$share/stage2.sh"

# no_timer_check: a loaded host can make TCG miss the IO-APIC timer check,
# which panics the guest at boot.  The QMP socket's path goes to
# LOG_DIR/qmp for host-side use (device_del for hot-unplug).
echo "$tmp/qmp.sock" >"$log_dir/qmp"
# shellcheck disable=SC2054 # commas belong to QEMU's option syntax
qemu=(qemu-system-x86_64 -M q35 -m 1G -smp "$smp" "${accel[@]}"
	-kernel "$kernel" -initrd "$initrd"
	-append "console=ttyS0 panic=-1 loglevel=5 log_buf_len=4M no_timer_check rdinit=/init cpo.top=$top${CPO_KERNEL_ARGS:+ $CPO_KERNEL_ARGS}"
	-no-reboot -net none
	-fsdev "local,id=hostroot,path=/,security_model=none,readonly=on,multidevs=remap"
	-device virtio-9p-pci,fsdev=hostroot,mount_tag=hostroot
	-fsdev "local,id=cpoout,path=$share,security_model=none"
	-device virtio-9p-pci,fsdev=cpoout,mount_tag=cpoout
	-qmp "unix:$tmp/qmp.sock,server=on,wait=off")
if [ $have_sim = 1 ]; then
	# shellcheck disable=SC2054
	qemu+=(-device pcie-root-port,id=rp1,bus=pcie.0,chassis=1,slot=1)
	if [ $plain = 1 ]; then
		# The memory backend outlives the device: QMP device_del of
		# cpo0 and device_add ivshmem-plain,id=cpo0,bus=rp1,memdev=cpomem
		# plug the same window again.
		# shellcheck disable=SC2054
		qemu+=(-object "memory-backend-file,id=cpomem,share=on,mem-path=$tmp/bar2,size=$(stat -c %s "$tmp/bar2")"
			-device ivshmem-plain,id=cpo0,bus=rp1,memdev=cpomem)
	else
		# shellcheck disable=SC2054
		qemu+=(-chardev "socket,id=ivshmem,path=$tmp/ivshmem.sock"
			-device ivshmem-doorbell,id=cpo0,bus=rp1,vectors=2,chardev=ivshmem)
	fi
	# shellcheck disable=SC2054
	qemu+=(-device virtio-serial-pci
		-chardev "socket,id=ctl,path=$tmp/ctl.sock"
		-device virtserialport,chardev=ctl,name=cpo.ctl)
fi

start=$SECONDS
if [ $interactive = 1 ]; then
	echo "run-vm: booting $profile ($([ $kvm = 1 ] && echo KVM || echo TCG)); Ctrl-A X quits QEMU"
	"${qemu[@]}" -nographic || true
	exit 0
fi

run_qemu() {
	: >"$log_dir/console.log"
	# In a subshell so that bash reports no signal deaths; the pidfile gives
	# the real QEMU process to stop.
	(exec 2>/dev/null; "${qemu[@]}" -display none -monitor none -serial "file:$log_dir/console.log" \
		-pidfile "$tmp/qemu.pid" >"$tmp/qemu.out" 2>&1; echo $? >"$tmp/qemu.rc") &
	qemu_pid=$!
	if [ $quiet = 0 ]; then
		tail -n +1 -f "$log_dir/console.log" &
		tail_pid=$!
	fi

	timed_out=0
	sim_died=0
	while kill -0 "$qemu_pid" 2>/dev/null; do
		if [ $((SECONDS - start)) -ge "$timeout" ]; then
			timed_out=1
			break
		fi
		# The model leaves when QEMU closes the device at power-off: that is
		# only a failure before the guest has reported its command's status,
		# and unless the guest killed it on purpose (it leaves sim-killed).
		if [ -n "$sim_pid" ] && [ $sim_died = 0 ] && ! kill -0 "$sim_pid" 2>/dev/null &&
		   [ ! -f "$share/status" ] && [ ! -f "$share/sim-killed" ]; then
			sim_died=1
			echo "run-vm: cpo-sim exited while the guest ran; see $log_dir/sim.log" >&2
		fi
		sleep 0.2
	done
	if [ $timed_out = 1 ]; then
		kill "$(cat "$tmp/qemu.pid" 2>/dev/null)" 2>/dev/null || true
	fi
	wait "$qemu_pid" 2>/dev/null || true
	qemu_pid=
	sleep 0.3	# let tail print the last lines
	if [ -n "$tail_pid" ]; then
		kill "$tail_pid" 2>/dev/null || true
		wait "$tail_pid" 2>/dev/null || true
		tail_pid=
	fi
	elapsed=$((SECONDS - start))
}

# QEMU's TCG on these kernels can, rarely, crash the guest's kernel while
# it boots (an int3 Oops in text patching).  Such a panic, before stage 2
# has started, is before cpo.ko or any project code ran in the guest:
# report it and boot once more, with a new model.
attempt=1
while :; do
	rm -f "$share/stage2-started"
	run_qemu
	if [ $attempt = 1 ] && [ $timed_out = 0 ] && [ ! -f "$share/stage2-started" ] &&
	   grep -q 'Kernel panic' "$log_dir/console.log"; then
		mv "$log_dir/console.log" "$log_dir/console-boot1.log"
		echo "run-vm: the guest's kernel panicked while booting, before stage 2 (no project code had run in it); booting again (first boot: $log_dir/console-boot1.log)" >&2
		grep -m1 -B2 -A3 'Oops\|BUG\|Kernel panic' "$log_dir/console-boot1.log" | sed 's/^/  boot 1: /' >&2 || true
		attempt=2
		if [ $have_sim = 1 ]; then
			stop_sim
			start_sim
		fi
		continue
	fi
	break
done

cp "$tmp/qemu.out" "$log_dir/qemu.log" 2>/dev/null || true
for f in dmesg.log output.log kmemleak.log; do
	[ -f "$share/$f" ] && cp "$share/$f" "$log_dir/$f"
done
if [ -f "$share/status" ]; then
	status=$(cat "$share/status")
elif [ $timed_out = 1 ]; then
	status=124
	echo "run-vm: guest timed out after ${timeout}s; console in $log_dir/console.log" >&2
else
	status=125
	echo "run-vm: guest stopped without running the command; see $log_dir/console.log" >&2
	qrc=$(cat "$tmp/qemu.rc" 2>/dev/null || echo '?')
	if [ "$qrc" != '?' ] && [ "$qrc" -gt 128 ]; then
		echo "run-vm: QEMU died of signal $((qrc - 128))" >&2
	else
		echo "run-vm: QEMU exited with status $qrc" >&2
	fi
	sed 's/^/  qemu: /' "$tmp/qemu.out" >&2 || true
fi
# Without a dmesg from the guest (crash, hang), the console is the log.
if [ ! -f "$log_dir/dmesg.log" ]; then
	cp "$log_dir/console.log" "$log_dir/dmesg.log"
fi

dirty=0
if ! "$here/check-dmesg.sh" "$log_dir/dmesg.log"; then
	dirty=1
	echo "run-vm: kernel log $log_dir/dmesg.log has warnings or errors (above)" >&2
	[ "$status" = 0 ] && status=97
fi
if [ $kmemleak = 1 ]; then
	if [ ! -f "$log_dir/kmemleak.log" ]; then
		dirty=1
		echo "run-vm: no kmemleak report from the guest (kernel without DEBUG_KMEMLEAK, or it did not finish)" >&2
		[ "$status" = 0 ] && status=97
	elif ! "$here/check-dmesg.sh" "$log_dir/kmemleak.log"; then
		dirty=1
		echo "run-vm: kmemleak reports leaks in $log_dir/kmemleak.log (above)" >&2
		[ "$status" = 0 ] && status=97
	fi
fi
[ $sim_died = 1 ] && [ "$status" = 0 ] && status=125

printf 'profile=%s status=%s dirty=%s timed_out=%s kvm=%s seconds=%s\n' \
	"$profile" "$status" "$dirty" "$timed_out" "$kvm" "$elapsed" >"$log_dir/result"
echo "run-vm: $profile: status $status, ${elapsed}s ($([ $kvm = 1 ] && echo KVM || echo TCG))" >&2
exit "$status"
