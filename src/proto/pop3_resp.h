/*
 * pop3_resp.h - status lines a POP3 backend sends while postern logs in
 * (grammar/pop3_resp.rl).  RFC 1939 §3: a status indicator "+OK" or "-ERR"
 * (upper case), then SP and text or nothing, then CRLF.  nginx checks the
 * "+OK" prefix byte for byte; "+OKAY" or "+ok" are not success here.
 * A bare LF, a NUL or any other start is INVALID; the line length is
 * bounded by the caller (proxy_buffer).
 */
#ifndef PT_PROTO_POP3_RESP_H
#define PT_PROTO_POP3_RESP_H

#include "proto/parse.h"

enum pt_pop3_status {
	PT_POP3_STATUS_OK = 1,
	PT_POP3_STATUS_ERR
};

struct pt_pop3_resp_parser {
	int cs;
	size_t off;
	enum pt_pop3_status status;
};

void pt_pop3_resp_init(struct pt_pop3_resp_parser *p);
enum pt_parse_status pt_pop3_resp_parse(struct pt_pop3_resp_parser *p, const uint8_t *buf,
                                        size_t len);

#endif
