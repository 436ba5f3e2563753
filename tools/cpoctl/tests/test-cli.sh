#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Command-line handling that needs no kernel: a usage error exits 2 with
# one line on stderr that points to the help ("...; see 'cpoctl OBJ
# help'"), help exits 0 on stdout.  TAP output.
CPOCTL=${1:-./cpoctl}
n=0
fail=0
err=$(mktemp)
out=$(mktemp)
trap 'rm -f "$err" "$out"' EXIT

res() {
	n=$((n + 1))
	if [ "$1" = ok ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		fail=1
	fi
}

# t WANT ARGS...: exit status WANT
t() {
	want=$1
	shift
	"$CPOCTL" "$@" >/dev/null 2>&1 </dev/null
	got=$?
	if [ "$got" = "$want" ]; then
		res ok "cpoctl $* exits $want"
	else
		res fail "cpoctl $* exits $got, want $want"
	fi
}

# u POINTER ARGS...: a usage error, one stderr line ending in the pointer
u() {
	pointer=$1
	shift
	"$CPOCTL" "$@" >"$out" 2>"$err" </dev/null
	got=$?
	lines=$(wc -l <"$err")
	if [ "$got" = 2 ] && [ "$lines" = 1 ] && [ ! -s "$out" ] &&
	   grep -q "^cpoctl: .*; see '$pointer'\$" "$err"; then
		res ok "cpoctl $*: one line, points to '$pointer'"
	else
		res fail "cpoctl $*: exit $got, $lines lines: $(head -c 200 "$err")"
	fi
}

# h ARGS...: help on stdout, exit 0, nothing on stderr
h() {
	"$CPOCTL" "$@" >"$out" 2>"$err" </dev/null
	got=$?
	if [ "$got" = 0 ] && [ -s "$out" ] && [ ! -s "$err" ] &&
	   grep -q "^Usage: cpoctl" "$out"; then
		res ok "cpoctl $* prints help"
	else
		res fail "cpoctl $*: exit $got, help not on stdout"
	fi
}

t 0 --help
h --help
h help
h -h
h laser help
h threshold help
h monitor help
"$CPOCTL" laser help >"$out" 2>&1
if grep -q "laser set" "$out" && ! grep -q "lane set" "$out"; then
	res ok "cpoctl laser help: only the laser commands"
else
	res fail "cpoctl laser help: $(cat "$out")"
fi

u "cpoctl help"
u "cpoctl help" bogus show
u "cpoctl help" --bogus dev show
u "cpoctl help" -x dev show
u "cpoctl help" -d
u "cpoctl help" -d eth0 dev show
u "cpoctl dev help" dev frobnicate
u "cpoctl dev help" dev show extra
u "cpoctl oe help" oe foo
u "cpoctl oe help" oe show x
u "cpoctl oe help" oe show 1 port 2
u "cpoctl els help" els foo
u "cpoctl els help" els remove
u "cpoctl els help" els remove x
u "cpoctl els help" els remove 3 now
u "cpoctl laser help" laser foo
u "cpoctl laser help" laser set
u "cpoctl laser help" laser set x
u "cpoctl laser help" laser set 3
u "cpoctl laser help" laser set 3 enable
u "cpoctl laser help" laser set 3 enable maybe
u "cpoctl laser help" laser set 3 power
u "cpoctl laser help" laser set 3 power 20furlongs
u "cpoctl laser help" laser set 3 colour red
u "cpoctl laser help" laser show 3 colour 2
u "cpoctl laser help" laser show els
u "cpoctl laser help" laser show els x
u "cpoctl laser help" laser remove
u "cpoctl laser help" laser remove x
u "cpoctl laser help" laser remove 3 now
u "cpoctl laser help" laser remove 3 timeout 0
u "cpoctl laser help" laser remove 3 on-timeout later
u "cpoctl laser help" laser remove 3 timeout
u "cpoctl laser help" laser remove 3 timeout 100 timeout 200
u "cpoctl laser help" laser remove 3 on-timeout abort on-timeout proceed
u "cpoctl laser help" laser remove 3 4
u "cpoctl laser help" laser failover
u "cpoctl laser help" laser failover x
u "cpoctl laser help" laser failover 70000
u "cpoctl laser help" laser failover 3 spare
u "cpoctl laser help" laser failover 3 spare x
u "cpoctl laser help" laser failover 3 spare 4 5
u "cpoctl laser help" laser failover 3 now
u "cpoctl laser help" --openconfig laser failover 3
u "cpoctl els help" --openconfig els remove 3
u "cpoctl lane help" lane foo
u "cpoctl lane help" lane set
u "cpoctl lane help" lane set x enable on
u "cpoctl lane help" lane set 1
u "cpoctl lane help" lane set 1 colour on
u "cpoctl lane help" lane set 1 enable
u "cpoctl lane help" lane set 1 enable maybe
u "cpoctl lane help" lane set 1 enable on extra
u "cpoctl lane help" lane show oe
u "cpoctl port help" port foo
u "cpoctl port help" port set
u "cpoctl port help" port set 1
u "cpoctl port help" port set 99999999 low-power on
u "cpoctl port help" port set 1 low-power
u "cpoctl port help" port set 1 low-power perhaps
u "cpoctl port help" port set 1 colour on
u "cpoctl port help" port show 1 2
u "cpoctl threshold help" threshold foo
u "cpoctl threshold help" threshold set
u "cpoctl threshold help" threshold set nosuch high-alarm 1
u "cpoctl threshold help" threshold set oe-temp high-alarm 70mW
u "cpoctl threshold help" threshold set oe-temp high-alarm
u "cpoctl threshold help" threshold set oe-temp colour 1
u "cpoctl threshold help" threshold set oe-temp
u "cpoctl threshold help" threshold show nosuch
u "cpoctl threshold help" threshold show oe-temp extra
u "cpoctl health help" health now
u "cpoctl monitor help" monitor please
h export help
u "cpoctl export help" export
u "cpoctl export help" export --prometheus --interval 0
u "cpoctl export help" export --prometheus --interval x
u "cpoctl export help" export --prometheus --output
u "cpoctl export help" export --prometheus --bogus
u "cpoctl export help" -j export --prometheus
u "cpoctl dev help" --openconfig dev show
u "cpoctl export help" --openconfig export --prometheus

# Prefixes, as devlink and ip take them: a unique one names its word, an
# ambiguous one is a usage error that lists the candidates.
u "cpoctl help" la
u "cpoctl laser help" laser s 3
u "cpoctl threshold help" threshold set oe-temp h 70
u "cpoctl threshold help" threshold show laser-
u "cpoctl threshold help" thr set laser- high-alarm 500
h lase help
h thr h
h mon he
for a in "la" "laser s" "threshold set oe-temp h 70" "threshold show laser-"; do
	# shellcheck disable=SC2086
	"$CPOCTL" $a 2>"$err" >/dev/null </dev/null
	case $a in
	la) want="ambiguous object 'la': laser, lane" ;;
	"laser s") want="ambiguous command 's': show, set" ;;
	*laser-) want="ambiguous quantity 'laser-': laser-bias, laser-power, laser-temp, laser-path-loss" ;;
	*) want="ambiguous argument 'h': high-alarm, high-warn" ;;
	esac
	if grep -q "^cpoctl: $want;" "$err"; then
		res ok "cpoctl $a names the candidates"
	else
		res fail "cpoctl $a: $(head -c 200 "$err"), want '$want'"
	fi
done
echo "1..$n"
exit $fail
