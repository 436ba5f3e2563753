#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Fail (and print the offending lines) when a guest kernel log shows a
# warning, a crash, a lock or memory debugging report, or a hang.  The
# patterns are the headers those reports start with, so an ordinary
# driver message that merely mentions a word like "warning" passes.  The
# same goes for the report a kmemleak scan leaves in debugfs.
#
# Usage: check-dmesg.sh LOGFILE
set -euo pipefail

log=$1
pat='WARNING:|BUG:|BUG kmalloc|Oops|kernel BUG at|general protection fault|Call Trace:'
pat+='|possible circular locking|possible recursive locking|inconsistent lock state'
pat+='|suspicious RCU usage|turning off the locking correctness validator'
pat+='|DEBUG_LOCKS_WARN_ON|UBSAN:|KASAN:|KFENCE:|refcount_t:'
# kmemleak: a leak (in the kernel log or the debugfs report) or an
# internal error; not its start-up line.
pat+='|unreferenced object 0x|kmemleak: .*(suspected memory leak|[Uu]nknown object'
pat+='|[Cc]annot|[Ff]ailed|disabled|[Pp]ool empty|Found object|Scan area|Not scanning)'
pat+='|BUG: sleeping function called from invalid context|FAULT_INJECTION: forcing'
pat+='|list_add corruption|list_del corruption|blocked for more than'
pat+='|rcu: INFO|self-detected stall|Kernel panic|segfault at|double free'

if grep -E -n -- "$pat" "$log" >/dev/null; then
	{ grep -E -n -B4 -A8 -- "$pat" "$log" | head -n 60 | sed 's/^/  dmesg: /' >&2; } || true
	exit 1
fi
exit 0
