#!/bin/bash
# profile: tiny,th6-102t
# timeout: 600
# SPDX-License-Identifier: GPL-2.0
# compat: the unaligned-access header, sysfs binary attributes
#
# Engines and ELSFPs as CMIS modules through their optoe-style eeprom files:
# an independent reader (cmis-reader.py: register maps only) checks every
# field it decodes against sysfs and cpoctl; bad offsets, lengths, banks
# and writes are refused and change nothing; a lane disable and a setpoint
# written to an ELSFP's eeprom take effect and show in cpoctl; flags latch
# until read; stock ethtool -m still decodes the per-port view.  The
# device commands of one DOM pass both ways are printed as diagnostics.

. "$(dirname "$0")/lib.sh"

need_cmd python3 jq dd od cpoctl ethtool
need_root

D=$(cpo_dev)
DBG=/sys/kernel/debug/cpo/$(basename "$D")
OE=$D/oe0/eeprom
ELS=$D/els0/eeprom
PPB=$(cat "$D/eeprom_pages_per_bank")

# lin BANK PAGE BYTE: the linear offset of a byte of an upper page
lin() { echo $(((($1 * PPB + $2) * 128) + $3)); }

# rd FILE OFF LEN: LEN bytes at OFF as hex pairs without spaces
rd() { dd if="$1" bs="$3" count=1 skip="$2" iflag=skip_bytes status=none | od -An -v -tx1 | tr -d ' \n'; }

