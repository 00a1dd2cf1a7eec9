/*
 * passwd.rl - one line of an auth_file (src/proto/passwd.h has the
 * contract).  There is no RFC: the format is postern's own, shaped like
 * passwd(5) and Dovecot's passwd-file (user:secret:fields).
 *
 * Implementation notes.
 *   State: Ragel's cs, p->off, p->mark (start of the token being read),
 *   the spans, the backend slots.  Spans are offsets into the caller's
 *   buffer, so a line split anywhere gives the same result.
 *   Bounds: user and secret by a count against passwd.h's maxima (the
 *   byte past the bound sends the line to skip), the short tokens by
 *   Ragel {m,n}; a comment is bounded by the file, which the caller has
 *   read whole.
 *   Errors: a bad line is read to its LF (INVALID, p->off just past it).
 */
#include <stdint.h>
#include "proto/passwd.h"

%%{
	machine pt_passwd;
	alphtype unsigned char;
	access P->;

	action mark { P->mark = (size_t)(p - buf); }
	action user_end {
		P->user.off = (uint32_t)P->mark;
		P->user.len = (uint32_t)((size_t)(p - buf) - P->mark);
	}
	action secret_end {
		P->secret.off = (uint32_t)P->mark;
		P->secret.len = (uint32_t)((size_t)(p - buf) - P->mark);
	}
	action user_max {
		if ((size_t)(p - buf) - P->mark >= PT_PASSWD_USER_MAX)
			fgoto skip;
	}
	action secret_max {
		if ((size_t)(p - buf) - P->mark >= PT_PASSWD_SECRET_MAX)
			fgoto skip;
	}
	action p_imap { P->proto = PT_PASSWD_IMAP; }
	action p_pop3 { P->proto = PT_PASSWD_POP3; }
	action p_smtp { P->proto = PT_PASSWD_SMTP; }
	action p_sieve { P->proto = PT_PASSWD_SIEVE; }
	action be_start {
		if (P->backend[P->proto].set)
			P->dup = 1;
		P->backend[P->proto].set = 1;
		P->backend[P->proto].v6 = 0;
	}
	action v6 { P->backend[P->proto].v6 = 1; }
	action addr_end {
		P->backend[P->proto].addr.off = (uint32_t)P->mark;
		P->backend[P->proto].addr.len = (uint32_t)((size_t)(p - buf) - P->mark);
	}
	action port_start { P->port = 0; }
	action port_digit { P->port = P->port * 10 + (uint32_t)(fc - '0'); }
	action port_end { P->backend[P->proto].port = P->port; }
	action k_skip  { P->kind = PT_PASSWD_SKIP; }
	action k_entry { P->kind = PT_PASSWD_ENTRY; }
	action done {
		int bad = P->dup;
		for (int i = 0; i < PT_PASSWD_NPROTO; i++)
			if (P->backend[i].set && (P->backend[i].port == 0 || P->backend[i].port > 65535))
				bad = 1;
		P->status = bad ? PT_PARSE_INVALID : PT_PARSE_DONE;
		fbreak;
	}
	action invalid { P->status = PT_PARSE_INVALID; fbreak; }
	# As authhdr.rl: a bad LF ends the line, any other bad byte skips to it.
	action bad {
		if (fc == '\n') {
			P->status = PT_PARSE_INVALID;
			fbreak;
		}
		fgoto skip;
	}

	eol = '\r'? '\n';
	blank = [ \t];

	field_char = any - [:\r\n\0];
	# The two long fields are bounded by a count, not by {m,n}: a
	# 255-state chain per field would multiply the generated code.
	user = ( ( field_char - '#' - blank ) field_char* ) >mark $user_max %user_end;
	secret = field_char* >mark $secret_max %secret_end;

	proto = 'imap' %p_imap | 'pop3' %p_pop3 | 'smtp' %p_smtp | 'sieve' %p_sieve;
	v4 = [0-9.]{1,15} >mark %addr_end;
	v6 = '[' ( [0-9A-Fa-f:.]{1,45} >mark %addr_end ) ']' >v6;              # PT_PASSWD_ADDR_MAX
	port = [0-9]{1,5} >port_start $port_digit %port_end;
	backend = proto '=' >be_start ( v4 | v6 ) ':' port;
	backends = backend ( blank{1,16} backend ){0,3};                        # PT_PASSWD_BLANK_MAX

	entry = ( user ':' secret ':' blank{0,16} backends blank{0,16} eol ) >k_entry;
	skip_line = ( blank{0,16} ( '#' ( any - '\n' )* )? eol ) >k_skip;

	main := ( entry | skip_line ) @done $!bad;

	skip := ( any - '\n' )* '\n' @invalid;
}%%

%% write data;

void pt_passwd_init(struct pt_passwd_parser *P)
{
	P->off = 0;
	P->mark = 0;
	P->kind = 0;
	P->user.off = P->user.len = 0;
	P->secret.off = P->secret.len = 0;
	P->proto = 0;
	P->dup = 0;
	P->port = 0;
	for (int i = 0; i < PT_PASSWD_NPROTO; i++) {
		P->backend[i].set = 0;
		P->backend[i].v6 = 0;
		P->backend[i].addr.off = P->backend[i].addr.len = 0;
		P->backend[i].port = 0;
	}
	P->status = PT_PARSE_MORE;
	%% write init;
}

enum pt_parse_status pt_passwd_parse(struct pt_passwd_parser *P, const uint8_t *buf, size_t len)
{
	const uint8_t *p, *pe, *eof = NULL;   /* the caller ends the file with LF */

	if (P->status != PT_PARSE_MORE)
		return P->status;
	if (P->off > len || len > UINT32_MAX) {
		P->status = PT_PARSE_INVALID;
		return P->status;
	}
	p = buf + P->off;
	pe = buf + len;
	(void)eof;
	%% write exec;
	P->off = (size_t)(p - buf);
	return P->status;
}
