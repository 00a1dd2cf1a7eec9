/*
 * sieve.rl - ManageSieve client command lines before login
 * (src/proto/sieve_cmd.h).
 *
 * Implementation notes:
 * - Three machines over the same struct: main (a command line), sasl_line
 *   (one SASL string on its own line) and skip (the rest of a bad line).
 *   An error in main or sasl_line re-reads the failing byte in skip
 *   (fhold; fgoto), so a bad line is always read up to its LF and the
 *   caller can drop it.
 * - Resumable: the whole state is cs plus the fields of the struct, and
 *   every result is an offset into the caller's buf, which holds the line
 *   from its first byte on every call.  The machines read no byte twice;
 *   only at the LF of a bad line does pt_sieve_ends_in_literal() look back
 *   at the few bytes before it.
 * - Literal bytes are not machine input.  At the LF of "{n}" or "{n+}"
 *   the machine fbreaks; pt_sieve_cmd_parse() counts n bytes forward
 *   without looking at them and resumes the machine in the state right
 *   after that LF, which admits only SP or the line end.
 * - Bounds, each named: the arguments PT_SIEVE_ARGS_MAX (a Ragel
 *   condition, so a third one is a plain grammar error); a literal's
 *   length is checked against p->max_literal and RFC 5804's number bound
 *   PT_SIEVE_NUMBER_MAX at its '}', before any of its bytes; the command
 *   name is one of five words.  Quoted strings and a skipped line are
 *   bounded by the caller's buffer: the caller sees MORE with a full
 *   buffer and answers "too long".
 * - Work: each byte of buf runs through a machine at most once; literal
 *   bytes cost O(1) per call whatever their number; a bad line's end is
 *   looked at once more (its "{digits+}" tail at most).
 */
#include <string.h>
#include "proto/literal.h"
#include "proto/sieve_cmd.h"

/* RFC 5804 §4: number = 1*DIGIT ;; 0 <= number < 4,294,967,296 */
#define PT_SIEVE_NUMBER_MAX ((uint64_t)UINT32_MAX)

/* pt_span holds 32-bit offsets: a longer buffer is read no further than
 * this, so no offset is ever truncated (the caller's buffer is a page). */
#define PT_SIEVE_BUF_MAX UINT32_MAX

static void pt_sieve_arg_begin(struct pt_sieve_parser *P, enum pt_sieve_arg_kind kind, size_t off)
{
	struct pt_sieve_arg *a = &P->args[P->nargs++];  /* the grammar keeps nargs < MAX */

	a->kind = kind;
	a->span.off = (uint32_t)off;
	a->span.len = 0;
}

/* The current argument ends just before buf offset end. */
static void pt_sieve_arg_end(struct pt_sieve_parser *P, size_t end)
{
	struct pt_sieve_arg *a = &P->args[P->nargs - 1];

	a->span.len = (uint32_t)(end - a->span.off);
}

static void pt_sieve_lit_digit(struct pt_sieve_parser *P, unsigned d)
{
	/* Saturate past the bound instead of wrapping: judged at '}'. */
	if (P->literal_len <= PT_SIEVE_NUMBER_MAX)
		P->literal_len = P->literal_len * 10 + d;
}

/*
 * A bad line that ends in a literal header ("{5+}" or "{5}" right before
 * its line end) is followed by literal bytes the client sends unasked
 * (ManageSieve has no continuation): they must never run as commands.
 * This looks at the line's bytes, not at what the machine made of them,
 * so a header at the end of an unclosed quoted string counts too; closing
 * is the safe answer (pt_literal_tail).
 */
static int pt_sieve_ends_in_literal(const uint8_t *buf, size_t lf)
{
	return pt_literal_tail(buf, lf) != PT_LITERAL_NONE;
}

