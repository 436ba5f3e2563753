#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Command-line handling that needs no kernel: usage errors exit 2, help
# exits 0.  TAP output.
CPOCTL=${1:-./cpoctl}
n=0
fail=0

t() {
	want=$1
	shift
	"$CPOCTL" "$@" >/dev/null 2>&1 </dev/null
	got=$?
	n=$((n + 1))
	if [ "$got" = "$want" ]; then
		echo "ok $n - cpoctl $* exits $want"
	else
		echo "not ok $n - cpoctl $* exits $got, want $want"
		fail=1
	fi
}

t 0 --help
t 2
t 2 bogus show
t 2 --bogus dev show
t 2 dev frobnicate
t 2 -d eth0 dev show
t 2 lane set 1 enable maybe
t 2 lane set x enable on
t 2 laser set 3
t 2 laser set 3 power 20furlongs
t 2 laser show 3 colour 2
t 2 threshold set nosuch high-alarm 1
t 2 threshold set oe-temp high-alarm 70mW
t 2 threshold set oe-temp
t 2 threshold show nosuch
t 2 port set 1 low-power perhaps
t 2 els remove
t 2 health now
t 2 monitor please
echo "1..$n"
exit $fail
