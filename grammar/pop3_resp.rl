/*
 * pop3_resp.rl - POP3 server status lines (see src/proto/pop3_resp.h).
 *
 * A bad line is read to its LF (if one comes) before INVALID, so the
 * caller can hand the whole line to the client (proxy_pass_error_message).
 */
#include "proto/pop3_resp.h"

%%{
	machine pt_pop3_resp;
	alphtype unsigned char;
	access p_->;

	action st_ok  { p_->status = PT_POP3_STATUS_OK; }
	action st_err { p_->status = PT_POP3_STATUS_ERR; }
	action done { p_->off = (size_t)(p - buf) + 1; res = PT_PARSE_DONE; fbreak; }
	action bad  { fhold; fgoto skip; }
	action bad_end { p_->off = (size_t)(p - buf) + 1; res = PT_PARSE_INVALID; fbreak; }

	# RFC 1939 §3: status = "+OK" / "-ERR"; text = *(any but CR LF)
	text = (any - [\r\n\0])*;
	status = "+OK" %st_ok | "-ERR" %st_err;
	main := ( status ( " " text )? "\r\n" @done ) $!bad;

	# the rest of an invalid line, through its LF
	skip := (any - '\n')* '\n' @bad_end;
}%%

%% write data noerror nofinal;

void pt_pop3_resp_init(struct pt_pop3_resp_parser *p_)
{
	p_->off = 0;
	p_->status = 0;
	%% write init;
}

enum pt_parse_status pt_pop3_resp_parse(struct pt_pop3_resp_parser *p_, const uint8_t *buf,
                                        size_t len)
{
	const unsigned char *p, *pe, *eof = NULL;
	enum pt_parse_status res = PT_PARSE_MORE;

	if (p_->off > len)
		return PT_PARSE_INVALID;
	p = buf + p_->off;
	pe = buf + len;
	%% write exec;
	if (res == PT_PARSE_MORE)
		p_->off = len;
	(void)eof;
	return res;
}
