#!/usr/bin/env python3
"""
gen_promela.py - the SPIN model of the session state machine, derived from
the C sources of src/core each time it runs (make spin).

    gen_promela.py --proto imap|pop3|smtp|sieve [--mutate NAME] [-o FILE] [--reach FILE]
    gen_promela.py --list-properties | --list-mutations

The functions of src/core/*.c are read into trees (csubset.py) and
translated into one Promela proctype: each function reached from the entry
points is a block of jumps with its control flow as written (if, switch,
loops, return, goto, short-circuit && and ||), calls through s->ops and the
state and command tables go where the C sends them, and pt_session_enter()
is the only place the state changes, as in the code.  Of the data the model
keeps what TRACKED lists; everything else is unknown and a condition on it
is a free choice: an over-approximation, so a property that holds in the
model holds in the code.  The header of the generated file says the rest:
what is kept, the assumptions (ASSUMPTIONS, ORACLES, STMT_ORACLES,
SOURCES), the limits and the properties.

--reach writes where the model marks each action and state, and which of
them this protocol's code can reach: spin_check.py fails a model that does
not get there (a property that holds because nothing happens proves
nothing).  --mutate breaks the C as read (MUTATIONS) for the self-test that
shows each property can fail.
"""
import argparse
import glob
import os
import re
import sys
import textwrap

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from csubset import (CError, CFile, E, Parser, expand, parse_enums, preprocess,  # noqa: E402
                     tokenize, typedef_names)

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))

UNK = '(-99)'           # an int-like variable whose value the model does not know
CB_CAP = 2              # the client command buffer, in abstract units (see header)

# ---- what the model keeps of struct pt_session ------------------------------------
# path -> (Promela variable, kind)
#   kind: state (enum pt_state), bool, count (0..255), zn (zero / not zero),
#   cbuf (0..CB_CAP), cmd (the protocol's command enum)
TRACKED = {
    's.state': ('S_state', 'state'),
    's.deadline': ('S_deadline', 'zn'),
    's.errors': ('S_errors', 'count'),
    's.close_queued': ('S_closeq', 'bool'),
    's.tls': ('S_tls', 'bool'),
    's.cb_len': ('S_cb', 'cbuf'),
    's.bb_len': ('S_bb', 'cbuf'),
    's.untagged_seen': ('S_untagged', 'bool'),
    's.greeted': ('S_greeted', 'bool'),
    's.rerequest': ('S_rerequest', 'bool'),
    's.pp_tls': ('S_pp_tls', 'bool'),
    's.ar.ok': ('S_ar_ok', 'bool'),
    's.ar.wait_status': ('S_ar_wait', 'bool'),
    's.cp.imap.cmd': ('S_cmd', 'cmd'),
    's.cp.pop3.cmd': ('S_cmd', 'cmd'),
    's.cp.smtp.cmd': ('S_cmd', 'cmd'),
    's.cp.sieve.cmd': ('S_cmd', 'cmd'),
}
# Read-only: configuration fixed for a run, and constants of the abstraction.
FIXED = {
    's.conf.max_errors': 'C_max_errors',
    's.cb_cap': 'CB_CAP',
    's.bb_cap': 'CB_CAP',
}
# A field written from bytes the model does not have takes the environment's
# choice for the event being handled: the auth reply line's status.
SOURCES = {
    's.ar.ok': '(E_status == AUTH_LINE_OK)',
    's.ar.wait_status': '(E_status == AUTH_LINE_WAIT)',
}
# The parameters of the entry points that the environment chooses.
ENTRIES = {
    'pt_session_event': {'ev.type': 'E_ev'},
    'pt_session_client_recv_ack': {'n': 'E_n'},
    'pt_session_backend_recv_ack': {'n': 'E_n'},
    'pt_session_client_send_ack': {},
}
# Facts from outside the state machine, each used where the C reads what the
# model does not keep.  (function, C expression) -> Promela expression.
ORACLES = {
    # the timer event carries now_ms: late (past the deadline) or early
    ('pt_session_event', 'now_ms < s->deadline'): '(!E_late)',
}
# (function, C statement) -> Promela lines replacing its translation.
STMT_ORACLES = {
    # proxyhdr.c sizes its reads so that with implicit TLS nothing past the
    # header is read (pt_proxyhdr_room); without, the rest is plaintext input.
    ('pt_proxyhdr_recv_ack', 's->cb_len = rest'): [
        'if', ':: S_pp_tls -> S_cb = 0',
        ':: else -> if :: S_cb = 0 :: S_cb = 1 :: S_cb = 2 fi', 'fi;',
        'if :: S_cb > 0 && !S_tls -> G_plain = 1 :: S_cb == 0 -> G_plain = 0 '
        ':: else -> skip fi;'],
}
# Actions the properties look at; the others (SEND_*, LOG, ...) change nothing here.
ACTIONS = ('PT_ACT_CLOSE', 'PT_ACT_RELAY', 'PT_ACT_CONNECT_BACKEND', 'PT_ACT_START_TLS',
           'PT_ACT_AUTH_REQUEST', 'PT_ACT_SET_DEADLINE')

# name, what it says, how it is checked: an assertion on the flag B_<flag>
# (set where the check fails), or an LTL formula.
PROPERTIES = [
    ('relay_needs_auth_ok',
     'CONNECT_BACKEND and RELAY only after the auth service said OK to the latest request',
     ('assert', 'B_auth')),
    ('starttls_drops_input',
     'START_TLS leaves no client byte buffered, and no byte read before TLS is parsed after it',
     ('assert', 'B_tls')),
    ('deadline_armed',
     'after every event each state but new, relay and closed has a deadline armed',
     ('assert', 'B_deadline')),
    ('no_deadlock',
     'once the peers fall silent, timer events alone end in closed or relay',
     ('ltl', '[] (G_quiet -> <> (S_state == PT_ST_CLOSED || S_state == PT_ST_RELAY))')),
    ('max_errors_close',
     'after an event that brings the invalid commands to max_errors the session is closed',
     ('assert', 'B_maxerr')),
    ('table_complete',
     'no command line or ops call goes through an empty table entry',
     ('assert', 'B_null')),
    ('closed_is_final',
     'closed is never left, and a CLOSE is queued exactly when the state is closed',
     ('assert', 'B_closed')),
    ('model_sound',
     'the translation itself: every call returns to a site that called it',
     ('assert', 'B_model')),
]


def fail(flag):
    """Promela: the check behind flag failed here (CHECK_<flag> 0 turns the
    check off, so that a run can go on to the other properties)."""
    return '%s = CHECK_%s; assert(!%s); %s = 0' % (flag, flag, flag, flag)


# ---- mutations: each breaks the C as read, for the self-test ----------------------
# name: (what it breaks, the protocol the self-test uses, the properties that must fail)
MUTATIONS = {
    'relay-without-auth': ('the handler of the auth state relays at once, without asking',
                           'imap', ['relay_needs_auth_ok']),
    'no-deadline': ('the auth request is sent with no deadline',
                    'pop3', ['deadline_armed', 'no_deadlock']),
    'keep-pretls-input': ('STARTTLS keeps the client bytes that came with it',
                          'smtp', ['starttls_drops_input']),
    'no-max-errors': ('invalid commands never close the session',
                      'imap', ['max_errors_close']),
    'table-hole': ('the table has no entry for the sasl-login-password state',
                   'pop3', ['table_complete']),
}


class GenError(Exception):
    pass


# ---- sources -----------------------------------------------------------------------

class Sources:
    def __init__(self):
        self.macros, self.typenames = {}, set()
        headers = sorted(glob.glob(os.path.join(ROOT, 'src/util/*.h')) +
                         glob.glob(os.path.join(ROOT, 'src/proto/*.h')) +
                         glob.glob(os.path.join(ROOT, 'src/core/*.h')))
        htoks = []
        for h in headers:
            text, macros = preprocess(open(h).read())
            self.macros.update(macros)
            htoks.extend(tokenize(text))
        self.typenames |= typedef_names(htoks)
        self.enums = parse_enums(htoks, self.macros)
        self.consts = {}
        for items in self.enums.values():
            self.consts.update(dict(items))
        self.files, self.funcs, self.tables = {}, {}, {}
        for path in sorted(glob.glob(os.path.join(ROOT, 'src/core/*.c'))):
            cf = CFile(os.path.relpath(path, ROOT), open(path).read(), self.macros,
                       self.typenames)
            self.files[cf.path] = cf
            for name, f in cf.funcs.items():
                if name in self.funcs:
                    raise GenError('function %s defined twice' % name)
                f.macros = cf.allmacros
                self.funcs[name] = f
            for name, t in cf.tables.items():
                t.macros = cf.allmacros
                self.tables[name] = t
        for name in ('pt_state', 'pt_ev_type', 'pt_act_type', 'pt_parse_status'):
            if name not in self.enums:
                raise GenError('enum %s not found in the headers' % name)

    def enum_of_type(self, ty):
        m = re.search(r'\benum (\w+)', ty or '')
        return m.group(1) if m and m.group(1) in self.enums else None

    def domain(self, enum):
        return [c for c, _ in self.enums[enum] if not c.endswith('_COUNT')]

    def table_rows(self, name):
        """-> [(key constant or position, {field: E})]"""
        t = self.tables[name]
        rows = []
        for pos, (des, val) in enumerate(t.init.b):
            key = pos
            if des is not None and des[0] == 'index':
                if des[1].kind != 'name':
                    raise GenError('%s: table key is not a name' % name)
                key = des[1].op
            fields = {}
            if val.kind == 'init' and t.fields:
                for fpos, (fdes, fval) in enumerate(val.b):
                    fname = fdes[1] if fdes and fdes[0] == 'field' else t.fields[fpos]
                    fields[fname] = fval
            elif des is not None and des[0] == 'field':
                key = des[1]
                fields = {None: val}
            else:
                fields = {None: val}
            rows.append((key, fields))
        return rows


