/*
 * pop3.rl - POP3 client command lines before login (src/proto/pop3_cmd.h).
 *
 * Implementation notes:
 * - Three machines over the same struct: main (a command line), sasl_line
 *   (a SASL continuation line after AUTH) and skip (the rest of a bad
 *   line).  An error in main or sasl_line re-reads the failing byte in
 *   skip (fhold; fgoto), so a bad line is always read up to its LF and the
 *   caller can drop it, as nginx's sw_invalid does.
 * - Resumable: the whole state is cs plus the fields of the struct, and
 *   every result is an offset into the caller's buf, which holds the line
 *   from its first byte on every call.  No byte is read twice, and none
 *   is looked at again: an argument's span grows with each of its bytes,
 *   so it never reaches past p->off.
 * - Bounds, each named: the keyword is one of eight four-letter words;
 *   the arguments PT_POP3_ARGS_MAX (a Ragel condition on an argument's
 *   first byte, so a third one is a plain grammar error); buffers longer
 *   than PT_POP3_BUF_MAX are read no further, so no offset is truncated.
 *   Argument bytes and runs of spaces are bounded by the caller's buffer
 *   (pop3_client_buffer, 128 bytes by default): the caller sees MORE with
 *   a full buffer and answers "too long", as nginx does.
 * - Work: each byte of buf runs through a machine once; O(1) per byte.
 *
 * Where this differs from nginx (ngx_mail_pop3_parse_command, 1.21+),
 * each said again at its rule below:
 * - NUL is refused anywhere (pop3_cmd.h); nginx takes it in arguments.
 * - A third argument is INVALID here, in the grammar (pop3_cmd.h); nginx's
 *   parser takes up to three ("s->args.nelts <= 2" before each one) and
 *   leaves the refusal to the handlers (APOP wants 2, USER/PASS 1, AUTH at
 *   most 2: ngx_mail_auth_parse), so the client sees the same
 *   "-ERR invalid command" either way.
 * - A SASL line is one argument, the whole line (pop3_cmd.h); nginx reads
 *   it in sw_argument of AUTH, cutting it at spaces and CR.  For any
 *   base64 line the two agree; other lines fail the SASL grammar here.
 * - STLS is a keyword whether or not TLS is built in (nginx: only with
 *   NGX_MAIL_SSL); whether it may run is the core's check.
 */
#include <string.h>
#include "proto/pop3_cmd.h"

/* pt_span holds 32-bit offsets: a longer buffer is read no further than
 * this, so no offset is ever truncated (the caller's buffer is small). */
#define PT_POP3_BUF_MAX UINT32_MAX

static void pt_pop3_arg_begin(struct pt_pop3_parser *P, size_t off)
{
	struct pt_span *a = &P->args[P->nargs++];  /* the grammar keeps nargs < MAX */

	a->off = (uint32_t)off;
	a->len = 1;
	P->mark = off;
}

/* The current argument goes on through buf[off]. */
static void pt_pop3_arg_grow(struct pt_pop3_parser *P, size_t off)
{
	struct pt_span *a = &P->args[P->nargs - 1];

	a->len = (uint32_t)(off + 1 - a->off);
}

