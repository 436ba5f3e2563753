#!/bin/bash
# profile: th6-102t
# timeout: 300
# SPDX-License-Identifier: GPL-2.0
#
# Every object's sysfs values equal the device model's ('cpo-sim ctl get')
# within the model's noise between the two reads: OEs, ELSFP slots,
# lasers and every lane of every port.  Also the topology the driver shows
# (counts, laser lanes, port lanes, links) is the model's.

. "$(dirname "$0")/lib.sh"

need_root
need_cmd cpo-sim

D=$(cpo_dev)

# The model's ctl port held open on fd 3: one request per object without
# a process per request (process creation is slow in an emulated guest).
ctl=${CPO_SIM_CTL:-/dev/virtio-ports/cpo.ctl}
[ -c "$ctl" ] || ktap_skip_all "no ctl character device ($ctl)"
exec 3<>"$ctl" || ktap_skip_all "cannot open $ctl"
trap 'exec 3>&-' EXIT
qid=$((RANDOM * 100))

# q COMMAND ARGS...: fills the associative array M from the answer
declare -A M
q()
{
	local line id st rest w
	qid=$((qid + 1))
	echo "$qid $*" >&3
	M=()
	while read -r -t 5 line <&3; do
		id=${line%% *}; rest=${line#* }
		[ "$id" = "$qid" ] || continue
		st=${rest%% *}; rest=${rest#* }
		[ "$st" = ok ] || return 1
		for w in $rest; do
			M[${w%%=*}]=${w#*=}
		done
		return 0
	done
	return 1
}

# rd FILE: its first line into V, without a process
rd()
{
	V=
	read -r V <"$1"
}

# near A B ABS PCT: |A - B| <= max(ABS, PCT% of |B|)
near()
{
	local a=$1 b=$2 abs=$3 pct=$4 d lim
	d=$((a - b)); d=${d#-}
	lim=$(( (${b#-} * pct) / 100 ))
	[ $lim -ge "$abs" ] || lim=$abs
	[ "$d" -le "$lim" ]
}

# chk NAME FILE EXPECTED ABS PCT: numeric within tolerance, else add NAME to bad
chk()
{
	rd "$2"
	near "$V" "$3" "$4" "$5" || bad="$bad $1($V/$3)"
}

# eq NAME FILE EXPECTED
eq()
{
	rd "$2"
	[ "$V" = "$3" ] || bad="$bad $1($V/$3)"
}

ktap_plan 7

bad=
q info || bad="ctl"
for k in n_oe n_lanes n_ports n_els n_lasers; do
	eq "$k" "$D/$k" "${M[$k]}"
done
check_eq "topology counts match the model" "" "$bad"

rd "$D/n_oe"; n_oe=$V
rd "$D/n_els"; n_els=$V
rd "$D/n_lasers"; n_lasers=$V
rd "$D/n_ports"; n_ports=$V

bad=
for ((i = 0; i < n_oe; i++)); do
	q get oe $i || { bad="$bad oe$i.ctl"; continue; }
	chk oe$i.temp "$D/oe$i/temperature" "${M[temp]}" 1500 2
	chk oe$i.vcc "$D/oe$i/vcc" "${M[vcc]}" 20 1
	eq oe$i.state "$D/oe$i/state" "${M[state_name]}"
	eq oe$i.first_lane "$D/oe$i/first_lane" "${M[first_lane]}"
	eq oe$i.n_lanes "$D/oe$i/n_lanes" "${M[n_lanes]}"
done
check_eq "$n_oe OEs: temp, vcc, state, lanes" "" "$bad"

bad=
for ((i = 0; i < n_els; i++)); do
	q get els $i || { bad="$bad els$i.ctl"; continue; }
	eq els$i.present "$D/els$i/present" "${M[present]}"
	eq els$i.state "$D/els$i/state" "${M[state_name]}"
	eq els$i.first_laser "$D/els$i/first_laser" "${M[first_laser]}"
	[ "${M[present]}" = 1 ] || continue
	chk els$i.temp "$D/els$i/temperature" "${M[temp]}" 1500 2
	chk els$i.vcc "$D/els$i/vcc" "${M[vcc]}" 20 1
	chk els$i.icc "$D/els$i/icc" "${M[icc]}" 50 5
	chk els$i.tec "$D/els$i/tec" "${M[tec]}" 50 10
done
check_eq "$n_els ELSFP slots: presence, state, temp, vcc, icc, tec" "" "$bad"

bad=
for ((i = 0; i < n_lasers; i++)); do
	q get laser $i || { bad="$bad laser$i.ctl"; continue; }
	if [ "${M[state_name]}" = absent ]; then
		[ ! -e "$D/laser$i" ] || bad="$bad laser$i.present"
		continue
	fi
	[ -d "$D/laser$i" ] || { bad="$bad laser$i.missing"; continue; }
	chk laser$i.bias "$D/laser$i/bias" "${M[bias]}" 1000 2
	chk laser$i.power "$D/laser$i/output_power" "${M[power]}" 1000 3
	chk laser$i.temp "$D/laser$i/temperature" "${M[temp]}" 1500 2
	eq laser$i.state "$D/laser$i/state" "${M[state_name]}"
	eq laser$i.enable "$D/laser$i/enable" "${M[enabled]}"
	rd "$D/laser$i/lanes"
	[ "${V// /,}" = "${M[lanes]}" ] || bad="$bad laser$i.lanes"
done
check_eq "$n_lasers lasers: bias, power, temp, state, enable, lanes" "" "$bad"

bad=
for ((p = 0; p < n_ports; p++)); do
	q get port $p || { bad="$bad port$p.ctl"; continue; }
	rd "$D/port$p/lanes"
	[ "${V// /,}" = "${M[lanes]}" ] || bad="$bad port$p.lanes"
	eq port$p.speed "$D/port$p/speed_mbps" "${M[speed_mbps]}"
	l=$(readlink "$D/port$p/oe")
	[ "${l##*/}" = "oe${M[oe]}" ] || bad="$bad port$p.oe"
done
check_eq "$n_ports ports: lanes, speed, oe link" "" "$bad"

bad=
for ((p = 0; p < n_ports; p++)); do
	read -ra lanes <"$D/port$p/lanes"
	read -ra tx <"$D/port$p/lane_tx_power"
	read -ra rx <"$D/port$p/lane_rx_power"
	read -ra st <"$D/port$p/lane_state"
	read -ra rxlos <"$D/port$p/lane_rx_los"
	for ((j = 0; j < ${#lanes[@]}; j++)); do
		q get lane "${lanes[j]}" || { bad="$bad lane${lanes[j]}.ctl"; continue; }
		near "${tx[j]}" "${M[tx_power]}" 50 5 || bad="$bad lane${lanes[j]}.tx"
		near "${rx[j]}" "${M[rx_power]}" 50 5 || bad="$bad lane${lanes[j]}.rx"
		[ "${rxlos[j]}" = "${M[rx_los]}" ] || bad="$bad lane${lanes[j]}.rx_los"
		if [ "${M[state]}" = 4 ] && [ "${st[j]}" != activated ]; then
			bad="$bad lane${lanes[j]}.state"
		fi
	done
done
check_eq "every lane of every port: tx/rx power, rx_los, state" "" "$bad"

# thresholds: sysfs shows what the device holds, in CMIS order
bad=
for q in "$D"/thresholds/*; do
	rd "$q/high_alarm"; ha=$V
	rd "$q/high_warn"; hw=$V
	rd "$q/low_warn"; lw=$V
	rd "$q/low_alarm"; la=$V
	[ "$la" -le "$lw" ] && [ "$lw" -le "$hw" ] && [ "$hw" -le "$ha" ] ||
		bad="$bad ${q##*/}"
done
check_eq "thresholds are in CMIS order" "" "$bad"

ktap_finished
