#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""cpoctl's two usage texts agree: the forms and commands of 'cpoctl help'
are the SYNOPSIS and the COMMANDS headings of cpoctl.8, word for word.
TAP output, one line per form and command.

Usage: check-usage.py CPOCTL MANPAGE
"""
import re
import shlex
import subprocess
import sys

# roff requests whose arguments alternate fonts with no space between them
ALTERNATING = {'.BR', '.RB', '.IR', '.RI', '.BI', '.IB'}


def roff_text(line):
    """The words a roff line prints, without fonts."""
    line = re.sub(r'\\f[BIRP]', '', line).replace('\\-', '-')
    req, _, rest = line.partition(' ')
    if not req.startswith('.'):
        return line
    args = shlex.split(rest)
    return ('' if req in ALTERNATING else ' ').join(args)


def man_usage(path):
    """The SYNOPSIS forms and the command headings of COMMANDS."""
    forms, cmds, section, cur, after_tp = [], [], None, [], False
    for line in open(path, encoding='utf-8'):
        line = line.rstrip('\n')
        if line.startswith('.SH'):
            if section == 'SYNOPSIS' and cur:
                forms.append(' '.join(cur))
            section, cur = line[4:].strip('"'), []
            continue
        if section == 'SYNOPSIS':
            if line == '.PP':
                forms.append(' '.join(cur))
                cur = []
            else:
                cur.append(roff_text(line))
        elif section == 'COMMANDS':
            if after_tp:
                cmds.append(roff_text(line))
            after_tp = line == '.TP'
    # the pieces of one form are words of their own, except "[-d|--dev DEV]"
    forms = [re.sub(r'\s+', ' ', f).replace('[ ', '[').replace(' ]', ']')
             for f in forms]
    return forms, cmds


def help_usage(cpoctl):
    out = subprocess.run([cpoctl, 'help'], capture_output=True, text=True,
                         check=True).stdout
    forms, cmds = [], []
    for line in out.splitlines():
        if line.startswith('Usage: '):
            forms.append(line[len('Usage: '):])
        elif line.startswith('       cpoctl'):
            forms.append(line.strip())
        elif re.match(r'  [a-z]', line):
            cmds.append(line.strip())
    return forms, cmds


def main():
    hforms, hcmds = help_usage(sys.argv[1])
    mforms, mcmds = man_usage(sys.argv[2])
    n = fail = 0
    for what, h, m in (('form', hforms, mforms), ('command', hcmds, mcmds)):
        for x in h:
            n += 1
            if x in m:
                print(f'ok {n} - {what} "{x}" in help and man page')
            else:
                fail = 1
                print(f'not ok {n} - {what} "{x}" of the help is not in '
                      f'the man page')
        for x in m:
            if x not in h:
                n += 1
                fail = 1
                print(f'not ok {n} - {what} "{x}" of the man page is not in '
                      f'the help')
    print(f'1..{n}')
    return fail


if __name__ == '__main__':
    sys.exit(main())
