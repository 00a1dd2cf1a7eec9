/*
 * smtp.rl - SMTP client command lines before login (src/proto/smtp_cmd.h).
 *
 * Implementation notes:
 * - Three machines over the same struct: main (a command line), sasl_line
 *   (an AUTH continuation line) and skip (the rest of a bad line).  A bad
 *   byte that is not the LF moves to skip, which reads up to the LF, so a
 *   bad line is always read whole and the caller can drop it; a bad byte
 *   that is the LF (an empty line "\n") ends the bad line at once.  The
 *   failing byte is never re-read (no fhold: at buf[0] that would step p
 *   before buf).
 * - Resumable: the whole state is cs plus the fields of the struct, and
 *   every result is an offset into the caller's buf, which holds the line
 *   from its first byte on every call.  Each byte is run through a machine
 *   once; only at the LF does pt_smtp_line_end() look back one byte for the
 *   CR of CRLF.
 * - Bounds: the arguments, PT_SMTP_ARGS_MAX, by a Ragel condition on an
 *   argument's first byte (going over is a plain grammar error).  The verb,
 *   the arguments and a skipped line are bounded by the caller's buffer
 *   (nginx: one page): the caller sees MORE with a full buffer and answers
 *   "too long", as nginx does.  Spans are 32-bit, so a buffer is read no
 *   further than PT_SMTP_BUF_MAX.
 * - After DONE or INVALID the result is sticky: further calls change nothing.
 *
 * nginx (ngx_mail_smtp_parse_command, src/mail/ngx_mail_parse.c) is the
 * model; where this grammar differs, the rule below says so and why:
 *   - a word of letters nginx does not know (DATA, ETRN, ...) and VRFY,
 *     EXPN, HELP (which nginx knows only to refuse) are DONE/UNKNOWN here,
 *     not a parse error: the core answers "500 5.5.1 Invalid command"
 *     either way and counts the error, as nginx does;
 *   - at most PT_SMTP_ARGS_MAX (10) arguments: nginx checks "nelts <= 10"
 *     before it adds one, so it takes an 11th;
 *   - NUL is refused everywhere (nginx takes it inside arguments);
 *   - a SASL continuation line is one argument, spaces included (nginx
 *     splits it at spaces like a command's arguments; base64 has none).
 */
#include <string.h>
#include "proto/smtp_cmd.h"

/* pt_span holds 32-bit offsets: a longer buffer is read no further than
 * this, so no offset is ever truncated (the caller's buffer is a page). */
#define PT_SMTP_BUF_MAX UINT32_MAX

static void pt_smtp_arg_begin(struct pt_smtp_parser *P, size_t off)
{
	struct pt_span *a = &P->args[P->nargs++];  /* the args_room condition keeps nargs < MAX */

	a->off = (uint32_t)off;
	a->len = 0;
	P->mark = off;
}

/* The current argument ends just before buf offset end. */
static void pt_smtp_arg_end(struct pt_smtp_parser *P, size_t end)
{
	P->args[P->nargs - 1].len = (uint32_t)(end - P->mark);
}

/* The item ends with the LF at buf[lf]: `line` is everything before its
 * line end (the CR of a CRLF is the line end's). */
static void pt_smtp_line_end(struct pt_smtp_parser *P, const uint8_t *buf, size_t lf,
                             enum pt_parse_status result)
{
	size_t end = lf;

	if (end > 0 && buf[end - 1] == '\r')
		end--;
	P->line.off = 0;
	P->line.len = (uint32_t)end;
	P->result = result;
}