# ---- mutations on the parsed sources ---------------------------------------------

def stmt_walk(node, fn):
    """Call fn(list, index) for every statement held in a block list."""
    if not isinstance(node, tuple):
        return
    kind = node[0]
    if kind == 'block':
        lst = node[2]
        i = 0
        while i < len(lst):
            if fn(lst, i):
                continue
            stmt_walk(lst[i], fn)
            i += 1
    elif kind == 'if':
        stmt_walk(node[3], fn)
        stmt_walk(node[4], fn)
    elif kind in ('while', 'switch'):
        stmt_walk(node[3], fn)
    elif kind == 'do':
        stmt_walk(node[2], fn)
    elif kind == 'for':
        stmt_walk(node[5], fn)


def body_text(node):
    """The expressions of a statement tree, as text (for finding things)."""
    out = []

    def walk(x):
        if isinstance(x, E):
            out.append(x.text())
        elif isinstance(x, (tuple, list)):
            for y in x:
                walk(y)
    walk(node)
    return '\n'.join(out)


def parse_stmts(code, src):
    p = Parser(tokenize(code), src.typenames)
    out = []
    while p.peek().kind != 'eof':
        out.append(p.stmt())
    return out


def mutate(src, proto, name):
    hits = []

    def remove_stmt(func, text):
        def fn(lst, i):
            st = lst[i]
            if st[0] == 'expr' and st[2].text() == text:
                del lst[i]
                hits.append(func)
                return True
            return False
        stmt_walk(src.funcs[func].body, fn)

    def replace_stmt(func, text, code):
        def fn(lst, i):
            st = lst[i]
            if st[0] == 'expr' and st[2].text() == text:
                lst[i:i + 1] = parse_stmts(code, src)
                hits.append(func)
            return False
        stmt_walk(src.funcs[func].body, fn)

    table = 'pt_%s_table' % proto
    if name == 'relay-without-auth':
        rows = dict(src.table_rows(table))
        handler = rows['PT_ST_AUTH']['on_line']
        body = src.funcs[handler.op].body
        body[2][0:0] = parse_stmts('pt_session_logged_in(s, 0); return;', src)
        hits.append(handler.op)
    elif name == 'no-deadline':
        replace_stmt('pt_authreq_send',
                     'pt_session_set_deadline(s, s->now + s->conf->auth_http_timeout_ms)',
                     'pt_session_set_deadline(s, 0);')
    elif name == 'keep-pretls-input':
        # every protocol's STARTTLS goes through session.c's one step
        remove_stmt('pt_session_start_tls', 's->cb_len = 0')
    elif name == 'no-max-errors':
        def fn(lst, i):
            st = lst[i]
            if st[0] == 'if' and st[2].text() == 's->errors >= s->conf->max_errors':
                lst[i] = ('if', st[1], E('num', '0'), st[3], st[4])
                hits.append('pt_session_invalid')
            return False
        stmt_walk(src.funcs['pt_session_invalid'].body, fn)
    elif name == 'table-hole':
        t = src.tables[table]
        before = len(t.init.b)
        t.init.b[:] = [(d, v) for d, v in t.init.b
                       if not (d and d[0] == 'index' and d[1].op == 'PT_ST_SASL_LOGIN_PASS')]
        if len(t.init.b) != before:
            hits.append(table)
    else:
        raise GenError('unknown mutation %s (known: %s)' % (name, ', '.join(MUTATIONS)))
    if not hits:
        raise GenError('mutation %s matched nothing: the sources changed' % name)


# ---- translation -----------------------------------------------------------------

class V:
    """A value the model knows: a Promela expression, the variables in it
    that may hold UNK, and whether it is zero/not-zero only."""

    def __init__(self, expr, deps=frozenset(), zn=False, const=None, model=False):
        self.expr, self.deps, self.zn, self.const = expr, frozenset(deps), zn, const
        self.model = model      # derived from what the model keeps


class Ctx:
    def __init__(self, func):
        self.func = func
        self.name = func.name
        self.scopes = [{}]
        self.breaks, self.conts = [], []
        self.clabels = {}
        self.effects = 0
        self.meffects = 0
        self.reads = False      # a value of the model decides something here
        self.calls = set()
        self.returns_known = False
        self.session = any(p[1] == 's' and 'pt_session' in p[0] for p in func.params)

    def lookup(self, name):
        for sc in reversed(self.scopes):
            if name in sc:
                return sc[name]
        return None


