#!/bin/bash
# profile: tiny
# timeout: 900
# SPDX-License-Identifier: GPL-2.0
#
# cpoctl export --prometheus into the pipeline operators run: the file it
# writes atomically is served by Debian's node_exporter through its
# textfile collector, next to the hwmon collector's chips of every engine
# and ELSFP; promtool accepts it; its values are cpoctl's own; a dark
# lane is a number (the -40 dBm floor), never -Inf; --interval rewrites
# the file until SIGTERM.

. "$(dirname "$0")/lib.sh"

need_cmd cpoctl jq curl prometheus-node-exporter promtool

D=$(cpo_dev)
n_oe=$(cat "$D/n_oe")
n_lanes=$(cat "$D/n_lanes")
n_els=$(cat "$D/n_els")
n_lasers=$(cat "$D/n_lasers")
NE_PORT=19101
dir=$(mktemp -d)
prom=$dir/cpo.prom
ne_pid=
loop_pid=

cleanup()
{
	[ -n "$loop_pid" ] && kill "$loop_pid" 2>/dev/null && wait "$loop_pid" 2>/dev/null
	[ -n "$ne_pid" ] && kill "$ne_pid" 2>/dev/null && wait "$ne_pid" 2>/dev/null
	sim fiber-restore 0 >/dev/null 2>&1
	rm -rf "$dir"
}
trap cleanup EXIT

# count NAME [FILE]: samples of metric NAME
count()
{
	grep -c "^$1{" "${2:-$prom}"
}

# value NAME LABELS-REGEX [FILE]: the value of the one sample that matches
value()
{
	grep -E "^$1\{.*$2.*\} " "${3:-$prom}" | awk '{ print $2 }' | head -n 1
}

# near A B TOL: |A - B| <= TOL
near()
{
	awk -v a="$1" -v b="$2" -v t="$3" \
		'BEGIN { d = a - b; if (d < 0) d = -d; exit !(a != "" && b != "" && d <= t) }'
}

ktap_plan 12

check "export --prometheus -o FILE" cpoctl export --prometheus -o "$prom"
check_eq "nothing left beside the file" "cpo.prom" "$(ls "$dir")"

out=$(promtool check metrics <"$prom" 2>&1)
rc=$?
if [ $rc = 0 ] && [ -z "$out" ]; then
	ok "promtool check metrics: no problem"
else
	not_ok "promtool check metrics: no problem" "exit $rc"
	printf '%s\n' "$out" | head -n 10 | sed 's/^/#   /'
fi

bad=
for m in cpo_oe_temperature_celsius:$n_oe cpo_lane_tx_power_dbm:$n_lanes \
	 cpo_els_present:$n_els cpo_laser_enabled:$n_lasers \
	 cpo_device_up:1; do
	got=$(count "${m%%:*}")
	[ "$got" = "${m#*:}" ] || bad="$bad ${m%%:*}=$got/${m#*:}"
done
check_eq "one sample per object: $n_oe OEs, $n_lanes lanes, $n_els slots, $n_lasers lasers" "" "$bad"

