/*
 * smtp_resp.rl - one SMTP reply, single- or multi-line, as a backend sends
 * it while postern logs in for the client (src/proto/smtp_resp.h has the
 * contract).
 *
 * Implementation notes.
 *   State: Ragel's cs, R->off (bytes of buf read), R->mark (start of the
 *   line being read), R->code (the first line's code, which every later
 *   line must repeat), R->lines (line ends read), the EHLO flags and
 *   R->status (sticky once the reply is over).  The caller keeps the reply
 *   from its first byte at buf[0] and nothing is copied or looked at twice,
 *   so any split of the input gives the same result.
 *   Bounds: at most PT_SMTP_RESP_LINES_MAX lines (a Ragel condition on the
 *   first byte of each later line, so one line more is a plain grammar
 *   error); the bytes are bounded by the caller's proxy_buffer, as in
 *   nginx.
 *   Errors: a bad reply is read to the LF of the line where it went wrong
 *   (INVALID with R->off just past it), as parse.h says, so the caller can
 *   log or relay it.  A bad byte that is itself an LF (a bare LF, an empty
 *   "\n" line) ends it there; no byte after that LF is read.  On INVALID
 *   the code and the EHLO flags are cleared: nothing of a bad reply is
 *   acted on.
 *   The EHLO flags are set while the lines are read (read them after DONE).
 *
 * nginx (ngx_mail_proxy_read_response) looks at the first line's code and
 * at the 4th byte of the last line only, and takes the whole buffer as the
 * reply.  This machine reads every line: the same code on each, "-" on all
 * but the last, CRLF line ends (as nginx, a bare LF is no line end), and
 * DONE at the end of the last line, so bytes after the reply are left for
 * the next one.
 */
#include "proto/smtp_resp.h"

