/*
 * backtls.c - STARTTLS toward the backend (conf->backend_starttls, the
 * postern extension "proxy_ssl starttls"): the steps all three protocols
 * share.  Each protocol sends its own command and reads its own reply
 * (imap.c "<tag> STARTTLS", pop3.c "STLS", smtp.c "EHLO" then "STARTTLS");
 * on the go-ahead it calls pt_backtls_begin(), and on PT_EV_BACKEND_TLS_UP
 * session.c calls pt_backtls_up(), which hands back to the protocol's
 * backend login.
 *
 * Implementation notes
 * - States: backend-starttls-ehlo (SMTP only), backend-starttls,
 *   backend-tls-handshake; all inside PT_ST_BACKEND_FIRST..LAST, so the
 *   backend-login failure paths (timer, EOF, BACKEND_FAILED, a bad reply)
 *   apply to them unchanged.
 * - Response injection (CVE-2011-0411 class, seen from the client side of
 *   the connection; ref/deps.md §2.10 point 5): bytes the backend sent after
 *   its go-ahead line came in plaintext and must not be taken as the first
 *   TLS-protected reply.  They are dropped before PT_ACT_BACKEND_START_TLS
 *   is queued, and no backend byte is accepted until BACKEND_TLS_UP
 *   (pt_session_backend_recv_buf gives no room in backend-tls-handshake).
 * - Nothing learnt before TLS is kept: the backend buffer and its reply
 *   parser start empty after the handshake, and SMTP reads the backend's
 *   capabilities again from a new EHLO (RFC 3207 §4.2).
 * - The handshake runs under the backend-login deadline (timeout), set
 *   afresh when it starts and when it ends, as every backend read does.
 */
#include "core/session_int.h"

/* The backend's go-ahead ends at line_end in the backend buffer: drop the
 * rest, then ask the shell for the handshake. */
void pt_backtls_begin(struct pt_session *s, size_t line_end)
{
	size_t extra = s->bb_len > line_end ? s->bb_len - line_end : 0;

	/* RFC 3501 §6.2.1: "negotiation begins immediately after the CRLF at
	 * the end of the tagged OK response"; likewise after POP3's +OK
	 * (RFC 2595 §4) and SMTP's 220 (RFC 3207 §4).  Anything behind that
	 * line was not protected by TLS. */
	if (extra)
		pt_session_log(s, PT_LOG_INFO,
		               "upstream sent %zu bytes after its STARTTLS reply: dropped", extra);
	s->bb_len = 0;
	s->bb_line = 0;
	pt_session_enter(s, PT_ST_BACKEND_TLS_HANDSHAKE);
	pt_session_set_deadline(s, s->now + s->conf->timeout_ms);
	pt_session_push(s, PT_ACT_BACKEND_START_TLS);
}

/* PT_EV_BACKEND_TLS_UP: the login goes on inside TLS, from a clean slate. */
void pt_backtls_up(struct pt_session *s)
{
	s->bb_len = 0;
	s->bb_line = 0;
	s->untagged_seen = 0;
	pt_session_set_deadline(s, s->now + s->conf->timeout_ms);
	s->ops->backend_tls_up(s);
}

/* The log line for a backend EOF or BACKEND_FAILED in a STARTTLS state;
 * NULL in any other state (the caller's own message applies). */
const char *pt_backtls_lost(const struct pt_session *s, enum pt_ev_type ev)
{
	switch (s->state) {
	case PT_ST_BACKEND_STARTTLS_EHLO:
	case PT_ST_BACKEND_STARTTLS:
		return ev == PT_EV_BACKEND_EOF ? "upstream closed connection before STARTTLS"
		                               : "upstream failed before STARTTLS";
	case PT_ST_BACKEND_TLS_HANDSHAKE:
		return ev == PT_EV_BACKEND_EOF ? "upstream closed connection in STARTTLS handshake"
		                               : "upstream STARTTLS handshake failed";
	default:
		return NULL;
	}
}
