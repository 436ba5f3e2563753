#!/bin/bash
# profile: tiny th6-102t
# timeout: 300
# SPDX-License-Identifier: GPL-2.0
#
# cpoctl topology: the optical_devices.json-shaped document is valid JSON,
# complete (every engine, lane, slot, laser and port once), and says what
# sysfs and the other show commands say about the same objects: lanes of
# each engine, lasers of each slot and the lanes each laser feeds, the
# engine and slots of each port and their CMIS banks (8 lanes or lasers).

. "$(dirname "$0")/lib.sh"

need_cmd jq cpoctl
D=$(cpo_dev)
[ -d "$D" ] || ktap_skip_all "no cpo device"

ktap_plan 16

# csv VAR FILE: the numbers of FILE ("0 1 2") as "0,1,2" in VAR, no fork
csv()
{
	local -a a
	read -r -a a < "$2" || true
	local IFS=,
	printf -v "$1" '%s' "${a[*]}"
}
# seq_csv FIRST N: "FIRST,...,FIRST+N-1"
seq_csv() { [ "$2" -gt 0 ] && seq -s, "$1" $(($1 + $2 - 1)); }

# same DESC EXPECTED GOT: the two multi-line texts are equal
same()
{
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		not_ok "$1" "differs (- sysfs/show, + topology)"
		printf '%s\n' "$2" > "$tmp/want"
		printf '%s\n' "$3" > "$tmp/got"
		diff "$tmp/want" "$tmp/got" | head -n 10 | sed 's/^/#   /'
	fi
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

n_oe=$(cat "$D/n_oe")
n_lanes=$(cat "$D/n_lanes")
n_els=$(cat "$D/n_els")
n_lasers=$(cat "$D/n_lasers")
n_ports=$(cat "$D/n_ports")

topo=$(cpoctl -j topology 2>&1)
if printf '%s' "$topo" | jq -e 'type == "object" and has("devices") and has("interfaces")' >/dev/null 2>&1; then
	ok "topology -j is one JSON object with devices and interfaces"
else
	not_ok "topology -j is one JSON object with devices and interfaces" "$(printf '%s' "$topo" | head -c 200)"
	topo='{"devices":{},"interfaces":{}}'
fi
q() { printf '%s' "$topo" | jq -r "$@"; }

check_eq "pretty form is the same document" "$(q -S -c .)" \
	"$(cpoctl -p topology | jq -S -c .)"

# ---- devices: counts and completeness ----
got=$(q '[.devices[] | .device_type] | group_by(.) | map("\(.[0])=\(length)") | join(" ")')
want="external_laser_source=$n_els optical_engine=$n_oe"
[ "$n_els" -gt 0 ] || want="optical_engine=$n_oe"
check_eq "one device per engine and per ELSFP slot" "$want" "$got"

check_eq "every lane in exactly one engine" "$(seq_csv 0 "$n_lanes")" \
	"$(q '[.devices[] | select(.device_type == "optical_engine") | .lanes | select(. != "") | split(",")[] | tonumber] | sort | map(tostring) | join(",")')"
check_eq "every laser in exactly one slot" "$(seq_csv 0 "$n_lasers")" \
	"$(q '[.devices[] | select(.device_type == "external_laser_source") | .laser_indices | select(. != "") | split(",")[] | tonumber] | sort | map(tostring) | join(",")')"
check_eq "one interface per port" "$(seq_csv 0 "$n_ports")" \
	"$(q '[.interfaces[] | .cpo_index] | sort | map(tostring) | join(",")')"

# ---- engines against sysfs and oe show ----
want=
for ((i = 0; i < n_oe; i++)); do
	read -r f < "$D/oe$i/first_lane"
	read -r n < "$D/oe$i/n_lanes"
	want+="OE$i optical_engine $(((n + 7) / 8)) $(seq_csv "$f" "$n")"$'\n'
done
same "engines: type, banks and lanes as sysfs says" "${want%$'\n'}" \
	"$(q '.devices | to_entries[] | select(.value.device_type == "optical_engine") | "\(.key) \(.value.device_type) \(.value.max_banks) \(.value.lanes)"')"
same "engines: lanes as oe show says" \
	"$(cpoctl -j oe show | jq -r '.[] | "OE\(.index) \(.lanes | map(tostring) | join(","))"')" \
	"$(q '.devices | to_entries[] | select(.value.device_type == "optical_engine") | "\(.key) \(.value.lanes)"')"

# ---- slots and the laser-to-lane map against sysfs and laser show ----
want=
map=
for ((s = 0; s < n_els; s++)); do
	read -r f < "$D/els$s/first_laser"
	read -r n < "$D/els$s/n_lasers"
	want+="ELS$s $n $(((n + 7) / 8)) $(seq_csv "$f" "$n")"$'\n'
	for ((k = 0; k < n; k++)); do
		csv l "$D/laser$((f + k))/lanes"
		map+="ELS$s $((k + 1)) $l"$'\n'
	done
done
same "slots: lasers, banks and laser indices as sysfs says" "${want%$'\n'}" \
	"$(q '.devices | to_entries[] | select(.value.device_type == "external_laser_source") | "\(.key) \(.value.lasers) \(.value.max_banks) \(.value.laser_indices)"')"
same "laser_to_lane_mapping: the lanes each laser feeds (sysfs)" "${map%$'\n'}" \
	"$(q '.devices | to_entries[] | select(.value.device_type == "external_laser_source") | .key as $d | .value.laser_to_lane_mapping | to_entries[] | "\($d) \(.key) \(.value)"')"
same "laser_to_lane_mapping: as laser show says" \
	"$(cpoctl -j laser show | jq -r 'sort_by(.index) | .[] | "\(.index) ELS\(.els) \(.lanes | map(tostring) | join(","))"')" \
	"$(q '.devices | to_entries[] | select(.value.device_type == "external_laser_source") | .key as $d | .value.laser_to_lane_mapping as $m | (.value.laser_indices | split(",")) as $ix | range(0; $ix | length) | "\($ix[.]) \($d) \($m["\(. + 1)"])"' | sort -n)"

# ---- interfaces against sysfs links and port show ----
# the slot of each laser, from the slots' laser ranges
slot_of=()
for ((s = 0; s < n_els; s++)); do
	read -r f < "$D/els$s/first_laser"
	read -r n < "$D/els$s/n_lasers"
	for ((k = 0; k < n; k++)); do
		slot_of[f + k]=$s
	done
done
want=
for ((p = 0; p < n_ports; p++)); do
	P=$D/port$p
	ifn=port$p
	for n in "$P"/net/*; do
		[ -e "$n" ] && ifn=${n##*/}
	done
	oe=$(readlink "$P/oe")
	oe=${oe##*/oe}
	csv lanes "$P/lanes"
	first=${lanes%%,*}
	read -r f < "$D/oe$oe/first_lane"
	assoc="OE$oe:$(((first - f) / 8))"
	seen=" "
	read -r -a zs < "$P/lasers" || true
	for z in "${zs[@]}"; do
		s=${slot_of[z]:-none}
		case $seen in *" $s "*) continue ;; esac
		seen+="$s "
		# els_index: the laser's place within its module
		read -r k < "$D/laser$z/els_index"
		assoc+=" ELS$s:$((k / 8))"
	done
	want+="$ifn $p $lanes $assoc"$'\n'
