#!/bin/bash
# profile: tiny
# SPDX-License-Identifier: GPL-2.0
#
# The whole pipeline in one test: the module is loaded and bound to the
# device model's PCIe function, cpo0 exists, and the identity it shows in
# sysfs is the one the device model reports over its ctl port.

. "$(dirname "$0")/lib.sh"

need_cmd cpo-sim

ktap_plan 6

check "cpo.ko loaded" cpo_is_loaded
check "cpo bound to $(cpo_bdf 2>/dev/null || echo 'no device')" cpo_is_bound
check "class device $(cpo_dev) exists" test -d "$(cpo_dev)"

# sysfs attribute : key in 'cpo-sim ctl info'
for pair in model:model serial:serial fw_version:fw; do
	attr=${pair%%:*}
	key=${pair#*:}
	want=$(sim_info "$key")
	got=$(cpo_attr "$attr" 2>/dev/null)
	if [ -z "$want" ]; then
		not_ok "$attr matches the device model" "'cpo-sim ctl info' has no $key"
	else
		check_eq "$attr matches the device model ($want)" "$want" "$got"
	fi
done

ktap_finished
