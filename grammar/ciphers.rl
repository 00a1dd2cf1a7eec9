/*
 * ciphers.rl - one element of an OpenSSL cipher string, nginx's
 * "ssl_ciphers" (src/proto/ciphers_lex.h has the contract and the rules in
 * ABNF).  There is no RFC: the reference is openssl-ciphers(1) and OpenSSL
 * 3.0's ssl_cipher_process_rulestr().
 *
 * Implementation notes.
 *   State: Ragel's cs, p->off, p->mark (start of the word being read),
 *   the word spans.  Spans are offsets into the caller's buffer, so a
 *   string split anywhere gives the same elements.
 *   Bounds: a word by a count against PT_CIPHERS_WORD_MAX, the words of
 *   one element by PT_CIPHERS_PARTS_MAX; separators are not stored, so a
 *   run of them needs no bound (the config word holding the string has
 *   one, PT_CONF_WORD_MAX).
 *   End: the element ends at the separator after it (read, and counted in
 *   p->off) or, with last, at the end of the buffer (the EOF actions).
 *   Errors: INVALID at the offending byte, the reason in p->err.
 */
#include <stdint.h>
#include "proto/ciphers_lex.h"

%%{
	machine pt_ciphers;
	alphtype unsigned char;
	access P->;

	action word_start {
		if (P->n_words >= PT_CIPHERS_PARTS_MAX) {
			P->err = PT_CIPHERS_ERR_PARTS;
			P->status = PT_PARSE_INVALID;
			P->off = (size_t)(p - buf);
			fbreak;
		}
		P->mark = (size_t)(p - buf);
	}
	action word_max {
		if ((size_t)(p - buf) - P->mark >= PT_CIPHERS_WORD_MAX) {
			P->err = PT_CIPHERS_ERR_LONG;
			P->status = PT_PARSE_INVALID;
			P->off = (size_t)(p - buf);
			fbreak;
		}
	}
	action word_end {
		P->word[P->n_words].off = (uint32_t)P->mark;
		P->word[P->n_words].len = (uint32_t)((size_t)(p - buf) - P->mark);
		P->n_words++;
	}
	action k_rule     { P->kind = PT_CIPHERS_RULE; }
	action k_strength { P->kind = PT_CIPHERS_STRENGTH; }
	action k_seclevel { P->kind = PT_CIPHERS_SECLEVEL; P->level = fc - '0'; }
	action op_del     { P->op = PT_CIPHERS_DEL; }
	action op_kill    { P->op = PT_CIPHERS_KILL; }
	action op_ord     { P->op = PT_CIPHERS_ORD; }
	action done {
		P->status = PT_PARSE_DONE;
		fbreak;
	}
	# At the end of the string (last): the element in hand is complete, or
	# only separators were left.  p == pe here, so no fbreak.
	action eof_done {
		if (P->kind == PT_CIPHERS_RULE) {
			P->word[P->n_words].off = (uint32_t)P->mark;
			P->word[P->n_words].len = (uint32_t)((size_t)(p - buf) - P->mark);
			P->n_words++;
		}
		P->status = PT_PARSE_DONE;
	}
	action eof_end {
		P->kind = PT_CIPHERS_END;
		P->status = PT_PARSE_DONE;
	}

	# openssl-ciphers(1): "Lists of cipher suites can be combined in a
	# single cipher string using the + character"; separators are
	# ITEM_SEP() of ssl_ciph.c.
	sep   = [:, ;];
	# ssl_cipher_process_rulestr()'s word bytes, and "_" (see the header).
	wbyte = [A-Za-z0-9._=\-];

	word  = wbyte+ >word_start $word_max %word_end;
	# Without a prefix a word cannot start with "-": that is the prefix.
	word1 = ( ( wbyte - '-' ) wbyte* ) >word_start $word_max %word_end;

	# "If ! is used then the ciphers are permanently deleted ... If - is
	# used then the ciphers are deleted ... but some or all of the ciphers
	# can be added again by later options.  If + is used then the ciphers
	# are moved to the end of the list."
	rule = ( ( '-' @op_del | '!' @op_kill | '+' @op_ord ) word ( '+' word )*
	       | word1 ( '+' word )* ) >k_rule;

	# "@STRENGTH ... sorted in order of encryption algorithm key length";
	# "@SECLEVEL=n ... set the security level to n" (0..5 in OpenSSL 3.0).
	special = '@' ( 'STRENGTH' @k_strength | 'SECLEVEL=' [0-5] @k_seclevel );

	element = ( rule | special ) %/eof_done;

	main := sep* $/eof_end element sep @done;
}%%

%% write data;

void pt_ciphers_lex_init(struct pt_ciphers_lex *P)
{
	P->off = 0;
	P->mark = 0;
	P->kind = 0;
	P->op = PT_CIPHERS_ADD;
	for (int i = 0; i < PT_CIPHERS_PARTS_MAX; i++)
		P->word[i].off = P->word[i].len = 0;
	P->n_words = 0;
	P->level = 0;
	P->err = PT_CIPHERS_ERR_NONE;
	P->status = PT_PARSE_MORE;
	%% write init;
}

enum pt_parse_status pt_ciphers_lex(struct pt_ciphers_lex *P, const uint8_t *buf, size_t len,
                                    int last)
{
	const uint8_t *p, *pe, *eof;

	if (P->status != PT_PARSE_MORE)
		return P->status;
	if (P->off > len || len > UINT32_MAX) {
		P->err = PT_CIPHERS_ERR_BYTE;
		P->status = PT_PARSE_INVALID;
		return P->status;
	}
	p = buf + P->off;
	pe = buf + len;
	eof = last ? pe : NULL;
	%% write exec;
	if (P->status == PT_PARSE_INVALID)
		return P->status;           /* off set where it failed */
	P->off = (size_t)(p - buf);
	if (P->status == PT_PARSE_MORE && P->cs == pt_ciphers_error) {
		P->err = PT_CIPHERS_ERR_BYTE;   /* p stopped on the byte */
		P->status = PT_PARSE_INVALID;
	} else if (P->status == PT_PARSE_MORE && last) {
		P->err = PT_CIPHERS_ERR_END;
		P->status = PT_PARSE_INVALID;
	}
	return P->status;
}
