/*
 * imap_resp.rl - one line an IMAP backend sends while postern logs in for
 * the client (src/proto/imap_resp.h has the contract).
 *
 * Implementation notes.
 *   State: Ragel's cs, p->off (bytes of buf read), p->mark (start of the
 *   tag), p->status (sticky once the line is over).  The caller keeps the
 *   line from its first byte at buf[0], so the tag is an offset span and
 *   nothing is copied; any split of the input gives the same result.
 *   Bounds: a tag holds at most PT_IMAP_RESP_TAG_MAX bytes (a Ragel
 *   repetition, so the machine itself counts); the line is bounded by the
 *   caller's proxy_buffer, not here.  Buffers over 4 GiB are refused since
 *   spans are 32-bit.
 *   Errors: a bad line is read to its LF (INVALID with p->off just past
 *   it), as parse.h says, so the caller can log or relay the whole line.
 *   A bad byte that is itself an LF (a bare LF, an empty "\n" line) ends
 *   the line there.  Nothing is read past that LF.
 *
 * nginx (ngx_mail_proxy_read_response) only looks at prefixes: "* OK",
 * "+", "<tag>OK", all case-sensitive.  This machine reads whole words and
 * leaves the decision to the core, which can be as strict as nginx.
 */
#include <stdint.h>
#include "proto/imap_resp.h"

/* PT_IMAP_RESP_TAG_MAX (imap_resp.h) is written as {1,64} below: RFC 9051
 * has no limit; nginx's client tags are at most 32 bytes and postern
 * reuses the client's tag toward the backend, so 64 is generous. */

%%{
	machine pt_imap_resp;
	alphtype unsigned char;
	access R->;

	action tag_start { R->mark = (size_t)(p - buf); }
	action tag_end {
		R->tag.off = (uint32_t)R->mark;
		R->tag.len = (uint32_t)((size_t)(p - buf) - R->mark);
	}
	action k_untagged { R->kind = PT_IMAP_RESP_UNTAGGED; }
	action k_continue { R->kind = PT_IMAP_RESP_CONTINUE; }
	action k_tagged   { R->kind = PT_IMAP_RESP_TAGGED; }
	action c_ok      { R->cond = PT_IMAP_COND_OK; }
	action c_no      { R->cond = PT_IMAP_COND_NO; }
	action c_bad     { R->cond = PT_IMAP_COND_BAD; }
	action c_preauth { R->cond = PT_IMAP_COND_PREAUTH; }
	action c_bye     { R->cond = PT_IMAP_COND_BYE; }
	action c_other   { R->cond = PT_IMAP_COND_OTHER; }
	action done      { R->status = PT_PARSE_DONE; fbreak; }
	action invalid   { R->status = PT_PARSE_INVALID; fbreak; }

	# A byte no rule allows: the line is bad.  If that byte is the LF the
	# line ends here; otherwise skip to the LF (no fhold: re-reading the
	# byte would step p before buf when the first byte is bad).
	action bad {
		if (fc == '\n') {
			R->status = PT_PARSE_INVALID;
			fbreak;
		}
		fgoto skip;
	}

	# RFC 9051 §9 / RFC 5234 App. B:
	#   SP = %x20;  CRLF = CR LF;  CTL = %x00-1F / %x7F;  CHAR = %x01-7F
	SP   = ' ';
	CRLF = '\r\n';

	# RFC 9051 §9:
	#   atom-specials = "(" / ")" / "{" / SP / CTL / list-wildcards /
	#                   quoted-specials / resp-specials
	#   list-wildcards = "%" / "*";  quoted-specials = DQUOTE / "\"
	#   resp-specials = "]"
	#   ATOM-CHAR = <any CHAR except atom-specials>
	#   ASTRING-CHAR = ATOM-CHAR / resp-specials
	#   tag = 1*<any ASTRING-CHAR except "+">
	# So: printable ASCII except ( ) { % * " \ +, with "]" allowed.
	tag_char = (0x21..0x7e) - [(){%*"\\+];
	tag = tag_char{1,64} >tag_start %tag_end;

	# RFC 9051 §9: resp-text = ["[" resp-text-code "]" SP] [text]
	#              text = 1*TEXT-CHAR;  TEXT-CHAR = <any CHAR except CR and LF>
	# Backends send UTF-8 here (RFC 9051 §7: "text" is UTF-8 under
	# IMAP4rev2), so any byte but CR, LF and NUL.
	rest_char = any - [\r\n\0];
	word_char = rest_char - SP;

	# RFC 9051 §9:
	#   resp-cond-state = ("OK" / "NO" / "BAD") SP resp-text
	#   resp-cond-auth  = ("OK" / "PREAUTH") SP resp-text
	#   resp-cond-bye   = "BYE" SP resp-text
	# RFC 9051 §2.2.1 / §9 note: keywords are case-insensitive.  The
	# condition is the whole first word: "OKAY" is OTHER.
	kw = 'ok'i | 'no'i | 'bad'i | 'preauth'i | 'bye'i;
	cond = 'ok'i %c_ok
	     | 'no'i %c_no
	     | 'bad'i %c_bad
	     | 'preauth'i %c_preauth
	     | 'bye'i %c_bye
	     | ( word_char+ - kw ) %c_other;

	# The first word, then optionally SP and any text.
	tail = cond ( SP rest_char* )?;

	# RFC 9051 §9:
	#   response-data = "*" SP (resp-cond-state / resp-cond-bye /
	#                   mailbox-data / message-data / capability-data /
	#                   enable-data) CRLF
	#   greeting      = "*" SP (resp-cond-auth / resp-cond-bye) CRLF
	untagged = ( '*' >k_untagged ) SP tail;

	# RFC 9051 §9: continue-req = "+" SP (resp-text / base64) CRLF
	# A bare "+" is accepted too: servers send "+" CRLF for an empty
	# challenge and nginx only looks at the "+".
	continue = '+' >k_continue ( SP rest_char* )?;

	# RFC 9051 §9: response-tagged = tag SP resp-cond-state CRLF
	# (any first word is taken; the core decides what OK/NO/BAD mean)
	tagged = ( tag >k_tagged ) SP tail;

	line = ( untagged | continue | tagged ) CRLF @done;

	main := line $!bad;

	# Error recovery: every byte up to and including the LF.
	skip := ( any - '\n' )* '\n' @invalid;
}%%

%% write data;

void pt_imap_resp_init(struct pt_imap_resp_parser *R)
{
	R->off = 0;
	R->mark = 0;
	R->kind = 0;
	R->tag.off = 0;
	R->tag.len = 0;
	R->cond = PT_IMAP_COND_OTHER;
	R->status = PT_PARSE_MORE;
	%% write init;
}

enum pt_parse_status pt_imap_resp_parse(struct pt_imap_resp_parser *R, const uint8_t *buf,
                                        size_t len)
{
	const uint8_t *p, *pe, *eof = NULL;   /* end of stream is the caller's */

	if (R->status != PT_PARSE_MORE)
		return R->status;
	/* A shrunk buffer is a caller bug, a huge one does not fit a span:
	 * both are refused without reading. */
	if (R->off > len || len > UINT32_MAX) {
		R->status = PT_PARSE_INVALID;
		return R->status;
	}
	p = buf + R->off;
	pe = buf + len;
	(void)eof;
	%% write exec;
	R->off = (size_t)(p - buf);
	return R->status;
}
