/*
 * conf_lex.h - the nginx configuration tokenizer (grammar/conf.rl).
 *
 * Push parser: bytes go in by pt_conf_lex_feed() in chunks of any size, and
 * tokens come out through a callback as soon as they are complete.  The
 * state (Ragel's cs, the current line, the word being built) lives in the
 * struct, so any split of the input gives the same tokens (tests/parse).
 *
 * The language is nginx's (src/core/ngx_conf_file.c, ngx_conf_read_token):
 *   - words are bare, "double quoted" or 'single quoted';
 *   - a backslash escapes the next byte; inside a word \" \' \\ give the
 *     byte, \t \r \n give TAB CR LF, and any other \x is kept as both bytes;
 *   - after a closing quote only white space, ';', '{' or ')' may follow;
 *   - "${" inside a bare word does not open a block (nginx variables);
 *   - '#' starts a comment only where a word could start;
 *   - ';' '{' '}' are tokens; a bare word ends at white space, ';' or '{'.
 * Bound: a word holds at most PT_CONF_WORD_MAX bytes, nginx's
 * NGX_CONF_BUFFER; longer gives PT_CONF_LEX_TOO_LONG.
 */
#ifndef PT_PROTO_CONF_LEX_H
#define PT_PROTO_CONF_LEX_H

#include <stddef.h>
#include <stdint.h>

#include "util/limits.h"


enum pt_conf_tok_type {
	PT_CONF_TOK_WORD,
	PT_CONF_TOK_SEMI,
	PT_CONF_TOK_LBRACE,
	PT_CONF_TOK_RBRACE
};

struct pt_conf_tok {
	enum pt_conf_tok_type type;
	const char *word;       /* WORD only: NUL-terminated, valid during the callback */
	size_t len;
	unsigned line;          /* line of the token's last byte */
	int quoted;             /* WORD only: it was written in quotes */
};

/* Return 0 to go on, non-zero to stop the lexer (PT_CONF_LEX_STOPPED). */
typedef int (*pt_conf_tok_fn)(void *ctx, const struct pt_conf_tok *tok);

enum pt_conf_lex_status {
	PT_CONF_LEX_OK = 0,
	PT_CONF_LEX_UNEXPECTED,     /* a byte that may not follow a closing quote */
	PT_CONF_LEX_TOO_LONG,       /* a word over PT_CONF_WORD_MAX */
	PT_CONF_LEX_EOF_IN_WORD,    /* end of input inside a word or quotes */
	PT_CONF_LEX_STOPPED         /* the callback asked to stop */
};

struct pt_conf_lex {
	int cs;                     /* Ragel state */
	unsigned line;              /* current line, from 1 */
	unsigned word_line;         /* line where the current word started */
	int in_word;                /* inside a word or quotes */
	int quote;                  /* 0, '"' or '\'' for the current word */
	enum pt_conf_lex_status status;  /* sticky */
	uint8_t bad;                /* the byte of PT_CONF_LEX_UNEXPECTED */
	pt_conf_tok_fn on_tok;
	void *ctx;
	size_t wlen;
	char word[PT_CONF_WORD_MAX + 1];
};

void pt_conf_lex_init(struct pt_conf_lex *L, pt_conf_tok_fn on_tok, void *ctx);
enum pt_conf_lex_status pt_conf_lex_feed(struct pt_conf_lex *L, const void *p, size_t n);
/* End of input: reports PT_CONF_LEX_EOF_IN_WORD if a word is unfinished. */
enum pt_conf_lex_status pt_conf_lex_finish(struct pt_conf_lex *L);

#endif
