"""
csubset.py - just enough of C to read src/core: comments, #define,
tokens, enums, static tables with designated initialisers, and function
bodies as statement and expression trees.

It is not a C compiler.  What it does not know it says so (CError) rather
than guess: gen_promela.py must see every function of the session core
it translates, or stop.  Limits, on purpose:
- the preprocessor records #define (object- and function-like; the
  translator expands the ones it meets) and drops every other directive,
  so #if is not understood: every branch is read, which is the full build
  (src/core's only #ifs leave protocols out: make WITHOUT=...);
- declarations are recognised by their first token (a type keyword, a
  typedef seen in the sources, or a name ending in _t / _fn);
- braced initialisers are kept as trees of designators and expressions
  (the state, command and ops tables), never evaluated here;
- no K&R definitions, no nested functions, no statement expressions, no
  # or ## in the macros it expands.
"""
import re

PUNCT = ['...', '<<=', '>>=', '->', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&',
         '||', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '##']
SINGLE = set('{}[]();,:?.+-*/%&|^!~<>=#')
TYPE_WORDS = {'static', 'const', 'volatile', 'struct', 'enum', 'union', 'unsigned', 'signed',
              'int', 'char', 'long', 'short', 'void', 'float', 'double', 'extern', 'inline',
              'register', '_Bool', 'bool', 'size_t', 'ssize_t', 'uint8_t', 'uint16_t', 'uint32_t',
              'uint64_t', 'int8_t', 'int16_t', 'int32_t', 'int64_t', 'uintptr_t', 'va_list'}


class CError(Exception):
    pass


class Tok:
    __slots__ = ('kind', 'text', 'line')

    def __init__(self, kind, text, line):
        self.kind, self.text, self.line = kind, text, line

    def __repr__(self):
        return self.text


def strip_comments(src):
    """Comments become spaces (newlines kept, so line numbers hold)."""
    out, i, n = [], 0, len(src)
    while i < n:
        c = src[i]
        if c == '/' and src.startswith('/*', i):
            j = src.find('*/', i + 2)
            if j < 0:
                raise CError('unterminated comment')
            out.append(re.sub(r'[^\n]', ' ', src[i:j + 2]))
            i = j + 2
        elif c == '/' and src.startswith('//', i):
            j = src.find('\n', i)
            j = n if j < 0 else j
            out.append(' ' * (j - i))
            i = j
        elif c in '"\'':
            j = i + 1
            while j < n and src[j] != c:
                j += 2 if src[j] == '\\' else 1
            out.append(src[i:j + 1])
            i = j + 1
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def tokenize(text, line0=1):
    toks, i, n, line = [], 0, len(text), line0
    while i < n:
        c = text[i]
        if c == '\n':
            line += 1
            i += 1
        elif c.isspace():
            i += 1
        elif c.isalpha() or c == '_':
            j = i
            while j < n and (text[j].isalnum() or text[j] == '_'):
                j += 1
            toks.append(Tok('id', text[i:j], line))
            i = j
        elif c.isdigit():
            m = re.match(r'0[xX][0-9a-fA-F]+[uUlL]*|\d+[uUlL]*', text[i:])
            toks.append(Tok('num', m.group(0), line))
            i += len(m.group(0))
        elif c in '"\'':
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == '\\' else 1
            toks.append(Tok('str' if c == '"' else 'chr', text[i:j + 1], line))
            i = j + 1
        else:
            for p in PUNCT:
                if text.startswith(p, i):
                    toks.append(Tok('p', p, line))
                    i += len(p)
                    break
            else:
                if c not in SINGLE:
                    raise CError('line %d: unexpected character %r' % (line, c))
                toks.append(Tok('p', c, line))
                i += 1
    return toks


class Macro:
    def __init__(self, name, params, body):
        self.name, self.params, self.body = name, params, body  # params None: object-like