class Gen:
    def __init__(self, src, proto):
        self.src, self.proto = src, proto
        self.ops = {}
        for key, fields in src.table_rows('pt_%s_ops' % proto):
            self.ops[key] = fields[None].op
        self.cmd_enum = 'pt_%s_cmd' % proto
        if self.cmd_enum not in src.enums:
            raise GenError('enum %s not found' % self.cmd_enum)
        self.used = set()

    # -- bookkeeping
    def reset(self, interesting, informative, prev_calls):
        self.effectful = getattr(self, 'next_effectful', set(self.src.funcs))
        self.interesting, self.informative = interesting, informative
        self.prev_calls = prev_calls
        self.fvars = {}         # function -> its Promela locals
        self.code, self.info, self.sites = {}, {}, {}
        self.nsite, self.nlabel, self.ntemp = 0, 0, 0
        self.nbreak = 0
        self.nmark, self.outside = 0, []
        self.values = True
        self.vars = {}          # Promela local -> type
        self.consts_used = set()
        self.todo = []

    def label(self, hint='J'):
        self.nlabel += 1
        return '%s_%d' % (hint, self.nlabel)

    def temp(self, ty='short'):
        self.ntemp += 1
        v = 'T_%d' % self.ntemp
        self.vars[v] = ty
        return v

    def const(self, name):
        self.consts_used.add(name)
        return name

    def effect(self):
        """Something that must stay where it is (a write, a call, a jump)."""
        self.ctx.effects += 1

    def meffect(self):
        """Something the model keeps (a tracked write, an action, a check)."""
        self.ctx.effects += 1
        self.ctx.meffects += 1

    # -- variables
    def local_kind(self, ty, ptr):
        if ptr:
            return None
        enum = self.src.enum_of_type(ty)
        if enum:
            return ('enum', enum)
        # int: flags and result codes.  Sizes, lengths and counters (size_t,
        # long, unsigned, uintN_t) never hold what the model keeps.
        if ty.replace('const', '').split() == ['int']:
            return ('int', None)
        return None

    def declare_local(self, name, ty, ptr):
        k = self.local_kind(ty, ptr)
        if k is None:
            return None
        var = self.new_var(self.ctx.name, name, k)
        ent = ('local', var, k[0], k[1])
        self.ctx.scopes[-1][name] = ent
        return ent

    def path(self, e):
        """The field path of an lvalue ('s.state', 's.ar.ok', 'ev.type') or None."""
        if e.kind == 'name':
            ent = self.ctx.lookup(e.op)
            if ent and ent[0] == 'alias':
                return ent[1]
            if ent:
                return None
            return e.op
        if e.kind == 'member':
            base = self.path(e.a)
            return None if base is None else base + '.' + e.b
        if e.kind == 'unary' and e.op == '*':
            return self.path(e.a)
        return None

    def tracked(self, p):
        if p is None or not p.startswith('s.') or not self.ctx.session:
            return None
        t = TRACKED.get(p)
        if t:
            self.used.add(('tracked', p))
        return t

    # -- values
    def havoc(self, var, kind, domain=None):
        if kind in ('bool', 'zn'):
            vals = ['0', '1']
        elif kind == 'cbuf':
            vals = [str(i) for i in range(CB_CAP + 1)]
        elif kind == 'state':
            vals = [self.const(c) for c in self.src.domain('pt_state')]
        elif kind == 'cmd':
            vals = [self.const(c) for c in self.src.domain(self.cmd_enum)]
        elif kind == 'enum':
            vals = [self.const(c) for c in self.src.domain(domain)]
        elif kind == 'int':
            return ['%s = UNK;' % var]
        else:
            raise GenError('%s: cannot havoc %s (%s)' % (self.ctx.name, var, kind))
        return ['if'] + [':: %s = %s' % (var, v) for v in vals] + ['fi;']

    def assign_var(self, var, kind, domain, v):
        """var = v for a model variable of the given kind (v may be None)."""
        if v is None:
            return self.havoc(var, kind, domain)
        expr = v.expr
        if kind == 'zn' and not v.zn:
            expr = '((%s) != 0)' % expr
        if not v.deps:
            return ['%s = %s;' % (var, expr)]
        ok = ' && '.join('(%s != UNK)' % d for d in sorted(v.deps))
        if kind == 'int':
            return ['if', ':: %s -> %s = %s' % (ok, var, expr), ':: else -> %s = UNK' % var, 'fi;']
        return (['if', ':: %s -> %s = %s' % (ok, var, expr), ':: else ->'] +
                self.havoc(var, kind, domain)[:-1] + ['fi', 'fi;'])

    def numval(self, text):
        return int(re.sub(r'[uUlL]+$', '', text), 0)

    def val(self, e):
        """-> (lines, V or None)"""
        k = e.kind
        ctx = self.ctx
        if k == 'num':
            n = self.numval(e.op)
            return [], V(str(n), const=n)
        if k == 'chr':
            return [], None
        if k == 'str':
            return [], None
        if k == 'name':
            n = e.op
            if n == 'NULL':
                return [], V('0', const=0)
            ent = ctx.lookup(n)
            if ent and ent[0] == 'local':
                return [], V(ent[1], deps={ent[1]} if ent[2] == 'int' else (),
                             model=ent[2] == 'enum')
            if ent:
                return [], None
            envmap = ENTRIES.get(ctx.name, {})
            if n in envmap:
                return [], V(envmap[n], model=True)
            if n in self.src.consts:
                return [], V(self.const(n), const=self.src.consts[n])
            m = ctx.func.macros.get(n)
            if m is not None and m.params is None and m.body:
                return self.val(self.macro_expr(e))
            return [], None
        if k == 'member':
            key = (ctx.name, e.text())
            if key in ORACLES:
                self.used.add(('oracle', key))
                return [], V(ORACLES[key], model=True)
            tab = self.table_ref(e)
            if tab is not None:
                return self.table_value(*tab)
            p = self.path(e)
            envmap = ENTRIES.get(ctx.name, {})
            if p in envmap:
                return [], V(envmap[p], model=True)
            t = self.tracked(p)
            if t and t[1] == 'cmd':
                return (['if', ':: S_cmd == CMD_FRESH ->'] + self.havoc('S_cmd', 'cmd')[:-1] +
                         ['fi', ':: else -> skip', 'fi;'], V(t[0], model=True))
            if t:
                return [], V(t[0], zn=(t[1] == 'zn'), model=True)
            if p in FIXED and ctx.session:
                self.used.add(('fixed', p))
                return [], V(FIXED[p], model=True)
            return [], None
        if k == 'index':
            pre, _ = self.val(e.b)
            return pre, None
        if k == 'call':
            if e.a.kind == 'name' and e.a.op in self.src.funcs and e.a.op not in PRIMS and \
                    e.a.op not in self.interesting:
                pre = []
                for a in e.b:
                    pre += self.effects_of(a)
                return pre, None
            return self.call(e, want=True)
        if k == 'cast':
            return self.val(e.a)
        if k == 'sizeof':
            return [], None
        if k == 'unary':
            if e.op in ('++', '--'):
                pre = self.assign(E('assign', '+=' if e.op == '++' else '-=', e.a,
                                    E('num', '1')))
                p2, v = self.val(e.a)
                return pre + p2, v
            if e.op in ('&', '*'):
                pre, _ = self.val(e.a)
                return pre, None
            if e.op == '!':
                return self.boolval(e)
            pre, v = self.val(e.a)
            if v is None or v.zn:
                return pre, None
            c = None
            if v.const is not None:
                c = {'-': -v.const, '+': v.const, '~': ~v.const}[e.op]
            return pre, V('(%s%s)' % (e.op, v.expr), v.deps, const=c, model=v.model)
        if k == 'postfix':
            # x++ as a value: done, and its old value left unknown
            return self.assign(E('assign', '+=' if e.op == '++' else '-=', e.a,
                                 E('num', '1'))), None
        if k == 'binary':
            if e.op in ('&&', '||') or e.op in ('==', '!=', '<', '>', '<=', '>='):
                return self.boolval(e)
            pa, a = self.val(e.a)
            pb, b = self.val(e.b)
            if a is None or b is None or a.zn or b.zn:
                return pa + pb, None
            return pa + pb, V('(%s %s %s)' % (a.expr, e.op, b.expr), a.deps | b.deps,
                              model=a.model or b.model)
        if k == 'cond':
            return self.condval(e)
        if k == 'assign':
            # x = y = v: the value is what was assigned
            if e.op == '=' and not self.has_call(e.b):
                p1, v = self.val(e.b)
                return self.assign(e), v
            pre = self.assign(e)
            p2, v = self.val(e.a)
            return pre + p2, v
        if k == 'comma':
            pre = self.effects_of(e.a)
            p2, v = self.val(e.b)
            return pre + p2, v
        if k == 'init':
            return [], None
        raise GenError('%s: cannot read expression %s' % (ctx.name, e.text()))

    def compare(self, e):
        """A comparison with no calls: V, or None when unknown."""
        if e.kind == 'binary' and e.op in ('==', '!=', '<', '>', '<=', '>='):
            key = (self.ctx.name, e.text())
            if key in ORACLES:
                self.used.add(('oracle', key))
                return [], V(ORACLES[key], model=True)
            pa, a = self.val(e.a)
            pb, b = self.val(e.b)
            if a is None or b is None:
                return pa + pb, None
            if a.zn or b.zn:
                # zero / not zero: only a test against the constant 0 is known
                if a.zn and b.const == 0 and e.op in ('==', '!=', '>'):
                    return pa + pb, V('(%s %s 0)' % (a.expr, '==' if e.op == '==' else '!='),
                                      model=True)
                if b.zn and a.const == 0 and e.op in ('==', '!=', '<'):
                    return pa + pb, V('(%s %s 0)' % (b.expr, '==' if e.op == '==' else '!='),
                                      model=True)
                return pa + pb, None
            return pa + pb, V('(%s %s %s)' % (a.expr, e.op, b.expr), a.deps | b.deps,
                              model=a.model or b.model)
        pre, v = self.val(e)
        if v is None:
            return pre, None
        return pre, V('(%s != 0)' % v.expr, v.deps, model=v.model)

    def boolval(self, e):
        """&&, ||, ! and comparisons as a value 0/1."""
        if not self.values and not self.has_call(e):
            return [], None
        if not self.has_call(e):
            pre, v = self.pure_bool(e)
            if v is not None or (not pre and not self.any_known(e)):
                return pre, v
        t = self.temp()
        lt, lf, lj = self.label(), self.label(), self.label()
        reads, self.ctx.reads = self.ctx.reads, False
        out = self.cond(e, lt, lf)
        model, self.ctx.reads = self.ctx.reads, reads or self.ctx.reads
        out += ['%s: %s = 1;' % (lt, t), 'goto %s;' % lj, '%s: %s = 0;' % (lf, t),
                '%s: skip;' % lj]
        return out, V(t, {t}, model=model)

    def any_known(self, e):
        if e.kind == 'binary' and e.op in ('&&', '||'):
            return self.any_known(e.a) or self.any_known(e.b)
        if e.kind == 'unary' and e.op == '!':
            return self.any_known(e.a)
        if e.kind == 'cond':
            return self.any_known(e.a) or self.any_known(e.b) or self.any_known(e.c)
        if e.kind == 'cast':
            return self.any_known(e.a)
        return self.compare(e)[1] is not None

    def pure_bool(self, e):
        if e.kind == 'binary' and e.op in ('&&', '||'):
            pa, a = self.pure_bool(e.a)
            pb, b = self.pure_bool(e.b)
            if a is None or b is None:
                return pa + pb, None
            return pa + pb, V('(%s %s %s)' % (a.expr, e.op, b.expr), a.deps | b.deps,
                              model=a.model or b.model)
        if e.kind == 'unary' and e.op == '!':
            pa, a = self.pure_bool(e.a)
            return pa, None if a is None else V('(!%s)' % a.expr, a.deps, model=a.model)
        return self.compare(e)

    def condval(self, e):
        """c ? a : b as a value: a Promela conditional when all is known,
        else a choice between the two into a temporary."""
        calls = self.has_call(e)
        if not calls and not self.values:
            return [], None
        if not calls:
            pc, c = self.pure_bool(e.a)
            pa, a = self.val(e.b)
            pb, b = self.val(e.c)
            if a is None and b is None and not pa and not pb:
                return pc, None
            if c is not None and not c.deps and a is not None and b is not None and \
                    not pa and not pb and not a.zn and not b.zn:
                return pc, V('(%s -> %s : %s)' % (c.expr, a.expr, b.expr), a.deps | b.deps,
                             model=c.model or a.model or b.model)
        t = self.temp()
        la, lb, lj = self.label(), self.label(), self.label()
        reads, self.ctx.reads = self.ctx.reads, False
        out = self.cond(e.a, la, lb)
        model, self.ctx.reads = self.ctx.reads, reads or self.ctx.reads
        pa, a = self.val(e.b)
        out += ['%s: skip;' % la] + pa + self.assign_var(t, 'int', None, a) + ['goto %s;' % lj]
        pb, b = self.val(e.c)
        out += ['%s: skip;' % lb] + pb + self.assign_var(t, 'int', None, b)
        out += ['%s: skip;' % lj]
        model = model or (a is not None and a.model) or (b is not None and b.model)
        unk = a is None or b is None or a.deps or b.deps
        return out, V(t, {t} if unk else (), model=model)

    def has_call(self, e):
        """Does evaluating e run anything the model keeps (a call into a
        translated function, a primitive, a table call, an assignment)?"""
        if not isinstance(e, E):
            return False
        if e.kind == 'call':
            f = e.a
            m = self.ctx.func.macros.get(f.op) if f.kind == 'name' else None
            if m is not None and m.params is not None:
                return self.has_call(self.expand_call(e, m))
            if f.kind == 'name' and f.op not in self.src.funcs and f.op not in PRIMS and \
                    not re.match(r'pt_\w+_(cmd|resp)_parse$', f.op):
                return any(self.has_call(x) for x in e.b)
            if f.kind == 'name' and f.op in self.src.funcs and f.op not in PRIMS and \
                    f.op not in self.interesting:
                return any(self.has_call(x) for x in e.b)
            return True
        if e.kind in ('unary', 'postfix') and e.op in ('++', '--'):
            return True
        if e.kind == 'assign':
            return True
        return any(self.has_call(x) for x in (e.a, e.b, e.c) if isinstance(x, E))

    # -- conditions (jumping code)
    def cond(self, e, lt, lf):
        if e.kind == 'cast':
            return self.cond(e.a, lt, lf)
        if e.kind in ('binary', 'unary', 'cond') and not self.has_call(e) and \
                not self.any_known(e):
            # nothing in it the model knows: one free choice, not one per atom
            return ['goto %s;' % lt] if lt == lf else ['if :: goto %s :: goto %s fi;' % (lt, lf)]
        if e.kind == 'binary' and e.op == '&&':
            lm = self.label()
            return self.cond(e.a, lm, lf) + ['%s: skip;' % lm] + self.cond(e.b, lt, lf)
        if e.kind == 'binary' and e.op == '||':
            lm = self.label()
            return self.cond(e.a, lt, lm) + ['%s: skip;' % lm] + self.cond(e.b, lt, lf)
        if e.kind == 'unary' and e.op == '!':
            return self.cond(e.a, lf, lt)
        if e.kind == 'cond':
            la, lb = self.label(), self.label()
            return (self.cond(e.a, la, lb) + ['%s: skip;' % la] + self.cond(e.b, lt, lf) +
                    ['%s: skip;' % lb] + self.cond(e.c, lt, lf))
        pre, v = self.compare(e)
        if lt == lf:
            return pre + ['goto %s;' % lt]
        if v is not None and v.model:
            self.ctx.reads = True
        if v is None:
            return pre + ['if :: goto %s :: goto %s fi;' % (lt, lf)]
        if v.deps:
            ok = ' && '.join('(%s != UNK)' % d for d in sorted(v.deps))
            return pre + ['if', ':: %s && %s -> goto %s' % (ok, v.expr, lt),
                          ':: %s && !%s -> goto %s' % (ok, v.expr, lf),
                          ':: !(%s) -> if :: goto %s :: goto %s fi' % (ok, lt, lf), 'fi;']
        return pre + ['if :: %s -> goto %s :: else -> goto %s fi;' % (v.expr, lt, lf)]

    def effects_of(self, e):
        """Evaluate for what it does, not for its value."""
        keep, self.values = self.values, False
        try:
            pre, _ = self.val(e)
        finally:
            self.values = keep
        return pre

    # -- macros and tables
    def macro_expr(self, e):
        from csubset import Tok
        toks = expand([Tok('id', e.op, e.line)], self.ctx.func.macros)
        return Parser(toks, self.src.typenames).expr()

    def table_ref(self, e):
        """TABLE[idx].field (or alias->field) -> (table, idx value, field) or None."""
        if e.kind != 'member':
            return None
        base = e.a
        if base.kind == 'name':
            ent = self.ctx.lookup(base.op)
            if ent and ent[0] == 'rowalias':
                return ent[1], V(ent[2], {ent[2]} if ent[3] else ()), e.b
        if base.kind == 'index' and base.a.kind == 'name' and base.a.op in self.src.tables:
            return base.a.op, base.b, e.b
        if base.kind == 'member' and base.b == 'ops' and self.path(base.a) == 's':
            return 'OPS', None, e.b
        return None

    def idx_value(self, idx):
        if isinstance(idx, V):
            return [], idx
        return self.val(idx)

    def row_value(self, fields, field):
        """A field of a row as a Promela constant expression (functions are 1)."""
        x = fields.get(field)
        if x is None:
            return '0'
        if x.kind == 'name' and x.op in self.src.funcs:
            return '1'
        if x.kind == 'name' and x.op == 'NULL':
            return '0'
        toks = tokenize(x.text())
        toks = expand(toks, self.ctx.func.macros)
        out = []
        for t in toks:
            if t.kind == 'num':
                out.append(str(self.numval(t.text)))
            elif t.kind == 'id':
                if t.text not in self.src.consts:
                    raise GenError('table value %s is not a constant' % x.text())
                out.append(self.const(t.text))
            else:
                out.append(t.text)
        return '(%s)' % ' '.join(out)

    def table_value(self, table, idx, field):
        if table == 'OPS':
            return [], V('1' if self.ops.get(field) else '0', model=True)
        pre, iv = self.idx_value(idx)
        if iv is None:
            return pre, None
        rows = self.src.table_rows(table)
        expr = '0'
        for key, fields in reversed(rows):
            kexpr = self.const(key) if isinstance(key, str) else str(key)
            expr = '(%s == %s -> %s : %s)' % (iv.expr, kexpr, self.row_value(fields, field), expr)
        return pre, V(expr, iv.deps, model=True)

    # -- calls
    def call(self, e, want):
        """-> (lines, V or None)"""
        f = e.a
        ctx = self.ctx
        if f.kind == 'name':
            n = f.op
            if n == 'PT_COUNTOF' and e.b and e.b[0].kind == 'name' and e.b[0].op in self.src.tables:
                rows = self.src.table_rows(e.b[0].op)
                keys = [self.src.consts[k] if isinstance(k, str) else k for k, _ in rows]
                return [], V(str(max(keys) + 1))
            if n in PRIMS:
                return PRIMS[n](self, e)
            if n.startswith('pt_') and n.endswith('_cmd_parse'):
                return self.prim_cmd_parse(e)
            if n.startswith('pt_') and n.endswith('_resp_parse'):
                return self.prim_resp_parse(e)
            if n in self.src.funcs:
                return self.direct(n, e.b, want)
            m = ctx.func.macros.get(n)
            if m is not None and m.params is not None:
                return self.val(self.expand_call(e, m))
            pre = []
            for a in e.b:
                pre += self.effects_of(a)
            return pre, None
        tab = self.table_ref(f)
        if tab is not None:
            return self.dispatch(tab, e.b, want)
        raise GenError('%s:%d: cannot resolve the call %s' % (ctx.func.path, e.line, e.text()))

    def expand_call(self, e, m):
        from csubset import Tok
        toks = [Tok('id', e.a.op, e.line), Tok('p', '(', e.line)]
        for i, a in enumerate(e.b):
            if i:
                toks.append(Tok('p', ',', e.line))
            toks.extend(tokenize(a.text()))
        toks.append(Tok('p', ')', e.line))
        return Parser(expand(toks, self.ctx.func.macros), self.src.typenames).expr()

    def args_in(self, fname, args):
        """Evaluate the arguments, then set the callee's tracked parameters."""
        callee = self.src.funcs[fname]
        pre, vals = [], []
        for a in args:
            p, v = self.val(a)
            pre += p
            vals.append(v)
        sets = []
        for i, (ty, pname, ptr) in enumerate(callee.params):
            if pname == '...' or i >= len(vals):
                continue
            k = self.local_kind(ty, ptr)
            if k is None:
                continue
            var = self.new_var(fname, pname, k)
            sets += self.assign_var(var, k[0], k[1], vals[i])
        return pre + sets

    def direct(self, fname, args, want):
        if fname not in self.interesting or (not self.values and fname not in self.effectful):
            pre = []
            for a in args:
                pre += self.effects_of(a)
            return pre, None
        self.ctx.calls.add(fname)
        self.effect()
        if fname not in self.code and fname not in self.todo:
            self.todo.append(fname)
        out = self.args_in(fname, args)
        # A call that may come back into this function (recursion) keeps this
        # activation's variables around it.
        save = []
        if self.reaches(fname, self.ctx.name):
            for var in ['W_%s' % self.ctx.name] + sorted(self.fvars.get(self.ctx.name, ())):
                t = self.temp()
                save.append((var, t))
        out += ['%s = %s;' % (t, var) for var, t in save]
        out += self.call_site(fname)
        res = None
        if fname in self.informative and want:
            t = self.temp()
            out.append('%s = R_v;' % t)
            res = V(t, {t}, model=True)
        out += ['%s = %s;' % (var, t) for var, t in save]
        return out, res

    def reaches(self, a, b):
        seen, stack = set(), [a]
        while stack:
            f = stack.pop()
            if f == b:
                return True
            if f not in seen:
                seen.add(f)
                stack.extend(self.prev_calls.get(f, ()))
        return False

    def call_site(self, fname):
        """W_<f> holds where f returns to (its index among f's call sites)."""
        self.nsite += 1
        site = self.nsite
        sites = self.sites.setdefault(fname, [])
        sites.append(site)
        return (['W_%s = %d;' % (fname, len(sites)), 'goto F_%s;' % fname, 'Q_%d: skip;' % site] +
                self.breakpoint())

    def dispatch(self, tab, args, want):
        """A call through a table of function pointers."""
        table, idx, field = tab
        if table == 'OPS':
            fname = self.ops.get(field)
            if fname is None:
                self.meffect()
                return [fail('B_null') + ';', 'goto STEP_END;'], None
            return self.direct(fname, args, want)
        pre, iv = self.idx_value(idx)
        rows = self.src.table_rows(table)
        lj, ln = self.label(), self.label()
        t = self.temp() if want else None
        targets, bodies = [], []
        for key, fields in rows:
            x = fields.get(field)
            if x is None or x.kind != 'name' or x.op not in self.src.funcs:
                continue
            kexpr = self.const(key) if isinstance(key, str) else str(key)
            lb = self.label()
            targets.append((kexpr, lb))
            code, v = self.direct(x.op, args, want)
            body = ['%s: skip;' % lb] + code
            if t:
                body += self.assign_var(t, 'int', None, v)
            bodies += body + ['goto %s;' % lj]
        self.meffect()
        if iv is not None and iv.model:
            self.ctx.reads = True
        anyrow = ' '.join(':: goto %s' % lb for _, lb in targets) + ' :: goto %s' % ln
        if iv is None:
            opts = [':: goto %s' % lb for _, lb in targets] + [':: goto %s' % ln]
        elif iv.deps:
            ok = ' && '.join('(%s != UNK)' % d for d in sorted(iv.deps))
            opts = [':: %s && %s == %s -> goto %s' % (ok, iv.expr, k, lb) for k, lb in targets]
            opts += [':: !(%s) -> if %s fi' % (ok, anyrow), ':: else -> goto %s' % ln]
        else:
            opts = [':: %s == %s -> goto %s' % (iv.expr, k, lb) for k, lb in targets]
            opts += [':: else -> goto %s' % ln]
        out = pre + ['if'] + opts + ['fi;'] + bodies
        out += ['%s: %s; goto STEP_END;' % (ln, fail('B_null')), '%s: skip;' % lj]
        return out, (V(t, {t}, model=True) if t else None)

    # -- primitives: what the model does instead of translating the C
    def prim_push(self, e):
        """pt_session_push(s, type): nothing once CLOSE is queued; the
        actions the properties read are noted, with their checks."""
        a = e.b[1]
        if a.kind != 'name' or a.op not in self.src.consts:
            raise GenError('%s: pt_session_push with a computed type' % self.ctx.name)
        act = a.op
        if act not in ACTIONS or act == 'PT_ACT_SET_DEADLINE':
            return [], None
        self.meffect()
        body = {
            'PT_ACT_CLOSE': ['S_closeq = 1'],
            'PT_ACT_RELAY': ['if :: !G_authok -> %s :: else -> skip fi' % fail('B_auth')],
            'PT_ACT_CONNECT_BACKEND': ['if :: !G_authok -> %s :: else -> skip fi' % fail('B_auth')],
            'PT_ACT_START_TLS': ['if :: S_cb > 0 -> %s :: else -> skip fi' % fail('B_tls')],
            'PT_ACT_AUTH_REQUEST': ['G_authok = 0', 'G_reqout = 1'],
        }[act]
        return ['if', ':: S_closeq -> skip', ':: else ->',
                'G_act = %s;' % self.const(act)] + self.marker('action', act) + [
                '; '.join(body), 'fi;'], None

    def prim_deadline(self, e):
        """pt_session_set_deadline(s, at): the literal 0 disarms, anything
        else (now + a timeout) arms."""
        a = e.b[1]
        self.meffect()
        zero = a.kind == 'num' and self.numval(a.op) == 0
        return ['S_deadline = %d;' % (0 if zero else 1)], None

    def prim_cmd_parse(self, e):
        """The client command parser: where a byte read before TLS would be
        taken for a command once TLS is up (starttls_drops_input)."""
        if e.a.op != 'pt_%s_cmd_parse' % self.proto:
            raise GenError('%s calls %s' % (self.ctx.name, e.a.op))
        self.meffect()
        # The command it found is chosen where the session first reads it
        # (CMD_FRESH until then): one choice per parsed line, and none for a
        # line that never gets that far.
        return ['if :: S_tls && G_plain -> %s :: else -> skip fi;' % fail('B_tls'),
                'S_cmd = CMD_FRESH;'], None

    def prim_resp_parse(self, e):
        """A backend reply line is complete only if some byte came."""
        if e.a.op != 'pt_%s_resp_parse' % self.proto:
            raise GenError('%s calls %s' % (self.ctx.name, e.a.op))
        self.used.add(('tracked', 's.bb_len'))
        t = self.temp()
        return (['if', ':: S_bb == 0 -> %s = %s' % (t, self.const('PT_PARSE_MORE')),
                 ':: else ->'] + self.havoc(t, 'enum', 'pt_parse_status')[:-1] + ['fi', 'fi;'],
                V(t, model=True))

    def prim_memset(self, e):
        """memset(&s->x, 0, ...) clears what the model keeps of s->x."""
        a = e.b[0]
        if a.kind == 'unary' and a.op == '&':
            p = self.path(a.a)
            if p and self.ctx.session:
                out = []
                for tp, (var, kind) in TRACKED.items():
                    if tp.startswith(p + '.'):
                        self.used.add(('tracked', tp))
                        out.append('%s = 0;' % var)
                if out:
                    self.meffect()
                return out, None
        return [], None

    # -- assignments
    def assign(self, e):
        lhs, op, rhs = e.a, e.op, e.b
        key = (self.ctx.name, e.text())
        if key in STMT_ORACLES:
            self.used.add(('stmt', key))
            self.meffect()
            return list(STMT_ORACLES[key])
        if lhs.kind == 'name':
            ent = self.ctx.lookup(lhs.op)
            if ent and ent[0] == 'local':
                pre, v = self.val(rhs)
                self.effect()
                if op != '=':
                    if v is None or ent[2] == 'enum':
                        return pre + self.havoc(ent[1], ent[2], ent[3])
                    v = V('(%s %s %s)' % (ent[1], op[:-1], v.expr), v.deps | {ent[1]}
                          if ent[2] == 'int' else v.deps)
                return pre + self.assign_var(ent[1], ent[2], ent[3], v)
        p = self.path(lhs)
        t = self.tracked(p)
        pre, v = self.val(rhs)
        if t is None:
            return pre
        var, kind = t
        self.meffect()
        if op == '=' and p in SOURCES and (v is None or (not v.model and v.const is None)):
            return pre + ['%s = %s;' % (var, SOURCES[p])]
        if op == '=':
            if kind == 'zn' and v is not None and v.const is not None:
                return pre + ['%s = %d;' % (var, 1 if v.const else 0)]
            out = pre + self.assign_var(var, kind, None, None if (v is not None and v.zn and
                                                                 kind != 'zn') else v)
            if kind == 'cbuf':
                out += self.cb_hook(var, v is None or v.const != 0)
            if kind == 'state':
                out += self.reach_states()
            return out
        if op == '+=' and kind == 'zn':
            # bytes appended: a write is never empty
            return pre + ['%s = 1;' % var]
        if op in ('+=', '-=') and kind in ('count', 'cbuf'):
            cap = '255' if kind == 'count' else 'CB_CAP'
            if v is None or v.deps:
                if kind == 'cbuf' and op == '-=':
                    # a handled line is at least one unit (its LF): the buffer shrinks
                    return pre + ['if', ':: %s == 2 -> if :: %s = 1 :: %s = 0 fi' % (var, var, var),
                                  ':: %s == 1 -> %s = 0' % (var, var), ':: else -> skip',
                                  'fi;'] + self.cb_hook(var, False)
                raise GenError('%s: %s %s unknown' % (self.ctx.name, p, op))
            if op == '+=':
                out = pre + ['if :: %s + %s <= %s -> %s = %s + %s :: else -> %s = %s fi;' % (
                    var, v.expr, cap, var, var, v.expr, var, cap)]
            else:
                out = pre + ['if :: %s >= %s -> %s = %s - %s :: else -> %s = 0 fi;' % (
                    var, v.expr, var, var, v.expr, var)]
            if kind == 'cbuf':
                out += self.cb_hook(var, op == '+=')
            return out
        raise GenError('%s: cannot model %s' % (self.ctx.name, e.text()))

    def marker(self, kind, name, join=None):
        """A statement outside the atomic step, visited when this point is:
        pan lists it among the unreached statements if it never is (inside
        an atomic sequence it would not)."""
        self.nmark += 1
        n = self.nmark
        back = join or 'MB_%d' % n
        self.outside.append('MA_%d: printf("%s %s\\n"); /* reach:%s:%s */ goto %s;'
                            % (n, kind, name, kind, name, back))
        return ['goto MA_%d;' % n] + ([] if join else ['MB_%d: skip;' % n])

    def reach_states(self):
        """Which states the model enters (see marker())."""
        join = self.label()
        out = ['if']
        for c in self.src.domain('pt_state'):
            out.append(':: S_state == %s -> %s' % (self.const(c),
                                                   self.marker('state', c, join)[0]))
        return out + ['fi;', '%s: skip;' % join]

    def cb_hook(self, var, fill):
        """Ghost: G_plain says the client buffer holds bytes read before TLS."""
        if var != 'S_cb':
            return []
        out = ['if :: S_cb == 0 -> G_plain = 0 :: else -> skip fi;']
        if fill:
            out.append('if :: S_cb > 0 && !S_tls -> G_plain = 1 :: else -> skip fi;')
        return out

    # -- statements
    def block_stmts(self, lst):
        out = []
        for st in lst:
            out += self.stmt(st)
        return out

    def stmt(self, st):
        kind = st[0]
        ctx = self.ctx
        if kind == 'block':
            ctx.scopes.append({})
            out = self.block_stmts(st[2])
            ctx.scopes.pop()
            return out
        if kind == 'expr':
            e = st[2]
            if e.kind == 'assign':
                return self.assign(e)
            if e.kind in ('postfix', 'unary') and e.op in ('++', '--'):
                return self.assign(E('assign', '+=' if e.op == '++' else '-=', e.a, E('num', '1')))
            if e.kind == 'call':
                pre, _ = self.call(e, want=False)
                return pre
            return self.effects_of(e)
        if kind == 'decl':
            return self.decl(st)
        if kind == 'if':
            _, _, c, a, b = st
            e0 = ctx.effects
            ta = self.stmt(a)
            e1 = ctx.effects
            tb = self.stmt(b) if b is not None else []
            e2 = ctx.effects
            if e1 == e0 and e2 == e1:
                lx = self.label()
                keep, self.values = self.values, False
                code = self.cond(c, lx, lx)
                self.values = keep
                if code == ['goto %s;' % lx]:
                    return []
                return code + ['%s: skip;' % lx]
            lt, lf, lj = self.label(), self.label(), self.label()
            return (self.cond(c, lt, lf) + ['%s: skip;' % lt] + ta + ['goto %s;' % lj] +
                    ['%s: skip;' % lf] + tb + ['%s: skip;' % lj])
        if kind in ('while', 'for', 'do'):
            return self.loop(st)
        if kind == 'switch':
            return self.switch(st)
        if kind == 'return':
            v = st[2]
            out = []
            if v is not None:
                pre, val = self.val(v)
                out += pre
                if val is not None:
                    ctx.returns_known = True
                    if val.model:
                        ctx.reads = True
                if ctx.name in self.informative:
                    enum = self.src.enum_of_type(ctx.func.ret)
                    if val is None and enum:
                        out += self.havoc('R_v', 'enum', enum)
                    else:
                        out += self.assign_var('R_v', 'int', None, val)
            self.effect()
            return out + ['goto R_%s;' % ctx.name]
        if kind in ('break', 'continue'):
            targets = ctx.breaks if kind == 'break' else ctx.conts
            if not targets:
                raise GenError('%s: %s outside a loop' % (ctx.name, kind))
            targets[-1][1].append(1)
            self.effect()
            return ['goto %s;' % targets[-1][0]]
        if kind == 'goto':
            self.effect()
            return ['goto %s;' % self.clabel(st[2])]
        if kind == 'label':
            return ['%s: skip;' % self.clabel(st[2])]
        if kind in ('case', 'default'):
            raise GenError('%s: case label outside a switch block' % ctx.name)
        raise GenError('%s: statement %s' % (ctx.name, kind))

    def breakpoint(self):
        """Leave the step's atomic sequence for one statement: SPIN stores
        the state there, so the paths that reach it with the same state
        (dead temporaries are reset by SPIN's data-flow pass) are followed
        once, not once each."""
        self.nbreak += 1
        n = self.nbreak
        return ['goto X_%d;' % n, 'Y_%d: skip;' % n]

    def clabel(self, name):
        if name not in self.ctx.clabels:
            self.ctx.clabels[name] = 'C_%s_%s' % (self.ctx.name, name)
        return self.ctx.clabels[name]

    def decl(self, st):
        _, _, spec, items = st
        out = []
        for name, ptr, arr, init in items:
            if ptr and init is not None and not arr:
                al = self.alias(name, init)
                if al is not None:
                    out += al
                    continue
            ent = None if arr else self.declare_local(name, spec, ptr)
            if init is None:
                continue
            if ent is None:
                out += self.effects_of(init) if init.kind != 'init' else []
                continue
            pre, v = self.val(init)
            self.effect()
            out += pre + self.assign_var(ent[1], ent[2], ent[3], v)
        return out

    def alias(self, name, init):
        e = init
        if e.kind == 'cast':
            e = e.a
        if e.kind == 'unary' and e.op == '&':
            x = e.a
            if x.kind == 'index' and x.a.kind == 'name' and x.a.op in self.src.tables:
                pre, iv = self.val(x.b)
                var = self.new_var(self.ctx.name, name + '_row', ('int', None))
                self.ctx.scopes[-1][name] = ('rowalias', x.a.op, var, True)
                self.effect()
                return pre + self.assign_var(var, 'int', None, iv)
            p = self.path(x)
            if p is not None:
                self.ctx.scopes[-1][name] = ('alias', p)
                return []
            return None
        if e.kind == 'member':
            p = self.path(e)
            if p is not None and p.startswith('s.'):
                self.ctx.scopes[-1][name] = ('alias', p)
                return []
        return None

    def loop(self, st):
        """while / for / do.  A loop whose body keeps nothing is left out
        (it only computes what the model does not keep)."""
        ctx = self.ctx
        kind = st[0]
        if kind == 'while':
            init, cexpr, stepx, body = None, st[2], None, st[3]
        elif kind == 'do':
            init, cexpr, stepx, body = None, st[3], None, st[2]
        else:
            init, cexpr, stepx, body = st[2], st[3], st[4], st[5]
        ltop, lcont, lend, lbody = self.label(), self.label(), self.label(), self.label()
        ctx.scopes.append({})
        out = []
        if init is not None:
            out = self.decl(init) if init[0] == 'decl' else self.effects_of(init[2])
        brk, cnt = (lend, []), (lcont, [])
        ctx.breaks.append(brk)
        ctx.conts.append(cnt)
        e0 = ctx.effects
        tbody = self.stmt(body)
        step = self.effects_of(stepx) if stepx is not None else []
        test = self.cond(cexpr, lbody, lend) if cexpr is not None else ['goto %s;' % lbody]
        own = len(brk[1]) + len(cnt[1])
        ctx.breaks.pop()
        ctx.conts.pop()
        ctx.scopes.pop()
        if ctx.effects - e0 - own == 0:
            return out
        if kind == 'do':
            return (out + ['%s: skip;' % lbody] + tbody + ['%s: skip;' % lcont] + test +
                    ['%s: skip;' % lend])
        return (out + ['%s: skip;' % ltop] + self.breakpoint() + test + ['%s: skip;' % lbody] + tbody +
                ['%s: skip;' % lcont] + step + ['goto %s;' % ltop, '%s: skip;' % lend])

    def switch(self, st):
        ctx = self.ctx
        _, line, c, body = st
        if body[0] != 'block':
            raise GenError('%s: switch without a block' % ctx.name)
        pre, v = self.val(c)
        lend = self.label()
        brk = (lend, [])
        ctx.breaks.append(brk)
        ctx.scopes.append({})
        cases, default, code = [], None, []
        e0 = ctx.effects
        for s in body[2]:
            if s[0] == 'case':
                lc = self.label()
                cp, cv = self.val(s[2])
                if cv is None or cp:
                    raise GenError('%s:%d: case label is not a constant' % (ctx.func.path, s[1]))
                cases.append((cv.expr, lc))
                code.append('%s: skip;' % lc)
            elif s[0] == 'default':
                default = self.label()
                code.append('%s: skip;' % default)
            else:
                code += self.stmt(s)
        ctx.scopes.pop()
        ctx.breaks.pop()
        if ctx.effects - e0 - len(brk[1]) == 0:
            return pre
        other = default or lend
        if v is not None and v.model:
            ctx.reads = True
        if v is None:
            opts = [':: goto %s' % lc for _, lc in cases] + [':: goto %s' % other]
        elif v.deps:
            ok = ' && '.join('(%s != UNK)' % d for d in sorted(v.deps))
            opts = [':: %s && %s == %s -> goto %s' % (ok, v.expr, cv, lc) for cv, lc in cases]
            opts += [':: !(%s) -> if %s :: goto %s fi' % (
                ok, ' '.join(':: goto %s' % lc for _, lc in cases), other)]
            opts += [':: else -> goto %s' % other]
        else:
            opts = [':: %s == %s -> goto %s' % (v.expr, cv, lc) for cv, lc in cases]
            opts += [':: else -> goto %s' % other]
        return pre + ['if'] + opts + ['fi;'] + code + ['%s: skip;' % lend]
    def function(self, fname):
        f = self.src.funcs[fname]
        self.ctx = Ctx(f)
        for ty, pname, ptr in f.params:
            if pname == '...' or pname in ENTRIES.get(fname, {}):
                continue
            k = self.local_kind(ty, ptr)
            if k is not None:
                var = self.new_var(fname, pname, k)
                self.ctx.scopes[0][pname] = ('local', var, k[0], k[1])
        body = self.stmt(f.body)
        self.code[fname] = body
        # Its result tells something when it depends on the model, or comes
        # with what the function did (pt_clientcert_take: -1 once it closed).
        self.info[fname] = (self.ctx.meffects, self.ctx.calls,
                            self.ctx.returns_known and
                            (self.ctx.reads or self.ctx.meffects > 0 or bool(self.ctx.calls)))

    def new_var(self, fname, name, k, base=None):
        ty = 'byte' if k[0] == 'enum' else 'short'
        base = base or 'L_%s_%s' % (fname, name)
        var, n = base, 2
        while var in self.vars and self.vars[var] != ty:
            var = '%s_%d' % (base, n)
            n += 1
        self.vars[var] = ty
        self.fvars.setdefault(fname, set()).add(var)
        return var

    def translate(self, entries):
        self.todo = list(entries)
        while self.todo:
            fname = self.todo.pop(0)
            if fname in self.code:
                continue
            self.function(fname)

    def run(self, entries):
        """Translate until the set of functions worth a block is stable: one
        that keeps something, returns something known, or calls one that does."""
        interesting = set(self.src.funcs)
        informative = set(self.src.funcs)
        prev_calls = {}
        for _ in range(64):
            self.reset(interesting, informative, prev_calls)
            self.used = set()
            self.translate(entries)
            keeps = {f for f, (m, _, _) in self.info.items() if m}
            known = {f for f, (_, _, r) in self.info.items() if r}
            new_int = set(entries) | keeps | known
            changed = True
            while changed:
                changed = False
                for f, (_, calls, _) in self.info.items():
                    if f not in new_int and calls & new_int:
                        new_int.add(f)
                        changed = True
            new_inf = known & new_int
            prev_calls = {f: c for f, (_, c, _) in self.info.items()}
            effectful = set(keeps)
            changed = True
            while changed:
                changed = False
                for f, (_, calls, _) in self.info.items():
                    if f not in effectful and calls & effectful:
                        effectful.add(f)
                        changed = True
            settled = effectful == self.effectful
            self.next_effectful = effectful
            if new_int == interesting and new_inf == informative and settled:
                return
            interesting, informative = new_int, new_inf
        raise GenError('the function sets do not settle')


