#!/bin/bash
# profile: tiny
# timeout: 300
# SPDX-License-Identifier: GPL-2.0
# compat: extack messages with arguments (6.3)
#
# devlink flash: one component updated (progress, running and stored
# versions), every bad image refused with its message and nothing
# changed, an update that fails at download, verification, activation or
# commit leaves the old image running (the device falls back), the MCU's
# version is the device's, and telemetry is served during an update.

. "$(dirname "$0")/lib.sh"

need_cmd devlink jq python3 stdbuf
need_root

fwclass=/sys/module/firmware_class/parameters/path
[ -w "$fwclass" ] || ktap_skip_all "firmware_class.path not writable"

DL=pci/$(cpo_bdf)
fwdir=$(mktemp -d)
if ! oldpath=$(fw_path_set "$fwdir" "$DL"); then
	rm -rf "$fwdir"
	ktap_skip_all "the firmware loader does not find files in $fwdir"
fi
monpid=
cleanup()
{
	[ -z "$monpid" ] || kill "$monpid" 2>/dev/null
	printf '%s' "$oldpath" >"$fwclass"
	sim fw-fail off >/dev/null 2>&1
	rm -rf "$fwdir"
}
trap cleanup EXIT

ktap_plan 31

img() # NAME TYPE INDEX VERSION SIZE [DEFECT]
{
	python3 "$CPO_SELFTEST_DIR/fw-image.py" "$fwdir/$1" "${@:2}"
}

# ver running|stored COMPONENT
ver()
{
	devlink -j dev info "$DL" |
		jq -r ".info[\"$DL\"].versions.$1[\"$2\"] // \"none\""
}

# flash FILE [COMPONENT]: output (progress and errors) in $out, status returned
flash()
{
	local rc
	out=$(devlink dev flash "$DL" file "$1" ${2:+component "$2"} 2>&1)
	rc=$?
	diag "flash $*: rc $rc: $(printf '%s' "$out" | tr '\r\n' '  ' | tail -c 200)"
	return $rc
}

# refused DESC FILE COMPONENT MESSAGE: flash fails with MESSAGE, nothing changes
refused()
{
	local before after
	before="$(sim fw-show oe0) $(sim fw-show els0) $(sim fw-show mcu)"
	if flash "$2" "$3"; then
		not_ok "$1: refused" "flash succeeded"
	else
		case $out in
		*"$4"*) ok "$1: refused: $4" ;;
		*) not_ok "$1: refused" "no '$4' in '$out'" ;;
		esac
	fi
	after="$(sim fw-show oe0) $(sim fw-show els0) $(sim fw-show mcu)"
	check_eq "$1: nothing changed" "$before" "$after"
}

# the components and their versions
check_eq "fw.oe0 runs the factory image" "2.4.0" "$(ver running fw.oe0)"
check_eq "fw.oe0 stores the factory image" "2.4.0" "$(ver stored fw.oe0)"
check_eq "fw.els0 runs the factory image" "1.2.0" "$(ver running fw.els0)"
mcu0=$(sim_info fw)
check_eq "fw.mcu is the device's firmware" "$mcu0" "$(ver running fw.mcu)"

# one engine updated, with progress (devlink mon sees bytes done of total)
stdbuf -oL devlink mon >"$fwdir/mon.log" 2>&1 &
monpid=$!
sleep 1
img oe-2.5.0.bin oe any 2.5.0 20000
if flash oe-2.5.0.bin fw.oe0; then
	ok "engine image flashed to fw.oe0"
else
	not_ok "engine image flashed to fw.oe0" "$out"
fi
sleep 0.5
kill "$monpid" 2>/dev/null
wait "$monpid" 2>/dev/null
monpid=
# one notification per line or spread over several, as iproute2 prints it
mon=$(tr -s '\n\t ' ' ' <"$fwdir/mon.log")
n=$(printf '%s' "$mon" | grep -oE 'done [0-9]+ total 20000' | wc -l)
if [[ $mon =~ Downloading\ component\ fw\.oe0\ done\ 20000\ total\ 20000 ]]; then
	ok "devlink mon: fw.oe0 downloaded 20000 of 20000 bytes ($n progress notifications)"
else
	not_ok "devlink mon: progress of fw.oe0" "$(head -c 600 "$fwdir/mon.log")"