def preprocess(src):
    """-> (text without directives, {name: Macro}).  Directive lines (with
    their continuations) are blanked; #define is recorded."""
    src = strip_comments(src)
    lines = src.split('\n')
    macros, out, i = {}, [], 0
    while i < len(lines):
        ln = lines[i]
        if ln.lstrip().startswith('#'):
            full, k = ln, i
            while full.endswith('\\'):
                k += 1
                full = full[:-1] + ' ' + lines[k]
            m = re.match(r'\s*#\s*define\s+([A-Za-z_]\w*)(\(([^)]*)\))?\s*(.*)$', full)
            if m:
                params = None
                if m.group(2) is not None:
                    params = [p.strip() for p in m.group(3).split(',') if p.strip()]
                macros[m.group(1)] = Macro(m.group(1), params, tokenize(m.group(4)))
            out.extend([''] * (k - i + 1))
            i = k + 1
        else:
            out.append(ln)
            i += 1
    return '\n'.join(out), macros


def expand(toks, macros, depth=0, skip=frozenset()):
    """Macro-expand a token list (object- and function-like; # and ## are
    not used by the tables read here and are refused)."""
    if depth > 40:
        raise CError('macro expansion too deep')
    out, i = [], 0
    while i < len(toks):
        t = toks[i]
        m = macros.get(t.text) if t.kind == 'id' and t.text not in skip else None
        if m is None:
            out.append(t)
            i += 1
            continue
        if m.params is None:
            out.extend(expand(m.body, macros, depth + 1, skip | {m.name}))
            i += 1
            continue
        if i + 1 >= len(toks) or toks[i + 1].text != '(':
            out.append(t)
            i += 1
            continue
        args, cur, lvl, j = [], [], 0, i + 2
        while True:
            if j >= len(toks):
                raise CError('unterminated macro call %s' % m.name)
            x = toks[j]
            if x.text == '(':
                lvl += 1
            elif x.text == ')':
                if lvl == 0:
                    break
                lvl -= 1
            if x.text == ',' and lvl == 0:
                args.append(cur)
                cur = []
            else:
                cur.append(x)
            j += 1
        if cur or args:
            args.append(cur)
        if len(args) != len(m.params) and not (len(m.params) == 0 and args == [[]]):
            raise CError('macro %s: %d arguments for %d' % (m.name, len(args), len(m.params)))
        if any(x.text in ('#', '##') for x in m.body):
            raise CError('macro %s uses # or ##' % m.name)
        xargs = [expand(a, macros, depth + 1, skip) for a in args]
        body = []
        for x in m.body:
            if x.kind == 'id' and x.text in m.params:
                body.extend(xargs[m.params.index(x.text)])
            else:
                body.append(x)
        out.extend(expand(body, macros, depth + 1, skip | {m.name}))
        i = j + 1
    return out


# ---- expressions ---------------------------------------------------------------

class E:
    """Expression node: kind in name num str chr member index call unary
    postfix cast sizeof binary cond assign comma init."""
    __slots__ = ('kind', 'a', 'b', 'c', 'op', 'line')

    def __init__(self, kind, op=None, a=None, b=None, c=None, line=0):
        self.kind, self.op, self.a, self.b, self.c, self.line = kind, op, a, b, c, line

    def text(self):
        k = self.kind
        if k in ('name', 'num', 'str', 'chr'):
            return self.op
        if k == 'member':
            return '%s%s%s' % (self.a.text(), self.op, self.b)
        if k == 'index':
            return '%s[%s]' % (self.a.text(), self.b.text())
        if k == 'call':
            return '%s(%s)' % (self.a.text(), ', '.join(x.text() for x in self.b))
        if k == 'unary':
            return '%s%s' % (self.op, self.a.text())
        if k == 'postfix':
            return '%s%s' % (self.a.text(), self.op)
        if k == 'cast':
            return '(%s)%s' % (self.op, self.a.text())
        if k == 'sizeof':
            return 'sizeof(%s)' % (self.a.text() if isinstance(self.a, E) else self.a)
        if k == 'binary':
            return '%s %s %s' % (paren(self.a), self.op, paren(self.b))
        if k == 'cond':
            return '%s ? %s : %s' % (paren(self.a), paren(self.b), paren(self.c))
        if k == 'assign':
            return '%s %s %s' % (self.a.text(), self.op, self.b.text())
        if k == 'comma':
            return '%s, %s' % (self.a.text(), self.b.text())
        if k == 'init':
            return '{...}'
        return '?'


