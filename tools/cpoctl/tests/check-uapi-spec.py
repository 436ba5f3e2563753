#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Prove that include/uapi/linux/cpo.h and Documentation/netlink/specs/cpo.yaml
describe the same ABI: family, version, multicast groups, every enum (names
and values), every attribute (name, value, type, multi-attr, nesting) and
every command, and that every integer a request carries has its bounds
(checks:) in the spec.  Prints TAP; exits non-zero on any difference.

usage: check-uapi-spec.py HEADER SPEC
"""
import re
import sys

import yaml

ENUM_RE = re.compile(r'enum\s+(\w+)\s*\{(.*?)\};', re.S)
ENTRY_RE = re.compile(r'^\s*(\w+)\s*(?:=\s*([^,/]+?))?\s*,\s*(?:/\*\s*(.*?)\s*\*/)?\s*$')


def c_value(expr):
    expr = expr.strip()
    if not re.fullmatch(r'[0-9x()<< ]+', expr):
        raise ValueError('cannot evaluate %r' % expr)
    return eval(expr, {'__builtins__': {}})


def parse_header(text):
    """{enum name: [(entry, value, comment)]}, private entries dropped."""
    text = re.sub(r'/\*\s*private:\s*\*/.*?(?=\};)', '', text, flags=re.S)
    enums = {}
    for m in ENUM_RE.finditer(text):
        entries, val = [], -1
        for line in m.group(2).split('\n'):
            e = ENTRY_RE.match(line)
            if not e:
                continue
            name, expr, comment = e.groups()
            val = c_value(expr) if expr else val + 1
            entries.append((name, val, comment or ''))
        enums[m.group(1)] = entries
    defines = dict(re.findall(r'#define[ \t]+(\w+)[ \t]+"?([^"\s]+)"?', text))
    return enums, defines


def c_name(prefix, name):
    return (prefix + name).upper().replace('-', '_')


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def check(self, cond, what, detail=''):
        self.n += 1
        if not cond:
            self.failed += 1
        print('%sok %d - %s' % ('' if cond else 'not ', self.n, what))
        if not cond and detail:
            for line in str(detail).splitlines():
                print('# ' + line)

    def done(self):
        print('1..%d' % self.n)
        return 1 if self.failed else 0


def header_type(comment):
    """The wire type a header comment announces: u32, s32, string, ..."""
    word = re.split(r'[,:\s]', comment.strip(), 1)[0] if comment else ''
    return word


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    enums, defines = parse_header(open(sys.argv[1]).read())
    spec = yaml.safe_load(open(sys.argv[2]))
    t = Tap()

    t.check(spec.get('name') == defines.get('CPO_FAMILY_NAME'),
            'family name', '%s vs %s' % (spec.get('name'),
                                         defines.get('CPO_FAMILY_NAME')))
    t.check(spec.get('protocol') == 'genetlink', 'genetlink protocol')
    groups = [g['name'] for g in spec.get('mcast-groups', {}).get('list', [])]
    t.check(groups == [defines.get('CPO_MCGRP_MONITOR')],
            'multicast groups', groups)

    seen = set()
    names_of = {}
    for d in spec.get('definitions', []):
        if d['type'] not in ('enum', 'flags'):
            continue
        cname = d.get('enum-name', 'cpo_' + d['name'].replace('-', '_'))
        names_of[d['name']] = cname
        prefix = d.get('name-prefix', 'cpo-%s-' % d['name'])
        seen.add(cname)
        want = []
        for i, e in enumerate(d['entries']):
            e = e if isinstance(e, dict) else {'name': e}
            if d['type'] == 'flags':
                val = 1 << e.get('value', i)
            else:
                val = e.get('value', want[-1][1] + 1 if want else 0)
            want.append((c_name(prefix, e['name']), val))
        have = [(n, v) for n, v, _ in enums.get(cname, [])]
        t.check(cname in enums and have == want, 'enum %s' % cname,
                'header: %s\nspec:   %s' % (have, want))

    for aset in spec.get('attribute-sets', []):
        cname = aset.get('enum-name', 'cpo_a_' + aset['name'].replace('-', '_'))
        prefix = aset.get('name-prefix', 'cpo-a-%s-' % aset['name'])
        seen.add(cname)
        hdr = {n: (v, c) for n, v, c in enums.get(cname, []) if v != 0}
        spec_names = set()
        val = 0
        for a in aset['attributes']:
            val = a.get('value', val + 1)
            n = c_name(prefix, a['name'])
            spec_names.add(n)
            ok = n in hdr and hdr[n][0] == val
            t.check(ok, 'attribute %s = %d' % (n, val),
                    'header value: %s' % (hdr.get(n, ('missing',))[0],))
            if not ok:
                continue
            comment = hdr[n][1]
            htype = header_type(comment)
            if a['type'] == 'pad':
                t.check(htype == '' or htype == 'pad', '%s is padding' % n)
                continue
            t.check(htype == a['type'], '%s type %s' % (n, a['type']),
                    'header says %r' % htype)
            multi = 'multi-attr' in comment or n.startswith('CPO_A_LINK_')
            t.check(bool(a.get('multi-attr')) == multi,
                    '%s multi-attr %s' % (n, multi))
            m = re.search(r'enum (cpo_\w+)', comment)
            if a['type'] == 'nest':
                nested = a.get('nested-attributes')
                t.check(m is not None and nested is not None and
                        m.group(1) == 'cpo_a_' + nested.replace('-', '_'),
                        '%s nests %s' % (n, nested))
            elif m and m.group(1) in [x for x in names_of.values()]:
                t.check(names_of.get(a.get('enum')) == m.group(1),
                        '%s enum %s' % (n, m.group(1)), a.get('enum'))
        missing = sorted(set(hdr) - spec_names)
        t.check(not missing, 'every %s attribute in the spec' % cname,
                missing)

    ops = spec['operations']
    cname = ops.get('enum-name', 'cpo_cmd')
    prefix = ops.get('name-prefix', 'cpo-cmd-')
    seen.add(cname)
    hdr = {n: v for n, v, _ in enums.get(cname, []) if v != 0}
    spec_ops = {}
    val = 0
    attr_names = {a['name'] for s in spec['attribute-sets']
                  for a in s['attributes'] if s['name'] == 'cpo'}
    for op in ops['list']:
        val = op.get('value', val + 1)
        spec_ops[c_name(prefix, op['name'])] = val
        used = []
        for kind in ('do', 'dump'):
            for part in ('request', 'reply'):
                used += (op.get(kind) or {}).get(part, {}).get('attributes', [])
        used += (op.get('event') or {}).get('attributes', [])
        unknown = sorted(set(used) - attr_names)
        t.check(not unknown, 'operation %s uses known attributes' % op['name'],
                unknown)
        # every integer a request carries is bounded, as the policy is
        by_name = {a['name']: a for s in spec['attribute-sets']
                   for a in s['attributes'] if s['name'] == 'cpo'}
        req = set()
        for kind in ('do', 'dump'):
            req |= set((op.get(kind) or {}).get('request', {})
                       .get('attributes', []))
        unbounded = sorted(a for a in req if a in by_name and
                           by_name[a]['type'] in ('u8', 'u16', 'u32', 's32')
                           and not by_name[a].get('checks'))
        t.check(not unbounded,
                'operation %s bounds every request integer' % op['name'],
                unbounded)
        is_set = op['name'].endswith('-set') or op['name'] == 'els-remove'
        t.check(('admin-perm' in op.get('flags', [])) == is_set,
                'operation %s admin-perm %s' % (op['name'], is_set))
    t.check(spec_ops == hdr, 'commands %s' % cname,
            'header: %s\nspec:   %s' % (sorted(hdr.items(), key=lambda x: x[1]),
                                        sorted(spec_ops.items(),
                                               key=lambda x: x[1])))

    t.check(seen == set(enums), 'every header enum is in the spec',
            sorted(set(enums) ^ seen))
    return t.done()


if __name__ == '__main__':
    sys.exit(main())
