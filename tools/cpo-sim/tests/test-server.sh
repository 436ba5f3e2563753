#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# cpo-sim as a server: the ivshmem protocol (a peer standing in for QEMU),
# the control socket and its client, clean exit on signals and on the guest
# leaving.  TAP output.
SIM=${1:-./cpo-sim}
DIR=$(mktemp -d /tmp/cpo-sim-test.XXXXXX)
SOCK=$DIR/ivshmem.sock
CTL=$DIR/ctl.sock
HERE=$(dirname "$0")
n=0
fails=0
pid=

ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"; }
check() { name=$1; shift; if "$@" >/dev/null 2>&1; then ok "$name"; else nok "$name"; fi; }

cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	rm -rf "$DIR"
}
trap cleanup EXIT

start() {
	"$SIM" --profile tiny --socket "$SOCK" --ctl "$CTL" "$@" &
	pid=$!
	i=0
	while [ ! -S "$CTL" ] || [ ! -S "$SOCK" ]; do
		i=$((i + 1))
		[ $i -gt 100 ] && return 1
		sleep 0.05
	done
}

ctl() { "$SIM" ctl --ctl "$CTL" "$@"; }

echo "TAP version 13"
start || { echo "Bail out! cpo-sim did not start"; exit 1; }
check "ctl info" sh -c "'$SIM' ctl --ctl '$CTL' info | grep -q 'n_lanes=8 n_ports=1 n_els=1 n_lasers=2'"
check "ctl get laser 0" sh -c "'$SIM' ctl --ctl '$CTL' get laser 0 | grep -q 'state_name=on'"
check "CPO_SIM_CTL selects the channel" env CPO_SIM_CTL="$CTL" "$SIM" ctl get lane 7
ctl get laser 2 >/dev/null 2>&1; [ $? -eq 1 ] && ok "out-of-range index: exit 1" || nok "out-of-range index: exit 1"
ctl frobnicate >/dev/null 2>&1; [ $? -eq 1 ] && ok "unknown command: exit 1" || nok "unknown command: exit 1"
ctl event-forge 4 4 >/dev/null 2>&1; [ $? -eq 1 ] && ok "event-forge without value: exit 1" || nok "event-forge without value: exit 1"
ctl laser-fail 0 on later >/dev/null 2>&1; [ $? -eq 1 ] && ok "laser-fail with a bad word: exit 1" || nok "laser-fail with a bad word: exit 1"
ctl i2c-khz 20000 >/dev/null 2>&1; [ $? -eq 1 ] && ok "i2c-khz out of range: exit 1" || nok "i2c-khz out of range: exit 1"
for c in "laser-degrade 0 5" "laser-fail 1" "laser-fail 1 off" "laser-fail 1 on now" "laser-fail 1 off now" "i2c-khz 1000" "i2c-khz 0" "on-mbox laser-fail 0 on now" "on-mbox off" "fiber-cut 0" "fiber-restore 0" \
	 "oe-overtemp 0 on" "oe-overtemp 0 off" "tec-runaway 0 on" "tec-runaway 0 off" \
	 "mbox-error busy" "event-storm 10" "event-forge 4 4 0 7" "hostile telemetry" "accel 10" "set-ambient 30" \
	 "fw-hang" "fw-resume" "els-pull 0" "els-insert 0" "cmis port 0 11" "poke ident.ver_major 1" \
	 "poke-raw 0 43504f31" "peek-raw 0 8" "fw-time 1" "fw-fail run oe0" "fw-fail off" "fw-show els0" "hostile ident" "hostile-run 1 5 random now" "hostile-run status" "repair"; do
	check "ctl $c" ctl $c
done
[ "$(ctl peek ident.magic)" = 0x314f5043 ] && ok "peek ident.magic" || nok "peek ident.magic"
sleep 0.3
check "inserted module back through probing" sh -c "'$SIM' ctl --ctl '$CTL' get els 0 | grep -q 'present=1'"
check "ctl mbox-error off" ctl mbox-error off
if [ -x "$(command -v python3)" ]; then
	python3 "$HERE/ivshmem-peer.py" "$SOCK" >"$DIR/peer.out" 2>&1
	prc=$?
	sed 's/^/# /' "$DIR/peer.out"
	if [ $prc -eq 0 ]; then
		ok "ivshmem peer: setup, doorbell, MSI-X, mailbox NOP"
	else
		nok "ivshmem peer: setup, doorbell, MSI-X, mailbox NOP"
	fi
	i=0
	while kill -0 "$pid" 2>/dev/null && [ $i -lt 40 ]; do sleep 0.05; i=$((i + 1)); done
	if ! kill -0 "$pid" 2>/dev/null; then
		wait "$pid"; rc=$?
		pid=
		[ $rc -eq 0 ] && ok "guest left: exit 0" || nok "guest left: exit 0 (got $rc)"
	else
		nok "guest left: exit 0 (still running)"
	fi
	[ ! -e "$SOCK" ] && [ ! -e "$CTL" ] && ok "sockets unlinked" || nok "sockets unlinked"
else
	echo "# python3 missing: ivshmem peer test skipped"
fi
start || { echo "Bail out! cpo-sim did not restart"; exit 1; }
kill -TERM "$pid"
wait "$pid"; rc=$?
pid=
[ $rc -eq 0 ] && [ ! -e "$SOCK" ] && [ ! -e "$CTL" ] && ok "SIGTERM: exit 0, sockets unlinked" ||
	nok "SIGTERM: exit 0, sockets unlinked (rc $rc)"
start || { echo "Bail out! cpo-sim did not restart"; exit 1; }
out=$(ctl die 2>&1)
wait "$pid"; rc=$?
pid=
[ "$out" = killed ] && [ $rc -eq 137 ] && ok "ctl die: answers, then SIGKILL" ||
	nok "ctl die: answers, then SIGKILL ('$out', rc $rc)"
rm -f "$SOCK" "$CTL"
"$SIM" --profile tiny --shm-file "$DIR/bar2" --ctl "$CTL" &
pid=$!
i=0
while [ ! -S "$CTL" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
[ "$(od -A n -t x4 -N 4 "$DIR/bar2" 2>/dev/null | tr -d ' ')" = 314f5043 ] && ctl ping >/dev/null &&
	[ ! -e "$SOCK" ] && ok "--shm-file: the window in a file, no ivshmem socket" ||
	nok "--shm-file: the window in a file, no ivshmem socket"
kill -TERM "$pid"; wait "$pid"; pid=
if command -v python3 >/dev/null; then
	"$SIM" --profile th6-102t --dump-topology | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert len(d["engines"]) == 16 and len(d["lasers"]) == 128 and len(d["ports"]) == 64
assert all(len(p["lanes"]) == 8 for p in d["ports"])
' && ok "--dump-topology: JSON of th6-102t" || nok "--dump-topology: JSON of th6-102t"
fi
"$SIM" --profile "$DIR/none.profile" --socket "$SOCK" 2>"$DIR/err"; rc=$?
[ $rc -ne 0 ] && grep -q none.profile "$DIR/err" && ok "missing profile: clear error" ||
	nok "missing profile: clear error"
echo "1..$n"
[ $fails -eq 0 ]
