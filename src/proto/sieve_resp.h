/*
 * sieve_resp.h - lines a ManageSieve backend sends while postern logs in
 * (grammar/sieve_resp.rl).  RFC 5804 §4:
 *   - a capability line (§1.7) or a SASL challenge (§2.1): a string, then
 *     an optional SP and string, then CRLF (kind STRING, name = the first);
 *   - response-oknobye: "OK" / "NO" / "BYE" [SP "(" resp-code ")"]
 *     [SP string] CRLF, case-insensitive (kind OK, NO, BYE).
 * Strings are "quoted" or literals {n} / {n+} whose bytes are counted,
 * never scanned; a literal longer than p->max_literal is INVALID at its
 * '}'.  Every line must end in CRLF; the caller's proxy_buffer bounds it.
 * Deviation, each never seen in a login dialogue: a response code holds
 * printable bytes and quoted strings, not literals or nested parentheses.
 */
#ifndef PT_PROTO_SIEVE_RESP_H
#define PT_PROTO_SIEVE_RESP_H

#include "proto/parse.h"

enum pt_sieve_resp_kind {
	PT_SIEVE_RESP_STRING = 1,   /* a capability line or a SASL challenge */
	PT_SIEVE_RESP_OK,
	PT_SIEVE_RESP_NO,
	PT_SIEVE_RESP_BYE
};

struct pt_sieve_resp_parser {
	int cs;
	size_t off;                 /* bytes of buf read so far */
	uint64_t literal_len, literal_left;
	size_t max_literal;         /* set by the caller: its buffer */
	int lit_bad;
	int in_literal;
	enum pt_parse_status result;
	enum pt_sieve_resp_kind kind;
	unsigned nstr;              /* strings begun on the line */
	struct pt_span name;        /* the first string's bytes (quoted: escapes kept) */
};

void pt_sieve_resp_init(struct pt_sieve_resp_parser *p, size_t max_literal);
/* DONE: one line ends at p->off (CRLF included).  INVALID: a bad line,
 * read through its LF when one came (p->off). */
enum pt_parse_status pt_sieve_resp_parse(struct pt_sieve_resp_parser *p, const uint8_t *buf,
                                         size_t len);

#endif
