/*
 * smtp_resp.h - SMTP server replies (grammar/smtp_resp.rl), single- and
 * multi-line, as a backend sends them while postern logs in.
 *
 * RFC 5321 §4.2: reply-line = *( Reply-code "-" [textstring] CRLF )
 *                             Reply-code [ SP textstring ] CRLF
 * Every line of one reply carries the same 3-digit code (a differing code
 * is INVALID, as is a line without a code, a NUL or a bare LF).  DONE
 * comes at the end of the last line (p->off), with the code.
 * For a reply to EHLO the lines after the first are keywords (RFC 5321
 * §4.1.1.1 ehlo-line); the parser notes the ones postern acts on: AUTH
 * with its PLAIN and LOGIN mechanisms, XCLIENT, STARTTLS (keywords and
 * mechanisms case-insensitive).
 */
#ifndef PT_PROTO_SMTP_RESP_H
#define PT_PROTO_SMTP_RESP_H

#include "proto/parse.h"

struct pt_smtp_resp_parser {
	int cs;
	size_t off;
	size_t mark;
	unsigned code;              /* e.g. 250 */
	unsigned lines;
	int ehlo_auth_plain;
	int ehlo_auth_login;
	int ehlo_xclient;
	int ehlo_starttls;
};

void pt_smtp_resp_init(struct pt_smtp_resp_parser *p);
enum pt_parse_status pt_smtp_resp_parse(struct pt_smtp_resp_parser *p, const uint8_t *buf,
                                        size_t len);

#endif