fi
case $out in
*"[fw.oe0] Downloading"*"[fw.oe0] Verifying"*"[fw.oe0] Activating"*"[fw.oe0] Committing"*)
	ok "devlink flash: download, verify, activate, commit of fw.oe0" ;;
*) not_ok "devlink flash: download, verify, activate, commit of fw.oe0" "$out" ;;
esac
check_eq "fw.oe0 runs 2.5.0" "2.5.0" "$(ver running fw.oe0)"
check_eq "fw.oe0 stores 2.5.0" "2.5.0" "$(ver stored fw.oe0)"

# bad images: refused by the driver before the device sees them
img bad-crc.bin oe any 2.6.0 4000 crc
refused "bad checksum" bad-crc.bin fw.oe0 "image checksum mismatch"
img short.bin oe any 2.6.0 4000 truncate
refused "truncated" short.bin fw.oe0 "image truncated"
img big.bin oe any 2.6.0 $((256 * 1024 + 1))
refused "oversized" big.bin fw.oe0 "exceeds the engine maximum"
img els-for-oe.bin els any 1.3.0 4000
refused "wrong component" els-for-oe.bin fw.oe0 "image is for an ELSFP, not for fw.oe0"

# failures on the device: the old image keeps running
img oe-2.6.0.bin oe any 2.6.0 20000
sim fw-fail run oe0 >/dev/null
if flash oe-2.6.0.bin fw.oe0; then
	not_ok "image that does not come up: refused" "flash succeeded"
else
	case $out in
	*"did not come up, 2.5.0 runs again"*) ok "image that does not come up: fell back to 2.5.0" ;;
	*) not_ok "image that does not come up: fell back" "$out" ;;
	esac
fi
check_eq "after the fallback fw.oe0 runs 2.5.0" "2.5.0" "$(ver running fw.oe0)"
check_eq "after the fallback fw.oe0 stores 2.5.0" "2.5.0" "$(ver stored fw.oe0)"

sim fw-fail write oe0 >/dev/null
if flash oe-2.6.0.bin fw.oe0; then
	not_ok "interrupted download: refused" "flash succeeded"
else
	case $out in
	*"download failed"*"2.5.0 still runs"*) ok "interrupted download: 2.5.0 still runs" ;;
	*) not_ok "interrupted download" "$out" ;;
	esac
fi
check_eq "the interrupted download was abandoned" "3" \
	"$(sim fw-show oe0 | tr ' ' '\n' | sed -n 's/^result=//p')"
check_eq "after the interrupted download fw.oe0 runs 2.5.0" "2.5.0" "$(ver running fw.oe0)"

# an ELSFP image that runs but is not committed: running and stored differ
img els-1.3.0.bin els any 1.3.0 8000
sim fw-fail commit els0 >/dev/null
if flash els-1.3.0.bin; then
	not_ok "uncommitted image: reported" "flash succeeded"
else
	case $out in
	*"1.3.0 not committed"*"returns at reset"*) ok "uncommitted image: reported" ;;
	*) not_ok "uncommitted image: reported" "$out" ;;
	esac
fi
check_eq "fw.els0 runs 1.3.0" "1.3.0" "$(ver running fw.els0)"
check_eq "fw.els0 still stores 1.2.0" "1.2.0" "$(ver stored fw.els0)"

# the MCU, by the image alone; telemetry is served meanwhile
img mcu-new.bin mcu 0 9.8.7 200000
flash mcu-new.bin &
pid=$!
reads=0
while kill -0 $pid 2>/dev/null; do
	cat "$(cpo_dev)/oe0/temperature" "$(cpo_dev)/oe0/state" >/dev/null 2>&1 &&
		reads=$((reads + 1))
	sleep 0.2
done
wait $pid
rc=$?
check_eq "MCU image flashed" 0 "$rc"
if [ "$reads" -gt 0 ]; then
	ok "telemetry read $reads times during the update"
else
	not_ok "telemetry read during the update" "no read succeeded"
fi
check_eq "fw.mcu runs 9.8.7" "9.8.7" "$(ver running fw.mcu)"
check_eq "fw (the MCU) is the device's" "$(sim_info fw)" "$(ver running fw)"

# back to the MCU firmware the other tests expect
img mcu-old.bin mcu 0 "$mcu0" 4000
flash mcu-old.bin fw.mcu
check_eq "fw.mcu back to $mcu0" "$mcu0" "$(ver running fw.mcu)"

ktap_finished
