#!/bin/bash
# profile: tiny
# timeout: 420
# SPDX-License-Identifier: GPL-2.0
#
# A device that lies, for long: seeded rounds of garbage (cpo-sim's
# hostile-run) into the identity block, the topology tables, the
# telemetry (a torn and a jumping generation among them), the
# thresholds, the event ring and the mailbox while the driver runs and
# is used, then into the identity and the tables before a probe.  After
# each batch the driver still answers (sysfs, a netlink get and dumps)
# or says the device failed; no request hangs; a refused probe says why
# in one log line; after 'repair' the device serves and its events flow.
# The seed is printed; CPO_HOSTILE_SEED=N repeats a run, and
# CPO_HOSTILE_BATCHES / CPO_HOSTILE_PROBES change its length.
# Leaves the module bound to a repaired device.

. "$(dirname "$0")/lib.sh"

need_root
need_cmd cpo-sim cpoctl timeout

D=$(cpo_dev)
seed=${CPO_HOSTILE_SEED:-$(( $(date +%s) % 1000000 ))}
batches=${CPO_HOSTILE_BATCHES:-5}
batch=200		# rounds per batch, while the driver runs
per_period=20		# rounds each update period
probes=${CPO_HOSTILE_PROBES:-8}
regions="ident topology telemetry thresh ring mailbox"

cleanup()
{
	sim repair >/dev/null 2>&1
	module_restore >/dev/null 2>&1
}
trap cleanup EXIT

declare -A done_in
for r in $regions; do done_in[$r]=0; done
rounds=0
failed_seen=0		# batches after which the device said it failed
errors_seen=0		# requests answered with an error during the rounds
hung=0			# requests that did not finish in time
refused=0		# probes refused
accepted=0		# probes of a device whose damage was harmless
bad_log=0		# refused probes without exactly one line saying why

# add_done STATUS: add a hostile-run status line's per-region counts
add_done()
{
	local r n
	for r in $regions; do
		n=0
		[[ " $1 " =~ \ $r=([0-9]+)\  ]] && n=${BASH_REMATCH[1]}
		done_in[$r]=$((done_in[$r] + n))
		rounds=$((rounds + n))
	done
}

# t SECS CMD...: CMD under a timeout; a timeout is a hang
t()
{
	local secs=$1 rc
	shift
	local start=$SECONDS
	timeout --kill-after=2 "$secs" "$@" >/dev/null 2>&1
	rc=$?
	if [ $rc = 124 ] || [ $rc = 137 ]; then
		hung=$((hung + 1))
		diag "no answer in $secs s: $*"
		dmesg | tail -n 5 | sed 's/^/#   /'
	elif [ $((SECONDS - start)) -gt 5 ]; then
		diag "slow ($((SECONDS - start)) s): $*"
	elif [ $rc != 0 ]; then
		errors_seen=$((errors_seen + 1))
	fi
	return $rc
}

# read every readable attribute of the device once, builtins only
read_all()
{
	timeout --kill-after=2 "$1" bash -c '
		n=0
		find "$1/" -type f -perm /444 ! -name uevent ! -path "*/power/*" \
			! -path "*/net/*" |
		while IFS= read -r f; do
			read -r v <"$f" 2>/dev/null || n=$((n + 1))
		done' _ "$D"
}

# the driver answers: the state, every attribute, a get and two dumps
# (generous timeouts: a loaded TCG guest is slow, a hang is not)
answers()
{
	local st n start=$SECONDS
	st=$(timeout 10 cat "$D/state" 2>/dev/null) || { diag "state unreadable"; return 1; }
	case $st in
	failed) return 0 ;;
	ok) ;;
	*) diag "state '$st'"; return 1 ;;
	esac
	n=$(read_all 120) || { diag "reading every attribute: no end in 120 s"; return 1; }
	timeout 30 cpoctl -j dev show >/dev/null || { diag "cpoctl dev show failed"; return 1; }
	timeout 30 cpoctl -j laser show >/dev/null || { diag "laser dump failed"; return 1; }
	timeout 30 cpoctl -j threshold show >/dev/null || { diag "threshold dump failed"; return 1; }
	[ $((SECONDS - start)) -lt 30 ] || diag "answered in $((SECONDS - start)) s ($n attributes unreadable)"
}

serves()
{
	[ "$(cat "$D/state" 2>/dev/null)" = ok ] &&
		read -r _ <"$D/oe0/temperature" &&
		cpoctl -j dev show >/dev/null &&
		echo 1 >"$D/laser0/enable"
}

all_written() { [[ " $(sim hostile-run status) " == *" left=0 "* ]]; }

ktap_plan 8
diag "seed $seed (CPO_HOSTILE_SEED=$seed repeats this run)"
mark="cpo-selftest-hostile-$seed-$RANDOM"
echo "$mark" >/dev/kmsg

