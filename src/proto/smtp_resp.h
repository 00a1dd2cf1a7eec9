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

/* At most this many lines in one reply; one more is INVALID (at the end of
 * that line).  Postfix's EHLO reply has about 12 lines, Exchange's about
 * 15; nginx bounds only the bytes (proxy_buffer), as the caller does. */
#define PT_SMTP_RESP_LINES_MAX 64

struct pt_smtp_resp_parser {
	int cs;
	size_t off;                 /* bytes of buf read so far */
	size_t mark;                /* start of the line being read */
	unsigned code;              /* e.g. 250; 100..559 on DONE, 0 on INVALID */
	unsigned lines;             /* line ends read (on INVALID: the bad line's included) */
	int ehlo_auth_plain;        /* these four: read after DONE; cleared on INVALID */
	int ehlo_auth_login;
	int ehlo_xclient;
	int ehlo_starttls;
	enum pt_parse_status status;   /* MORE until the reply is over, then sticky */
};

void pt_smtp_resp_init(struct pt_smtp_resp_parser *p);
enum pt_parse_status pt_smtp_resp_parse(struct pt_smtp_resp_parser *p, const uint8_t *buf,
                                        size_t len);

#endif