PRIMS = {
    'pt_session_push': Gen.prim_push,
    'pt_session_set_deadline': Gen.prim_deadline,
    'memset': Gen.prim_memset,
}


# ---- the Promela file ----------------------------------------------------------------

HEADER = """\
/*
 * {proto}.pml - a SPIN model of the {proto} session of postern's src/core,
 * generated from the C sources by ci/model/gen_promela.py{mutation}.
 * Do not edit: make spin writes it anew (ci/spin.mk, ci/model/).
 *
 * How it is made
 * - ci/model/csubset.py reads src/core/*.c into statement and expression
 *   trees, and the enums and #defines of the headers; gen_promela.py
 *   turns every function reached from the entry points (pt_session_event,
 *   pt_session_client_recv_ack, pt_session_backend_recv_ack,
 *   pt_session_client_send_ack) into one block F_<name> below.  Its if,
 *   switch, loops, return, goto, && and || become Promela jumps; a call
 *   notes where to come back (W_<callee>) and jumps; R_<name> goes back.
 * - Calls through tables go where the C goes: s->ops->X to pt_{proto}_ops,
 *   pt_{proto}_table[s->state].on_line and pt_{proto}_cmds[cmd].check /
 *   .proceed to the function of the row; a row without one is a call
 *   through NULL (table_complete).  Which commands a state takes is the
 *   table's bit mask, read as the C reads it.
 * - Nothing of the state machine is written by hand: the states, events
 *   and actions are the enums of session_int.h and core.h, and the
 *   transitions are the pt_session_enter() calls where the code makes them.
 *
 * What is kept, what is not
 * - Kept: {tracked}.
 *   max_errors is 1 or 2, fixed for a run.
 * - The rest (bytes, lengths, parser results but the command, the other
 *   settings, the other headers of an auth reply) is unknown: a condition
 *   on it is a free choice, an int the model cannot follow holds UNK and a
 *   test of UNK is a free choice too.  So the model takes every path the
 *   code can take, and some it cannot: a property that holds here holds in
 *   the code; a failure may need a look at the C before it is believed.
 * - Functions that change nothing kept and return nothing kept (reply
 *   texts, logging, header building) are left out; their results are
 *   unknown.
 * - Actions: CLOSE, RELAY, CONNECT_BACKEND, START_TLS and AUTH_REQUEST are
 *   noted where they are queued (G_act), with the checks on them;
 *   SET_DEADLINE is S_deadline; the others change nothing read here.
 * - One event is one atomic step; inside it the model leaves atomic mode
 *   at loop heads and after each return (X_n/Y_n), so that SPIN stores
 *   those states and follows paths that meet there once.
 *
 * The environment, at every step after START: any event of enum
 * pt_ev_type (an auth reply line says OK, WAIT or something else, E_status;
 * a timer event is early or late, E_late), client or backend bytes (1 or 2
 * units), a reply written out.  Or the peers fall silent for good
 * (G_quiet): from then on only late timer events come.
 *
 * Assumptions: what the state machine does not hold itself
{assumptions}
 *
 * Limits
 * - The state machine is checked, not the data: what is parsed, escaped,
 *   replied or sent, and the grammars of src/proto, are for the parse
 *   tests, the transcripts and the fuzz targets.  Outside too: the shell
 *   (sockets, TLS, the relay after RELAY), the order of SEND_CLIENT
 *   against the other actions, LOG texts.
 * - The settings but max_errors are free at every read, so a path may
 *   mix two values of one setting: more paths than the code, never fewer.
 * - The C is read by a subset reader: a construct it does not know, or a
 *   name of TRACKED / ORACLES / MUTATIONS that is gone, stops the
 *   generator instead of being guessed around.
 *
 * Properties: B_<flag> is set, and asserted, where a check fails;
 * no_deadlock is the ltl formula below
{props}
 */
"""