%%{
	machine pt_pop3_cmd;
	alphtype unsigned char;
	access P->;

	# ---- conditions: the named bounds ------------------------------------
	action args_room { P->nargs < PT_POP3_ARGS_MAX }

	# ---- actions ---------------------------------------------------------
	action fail { fhold; fgoto skip; }

	action cmd_user { P->cmd = PT_POP3_CMD_USER; }
	action cmd_pass { P->cmd = PT_POP3_CMD_PASS; }
	action cmd_apop { P->cmd = PT_POP3_CMD_APOP; }
	action cmd_auth { P->cmd = PT_POP3_CMD_AUTH; }
	action cmd_capa { P->cmd = PT_POP3_CMD_CAPA; }
	action cmd_noop { P->cmd = PT_POP3_CMD_NOOP; }
	action cmd_quit { P->cmd = PT_POP3_CMD_QUIT; }
	action cmd_stls { P->cmd = PT_POP3_CMD_STLS; }

	action arg_begin { pt_pop3_arg_begin(P, (size_t)(fpc - buf)); }
	action arg_grow  { pt_pop3_arg_grow(P, (size_t)(fpc - buf)); }

	action line_done { P->result = PT_PARSE_DONE; fbreak; }

	action sasl_done {
		size_t end = (size_t)(fpc - buf);

		/* The CR of CRLF is the line end's, not the argument's. */
		if (end > 0 && buf[end - 1] == '\r')
			end--;
		P->nargs = 1;
		P->args[0].off = 0;
		P->args[0].len = (uint32_t)end;
		P->result = PT_PARSE_DONE;
		fbreak;
	}

	action skip_done { P->result = PT_PARSE_INVALID; fbreak; }

	# ---- RFC 5234 App. B core rules -----------------------------------------
	# CR = %x0D ; LF = %x0A ; SP = %x20
	CR  = 0x0d;
	LF  = 0x0a;
	SP  = 0x20;
	NUL = 0x00;

	# RFC 1939 §3: "All commands are terminated by a CRLF pair."
	# nginx (and so we) also take a bare LF; a CR must be followed by LF
	# (nginx's sw_almost_done), so a lone CR makes the line bad.
	eol = CR? LF;

	# ---- arguments -----------------------------------------------------------
	# RFC 2449 §3:
	#   command      =  keyword *(SP param) CRLF    ; 255 octets maximum
	#   keyword      =  3*4VCHAR
	#   param        =  1*VCHAR
	#   VCHAR        =  %x21-7E                     (RFC 5234)
	# RFC 1939 §3: "Keywords and arguments consist of printable ASCII
	# characters.  Keywords and arguments are each separated by a single
	# SPACE character. [...] Each argument may be up to 40 characters long."
	# nginx (sw_argument) takes any byte but SP, CR and LF, and so do we:
	# a legacy 8-bit user name or password goes on to the auth server as it
	# came.  Deviation from nginx (pop3_cmd.h): NUL is refused.  The 40
	# (RFC 2449 §4: 255 for the line) is not checked, as nginx does not:
	# the line is bounded by the caller's buffer.
	arg_char  = any - ( NUL | CR | LF | SP );
	line_char = arg_char | SP;

	# nginx's sw_spaces_before_argument: a run of spaces, not just one,
	# goes before an argument, between two and before the line end
	# ("NOOP \r\n", "APOP a  b").  The RFC's "single SPACE" is not
	# enforced, as nginx does not.
	spaces = SP+;

	# ---- USER and PASS: the rest of the line ---------------------------------
	# RFC 1939 §7:
	#   USER name       valid in the AUTHORIZATION state
	#   PASS string
	# RFC 1939 §7 (PASS): "Since the PASS command has exactly one argument,
	# a POP3 server may treat spaces in the argument as part of the
	# password, instead of as argument separators."
	# nginx does so for USER and PASS: after the spaces that follow the
	# keyword, the argument is the rest of the line, inner and trailing
	# spaces included; a line of spaces only has no argument (the core
	# refuses it).
	rest = arg_char @arg_begin ( line_char @arg_grow )*;
	user_pass = ( 'USER'i @cmd_user | 'PASS'i @cmd_pass ) ( spaces rest? )? eol;

	# ---- the other keywords --------------------------------------------------
	# RFC 1939 §7:
	#   QUIT
	#   NOOP
	#   APOP name digest        valid in the AUTHORIZATION state
	# RFC 2449 §5:  CAPA
	# RFC 2595 §4:  STLS
	# RFC 5034 §4:
	#   auth-command    = "AUTH" SP sasl-mech [SP initial-response]
	#                     *(CRLF [base64]) [CRLF cancel-response]
	#                     CRLF
	#   initial-response= base64 / "="
	# "AUTH" with no mechanism (list the mechanisms) is the older RFC 1734
	# practice that clients still send; nginx answers it.
	# RFC 1939 §3: "Commands in the POP3 consist of a case-insensitive
	# keyword"; "Keywords are three or four characters long."  Before login
	# nginx knows these eight, all four letters; any other word (TOP, STAT,
	# USERX) is a bad line.  How many arguments each takes is the core's
	# check (nginx: APOP 2, AUTH 0..2, and CAPA NOOP QUIT STLS ignore any);
	# the grammar takes up to PT_POP3_ARGS_MAX.
	word = ( arg_char when args_room ) @arg_begin ( arg_char @arg_grow )*;
	keyword = 'APOP'i @cmd_apop
	        | 'AUTH'i @cmd_auth
	        | 'CAPA'i @cmd_capa
	        | 'NOOP'i @cmd_noop
	        | 'QUIT'i @cmd_quit
	        | 'STLS'i @cmd_stls;
	other = keyword ( spaces word )* SP* eol;

	# ---- the command line ----------------------------------------------------
	main := ( ( user_pass | other ) @line_done ) $!fail;

	# ---- a SASL continuation line --------------------------------------------
	# RFC 5034 §4 (above): *(CRLF [base64]) [CRLF cancel-response]
	#   cancel-response = "*"
	# The line is taken whole as one argument; its checks are the SASL
	# grammar's (sasl.rl), and only NUL, which no line may hold, is refused
	# here.  nginx instead reads it as arguments of AUTH (cut at spaces);
	# for a base64 line, the only good one, both give the same argument.
	sasl_line := ( ( any - NUL - LF )* LF @sasl_done ) $!fail;

	# ---- the rest of a bad line ----------------------------------------------
	# nginx's sw_invalid: skip to the LF whatever comes.
	skip := ( any - LF )* LF @skip_done;
}%%

%% write data;

void pt_pop3_cmd_init(struct pt_pop3_parser *P)
{
	memset(P, 0, sizeof(*P));
	%% write init;
}

void pt_pop3_cmd_init_sasl_line(struct pt_pop3_parser *P)
{
	memset(P, 0, sizeof(*P));
	P->cs = pt_pop3_cmd_en_sasl_line;
}

enum pt_parse_status pt_pop3_cmd_parse(struct pt_pop3_parser *P, const uint8_t *buf, size_t len)
{
	if (P->result != PT_PARSE_MORE)
		return P->result;           /* the line was complete already */
	if (len > PT_POP3_BUF_MAX)
		len = PT_POP3_BUF_MAX;
	if (len <= P->off)
		return PT_PARSE_MORE;       /* nothing new (buf may even be NULL) */

	const unsigned char *p = buf + P->off;
	const unsigned char *pe = buf + len;
	/* Lines end at LF, never at the end of input: eof stays NULL. */
	const unsigned char *eof = NULL;

	%% write exec;

	P->off = (size_t)(p - buf);
	if (P->result == PT_PARSE_INVALID) {
		/* A bad line keeps nothing of a command that will not run. */
		P->cmd = PT_POP3_CMD_UNKNOWN;
		P->nargs = 0;
		memset(P->args, 0, sizeof(P->args));
	}
	return P->result;
}
