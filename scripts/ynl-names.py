#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Write cpoctl's name tables from a YNL spec.

For every enum of the spec's definitions, a function that names a value
and one that finds a value by name, with the spec's entry names exactly:

    const char *cpo_<enum>_str(uint32_t v);      "unknown" when out of range
    int cpo_<enum>_by_name(const char *name);    -1 when no entry has it

Usage: ynl-names.py SPEC OUT_C OUT_H
"""
import sys

import yaml


def c_name(s):
    return s.replace('-', '_')


def main():
    spec_path, out_c, out_h = sys.argv[1:4]
    spec = yaml.safe_load(open(spec_path))
    family = c_name(spec['name'])
    enums = []
    for d in spec.get('definitions', []):
        if d.get('type') != 'enum':
            continue
        prefix = d.get('name-prefix', '%s-%s-' % (spec['name'], d['name']))
        entries = []
        value = d.get('value-start', 0)
        for e in d['entries']:
            if isinstance(e, dict):
                value = e.get('value', value)
                e = e['name']
            entries.append((value, e, c_name((prefix + e).upper())))
            value += 1
        enums.append((c_name(d['name']), entries))

    head = ('/* SPDX-License-Identifier: GPL-2.0 */\n'
            '/* Do not edit directly, auto-generated from: */\n'
            '/*\t%s */\n'
            '/* by scripts/ynl-names.py (scripts/ynl-regen.sh) */\n\n' % spec_path)
    guard = '_%s_NAMES_GEN_H' % family.upper()
    h = [head, '#ifndef %s\n#define %s\n\n#include <stdint.h>\n\n' % (guard, guard)]
    for name, _ in enums:
        h.append('const char *%s_%s_str(uint32_t v);\n' % (family, name))
        h.append('int %s_%s_by_name(const char *name);\n' % (family, name))
    h.append('\n#endif /* %s */\n' % guard)

    c = [head, '#include <string.h>\n\n#include <linux/%s.h>\n\n'
         '#include "names-gen.h"\n' % spec['name']]
    for name, entries in enums:
        fn = '%s_%s' % (family, name)
        c.append('\nstatic const char *const %s_strmap[] = {\n' % fn)
        for _, e, cname in entries:
            c.append('\t[%s] = "%s",\n' % (cname, e))
        c.append('};\n\n')
        c.append('const char *%s_str(uint32_t v)\n{\n'
                 '\tif (v >= sizeof(%s_strmap) / sizeof(%s_strmap[0]) ||\n'
                 '\t    !%s_strmap[v])\n'
                 '\t\treturn "unknown";\n'
                 '\treturn %s_strmap[v];\n}\n\n' % (fn, fn, fn, fn, fn))
        c.append('int %s_by_name(const char *name)\n{\n'
                 '\tunsigned int i;\n\n'
                 '\tfor (i = 0; i < sizeof(%s_strmap) / sizeof(%s_strmap[0]); i++)\n'
                 '\t\tif (%s_strmap[i] && !strcmp(%s_strmap[i], name))\n'
                 '\t\t\treturn i;\n'
                 '\treturn -1;\n}\n' % (fn, fn, fn, fn, fn))
    open(out_h, 'w').write(''.join(h))
    open(out_c, 'w').write(''.join(c))


if __name__ == '__main__':
    main()
