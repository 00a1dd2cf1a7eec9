/*
 * status.rl - the request head of the metrics listener (src/proto/status.h
 * has the contract): RFC 9112 request line and header fields.
 *
 * Implementation notes.
 *   State: Ragel's cs, p->off, p->mark (start of the method or the
 *   target), p->tlen (the target's length so far), p->status (sticky once
 *   the head is over).  The target is an offset into the caller's buffer,
 *   so a head split anywhere gives the same result.
 *   Bounds: the target holds at most PT_STATUS_TARGET_MAX bytes (counted
 *   in an action: a Ragel {1,256} would multiply the states); the whole
 *   head is bounded by the caller (PT_STATUS_REQ_MAX).
 *   Errors: the first bad byte ends the parse (INVALID, p->off past it); the
 *   caller answers 400 and closes.
 */
#include <stdint.h>
#include "proto/status.h"

%%{
	machine pt_status;
	alphtype unsigned char;
	access S->;

	action mark { S->mark = (size_t)(p - buf); }
	action method_end {
		size_t n = (size_t)(p - buf) - S->mark;
		if (n == 3 && buf[S->mark] == 'G' && buf[S->mark + 1] == 'E' && buf[S->mark + 2] == 'T')
			S->method = PT_STATUS_GET;
		else if (n == 4 && buf[S->mark] == 'H' && buf[S->mark + 1] == 'E' &&
		         buf[S->mark + 2] == 'A' && buf[S->mark + 3] == 'D')
			S->method = PT_STATUS_HEAD;
		else
			S->method = PT_STATUS_OTHER;
	}
	action target_byte {
		if (++S->tlen > PT_STATUS_TARGET_MAX) {
			S->status = PT_PARSE_INVALID;
			fbreak;
		}
	}
	action target_end {
		S->target.off = (uint32_t)S->mark;
		S->target.len = (uint32_t)((size_t)(p - buf) - S->mark);
	}
	action minor { S->minor = fc - '0'; }
	action done { S->status = PT_PARSE_DONE; fbreak; }
	action invalid { S->status = PT_PARSE_INVALID; fbreak; }

	# RFC 9112 §2.2: CRLF, or a bare LF a recipient MAY take.
	eol = '\r'? '\n';

	# RFC 9110 §5.6.2: tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" /
	# "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA; token = 1*tchar
	tchar = [!#$%&'*+\-.^_`|~] | digit | alpha;
	token = tchar+;

	# RFC 9112 §3.2.1: origin-form = absolute-path [ "?" query ]; the bytes
	# are checked as visible ASCII (VCHAR), the path itself by the caller.
	target = ( '/' ( 0x21..0x7e )* ) >mark $target_byte %target_end;

	# RFC 9112 §2.3: HTTP-version = "HTTP/" DIGIT "." DIGIT; only 1.x here.
	version = 'HTTP/1.' digit @minor;

	# RFC 9112 §3: request-line = method SP request-target SP HTTP-version
	request_line = token >mark %method_end ' ' target ' ' version eol;

	# RFC 9110 §5.5: field-value = *field-content, VCHAR / obs-text / SP / HTAB;
	# RFC 9112 §5: field-line = field-name ":" OWS field-value OWS.  A line
	# that starts with SP or HTAB (obs-fold) is no field-name: refused.
	field_value = ( 0x21..0x7e | 0x80..0xff | [ \t] )*;
	field_line = token ':' field_value eol;

	main := ( request_line field_line* eol @done ) $!invalid;
}%%

%% write data;

void pt_status_init(struct pt_status_parser *S)
{
	S->off = 0;
	S->mark = 0;
	S->tlen = 0;
	S->method = 0;
	S->target.off = 0;
	S->target.len = 0;
	S->minor = 0;
	S->status = PT_PARSE_MORE;
	%% write init;
}

enum pt_parse_status pt_status_parse(struct pt_status_parser *S, const uint8_t *buf, size_t len)
{
	const uint8_t *p, *pe, *eof = NULL;

	if (S->status != PT_PARSE_MORE)
		return S->status;
	/* A shrunk buffer is a caller bug, a huge one does not fit a span:
	 * both are refused without reading. */
	if (S->off > len || len > UINT32_MAX) {
		S->status = PT_PARSE_INVALID;
		return S->status;
	}
	p = buf + S->off;
	pe = buf + len;
	(void)eof;
	%% write exec;
	S->off = (size_t)(p - buf);
	return S->status;
}
