#!/bin/bash
# profile: th6-102t
# SPDX-License-Identifier: GPL-2.0
# compat: the devlink port of a netdev (6.2)
#
# devlink: the instance, dev info (serial, versions, board) against the
# device's identity, and one physical port per netdev.

. "$(dirname "$0")/lib.sh"

need_cmd devlink jq
need_root

ktap_plan 8

bdf=$(cpo_bdf)
DL=pci/$bdf

check "devlink instance exists" devlink dev show "$DL"

info=$(devlink -j dev info "$DL" 2>&1)
sel=".info[\"$DL\"]"
check_eq "driver" cpo "$(printf '%s' "$info" | jq -r "$sel.driver")"
check_eq "serial number is the device's" "$(sim_info serial)" \
	"$(printf '%s' "$info" | jq -r "$sel.serial_number")"
check_eq "running fw version" "$(sim_info fw)" \
	"$(printf '%s' "$info" | jq -r "$sel.versions.running.fw")"
check_eq "board id is the model" "$(sim_info model)" \
	"$(printf '%s' "$info" | jq -r "$sel.versions.fixed[\"board.id\"]")"
hif=$(printf '%s' "$info" | jq -r "$sel.versions.running[\"fw.hif\"]")
case $hif in
2.*) ok "host interface version $hif" ;;
*) not_ok "host interface version" "got '$hif'" ;;
esac

ports=$(devlink -j port show 2>&1)
n=$(printf '%s' "$ports" | jq --arg dl "$DL/" \
	'[.port | to_entries[] | select(.key | startswith($dl)) |
	  select(.value.flavour == "physical" and .value.type == "eth")] | length')
check_eq "one physical eth port per port" "$(sim_info n_ports)" "$n"
bad=$(printf '%s' "$ports" | jq -r --arg dl "$DL/" \
	'.port | to_entries[] | select(.key | startswith($dl)) |
	 select(.value.netdev != "cpo0p\(.value.port)") | .key')
check_eq "port numbers match their netdevs" "" "$bad"

ktap_finished
