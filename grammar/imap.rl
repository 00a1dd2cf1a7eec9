/*
 * imap.rl - IMAP client command lines before login (src/proto/imap_cmd.h).
 *
 * Implementation notes:
 * - Three machines over the same struct: main (a command line), sasl_line
 *   (a SASL continuation line) and skip (the rest of a bad line).  An error
 *   in main or sasl_line re-reads the failing byte in skip (fhold; fgoto),
 *   so a bad line is always read up to its LF and the caller can drop it.
 * - Resumable: the whole state is cs plus the fields of the struct, and
 *   every result is an offset into the caller's buf, which holds the line
 *   from its first byte on every call.  The machines read no byte twice;
 *   only at the LF of a bad line does pt_imap_ends_in_nonsync() look back
 *   at the few bytes before it.
 * - Literal bytes are not machine input.  At the LF of "{n}" the machine
 *   fbreaks; pt_imap_cmd_parse() counts n bytes forward without looking at
 *   them and then resumes the machine in the state right after that LF,
 *   which admits only SP or the line end: nginx 1.29.6's "a literal is
 *   followed by SP or CRLF" falls out of the grammar.
 * - Bounds, each named: the tag PT_IMAP_TAG_MAX and the arguments
 *   PT_IMAP_ARGS_MAX (Ragel conditions, so going over is a plain grammar
 *   error); a literal's length is checked against p->max_literal and
 *   number64's PT_IMAP_NUMBER64_MAX at its '}', before its line end and so
 *   before any of its bytes; the command name is one of seven words; ID's
 *   pairs, fields and values by PT_IMAP_ID_PAIRS_MAX, _FIELD_MAX and
 *   _VALUE_MAX (conditions too).  Atoms,
 *   quoted strings and a skipped line are bounded by the caller's buffer:
 *   the caller sees MORE with a full buffer and answers "too long".
 * - Work: each byte of buf is run through a machine at most once; literal
 *   bytes cost O(1) per call whatever their number; a bad line's end is
 *   looked at once more (its "{digits+}" tail at most).
 */
#include <string.h>
#include "proto/imap_cmd.h"
#include "proto/literal.h"

/* RFC 9051 §9: number64 = 1*DIGIT ; Unsigned 63-bit integer
 * (0 <= n <= 9,223,372,036,854,775,807). */
#define PT_IMAP_NUMBER64_MAX ((uint64_t)INT64_MAX)

/* pt_span holds 32-bit offsets: a longer buffer is read no further than
 * this, so no offset is ever truncated (the caller's buffer is a page). */
#define PT_IMAP_BUF_MAX UINT32_MAX

static void pt_imap_arg_begin(struct pt_imap_parser *P, enum pt_imap_arg_kind kind, size_t off)
{
	struct pt_imap_arg *a = &P->args[P->nargs++];  /* the grammar's condition keeps nargs < MAX */

	a->kind = kind;
	a->span.off = (uint32_t)off;
	a->span.len = 0;
	P->mark = off;
}

/* The current argument ends just before buf offset end. */
static void pt_imap_arg_end(struct pt_imap_parser *P, size_t end)
{
	struct pt_imap_arg *a = &P->args[P->nargs - 1];

	a->span.len = (uint32_t)(end - a->span.off);
}

static void pt_imap_lit_digit(struct pt_imap_parser *P, unsigned d)
{
	/* Saturate into lit_over instead of wrapping: the length is judged
	 * at '}' and an overflowed one is refused there. */
	if (P->lit_over || P->literal_len > (PT_IMAP_NUMBER64_MAX - d) / 10)
		P->lit_over = 1;
	else
		P->literal_len = P->literal_len * 10 + d;
}

