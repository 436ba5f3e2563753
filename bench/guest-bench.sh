#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Benchmarks run inside the guest against the device model: every result
# is a count (device snapshots, mailbox commands, syscalls, messages) or a
# ratio of two paths measured in the same run, never an absolute time.
# Prints one "bench: KEY VALUE" line per result.
#
# BENCH_SECTIONS picks what runs (default: classic):
#   classic   attributes per snapshot, lanes sysfs/netlink, ethtool -m
#             against netlink, module and slab memory
#   growth    the whole-switch netlink snapshot: device accesses, bytes,
#             messages, time in units of a one-message get
#   latency   fault to cpoctl monitor line and netlink notification, MSI-X
#             and the polling fallback (force_poll)
#   cpu       guest kernel CPU time at idle, with a reader, under a storm
#   i2c       one DOM pass over CMIS pages with the model's I2C clock on,
#             against the netlink dumps of the same values
# BENCH_SMOKE=1 shrinks every count to a quick run (make check).
# shellcheck disable=SC2317 # the sections are called as "sec_$s"
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=../selftests/cpo/lib.sh
. "$top/selftests/cpo/lib.sh"

dbg=/sys/kernel/debug/cpo/cpo0
sys=$(cpo_dev)
smoke=${BENCH_SMOKE:-0}
reps=${BENCH_REPS:-$([ "$smoke" = 1 ] && echo 1 || echo 5)}
sections=" ${BENCH_SECTIONS:-classic} "
py="python3 $top/bench/cpobench.py"
want() { [[ $sections == *" $1 "* ]]; }

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

