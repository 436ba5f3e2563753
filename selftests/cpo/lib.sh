# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Helpers for the cpo shell selftests.  Source it first:
#
#	#!/bin/bash
#	# profile: tiny
#	. "$(dirname "$0")/lib.sh"
#	ktap_plan 2
#	check "class device exists" test -d "$(cpo_dev)"
#	...
#	ktap_finished
#
# Output is KTAP (TAP version 13); the exit status follows kselftest:
# 0 pass, 1 fail, 4 skip.

KSFT_PASS=0
KSFT_FAIL=1
KSFT_SKIP=4

CPO_SELFTEST_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CPO_TOP=${CPO_TOP:-$(cd "$CPO_SELFTEST_DIR/../.." && pwd)}
CPO_KO=${CPO_KO:-$CPO_TOP/drivers/cpo/cpo.ko}
PATH=$CPO_TOP/tools/cpoctl:$CPO_TOP/tools/cpo-sim:$PATH

_ktap_n=0
_ktap_pass=0
_ktap_fail=0
_ktap_skip=0
_ktap_planned=0

ktap_plan()
{
	echo "TAP version 13"
	echo "1..$1"
	_ktap_planned=1
}

_ktap_header()
{
	if [ $_ktap_planned = 0 ] && [ $_ktap_n = 0 ]; then
		echo "TAP version 13"
	fi
}

# ok DESC
ok()
{
	_ktap_header
	_ktap_n=$((_ktap_n + 1))
	_ktap_pass=$((_ktap_pass + 1))
	echo "ok $_ktap_n $1"
}

# not_ok DESC [REASON]
not_ok()
{
	_ktap_header
	_ktap_n=$((_ktap_n + 1))
	_ktap_fail=$((_ktap_fail + 1))
	echo "not ok $_ktap_n $1"
	[ -z "${2:-}" ] || echo "# $1: $2"
}

# skip DESC REASON
skip()
{
	_ktap_header
	_ktap_n=$((_ktap_n + 1))
	_ktap_skip=$((_ktap_skip + 1))
	echo "ok $_ktap_n $1 # SKIP ${2:-}"
}

# Diagnostic line, visible in the TAP stream.
diag()
{
	echo "# $*"
}

# check DESC CMD...: ok when CMD succeeds, not ok with its output otherwise.
check()
{
	local desc=$1 out
	shift
	if out=$("$@" 2>&1); then
		ok "$desc"
	else
		not_ok "$desc" "'$*' failed"
		[ -z "$out" ] || printf '%s\n' "$out" | head -n 20 | sed 's/^/#   /'
	fi
}

# check_eq DESC EXPECTED ACTUAL
check_eq()
{
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		not_ok "$1" "expected '$2', got '$3'"
	fi
}

# Print the totals and exit with the kselftest status.
ktap_finished()
{
	[ $_ktap_planned = 1 ] || { _ktap_header; echo "1..$_ktap_n"; }
	echo "# Totals: pass:$_ktap_pass fail:$_ktap_fail xfail:0 xpass:0 skip:$_ktap_skip error:0"
	if [ $_ktap_fail -gt 0 ]; then
		exit $KSFT_FAIL
	elif [ $_ktap_pass = 0 ] && [ $_ktap_skip -gt 0 ]; then
		exit $KSFT_SKIP
	fi
	exit $KSFT_PASS
}

# Skip the whole test with a reason (before or after a plan).
ktap_skip_all()
{
	[ $_ktap_n -gt 0 ] || [ $_ktap_planned = 1 ] || echo "TAP version 13"
	[ $_ktap_planned = 1 ] || echo "1..0 # SKIP $*"
	[ $_ktap_planned = 0 ] || echo "# SKIP $*"
	exit $KSFT_SKIP
}

# need_cmd CMD...: skip the test unless every CMD is on PATH.
need_cmd()
{
	local c
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 || ktap_skip_all "$c not available"
	done
}

need_root()
{
	[ "$(id -u)" = 0 ] || ktap_skip_all "needs root"
}

# sysfs path of the first cpo class device (or of cpoN with an argument).
cpo_dev()
{
	echo "/sys/class/cpo/${1:-cpo0}"
}