# wr FILE OFF HEX: write the bytes HEX (e.g. 0a1b) at OFF in one write;
# prints nothing on success, dd's error text on failure
wr() {
	local esc
	esc=$(sed 's/../\\x&/g' <<<"$3")
	# shellcheck disable=SC2059
	printf "$esc" | dd of="$1" bs=$((${#3} / 2)) count=1 seek="$2" oflag=seek_bytes \
		conv=notrunc status=none 2>&1 | sed 's/.*: //'
}

ktap_plan 23

# --- the reader, on this profile: 8 checks ---
cmis_reader_checks "$D"
diag "reader done after ${SECONDS}s"

# --- addressing ---
banks=$(cat "$D/oe0/eeprom_banks")
check_eq "nothing read beyond the last bank" "" "$(rd "$OE" "$(lin "$banks" 17 128)" 1 2>/dev/null)"
if [ "$banks" -gt 1 ]; then
	check_eq "page 02h of bank 1 refused (pages below 10h are in bank 0 only)" "" \
		"$(rd "$OE" "$(lin 1 2 128)" 1 2>/dev/null)"
else
	check_eq "a 1-bank image refuses bank 1" "" "$(rd "$OE" "$(lin 1 17 128)" 1 2>/dev/null)"
fi
err=$(dd if="$OE" bs=1 count=1 skip="$(lin 0 32 128)" iflag=skip_bytes status=none 2>&1 >/dev/null)
check "an unserved page fails with EOPNOTSUPP" grep -q "not supported" <<<"$err"
# one read across the lower and upper halves: both halves served
check "one read across lower memory and page 00h" \
	bash -c "[ \$(dd if=$OE bs=256 count=1 status=none | wc -c) = 256 ]"
check_eq "page 00h identifier through the linear offset" 80 "$(rd "$OE" 128 1)"
old=$PPB
echo 240 >"$D/eeprom_pages_per_bank"
PPB=240
if [ "$banks" -gt 1 ]; then
	a=$(rd "$OE" "$(lin 1 17 128)" 4)
	check "240 pages per bank: bank 1 page 11h served at its offset" test -n "$a"
else
	check_eq "240 pages per bank: page 11h of bank 0 unchanged" "$(rd "$OE" "$(lin 0 17 128)" 1)" \
		"$(rd "$OE" "$(lin 0 17 128)" 1)"
fi
check "pages per bank other than 240/256 refused" bash -c "! echo 100 >$D/eeprom_pages_per_bank"
echo "$old" >"$D/eeprom_pages_per_bank"
PPB=$old

# --- writes: refused ones change nothing ---
en0=$(rd "$ELS" "$(lin 0 26 220)" 1)
check_eq "write to a read-only byte: EPERM" "Operation not permitted" "$(wr "$ELS" "$(lin 0 26 212)" 05)"
check_eq "write of 25 bytes: EINVAL" "Invalid argument" \
	"$(wr "$ELS" "$(lin 0 27 144)" "$(printf '00%.0s' $(seq 25))")"
nl=$(cat "$D/els0/n_lasers")
if [ "$nl" -lt 8 ]; then
	check_eq "enable bit of a lane the bank lacks: EINVAL, nothing changed" \
		"Invalid argument $en0" "$(wr "$ELS" "$(lin 0 26 220)" ff) $(rd "$ELS" "$(lin 0 26 220)" 1)"
else
	check_eq "half a setpoint field: EINVAL, nothing changed" \
		"Invalid argument $en0" "$(wr "$ELS" "$(lin 0 27 145)" 10) $(rd "$ELS" "$(lin 0 26 220)" 1)"
fi
err=$(as_user dd if=/dev/zero of="$ELS" bs=1 count=1 seek="$(lin 0 26 220)" oflag=seek_bytes \
	conv=notrunc status=none 2>&1)
check "a write without privilege refused, nothing changed" \
	bash -c "grep -Eq 'Permission denied|Operation not permitted' <<<'$err' && [ $(rd "$ELS" "$(lin 0 26 220)" 1) = $en0 ]"

# --- writes that act: lane disable and setpoint through the ELSFP's file ---
first=$(cat "$D/els0/first_laser")
mask=$(printf '%02x' $((0x$en0 & ~2)))
wr "$ELS" "$(lin 0 26 220)" "$mask" >/dev/null
check "1Ah:220 lane 2 off: cpoctl shows the laser disabled" \
	wait_for 5 bash -c "cpoctl -j laser show $((first + 1)) | jq -e '.[0][\"tx-laser\"] == false'"
wr "$ELS" "$(lin 0 26 220)" "$en0" >/dev/null
wait_for 5 bash -c "cpoctl -j laser show $((first + 1)) | jq -e '.[0][\"tx-laser\"] == true'"
sp=$(cpoctl -j laser show "$first" | jq '.[0].setpoint')
if [ "$(cpoctl -j laser show "$first" | jq -r '.[0].mode')" = apc ]; then
	wr "$ELS" "$(lin 0 27 144)" 2328 >/dev/null	# 0x2328 x 10 uW = 90 mW
	check_eq "1Bh:144 power setpoint 90 mW: cpoctl shows it" 90000 \
		"$(cpoctl -j laser show "$first" | jq '.[0].setpoint')"
	cpoctl laser set "$first" power "$sp" uW >/dev/null
else
	skip "1Bh:144 power setpoint" "laser $first runs ACC"
fi

# --- flags latch until read, per image ---
sim laser-fail "$first" on >/dev/null
wait_for 5 bash -c "[ \$(cat $D/laser$first/fault) != none ]"
sim laser-fail "$first" off >/dev/null
wr "$ELS" "$(lin 0 26 220)" "$(printf '%02x' $((0x$en0 & ~1)))" >/dev/null
wr "$ELS" "$(lin 0 26 220)" "$en0" >/dev/null
wait_for 5 bash -c "[ \$(cat $D/laser$first/fault) = none ]"
f1=$(rd "$ELS" "$(lin 0 26 166)" 1)
f2=$(rd "$ELS" "$(lin 0 26 166)" 1)
check_eq "a fault gone is still latched at 1Ah:166, cleared by the read" "1 0" \
	"$((0x$f1 & 1)) $((0x$f2 & 1))"

diag "writes done after ${SECONDS}s"

# --- the per-port view for stock ethtool ---
check "ethtool -m still decodes port 0's view" \
	bash -c "ethtool -m cpo0p0 | grep -q 'Identifier.*0x18'"

# --- device commands of one DOM pass, both ways (figures, not asserted):
# every image once, as xcvrd reads it (lower page, page 11h of each bank
# of each engine; lower page, 1Ah and 1Bh of each bank of each ELSFP), in
# one process; ethtool -m measured on one port, times the ports ---
if [ -r "$DBG/mbox_cmds" ]; then
	c0=$(cat "$DBG/mbox_cmds")
	python3 - "$D" "$PPB" <<'PY'
import glob, os, sys
d, ppb = sys.argv[1], int(sys.argv[2])
def rd(path, pages):
    fd = os.open(path, os.O_RDONLY)
    nb = int(open(os.path.dirname(path) + "/eeprom_banks").read())
    os.pread(fd, 128, 0)
    for b in range(nb):
        for p in pages:
            os.pread(fd, 128, (b * ppb + p) * 128 + 128)
    os.close(fd)
for o in glob.glob(d + "/oe[0-9]*/eeprom"):
    rd(o, [0x11])
for e in glob.glob(d + "/els[0-9]*/eeprom"):
    if open(os.path.dirname(e) + "/present").read().strip() == "1":
        rd(e, [0x1a, 0x1b])
PY
	c1=$(cat "$DBG/mbox_cmds")
	ethtool -m cpo0p0 >/dev/null 2>&1
	c2=$(cat "$DBG/mbox_cmds")
	ports=$(cat "$D/n_ports")
	diag "DOM pass over every engine and ELSFP image: $((c1 - c0)) device commands;" \
		"ethtool -m: $((c2 - c1)) per port x $ports ports = $(((c2 - c1) * ports))"
fi
diag "done after ${SECONDS}s"

ktap_finished