# The telemetry attributes: not the CMIS images (oeN/eeprom, elsN/eeprom),
# whose reads are CMIS page reads through the mailbox, the switch-OS path
# that the i2c section measures.
readable_attrs()
{
	find "$sys/" -mindepth 1 \( -path '*/hwmon*' -o -path '*/power/*' -o \
		-path '*/net/*' -o -name eeprom \) -prune -o -type f -perm -u=r \
		-print 2>/dev/null | grep -v '/uevent$'
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

sec_classic()
{
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
	# what a netdev costs by itself, measured the same way on 64 dummies (8 in a smoke run):
	# the share of the device's slab that its port netdevs cannot avoid
	n_ports=$(cpo_attr n_ports)
	if [ "$n_ports" -gt 0 ] && modprobe dummy numdummies=0 2>/dev/null; then
		sync; echo 2 > /proc/sys/vm/drop_caches
		k0=$(slab)
		nd=$([ "$smoke" = 1 ] && echo 8 || echo 64)
		for ((i = 0; i < nd; i++)); do ip link add "cpobench$i" type dummy || break; done
		k1=$(slab)
		for ((i = 0; i < nd; i++)); do ip link del "cpobench$i" 2>/dev/null; done
		dummy=$(( (k1 - k0) / nd ))
		out dummy_netdev_slab_kib "$dummy"
		out device_slab_per_port_kib $(( dev_kib / n_ports ))
		out device_slab_share_of_port_netdevs "$(ratio $((dummy * n_ports)) "$dev_kib")"
	fi
}

# The whole switch through netlink: every OE, lane, ELSFP and laser in one
# pass of dumps.  Device accesses should not grow with the switch (one
# telemetry copy); time is in units of a one-message get of the same run.
# A lane carries its 10 s statistics once the driver has a complete
# interval: wait for it, so that every profile's dump has the same
# attributes however long the guest took to get here.
stats_ready()
{
	cpoctl -j --openconfig lane show 0 2>/dev/null | grep -q '"interval"'
}

sec_growth()
{
	wait_for 30 stats_ready || echo "# no 10 s statistics after 30 s" >&2
	out lanes "$(cpo_attr n_lanes)"
	out ports "$(cpo_attr n_ports)"
	out oes "$(cpo_attr n_oe)"
	out elsfps "$(cpo_attr n_els)"
	out lasers "$(cpo_attr n_lasers)"
	$py snapshot "$([ "$smoke" = 1 ] && echo 3 || echo 21)"
}

# Event latency, MSI-X then the polling fallback in the same guest.
sec_latency()
{
	local n

	# p99 of 500 events is the fifth largest: steadier than of 200
	n=$([ "$smoke" = 1 ] && echo 6 || echo "${BENCH_EVENTS:-500}")
	out latency_poll_period_ms "$(cpo_attr update_period_ms 2>/dev/null || echo 100)"
	# A loaded TCG host can stall the model past the heartbeat timeout and
	# fail the device; the watchdog is not what is measured here: off.
	echo 0 >/sys/module/cpo/parameters/heartbeat_misses
	$py latency msix "$n"
	if module_unbind && module_unload && insmod "$CPO_KO" force_poll=1 heartbeat_misses=0 &&
	   module_bind && wait_for 10 test -e "$sys/n_lanes" >/dev/null 2>&1; then
		out latency_poll_use_msix "$(counter use_msix)"
		$py latency poll "$n"
	else
		out latency_poll_error reload
	fi
	module_unbind >/dev/null 2>&1
	module_unload >/dev/null 2>&1
	module_restore >/dev/null 2>&1
	wait_for 10 test -e "$sys/n_lanes" >/dev/null 2>&1
}

# kernel time (system, irq, softirq) of all CPUs, in USER_HZ ticks
kticks() { awk '/^cpu / { print $4 + $7 + $8 }' /proc/stat; }

# window NAME SECS [CMD...]: kernel time and device counters over SECS
# while CMD runs (in the background), scaled to a minute
window()
{
	local name=$1 secs=$2 k0 k1 s0 m0 e0 w0 pid=
	shift 2

	k0=$(kticks)
	if [ -e "$dbg/snapshots" ]; then
		s0=$(counter snapshots); m0=$(counter mbox_cmds)
		e0=$(counter events); w0=$(counter watchdog_runs)
	fi
	if [ $# -gt 0 ]; then
		"$@" &
		pid=$!
	fi
	sleep "$secs"
	[ -z "$pid" ] || wait "$pid"
	k1=$(kticks)
	per_min() { awk -v d="$1" -v s="$secs" 'BEGIN { printf "%.0f", d * 60 / s }'; }
	out "cpu_${name}_kernel_ms_per_min" "$(per_min $(( (k1 - k0) * 1000 / $(getconf CLK_TCK) )))"
	if [ -e "$dbg/snapshots" ]; then
		out "cpu_${name}_snapshots_per_min" "$(per_min $(( $(counter snapshots) - s0 )))"
		out "cpu_${name}_mbox_cmds_per_min" "$(per_min $(( $(counter mbox_cmds) - m0 )))"
		out "cpu_${name}_events_per_min" "$(per_min $(( $(counter events) - e0 )))"
		out "cpu_${name}_watchdog_runs_per_min" "$(per_min $(( $(counter watchdog_runs) - w0 )))"
	fi
}

# Driver CPU cost: the device unbound (the baseline), bound and idle, with
# one agent reading every telemetry attribute once a second, under an
# event storm.
sec_cpu()
{
	local w o0 attrs

	w=$([ "$smoke" = 1 ] && echo 2 || echo "${BENCH_CPU_SECS:-20}")
	out cpu_window_s "$w"
	echo 0 >/sys/module/cpo/parameters/heartbeat_misses
	module_unbind >/dev/null 2>&1
	sleep 1
	window unbound "$w"
	module_bind >/dev/null 2>&1
	wait_for 10 test -e "$sys/n_lanes" >/dev/null 2>&1
	sleep 2
	window idle "$w"
	attrs=$(mktemp)
	readable_attrs >"$attrs"
	window reader "$w" $py reader "$w" "$attrs"
	rm -f "$attrs"
	o0=$(counter overflows)
	window storm "$w" $py storm "$w" "${BENCH_STORM_RATE:-10000}"
	out cpu_storm_overflows $(( $(counter overflows) - o0 ))
	sleep 1
}

# The switch-OS path: one DOM pass the way ethtool -m reads a module (CMIS
# pages through the mailbox), each page charged an I2C transfer at 1 MHz
# by the model, against netlink dumps of the same values (OEs' temperature
# and supply, every lane's optical power, every laser's bias and power).
read_dom_nl() { cpoctl -j oe show; cpoctl -j lane show; cpoctl -j laser show; }

sec_i2c()
{
	local ports m0 m1 t_eth t_nl

	command -v ethtool >/dev/null || { out i2c_error no-ethtool; return; }
	ports=$(cpo_attr n_ports)
	sim i2c-khz 1000 >/dev/null || { out i2c_error no-i2c-khz; return; }
	out i2c_khz 1000
	out i2c_ports "$ports"
	m0=$(counter mbox_cmds)
	t_eth=$(reps=1 time_ns ethtool_all_ports)
	m1=$(counter mbox_cmds)
	t_nl=$(reps=1 time_ns read_dom_nl)
	sim i2c-khz 0 >/dev/null
	out i2c_dom_pass_cmis_reads $((m1 - m0))
	out i2c_dom_pass_time_ratio_i2c_over_netlink "$(ratio "$t_eth" "$t_nl")"
	out i2c_dom_pass_guest_ms_ethtool $((t_eth / 1000000))
	out i2c_dom_pass_guest_ms_netlink $((t_nl / 1000000))
	m0=$(counter mbox_cmds)
	read_dom_nl >/dev/null
	out i2c_netlink_dom_mbox_cmds $(( $(counter mbox_cmds) - m0 ))
}

hb0=$(cat /sys/module/cpo/parameters/heartbeat_misses 2>/dev/null)
for s in growth latency cpu i2c classic; do
	want "$s" || continue
	t0=$SECONDS
	"sec_$s"
	out "section_${s}_s" $((SECONDS - t0))
done
[ -z "$hb0" ] || echo "$hb0" >/sys/module/cpo/parameters/heartbeat_misses
exit 0