/*
 * RFC 7888 §3: "The protocol receiver of an IMAP server MUST check the end
 * of every received line for an open brace ("{") followed by an octet
 * count, a plus ("+"), and a close brace ("}") immediately preceding the
 * CRLF."  A bad line that ends so is followed by literal bytes that must
 * never run as commands (imap_cmd.h); pt_literal_tail() looks at the
 * line's bytes, so "{5+}" at the end of an unclosed quoted string or of
 * literal bytes counts too: a client (or an attacker) may mean it as a
 * literal, and closing is the safe answer.
 */
static int pt_imap_ends_in_nonsync(const uint8_t *buf, size_t lf)
{
	return pt_literal_tail(buf, lf) == PT_LITERAL_NONSYNC;
}

%%{
	machine pt_imap_cmd;
	alphtype unsigned char;
	access P->;

	# ---- conditions: the named bounds ------------------------------------
	action tag_room  { (size_t)(p - buf) < PT_IMAP_TAG_MAX }
	action args_room { P->nargs < PT_IMAP_ARGS_MAX }
	action id_room_pair  { P->id_npairs < PT_IMAP_ID_PAIRS_MAX }
	action id_room_field { P->id_len < PT_IMAP_ID_FIELD_MAX }
	action id_room_value { P->id_len < PT_IMAP_ID_VALUE_MAX }

	# ---- actions ---------------------------------------------------------
	action fail { fhold; fgoto skip; }

	action tag_end {
		P->tag.off = 0;
		P->tag.len = (uint32_t)(fpc - buf);
		P->tag_ok = 1;
	}

	action cmd_capability   { P->cmd = PT_IMAP_CMD_CAPABILITY; }
	action cmd_noop         { P->cmd = PT_IMAP_CMD_NOOP; }
	action cmd_logout       { P->cmd = PT_IMAP_CMD_LOGOUT; }
	action cmd_starttls     { P->cmd = PT_IMAP_CMD_STARTTLS; }
	action cmd_login        { P->cmd = PT_IMAP_CMD_LOGIN; }
	action cmd_authenticate { P->cmd = PT_IMAP_CMD_AUTHENTICATE; }
	action cmd_id           { P->cmd = PT_IMAP_CMD_ID; }

	# ID's pairs: spans of the quoted contents (escapes still in place).
	action id_pair {
		struct pt_imap_id_pair *ip = &P->id_pairs[P->id_npairs++];  /* id_room_pair */

		ip->field.off = (uint32_t)(fpc - buf) + 1;
		ip->field.len = 0;
		ip->value.off = 0;
		ip->value.len = 0;
		ip->value_nil = 0;
		P->id_len = 0;
	}
	action id_char      { P->id_len++; }
	action id_field_end {
		struct pt_imap_id_pair *ip = &P->id_pairs[P->id_npairs - 1];

		ip->field.len = (uint32_t)((size_t)(fpc - buf) - ip->field.off);
	}
	action id_value_begin {
		P->id_pairs[P->id_npairs - 1].value.off = (uint32_t)(fpc - buf) + 1;
		P->id_len = 0;
	}
	action id_value_end {
		struct pt_imap_id_pair *ip = &P->id_pairs[P->id_npairs - 1];

		ip->value.len = (uint32_t)((size_t)(fpc - buf) - ip->value.off);
	}
	action id_value_nil { P->id_pairs[P->id_npairs - 1].value_nil = 1; }
	action id_nil       { P->id_nil = 1; }

	# Spans grow with every byte, so they never reach past p->off.
	action atom_begin {
		pt_imap_arg_begin(P, PT_IMAP_ARG_ATOM, (size_t)(fpc - buf));
		pt_imap_arg_end(P, (size_t)(fpc - buf) + 1);
	}
	action atom_grow  { pt_imap_arg_end(P, (size_t)(fpc - buf) + 1); }
	action q_begin    { pt_imap_arg_begin(P, PT_IMAP_ARG_QUOTED, (size_t)(fpc - buf) + 1); }
	action q_end      { pt_imap_arg_end(P, (size_t)(fpc - buf)); }

	action lit_begin {
		pt_imap_arg_begin(P, PT_IMAP_ARG_LITERAL, (size_t)(fpc - buf));
		P->literal_len = 0;
		P->lit_over = 0;
		P->lit_plus = 0;
		P->lit_bad = 0;
	}
	action lit_digit { pt_imap_lit_digit(P, (unsigned)(fc - '0')); }
	action lit_plus  { P->lit_plus = 1; }
	# The length is judged here, at '}': nothing after this byte can change
	# it, and the line end that follows is where its bytes would start.
	action lit_close {
		if (P->lit_over || P->literal_len > (uint64_t)P->max_literal)
			P->lit_bad = 1;
	}
	action lit_go {
		if (P->lit_bad) {
			/* The line ends here and is bad (for "{n+}" this finds the
			 * "+" of its own header). */
			P->ends_in_nonsync_literal = pt_imap_ends_in_nonsync(buf, (size_t)(fpc - buf));
			P->result = PT_PARSE_INVALID;
			fbreak;
		}
		/* The bytes start after this LF; the span grows as they are taken. */
		P->args[P->nargs - 1].span.off = (uint32_t)(fpc - buf + 1);
		P->mark = (size_t)(fpc - buf) + 1;
		P->literal_left = P->literal_len;
		P->in_literal = 1;
		fbreak;
	}

	action line_done { P->result = PT_PARSE_DONE; fbreak; }

	action sasl_done {
		size_t end = (size_t)(fpc - buf);

		/* The CR of CRLF is the line end's, not the argument's. */
		if (end > 0 && buf[end - 1] == '\r')
			end--;
		P->nargs = 1;
		P->args[0].kind = PT_IMAP_ARG_ATOM;
		P->args[0].span.off = 0;
		P->args[0].span.len = (uint32_t)end;
		P->result = PT_PARSE_DONE;
		fbreak;
	}

	action skip_done {
		P->ends_in_nonsync_literal = pt_imap_ends_in_nonsync(buf, (size_t)(fpc - buf));
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

	# RFC 9051 §9: CRLF line ends; nginx (ngx_mail_parse.c) and so we also
	# take a bare LF.
	eol = CR? LF;

	# ---- tag -----------------------------------------------------------------
	# RFC 9051 §9:
	#   tag             = 1*<any ASTRING-CHAR except "+">
	# nginx narrows it to 1..32 of [A-Za-z0-9-._] (a longer tag is invalid);
	# we keep nginx's set, PT_IMAP_TAG_MAX by the tag_room condition.
	tag_char = ( [A-Za-z0-9] | '-' | '.' | '_' ) when tag_room;
	tag = tag_char+;

	# ---- command names -------------------------------------------------------
	# RFC 9051 §9:
	#   command-any     = "CAPABILITY" / "LOGOUT" / "NOOP" / x-command
	#   command-nonauth = login / authenticate / "STARTTLS"
	#   login           = "LOGIN" SP userid SP password
	#   authenticate    = "AUTHENTICATE" SP auth-type [SP initial-resp]
	#                     *(CRLF base64)
	# RFC 9051 §2.2.1: command names are case-insensitive.  Only these six
	# are known before login (nginx); another name is a bad line.
	command_name = 'CAPABILITY'i   @cmd_capability
	             | 'NOOP'i         @cmd_noop
	             | 'LOGOUT'i       @cmd_logout
	             | 'STARTTLS'i     @cmd_starttls
	             | 'LOGIN'i        @cmd_login
	             | 'AUTHENTICATE'i @cmd_authenticate;

	# ---- atoms -------------------------------------------------------------
	# RFC 9051 §9:
	#   astring         = 1*ASTRING-CHAR / string
	#   ASTRING-CHAR    = ATOM-CHAR / resp-specials
	#   ATOM-CHAR       = <any CHAR except atom-specials>
	#   atom-specials   = "(" / ")" / "{" / SP / CTL / list-wildcards /
	#                     quoted-specials / resp-specials
	#   list-wildcards  = "%" / "*"
	#   quoted-specials = DQUOTE / "\"
	#   resp-specials   = "]"
	#   CHAR            = %x01-7F            (RFC 5234)
	#   CTL             = %x00-1F / %x7F     (RFC 5234)
	# Every argument of the six commands is an astring (userid, password,
	# auth-type, initial-resp), so an atom argument takes ASTRING-CHAR.
	# Deviation from nginx, which takes any byte but SP CR LF: 8-bit bytes
	# and the specials are refused here, as the RFC asks; a client sends
	# such a name or password quoted or as a literal.
	astring_char = 0x21..0x7e - ( '(' | ')' | '{' | '%' | '*' | DQUOTE | '\\' );
	atom = astring_char @atom_begin ( astring_char @atom_grow )*;

	# ---- quoted strings ------------------------------------------------------
	# RFC 9051 §9:
	#   quoted          = DQUOTE *QUOTED-CHAR DQUOTE
	#   QUOTED-CHAR     = <any TEXT-CHAR except quoted-specials> /
	#                     "\" quoted-specials / UTF8-2 / UTF8-3 / UTF8-4
	#   TEXT-CHAR       = <any CHAR except CR and LF>
	# So "\" escapes only DQUOTE and "\" ("\x" is bad), and a quoted string
	# holds no CR, LF or NUL.  Bytes %x80-FF are taken without checking the
	# UTF-8 sequences (as nginx does): a legacy 8-bit password goes on to
	# the auth server as it came, and nothing here depends on its encoding.
	quoted_char = ( 0x01..0xff - ( CR | LF | DQUOTE | '\\' ) )
	            | '\\' ( DQUOTE | '\\' );
	quoted = DQUOTE @q_begin quoted_char* DQUOTE @q_end;

	# ---- literals ------------------------------------------------------------
	# RFC 9051 §9:
	#   literal         = "{" number64 ["+"] "}" CRLF *CHAR8
	#                       ; <number64> represents the number of CHAR8s.
	#                       ; A non-synchronizing literal is distinguished
	#                       ; from a synchronizing literal by the presence
	#                       ; of "+" before the closing "}".
	#   number64        = 1*DIGIT
	#                       ; Unsigned 63-bit integer
	#                       ; (0 <= n <= 9,223,372,036,854,775,807)
	# RFC 7888 §3 (LITERAL+): for "{n+}" the server sends no continuation
	# and takes the n octets and the rest of the line as the same command.
	# Only the header is grammar; the *CHAR8 are counted by
	# pt_imap_cmd_parse() (see the notes above), and NUL in them is not
	# looked for, as no literal byte is ever scanned.  A bare LF after "}"
	# is taken like CRLF, as nginx does.
	literal = '{' @lit_begin ( DIGIT @lit_digit )+ ( '+' @lit_plus )? '}' @lit_close
	          CR? LF @lit_go;

	# ---- ID (RFC 2971) --------------------------------------------------------
	# RFC 2971 §4:
	#   id             ::= "ID" SPACE id_params_list
	#   id_params_list ::= "(" #(string SPACE nstring) ")" / nil
	#                      ;; list of field value pairs
	# RFC 2971 §3.3: "Field strings MUST NOT be longer than 30 octets.
	# Value strings MUST NOT be longer than 1024 octets.  Implementations
	# MUST NOT send more than 30 field-value pairs."  Each bound is a
	# condition (PT_IMAP_ID_FIELD_MAX, _VALUE_MAX, _PAIRS_MAX); an escape
	# counts as the one octet it stands for.  The list's elements are
	# separated by one SP, as IMAP's lists are (RFC 9051 §4.4).
	# Narrower than the RFC, as the ID of every client we know: the field
	# is a non-empty quoted string and the value a quoted string or NIL
	# (no literals: an ID line is read whole, and a literal's bytes would
	# have to be counted past the parser).
	id_fplain = ( ( 0x01..0xff - ( CR | LF | DQUOTE | '\\' ) ) when id_room_field ) @id_char;
	id_fesc   = ( '\\' when id_room_field ) @id_char ( DQUOTE | '\\' );
	id_field  = ( DQUOTE when id_room_pair ) @id_pair ( id_fplain | id_fesc )+ DQUOTE @id_field_end;
	id_vplain = ( ( 0x01..0xff - ( CR | LF | DQUOTE | '\\' ) ) when id_room_value ) @id_char;
	id_vesc   = ( '\\' when id_room_value ) @id_char ( DQUOTE | '\\' );
	id_value  = DQUOTE @id_value_begin ( id_vplain | id_vesc )* DQUOTE @id_value_end
	          | 'NIL'i @id_value_nil;
	id_pair_m = id_field SP id_value;
	id_params = '(' ( id_pair_m ( SP id_pair_m )* )? ')'
	          | 'NIL'i @id_nil;
	id_cmd    = 'ID'i @cmd_id SP id_params;

	# ---- the command line ----------------------------------------------------
	# RFC 9051 §9:
	#   command         = tag SP (command-any / command-auth /
	#                     command-nonauth / command-select) CRLF
	#   astring         = 1*ASTRING-CHAR / string
	#   string          = quoted / literal
	# Arguments are kept generic, any astring in any number up to
	# PT_IMAP_ARGS_MAX (nginx's bound): how many a command takes is the
	# core's check.  Exactly one SP separates the parts (the RFC; nginx
	# also takes runs of spaces).
	arg  = atom | quoted | literal;
	args = ( ( SP when args_room ) arg )*;

	main := ( tag SP @tag_end ( command_name args | id_cmd ) eol @line_done ) $!fail;

	# ---- a SASL continuation line ----------------------------------------------
	# RFC 9051 §9 (the exchange: §6.2.2):
	#   authenticate    = "AUTHENTICATE" SP auth-type [SP initial-resp]
	#                     *(CRLF base64)
	# The line is taken whole as one argument, its checks are the SASL
	# grammar's (sasl.rl); only NUL, which no line may hold, is refused here.
	sasl_line := ( ( any - 0x00 - LF )* LF @sasl_done ) $!fail;

	# ---- the rest of a bad line ----------------------------------------------
	# Read up to the LF whatever comes, so the caller can drop the line;
	# at the LF, pt_imap_ends_in_nonsync() looks at how it ended.
	skip := ( any - LF )* LF @skip_done;
}%%

%% write data;

void pt_imap_cmd_init(struct pt_imap_parser *P, size_t max_literal)
{
	memset(P, 0, sizeof(*P));
	P->max_literal = max_literal;
	%% write init;
}

void pt_imap_cmd_init_sasl_line(struct pt_imap_parser *P)
{
	memset(P, 0, sizeof(*P));
	P->cs = pt_imap_cmd_en_sasl_line;
}

/* After the line end: what a bad line still reports (imap_cmd.h) and
 * nothing of a command that will not run. */
static enum pt_parse_status pt_imap_cmd_finish(struct pt_imap_parser *P)
{
	if (P->result == PT_PARSE_INVALID) {
		P->cmd = PT_IMAP_CMD_UNKNOWN;
		P->nargs = 0;
		memset(P->args, 0, sizeof(P->args));
		P->id_npairs = 0;
		P->id_nil = 0;
	}
	return P->result;
}

enum pt_parse_status pt_imap_cmd_parse(struct pt_imap_parser *P, const uint8_t *buf, size_t len)
{
	if (P->result != PT_PARSE_MORE)
		return P->result;           /* the line was complete already */
	if (len > PT_IMAP_BUF_MAX)
		len = PT_IMAP_BUF_MAX;
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
			return pt_imap_cmd_finish(P);
		if (P->in_literal) {
			/* RFC 9051 §4.3: a synchronizing literal waits for "+". */
			if (!P->lit_plus)
				return PT_PARSE_LITERAL;
			continue;
		}
		return PT_PARSE_MORE;
	}
}
