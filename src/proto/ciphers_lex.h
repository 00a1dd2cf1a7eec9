/*
 * ciphers_lex.h - the elements of an OpenSSL cipher string
 * (grammar/ciphers.rl), the value of nginx's "ssl_ciphers".  The machine
 * only splits; what a word means is src/conf/ciphers.c's.
 *
 * The reference is OpenSSL 3.0's ssl_cipher_process_rulestr() and
 * openssl-ciphers(1):
 *
 *   string   = *( sep ) [ element *( 1*sep element ) ] *( sep )
 *   sep      = ":" / "," / ";" / " "
 *   element  = [ "!" / "-" / "+" ] words / "@STRENGTH" / "@SECLEVEL=" %x30-35
 *   words    = word *( "+" word )          ; "+" joins: all must match
 *   word     = 1*( ALPHA / DIGIT / "-" / "." / "=" / "_" )
 *
 * An element without a prefix cannot start with "-" (that is the prefix).
 *
 * Where postern is stricter or looser than OpenSSL 3.0 (every case is an
 * odd string nobody writes on purpose; each is a clear message here):
 *   - "_" is a word byte, so TLS 1.3 (and IANA) suite names are words and
 *     can be named in a warning; OpenSSL reads "TLS" and skips the rest.
 *   - A byte outside the word bytes is an error wherever it is.  OpenSSL
 *     skips anything after a word it does not know, and anything after
 *     @STRENGTH or @SECLEVEL=n, up to the next separator.
 *   - A word is at most PT_CIPHERS_WORD_MAX bytes and an element joins at
 *     most PT_CIPHERS_PARTS_MAX words: longer ones are errors.
 *
 * Feeding: as parse.h, one element per item.  The caller keeps the bytes
 * of the current item at buf[0] and calls again with more; last = 1 says
 * that buf holds the rest of the string.  DONE gives one element (kind,
 * op, the word spans); p->off is then just past the element and the one
 * separator after it, and the caller drops p->off bytes and
 * re-initialises.  DONE with kind END: only separators (or nothing) were
 * left.  INVALID: p->err says why and p->off is the offset of the bad
 * byte (len when the string ended inside an element).  MORE: every byte
 * so far is read (p->off == len) and last was 0.
 */
#ifndef PT_PROTO_CIPHERS_LEX_H
#define PT_PROTO_CIPHERS_LEX_H

#include "proto/parse.h"

/* The longest OpenSSL name is 34 bytes and IANA's are under 50: a longer
 * word is no cipher name at all. */
#define PT_CIPHERS_WORD_MAX  64
/* "kEECDH+ECDSA+AES128+SHA256" is four; nobody joins eight. */
#define PT_CIPHERS_PARTS_MAX 8

enum pt_ciphers_kind {
	PT_CIPHERS_RULE = 1,        /* op and words */
	PT_CIPHERS_STRENGTH,        /* @STRENGTH */
	PT_CIPHERS_SECLEVEL,        /* @SECLEVEL=level */
	PT_CIPHERS_END              /* nothing but separators was left */
};

enum pt_ciphers_op {
	PT_CIPHERS_ADD = 0,         /* no prefix: append the matches not yet in */
	PT_CIPHERS_DEL,             /* "-": take out (a later rule may add back) */
	PT_CIPHERS_KILL,            /* "!": take out for good */
	PT_CIPHERS_ORD              /* "+": move the matches in to the end */
};

enum pt_ciphers_err {
	PT_CIPHERS_ERR_NONE = 0,
	PT_CIPHERS_ERR_BYTE,        /* a byte that cannot stand here */
	PT_CIPHERS_ERR_END,         /* the string ended inside an element */
	PT_CIPHERS_ERR_LONG,        /* a word over PT_CIPHERS_WORD_MAX */
	PT_CIPHERS_ERR_PARTS        /* over PT_CIPHERS_PARTS_MAX words joined */
};

struct pt_ciphers_lex {
	int cs;
	size_t off;
	size_t mark;                /* start of the word being read */
	enum pt_ciphers_kind kind;
	enum pt_ciphers_op op;
	struct pt_span word[PT_CIPHERS_PARTS_MAX];
	size_t n_words;
	int level;                  /* SECLEVEL: 0..5 */
	enum pt_ciphers_err err;
	enum pt_parse_status status;
};

void pt_ciphers_lex_init(struct pt_ciphers_lex *p);
enum pt_parse_status pt_ciphers_lex(struct pt_ciphers_lex *p, const uint8_t *buf, size_t len,
                                    int last);

#endif
