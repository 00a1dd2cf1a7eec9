/*
 * sieve_resp.rl - ManageSieve server lines during postern's login to the
 * backend (see src/proto/sieve_resp.h).
 *
 * Implementation notes:
 * - Two machines: main (a line) and skip (the rest of a bad line, read to
 *   its LF so the caller can hand the whole line on with
 *   proxy_pass_error_message).
 * - Literal bytes are not machine input: at the LF of "{n}" the machine
 *   fbreaks and pt_sieve_resp_parse() counts n bytes forward, then resumes
 *   right after that LF (as grammar/sieve.rl does).
 * - Bounds: a literal's length against p->max_literal and RFC 5804's
 *   number bound at its '}'; everything else by the caller's buffer.
 */
#include <string.h>
#include "proto/literal.h"
#include "proto/sieve_resp.h"

/* RFC 5804 §4: number = 1*DIGIT ;; 0 <= number < 4,294,967,296 */
#define PT_SIEVE_RESP_NUMBER_MAX ((uint64_t)UINT32_MAX)
/* pt_span holds 32-bit offsets (the caller's buffer is proxy_buffer). */
#define PT_SIEVE_RESP_BUF_MAX UINT32_MAX

/* The first string of a line is its name (a capability's, a challenge). */
static void pt_sieve_resp_str_begin(struct pt_sieve_resp_parser *P, size_t off)
{
	if (P->nstr++ == 0) {
		P->name.off = (uint32_t)off;
		P->name.len = 0;
	}
}

static void pt_sieve_resp_str_end(struct pt_sieve_resp_parser *P, size_t end)
{
	if (P->nstr == 1)
		P->name.len = (uint32_t)(end - P->name.off);
}

%%{
	machine pt_sieve_resp;
	alphtype unsigned char;
	access P->;

	action fail { fhold; fgoto skip; }

	action k_string { P->kind = PT_SIEVE_RESP_STRING; }
	action k_ok     { P->kind = PT_SIEVE_RESP_OK; }
	action k_no     { P->kind = PT_SIEVE_RESP_NO; }
	action k_bye    { P->kind = PT_SIEVE_RESP_BYE; }

	action q_begin { pt_sieve_resp_str_begin(P, (size_t)(fpc - buf) + 1); }
	action q_end   { pt_sieve_resp_str_end(P, (size_t)(fpc - buf)); }

	action lit_begin {
		pt_sieve_resp_str_begin(P, 0);
		P->literal_len = 0;
		P->lit_bad = 0;
	}
	action lit_digit {
		if (P->literal_len <= PT_SIEVE_RESP_NUMBER_MAX)
			P->literal_len = P->literal_len * 10 + (uint64_t)(fc - '0');
	}
	action lit_close {
		if (P->literal_len > PT_SIEVE_RESP_NUMBER_MAX ||
		    P->literal_len > (uint64_t)P->max_literal)
			P->lit_bad = 1;
	}
	action lit_go {
		if (P->lit_bad) {
			fhold; fgoto skip;
		}
		if (P->nstr == 1)
			P->name.off = (uint32_t)(fpc - buf + 1);
		P->literal_left = P->literal_len;
		P->in_literal = 1;
		fbreak;
	}

	action done     { P->result = PT_PARSE_DONE; fbreak; }
	action bad_done { P->result = PT_PARSE_INVALID; fbreak; }

	CR     = 0x0d;
	LF     = 0x0a;
	SP     = 0x20;
	DQUOTE = 0x22;
	DIGIT  = 0x30..0x39;

	# RFC 5804 §4 (as sieve.rl): a string is quoted or a literal.
	#   quoted      = DQUOTE *QUOTED-CHAR DQUOTE
	#   QUOTED-CHAR = SAFE-UTF8-CHAR / "\" QUOTED-SPECIALS
	#   literal-s2c = "{" number "}" CRLF *OCTET
	# A server sends {n}; {n+} is taken too.
	quoted_char = ( 0x01..0xff - ( CR | LF | DQUOTE | '\\' ) ) | '\\' ( DQUOTE | '\\' );
	quoted = DQUOTE @q_begin quoted_char* DQUOTE @q_end;
	literal = '{' @lit_begin ( DIGIT @lit_digit )+ '+'? '}' @lit_close CR LF @lit_go;
	string = quoted | literal;

	# RFC 5804 §1.7:
	#   single-capability = capability-name [SP string] CRLF
	#   capability-name   = string
	# §2.1: a SASL challenge is a string on a line of its own.
	string_line = ( string >k_string ) ( SP string )?;

	# RFC 5804 §4:
	#   response-oknobye = ("OK" / "NO" / "BYE") [SP "(" resp-code ")"]
	#                      [SP string] CRLF
	#   resp-code        = "AUTH-TOO-WEAK" / "ENCRYPT-NEEDED" / "QUOTA" ... /
	#                      "SASL" SP string / "TAG" SP string / resp-code-ext
	# The code is kept loose (sieve_resp.h): printable bytes but the
	# parentheses, quotes and braces, and quoted strings.
	code_char = 0x20..0x7e - ( '(' | ')' | DQUOTE | '{' | '}' | '\\' );
	resp_code = '(' ( code_char | quoted )* ')';
	status = 'OK'i %k_ok | 'NO'i %k_no | 'BYE'i %k_bye;
	status_line = status ( SP resp_code )? ( SP string )?;

	main := ( ( string_line | status_line ) CR LF @done ) $!fail;

	skip := ( any - LF )* LF @bad_done;
}%%

%% write data;

void pt_sieve_resp_init(struct pt_sieve_resp_parser *P, size_t max_literal)
{
	memset(P, 0, sizeof(*P));
	P->max_literal = max_literal;
	%% write init;
}

enum pt_parse_status pt_sieve_resp_parse(struct pt_sieve_resp_parser *P, const uint8_t *buf,
                                         size_t len)
{
	if (P->result != PT_PARSE_MORE)
		return P->result;
	if (len > PT_SIEVE_RESP_BUF_MAX)
		len = PT_SIEVE_RESP_BUF_MAX;
	if (len < P->off)
		len = P->off;

	for (;;) {
		if (P->in_literal) {
			size_t take = pt_literal_take(&P->literal_left, &P->off, len);

			if (P->nstr == 1)
				P->name.len += (uint32_t)take;
			if (P->literal_left > 0)
				return PT_PARSE_MORE;
			P->in_literal = 0;
		}

		const unsigned char *p = buf + P->off;
		const unsigned char *pe = buf + len;
		const unsigned char *eof = NULL;

		%% write exec;

		P->off = (size_t)(p - buf);
		if (P->result != PT_PARSE_MORE)
			return P->result;
		if (P->in_literal)
			continue;
		return PT_PARSE_MORE;
	}
}
