/*
 * parse.c - files to directives, with nginx's block rules and messages.
 *
 * A file is read whole (through io->read_file), tokenized by
 * grammar/conf.rl into an array, then walked.  A tokenizer error becomes a
 * final pseudo-token, so it is reported only when the walk reaches it:
 * messages come out in the order nginx would print them.  Blocks never
 * span files: an included file is walked on its own, in the context of the
 * include directive, exactly as ngx_conf_parse() does.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "conf/conf_int.h"
#include "proto/conf_lex.h"
#include "util/buf.h"
#include "util/limits.h"


enum pt_conf_tokkind { TK_WORD, TK_SEMI, TK_LBRACE, TK_RBRACE, TK_EOF, TK_LEXERR };

struct pt_conf_token {
	enum pt_conf_tokkind kind;
	const char *word;
	unsigned line;
	enum pt_conf_lex_status err;
	uint8_t bad;
};

struct pt_conf_tokv {
	struct pt_conf_token *v;
	size_t n, cap, i;
	struct pt_conf_parser *P;
};

static void pt_conf_vmsg(struct pt_conf_parser *P, enum pt_log_level lvl, const char *file,
                         unsigned line, int where, const char *fmt, va_list ap)
	__attribute__((format(printf, 6, 0)));

static void pt_conf_vmsg(struct pt_conf_parser *P, enum pt_log_level lvl, const char *file,
                         unsigned line, int where, const char *fmt, va_list ap)
{
	char mem[PT_LOG_LINE_MAX];
	struct pt_wbuf w;
	int n;

	pt_wbuf_init(&w, mem, sizeof(mem));
	n = vsnprintf(mem, sizeof(mem), fmt, ap);
	if (n < 0)
		n = 0;
	w.len = (size_t)n < sizeof(mem) ? (size_t)n : sizeof(mem) - 1;
	if (where) {
		if (file)
			pt_wbuf_fmt(&w, " in %s:%u", file, line);
		else
			pt_wbuf_puts(&w, " in command line");
	}
	if (pt_wbuf_cstr(&w) == NULL)
		mem[sizeof(mem) - 1] = '\0';
	if (lvl <= PT_LOG_ERR)
		P->failed = 1;
	P->io->msg(P->io->ctx, lvl, mem);
}

/* nginx's ngx_conf_log_error(): the message, then " in file:line". */
void pt_conf_error(struct pt_conf_parser *P, enum pt_log_level lvl, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pt_conf_vmsg(P, lvl, P->file, P->line, 1, fmt, ap);
	va_end(ap);
}

/* For checks made after parsing, which name a place recorded earlier. */
void pt_conf_error_at(struct pt_conf_parser *P, enum pt_log_level lvl, const char *file,
                      unsigned line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (file)
		pt_conf_vmsg(P, lvl, file, line, 1, fmt, ap);
	else
		pt_conf_vmsg(P, lvl, NULL, 0, 0, fmt, ap);
	va_end(ap);
}

const char *pt_conf_sys_error(struct pt_conf_parser *P, int err)
{
	const char *s = NULL;

	if (P->io->strerror)
		s = P->io->strerror(P->io->ctx, err);
	return s ? s : "Unknown error";
}

/* A path as nginx's ngx_conf_full_name(): absolute as is, else under the
 * prefix (-p) or the directory of the main file (conf_prefix). */
char *pt_conf_full_name(struct pt_conf_parser *P, const char *name, int conf_prefix)
{
	const char *pre = conf_prefix ? P->io->conf_prefix : P->io->prefix;
	size_t nl = strlen(name), pl;

	if (name[0] == '/' || pre == NULL || pre[0] == '\0')
		return pt_conf_arena_strdup(P->arena, name, nl);
	pl = strlen(pre);
	char *s = pt_conf_arena_alloc(P->arena, pl + nl + 1);
	if (s == NULL)
		return NULL;
	memcpy(s, pre, pl);
	memcpy(s + pl, name, nl + 1);
	return s;
}

