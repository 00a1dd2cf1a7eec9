/*
 * imap_resp.h - lines an IMAP backend sends while postern logs in for the
 * client (grammar/imap_resp.rl).  RFC 9051 §7: greeting "* OK ...",
 * continuation "+ ...", untagged "* ...", tagged "<tag> OK|NO|BAD ...".
 * Every backend line must end in CRLF (nginx: a bare LF is not a line
 * end here; the caller's proxy_buffer bounds the line).
 */
#ifndef PT_PROTO_IMAP_RESP_H
#define PT_PROTO_IMAP_RESP_H

#include "proto/parse.h"

enum pt_imap_resp_kind {
	PT_IMAP_RESP_UNTAGGED = 1,  /* "* ..." */
	PT_IMAP_RESP_CONTINUE,      /* "+" or "+ ..." */
	PT_IMAP_RESP_TAGGED         /* "<tag> ..." */
};

enum pt_imap_resp_cond {
	PT_IMAP_COND_OTHER = 0,
	PT_IMAP_COND_OK,
	PT_IMAP_COND_NO,
	PT_IMAP_COND_BAD,
	PT_IMAP_COND_PREAUTH,
	PT_IMAP_COND_BYE
};

struct pt_imap_resp_parser {
	int cs;
	size_t off;
	size_t mark;
	enum pt_imap_resp_kind kind;
	struct pt_span tag;         /* TAGGED only */
	enum pt_imap_resp_cond cond;   /* the word after "* " or "<tag> " (case-insensitive) */
	enum pt_parse_status status;   /* MORE until the line is over, then sticky */
};

/* A longer tag makes the line INVALID (grammar/imap_resp.rl: tag_char{1,64}). */
#define PT_IMAP_RESP_TAG_MAX 64

void pt_imap_resp_init(struct pt_imap_resp_parser *p);
/* DONE: one line ends at p->off (CRLF included).  INVALID: the line is
 * not a response line (no tag, a NUL, a bare LF, an empty line). */
enum pt_parse_status pt_imap_resp_parse(struct pt_imap_resp_parser *p, const uint8_t *buf,
                                        size_t len);

#endif
