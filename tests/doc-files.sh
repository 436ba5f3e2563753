#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Documentation/cpo/driver.rst's "Files" table names every file of
# drivers/cpo in git, and nothing else.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1

echo "TAP version 13"
echo "1..1"
doc=$(awk '/^Files$/ { f = 1 } f && /^=+ +=+$/ { n++; next }
	f && n == 1 && /^[^ ]/ { print $1 } n == 2 { exit }' \
	Documentation/cpo/driver.rst | sort)
tree=$(git ls-files drivers/cpo | sed 's|^drivers/cpo/||' | sort)
if [ -n "$doc" ] && [ "$doc" = "$tree" ]; then
	echo "ok 1 - driver.rst lists the files of drivers/cpo"
else
	diff <(echo "$doc") <(echo "$tree") | sed 's/^/# /'
	echo "not ok 1 - driver.rst lists the files of drivers/cpo (< doc only, > tree only)"
fi