%%{
	machine pt_smtp_cmd;
	alphtype unsigned char;
	access P->;

	# ---- conditions: the named bounds ------------------------------------
	action args_room { P->nargs < PT_SMTP_ARGS_MAX }

	# ---- actions ---------------------------------------------------------
	action fail {
		if (fc == '\n') {
			pt_smtp_line_end(P, buf, (size_t)(fpc - buf), PT_PARSE_INVALID);
			fbreak;
		}
		fgoto skip;
	}

	action cmd_helo     { P->cmd = PT_SMTP_CMD_HELO; }
	action cmd_ehlo     { P->cmd = PT_SMTP_CMD_EHLO; }
	action cmd_auth     { P->cmd = PT_SMTP_CMD_AUTH; }
	action cmd_starttls { P->cmd = PT_SMTP_CMD_STARTTLS; }
	action cmd_mail     { P->cmd = PT_SMTP_CMD_MAIL; }
	action cmd_rcpt     { P->cmd = PT_SMTP_CMD_RCPT; }
	action cmd_rset     { P->cmd = PT_SMTP_CMD_RSET; }
	action cmd_noop     { P->cmd = PT_SMTP_CMD_NOOP; }
	action cmd_quit     { P->cmd = PT_SMTP_CMD_QUIT; }

	action verb_end {
		P->verb.off = 0;
		P->verb.len = (uint32_t)(fpc - buf);
	}

	action arg_begin { pt_smtp_arg_begin(P, (size_t)(fpc - buf)); }
	action arg_end   { pt_smtp_arg_end(P, (size_t)(fpc - buf)); }

	action line_done {
		pt_smtp_line_end(P, buf, (size_t)(fpc - buf), PT_PARSE_DONE);
		fbreak;
	}

	action sasl_done {
		pt_smtp_line_end(P, buf, (size_t)(fpc - buf), PT_PARSE_DONE);
		P->nargs = 1;
		P->args[0] = P->line;
		fbreak;
	}

	action skip_done {
		pt_smtp_line_end(P, buf, (size_t)(fpc - buf), PT_PARSE_INVALID);
		fbreak;
	}

	# ---- RFC 5234 App. B core rules -----------------------------------------
	# ALPHA = %x41-5A / %x61-7A ; CR = %x0D ; LF = %x0A ; SP = %x20
	ALPHA = [A-Za-z];
	CR    = 0x0d;
	LF    = 0x0a;
	SP    = 0x20;
	NUL   = 0x00;

	# RFC 5321 §2.3.8: "Lines consist of zero or more data characters
	# terminated by the sequence ASCII character "CR" (hex value 0D)
	# followed immediately by ASCII character "LF" (hex value 0A)."
	# nginx takes a bare LF as well (ngx_mail_parse.c), and so do we
	# (smtp_cmd.h); a CR not followed by LF is a bad line.
	eol = CR? LF;

	# ---- the verb ------------------------------------------------------------
	# RFC 5321 §4.1.1:
	#   helo = "HELO" SP Domain CRLF
	#   ehlo = "EHLO" SP ( Domain / address-literal ) CRLF
	#   mail = "MAIL FROM:" Reverse-path [SP Mail-parameters] CRLF
	#   rcpt = "RCPT TO:" ( "<Postmaster@" Domain ">" / "<Postmaster>" /
	#               Forward-path ) [SP Rcpt-parameters] CRLF
	#   rset = "RSET" CRLF
	#   noop = "NOOP" [ SP String ] CRLF
	#   quit = "QUIT" CRLF
	# RFC 3207 §4: "The format for the STARTTLS command is: STARTTLS with no
	#   parameters."
	# RFC 4954 §8:
	#   auth-command = "AUTH" SP sasl-mech [SP initial-response] ...
	#   initial-response = base64 / "="
	# RFC 5321 §2.4: "Verbs and argument values (e.g., "TO:" or "to:" in the
	# RCPT command and extension name keywords) are not case sensitive".
	# nginx: the verb is the run of letters up to SP, CR or LF; it knows
	# 4-letter verbs and the 8-letter STARTTLS; another byte in the verb
	# (a digit, "-", NUL) or an empty verb is a bad line.  Here any other
	# word of letters is UNKNOWN (see the notes above).
	known = 'HELO'i     %cmd_helo
	      | 'EHLO'i     %cmd_ehlo
	      | 'AUTH'i     %cmd_auth
	      | 'STARTTLS'i %cmd_starttls
	      | 'MAIL'i     %cmd_mail
	      | 'RCPT'i     %cmd_rcpt
	      | 'RSET'i     %cmd_rset
	      | 'NOOP'i     %cmd_noop
	      | 'QUIT'i     %cmd_quit;
	known_words = 'HELO'i | 'EHLO'i | 'AUTH'i | 'STARTTLS'i | 'MAIL'i | 'RCPT'i
	            | 'RSET'i | 'NOOP'i | 'QUIT'i;
	verb = ( known | ( ALPHA+ - known_words ) ) %verb_end;

	# ---- the arguments -------------------------------------------------------
	# RFC 5321 §4.1.2 has a grammar per command ("FROM:<a@b>", esmtp-param
	# "SIZE=10", ...); nginx does not use it and neither do we: MAIL and
	# RCPT lines are kept whole (`line`) for Auth-SMTP-From/To and the
	# replay to the backend, and the core checks what it uses.  As nginx
	# (sw_spaces_before_argument / sw_argument): arguments are runs of any
	# byte but SP, CR and LF, separated by runs of SP, with spaces allowed
	# before the first one (RFC 5321: exactly one SP) and after the last.
	# Deviation: NUL is refused (nginx takes it), so no argument can be cut
	# short by a C string function later.  8-bit bytes pass (RFC 6531
	# SMTPUTF8 addresses).  The count is bounded by PT_SMTP_ARGS_MAX.
	arg_char = any - ( SP | CR | LF | NUL );
	arg = ( arg_char when args_room ) >arg_begin arg_char* %arg_end;
	params = ( SP+ arg )* SP*;

	# ---- the command line ----------------------------------------------------
	# RFC 5321 §4.1.1: "SMTP commands are character strings terminated by
	# <CRLF>.  The commands themselves are alphabetic characters terminated
	# by <SP> if parameters follow and <CRLF> otherwise."
	main := ( verb params eol @line_done ) $!fail;

	# ---- an AUTH continuation line ---------------------------------------------
	# RFC 4954 §8:
	#   auth-command    = "AUTH" SP sasl-mech [SP initial-response]
	#                     *(CRLF [base64]) [CRLF cancel-response]
	#                     CRLF
	#   cancel-response = "*"
	# The line after a "334" challenge is taken whole as args[0] (empty
	# allowed); its checks are the SASL grammar's (sasl.rl).  Only NUL,
	# which no line may hold, is refused here; a CR inside is left to
	# sasl.rl, as in imap.rl.
	sasl_line := ( ( any - NUL - LF )* LF @sasl_done ) $!fail;

	# ---- the rest of a bad line ----------------------------------------------
	# nginx ("skip invalid command till LF"): read up to the LF whatever
	# comes, so the caller can drop the line and go on with the next.
	skip := ( any - LF )* LF @skip_done;
}%%