# What the model takes as given, each where the code reads what it does not
# keep (ORACLES, STMT_ORACLES, SOURCES, the buffer and deadline kinds).
ASSUMPTIONS = [
    'The clock and the timeouts are positive: a deadline argument other '
    'than the literal 0 arms it (s->deadline is kept as zero or not).',
    'A timer event is early or late (now_ms < s->deadline is E_late).',
    'The buffers count units, 0 to CB_CAP: a client or backend line that '
    'is handled takes at least one (its LF), and a backend reply line with '
    'no byte is incomplete (PT_PARSE_MORE).',
    'With implicit TLS after a PROXY header nothing past the header is read '
    '(pt_proxyhdr_room); without, what follows it is plaintext input.',
    'The command the parser found is read in the step that parsed it: it is '
    'chosen where on_command reads it, and forgotten at the end of the step.',
    "The status of an auth reply line is the environment's (s->ar.ok, "
    "s->ar.wait_status); an enum variable holds one of its enum's values.",
    'The action queue never overflows: pt_session_push is modelled by its '
    'close_queued test.',
]


def emit(src, proto, gen, mutation):
    out = []
    tracked = ', '.join(sorted({'%s (%s)' % (v[0], p.replace('s.', 's->', 1)) for p, v in
                                TRACKED.items() if ('tracked', p) in gen.used}))

    def bullets(items):
        return '\n'.join(textwrap.fill(x, 72, initial_indent=' * - ',
                                        subsequent_indent=' *   ') for x in items)
    props = bullets('%s: %s (%s).' % (n, d, c[1] if c[0] == 'assert' else 'ltl')
                    for n, d, c in PROPERTIES)
    out.append(HEADER.format(
        proto=proto,
        mutation=(', broken on purpose: %s (%s)' % (mutation, MUTATIONS[mutation][0]))
        if mutation else '',
        tracked=textwrap.fill(tracked, 66, subsequent_indent=' *   '),
        assumptions=bullets(ASSUMPTIONS), props=props))
    consts = set(gen.consts_used)
    consts |= {c for c, _ in src.enums['pt_ev_type']}
    consts |= set(ACTIONS)
    consts |= set(src.domain('pt_state'))
    for c in sorted(consts, key=lambda c: (c.split('_')[1], src.consts[c], c)):
        out.append('#define %s %d' % (c, src.consts[c]))
    for _, _, c in PROPERTIES:
        if c[0] == 'assert':
            out.append('#ifndef CHECK_%s\n#define CHECK_%s 1\n#endif' % (c[1], c[1]))
    out.append('#define UNK %s' % UNK)
    out.append('#define CB_CAP %d' % CB_CAP)
    out.append('#define CMD_FRESH 255')
    out.append('#define AUTH_LINE_OTHER 0')
    out.append('#define AUTH_LINE_OK 1')
    out.append('#define AUTH_LINE_WAIT 2')
    out.append('')
    out.append('/* struct pt_session, as far as the model keeps it */')
    decl = {}
    for p, (var, kind) in TRACKED.items():
        if ('tracked', p) in gen.used:
            decl[var] = {'state': 'byte', 'bool': 'bit', 'zn': 'bit', 'count': 'byte',
                         'cbuf': 'byte', 'cmd': 'byte'}[kind]
    for var in ('S_state', 'S_deadline', 'S_errors', 'S_closeq', 'S_cb', 'S_tls'):
        decl.setdefault(var, 'byte')
    for var in sorted(decl):
        out.append('%s %s;' % (decl[var], var))
    out.append('byte C_max_errors;')
    out.append('/* ghosts, and the flags the properties read */')
    out.append('bit G_busy, G_quiet, G_started, G_authok, G_reqout, G_plain, G_closed;')
    out.append('bit %s;' % ', '.join(c[1] for _, _, c in PROPERTIES if c[0] == 'assert'))
    out.append('')
    for name, desc, check in PROPERTIES:
        if check[0] == 'ltl':
            out.append('/* %s */' % desc)
            out.append('ltl %s { %s }' % (name, check[1]))
    out.append('')
    body = ['STEP: atomic {', 'G_busy = 1;',
            'if :: G_closed && S_state != PT_ST_CLOSED -> %s :: else -> skip fi;' % fail('B_closed')]
    body.append('if')
    body.append(':: !G_started -> G_started = 1; E_ev = PT_EV_START; '
                'printf("event PT_EV_START\\n"); goto ENV_EVENT')
    body.append(':: G_started && G_quiet -> E_ev = PT_EV_TIMER; E_late = 1; '
                'printf("event PT_EV_TIMER, late\\n"); goto ENV_EVENT')
    body.append(':: G_started && !G_quiet -> skip')
    body.append('fi;')
    body.append('if')
    for c, _ in src.enums['pt_ev_type']:
        extra = ''
        if c == 'PT_EV_AUTH_LINE':
            extra = ('; if :: E_status = AUTH_LINE_OTHER :: E_status = AUTH_LINE_OK '
                     ':: E_status = AUTH_LINE_WAIT fi; '
                     'if :: E_status == AUTH_LINE_OK && G_reqout -> G_authok = 1 '
                     ':: else -> skip fi')
        elif c in ('PT_EV_AUTH_DONE', 'PT_EV_AUTH_FAILED'):
            extra = '; G_reqout = 0'
        elif c == 'PT_EV_TIMER':
            extra = ('; if :: E_late = 0; printf("event PT_EV_TIMER, early\\n") '
                     ':: E_late = 1; printf("event PT_EV_TIMER, late\\n") fi')
        if c == 'PT_EV_AUTH_LINE':
            extra += '; printf("event PT_EV_AUTH_LINE, status %d (1 OK, 2 WAIT)\\n", E_status)'
        elif c != 'PT_EV_TIMER':
            extra += '; printf("event %s\\n")' % c
        body.append(':: E_ev = %s%s; goto ENV_EVENT' % (c, extra))
    body.append(':: if :: E_n = 1 :: E_n = 2 fi; printf("client bytes %d\\n", E_n); '
                'goto ENV_CLIENT_BYTES')
    body.append(':: if :: E_n = 1 :: E_n = 2 fi; printf("backend bytes %d\\n", E_n); '
                'goto ENV_BACKEND_BYTES')
    body.append(':: printf("client took the reply\\n"); goto ENV_CLIENT_SENT')
    body.append(':: G_quiet = 1; printf("the peers fall silent\\n"); goto STEP_END')
    body.append('fi;')
    for lab, fn in (('ENV_EVENT', 'pt_session_event'),
                    ('ENV_CLIENT_BYTES', 'pt_session_client_recv_ack'),
                    ('ENV_BACKEND_BYTES', 'pt_session_backend_recv_ack'),
                    ('ENV_CLIENT_SENT', 'pt_session_client_send_ack')):
        if fn in gen.code and fn in gen.interesting:
            body.append('%s: skip;' % lab)
            body.extend(gen.call_site(fn))
        else:
            body.append('%s: skip;' % lab)
        body.append('goto STEP_END;')
    for fname in gen.code:
        if fname not in gen.sites:
            continue
        body.append('')
        body.append('/* %s (%s:%d) */' % (fname, src.funcs[fname].path, src.funcs[fname].line))
        body.append('F_%s: skip;' % fname)
        body.extend(gen.code[fname])
        body.append('R_%s:' % fname)
        body.append('if')
        for i, site in enumerate(gen.sites[fname]):
            body.append(':: W_%s == %d -> goto Q_%d' % (fname, i + 1, site))
        body.append(':: else -> %s; goto STEP_END' % fail('B_model'))
        body.append('fi;')
    body.append('')
    body.append('STEP_END: skip;')
    # what must hold after every event
    body.append('if :: S_state != PT_ST_NEW && S_state != PT_ST_RELAY && S_state != PT_ST_CLOSED '
                '&& !S_deadline -> %s :: else -> skip fi;' % fail('B_deadline'))
    body.append('if :: S_errors >= C_max_errors && S_state != PT_ST_CLOSED -> %s '
                ':: else -> skip fi;' % fail('B_maxerr'))
    body.append('if :: S_closeq != (S_state == PT_ST_CLOSED) -> %s :: else -> skip fi;'
                % fail('B_closed'))
    body.append('G_closed = (S_state == PT_ST_CLOSED);')
    # What a step leaves in its locals means nothing to the next one: reset,
    # so that it does not split states.  S_cmd is the parser's result, read
    # in the step that parsed it (see prim_cmd_parse).
    resets = ['S_cmd', 'E_ev', 'E_n', 'E_late', 'E_status', 'R_v', 'G_act']
    resets += ['W_%s' % f for f in gen.code if f in gen.sites]
    resets += sorted(gen.vars)
    for i in range(0, len(resets), 6):
        body.append(' '.join('%s = 0;' % r for r in resets[i:i + 6]))
    body.append('G_busy = 0')
    body.append('};')
    body.append('goto STEP;')
    for ln in body[:]:
        m = re.match(r'Y_(\d+): ', ln)
        if m:
            body.append('X_%s: goto Y_%s;' % (m.group(1), m.group(1)))
    code = '\n'.join(body)
    for ln in gen.outside:
        m = re.search(r'goto (\w+);$', ln)
        if m and re.search(r'\b%s:' % m.group(1), code):
            body.append(ln)
    out.append('active proctype session()')
    out.append('{')
    # Locals of the proctype: SPIN resets them once dead (its data-flow
    # optimisation), so what a step leaves behind does not split states.
    out.append('\t/* the environment\'s choice for the step */')
    out.append('\tbyte E_ev; byte E_n; bit E_late; byte E_status;')
    out.append('\t/* calls: the return value, and where each function returns to */')
    out.append('\tshort R_v; byte G_act;')
    funcs = [f for f in gen.code if f in gen.sites]
    for i in range(0, len(funcs), 4):
        out.append('\t' + ' '.join('byte W_%s;' % f for f in funcs[i:i + 4]))
    out.append('\t/* parameters, locals and temporaries of the functions */')
    for v in sorted(gen.vars):
        out.append('\t%s %s;' % (gen.vars[v], v))
    out.append('')
    out.append('\tif :: C_max_errors = 1 :: C_max_errors = 2 fi;')
    out.extend('\t' + ln if ln else '' for ln in body)
    out.append('}')
    return '\n'.join(out) + '\n'


