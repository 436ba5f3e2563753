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

module_unload()
{
	cpo_is_loaded || return 0
	rmmod cpo
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