static int pt_conf_tok_push(struct pt_conf_tokv *tv, const struct pt_conf_token *t)
{
	if (pt_conf_arena_grow(tv->P->arena, (void **)&tv->v, &tv->cap, tv->n, sizeof(*t)))
		return -1;
	tv->v[tv->n++] = *t;
	return 0;
}

static int pt_conf_on_tok(void *ctx, const struct pt_conf_tok *t)
{
	struct pt_conf_tokv *tv = ctx;
	struct pt_conf_token k;

	memset(&k, 0, sizeof(k));
	k.line = t->line;
	switch (t->type) {
	case PT_CONF_TOK_WORD:
		k.kind = TK_WORD;
		k.word = pt_conf_arena_strdup(tv->P->arena, t->word, t->len);
		if (k.word == NULL)
			return -1;
		break;
	case PT_CONF_TOK_SEMI: k.kind = TK_SEMI; break;
	case PT_CONF_TOK_LBRACE: k.kind = TK_LBRACE; break;
	case PT_CONF_TOK_RBRACE: k.kind = TK_RBRACE; break;
	default: return -1;
	}
	return pt_conf_tok_push(tv, &k);
}

/* Tokenize a whole buffer; the array always ends in TK_EOF or TK_LEXERR. */
static int pt_conf_tokenize(struct pt_conf_parser *P, struct pt_conf_tokv *tv,
                            const char *data, size_t len)
{
	struct pt_conf_lex *L = pt_conf_arena_alloc(P->arena, sizeof(*L));
	struct pt_conf_token end;
	enum pt_conf_lex_status st;

	memset(tv, 0, sizeof(*tv));
	tv->P = P;
	if (L == NULL)
		return -1;
	pt_conf_lex_init(L, pt_conf_on_tok, tv);
	st = pt_conf_lex_feed(L, data, len);
	if (st == PT_CONF_LEX_OK)
		st = pt_conf_lex_finish(L);
	if (st == PT_CONF_LEX_STOPPED) {
		pt_conf_error(P, PT_LOG_EMERG, "out of memory");
		return -1;
	}
	memset(&end, 0, sizeof(end));
	end.kind = st == PT_CONF_LEX_OK ? TK_EOF : TK_LEXERR;
	end.err = st;
	end.bad = L->bad;
	end.line = st == PT_CONF_LEX_TOO_LONG ? L->word_line : L->line;
	if (st == PT_CONF_LEX_TOO_LONG) {
		/* nginx quotes the first 10 bytes of the parameter. */
		char *w = pt_conf_arena_strdup(P->arena, L->word, L->wlen < 10 ? L->wlen : 10);
		end.word = w;
		end.bad = (uint8_t)L->quote;
	}
	return pt_conf_tok_push(tv, &end);
}

static int pt_conf_walk(struct pt_conf_parser *P, struct pt_conf_tokv *tv, int in_block);

/* Called by a block directive's setter: read the block's directives in
 * context ctx (0: skip the block unread).  Returns 0 or -1. */
int pt_conf_parse_block(struct pt_conf_parser *P, int ctx)
{
	int saved = P->ctx, r;

	P->ctx = ctx;
	r = pt_conf_walk(P, P->tv, 1);
	P->ctx = saved;
	return r;
}

