#!/bin/bash
# profile: th5-51t x-409t qxp-115t npo-51t
# timeout: 400
# SPDX-License-Identifier: GPL-2.0
#
# The independent CMIS reader (cmis-reader.py: register maps only) on the
# profiles cmis-eeprom.sh does not run on: every field it decodes from
# every engine's and every ELSFP's eeprom file is checked against sysfs
# and cpoctl; on a switch without ELSFP slots (near-packaged optics) the
# engines alone.  The addressing, write and flag tests of those files are
# cmis-eeprom.sh's, on tiny and th6-102t.

. "$(dirname "$0")/lib.sh"

need_cmd python3 cpoctl ethtool
need_root

D=$(cpo_dev)
[ -r "$D/oe0/eeprom" ] || ktap_skip_all "no engine eeprom file"

ktap_plan 9

cmis_reader_checks "$D"
diag "reader done after ${SECONDS}s over $(cat "$D/n_oe") engines and $(cat "$D/n_els") ELSFP slots"

check "ethtool -m decodes port 0's view" \
	bash -c "ethtool -m cpo0p0 | grep -q 'Identifier.*0x18'"

ktap_finished
