#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What 'make demo' runs in the guest: the switch's optical side as an
# operator sees it, through cpoctl and the stock tools.  A command that
# the CLI does not offer yet is reported and skipped; any other failure
# fails the demo.
set -u

rc=0

# show TITLE CMD...: run CMD under a heading; tolerate "unknown object".
show()
{
	local title=$1 out st
	shift
	printf '\n\033[1m$ %s\033[0m   # %s\n' "$*" "$title"
	out=$("$@" 2>&1)
	st=$?
	if [ $st -ne 0 ] && grep -qiE 'unknown (object|command)|not (yet )?(implemented|supported)|usage:' <<<"$out"; then
		echo "($* is not available in this build)"
		return 0
	fi
	printf '%s\n' "$out"
	if [ $st -ne 0 ]; then
		echo "demo: '$*' failed with status $st" >&2
		rc=1
	fi
}

if ! command -v cpoctl >/dev/null; then
	echo "demo: cpoctl not built" >&2
	exit 1
fi

show "the device"                   cpoctl dev show
show "optical engines"              cpoctl oe show
show "ports and their lanes"        cpoctl port show
show "external laser modules"       cpoctl els show
show "lasers"                       cpoctl laser show
show "health summary"               cpoctl health
show "blast radius of ELSFP 0"      cpoctl els impact 0
show "devlink view"                 devlink dev info
port=
for n in /sys/class/net/cpo0p*; do
	[ -e "$n" ] && { port=$(basename "$n"); break; }
done
if [ -n "$port" ]; then
	show "port netdevs"             sh -c "ip -br link show | grep ^cpo"
	show "ethtool -m on $port"       ethtool -m "$port"
fi
show "hwmon sensors"                sh -c 'sensors 2>/dev/null | head -n 40'
exit $rc
