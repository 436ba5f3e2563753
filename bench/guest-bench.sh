#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Benchmarks run inside the guest against the device model: every result
# is a count (device snapshots, mailbox commands, syscalls, messages) or a
# ratio of two paths measured in the same run, never an absolute time.
# Prints one "bench: KEY VALUE" line per result.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=../selftests/cpo/lib.sh
. "$top/selftests/cpo/lib.sh"

dbg=/sys/kernel/debug/cpo/cpo0
sys=$(cpo_dev)
reps=${BENCH_REPS:-5}

counter() { cat "$dbg/$1"; }
now_ns() { date +%s%N; }
out() { printf 'bench: %s %s\n' "$1" "$2"; }

# ratio A B: A/B with two decimals
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

# time_ns CMD...: wall time of CMD run $reps times, in ns
time_ns()
{
	local t0 t1 i

	t0=$(now_ns)
	for ((i = 0; i < reps; i++)); do
		"$@" >/dev/null 2>&1
	done
	t1=$(now_ns)
	echo $((t1 - t0))
}

# syscalls CMD...: syscalls made by one run of CMD
syscalls()
{
	local f

	f=$(mktemp)
	strace -f -c -o "$f" "$@" >/dev/null 2>&1
	awk '$NF == "total" { print $(NF-2) ~ /^[0-9]+$/ ? $(NF-2) : $3 }' "$f"
	rm -f "$f"
}

readable_attrs()
{
	find "$sys/" -mindepth 1 \( -path '*/hwmon*' -o -path '*/power/*' -o \
		-path '*/net/*' \) -prune -o -type f -perm -u=r -print 2>/dev/null |
		grep -v '/uevent$'
}

# one reader process for all of them, as a monitoring agent would be
read_all_attrs()
{
	readable_attrs | xargs cat >/dev/null 2>&1
}

read_lanes_sysfs()
{
	local p

	for p in "$sys"/port*/; do
		cat "$p/lane_tx_power" "$p/lane_rx_power" "$p/lane_state"
	done
}

read_lanes_nl() { cpoctl -j lane show; }

ethtool_all_ports()
{
	local n

	for n in /sys/class/net/*; do
		[ -e "$n/device" ] || continue
		case $(readlink -f "$n/device") in
		"$(readlink -f "$sys")"/*) ethtool -m "$(basename "$n")" ;;
		esac
	done
}

# 1. Telemetry: every readable attribute of the device once.
n_attrs=$(readable_attrs | wc -l)
s0=$(counter snapshots)
m0=$(counter mbox_cmds)
read_all_attrs
s1=$(counter snapshots)
m1=$(counter mbox_cmds)
out sysfs_attributes_read "$n_attrs"
out sysfs_snapshots_taken $((s1 - s0))
out sysfs_attributes_per_snapshot "$(ratio "$n_attrs" $((s1 - s0 > 0 ? s1 - s0 : 1)))"
out sysfs_mailbox_commands $((m1 - m0))

# 2. All lanes' optical state: one netlink dump against sysfs files.
lanes=$(cat "$sys/n_lanes")
out lanes "$lanes"
t_sys=$(time_ns read_lanes_sysfs)
t_nl=$(time_ns read_lanes_nl)
out lanes_time_ratio_sysfs_over_netlink "$(ratio "$t_sys" "$t_nl")"
if command -v strace >/dev/null; then
	out lanes_syscalls_sysfs "$(syscalls bash -c "$(declare -f read_lanes_sysfs); sys=$sys; read_lanes_sysfs")"
	out lanes_syscalls_netlink "$(syscalls cpoctl -j lane show)"
fi
s0=$(counter snapshots)
cpoctl -j lane show >/dev/null
s1=$(counter snapshots)
out netlink_lane_dump_snapshots $((s1 - s0))

# 3. Per-port DOM the way pluggable optics are read (CMIS pages through
#    the mailbox, what ethtool -m does) against the telemetry region.
if command -v ethtool >/dev/null && ls /sys/class/net/*/device >/dev/null 2>&1; then
	m0=$(counter mbox_cmds)
	ethtool_all_ports >/dev/null 2>&1
	m1=$(counter mbox_cmds)
	ports=$(cat "$sys/n_ports")
	out cmis_mailbox_commands_all_ports $((m1 - m0))
	out cmis_mailbox_commands_per_port "$(ratio $((m1 - m0)) "$ports")"
	m0=$(counter mbox_cmds)
	cpoctl -j port show >/dev/null
	m1=$(counter mbox_cmds)
	out netlink_port_dump_mailbox_commands $((m1 - m0))
	t_eth=$(reps=1 time_ns ethtool_all_ports)
	t_nl=$(reps=1 time_ns cpoctl -j port show)
	out ports_time_ratio_ethtool_over_netlink "$(ratio "$t_eth" "$t_nl")"
fi

# 4. Memory: the module's code and data, and the slab it holds for this
#    device (unbind and bind again, Slab from /proc/meminfo).
out module_coresize_bytes "$(cat /sys/module/cpo/coresize)"
slab() { awk '/^Slab:/ { print $2 }' /proc/meminfo; }
bdf=$(cpo_bdf)
module_unbind >/dev/null 2>&1
sync; echo 2 > /proc/sys/vm/drop_caches
k0=$(slab)
module_bind >/dev/null 2>&1
wait_for 10 test -e /sys/class/cpo/cpo0 >/dev/null 2>&1
k1=$(slab)
dev_kib=$((k1 - k0))
out device_slab_kib "$dev_kib"
out device_bdf "$bdf"
# what a netdev costs by itself, measured the same way on 64 dummies:
# the share of the device's slab that its port netdevs cannot avoid
n_ports=$(cpo_attr n_ports)
if [ "$n_ports" -gt 0 ] && modprobe dummy numdummies=0 2>/dev/null; then
	sync; echo 2 > /proc/sys/vm/drop_caches
	k0=$(slab)
	for i in $(seq 0 63); do ip link add "cpobench$i" type dummy || break; done
	k1=$(slab)
	for i in $(seq 0 63); do ip link del "cpobench$i" 2>/dev/null; done
	dummy=$(( (k1 - k0) / 64 ))
	out dummy_netdev_slab_kib "$dummy"
	out device_slab_per_port_kib $(( dev_kib / n_ports ))
	out device_slab_share_of_port_netdevs "$(ratio $((dummy * n_ports)) "$dev_kib")"
fi