missing=$(awk '/^# HELP / { help[$3] = 1 }
	/^# TYPE / && ($4 == "gauge" || $4 == "counter") { type[$3] = 1 }
	/^cpo_/ { n = $1; sub(/\{.*/, "", n); if (!(n in help) || !(n in type)) bad[n] = 1 }
	END { for (n in bad) print n }' "$prom")
check_eq "every metric has HELP and TYPE" "" "$missing"

# labels of a lane: the port and netdev it belongs to, the laser and slot
# that feed it
lj=$(cpoctl -j lane show 0)
port=$(jq -r '.[0].port' <<<"$lj")
laser=$(jq -r '.[0].laser' <<<"$lj")
slot=$(cpoctl -j laser show "$laser" | jq -r '.[0].els')
ifname=$(cpoctl -j port show "$port" | jq -r '.[0].ifname')
want="device=\"cpo0\",oe=\"0\",lane=\"0\",port=\"$port\",ifname=\"$ifname\",laser=\"$laser\",slot=\"$slot\""
check "lane 0 labels: $want" grep -qF "cpo_lane_tx_power_watts{$want}" "$prom"

# values: thresholds are fixed, telemetry moves a little between reads
t=$(cpoctl -j threshold show oe-temp | jq -r '.[0]["high-alarm"]')
check "oe-temp high alarm: $t degC as cpoctl shows it" \
	near "$(value cpo_oe_temperature_threshold_celsius 'severity="alarm",direction="high"')" "$t" 0.0005
cpoctl export --prometheus -o "$prom"
oj=$(cpoctl -j oe show 0)
lsj=$(cpoctl -j laser show 0)
v1=$(value cpo_oe_temperature_celsius 'oe="0"')
v2=$(value cpo_laser_bias_current_amperes 'laser="0"')
v3=$(value cpo_laser_output_power_dbm 'laser="0"')
if near "$v1" "$(jq -r '.[0]["temperature-c"]' <<<"$oj")" 1 &&
   near "$v2" "$(jq -r '.[0]["laser-bias-current-ma"] / 1000' <<<"$lsj")" 0.01 &&
   near "$v3" "$(jq -r '.[0]["output-power-dbm"]' <<<"$lsj")" 0.2; then
	ok "values in base units match cpoctl's (OE temperature, laser bias and power)"
else
	not_ok "values in base units match cpoctl's" "oe temp $v1, bias $v2 A, power $v3 dBm"
fi

# a dark lane: the fiber of port 0 is cut, its lanes receive nothing
sim fiber-cut 0 >/dev/null
dark()
{
	cpoctl export --prometheus -o "$prom" &&
		[ "$(value cpo_lane_rx_power_watts 'lane="0",')" = 0 ]
}
if wait_for 20 dark; then
	check_eq "dark lane: rx power -40 dBm (the floor), no Inf or NaN anywhere" \
		"-40:0" "$(value cpo_lane_rx_power_dbm 'lane="0",'):$(grep -c 'Inf\|NaN' "$prom")"
else
	not_ok "dark lane: rx power -40 dBm" "lane 0 never went dark"
fi
sim fiber-restore 0 >/dev/null

# the loop: the file is replaced (a new inode each round) until SIGTERM
cpoctl export --prometheus --output "$prom" --interval 1 &
loop_pid=$!
ino1=$(stat -c %i "$prom")
replaced()
{
	[ "$(stat -c %i "$prom" 2>/dev/null)" != "$ino1" ]
}
if wait_for 10 replaced; then
	kill -TERM "$loop_pid"
	wait "$loop_pid"
	rc=$?
	loop_pid=
	check_eq "--interval 1 rewrites the file, SIGTERM ends it with 0, no temporary left" \
		"0:cpo.prom" "$rc:$(ls "$dir")"
else
	not_ok "--interval 1 rewrites the file" "same inode after 10 s"
fi

# node_exporter (Debian's), textfile and hwmon collectors, on loopback
cpoctl export --prometheus -o "$prom"
prometheus-node-exporter --web.listen-address="127.0.0.1:$NE_PORT" \
	--collector.disable-defaults --collector.hwmon --collector.textfile \
	--collector.textfile.directory="$dir" >/dev/null 2>&1 &
ne_pid=$!
metrics=$dir/metrics.txt
scrape()
{
	curl -sf "http://127.0.0.1:$NE_PORT/metrics" >"$metrics.new" &&
		grep -q '^node_hwmon_chip_names' "$metrics.new" &&
		mv "$metrics.new" "$metrics"
}
if wait_for 60 scrape; then
	# as many samples of each metric as the file has (node_exporter
	# sorts the labels and prints numbers its own way)
	per_metric()
	{
		awk '/^cpo_/ { n = $1; sub(/\{.*/, "", n); c[n]++ }
			END { for (n in c) print n, c[n] }' "$1" | sort
	}
	per_metric "$prom" >"$dir/want.count"
	per_metric "$metrics" >"$dir/got.count"
	if [ -s "$dir/want.count" ]; then
		bad=$(diff "$dir/want.count" "$dir/got.count" 2>&1 | head -n 3)
	else
		bad="no cpo_ metric in $prom"
	fi
	check_eq "node_exporter serves every exported sample, textfile error 0" \
		":0" "$bad:$(grep '^node_textfile_scrape_error ' "$metrics" | awk '{ print $2 }')"
	chips=$(grep -E '^node_hwmon_chip_names\{.*chip_name="cpo_(oe|els)[0-9]+"' "$metrics")
	names=$(sed -E 's/.*chip_name="([^"]*)".*/\1/' <<<"$chips" | sort | paste -sd ' ')
	want=$( (for ((i = 0; i < n_oe; i++)); do echo "cpo_oe$i"; done
		 for ((i = 0; i < n_els; i++)); do echo "cpo_els$i"; done) | sort | paste -sd ' ')
	# the chip label names the device and the engine or slot:
	# chip="cpo0_cpo0_oe0" for chip_name="cpo_oe0"
	diag "hwmon chip labels: $(sed -E 's/.*[{,]chip="([^"]*)".*/\1/' <<<"$chips" | paste -sd ' ')"
	odd=$(sed -E 's/.*[{,]chip="([^"]*)".*chip_name="cpo_([a-z]+[0-9]+)".*/\1 \2/' <<<"$chips" |
		awk '$1 !~ ("^cpo0_.*" $2 "$")' | head -n 3)
	check_eq "node_exporter hwmon: every OE and ELSFP chip, labelled cpo0_..._oeN / _elsN" \
		"$want:" "$names:$odd"
else
	not_ok "node_exporter serves every exported sample" "no scrape"
	skip "node_exporter hwmon: every OE and ELSFP chip" "no scrape"
fi

ktap_finished
