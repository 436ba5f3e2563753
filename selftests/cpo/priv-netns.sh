#!/bin/bash
# profile: tiny
# timeout: 240
# SPDX-License-Identifier: GPL-2.0
#
# Who reads and changes what, from where (Documentation/cpo/driver.rst):
# an unprivileged user, and root in a network namespace of its own, read
# every attribute and every netlink get and dump that root reads in the
# initial namespace; every change they try is refused (netlink sets
# EPERM, from the driver with an extack message in another namespace;
# sysfs writes EACCES or EPERM; ethtool and devlink changes EPERM, or
# no device where the port netdevs and the devlink instance are not
# seen), and nothing changes.

. "$(dirname "$0")/lib.sh"

need_root
need_cmd setpriv unshare cpoctl

D=$(cpo_dev)
bdf=$(cpo_bdf)
cpoctl_bin=$(command -v cpoctl)
ifname=$(basename "$(find "$D/port0/net/" -mindepth 1 -maxdepth 1 | head -n 1)")

# the driver's controls (not the driver core's uevent and power/ files)
mapfile -t ctls <<<"$(find "$D/" -type f -perm /222 ! -name uevent \
	! -path '*/power/*' ! -path '*/net/*' | sort)"
# every attribute of the driver that root reads
mapfile -t attrs <<<"$(find "$D/" -type f -perm /444 ! -name uevent \
	! -path '*/power/*' ! -path '*/net/*' | sort |
	while read -r f; do read -r _ <"$f" 2>/dev/null && echo "$f"; done)"

# the value of every readable control and of the model's settings
settings()
{
	local f
	for f in "${ctls[@]}"; do
		# a CMIS image is live telemetry, and reading it clears its
		# latched flags: what its writes may change, the model shows
		[ "${f##*/}" = eeprom ] && continue
		[ -r "$f" ] && printf '%s=%s\n' "${f#"$D"/}" "$(cat "$f" 2>&1)"
	done
	cpoctl -j els show | jq -c '[.[] | {slot, state}]' 2>/dev/null
	sim get laser 0 | tr ' ' '\n' | grep -E '^(enabled|setpoint)='
}

shows=(dev show oe show els show laser show lane show port show threshold show health)

# reads_all RUNNER...: print each attribute or show command RUNNER fails
reads_all()
{
	"$@" bash -c '
		cpoctl=$1; shift
		while [ "$1" != -- ]; do
			read -r _ <"$1" 2>/dev/null || echo "$1"
			shift
		done
		shift
		while [ $# -ge 2 ]; do
			if [ "$1" = health ]; then
				"$cpoctl" -j health >/dev/null 2>&1 || echo "cpoctl health"
				shift
				continue
			fi
			"$cpoctl" -j "$1" "$2" >/dev/null 2>&1 || echo "cpoctl $1 $2"
			shift 2
		done' _ "$cpoctl_bin" "${attrs[@]}" -- "${shows[@]}"
}

# sets_refused RUNNER...: every cpoctl set; print each that was not
# refused with EPERM (and, with EXTACK set, without that extack text)
sets_refused()
{
	EXTACK=${EXTACK:-} "$@" bash -c '
		cpoctl=$1
		try() {
			local out
			out=$("$cpoctl" "$@" 2>&1) && { echo "$*: done"; return; }
			case $out in
			*"Operation not permitted"*) ;;
			*) echo "$*: $out"; return ;;
			esac
			[ -z "$EXTACK" ] || case $out in *"$EXTACK"*) ;; *) echo "$*: no extack: $out" ;; esac
		}
		try laser set 0 enable off
		try laser set 0 power 50mW
		try lane set 0 enable off
		try port set 0 low-power on
		try threshold set oe-temp high-warn 70degC
		try els remove 0 -y' _ "$cpoctl_bin"
}