done
same "interfaces: name, lanes, engine and slots with banks (sysfs)" "${want%$'\n'}" \
	"$(q '.interfaces | to_entries[] | "\(.key) \(.value.cpo_index) \(.value.lanes) \([.value.associated_devices[] | "\(.device_id):\(.bank)"] | join(" "))"')"
same "interfaces: names and lanes as port show says" \
	"$(cpoctl -j port show | jq -r '.[] | "\(.ifname // "port\(.index)") \(.lanes | map(tostring) | join(","))"')" \
	"$(q '.interfaces | to_entries[] | "\(.key) \(.value.lanes)"')"
check_eq "every associated device is a device" "" \
	"$(q '.devices as $d | .interfaces[] | .associated_devices[] | select($d[.device_id] == null) | .device_id')"

# ---- the table form and errors ----
rows=$(cpoctl topology | awk 'NF && $1 != "DEVICE" && $1 != "INTERFACE"' | wc -l)
check_eq "table: one row per device and per port" \
	$((n_oe + n_els + n_ports)) "$rows"
out=$(cpoctl -d cpo9 topology 2>&1 >/dev/null)
rc=$?
check_eq "topology of a missing device: exit 1, one line" "1 cpoctl: no device cpo9" \
	"$rc $out"

ktap_finished