# PCI address of the ivshmem function the device model serves.
cpo_bdf()
{
	local d
	if [ -n "${CPO_BDF:-}" ]; then
		echo "$CPO_BDF"
		return 0
	fi
	for d in /sys/bus/pci/devices/*; do
		if [ "$(cat "$d/vendor")" = 0x1af4 ] && [ "$(cat "$d/device")" = 0x1110 ]; then
			basename "$d"
			return 0
		fi
	done
	return 1
}

# sim COMMAND ARGS...: the device model's ctl client.
sim()
{
	cpo-sim ctl "$@"
}

# carrier_up IFNAME / carrier_down IFNAME: the netdev's lower layer is up
# (the port's optics) or not; needs ip and jq.
carrier_up()
{
	ip -j link show dev "$1" | jq -e '.[0].flags | index("LOWER_UP")'
}

carrier_down()
{
	! carrier_up "$1"
}

# sim_info KEY: one value of 'cpo-sim ctl info'.
sim_info()
{
	sim info | tr ' ' '\n' | sed -n "s/^$1=//p" | head -n 1
}

# sim_get OBJ IDX KEY: one value of 'cpo-sim ctl get OBJ IDX'.
sim_get()
{
	sim get "$1" "$2" | tr ' ' '\n' | sed -n "s/^$3=//p" | head -n 1
}

# fw_path_set DIR DEVLINK: point the kernel's firmware loader
# (firmware_class.path) at DIR, as the kernel sees it: a guest that runs
# the tests in a chroot has it under the chroot's directory.  Found by
# flashing a file that is no image (refused before the device sees it).
# Prints the previous path; fails if the loader finds nothing.
fw_path_set()
{
	local p=/sys/module/firmware_class/parameters/path old pre out

	old=$(cat "$p") || return 1
	printf 'not an image' >"$1/cpo-probe.bin"
	for pre in "" /host; do
		printf '%s' "$pre$1" >"$p"
		out=$(devlink dev flash "$2" file cpo-probe.bin 2>&1)
		case $out in
		*"not a CPO firmware image"*|*"image truncated"*)
			rm -f "$1/cpo-probe.bin"
			echo "$old"
			return 0 ;;
		esac
	done
	printf '%s' "$old" >"$p"
	return 1
}

# cpo_attr NAME [DEV]: read one attribute of the class device.
cpo_attr()
{
	cat "$(cpo_dev "${2:-}")/$1"
}

# wait_for SECS CMD...: poll CMD every 0.1 s until it succeeds; fail after SECS.
wait_for()
{
	local secs=$1 i n
	shift
	n=$((secs * 10))
	for ((i = 0; i <= n; i++)); do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	return 1
}

# as_user CMD...: run CMD as nobody (65534) with no supplementary groups.
as_user()
{
	if ! command -v setpriv >/dev/null 2>&1; then
		echo "as_user: setpriv (util-linux) missing" >&2
		return 127
	fi
	setpriv --reuid=65534 --regid=65534 --clear-groups --reset-env -- "$@"
}

cpo_is_loaded()
{
	[ -d /sys/module/cpo ]
}

cpo_is_bound()
{
	local bdf
	bdf=$(cpo_bdf) || return 1
	[ "$(basename "$(readlink "/sys/bus/pci/devices/$bdf/driver" 2>/dev/null)")" = cpo ]
}

# Load cpo.ko from the tree (its dependencies first).
module_load()
{
	local dep
	cpo_is_loaded && return 0
	for dep in $(modinfo -F depends "$CPO_KO" 2>/dev/null | tr ',' ' '); do
		modprobe "$dep" || return 1
	done
	insmod "$CPO_KO"
}

# module_rmmod [SECONDS]: rmmod cpo, trying again for up to SECONDS
# (default 30) while the module is in use.  A netlink dump in flight
# holds a reference to the module (the genetlink core takes one for the
# dump's lifetime), so under load rmmod can meet a short "in use"; it is
# counted in rmmod_busy.  Any other failure (or an rmmod that hangs for
# 60 s) returns at once.
rmmod_busy=0
module_rmmod()
{
	local end=$((SECONDS + ${1:-30})) err
	while :; do
		err=$(timeout 60 rmmod cpo 2>&1) && return 0
		case $err in
		*"in use"*) ;;
		*) echo "$err" >&2; return 1 ;;
		esac
		rmmod_busy=$((rmmod_busy + 1))
		if [ $SECONDS -ge $end ]; then
			echo "$err" >&2
			return 1
		fi
		sleep 0.2
	done
}

module_unload()
{
	cpo_is_loaded || return 0
	module_rmmod 30
}

# Bind the ivshmem function to cpo; fails when the driver refuses it.
module_bind()
{
	local bdf
	bdf=$(cpo_bdf) || return 1
	cpo_is_bound && return 0
	echo cpo >"/sys/bus/pci/devices/$bdf/driver_override" || return 1
	echo "$bdf" >/sys/bus/pci/drivers_probe 2>/dev/null
	cpo_is_bound
}

module_unbind()
{
	local bdf
	bdf=$(cpo_bdf) || return 1
	cpo_is_bound || return 0
	echo "$bdf" >/sys/bus/pci/drivers/cpo/unbind
}

# Back to the state every test starts from: loaded and bound.
module_reload()
{
	module_unload || return 1
	module_load || return 1
	module_bind
}

module_restore()
{
	module_load && module_bind
}

# cmis_reader_checks DEV: the independent CMIS reader (cmis-reader.py)
# over every eeprom file of DEV, one result per check it makes (8; a
# check that did not run counts as failed), its other lines as
# diagnostics.
cmis_reader_checks()
{
	local out l n=0
	out=$(python3 "$(dirname "$0")/cmis-reader.py" "$1" 2>&1)
	while IFS= read -r l; do
		case $l in
		"ok "*) ok "${l#ok }"; n=$((n + 1)) ;;
		"not ok "*) not_ok "${l#not ok }"; n=$((n + 1)) ;;
		*) diag "$l" ;;
		esac
	done <<<"$out"
	for ((; n < 8; n++)); do not_ok "reader check $n ran"; done
}

# ---- background load for the unplug and reload tests ----
#
# load_start starts readers that run until load_stop: netlink dumps
# (cpoctl), 'cpoctl monitor', the class device's and the hwmon device's
# sysfs attributes, and 'ethtool -m' on the first port.  They run while
# the device comes and goes, so their errors are expected and not
# counted as failures; load_stop leaves "requests=N errors=N" for them
# in load_totals.
# Each reader pauses 0.2 s between rounds so that the cycles they
# run beside still make progress under TCG.

_load_pids=()
_load_dir=

# _load_loop NAME CMD...: run CMD until load_stop, counting in _load_dir.
_load_loop()
{
	local name=$1 ok=0 err=0
	shift
	local dir=$_load_dir
	while [ -d "$dir" ] && [ ! -e "$dir/stop" ]; do
		if "$@" >/dev/null 2>&1; then
			ok=$((ok + 1))
		else
			err=$((err + 1))
		fi
		echo "$ok $err" >"$dir/$name" 2>/dev/null
		sleep 0.2
	done
}

# _load_read FILE: read FILE in the shell (no process per file).
_load_read()
{
	local v
	IFS= read -r -d '' v 2>/dev/null <"$1"
	# 1 is the end of the file (no NUL) and the error alike: an error
	# leaves nothing read
	[ $? = 1 ] && [ -n "$v" ]
}

# _load_sysfs: read every attribute of the class device and of the cpo
# hwmon devices, whatever exists at that moment.
_load_sysfs()
{
	local d f rc=0
	d=$(cpo_dev)
	[ -d "$d" ] || return 1
	# the class device's own groups, not the links to the PCI function
	for f in "$d"/* "$d"/*/*; do
		case $f in "$d"/device/*|"$d"/subsystem/*|"$d"/power/*) continue ;; esac
		[ -f "$f" ] && [ -r "$f" ] || continue
		_load_read "$f" || rc=1
	done
	return $rc
}

_load_hwmon()
{
	local h f rc=1
	for h in /sys/class/hwmon/hwmon*; do
		case $(cat "$h/name" 2>/dev/null) in cpo*) ;; *) continue ;; esac
		rc=0
		for f in "$h"/*_input "$h"/*_label "$h"/*_alarm; do
			[ -f "$f" ] || continue
			_load_read "$f" || rc=1
		done
	done
	return $rc
}

_load_ethtool()
{
	local n
	for n in /sys/class/net/cpo*; do
		[ -e "$n" ] || continue
		timeout 20 ethtool -m "$(basename "$n")" >/dev/null 2>&1
		return
	done
	return 1
}

_load_dumps()
{
	timeout 20 cpoctl -j dev show && timeout 20 cpoctl -j lane show &&
		timeout 20 cpoctl -j laser show && timeout 20 cpoctl -j port show
}

# 'cpoctl monitor' for a few seconds at a time: it is started again
# whether the family was there or not.
_load_monitor()
{
	timeout 3 cpoctl monitor >/dev/null 2>&1
	[ $? = 124 ]
}

load_start()
{
	_load_dir=$(mktemp -d /tmp/cpo-load.XXXXXX)
	_load_loop dumps _load_dumps &
	_load_pids+=($!)
	_load_loop sysfs _load_sysfs &
	_load_pids+=($!)
	_load_loop hwmon _load_hwmon &
	_load_pids+=($!)
	if command -v ethtool >/dev/null 2>&1; then
		_load_loop ethtool _load_ethtool &
		_load_pids+=($!)
	fi
	_load_loop monitor _load_monitor &
	_load_pids+=($!)
}

# load_stop: stop the readers, wait for them, leave their totals in
# load_totals.  Not in a command substitution: it waits for this shell's
# children.
# shellcheck disable=SC2034 # read by the tests
load_totals=
load_stop()
{
	local p f ok err tok=0 terr=0
	[ -n "$_load_dir" ] || return 0
	: >"$_load_dir/stop"
	for p in "${_load_pids[@]}"; do
		wait "$p" 2>/dev/null
	done
	_load_pids=()
	for f in "$_load_dir"/*; do
		[ "$(basename "$f")" != stop ] || continue
		read -r ok err <"$f" || continue
		tok=$((tok + ok))
		terr=$((terr + err))
	done
	rm -rf "$_load_dir"
	_load_dir=
	# shellcheck disable=SC2034
	load_totals="requests=$((tok + terr)) errors=$terr"
}

# slab_bytes: bytes held by the active objects of every slab cache.
slab_bytes()
{
	if [ -r /proc/slabinfo ]; then
		awk 'NR > 2 { b += $2 * $4 } END { printf "%d\n", b }' /proc/slabinfo
	else
		awk '/^Slab:/ { print $2 * 1024 }' /proc/meminfo
	fi
}

# slab_settle [SNAPSHOT]: let deferred frees run, drop the dentry and
# inode caches the readers filled, then print slab_bytes; with SNAPSHOT,
# keep the bytes of each cache there for slab_growth.
slab_settle()
{
	sleep 1
	sync
	echo 2 >/proc/sys/vm/drop_caches
	sleep 1
	[ -z "${1:-}" ] || [ ! -r /proc/slabinfo ] ||
		awk 'NR > 2 { print $1, $2 * $4 }' /proc/slabinfo >"$1"
	slab_bytes
}

# slab_growth SNAP0 SNAP1: the five caches that grew most, "name:+KiB".
slab_growth()
{
	[ -r "$1" ] && [ -r "$2" ] || return 0
	awk 'NR == FNR { a[$1] = $2; next }
	     { d = $2 - a[$1]; if (d > 0) printf "%d %s\n", d, $1 }' "$1" "$2" |
		sort -rn | head -n 5 | awk '{ printf "%s:+%dKiB ", $2, $1 / 1024 }'
}

# module_refcnt: the module's reference count (empty when not loaded).
module_refcnt()
{
	cat /sys/module/cpo/refcnt 2>/dev/null
}

# kmsg_mark TEXT / kmsg_reports TEXT: count the kernel log reports
# (warnings, oopses, lock and memory debugging) since the mark.
kmsg_mark()
{
	echo "$1" >/dev/kmsg
}

kmsg_reports()
{
	local n
	n=$(dmesg | sed -n "/$1/,\$p" | grep -c -E \
		'WARNING:|BUG:|Oops|general protection fault|Call Trace:|kmemleak|UBSAN:|KASAN:|refcount_t:|blocked for more than|list_(add|del) corruption')
	echo "${n:-0}"
}

# slab_and_log_check TOL_KIB WHY MARK: compare slab usage with the
# start snapshot /tmp/cpo-slab0.$$ (taken with slab_settle) and count the
# kernel log's reports since MARK; one result each, the growth as a
# diagnostic.  Sets delta (KiB) and reports for the caller's figures.
# WHY ends the failure's reason (" over N cycles").
slab_and_log_check()
{
	local tol=$1 what=$2 mark=$3 slab1
	slab1=$(slab_settle /tmp/cpo-slab1.$$)
	delta=$(((slab1 - slab0) / 1024))
	if [ $delta -le "$tol" ]; then
		ok "slab usage within ${tol} KiB of its start (${delta} KiB)"
	else
		not_ok "slab usage within ${tol} KiB of its start" "grew ${delta} KiB$what"
	fi
	reports=$(kmsg_reports "$mark")
	diag "slab growth: $(slab_growth /tmp/cpo-slab0.$$ /tmp/cpo-slab1.$$)"
	rm -f /tmp/cpo-slab0.$$ /tmp/cpo-slab1.$$
	check_eq "kernel log reports" 0 "$reports"
}
