#!/usr/bin/env python3
"""
spin_check.py DIR - the model check of the session state machine (make spin).

For each protocol: gen_promela.py writes DIR/<proto>/<proto>.pml from the
C sources, spin -a makes pan.c, gcc builds pan, and one exhaustive run
checks every property at once (the assertions, and the LTL formula as the
never claim).  A failure stops pan: its trail is kept as DIR/<proto>/
<property>.trail, that check is turned off (-DCHECK_<flag>=0, or no claim)
and the run goes on, so that each property gets its own PASS or FAIL.
A coverage line says whether the model reached every action the
properties read and every state the protocol's code enters (a property
that holds because nothing got there proves nothing).

Then the self-test: each mutation of gen_promela.py (MUTATIONS) breaks
the C as read, and the properties it names must FAIL on that model.

Output: one PASS/FAIL line per property and protocol, per coverage, per
mutation, then a summary; the exit status is 0 only if all passed.
Protocols and mutations run in parallel, one job per CPU.
"""
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
GEN = os.path.join(HERE, 'gen_promela.py')
PROTOS = ('imap', 'pop3', 'sieve', 'smtp')
PAN_DEPTH = '-m2000000'
CC = os.environ.get('SPIN_CC', 'gcc')
# -O0: pan.c is large and the search short; optimising it costs more than it saves.
CFLAGS = ['-O0', '-w', '-DCOLLAPSE']


def sh(args, cwd=None, timeout=600):
    p = subprocess.run(args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       universal_newlines=True, timeout=timeout)
    return p.returncode, p.stdout


def properties():
    rc, out = sh([sys.executable, GEN, '--list-properties'])
    if rc:
        raise SystemExit('spin: %s' % out)
    props = []
    for ln in out.splitlines():
        name, kind, flag = (ln.split('\t') + ['', ''])[:3]
        props.append((name, kind, flag))
    return props


def mutations():
    rc, out = sh([sys.executable, GEN, '--list-mutations'])
    if rc:
        raise SystemExit('spin: %s' % out)
    return [tuple(ln.split('\t')[:2]) + (ln.split('\t')[2].split(','),)
            for ln in out.splitlines()]


class Run:
    """One protocol's model (maybe mutated), checked until every property
    has an answer (or, with want, until those in want have failed)."""

    def __init__(self, base, proto, mutation=None, want=None):
        self.proto, self.mutation, self.want = proto, mutation, want
        self.dir = os.path.join(base, mutation or proto)
        self.pml = os.path.join(self.dir, '%s.pml' % proto)
        self.result = {}        # property -> (ok, detail)
        self.info = ''
        self.error = None
        self.seconds = 0.0

    def build(self, off, noclaim):
        args = ['spin'] + ['-DCHECK_%s=0' % f for f in sorted(off)] + ['-a', self.pml]
        rc, out = sh(args, cwd=self.dir)
        if rc or not os.path.exists(os.path.join(self.dir, 'pan.c')):
            raise RuntimeError('spin -a failed:\n' + out)
        args = [CC] + CFLAGS + (['-DNOCLAIM'] if noclaim else []) + ['-o', 'pan', 'pan.c']
        rc, out = sh(args, cwd=self.dir)
        if rc:
            raise RuntimeError('%s could not build pan:\n%s' % (CC, out))

    def run(self, props):
        t0 = time.time()
        if os.path.isdir(self.dir):
            shutil.rmtree(self.dir)
        os.makedirs(self.dir)
        args = [sys.executable, GEN, '--proto', self.proto, '-o', self.pml,
                '--reach', self.pml + '.reach']
        if self.mutation:
            args += ['--mutate', self.mutation]
        rc, out = sh(args)
        if rc:
            raise RuntimeError(out.strip())
        flags = {f: n for n, k, f in props if k == 'assert'}
        ltl = [n for n, k, _ in props if k == 'ltl']
        off, noclaim, first = set(), False, True
        while True:
            self.build(off, noclaim)
            trail = self.pml + '.trail'
            if os.path.exists(trail):
                os.remove(trail)
            rc, out = sh(['./pan', '-a', PAN_DEPTH] if not noclaim else ['./pan', PAN_DEPTH],
                         cwd=self.dir)
            with open(os.path.join(self.dir, 'pan.out'), 'a') as f:
                f.write(out)
            if 'max search depth too small' in out:
                raise RuntimeError('pan: max search depth too small (%s)' % PAN_DEPTH)
            m = re.search(r'assertion violated\s+!\((B_\w+)\)', out)
            failed = None
            if m and m.group(1) in flags:
                failed, off_next = flags[m.group(1)], m.group(1)
            elif re.search(r'acceptance cycle|non-progress cycle', out) and ltl:
                failed, off_next = ltl[0], None
            elif re.search(r'errors: [1-9]', out):
                raise RuntimeError('pan found an error no property names:\n' +
                                   '\n'.join(out.splitlines()[:12]))
            if first or failed is None:
                self.stats(out)
            first = False
            if failed is None:
                for n, _, _ in props:
                    self.result.setdefault(n, (True, ''))
                if not self.mutation:
                    self.coverage(out)
                break
            kept = os.path.join(self.dir, '%s.trail' % failed)
            if os.path.exists(trail):
                os.rename(trail, kept)
            self.result[failed] = (False, self.story(failed, kept, off))
            if self.want and all(w in self.result for w in self.want):
                break
            if off_next:
                off.add(off_next)
            else:
                noclaim = True
        self.seconds = time.time() - t0

    def story(self, prop, trail, off):
        """The counterexample as the model's printf lines tell it (events,
        states entered, actions queued), kept in <prop>.story."""
        defs = ['-DCHECK_%s=0' % f for f in sorted(off)]
        cmd = ['spin'] + defs + ['-t', '-k', trail, self.pml]
        rc, out = sh(cmd, cwd=self.dir)
        lines = []
        for ln in out.splitlines():
            ln = ln.strip()
            if ln.startswith(('event ', 'state ', 'action ', 'client ', 'backend ', 'the peers',
                              '<<<<<START OF CYCLE')):
                lines.append(ln)
            elif 'assertion violated' in ln:
                lines.append('assertion violated: %s' % prop)
        with open(os.path.join(self.dir, '%s.story' % prop), 'w') as f:
            f.write('\n'.join(lines) + '\n')
        replay = ' '.join(['spin'] + defs + ['-t', '-p', '-k', trail, self.pml])
        return '\n'.join([replay] + ['  ' + ln for ln in lines[-14:]])

    def stats(self, out):
        st = re.search(r'([\d.e+]+) states, stored', out)
        tm = re.search(r'pan: elapsed time ([\d.e+]+)', out)
        self.info = '%s states, pan %ss' % (st.group(1) if st else '?', tm.group(1) if tm else '?')

    def coverage(self, out):
        """Markers (reach:...) pan lists as unreached were never reached."""
        unreached = set()
        sect = out.split('unreached in proctype', 1)
        if len(sect) == 2:
            body = sect[1].split('unreached in claim', 1)[0]
            unreached = {int(n) for n in re.findall(r'\.pml:(\d+),', body)}
        marks, expect = {}, []
        with open(self.pml + '.reach') as f:
            for ln in f:
                what, line, kind, name = ln.split()
                if what == 'marker':
                    marks.setdefault((kind, name), []).append(int(line))
                else:
                    expect.append((kind, name))
        reached = {k for k, lines in marks.items() if any(n not in unreached for n in lines)}
        missing = [name for kind, name in expect if (kind, name) not in reached]
        states = sorted(n for k, n in reached if k == 'state')
        detail = '%d states reached' % len(states)
        if missing:
            self.result['coverage'] = (False, 'never reached: ' + ', '.join(missing))
        else:
            self.result['coverage'] = (True, detail)