/* Run one directive. */
static int pt_conf_dispatch(struct pt_conf_parser *P, struct pt_conf_args *a)
{
	const char *name = a->argv[0];
	size_t nargs = a->argc - 1;
	int found = 0;

	for (size_t k = 0; k < pt_conf_n_dirs; k++) {
		const struct pt_conf_dir *d = &pt_conf_dirs[k];
		int ok;

		if (strcmp(d->name, name) != 0)
			continue;
		found = 1;
		if (!(d->ctx & P->ctx))
			continue;
		if (!(d->args & PT_ARGS_BLOCK) && a->block) {
			pt_conf_error(P, PT_LOG_EMERG, "directive \"%s\" is not terminated by \";\"", name);
			return -1;
		}
		if ((d->args & PT_ARGS_BLOCK) && !a->block) {
			pt_conf_error(P, PT_LOG_EMERG, "directive \"%s\" has no opening \"{\"", name);
			return -1;
		}
		if (d->args & PT_ARGS_ANY)
			ok = 1;
		else if (d->args & PT_ARGS_FLAG)
			ok = nargs == 1;
		else if (d->args & PT_ARGS_1MORE)
			ok = nargs >= 1;
		else if (d->args & PT_ARGS_2MORE)
			ok = nargs >= 2;
		else if (nargs >= PT_CONF_ARGS_MAX)
			ok = 0;
		else
			ok = (d->args & (1 << nargs)) != 0;
		if (!ok) {
			pt_conf_error(P, PT_LOG_EMERG, "invalid number of arguments in \"%s\" directive",
			              name);
			return -1;
		}
		const char *rv = d->set(P, d, a);
		if (rv == PT_CONF_FAIL)
			return -1;
		if (rv != NULL) {
			pt_conf_error(P, PT_LOG_EMERG, "\"%s\" directive %s", name, rv);
			return -1;
		}
		return 0;
	}
	if (found)
		pt_conf_error(P, PT_LOG_EMERG, "\"%s\" directive is not allowed here", name);
	else
		pt_conf_error(P, PT_LOG_EMERG, "unknown directive \"%s\"", name);
	return -1;
}

static void pt_conf_lexerr(struct pt_conf_parser *P, const struct pt_conf_token *t)
{
	switch (t->err) {
	case PT_CONF_LEX_UNEXPECTED:
		pt_conf_error(P, PT_LOG_EMERG, "unexpected \"%c\"", t->bad);
		break;
	case PT_CONF_LEX_TOO_LONG:
		if (t->bad)
			pt_conf_error(P, PT_LOG_EMERG, "too long parameter, probably missing "
			              "terminating \"%c\" character", t->bad);
		else
			pt_conf_error(P, PT_LOG_EMERG, "too long parameter \"%s...\" started", t->word);
		break;
	case PT_CONF_LEX_EOF_IN_WORD:
	default:
		if (P->file)
			pt_conf_error(P, PT_LOG_EMERG, "unexpected end of file, expecting \";\" or \"}\"");
		else
			pt_conf_error(P, PT_LOG_EMERG, "unexpected end of parameter, expecting \";\"");
		break;
	}
}

/* Inside an ignored block (events{}, http{}, stream{}): skip to its end. */
static int pt_conf_skip_block(struct pt_conf_parser *P, struct pt_conf_tokv *tv)
{
	size_t depth = 1, words = 0;

	while (tv->i < tv->n) {
		const struct pt_conf_token *t = &tv->v[tv->i++];
		P->line = t->line;
		switch (t->kind) {
		case TK_WORD: words++; break;
		case TK_SEMI: words = 0; break;
		case TK_LBRACE: depth++; words = 0; break;
		case TK_RBRACE:
			if (words) {
				pt_conf_error(P, PT_LOG_EMERG, "unexpected \"}\"");
				return -1;
			}
			if (--depth == 0)
				return 0;
			break;
		case TK_EOF:
			pt_conf_error(P, PT_LOG_EMERG, "unexpected end of file, expecting \"}\"");
			return -1;
		case TK_LEXERR:
		default:
			pt_conf_lexerr(P, t);
			return -1;
		}
	}
	return 0;
}

