#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Write the name tables of a YNL spec's definitions, for cpoctl and the driver.

For every enum of the spec's definitions, a function that names a value
and, for cpoctl, one that finds a value by name, with the spec's entry
names exactly:

    const char *cpo_<enum>_str(uint32_t v);      "unknown" when out of range
    int cpo_<enum>_by_name(const char *name);    -1 when no entry has it

For a set of flags (type: flags), the same for one flag's value (1 << n):
_str() names a single known flag, _by_name() gives the flag's value.
cpoctl's header also gets, per attribute set, which attributes are strings
and which signed (cpo_a_is_str(), cpo_a_is_signed()), and the driver's a
__print_symbolic() list per enum (CPO_<ENUM>_SYMBOLS) for tracepoints.

Usage: ynl-names.py SPEC OUT_C OUT_H [KERNEL_C KERNEL_H]
"""
import os
import sys

import yaml


def c_name(s):
    return s.replace('-', '_')


def enums_of(spec):
    """(name, kind, [(value, entry name, C constant)]) per enum or flags."""
    enums = []
    for d in spec.get('definitions', []):
        kind = d.get('type')
        if kind not in ('enum', 'flags'):
            continue
        prefix = d.get('name-prefix', '%s-%s-' % (spec['name'], d['name']))
        entries = []
        value = d.get('value-start', 0)
        for e in d['entries']:
            if isinstance(e, dict):
                value = e.get('value', value)
                e = e['name']
            # flags: the value is the bit number, the constant 1 << it
            entries.append((value, e, c_name((prefix + e).upper())))
            value += 1
        enums.append((c_name(d['name']), kind, entries))
    return enums


def attr_sets_of(spec):
    """(C prefix, string attrs, signed attrs) per attribute set."""
    sets = []
    for s in spec.get('attribute-sets', []):
        prefix = s.get('name-prefix', '%s-a-%s-' % (spec['name'], s['name']))
        strs, signed = [], []
        for a in s['attributes']:
            cname = c_name((prefix + a['name']).upper())
            if a['type'] == 'string':
                strs.append(cname)
            elif a['type'] in ('s8', 's16', 's32', 's64', 'sint'):
                signed.append(cname)
        sets.append((c_name(prefix.rstrip('-')), strs, signed))
    return sets


def head(spec_path, comment_c):
    spdx = ('// SPDX-License-Identifier: GPL-2.0\n' if comment_c else
            '/* SPDX-License-Identifier: GPL-2.0 */\n')
    return (spdx + '/* Do not edit directly, auto-generated from: */\n'
            '/*\t%s */\n'
            '/* by scripts/ynl-names.py (scripts/ynl-regen.sh) */\n\n' % spec_path)


def strmap(fn, entries, kind):
    out = ['\nstatic const char * const %s_strmap[] = {\n' % fn]
    for value, e, cname in entries:
        out.append('\t[%s] = "%s",\n' % (value if kind == 'flags' else cname, e))
    out.append('};\n')
    return out


def user_files(spec, spec_path, enums, sets):
    family = c_name(spec['name'])
    guard = '_%s_NAMES_GEN_H' % family.upper()
    h = [head(spec_path, False),
         '#ifndef %s\n#define %s\n\n#include <stdbool.h>\n#include <stdint.h>\n\n'
         % (guard, guard)]
    for name, _, _ in enums:
        h.append('const char *%s_%s_str(uint32_t v);\n' % (family, name))
        h.append('int %s_%s_by_name(const char *name);\n' % (family, name))
    h.append('\n/* per attribute set: whether an attribute is a string, signed */\n')
    for prefix, _, _ in sets:
        h.append('bool %s_is_str(int type);\n' % prefix)
        h.append('bool %s_is_signed(int type);\n' % prefix)
    h.append('\n#endif /* %s */\n' % guard)

    c = [head(spec_path, False), '#include <string.h>\n\n#include <linux/%s.h>\n\n'
         '#include "names-gen.h"\n' % spec['name']]
    for name, kind, entries in enums:
        fn = '%s_%s' % (family, name)
        size = 'sizeof(%s_strmap) / sizeof(%s_strmap[0])' % (fn, fn)
        c.extend(strmap(fn, entries, kind))
        if kind == 'flags':
            c.append('\nconst char *%s_str(uint32_t v)\n{\n'
                     '\tunsigned int i;\n\n'
                     '\tif (!v || (v & (v - 1)))\n'
                     '\t\treturn "unknown";\n'
                     '\tfor (i = 0; !(v & (1u << i)); i++)\n'
                     '\t\t;\n'
                     '\tif (i >= %s || !%s_strmap[i])\n'
                     '\t\treturn "unknown";\n'
                     '\treturn %s_strmap[i];\n}\n\n' % (fn, size, fn, fn))
            ret = '(int)(1u << i)'
        else:
            c.append('\nconst char *%s_str(uint32_t v)\n{\n'
                     '\tif (v >= %s ||\n'
                     '\t    !%s_strmap[v])\n'
                     '\t\treturn "unknown";\n'
                     '\treturn %s_strmap[v];\n}\n\n' % (fn, size, fn, fn))
            ret = 'i'
        c.append('int %s_by_name(const char *name)\n{\n'
                 '\tunsigned int i;\n\n'
                 '\tfor (i = 0; i < %s; i++)\n'
                 '\t\tif (%s_strmap[i] && !strcmp(%s_strmap[i], name))\n'
                 '\t\t\treturn %s;\n'
                 '\treturn -1;\n}\n' % (fn, size, fn, fn, ret))
    for prefix, strs, signed in sets:
        for what, attrs in (('str', strs), ('signed', signed)):
            c.append('\nbool %s_is_%s(int type)\n{\n' % (prefix, what))
            if not attrs:
                c.append('\t(void)type;\n\treturn false;\n}\n')
                continue
            c.append('\tswitch (type) {\n')
            for a in attrs:
                c.append('\tcase %s:\n' % a)
            c.append('\t\treturn true;\n\tdefault:\n\t\treturn false;\n\t}\n}\n')
    return ''.join(c), ''.join(h)


def kernel_files(spec, spec_path, enums, out_h):
    family = c_name(spec['name'])
    guard = '_LINUX_%s_NAMES_GEN_H' % family.upper()
    h = [head(spec_path, False),
         '#ifndef %s\n#define %s\n\n#include <linux/types.h>\n\n'
         '#include <uapi/linux/%s.h>\n\n' % (guard, guard, spec['name'])]
    for name, kind, _ in enums:
        h.append('const char *%s_%s_str(u32 v);\n' % (family, name))
    h.append('\n/* the entries of each enum, for __print_symbolic() */\n')
    for name, kind, entries in enums:
        h.append('#define %s_%s_SYMBOLS' % (family.upper(), name.upper()))
        for i, (_, e, cname) in enumerate(entries):
            h.append('\t\\\n\t{ %s, "%s" }%s' % (cname, e,
                                                  ',' if i + 1 < len(entries) else ''))
        h.append('\n')
    h.append('\n#endif /* %s */\n' % guard)

    c = [head(spec_path, True), '#include <linux/kernel.h>\n\n'
         '#include "%s"\n' % os.path.basename(out_h)]
    for name, kind, entries in enums:
        fn = '%s_%s' % (family, name)
        c.extend(strmap(fn, entries, kind))
        if kind == 'flags':
            c.append('\n/* @v: one flag */\nconst char *%s_str(u32 v)\n{\n'
                     '\tunsigned int i;\n\n'
                     '\tif (!v || (v & (v - 1)))\n'
                     '\t\treturn "unknown";\n'
                     '\ti = __ffs(v);\n'
                     '\tif (i >= ARRAY_SIZE(%s_strmap) || !%s_strmap[i])\n'
                     '\t\treturn "unknown";\n'
                     '\treturn %s_strmap[i];\n}\n' % (fn, fn, fn, fn))
        else:
            c.append('\nconst char *%s_str(u32 v)\n{\n'
                     '\tif (v >= ARRAY_SIZE(%s_strmap) || !%s_strmap[v])\n'
                     '\t\treturn "unknown";\n'
                     '\treturn %s_strmap[v];\n}\n' % (fn, fn, fn, fn))
    return ''.join(c), ''.join(h)


def main():
    if len(sys.argv) not in (4, 6):
        sys.exit(__doc__.strip().splitlines()[-1])
    spec_path, out_c, out_h = sys.argv[1:4]
    spec = yaml.safe_load(open(spec_path))
    enums = enums_of(spec)
    c, h = user_files(spec, spec_path, enums, attr_sets_of(spec))
    open(out_h, 'w').write(h)
    open(out_c, 'w').write(c)
    if len(sys.argv) == 6:
        c, h = kernel_files(spec, spec_path, enums, sys.argv[5])
        open(sys.argv[5], 'w').write(h)
        open(sys.argv[4], 'w').write(c)


if __name__ == '__main__':
    main()
