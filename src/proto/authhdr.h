/*
 * authhdr.h - one line of an auth_http reply (grammar/authhdr.rl), as
 * nginx's ngx_mail_auth_http_parse_header_line reads it.
 *
 *   first line: "HTTP/" ... line end       -> PT_AUTHHDR_STATUS (the rest is
 *                                             skipped: nginx never checks the code)
 *   name ":" value line end                -> PT_AUTHHDR_FIELD, name of
 *                                             [A-Za-z0-9-]+, value with leading and
 *                                             trailing spaces and tabs removed
 *   an empty line                          -> PT_AUTHHDR_END
 * A line ends in CRLF or LF.  Anything else (another byte in a name, a
 * missing ':', a NUL or a bare CR in a value) is INVALID: nginx's "auth http
 * server sent invalid header in response", an internal error.  The caller
 * keeps the whole reply in PT_AUTHHDR_MAX bytes (status line and headers):
 * a reply that does not fit is an error too.
 */
#ifndef PT_PROTO_AUTHHDR_H
#define PT_PROTO_AUTHHDR_H

#include "proto/parse.h"

#define PT_AUTHHDR_MAX 1024     /* nginx's auth_http reply buffer */
/* A longer header name makes the line INVALID (grammar/authhdr.rl:
 * name_char{1,64}); nginx has no bound but its 1024-byte buffer, and the
 * names it knows are at most 15 bytes. */
#define PT_AUTHHDR_NAME_MAX 64

enum pt_authhdr_kind {
	PT_AUTHHDR_STATUS = 1,
	PT_AUTHHDR_FIELD,
	PT_AUTHHDR_END
};

struct pt_authhdr_parser {
	int cs;
	size_t off;
	size_t mark;
	int first;                  /* this is the reply's first line */
	enum pt_authhdr_kind kind;
	struct pt_span name;
	struct pt_span value;
	size_t value_end;           /* bookkeeping for trailing-space trimming */
	enum pt_parse_status status;   /* MORE until the line is over, then sticky */
};

/* first: 1 for the reply's first line (where "HTTP/" is looked for). */
void pt_authhdr_init(struct pt_authhdr_parser *p, int first);
enum pt_parse_status pt_authhdr_parse(struct pt_authhdr_parser *p, const uint8_t *buf,
                                      size_t len);

#endif
