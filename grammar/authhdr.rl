/*
 * authhdr.rl - one line of an auth_http reply (src/proto/authhdr.h has
 * the contract).
 *
 * There is no RFC for this: nginx reads the reply with two hand-written
 * loops in src/mail/ngx_mail_auth_http_module.c, and this machine follows
 * them except where authhdr.h says otherwise (marked "nginx:" below):
 *   ngx_mail_auth_http_ignore_status_line: the first line is a status
 *     line only if it starts with "HTTP/" (case-sensitive); otherwise
 *     nginx starts over and parses those bytes as headers.  The rest of a
 *     status line is skipped up to CR LF or LF; a CR not followed by LF is
 *     "invalid response".
 *   ngx_mail_auth_http_parse_header_line: an empty line (CR LF or LF) ends
 *     the headers; a name is letters, digits and "-"; no space before ":"
 *     (a space there is an error); spaces after ":" and at the end of the
 *     value are not part of the value, spaces inside it are; a CR must be
 *     followed by LF; a line starting with SP or HT (obs-fold) is an error
 *     because its first byte is not a name byte.
 *
 * Implementation notes.
 *   State: Ragel's cs, p->off, p->mark (start of the name), p->value_end
 *   (end of the value's last non-blank byte, 0 while there is none: the
 *   value cannot start at offset 0), p->status (sticky once the line is
 *   over).  Spans are offsets into the caller's buffer, so a line split
 *   anywhere gives the same result.
 *   Bounds: a name holds at most PT_AUTHHDR_NAME_MAX bytes (a Ragel
 *   repetition); the whole reply is bounded by the caller (PT_AUTHHDR_MAX).
 *   Errors: a bad line is read to its LF (INVALID with p->off just past
 *   it), as parse.h says; a bad byte that is itself an LF ends the line.
 *   nginx stops at the bad byte, but the reply is lost either way: the
 *   caller turns INVALID into an internal error.
 */
#include <stdint.h>
#include "proto/authhdr.h"

%%{
	machine pt_authhdr;
	alphtype unsigned char;
	access H->;

	action name_start { H->mark = (size_t)(p - buf); }
	action name_end {
		H->name.off = (uint32_t)H->mark;
		H->name.len = (uint32_t)((size_t)(p - buf) - H->mark);
	}
	# Every non-blank value byte: the first one starts the value, the last
	# one seen ends it, so blanks at both ends fall outside the span.
	action value_byte {
		if (H->value_end == 0)
			H->value.off = (uint32_t)(p - buf);
		H->value_end = (size_t)(p - buf) + 1;
	}
	# At the line end (CR or LF): an all-blank value is empty and sits at
	# the line end, as nginx's header_start = header_end = p.
	action value_end {
		if (H->value_end == 0) {
			H->value.off = (uint32_t)(p - buf);
			H->value.len = 0;
		} else {
			H->value.len = (uint32_t)(H->value_end - H->value.off);
		}
	}
	action k_status { H->kind = PT_AUTHHDR_STATUS; }
	action k_field  { H->kind = PT_AUTHHDR_FIELD; }
	action k_end    { H->kind = PT_AUTHHDR_END; }
	action done     { H->status = PT_PARSE_DONE; fbreak; }
	action invalid  { H->status = PT_PARSE_INVALID; fbreak; }

	# A byte no rule allows: the line is bad.  If that byte is the LF the
	# line ends here; otherwise skip to the LF (no fhold: re-reading the
	# byte would step p before buf when the first byte is bad).
	action bad {
		if (fc == '\n') {
			H->status = PT_PARSE_INVALID;
			fbreak;
		}
		fgoto skip;
	}

	# nginx: CR LF or a bare LF ends a line (both loops); a CR must be
	# followed by LF.
	eol = '\r'? '\n';

	# nginx: ch | 0x20 in 'a'..'z', or '0'..'9', or '-'.  nginx refuses '-'
	# as the first byte; authhdr.h says [A-Za-z0-9-]+, and that is what is
	# done (an unknown header is ignored anyway).  PT_AUTHHDR_NAME_MAX
	# (authhdr.h) is written as {1,64}.
	name_char = [A-Za-z0-9\-];
	name = name_char{1,64} >name_start %name_end;

	# nginx skips only SP around the value and keeps NUL and HT in it;
	# authhdr.h strips SP and HT and refuses NUL, and that is what is done.
	blank = [ \t];
	value_char = any - [\r\n\0];
	value = ( blank | ( value_char - blank ) @value_byte )*;

	# nginx: no space between the name and ':' (sw_name refuses it); a line
	# without ':' is a header with an empty value in nginx, but INVALID per
	# authhdr.h ("a missing ':'").
	field = name ':' value %value_end eol >k_field;

	# nginx sw_start: CR or LF first is the end of the headers.
	end = eol >k_end;

	# nginx ignore_status_line: "HTTP/" then any bytes to CR LF or LF.
	# nginx lets a NUL through here; this grammar refuses it as everywhere.
	status = 'HTTP/' ( any - [\r\n\0] )* eol >k_status;

	main := ( field | end ) @done $!bad;

	# The reply's first line: a status line or, as in nginx, a header line
	# or the empty line.  '/' is no name byte, so the two never overlap.
	first := ( status | field | end ) @done $!bad;

	# Error recovery: every byte up to and including the LF.
	skip := ( any - '\n' )* '\n' @invalid;
}%%

%% write data;

void pt_authhdr_init(struct pt_authhdr_parser *H, int first)
{
	H->off = 0;
	H->mark = 0;
	H->first = first != 0;
	H->kind = 0;
	H->name.off = 0;
	H->name.len = 0;
	H->value.off = 0;
	H->value.len = 0;
	H->value_end = 0;
	H->status = PT_PARSE_MORE;
	%% write init;
	H->cs = H->first ? pt_authhdr_en_first : pt_authhdr_en_main;
}

enum pt_parse_status pt_authhdr_parse(struct pt_authhdr_parser *H, const uint8_t *buf,
                                      size_t len)
{
	const uint8_t *p, *pe, *eof = NULL;   /* end of stream is the caller's */

	if (H->status != PT_PARSE_MORE)
		return H->status;
	/* A shrunk buffer is a caller bug, a huge one does not fit a span:
	 * both are refused without reading. */
	if (H->off > len || len > UINT32_MAX) {
		H->status = PT_PARSE_INVALID;
		return H->status;
	}
	p = buf + H->off;
	pe = buf + len;
	(void)eof;
	%% write exec;
	H->off = (size_t)(p - buf);
	return H->status;
}