def expected(src, proto, gen):
    """What the model must reach, or its properties may hold for want of
    trying: every action the properties read, and every state that the
    code of this protocol (its own file and the shared ones) enters."""
    out = [('action', a) for a in ACTIONS if a != 'PT_ACT_SET_DEADLINE']
    others = {'src/core/%s.c' % p for p in ('imap', 'pop3', 'smtp', 'sieve') if p != proto}
    states = set()
    for fname, code in gen.code.items():
        if fname not in gen.sites or src.funcs[fname].path in others:
            continue
        for ln in code:
            m = re.match(r'(?:\w+: )?\w+ = (.*);$', ln)
            if m:
                # the values assigned, not those compared with
                states |= set(re.findall(r'(?<![=!<>]= )(?<! [<>] )\b(PT_ST_\w+)', m.group(1)))
    return out + [('state', st) for st in src.domain('pt_state') if st in states]


def check_used(gen):
    missing = []
    for p in TRACKED:
        proto_of = re.match(r's\.cp\.(\w+)\.', p)
        if proto_of and proto_of.group(1) != gen.proto:
            continue
        if ('tracked', p) not in gen.used:
            missing.append('tracked field %s' % p)
    for key in ORACLES:
        if ('oracle', key) not in gen.used:
            missing.append('oracle %s: %s' % key)
    for key in STMT_ORACLES:
        if ('stmt', key) not in gen.used:
            missing.append('statement %s: %s' % key)
    if missing:
        raise GenError('the sources no longer match the model: not found: ' + '; '.join(missing))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[1])
    ap.add_argument('--proto', choices=('imap', 'pop3', 'smtp', 'sieve'))
    ap.add_argument('--mutate', choices=sorted(MUTATIONS))
    ap.add_argument('--list-properties', action='store_true')
    ap.add_argument('--list-mutations', action='store_true')
    ap.add_argument('-o', '--output')
    ap.add_argument('--reach', help='write the reach markers (line, kind, name) here')
    a = ap.parse_args()
    if a.list_properties:
        for name, desc, check in PROPERTIES:
            print('%s\t%s\t%s' % (name, check[0], check[1] if check[0] == 'assert' else ''))
        return 0
    if a.list_mutations:
        for name, (_, proto, props) in MUTATIONS.items():
            print('%s\t%s\t%s' % (name, proto, ','.join(props)))
        return 0
    if not a.proto:
        ap.error('--proto is required')
    if a.reach and not a.output:
        ap.error('--reach needs -o')
    try:
        src = Sources()
        if a.mutate:
            mutate(src, a.proto, a.mutate)
        gen = Gen(src, a.proto)
        entries = [e for e in ENTRIES if e in src.funcs]
        gen.run(entries)
        check_used(gen)
        text = emit(src, a.proto, gen, a.mutate)
    except (GenError, CError) as e:
        print('gen_promela: %s' % e, file=sys.stderr)
        return 1
    if a.output:
        with open(a.output, 'w') as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    if a.reach:
        with open(a.reach, 'w') as f:
            for n, ln in enumerate(text.split('\n'), 1):
                m = re.search(r'/\* reach:(\w+):(\w+) \*/', ln)
                if m:
                    f.write('marker %d %s %s\n' % (n, m.group(1), m.group(2)))
            for kind, name in expected(src, a.proto, gen):
                f.write('expect 0 %s %s\n' % (kind, name))
    return 0


if __name__ == '__main__':
    sys.exit(main())
