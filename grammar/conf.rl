/*
 * conf.rl - tokens of the nginx configuration language.
 *
 * There is no RFC: the reference is nginx's ngx_conf_read_token()
 * (src/core/ngx_conf_file.c), whose behaviour this machine reproduces
 * byte for byte; see src/proto/conf_lex.h for the rules in prose.
 * The machine only splits and unescapes; what a word means is decided
 * in src/conf.
 */
#include <string.h>
#include "proto/conf_lex.h"

/* Append one byte to the word; over the bound the lexer stops. */
static int pt_conf_lex_put(struct pt_conf_lex *L, uint8_t c)
{
	if (L->wlen >= PT_CONF_WORD_MAX) {
		L->status = PT_CONF_LEX_TOO_LONG;
		return -1;
	}
	L->word[L->wlen++] = (char)c;
	return 0;
}

static void pt_conf_lex_begin(struct pt_conf_lex *L, int quote)
{
	L->wlen = 0;
	L->in_word = 1;
	L->quote = quote;
	L->word_line = L->line;
}

static int pt_conf_lex_emit(struct pt_conf_lex *L, enum pt_conf_tok_type type)
{
	struct pt_conf_tok t;

	memset(&t, 0, sizeof(t));
	t.type = type;
	t.line = L->line;
	if (type == PT_CONF_TOK_WORD) {
		L->word[L->wlen] = '\0';
		t.word = L->word;
		t.len = L->wlen;
		t.quoted = L->quote != 0;
		L->in_word = 0;
	}
	if (L->on_tok(L->ctx, &t) != 0) {
		L->status = PT_CONF_LEX_STOPPED;
		return -1;
	}
	return 0;
}

%%{
	machine pt_conf_lex;
	alphtype unsigned char;
	access L->;

	action count_line { if (fc == '\n') L->line++; }
	action put        { if (pt_conf_lex_put(L, fc)) fbreak; }
	action put_tab    { if (pt_conf_lex_put(L, '\t')) fbreak; }
	action put_cr     { if (pt_conf_lex_put(L, '\r')) fbreak; }
	action put_lf     { if (pt_conf_lex_put(L, '\n')) fbreak; }
	action put_bs     { if (pt_conf_lex_put(L, '\\') || pt_conf_lex_put(L, fc)) fbreak; }
	action begin_bare { pt_conf_lex_begin(L, 0); }
	action begin_dq   { pt_conf_lex_begin(L, '"'); }
	action begin_sq   { pt_conf_lex_begin(L, '\''); }
	action emit_word  { if (pt_conf_lex_emit(L, PT_CONF_TOK_WORD)) fbreak; }
	action emit_semi  { if (pt_conf_lex_emit(L, PT_CONF_TOK_SEMI)) fbreak; }
	action emit_lb    { if (pt_conf_lex_emit(L, PT_CONF_TOK_LBRACE)) fbreak; }
	action emit_rb    { if (pt_conf_lex_emit(L, PT_CONF_TOK_RBRACE)) fbreak; }
	action unexpected { L->status = PT_CONF_LEX_UNEXPECTED; L->bad = fc; fbreak; }

	ws = [ \t\r\n];

	# An escape: \" \' \\ give the byte; \t \r \n the control; else both bytes.
	esc = '\\' ( ["'\\] @put | 't' @put_tab | 'r' @put_cr | 'n' @put_lf
	           | (any - ["'\\trn]) @put_bs );

	# "${" stays in the word (nginx variables), so "$" takes an optional "{".
	dollar = '$' @put ( '{' @put )?;

	bare_first = any - (ws | [;{}#"'\\$]);
	bare_body  = any - (ws | [;{\\$]);
	bare_tail  = ( bare_body @put | esc | dollar )**;

	bare = ( ( bare_first @put | esc | dollar ) >begin_bare bare_tail ) %emit_word;

	dq = ( '"' >begin_dq ( (any - ["\\]) @put | esc )* '"' ) @emit_word;
	sq = ( '\'' >begin_sq ( (any - ['\\]) @put | esc )* '\'' ) @emit_word;

	# After a closing quote: white space, ';', '{', or a word starting with ')'.
	paren_word = ( ')' >begin_bare @put bare_tail ) %emit_word;
	after_quote = ws | ';' @emit_semi | '{' @emit_lb | paren_word;

	comment = '#' [^\n]* '\n'?;

	item = ws
	     | comment
	     | ';' @emit_semi
	     | '{' @emit_lb
	     | '}' @emit_rb
	     | bare
	     | ( dq | sq ) after_quote;

	main := item** $count_line $!unexpected;
}%%

%% write data;

void pt_conf_lex_init(struct pt_conf_lex *L, pt_conf_tok_fn on_tok, void *ctx)
{
	memset(L, 0, sizeof(*L));
	L->line = 1;
	L->on_tok = on_tok;
	L->ctx = ctx;
	%% write init;
}

enum pt_conf_lex_status pt_conf_lex_feed(struct pt_conf_lex *L, const void *buf, size_t n)
{
	const unsigned char *p = buf;
	const unsigned char *pe = p + n;
	const unsigned char *eof = NULL;    /* end of input is pt_conf_lex_finish()'s */

	if (L->status != PT_CONF_LEX_OK)
		return L->status;
	%% write exec;
	if (L->status == PT_CONF_LEX_OK && L->cs == pt_conf_lex_error)
		L->status = PT_CONF_LEX_UNEXPECTED;
	return L->status;
}

enum pt_conf_lex_status pt_conf_lex_finish(struct pt_conf_lex *L)
{
	if (L->status != PT_CONF_LEX_OK)
		return L->status;
	/* A bare word ends at end of input in nginx too only if followed by a
	 * terminator; an open word or quote here is "unexpected end of file". */
	if (L->in_word)
		L->status = PT_CONF_LEX_EOF_IN_WORD;
	return L->status;
}
