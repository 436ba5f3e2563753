#!/bin/bash
# profile: tiny
# timeout: 420
# SPDX-License-Identifier: GPL-2.0
#
# make bench's guest side, one quick pass of every section on tiny, and
# its report: keeps the benchmark from rotting.  No timing is asserted;
# only that every figure is produced and the report is written.

. "$(dirname "$0")/lib.sh"

need_root
need_cmd python3 cpoctl ethtool

bdir=$(mktemp -d /tmp/cpo-bench-smoke.XXXXXX)
trap 'rm -rf "$bdir"; module_restore >/dev/null 2>&1' EXIT

ktap_plan 8

if BENCH_SMOKE=1 BENCH_SECTIONS="growth latency cpu i2c classic" \
   "$CPO_TOP/bench/guest-bench.sh" >"$bdir/run.log" 2>"$bdir/err.log"; then
	ok "guest-bench.sh runs every section"
else
	not_ok "guest-bench.sh runs every section" "exit $?"
	sed 's/^/#   /' "$bdir/err.log" | tail -n 20
fi
grep '^bench: ' "$bdir/run.log" >"$bdir/tiny.txt"
has() { grep -q "^bench: $1 -\?[0-9.]" "$bdir/tiny.txt"; }
check "growth: device accesses, netlink bytes, time" \
	eval 'has snapshot_device_snapshots && has snapshot_netlink_bytes && has snapshot_time_in_gets'
check "latency: MSI-X and polling, monitor and netlink" \
	eval 'has latency_msix_monitor_p99_us && has latency_msix_netlink_p99_us &&
	      has latency_poll_monitor_p99_us && has latency_poll_netlink_p99_us'
check "cpu: idle, reader and storm windows" \
	eval 'has cpu_unbound_kernel_ms_per_min && has cpu_idle_watchdog_runs_per_min &&
	      has cpu_reader_snapshots_per_min && has cpu_storm_events_per_min'
check "i2c: CMIS reads and the ratio to netlink" \
	eval 'has i2c_dom_pass_cmis_reads && has i2c_dom_pass_time_ratio_i2c_over_netlink'
check "classic figures kept" \
	eval 'has sysfs_attributes_per_snapshot && has cmis_mailbox_commands_per_port && has device_slab_kib'
echo "bench/guest-bench.sh (smoke)" >"$bdir/tiny.cmd"
check "report.py writes report.md and report.json" \
	eval 'python3 "$CPO_TOP/bench/report.py" "$bdir" tiny && test -s "$bdir/report.md" &&
	      python3 -c "import json, sys; json.load(open(sys.argv[1]))" "$bdir/report.json"'
check "the model's I2C clock is off again" eval '[ "$(sim_info i2c_khz)" = 0 ] || [ -z "$(sim_info i2c_khz)" ]'

ktap_finished
