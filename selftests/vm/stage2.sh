#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Stage 2 of the test guest, run by /init in the chroot on the host's root
# (read-only).  /run/cpo is the run directory shared with the host: env
# (settings written by run-vm.sh), cmd (the command), and on the way out
# output.log, dmesg.log and status.  Loads virtio_console and cpo.ko,
# binds the ivshmem function, runs the command from the project root.
# A kernel without /lib/modules/$(uname -r) (the debug kernel) has the
# modules built in: nothing to modprobe.  With CPO_KMEMLEAK=1, kmemleak
# scans before power-off and its report goes to kmemleak.log.
set -u

. /run/cpo/env
# run-vm.sh boots again when the kernel panics before this point.
: >/run/cpo/stage2-started

export PATH=$CPO_TOP/tools/cpoctl:$CPO_TOP/tools/cpo-sim:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/tmp LANG=C.UTF-8 TERM=${CPO_TERM:-linux}
CPO_KO=${CPO_KO:-$CPO_TOP/drivers/cpo/cpo.ko}
CPO_KMEMLEAK=${CPO_KMEMLEAK:-0}
CPO_TIMEOUT_MULT=${CPO_TIMEOUT_MULT:-1}
export CPO_TOP CPO_PROFILE CPO_KVER CPO_KO CPO_TIMEOUT_MULT

log() { echo "cpo-vm: $*"; }

# kmemleak reports an object unreferenced in two scans in a row (the
# first only records its checksum), so scan twice.
kmemleak_scan() {
	local f=/sys/kernel/debug/kmemleak start=$SECONDS
	if [ ! -w $f ]; then
		log "no $f: kernel without kmemleak, or it disabled itself"
		return
	fi
	echo scan >$f && sleep 5 && echo scan >$f
	cat $f >/run/cpo/kmemleak.log 2>&1
	log "kmemleak: $(grep -c '^unreferenced object' /run/cpo/kmemleak.log) unreferenced objects (scan $((SECONDS - start))s)"
}

finish() {
	[ "$CPO_KMEMLEAK" = 1 ] && kmemleak_scan
	dmesg >/run/cpo/dmesg.log 2>&1
	echo "$1" >/run/cpo/status
	sync
	exit "$1"
}

ip link set lo up 2>/dev/null

# The ctl port of the device model: without udev, make the by-name link.
builtin=0
[ -d "/lib/modules/$(uname -r)" ] || builtin=1
if [ $builtin = 0 ]; then
	modprobe virtio_console || log "modprobe virtio_console failed"
fi
for _ in $(seq 50); do
	for n in /sys/class/virtio-ports/*/name; do
		[ -r "$n" ] || continue
		name=$(cat "$n")
		[ -n "$name" ] || continue
		mkdir -p /dev/virtio-ports
		ln -sf "../$(basename "$(dirname "$n")")" "/dev/virtio-ports/$name"
	done
	[ -e /dev/virtio-ports/cpo.ctl ] && break
	[ "$CPO_HAVE_SIM" = 1 ] || break
	sleep 0.1
done
if [ -e /dev/virtio-ports/cpo.ctl ]; then
	export CPO_SIM_CTL=/dev/virtio-ports/cpo.ctl
fi

# The ivshmem function (1af4:1110) the device model serves.
CPO_BDF=
for d in /sys/bus/pci/devices/*; do
	if [ "$(cat "$d/vendor")" = 0x1af4 ] && [ "$(cat "$d/device")" = 0x1110 ]; then
		CPO_BDF=$(basename "$d")
		break
	fi
done
export CPO_BDF

if [ "$CPO_LOAD_MODULE" = 1 ]; then
	ko=$CPO_KO
	if [ ! -f "$ko" ]; then
		log "$ko not built"
		finish 126
	fi
	for dep in $(modinfo -F depends "$ko" | tr ',' ' '); do
		modprobe "$dep" || { log "modprobe $dep failed"; finish 126; }
	done
	insmod "$ko" || { log "insmod $ko failed"; finish 126; }
	if [ -z "$CPO_BDF" ]; then
		log "no ivshmem function to bind"
		finish 126
	fi
	echo cpo >"/sys/bus/pci/devices/$CPO_BDF/driver_override"
	echo "$CPO_BDF" >/sys/bus/pci/drivers_probe 2>/dev/null
	if [ "$(basename "$(readlink "/sys/bus/pci/devices/$CPO_BDF/driver" 2>/dev/null)")" != cpo ]; then
		log "cpo did not bind $CPO_BDF"
		dmesg | tail -n 20
		finish 126
	fi
fi

cd "$CPO_TOP" || finish 126
log "ready (profile $CPO_PROFILE, device ${CPO_BDF:-none}, boot ${SECONDS}s into stage 2, uptime $(cut -d' ' -f1 /proc/uptime)s)"

if [ "$CPO_INTERACTIVE" = 1 ]; then
	echo "cpo-vm: interactive shell; 'exit' or Ctrl-D powers the guest off"
	# shellcheck disable=SC2086 # "rows R cols C"
	[ -z "${CPO_STTY:-}" ] || stty -F /dev/ttyS0 $CPO_STTY 2>/dev/null
	setsid -c bash -i </dev/ttyS0 >/dev/ttyS0 2>&1
	finish 0
fi

set -o pipefail
bash /run/cpo/cmd 2>&1 | tee /run/cpo/output.log
finish $?