%%{
	machine pt_sieve_cmd;
	alphtype unsigned char;
	access P->;

	# ---- conditions: the named bounds ------------------------------------
	action args_room { P->nargs < PT_SIEVE_ARGS_MAX }

	# ---- actions ---------------------------------------------------------
	action fail { fhold; fgoto skip; }

	action cmd_authenticate { P->cmd = PT_SIEVE_CMD_AUTHENTICATE; }
	action cmd_capability   { P->cmd = PT_SIEVE_CMD_CAPABILITY; }
	action cmd_logout       { P->cmd = PT_SIEVE_CMD_LOGOUT; }
	action cmd_noop         { P->cmd = PT_SIEVE_CMD_NOOP; }
	action cmd_starttls     { P->cmd = PT_SIEVE_CMD_STARTTLS; }

	# Spans grow with every byte, so they never reach past p->off.
	action q_begin { pt_sieve_arg_begin(P, PT_SIEVE_ARG_QUOTED, (size_t)(fpc - buf) + 1); }
	action q_end   { pt_sieve_arg_end(P, (size_t)(fpc - buf)); }

	action lit_begin {
		pt_sieve_arg_begin(P, PT_SIEVE_ARG_LITERAL, (size_t)(fpc - buf));
		P->literal_len = 0;
		P->lit_bad = 0;
	}
	action lit_digit { pt_sieve_lit_digit(P, (unsigned)(fc - '0')); }
	# The length is judged here, at '}': nothing after this byte can change
	# it, and the line end that follows is where its bytes would start.
	action lit_close {
		if (P->literal_len > PT_SIEVE_NUMBER_MAX || P->literal_len > (uint64_t)P->max_literal)
			P->lit_bad = 1;
	}
	action lit_go {
		if (P->lit_bad) {
			/* The line ends here and is bad; its bytes would follow. */
			P->ends_in_literal = 1;
			P->result = PT_PARSE_INVALID;
			fbreak;
		}
		/* The bytes start after this LF; the span grows as they are taken. */
		P->args[P->nargs - 1].span.off = (uint32_t)(fpc - buf + 1);
		P->literal_left = P->literal_len;
		P->in_literal = 1;
		fbreak;
	}

	action line_done { P->result = PT_PARSE_DONE; fbreak; }

	action skip_done {
		P->ends_in_literal = pt_sieve_ends_in_literal(buf, (size_t)(fpc - buf));
		P->result = PT_PARSE_INVALID;
		fbreak;
	}

	# ---- RFC 5234 App. B core rules -----------------------------------------
	# CR = %x0D ; LF = %x0A ; SP = %x20 ; DQUOTE = %x22 ; DIGIT = %x30-39
	CR     = 0x0d;
	LF     = 0x0a;
	SP     = 0x20;
	DQUOTE = 0x22;
	DIGIT  = 0x30..0x39;

	# RFC 5804 §4: CRLF line ends; as nginx does for its protocols, a bare
	# LF is taken too.
	eol = CR? LF;

	# ---- quoted strings ------------------------------------------------------
	# RFC 5804 §4:
	#   quoted          = DQUOTE *QUOTED-CHAR DQUOTE
	#   QUOTED-CHAR     = SAFE-UTF8-CHAR / "\" QUOTED-SPECIALS
	#   QUOTED-SPECIALS = DQUOTE / "\"
	#   SAFE-UTF8-CHAR  = SAFE-CHAR / UTF8-2 / UTF8-3 / UTF8-4
	#   SAFE-CHAR       = %x01-09 / %x0B-0C / %x0E-21 / %x23-5B / %x5D-7F
	# So no NUL, CR or LF, and "\" escapes only DQUOTE and "\".  Bytes
	# %x80-FF are taken without checking the UTF-8 sequences (as imap.rl
	# does): nothing here depends on their encoding.
	quoted_char = ( 0x01..0xff - ( CR | LF | DQUOTE | '\\' ) )
	            | '\\' ( DQUOTE | '\\' );
	quoted = DQUOTE @q_begin quoted_char* DQUOTE @q_end;

	# ---- literals ------------------------------------------------------------
	# RFC 5804 §4:
	#   literal-c2s     = "{" number "+}" CRLF *OCTET
	#   literal-s2c     = "{" number "}" CRLF *OCTET
	#   number          = 1*DIGIT  ;; 0 <= number < 4,294,967,296
	# Only the header is grammar; the octets are counted by
	# pt_sieve_cmd_parse() and never scanned.  {n} from a client is taken
	# like {n+} (sieve_cmd.h): there is no continuation to wait for.
	literal = '{' @lit_begin ( DIGIT @lit_digit )+ '+'? '}' @lit_close CR? LF @lit_go;

	# RFC 5804 §4: string = quoted / literal-c2s / literal-s2c
	string = quoted | literal;

	# ---- command names -------------------------------------------------------
	# RFC 5804 §4:
	#   command-authenticate = "AUTHENTICATE" SP auth-type [SP string]
	#                          *(CRLF string)
	#   auth-type            = string
	#   command-capability   = "CAPABILITY" CRLF
	#   command-logout       = "LOGOUT" CRLF
	#   command-noop         = "NOOP" [SP string] CRLF
	#   command-starttls     = "STARTTLS" CRLF
	# RFC 5804 §1.2: command names are case-insensitive.  These five are
	# the commands of the non-authenticated state (§2) a proxy answers;
	# any other name is a bad line.
	command_name = 'AUTHENTICATE'i @cmd_authenticate
	             | 'CAPABILITY'i   @cmd_capability
	             | 'LOGOUT'i       @cmd_logout
	             | 'NOOP'i         @cmd_noop
	             | 'STARTTLS'i     @cmd_starttls;

	# Arguments are kept generic, any string up to PT_SIEVE_ARGS_MAX:
	# how many a command takes is the core's check.  Exactly one SP
	# separates them (RFC 5804 §4).
	args = ( ( SP when args_room ) string )*;

	main := ( command_name args eol @line_done ) $!fail;

	# ---- a SASL continuation line --------------------------------------------
	# RFC 5804 §2.1: "the client [...] responds with a string" on a line of
	# its own (command-authenticate's *(CRLF string)); a client aborts the
	# exchange with the string "*" (base64 never is "*").  cmd is SASL
	# from pt_sieve_cmd_init_sasl_line().
	sasl_line := ( string eol @line_done ) $!fail;

	# ---- the rest of a bad line ----------------------------------------------
	# Read up to the LF whatever comes, so the caller can drop the line;
	# at the LF, pt_sieve_ends_in_literal() looks at how it ended.
	skip := ( any - LF )* LF @skip_done;
}%%

