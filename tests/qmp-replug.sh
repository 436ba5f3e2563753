#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# QEMU hot-unplug and re-plug of the CPO function from the host, over
# QMP: a guest on the ivshmem-plain function (run-vm.sh --plain; the
# driver polls) runs selftests/vm/qmp-replug-guest.sh, and this script
# answers it: device_del cpo0 (waiting for DEVICE_DELETED) when the
# guest says "bound N", device_add of the same ivshmem-plain when it says
# "removed N", on a new memory backend object over the same file: the
# model's window survives the unplug.  (QEMU 7.2 aborts when a device is
# added again on the backend object of the removed one, and crashes after
# device_del of ivshmem-doorbell: see Documentation/cpo/testbed.rst.)  TAP: the guest's results as comments, then the host's two.
#
# Usage: tests/qmp-replug.sh [--doorbell [--gdb]] [CYCLES]   (default 3)
#   --doorbell  the same on ivshmem-doorbell, to reproduce QEMU's crash
#               (not part of 'make check'); --gdb attaches gdb to QEMU
#               and leaves its backtraces in LOG_DIR/gdb.log
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
mode=--plain
dev=ivshmem-plain	# the device_add is for ivshmem-plain only
use_gdb=0
while [ $# -gt 0 ]; do
	case $1 in
	--doorbell) mode=; dev=ivshmem-doorbell; shift ;;
	--gdb) use_gdb=1; shift ;;
	*) break ;;
	esac
done
cycles=${1:-3}
log_dir=$top/build/vm/qmp-replug-${dev#ivshmem-}
mkdir -p "$log_dir"
rm -f "$log_dir/qmp"

# qmp SOCKET CMD [ARGS_JSON]: one QMP command; for device_del, also wait
# for the device's DEVICE_DELETED event.  Prints the answer; exit 1 on
# an error answer, 2 when QEMU is gone or times out.
qmp()
{
	python3 - "$@" <<'EOF'
import json, socket, sys, time
sock, cmd = sys.argv[1], sys.argv[2]
args = json.loads(sys.argv[3]) if len(sys.argv) > 3 else {}
try:
    s = socket.socket(socket.AF_UNIX)
    s.settimeout(60)
    s.connect(sock)
    f = s.makefile("rw")
    json.loads(f.readline())
    f.write(json.dumps({"execute": "qmp_capabilities"}) + "\n"); f.flush()
    while "return" not in json.loads(f.readline()):
        pass
    f.write(json.dumps({"execute": cmd, "arguments": args}) + "\n"); f.flush()
    deleted = cmd != "device_del"
    answered = None
    while answered is None or not deleted:
        m = json.loads(f.readline())
        if "error" in m:
            print("error: " + m["error"]["desc"]); sys.exit(1)
        if "return" in m:
            answered = m
        if m.get("event") == "DEVICE_DELETED" and m["data"].get("device") == args.get("id"):
            deleted = True
    print("ok")
except (OSError, ValueError) as e:
    print("QEMU gone: %s" % e); sys.exit(2)
EOF
}

"$top/selftests/vm/run-vm.sh" --profile tiny $mode --timeout $((300 + 90 * cycles)) --quiet \
	--log-dir "$log_dir" -- selftests/vm/qmp-replug-guest.sh "$cycles" &
vm=$!

n=0
fails=0
ok() { n=$((n + 1)); echo "ok $n $1"; }
nok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n $1"; [ -z "${2:-}" ] || echo "# $2"; }

for _ in $(seq 100); do
	[ -s "$log_dir/qmp" ] && break
	sleep 0.2
done
sock=$(cat "$log_dir/qmp" 2>/dev/null)
share=$(dirname "$sock")/share
gdb_pid=
if [ $use_gdb = 1 ]; then
	for _ in $(seq 100); do
		[ -s "$(dirname "$sock")/qemu.pid" ] && break
		sleep 0.2
	done
	gdb -p "$(cat "$(dirname "$sock")/qemu.pid")" -batch -ex 'handle SIGUSR1 SIGPIPE nostop noprint' \
		-ex continue -ex 'info threads' -ex 'thread apply all bt' >"$log_dir/gdb.log" 2>&1 &
	gdb_pid=$!
fi
dels=0
adds=0
last=
qerr=
while kill -0 $vm 2>/dev/null; do
	p=$(cat "$share/phase" 2>/dev/null)
	if [ -n "$p" ] && [ "$p" != "$last" ]; then
		case $p in
		bound\ *)
			if out=$(qmp "$sock" device_del '{"id": "cpo0"}'); then
				dels=$((dels + 1))
			else
				qerr=${qerr:-"device_del in cycle ${p#bound }: $out"}
			fi
			;;
		removed\ *)
			mem=cpomem${p#removed }
			if out=$(qmp "$sock" object-add "{\"qom-type\": \"memory-backend-file\",
				\"id\": \"$mem\", \"mem-path\": \"$(dirname "$sock")/bar2\",
				\"size\": $(stat -c %s "$(dirname "$sock")/bar2"), \"share\": true}") &&
			   out=$(qmp "$sock" device_add \
			    "{\"driver\": \"ivshmem-plain\", \"id\": \"cpo0\", \"bus\": \"rp1\", \"memdev\": \"$mem\"}"); then
				adds=$((adds + 1))
			else
				qerr=${qerr:-"device_add in cycle ${p#removed }: $out"}
			fi
			;;
		esac
		last=$p
	fi
	sleep 0.2
done
wait $vm
rc=$?
[ -z "$gdb_pid" ] || { sleep 5; kill $gdb_pid 2>/dev/null; wait $gdb_pid 2>/dev/null; }

echo "TAP version 13"
echo "1..2"
sed -n '/^TAP version/,$p' "$log_dir/output.log" 2>/dev/null | sed 's/^/# guest: /'
[ -z "$qerr" ] && [ $dels = "$cycles" ] && [ $adds = "$cycles" ] &&
	ok "QMP: $dels device_del (DEVICE_DELETED each), $adds device_add" ||
	nok "QMP device_del/device_add" "${qerr:-$dels device_del, $adds device_add of $cycles}"
[ $rc = 0 ] && ok "guest passed, clean kernel log, QEMU alive to the end" ||
	nok "guest passed, clean kernel log, QEMU alive to the end" "run-vm.sh exit $rc; see $log_dir"
[ $fails = 0 ]