%%{
	machine pt_smtp_resp;
	alphtype unsigned char;
	access R->;

	# ---- conditions: the same code on every line, the line bound --------------
	action same_d1 {
		R->lines < PT_SMTP_RESP_LINES_MAX && (unsigned)fc == '0' + R->code / 100
	}
	action same_d2 { (unsigned)fc == '0' + R->code / 10 % 10 }
	action same_d3 { (unsigned)fc == '0' + R->code % 10 }

	# ---- actions ---------------------------------------------------------
	action d1 { R->code = (unsigned)(fc - '0') * 100; }
	action d2 { R->code += (unsigned)(fc - '0') * 10; }
	action d3 { R->code += (unsigned)(fc - '0'); }

	action line_start { R->mark = (size_t)(fpc - buf); }
	action line_end   { R->lines++; }
	action done       { R->status = PT_PARSE_DONE; fbreak; }

	action ehlo_auth_plain { R->ehlo_auth_plain = 1; }
	action ehlo_auth_login { R->ehlo_auth_login = 1; }
	action ehlo_xclient    { R->ehlo_xclient = 1; }
	action ehlo_starttls   { R->ehlo_starttls = 1; }

	# A byte no rule allows: the reply is bad.  If that byte is the LF the
	# bad line ends here; otherwise skip to the LF (no fhold: re-reading
	# the byte would step p before buf when the first byte is bad).
	action bad {
		if (fc == '\n') {
			R->lines++;
			R->status = PT_PARSE_INVALID;
			fbreak;
		}
		fgoto skip;
	}
	action invalid { R->lines++; R->status = PT_PARSE_INVALID; fbreak; }

	# ---- RFC 5234 App. B core rules ------------------------------------------
	# CR = %x0D ; LF = %x0A ; SP = %x20 ; CRLF = CR LF ; DIGIT = %x30-39
	CR    = 0x0d;
	LF    = 0x0a;
	SP    = 0x20;
	NUL   = 0x00;
	CRLF  = CR LF;

	# ---- text ------------------------------------------------------------
	# RFC 5321 §4.2:
	#   textstring     = 1*(%d09 / %d32-126) ; HT, SP, Printable US-ASCII
	# Deviation: any byte but CR, LF and NUL passes.  Servers send 8-bit
	# text (localized messages; RFC 6531 SMTPUTF8) and other control bytes,
	# nothing here depends on the text, and a relayed reply goes out as it
	# came.  A CR only in CRLF, RFC 5321 §2.3.8:
	#   Lines consist of zero or more data characters terminated by the
	#   sequence ASCII character "CR" (hex value 0D) followed immediately
	#   by ASCII character "LF" (hex value 0A).
	# and a bare LF is no line end (nginx: a reply must end in CRLF).  The
	# text may be empty after "-" and after SP (RFC: [ textstring ] and
	# [ SP textstring ]; "250 " + CRLF is taken as well).
	text_char = any - ( CR | LF | NUL );
	text = text_char*;

	# ---- the code --------------------------------------------------------
	# RFC 5321 §4.2:
	#   Reply-code     = %x32-35 %x30-35 %x30-39
	# RFC 5321 §4.2.1 also defines a first digit of 1 ("1yz Positive
	# Preliminary reply"), so 1 is taken too: the code is 100..559, and
	# the core decides what a code means.
	code_first = [1-5] @d1 [0-5] @d2 [0-9] @d3;

	# RFC 5321 §4.2.1: "In a multiline reply, the reply code on each of the
	# lines MUST be the same."  A later line repeats the first line's code,
	# digit by digit; its first digit also carries the line bound.
	code_again = ( [0-9] when same_d1 ) >line_start ( [0-9] when same_d2 )
	             ( [0-9] when same_d3 );

	# ---- EHLO keywords (the lines after the first) ------------------------------
	# RFC 5321 §4.1.1.1:
	#   ehlo-ok-rsp    = ( "250" SP Domain [ SP ehlo-greet ] CRLF )
	#                    / ( "250-" Domain [ SP ehlo-greet ] CRLF
	#                    *( "250-" ehlo-line CRLF )
	#                    "250" SP ehlo-line CRLF )
	#   ehlo-line      = ehlo-keyword *( SP ehlo-param )
	#   ehlo-keyword   = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")
	#   ehlo-param     = 1*(%d33-126)
	# RFC 5321 §2.4: extension name keywords are not case sensitive.
	# The text of a later line is read as ehlo-line beside plain text (a
	# union): a keyword's action runs on the byte after it, SP or the CR,
	# so "STARTTLSX" or "XCLIENT-2" sets nothing.  A keyword anywhere but at
	# the start of the text is text.
	#
	# RFC 4954 §3: the EHLO keyword "AUTH" has as its parameter "a
	# space-separated list of the names of available SASL mechanisms";
	#   sasl-mech    = 1*20mech-char  (RFC 4422 §3.1)
	# Also the pre-standard "AUTH=" form of drafts before RFC 2554, still
	# sent for old clients (Postfix broken_sasl_auth_clients, Exchange):
	# "250-AUTH=LOGIN PLAIN".  After "AUTH" and SP or "=", the rest of the
	# text split at runs of SP is the list; a mechanism is any run of text
	# bytes but SP here, and only PLAIN and LOGIN, as whole words, set flags
	# (the backend login uses AUTH PLAIN, as nginx's does).
	mech_char = text_char - SP;
	mech = 'PLAIN'i %ehlo_auth_plain
	     | 'LOGIN'i %ehlo_auth_login
	     | ( mech_char+ - ( 'PLAIN'i | 'LOGIN'i ) );
	kw_auth = 'AUTH'i ( SP | '=' ) SP* ( mech ( SP+ mech )* SP* )?;

	# Postfix XCLIENT_README: the EHLO keyword XCLIENT is followed by the
	# attribute names the server takes, e.g. "250-XCLIENT NAME ADDR PROTO
	# HELO"; only the keyword matters here.
	kw_xclient = 'XCLIENT'i %ehlo_xclient ( SP text )?;

	# RFC 3207 §4: "250-STARTTLS" in the EHLO reply, no parameters.
	kw_starttls = 'STARTTLS'i %ehlo_starttls ( SP text )?;

	ehlo_text = kw_auth | kw_xclient | kw_starttls | text;

	# ---- the reply -----------------------------------------------------------
	# RFC 5321 §4.2:
	#   Reply-line     = *( Reply-code "-" [ textstring ] CRLF )
	#                    Reply-code [ SP textstring ] CRLF
	#   Greeting       = ( "220 " (Domain / address-literal)
	#                    [ SP textstring ] CRLF ) /
	#                    ( "220-" (Domain / address-literal)
	#                    [ SP textstring ] CRLF
	#                    *( "220-" [ textstring ] CRLF )
	#                    "220" [ SP textstring ] CRLF )
	# The Domain of the greeting and of ehlo-ok-rsp is not checked: it is
	# text for the log.
	first_more = '-' text CRLF @line_end;
	first_last = ( SP text )? CRLF @line_end;
	next_more  = code_again '-' ehlo_text CRLF @line_end;
	next_last  = code_again ( SP ehlo_text )? CRLF @line_end;

	reply = code_first ( first_last | first_more next_more* next_last );

	main := ( reply @done ) $!bad;

	# Error recovery: every byte up to and including the LF.
	skip := ( any - LF )* LF @invalid;
}%%

%% write data;

void pt_smtp_resp_init(struct pt_smtp_resp_parser *R)
{
	R->off = 0;
	R->mark = 0;
	R->code = 0;
	R->lines = 0;
	R->ehlo_auth_plain = 0;
	R->ehlo_auth_login = 0;
	R->ehlo_xclient = 0;
	R->ehlo_starttls = 0;
	R->status = PT_PARSE_MORE;
	%% write init;
}

enum pt_parse_status pt_smtp_resp_parse(struct pt_smtp_resp_parser *R, const uint8_t *buf,
                                        size_t len)
{
	const uint8_t *p, *pe, *eof = NULL;   /* end of stream is the caller's */

	if (R->status != PT_PARSE_MORE)
		return R->status;
	/* A shrunk buffer is a caller bug: refused without reading. */
	if (R->off > len) {
		R->status = PT_PARSE_INVALID;
		R->code = 0;
		return R->status;
	}
	if (R->off == len)
		return PT_PARSE_MORE;       /* nothing new (buf may then be NULL) */
	p = buf + R->off;
	pe = buf + len;
	(void)eof;
	%% write exec;
	R->off = (size_t)(p - buf);
	if (R->status == PT_PARSE_INVALID) {
		R->code = 0;
		R->ehlo_auth_plain = 0;
		R->ehlo_auth_login = 0;
		R->ehlo_xclient = 0;
		R->ehlo_starttls = 0;
	}
	return R->status;
}