%% write data;

void pt_sieve_cmd_init(struct pt_sieve_parser *P, size_t max_literal)
{
	memset(P, 0, sizeof(*P));
	P->max_literal = max_literal;
	%% write init;
}

void pt_sieve_cmd_init_sasl_line(struct pt_sieve_parser *P, size_t max_literal)
{
	memset(P, 0, sizeof(*P));
	P->max_literal = max_literal;
	P->cmd = PT_SIEVE_CMD_SASL;
	P->cs = pt_sieve_cmd_en_sasl_line;
}

/* After the line end: a bad line keeps nothing of a command that will not run. */
static enum pt_parse_status pt_sieve_cmd_finish(struct pt_sieve_parser *P)
{
	if (P->result == PT_PARSE_INVALID) {
		P->cmd = PT_SIEVE_CMD_UNKNOWN;
		P->nargs = 0;
		memset(P->args, 0, sizeof(P->args));
	}
	return P->result;
}

enum pt_parse_status pt_sieve_cmd_parse(struct pt_sieve_parser *P, const uint8_t *buf, size_t len)
{
	if (P->result != PT_PARSE_MORE)
		return P->result;           /* the line was complete already */
	if (len > PT_SIEVE_BUF_MAX)
		len = PT_SIEVE_BUF_MAX;
	if (len < P->off)
		len = P->off;               /* fewer bytes than before: nothing new */

	for (;;) {
		if (P->in_literal) {
			/* Counted, never scanned: take what has come of the n bytes. */
			size_t take = pt_literal_take(&P->literal_left, &P->off, len);

			P->args[P->nargs - 1].span.len += (uint32_t)take;
			if (P->literal_left > 0)
				return PT_PARSE_MORE;
			P->in_literal = 0;
		}

		const unsigned char *p = buf + P->off;
		const unsigned char *pe = buf + len;
		/* Lines end at LF, never at the end of input: eof stays NULL. */
		const unsigned char *eof = NULL;

		%% write exec;

		P->off = (size_t)(p - buf);
		if (P->result != PT_PARSE_MORE)
			return pt_sieve_cmd_finish(P);
		if (P->in_literal)
			continue;
		return PT_PARSE_MORE;
	}
}