check "the device serves before the rounds" serves

# ---- rounds while the driver runs and is used ----
bad_batches=0
for ((b = 0; b < batches; b++)); do
	sim hostile-run $((seed + b)) $batch random $per_period >/dev/null ||
		{ bad_batches=$((bad_batches + 1)); continue; }
	# use it meanwhile: reads, a mailbox command, a dump (builtins
	# where possible: forks are dear under TCG)
	for ((i = 0; i < 100; i++)); do
		for f in state oe0/temperature laser0/state laser0/output_power \
			 port0/lane_rx_power thresholds/oe_temp/high_alarm; do
			read -r _ <"$D/$f" 2>/dev/null || errors_seen=$((errors_seen + 1))
		done
		echo 1 2>/dev/null >"$D/laser0/enable" || errors_seen=$((errors_seen + 1))
		t 30 cpoctl -j laser show
		all_written && break
	done
	add_done "$(sim hostile-run status)"
	if ! answers; then
		bad_batches=$((bad_batches + 1))
		diag "batch $b (seed $((seed + b))): the driver does not answer"
	fi
	[ "$(cat "$D/state" 2>/dev/null)" = failed ] && failed_seen=$((failed_seen + 1))
	sim repair >/dev/null
	if ! wait_for 20 serves; then
		bad_batches=$((bad_batches + 1))
		diag "batch $b (seed $((seed + b))): no recovery after repair"
	fi
done
run_rounds=$rounds
check_eq "$batches batches of $batch rounds while running: the driver answers after each, recovers after repair" \
	"0 batches wrong" "$bad_batches batches wrong"
check_eq "no request hung during the rounds" 0 "$hung"

# events flow through the ring again after the damage
sim laser-fail 1 on >/dev/null
check "after repair, events flow (laser1 fault seen)" wait_for 15 \
	eval '[ "$(cat "$D/laser1/state")" = fault ]'
sim laser-fail 1 off >/dev/null
wait_for 20 eval '[ "$(cat "$D/laser1/state")" = on ]'

# ---- rounds into the identity and the tables before a probe ----
bad_probes=0
for ((k = 0; k < probes; k++)); do
	if ((k % 2)); then r=topology; else r=ident; fi
	pmark="cpo-selftest-probe-$seed-$k"
	module_unbind
	sim repair >/dev/null
	echo "$pmark" >/dev/kmsg
	add_done "$(sim hostile-run $((seed + 1000 + k)) 1 $r now)"
	if timeout --kill-after=2 60 bash -c ". '$CPO_SELFTEST_DIR/lib.sh'; module_bind" \
		>/dev/null 2>&1; then
		accepted=$((accepted + 1))
		if ! answers; then
			bad_probes=$((bad_probes + 1))
			diag "probe $k ($r, seed $((seed + 1000 + k))): bound but does not answer"
		fi
		continue
	fi
	if cpo_is_bound; then
		bad_probes=$((bad_probes + 1))
		diag "probe $k ($r, seed $((seed + 1000 + k))): bind hung"
		continue
	fi
	refused=$((refused + 1))
	# the driver's own lines, not the driver core's "probe ... failed"
	lines=$(dmesg | sed -n "/$pmark/,\$p" | grep -E 'cpo [0-9a-f]{4}:' |
		grep -vE 'probe with driver|probe of ')
	if [ "$(grep -c . <<<"$lines")" != 1 ]; then
		bad_log=$((bad_log + 1))
		diag "probe $k ($r, seed $((seed + 1000 + k))): $(grep -c . <<<"$lines") log lines:"
		sed 's/^/#     /' <<<"$lines" | head -n 5
	fi
done
check_eq "$probes probes of a damaged identity or topology: refused or serving" \
	"0 wrong" "$bad_probes wrong"
check_eq "each refused probe says why in one log line" 0 "$bad_log"

sim repair >/dev/null
module_bind >/dev/null 2>&1
check "after repair the device binds and serves" wait_for 20 serves

reports=$(dmesg | sed -n "/$mark/,\$p" |
	grep -cE 'WARNING:|BUG:|Oops|general protection|KASAN|UBSAN|INFO: task .* blocked|unreferenced object')
diag "hostile-device: seed $seed, rounds $rounds ($run_rounds while running, $((rounds - run_rounds)) before a probe)"
diag "hostile-device: regions$(for r in $regions; do printf ' %s=%s' "$r" "${done_in[$r]}"; done)"
diag "hostile-device: probes refused $refused, accepted $accepted; failed states seen $failed_seen; requests answered with an error $errors_seen; hung $hung; kernel reports found $reports"
check_eq "no warning, oops or hang report in the kernel log" 0 "$reports"

ktap_finished