%% write data;

void pt_smtp_cmd_init(struct pt_smtp_parser *P)
{
	memset(P, 0, sizeof(*P));
	%% write init;
}

void pt_smtp_cmd_init_sasl_line(struct pt_smtp_parser *P)
{
	memset(P, 0, sizeof(*P));
	P->cs = pt_smtp_cmd_en_sasl_line;
}

enum pt_parse_status pt_smtp_cmd_parse(struct pt_smtp_parser *P, const uint8_t *buf, size_t len)
{
	if (P->result != PT_PARSE_MORE)
		return P->result;           /* the line was complete already */
	if (len > PT_SMTP_BUF_MAX)
		len = PT_SMTP_BUF_MAX;
	if (len <= P->off)
		return PT_PARSE_MORE;       /* nothing new (buf may then be NULL) */

	const unsigned char *p = buf + P->off;
	const unsigned char *pe = buf + len;
	/* Lines end at LF, never at the end of input: eof stays NULL. */
	const unsigned char *eof = NULL;

	%% write exec;

	P->off = (size_t)(p - buf);
	if (P->result == PT_PARSE_INVALID) {
		/* A bad line reports its `line` and nothing of a command that
		 * will not run. */
		P->cmd = PT_SMTP_CMD_UNKNOWN;
		P->verb.len = 0;
		P->nargs = 0;
		memset(P->args, 0, sizeof(P->args));
	}
	return P->result;
}
