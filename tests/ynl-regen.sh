#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The netlink ABI has one source, Documentation/netlink/specs/cpo.yaml.
# Check, in TAP, that the spec is valid against the kernel's schema for the
# protocol it declares, and that every file generated from it
# (scripts/ynl-regen.sh) is what the generator makes of it today.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
ynl=${YNL_SRC:-$top/.cache/linux-source-6.12}
spec=$top/Documentation/netlink/specs/cpo.yaml
files=(include/uapi/linux/cpo.h drivers/cpo/cpo-nl-gen.h drivers/cpo/cpo-nl-gen.c
       drivers/cpo/cpo-names-gen.h drivers/cpo/cpo-names-gen.c
       tools/cpoctl/names-gen.h tools/cpoctl/names-gen.c)
out=$(mktemp -d "${TMPDIR:-/tmp}/cpo-ynl-check.XXXXXX")
trap 'rm -rf "$out"' EXIT

echo "TAP version 13"
echo "1..$((1 + ${#files[@]}))"

if /usr/bin/python3 - "$spec" "$ynl/Documentation/netlink" <<'PY'; then
import sys
import jsonschema
import yaml

spec = yaml.safe_load(open(sys.argv[1]))
proto = spec.get('protocol', 'genetlink')
schema = yaml.safe_load(open('%s/%s.yaml' % (sys.argv[2], proto)))
errs = list(jsonschema.Draft7Validator(schema).iter_errors(spec))
for e in errs:
    print('# %s: %s' % ('/'.join(str(p) for p in e.path), e.message))
# every integer a request carries is bounded, as its policy then is
attrs = {a['name']: a for s in spec['attribute-sets'] for a in s['attributes']
         if s['name'] == 'cpo'}
for op in spec['operations']['list']:
    for a in op.get('do', {}).get('request', {}).get('attributes', []):
        if attrs[a]['type'] in ('u8', 'u16', 'u32', 's32') and \
           not attrs[a].get('checks'):
            errs.append(a)
            print('# %s: request attribute %s has no checks' % (op['name'], a))
sys.exit(1 if errs else 0)
PY
	echo "ok 1 - cpo.yaml is valid against its protocol's schema, requests bounded"
else
	echo "not ok 1 - cpo.yaml is valid against its protocol's schema, requests bounded"
fi

if ! "$top/scripts/ynl-regen.sh" "$out" >"$out/.log" 2>&1; then
	sed 's/^/# /' "$out/.log"
fi
n=1
for f in "${files[@]}"; do
	n=$((n + 1))
	if [ -f "$out/$f" ] && diff -u "$top/$f" "$out/$f" >"$out/.diff" 2>&1; then
		echo "ok $n - $f is as generated from cpo.yaml"
	else
		sed 's/^/# /' "$out/.diff"
		echo "not ok $n - $f is as generated from cpo.yaml (run scripts/ynl-regen.sh)"
	fi
done