static int pt_conf_walk(struct pt_conf_parser *P, struct pt_conf_tokv *tv, int in_block)
{
	static const char punct[] = { [TK_SEMI] = ';', [TK_LBRACE] = '{' };
	struct pt_conf_args a;

	if (in_block && P->ctx == 0)
		return pt_conf_skip_block(P, tv);
	a.argc = 0;
	while (tv->i < tv->n) {
		const struct pt_conf_token *t = &tv->v[tv->i++];

		P->line = t->line;
		switch (t->kind) {
		case TK_WORD:
			if (a.argc == PT_COUNTOF(a.argv)) {
				pt_conf_error(P, PT_LOG_EMERG, "too many parameters in \"%s\" directive",
				              a.argv[0]);
				return -1;
			}
			a.argv[a.argc] = t->word;
			a.len[a.argc] = strlen(t->word);
			a.argc++;
			break;
		case TK_SEMI:
		case TK_LBRACE:
			if (a.argc == 0) {
				pt_conf_error(P, PT_LOG_EMERG, "unexpected \"%c\"", punct[t->kind]);
				return -1;
			}
			if (t->kind == TK_LBRACE && P->file == NULL) {
				pt_conf_error(P, PT_LOG_EMERG, "block directives are not supported in -g option");
				return -1;
			}
			a.block = t->kind == TK_LBRACE;
			if (pt_conf_dispatch(P, &a))
				return -1;
			a.argc = 0;
			break;
		case TK_RBRACE:
			if (a.argc != 0 || !in_block) {
				pt_conf_error(P, PT_LOG_EMERG, "unexpected \"}\"");
				return -1;
			}
			return 0;
		case TK_EOF:
			if (a.argc != 0) {
				if (P->file)
					pt_conf_error(P, PT_LOG_EMERG,
					              "unexpected end of file, expecting \";\" or \"}\"");
				else
					pt_conf_error(P, PT_LOG_EMERG,
					              "unexpected end of parameter, expecting \";\"");
				return -1;
			}
			if (in_block) {
				pt_conf_error(P, PT_LOG_EMERG, "unexpected end of file, expecting \"}\"");
				return -1;
			}
			return 0;
		case TK_LEXERR:
		default:
			pt_conf_lexerr(P, t);
			return -1;
		}
	}
	return 0;
}

static int pt_conf_parse_buf(struct pt_conf_parser *P, const char *data, size_t len)
{
	struct pt_conf_tokv tv;

	struct pt_conf_tokv *saved = P->tv;
	int r;

	if (pt_conf_tokenize(P, &tv, data, len))
		return -1;
	P->tv = &tv;
	r = pt_conf_walk(P, &tv, 0);
	P->tv = saved;
	return r;
}

/* Parse -g directives: top level, "in command line". */
int pt_conf_parse_params(struct pt_conf_parser *P, const char *params)
{
	const char *saved = P->file;
	int r;

	P->file = NULL;
	P->line = 1;
	r = pt_conf_parse_buf(P, params, strlen(params));
	P->file = saved;
	return r;
}

int pt_conf_parse_file(struct pt_conf_parser *P, const char *path)
{
	const char *data = NULL, *saved_file = P->file;
	unsigned saved_line = P->line;
	size_t len = 0;
	int err, r;

	if (P->depth >= PT_CONF_INCLUDE_DEPTH_MAX) {
		pt_conf_error(P, PT_LOG_EMERG, "include nesting deeper than %d at \"%s\"",
		              PT_CONF_INCLUDE_DEPTH_MAX, path);
		return -1;
	}
	err = P->io->read_file(P->io->ctx, path, &data, &len);
	if (err) {
		if (P->depth == 0)
			pt_conf_error_at(P, PT_LOG_EMERG, NULL, 0, "open() \"%s\" failed (%d: %s)", path,
			                 err, pt_conf_sys_error(P, err));
		else
			pt_conf_error(P, PT_LOG_EMERG, "open() \"%s\" failed (%d: %s)", path, err,
			              pt_conf_sys_error(P, err));
		return -1;
	}
	if (pt_conf_arena_grow(P->arena, (void **)&P->files, &P->cap_files, P->n_files,
	                       sizeof(*P->files)))
		return -1;
	struct pt_conf_file *f = &P->files[P->n_files++];
	f->path = pt_conf_arena_strdup(P->arena, path, strlen(path));
	f->data = pt_conf_arena_strdup(P->arena, data ? data : "", len);
	f->len = len;
	if (f->path == NULL || f->data == NULL)
		return -1;

	P->file = f->path;
	P->line = 1;
	P->depth++;
	r = pt_conf_parse_buf(P, f->data, f->len);
	P->depth--;
	P->file = saved_file;
	P->line = saved_line;
	return r;
}
