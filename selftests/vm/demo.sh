#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What 'make demo' runs in the guest: the switch's optical side as an
# operator sees it, through cpoctl and the stock tools.  A command that
# the CLI does not offer is reported and skipped; any other failure fails
# the demo.  Long tables are cut after a screenful.
set -u

rc=0
max=20

# show TITLE CMD...: run CMD under a heading.
show()
{
	local title=$1 out st n
	shift
	printf '\n\033[1m$ %s\033[0m   # %s\n' "$*" "$title"
	out=$("$@" 2>&1)
	st=$?
	if [ $st -ne 0 ] && grep -qiE 'unknown (object|command)|not (yet )?(implemented|supported)' <<<"$out"; then
		echo "($* is not available in this build)"
		return 0
	fi
	n=$(wc -l <<<"$out")
	head -n "$max" <<<"$out"
	[ "$n" -le "$max" ] || echo "... ($((n - max)) more lines)"
	if [ $st -ne 0 ]; then
		echo "demo: '$*' failed with status $st" >&2
		rc=1
	fi
}

if ! command -v cpoctl >/dev/null; then
	echo "demo: cpoctl not built" >&2
	exit 1
fi

show "the device"                        cpoctl dev show
show "optical engines"                   cpoctl oe show
n_els=$(cpoctl -j dev show | jq '.[0]["els-count"]')
if [ "$n_els" != 0 ]; then
	show "external laser modules (ELSFP)"    cpoctl els show
	show "ports, their lanes and lasers"     cpoctl port show
	show "blast radius of ELSFP slot 0"      cpoctl laser show els 0
	show "what port 5 depends on"            cpoctl laser show port 5
else
	# near-packaged optics: the lasers are the engines'
	show "ports and their lanes"             cpoctl port show
	show "blast radius of engine 0"          cpoctl oe show 0
fi
show "health and laser drift"            cpoctl health
show "laser bias thresholds"             cpoctl threshold show laser-bias
show "the same device for scripts"       sh -c 'cpoctl -j dev show | jq .'
show "devlink"                           devlink dev info
show "devlink health reporters"          devlink health show
show "port netdevs"                      sh -c 'ip -br link show | grep "^cpo"'
port=
for n in /sys/class/net/cpo0p*; do
	[ -e "$n" ] && { port=$(basename "$n"); break; }
done
if [ -n "$port" ]; then
	show "stock ethtool decodes the CMIS view of $port" ethtool -m "$port"
fi
show "hwmon: what sensors and node_exporter see" sensors
exit $rc
