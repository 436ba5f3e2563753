#!/bin/bash
# profile: tiny
# timeout: 120
# SPDX-License-Identifier: GPL-2.0
#
# Every attribute file the driver creates under its class device has an
# entry in Documentation/ABI/testing/sysfs-class-cpo, and every entry
# there exists on the device (object directories, thresholds, per-object
# attributes; the port netdevs and hwmon chips belong to their own classes).
# Paths are compared with the instance numbers folded:
# cpo0 -> cpoN, laser3 -> laserN, cpo0_oe3 -> cpoN_oeN (the parents of the
# hwmon chips), thresholds/oe-temp -> <quantity>.

. "$(dirname "$0")/lib.sh"

abi=$(cd "$(dirname "$0")/../.." && pwd)/Documentation/ABI/testing/sysfs-class-cpo
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ktap_plan 3

if [ ! -r "$abi" ]; then
	not_ok "ABI file readable" "$abi"
	ktap_finished
fi
ok "ABI file readable"

# documented paths, braces expanded
sed -n 's/^What:[[:space:]]*//p' "$abi" | while read -r w; do
	case $w in
	*"{"*)
		pre=${w%%\{*}
		rest=${w#*\{}
		list=${rest%%\}*}
		post=${rest#*\}}
		IFS=, read -ra items <<<"$list"
		for i in "${items[@]}"; do echo "$pre$i$post"; done
		;;
	*) echo "$w" ;;
	esac
done | sed 's,/$,,' | sort -u >"$tmp/documented"

# what the device has: regular files, instance numbers folded
dev=$(cpo_dev)
(cd "$dev" && find . -path ./power -prune -o -path '*/power' -prune -o \
	-path '*/hwmon' -prune -o -path '*/hwmon[0-9]*' -prune -o -path '*/net' -prune -o -path './subsystem' -prune -o \
	-type f -print) |
	sed 's,^\./,,' | grep -v -e '^uevent$' -e '/uevent$' -e '^dev$' |
	sed -E -e 's,^,/sys/class/cpo/cpoN/,' \
	       -e 's,/(oe|els|laser|port)[0-9]+(/|$),/\1N\2,g' \
	       -e 's,/thresholds/[^/]+/,/thresholds/<quantity>/,' |
	sort -u >"$tmp/present"

missing=$(comm -23 "$tmp/present" "$tmp/documented")
if [ -z "$missing" ]; then
	ok "every attribute is documented ($(wc -l <"$tmp/present") paths)"
else
	not_ok "every attribute is documented" "undocumented: $(echo $missing)"
fi

# documented attribute files that the device does not have (directories
# documented with a trailing '/' are checked as directories)
stale=
while read -r p; do
	grep -qxF "$p" "$tmp/present" && continue
	rel=${p#/sys/class/cpo/cpoN}
	rel=$(sed -E -e 's,/cpoN_(oe|els)N(/|$),/cpo0_\10\2,g' \
		     -e 's,/(oe|els|laser|port)N(/|$),/\10\2,g' \
		     -e 's,<quantity>,oe-temp,' <<<"$rel")
	[ -e "$dev$rel" ] || stale="$stale ${p#/sys/class/cpo/}"
done <"$tmp/documented"
if [ -z "$stale" ]; then
	ok "every documented path exists on the device"
else
	not_ok "every documented path exists on the device" "missing:$stale"
fi

ktap_finished