# writes_refused RUNNER... -- ERRTEXT: write every control, print each
# write not refused with ERRTEXT
writes_refused()
{
	local runner=()
	while [ "$1" != -- ]; do runner+=("$1"); shift; done
	shift
	"${runner[@]}" bash -c '
		want=$1; shift
		for f in "$@"; do
			case $f in
			*/lane_enable) v="0 0" ;;
			*/power_setpoint) v=50000 ;;
			*/thresholds/*) v=70000 ;;
			*) v=0 ;;
			esac
			err=$( (printf "%s\n" "$v" >"$f") 2>&1) && { echo "$f: written"; continue; }
			case $err in *"$want"*) ;; *) echo "$f: $err" ;; esac
		done' _ "$1" "${ctls[@]}"
}

before=$(settings)
ktap_plan 12
if [ ${#ctls[@]} -ge 4 ] && [ ${#attrs[@]} -ge 20 ]; then
	ok "${#attrs[@]} attributes read by root, ${#ctls[@]} controls"
else
	not_ok "attributes and controls found" "${#attrs[@]} attributes, ${#ctls[@]} controls"
fi

# ---- an unprivileged user ----
check_eq "unprivileged: every attribute and every show and health command reads" \
	"" "$(reads_all as_user)"
check_eq "unprivileged: every netlink set refused with EPERM" "" "$(sets_refused as_user)"
check_eq "unprivileged: every sysfs control refused with EACCES" "" \
	"$(writes_refused as_user -- "Permission denied")"
if command -v ethtool >/dev/null && [ -n "$ifname" ]; then
	out=$(as_user "$(command -v ethtool)" --set-module "$ifname" power-mode-policy auto 2>&1)
	case $out in
	*"not permitted"*) ok "unprivileged: ethtool --set-module refused (EPERM)" ;;
	*) not_ok "unprivileged: ethtool --set-module refused (EPERM)" "$out" ;;
	esac
else
	skip "unprivileged: ethtool --set-module refused (EPERM)" "no ethtool or port netdev"
fi
if command -v devlink >/dev/null; then
	out=$(as_user "$(command -v devlink)" health recover "pci/$bdf" reporter laser 2>&1)
	case $out in
	*"not permitted"*|*"Permission denied"*) ok "unprivileged: devlink health recover refused" ;;
	*) not_ok "unprivileged: devlink health recover refused" "$out" ;;
	esac
else
	skip "unprivileged: devlink health recover refused" "no devlink"
fi

# ---- root in a network namespace of its own ----
# Without network namespaces every command below would fail to start and
# its checks would pass on nothing: say so instead.
in_netns() { unshare -n -- "$@"; }
if ! why=$(unshare -n -- true 2>&1); then
	for t in "every attribute and every show and health command reads" \
		"every netlink set refused with EPERM and the extack" \
		"every sysfs control refused with EPERM" \
		"the port netdevs are not there (ethtool, ip)" \
		"the devlink instance is not there"; do
		skip "other netns: $t" "no network namespace: ${why:-unshare -n failed}"
	done
else
	check_eq "other netns: every attribute and every show and health command reads" \
		"" "$(reads_all in_netns)"
	check_eq "other netns: every netlink set refused with EPERM and the extack" "" \
		"$(EXTACK="own network namespace" sets_refused in_netns)"
	check_eq "other netns: every sysfs control refused with EPERM" "" \
		"$(writes_refused in_netns -- "Operation not permitted")"
	if [ -n "$ifname" ] && command -v ethtool >/dev/null; then
		out=$(in_netns ethtool --set-module "$ifname" power-mode-policy auto 2>&1)
		if in_netns ip link show dev "$ifname" >/dev/null 2>&1; then
			not_ok "other netns: the port netdevs are not there (ethtool, ip)" "$ifname seen"
		else
			ok "other netns: the port netdevs are not there (ethtool --set-module: ${out%%$'\n'*})"
		fi
	else
		skip "other netns: the port netdevs are not there (ethtool, ip)" "no ethtool or port netdev"
	fi
	if command -v devlink >/dev/null; then
		out=$(in_netns devlink dev show 2>&1)
		if grep -q "pci/$bdf" <<<"$out"; then
			not_ok "other netns: the devlink instance is not there" "$out"
		else
			ok "other netns: the devlink instance is not there"
		fi
	else
		skip "other netns: the devlink instance is not there" "no devlink"
	fi
fi

check_eq "nothing changed" "$before" "$(settings)"

ktap_finished