def main():
    if len(sys.argv) != 2:
        print('usage: spin_check.py DIR', file=sys.stderr)
        return 2
    base = os.path.abspath(sys.argv[1])
    t0 = time.time()
    for tool in ('spin', CC):
        if shutil.which(tool) is None:
            print('FAIL spin: %s not found (ci/deps.sh installs it)' % tool)
            return 1
    props = properties()
    runs = [Run(base, p) for p in PROTOS]
    runs += [Run(os.path.join(base, 'mutants'), proto, name, want)
             for name, proto, want in mutations()]
    jobs = max(1, min(len(runs), os.cpu_count() or 1))
    with concurrent.futures.ThreadPoolExecutor(jobs) as ex:
        # the longest (smtp) first, so that it is not the one left at the end
        futs = {ex.submit(r.run, props): r for r in sorted(runs, key=lambda r: (
            r.mutation is not None, -PROTOS.index(r.proto)))}
        for fut in concurrent.futures.as_completed(futs):
            r = futs[fut]
            try:
                fut.result()
            except (RuntimeError, subprocess.TimeoutExpired) as e:
                r.error = str(e)
    passed = failed = 0

    def line(ok, name, detail=''):
        nonlocal passed, failed
        first, _, rest = detail.partition('\n')
        print('%s spin:%s%s' % ('PASS' if ok else 'FAIL', name, ' (%s)' % first if first else ''))
        for ln in rest.splitlines():
            print('    ' + ln)
        if ok:
            passed += 1
        else:
            failed += 1

    for r in runs:
        if r.mutation:
            continue
        if r.error:
            line(False, r.proto, r.error)
            continue
        print('spin: %s: %s, %.1fs in all' % (r.proto, r.info, r.seconds))
        for name, _, _ in props:
            ok, detail = r.result[name]
            line(ok, '%s:%s' % (r.proto, name), detail)
        ok, detail = r.result['coverage']
        line(ok, '%s:coverage' % r.proto, detail)
    for r in runs:
        if not r.mutation:
            continue
        if r.error:
            line(False, 'mutant:%s' % r.mutation, r.error)
            continue
        caught = [w for w in r.want if w in r.result and not r.result[w][0]]
        missed = [w for w in r.want if w not in caught]
        if missed:
            line(False, 'mutant:%s' % r.mutation,
                 '%s: %s still pass' % (r.proto, ', '.join(missed)))
        else:
            line(True, 'mutant:%s' % r.mutation, '%s: %s fail as they must' % (
                r.proto, ', '.join(caught)))
    print('spin: %d passed, %d failed (%.0fs)' % (passed, failed, time.time() - t0))
    return 0 if failed == 0 else 1


if __name__ == '__main__':
    sys.exit(main())