def paren(e):
    t = e.text()
    return '(%s)' % t if e.kind in ('binary', 'cond', 'assign', 'comma') else t


BINPREC = [('||',), ('&&',), ('|',), ('^',), ('&',), ('==', '!='), ('<', '>', '<=', '>='),
           ('<<', '>>'), ('+', '-'), ('*', '/', '%')]
ASSIGN_OPS = ('=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '<<=', '>>=')


class Parser:
    def __init__(self, toks, typenames):
        self.t, self.i, self.types = toks, 0, typenames

    # -- helpers
    def peek(self, k=0):
        j = self.i + k
        return self.t[j] if j < len(self.t) else Tok('eof', '', self.t[-1].line if self.t else 0)

    def next(self):
        t = self.peek()
        self.i += 1
        return t

    def accept(self, text):
        if self.peek().text == text and self.peek().kind in ('p', 'id'):
            self.i += 1
            return True
        return False

    def expect(self, text):
        t = self.next()
        if t.text != text:
            raise CError('line %d: expected %r, got %r' % (t.line, text, t.text))
        return t

    def is_type_start(self, k=0):
        t = self.peek(k)
        if t.kind != 'id':
            return False
        return (t.text in TYPE_WORDS or t.text in self.types or t.text.endswith('_t') or
                t.text.endswith('_fn'))

    def skip_balanced(self, open_, close):
        self.expect(open_)
        lvl = 1
        while lvl:
            t = self.next()
            if t.kind == 'eof':
                raise CError('unbalanced %s' % open_)
            if t.text == open_:
                lvl += 1
            elif t.text == close:
                lvl -= 1

    # -- expressions
    def expr(self):
        e = self.assign()
        while self.peek().text == ',':
            line = self.next().line
            e = E('comma', a=e, b=self.assign(), line=line)
        return e

    def assign(self):
        e = self.ternary()
        t = self.peek()
        if t.kind == 'p' and t.text in ASSIGN_OPS:
            self.next()
            return E('assign', t.text, e, self.assign(), line=t.line)
        return e

    def ternary(self):
        c = self.binary(0)
        if self.peek().text == '?':
            line = self.next().line
            a = self.expr()
            self.expect(':')
            b = self.ternary()
            return E('cond', a=c, b=a, c=b, line=line)
        return c

    def binary(self, lvl):
        if lvl == len(BINPREC):
            return self.unary()
        e = self.binary(lvl + 1)
        while self.peek().kind == 'p' and self.peek().text in BINPREC[lvl]:
            t = self.next()
            e = E('binary', t.text, e, self.binary(lvl + 1), line=t.line)
        return e

    def type_name(self):
        """Tokens of a type name up to the closing ')' (not consumed)."""
        parts = []
        while self.peek().text != ')':
            t = self.next()
            if t.kind == 'eof':
                raise CError('unterminated type name')
            parts.append(t.text)
        return ' '.join(parts)

    def unary(self):
        t = self.peek()
        if t.kind == 'p' and t.text in ('!', '~', '-', '+', '*', '&', '++', '--'):
            self.next()
            return E('unary', t.text, self.unary(), line=t.line)
        if t.kind == 'id' and t.text == 'sizeof':
            self.next()
            if self.peek().text == '(' and self.is_type_start(1):
                self.next()
                ty = self.type_name()
                self.expect(')')
                return E('sizeof', a=ty, line=t.line)
            return E('sizeof', a=self.unary(), line=t.line)
        if t.text == '(' and self.is_type_start(1):
            self.next()
            ty = self.type_name()
            self.expect(')')
            if self.peek().text == '{':
                return self.init_list()
            return E('cast', ty, self.unary(), line=t.line)
        return self.postfix(self.primary())

    def postfix(self, e):
        while True:
            t = self.peek()
            if t.text == '(':
                self.next()
                args = []
                if self.peek().text != ')':
                    args.append(self.assign())
                    while self.accept(','):
                        args.append(self.assign())
                self.expect(')')
                e = E('call', a=e, b=args, line=t.line)
            elif t.text == '[':
                self.next()
                idx = self.expr()
                self.expect(']')
                e = E('index', a=e, b=idx, line=t.line)
            elif t.text in ('.', '->'):
                self.next()
                f = self.next()
                if f.kind != 'id':
                    raise CError('line %d: member name expected' % f.line)
                e = E('member', t.text, e, f.text, line=t.line)
            elif t.text in ('++', '--'):
                self.next()
                e = E('postfix', t.text, e, line=t.line)
            else:
                return e

    def primary(self):
        t = self.next()
        if t.kind == 'id':
            return E('name', t.text, line=t.line)
        if t.kind == 'num':
            return E('num', t.text, line=t.line)
        if t.kind == 'str':
            s = t.text
            while self.peek().kind == 'str':
                s = s[:-1] + self.next().text[1:]
            return E('str', s, line=t.line)
        if t.kind == 'chr':
            return E('chr', t.text, line=t.line)
        if t.text == '(':
            e = self.expr()
            self.expect(')')
            return e
        if t.text == '{':
            self.i -= 1
            return self.init_list()
        raise CError('line %d: unexpected %r in expression' % (t.line, t.text))

    def init_list(self):
        """{ [D] = x, .f = y, z } -> E('init', b=[(designator or None, value)])."""
        line = self.expect('{').line
        items = []
        while not self.accept('}'):
            des = None
            if self.peek().text == '[':
                self.next()
                des = ('index', self.expr())
                self.expect(']')
                self.expect('=')
            elif self.peek().text == '.' and self.peek(1).kind == 'id' and self.peek(2).text == '=':
                self.next()
                des = ('field', self.next().text)
                self.expect('=')
            val = self.init_list() if self.peek().text == '{' else self.assign()
            items.append((des, val))
            if not self.accept(','):
                self.expect('}')
                break
        return E('init', b=items, line=line)

    # -- declarations
    def decl_specs(self):
        """Type specifier tokens; struct/enum bodies are skipped (kept as text)."""
        spec = []
        while True:
            t = self.peek()
            if t.kind == 'id' and (t.text in TYPE_WORDS or (not spec and self.is_type_start())):
                self.next()
                spec.append(t.text)
                if t.text in ('struct', 'enum', 'union'):
                    if self.peek().kind == 'id':
                        spec.append(self.next().text)
                    if self.peek().text == '{':
                        start = self.i
                        self.skip_balanced('{', '}')
                        spec.append('{%d:%d}' % (start, self.i))
                continue
            if t.kind == 'id' and spec and spec[-1] in ('const', 'static', 'volatile') and \
                    t.text in self.types:
                self.next()
                spec.append(t.text)
                continue
            if t.kind == 'id' and spec and all(s in ('const', 'static', 'volatile', 'extern')
                                               for s in spec) and self.is_type_start():
                self.next()
                spec.append(t.text)
                continue
            return spec

    def declarator(self):
        """-> (name, pointer_depth, is_array, fn_params or None)."""
        ptr = 0
        while self.peek().text in ('*', 'const'):
            if self.next().text == '*':
                ptr += 1
        if self.peek().text == '(':          # (*name)(params): function pointer
            self.next()
            while self.accept('*'):
                ptr += 1
            name = self.next().text
            self.expect(')')
            self.skip_balanced('(', ')')
            return name, ptr, False, None
        name = self.next()
        if name.kind != 'id':
            raise CError('line %d: declarator name expected, got %r' % (name.line, name.text))
        arr = False
        params = None
        while self.peek().text in ('[', '('):
            if self.peek().text == '[':
                self.skip_balanced('[', ']')
                arr = True
            else:
                params = self.params()
        return name.text, ptr, arr, params

    def params(self):
        self.expect('(')
        out = []
        if self.accept(')'):
            return out
        while True:
            if self.accept('...'):
                out.append(('...', '...', 0))
            else:
                spec = self.decl_specs()
                if spec == ['void'] and self.peek().text == ')':
                    break
                name, ptr, arr, _ = self.declarator()
                out.append((' '.join(spec), name, ptr + (1 if arr else 0)))
            if not self.accept(','):
                break
        self.expect(')')
        return out

    # -- statements
    def paren_expr(self):
        """( expr ), as if, while, do-while and switch have it."""
        self.expect('(')
        c = self.expr()
        self.expect(')')
        return c

    def stmt(self):
        t = self.peek()
        line = t.line
        if t.text == '{':
            return self.block()
        if t.kind == 'id':
            w = t.text
            if w == 'if':
                self.next()
                c = self.paren_expr()
                a = self.stmt()
                b = self.stmt() if self.accept('else') else None
                return ('if', line, c, a, b)
            if w == 'while':
                self.next()
                return ('while', line, self.paren_expr(), self.stmt())
            if w == 'do':
                self.next()
                body = self.stmt()
                self.expect('while')
                c = self.paren_expr()
                self.expect(';')
                return ('do', line, body, c)
            if w == 'for':
                self.next()
                self.expect('(')
                if self.accept(';'):
                    init = None
                elif self.is_type_start():
                    init = self.decl()
                else:
                    init = ('expr', line, self.expr())
                    self.expect(';')
                c = None if self.peek().text == ';' else self.expr()
                self.expect(';')
                step = None if self.peek().text == ')' else self.expr()
                self.expect(')')
                return ('for', line, init, c, step, self.stmt())
            if w == 'switch':
                self.next()
                return ('switch', line, self.paren_expr(), self.stmt())
            if w == 'case':
                self.next()
                v = self.ternary()
                self.expect(':')
                return ('case', line, v)
            if w == 'default' and self.peek(1).text == ':':
                self.next()
                self.next()
                return ('default', line)
            if w == 'return':
                self.next()
                v = None if self.peek().text == ';' else self.expr()
                self.expect(';')
                return ('return', line, v)
            if w == 'break':
                self.next()
                self.expect(';')
                return ('break', line)
            if w == 'continue':
                self.next()
                self.expect(';')
                return ('continue', line)
            if w == 'goto':
                self.next()
                lab = self.next().text
                self.expect(';')
                return ('goto', line, lab)
            if self.peek(1).text == ':' and w not in self.types:
                self.next()
                self.next()
                return ('label', line, w)
            if self.is_type_start() and not (self.peek(1).kind == 'p' and
                                             self.peek(1).text in ('(', '=', '->', '.', '[')):
                return self.decl()
        if self.accept(';'):
            return ('block', line, [])
        e = self.expr()
        self.expect(';')
        return ('expr', line, e)

    def block(self):
        line = self.expect('{').line
        out = []
        while not self.accept('}'):
            if self.peek().kind == 'eof':
                raise CError('unterminated block from line %d' % line)
            out.append(self.stmt())
        return ('block', line, out)

    def decl(self):
        line = self.peek().line
        spec = self.decl_specs()
        items = []
        if self.accept(';'):
            return ('decl', line, ' '.join(spec), items)
        while True:
            name, ptr, arr, _ = self.declarator()
            init = None
            if self.accept('='):
                init = self.init_list() if self.peek().text == '{' else self.assign()
            items.append((name, ptr, arr, init))
            if not self.accept(','):
                break
        self.expect(';')
        return ('decl', line, ' '.join(spec), items)


# ---- files -----------------------------------------------------------------------

class Func:
    def __init__(self, name, ret, params, body, static, path, line):
        self.name, self.ret, self.params, self.body = name, ret, params, body
        self.static, self.path, self.line = static, path, line


class Table:
    """A file-scope variable with a braced initialiser (state tables, ops)."""

    def __init__(self, name, spec, fields, init, path, line):
        self.name, self.spec, self.fields, self.init = name, spec, fields, init
        self.path, self.line = path, line


class CFile:
    def __init__(self, path, src, global_macros, typenames):
        self.path = path
        text, self.macros = preprocess(src)
        self.toks = tokenize(text)
        self.funcs, self.tables, self.enums, self.struct_fields = {}, {}, {}, {}
        allm = dict(global_macros)
        allm.update(self.macros)
        self.allmacros = allm
        self.typenames = typenames
        try:
            self._collect_typedefs()
            self._parse()
        except CError as e:
            raise CError('%s: %s' % (path, e))

    def _collect_typedefs(self):
        self.typenames.update(typedef_names(self.toks))

    def _struct_fields(self, span):
        """Field names of an inline struct body {a; b; (*f)(...);}."""
        a, b = [int(x) for x in span[1:-1].split(':')]
        sub = Parser(self.toks[a + 1:b - 1], self.typenames)
        names = []
        while sub.peek().kind != 'eof':
            sub.decl_specs()
            while True:
                name, _, _, _ = sub.declarator()
                names.append(name)
                if not sub.accept(','):
                    break
            sub.expect(';')
        return names

    def _parse(self):
        p = Parser(self.toks, self.typenames)
        while p.peek().kind != 'eof':
            line = p.peek().line
            if p.peek().text == 'typedef':
                while p.next().text != ';':
                    pass
                continue
            spec = p.decl_specs()
            if p.accept(';'):
                continue
            if not spec:
                raise CError('%s:%d: cannot read %r' % (self.path, line, p.peek().text))
            while True:
                name, ptr, arr, params = p.declarator()
                if params is not None and p.peek().text == '{':
                    body = p.block()
                    ret = ' '.join(s for s in spec if not s.startswith('{')) + ' *' * ptr
                    self.funcs[name] = Func(name, ret.strip(), params, body,
                                            'static' in spec, self.path, line)
                    break
                if p.accept('='):
                    if p.peek().text == '{':
                        init = p.init_list()
                        fields = []
                        for s in spec:
                            if s.startswith('{'):
                                fields = self._struct_fields(s)
                        self.tables[name] = Table(name, spec, fields, init, self.path, line)
                    else:
                        p.assign()
                if p.accept(','):
                    continue
                p.expect(';')
                break

def typedef_names(t):
    """The names a token list declares with typedef: `typedef T name;` or
    `typedef R (*name)(...);`."""
    out = set()
    for i, x in enumerate(t):
        if x.text != 'typedef':
            continue
        j, lvl, last, fp = i + 1, 0, None, None
        while j < len(t) and not (t[j].text == ';' and lvl == 0):
            y = t[j]
            if y.text in ('(', '{', '['):
                lvl += 1
            elif y.text in (')', '}', ']'):
                lvl -= 1
            elif y.kind == 'id' and lvl == 0:
                last = y.text
            elif fp is None and y.kind == 'id' and t[j - 1].text == '*' and \
                    t[j - 2].text == '(' and t[j + 1].text == ')':
                fp = y.text
            j += 1
        if fp or last:
            out.add(fp or last)
    return out


def parse_enums(toks, macros):
    """Every `enum name { ... }` in a token list (macros expanded inside the
    braces) -> {enum name: [(constant, value)]}."""
    out = {}
    i = 0
    while i < len(toks):
        if toks[i].text == 'enum' and i + 2 < len(toks) and toks[i + 1].kind == 'id' and \
                toks[i + 2].text == '{':
            name = toks[i + 1].text
            j, lvl = i + 3, 1
            while lvl:
                if toks[j].text == '{':
                    lvl += 1
                elif toks[j].text == '}':
                    lvl -= 1
                j += 1
            body = expand(toks[i + 3:j - 1], macros)
            items, cur, val = [], [], 0
            known = {}
            for e in out.values():
                known.update(dict(e))
            for tk in body + [Tok('p', ',', 0)]:
                if tk.text == ',':
                    if cur:
                        if len(cur) > 2 and cur[1].text == '=':
                            val = const_eval(cur[2:], macros, known)
                        items.append((cur[0].text, val))
                        known[cur[0].text] = val
                        val += 1
                    cur = []
                else:
                    cur.append(tk)
            out[name] = items
            i = j
        else:
            i += 1
    return out


def const_eval(toks, macros, consts):
    """Integer constant expression (enum values, bit masks)."""
    toks = expand(toks, macros)
    parts = []
    for t in toks:
        if t.kind == 'num':
            parts.append(str(int(re.sub(r'[uUlL]+$', '', t.text), 0)))
        elif t.kind == 'id':
            if t.text not in consts:
                raise CError('not a constant: %s' % t.text)
            parts.append(str(consts[t.text]))
        elif t.text in ('&&', '||', '!'):
            parts.append({'&&': ' and ', '||': ' or ', '!': ' not '}[t.text])
        else:
            parts.append(t.text)
    return int(eval(''.join(parts), {'__builtins__': {}}))
