#!/bin/bash
# profile: tiny
# timeout: 240
# SPDX-License-Identifier: GPL-2.0
#
# A device whose host interface is wrong is refused at probe with one
# clear log line, and nothing else happens: unknown major version, counts
# beyond the interface's limits, a region outside the window, an event
# ring that is not a power of two, a lane that names an engine that does
# not exist, a port whose lane does not point back.  After 'repair' the
# device binds again.  Leaves the module bound to a repaired device.

. "$(dirname "$0")/lib.sh"

need_root
need_cmd cpo-sim

D=$(cpo_dev)

cleanup()
{
	sim repair >/dev/null 2>&1
	module_restore >/dev/null 2>&1
}
trap cleanup EXIT

# le16 VALUE: little-endian hex of a 16-bit value
le16() { printf '%02x%02x' $(($1 & 255)) $(($1 >> 8)); }
# le32 HEX8: the 32-bit little-endian value of 8 hex digits
le32() { local h=$1; echo $((16#${h:6:2}${h:4:2}${h:2:2}${h:0:2})); }

lane_off=$(le32 "$(sim peek-raw 152 4)")
port_off=$(le32 "$(sim peek-raw 156 4)")

# refused DESC LOGPATTERN CORRUPTION...: unbind, corrupt, bind must fail
# with LOGPATTERN in the kernel log; repair and bind must succeed
refused()
{
	local desc=$1 pat=$2 mark
	shift 2
	mark="cpo-selftest-$RANDOM"
	echo "$mark" >/dev/kmsg
	module_unbind
	"$@" >/dev/null
	if module_bind 2>/dev/null; then
		not_ok "$desc" "the driver bound"
		return
	fi
	if dmesg | sed -n "/$mark/,\$p" | grep -q -- "$pat"; then
		ok "$desc: '$pat'"
	else
		not_ok "$desc" "no '$pat' in the kernel log"
		dmesg | sed -n "/$mark/,\$p" | tail -n 5 | sed 's/^/#   /'
	fi
	sim repair >/dev/null
	module_bind || diag "rebind after repair failed"
}

ktap_plan 7

refused "major version 3" "unsupported host interface version 3\\.[0-9]" \
	sim poke ident.ver_major 3
refused "signature" "bad signature 0x00000000" sim poke ident.magic 0
refused "lane count beyond the limit" "topology: counts out of range" \
	sim poke ident.n_lanes 65535
refused "telemetry region outside the window" "topology: telemetry region" \
	sim poke ident.telem_off 0xfffffff0
refused "event ring not a power of two" "event ring of 3 entries invalid" \
	sim poke ident.evring_entries 3
refused "lane naming a missing engine" "topology: lane table entry 3: oe 255 out of range" \
	sim poke-raw $((lane_off + 3 * 8)) "$(le16 255)"
refused "port lane not pointing back" "topology: port table entry 0: lane\[1\] = 0 does not point back" \
	sim poke-raw $((port_off + 8 + 2)) "$(le16 0)"

ktap_finished
