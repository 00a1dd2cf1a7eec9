/*
 * limit.c - the refusals of the shell's limits (limit_conn_per_ip,
 * limit_conn_per_server, limit_login_per_ip, limit_login_per_user: postern
 * extensions).  The shell counts across the workers and says no with an
 * event; the words on the wire are the core's, as every reply (reply.c).
 *
 * A refused connection gets its protocol's "too many connections" line in
 * place of the greeting, then the connection closes (IMAP "* BYE", RFC 9051
 * §7.1.5; POP3 "-ERR [SYS/TEMP]", RFC 3206 §4; SMTP 421, RFC 5321 §3.8).
 * Where the greeting cannot go yet (the PROXY header or the TLS handshake
 * still to come), the refusal waits for that moment (pt_session_begin, and
 * TLS_UP).  A refused login gets the temporary failure of a login in place
 * of the auth server's answer, and the session goes on reading commands,
 * as after an Auth-Wait: nothing was asked of the auth server.
 */
#include "core/session_int.h"

void pt_limit_refuse(struct pt_session *s)
{
	pt_session_out_str(s, pt_reply_text(s->conf->proto, PT_R_LIMIT_CONN));
	pt_session_close(s, PT_ERR_LIMIT);
}

void pt_limit_conn(struct pt_session *s)
{
	s->limited = 1;
	if (s->state == PT_ST_NEW || s->state == PT_ST_PROXY || s->state == PT_ST_TLS_HANDSHAKE)
		return;
	if (s->out_sent == 0) {
		/* The greeting (or the SMTP lookup, or its delay) is queued but
		 * nothing went out: the shell takes no action of them. */
		s->qlen = 0;
		s->out_len = 0;
		s->send_client_queued = 0;
	}
	pt_limit_refuse(s);
}

void pt_limit_login(struct pt_session *s)
{
	if (s->state != PT_ST_AUTH_HTTP)
		return;
	pt_session_clear_credentials(s);
	pt_session_reply(s, PT_R_LIMIT_LOGIN, s->conf->proto == PT_CORE_IMAP);
	pt_session_set_deadline(s, s->now + s->conf->timeout_ms);
	s->ops->resume(s);
}
