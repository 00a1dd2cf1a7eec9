/*
 * status.h - the request head of the metrics listener (grammar/status.rl;
 * status_listen, a postern extension): an HTTP/1.0 or HTTP/1.1 request
 * line and its header fields, up to the empty line.
 *
 *   method SP request-target SP "HTTP/1." DIGIT CRLF      RFC 9112 §3
 *   *( field-name ":" OWS field-value OWS CRLF )          RFC 9112 §5
 *   CRLF
 *
 * A line may also end in a bare LF (RFC 9112 §2.2 lets a server take it).
 * The method is a token (GET and HEAD are told apart, any other is
 * PT_STATUS_OTHER); the target is origin-form, visible bytes only, at most
 * PT_STATUS_TARGET_MAX of them; header fields are checked and skipped (an
 * obs-fold line is refused, RFC 9112 §5.2).  Results:
 *   DONE     the head is complete, p->off just past its empty line;
 *   INVALID  a byte no rule allows, p->off just past it (the caller answers 400 and
 *            closes: no resynchronisation is needed);
 *   MORE     every byte so far is valid.
 * The caller bounds the whole head (PT_STATUS_REQ_MAX).
 */
#ifndef PT_PROTO_STATUS_H
#define PT_PROTO_STATUS_H

#include "proto/parse.h"
#include "util/limits.h"

enum pt_status_method {
	PT_STATUS_GET = 1,
	PT_STATUS_HEAD,
	PT_STATUS_OTHER
};

struct pt_status_parser {
	int cs;
	size_t off;
	size_t mark;
	size_t tlen;                    /* bytes of the target so far */
	enum pt_status_method method;
	struct pt_span target;
	int minor;                      /* HTTP/1.<minor> */
	enum pt_parse_status status;    /* MORE until the head is over, then sticky */
};

void pt_status_init(struct pt_status_parser *p);
enum pt_parse_status pt_status_parse(struct pt_status_parser *p, const uint8_t *buf, size_t len);

#endif
