#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run, in the guest, every cpo selftest whose "profile:" line (the file's
# second line) names PROFILE, each under a timeout, as one KTAP stream:
# each test's own output indented with "# ", then "ok N cpo:NAME".
# Ends with a per-test summary and one line
#   # cpo-selftests PROFILE: pass:N fail:N skip:N
# counting the subtests (a test that fails without reporting a failed
# subtest counts as one failure).  Also: run.sh --list PROFILE.
#
# Usage: run.sh [--list] PROFILE [TEST...]
#
# CPO_TIMEOUT_MULT (a whole number, default 1) multiplies every test's
# timeout: for a kernel that is slow on purpose (the debug kernel).
set -u

dir=$(cd "$(dirname "$0")" && pwd)
list=0
if [ "${1:-}" = --list ]; then
	list=1
	shift
fi
profile=${1:?usage: run.sh [--list] PROFILE [TEST...]}
shift
only=("$@")

default_timeout=$(sed -n 's/^timeout=//p' "$dir/settings" 2>/dev/null)
default_timeout=${default_timeout:-120}
mult=${CPO_TIMEOUT_MULT:-1}
case $mult in
''|*[!0-9]*|0) echo "run.sh: CPO_TIMEOUT_MULT must be a whole number > 0, not '$mult'" >&2; exit 2 ;;
esac

# profile_of FILE: the profile names on line 2 ("# profile: a b", "// profile: a").
profile_of()
{
	sed -n '2{s,\*/,,;s/.*profile:[[:space:]]*//p}' "$1" | tr ',' ' '
}

# timeout_of FILE: "timeout: N" on line 3, else the settings file's.
timeout_of()
{
	local t
	t=$(sed -n '3s/.*timeout:[[:space:]]*\([0-9]\+\).*/\1/p' "$1")
	echo "${t:-$default_timeout}"
}

tests=()
for src in "$dir"/*.sh "$dir"/*.c; do
	[ -f "$src" ] || continue
	name=$(basename "$src")
	case $name in lib.sh|run.sh) continue ;; esac
	# shellcheck disable=SC2046
	case " $(profile_of "$src") " in *" $profile "*) ;; *) continue ;; esac
	if [ ${#only[@]} -gt 0 ]; then
		case " ${only[*]} " in *" ${name%.*} "*|*" $name "*) ;; *) continue ;; esac
	fi
	tests+=("$src")
done

# A test that ends the device model ("# runs last: ..." in its first
# lines) goes after the others, which need the model.
first=()
last=()
for src in "${tests[@]}"; do
	if head -n 6 "$src" | grep -q '^# runs last:'; then
		last+=("$src")
	else
		first+=("$src")
	fi
done
tests=("${first[@]}" "${last[@]}")

if [ $list = 1 ]; then
	for t in "${tests[@]}"; do basename "$t"; done
	exit 0
fi

# A test must leave cpo.ko loaded and bound; if one did not, put it back
# so that one broken test does not fail all the others.
bound_state() { (. "$dir/lib.sh" && cpo_is_loaded && cpo_is_bound); }
restore_state() { (. "$dir/lib.sh" && module_restore) >/dev/null 2>&1; }
bound_at_start=0
bound_state && bound_at_start=1

echo "TAP version 13"
echo "1..${#tests[@]}"

pass=0
fail=0
skip=0
summary=()
n=0
for src in "${tests[@]}"; do
	n=$((n + 1))
	name=$(basename "$src")
	case $src in
	*.c) exe=${src%.c} ;;
	*) exe=$src ;;
	esac
	t=$(($(timeout_of "$src") * mult))
	echo "# selftests: cpo: $name"
	start=$SECONDS
	out=$(mktemp)
	if [ ! -x "$exe" ]; then
		echo "$exe not built or not executable" >"$out"
		rc=127
	else
		(cd "$dir" && timeout --kill-after=5 "$t" "$exe") >"$out" 2>&1 </dev/null
		rc=$?
	fi
	sed 's/^/# /' "$out"
	secs=$((SECONDS - start))

	# Subtest results at the top level of the test's own TAP.
	sp=$(grep -cE '^ok [0-9]+' "$out" | head -n 1)
	ss=$(grep -cE '^ok [0-9]+.*# *SKIP' "$out" | head -n 1)
	sf=$(grep -cE '^not ok [0-9]+' "$out" | head -n 1)
	sp=$((sp - ss))
	rm -f "$out"

	case $rc in
	0)   res="ok $n selftests: cpo: $name"; word=pass ;;
	4)   res="ok $n selftests: cpo: $name # SKIP"; word=skip ;;
	124|137) res="not ok $n selftests: cpo: $name # TIMEOUT ${t} seconds"; word=timeout ;;
	*)   res="not ok $n selftests: cpo: $name # exit=$rc"; word=FAIL ;;
	esac
	echo "$res"

	if [ $((sp + ss + sf)) = 0 ]; then
		case $word in
		pass) sp=1 ;;
		skip) ss=1 ;;
		*) sf=1 ;;
		esac
	elif [ $rc != 0 ] && [ $rc != 4 ] && [ $sf = 0 ]; then
		sf=1
	fi
	# a test that ends the model cannot leave the function bound
	if [ $bound_at_start = 1 ] && ! bound_state &&
	   ! head -n 6 "$src" | grep -q '^# runs last:'; then
		echo "# $name left cpo unloaded or unbound: restoring"
		restore_state || echo "# could not restore cpo"
		[ $sf -gt 0 ] || sf=1
		word="$word,left-unbound"
	fi
	pass=$((pass + sp))
	fail=$((fail + sf))
	skip=$((skip + ss))
	summary+=("$(printf '%-28s %-9s %3ss  pass:%s fail:%s skip:%s' "$name" "$word" "$secs" "$sp" "$sf" "$ss")")
done

echo "# summary for profile $profile:"
for s in "${summary[@]}"; do
	echo "#   $s"
done
echo "# cpo-selftests $profile: pass:$pass fail:$fail skip:$skip"
[ $fail = 0 ]
