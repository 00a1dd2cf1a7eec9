/*
 * authreq.c - the auth_http exchange: the request headers (built here,
 * already escaped, in nginx's order) and the reply (parsed line by line
 * by grammar/authhdr.rl into a PT_AUTHHDR_MAX buffer, then decided).
 *
 * Request (nginx's ngx_mail_auth_http_create_request):
 *   Host, Auth-Method, Auth-User, Auth-Pass, [Auth-Salt], Auth-Protocol,
 *   Auth-Login-Attempt, Client-IP, [Auth-SSL], auth_http_header lines.
 * Auth-User and Auth-Pass are escaped: bytes 0x00-0x20 and '%' as %XX.
 */
#include <string.h>

#include "core/session_int.h"
#include "util/names.h"

int pt_authreq_put_escaped(struct pt_wbuf *w, const uint8_t *p, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";

	for (size_t i = 0; i < n; i++) {
		if (p[i] <= 0x20 || p[i] == '%') {
			uint8_t e[3] = { '%', (uint8_t)hex[p[i] >> 4], (uint8_t)hex[p[i] & 15] };
			pt_wbuf_put(w, e, 3);
		} else {
			pt_wbuf_putc(w, p[i]);
		}
	}
	return w->err ? -1 : 0;
}

static const char *pt_authreq_method_name(enum pt_sasl_method m)
{
	switch (m) {
	case PT_METHOD_CRAM_MD5: return "cram-md5";
	case PT_METHOD_EXTERNAL: return "external";
	case PT_METHOD_APOP: return "apop";
	case PT_METHOD_NONE: return "none";
	case PT_METHOD_XOAUTH2: return "xoauth2";           /* freenginx's names */
	case PT_METHOD_OAUTHBEARER: return "oauthbearer";
	case PT_METHOD_PLAIN:
	default: return "plain";   /* SASL LOGIN is reported as plain, as nginx */
	}
}

static const char *pt_authreq_proto_name(enum pt_core_proto p)
{
	switch (p) {
	case PT_CORE_POP3: return "pop3";
	case PT_CORE_SMTP: return "smtp";
	case PT_CORE_SIEVE: return "sieve";
	case PT_CORE_IMAP:
	default: return "imap";
	}
}

/* The PROXY protocol header's own addresses, as nginx sends them: whenever
 * the connection came with a header that named addresses, whether or not
 * its sender is in set_real_ip_from (then Client-IP is the peer). */
static void pt_authreq_proxy_protocol(const struct pt_session *s, struct pt_wbuf *w)
{
	const struct pt_proxy_addr *a = &s->ppp.addr;
	char text[PT_PROXY_ADDR_TEXT_MAX];

	if (s->ppp.status != PT_PARSE_DONE || a->family == PT_PROXY_AF_UNKNOWN)
		return;
	if (pt_proxy_addr_text(a, 1, text, sizeof(text)) != 0)
		pt_wbuf_fmt(w, "Proxy-Protocol-Addr: %s\r\nProxy-Protocol-Port: %u\r\n", text,
		            (unsigned)a->src_port);
	if (pt_proxy_addr_text(a, 0, text, sizeof(text)) != 0)
		pt_wbuf_fmt(w, "Proxy-Protocol-Server-Addr: %s\r\nProxy-Protocol-Server-Port: %u\r\n",
		            text, (unsigned)a->dst_port);
}

/* A header name from an ID field: letters, digits and "-" only (the
 * auth reply's rule for names, DESIGN §6); other fields are not sent. */
static int pt_authreq_id_name_ok(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' && p[i] <= 'Z') ||
		      (p[i] >= '0' && p[i] <= '9') || p[i] == '-'))
			return 0;
	return n > 0;
}

/* IMAP ID (postern extension): "Client-ID-<field>: <value>" per pair the
 * client sent before login, the value's quoted-string escapes undone and
 * then escaped as every value is; NIL values and fields that are no
 * header name are left out. */
static void pt_authreq_id_headers(const struct pt_session *s, struct pt_wbuf *w)
{
	for (unsigned i = 0; i < s->id_npairs; i++) {
		const struct pt_imap_id_pair *ip = &s->id_pairs[i];
		const uint8_t *v = s->id_line + ip->value.off;

		if (ip->value_nil || !pt_authreq_id_name_ok(s->id_line + ip->field.off, ip->field.len))
			continue;
		pt_wbuf_puts(w, "Client-ID-");
		pt_wbuf_put(w, s->id_line + ip->field.off, ip->field.len);
		pt_wbuf_puts(w, ": ");
		for (size_t j = 0; j < ip->value.len; j++) {
			if (v[j] == '\\' && j + 1 < ip->value.len)
				j++;    /* RFC 9051 §9: "\\" quoted-specials */
			pt_authreq_put_escaped(w, v + j, 1);
		}
		pt_wbuf_puts(w, "\r\n");
	}
}

int pt_authreq_build(struct pt_session *s)
{
	const struct pt_core_conf *c = s->conf;
	struct pt_wbuf w;

	pt_wbuf_init(&w, s->areq, s->areq_cap);
	pt_wbuf_puts(&w, "Host: ");
	pt_wbuf_put(&w, c->auth_host.p, c->auth_host.len);
	pt_wbuf_puts(&w, "\r\nAuth-Method: ");
	pt_wbuf_puts(&w, pt_authreq_method_name(s->method));
	pt_wbuf_puts(&w, "\r\nAuth-User: ");
	pt_authreq_put_escaped(&w, s->login, s->login_len);
	pt_wbuf_puts(&w, "\r\nAuth-Pass: ");
	pt_authreq_put_escaped(&w, s->passwd, s->passwd_len);
	pt_wbuf_puts(&w, "\r\n");
	if (s->method == PT_METHOD_CRAM_MD5 || s->method == PT_METHOD_APOP) {
		pt_wbuf_puts(&w, "Auth-Salt: ");
		pt_wbuf_put(&w, s->salt, s->salt_len);
		pt_wbuf_puts(&w, "\r\n");
	}
	pt_wbuf_puts(&w, "Auth-Protocol: ");
	pt_wbuf_puts(&w, pt_authreq_proto_name(c->proto));
	pt_wbuf_fmt(&w, "\r\nAuth-Login-Attempt: %u\r\n", s->login_attempt);
	pt_wbuf_puts(&w, "Client-IP: ");
	pt_wbuf_put(&w, s->client_ip, s->client_ip_len);
	pt_wbuf_puts(&w, "\r\n");
	if (c->proto == PT_CORE_SMTP) {
		/* always sent for SMTP; holds only host-name bytes (smtp.c) */
		pt_wbuf_puts(&w, "Client-Host: ");
		pt_wbuf_put(&w, s->client_host, s->client_host_len);
		pt_wbuf_puts(&w, "\r\n");
	}
	pt_authreq_proxy_protocol(s, &w);
	if (s->method == PT_METHOD_NONE) {
		/* smtp_auth none: what the client said; command lines hold no CR/LF */
		pt_wbuf_puts(&w, "Auth-SMTP-Helo: ");
		pt_wbuf_put(&w, s->smtp_store, s->helo_len);
		pt_wbuf_puts(&w, "\r\nAuth-SMTP-From: ");
		pt_wbuf_put(&w, s->smtp_store + s->cb_cap, s->from_len);
		pt_wbuf_puts(&w, "\r\nAuth-SMTP-To: ");
		pt_wbuf_put(&w, s->smtp_store + 2 * s->cb_cap, s->to_len);
		pt_wbuf_puts(&w, "\r\n");
	}
	if (s->tls) {
		pt_wbuf_puts(&w, "Auth-SSL: on\r\n");
		/* nginx 1.21.2 */
		if (s->tls_protocol[0])
			pt_wbuf_fmt(&w, "Auth-SSL-Protocol: %s\r\n", s->tls_protocol);
		if (s->tls_cipher[0])
			pt_wbuf_fmt(&w, "Auth-SSL-Cipher: %s\r\n", s->tls_cipher);
		pt_clientcert_put_headers(s, &w);
	}
	/* postern's own (what nginx's ticket #205 asks for): where the client
	 * came from and what it reached, after nginx's headers */
	if (s->client_port)
		pt_wbuf_fmt(&w, "Client-Port: %u\r\n", (unsigned)s->client_port);
	if (s->server_addr_len && s->server_port)
		pt_wbuf_fmt(&w, "Server-Addr: %s\r\nServer-Port: %u\r\n", s->server_addr,
		            (unsigned)s->server_port);
	pt_authreq_id_headers(s, &w);
	for (size_t i = 0; i < c->n_auth_headers; i++) {
		pt_wbuf_put(&w, c->auth_headers[i].name.p, c->auth_headers[i].name.len);
		pt_wbuf_puts(&w, ": ");
		pt_wbuf_put(&w, c->auth_headers[i].value.p, c->auth_headers[i].value.len);
		pt_wbuf_puts(&w, "\r\n");
	}
	if (w.err)
		return -1;
	s->areq_len = w.len;
	return 0;
}

void pt_authreq_start(struct pt_session *s)
{
	struct pt_wbuf w;

	s->login_attempt++;
	/* the login for log lines: escaped, bounded */
	pt_wbuf_init(&w, s->user, sizeof(s->user));
	if (pt_log_put_escaped(&w, s->login, s->login_len, 48) || pt_wbuf_cstr(&w) == NULL)
		s->user[0] = '\0';
	pt_authreq_send(s);
}

/* (Re)send the request for the current credentials and attempt. */
void pt_authreq_send(struct pt_session *s)
{
	struct pt_action *a;

	if (pt_authreq_build(s)) {
		pt_session_log(s, PT_LOG_ERR, "auth http request does not fit");
		s->err = PT_ERR_STATE;
		s->ops->internal_error(s);
		return;
	}
	memset(&s->ar, 0, sizeof(s->ar));
	s->arep_len = 0;
	pt_session_enter(s, PT_ST_AUTH_HTTP);
	a = pt_session_push(s, PT_ACT_AUTH_REQUEST);
	if (a) {
		a->data = s->areq;
		a->len = s->areq_len;
		a->repeat = s->auth_waits > 0;  /* reset by each new login */
	}
	pt_session_set_deadline(s, s->now + s->conf->auth_http_timeout_ms);
}

/* ---- the reply ----------------------------------------------------------------- */

static void pt_authreply_internal(struct pt_session *s, const char *why)
{
	pt_session_log(s, PT_LOG_ERR, "auth http server %s", why);
	s->err = PT_ERR_AUTH_INTERNAL;
	s->ops->internal_error(s);
}

/* Auth-Error-SASL goes out as the challenge (sasl.c); quit: the session
 * ends after the client's answer. */
static void pt_authreply_error_sasl(struct pt_session *s, int quit)
{
	if (pt_sasl_error_challenge(s, quit))
		pt_authreply_internal(s, "sent too long Auth-Error-SASL");
}

static int pt_authreq_is_oauth(enum pt_sasl_method m)
{
	return m == PT_METHOD_XOAUTH2 || m == PT_METHOD_OAUTHBEARER;
}

/* The client gave a password of its own: PLAIN and LOGIN, and the bearer
 * token of XOAUTH2 and OAUTHBEARER, which is the backend password unless
 * Auth-Pass says otherwise (freenginx keeps the token in s->passwd). */
static int pt_authreq_client_password(enum pt_sasl_method m)
{
	return m == PT_METHOD_PLAIN || pt_authreq_is_oauth(m);
}

static int pt_span_is(const struct pt_session *s, struct pt_span sp, const char *name)
{
	size_t n = strlen(name);

	return sp.len == n && pt_mem_eq_ci(s->arep + sp.off, name, n);
}

static void pt_authreply_field(struct pt_session *s, struct pt_span name, struct pt_span value)
{
	struct pt_authreply *r = &s->ar;

	if (pt_span_is(s, name, "Auth-Status")) {
		r->has_status = 1;
		r->status = value;
		/* nginx: "OK" and "WAIT" exactly (case-sensitive) */
		r->ok = value.len == 2 && memcmp(s->arep + value.off, "OK", 2) == 0;
		r->wait_status = value.len == 4 && memcmp(s->arep + value.off, "WAIT", 4) == 0;
	} else if (pt_span_is(s, name, "Auth-Server")) {
		r->has_server = 1;
		r->server = value;
	} else if (pt_span_is(s, name, "Auth-Port")) {
		r->has_port = 1;
		r->port = value;
	} else if (pt_span_is(s, name, "Auth-Wait")) {
		r->has_wait = 1;
		r->wait = value;
	} else if (pt_span_is(s, name, "Auth-User")) {
		r->has_user = 1;
		r->user = value;
	} else if (pt_span_is(s, name, "Auth-Pass")) {
		r->has_pass = 1;
		r->pass = value;
	} else if (pt_span_is(s, name, "Auth-Error-Code") && s->conf->proto == PT_CORE_SMTP) {
		r->has_error_code = 1;
		r->error_code = value;
	} else if (pt_span_is(s, name, "Auth-Error-SASL") && pt_authreq_is_oauth(s->method)) {
		/* freenginx: heeded only after XOAUTH2 and OAUTHBEARER */
		r->has_error_sasl = 1;
		r->error_sasl = value;
	}
	/* other headers are ignored, as nginx does */
}

void pt_authreply_line(struct pt_session *s, const uint8_t *p, size_t n)
{
	struct pt_authhdr_parser hp;
	size_t start = s->arep_len;
	enum pt_parse_status st;

	if (s->ar.done)
		return;     /* the body, after the empty line: ignored */
	if (n > PT_AUTHHDR_MAX - s->arep_len) {
		pt_authreply_internal(s, "sent too long response");
		return;
	}
	memcpy(s->arep + start, p, n);
	s->arep_len += n;
	pt_authhdr_init(&hp, start == 0);
	st = pt_authhdr_parse(&hp, s->arep + start, n);
	if (st != PT_PARSE_DONE || hp.off != n) {
		pt_authreply_internal(s, "sent invalid header in response");
		return;
	}
	switch (hp.kind) {
	case PT_AUTHHDR_STATUS:
		break;
	case PT_AUTHHDR_FIELD: {
		struct pt_span name = { (uint32_t)(start + hp.name.off), hp.name.len };
		struct pt_span value = { (uint32_t)(start + hp.value.off), hp.value.len };
		pt_authreply_field(s, name, value);
		break;
	}
	case PT_AUTHHDR_END:
		/* The headers are complete; the decision waits for the end of the
		 * transfer (PT_EV_AUTH_DONE), so that a new request is never
		 * confused with the end of the old one. */
		s->ar.done = 1;
		break;
	default:
		pt_authreply_internal(s, "sent invalid header in response");
		break;
	}
}

/* An unsigned decimal within [lo, hi], or -1. */
static long long pt_span_num(const struct pt_session *s, struct pt_span sp, long long lo,
                             long long hi)
{
	long long v = 0;

	if (sp.len == 0 || sp.len > 18)
		return -1;
	for (uint32_t i = 0; i < sp.len; i++) {
		uint8_t c = s->arep[sp.off + i];
		if (c < '0' || c > '9')
			return -1;
		v = v * 10 + (c - '0');
	}
	return v < lo || v > hi ? -1 : v;
}

/* Auth-Server must be an IPv4 or IPv6 literal: nginx refuses names. */
static int pt_authreply_server(struct pt_session *s, struct pt_action *a)
{
	struct pt_span sp = s->ar.server;
	int dots = 0, colons = 0, digits = 0;

	if (sp.len == 0 || sp.len >= sizeof(a->addr))
		return -1;
	for (uint32_t i = 0; i < sp.len; i++) {
		uint8_t c = s->arep[sp.off + i];
		if (c >= '0' && c <= '9')
			digits++;
		else if (c == '.')
			dots++;
		else if (c == ':')
			colons++;
		else if (!((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
			return -1;
	}
	if (colons == 0 && (dots != 3 || digits == 0))
		return -1;
	if (colons == 0) {
		/* a.b.c.d with each part 0..255 */
		long part = -1;
		int parts = 0;
		for (uint32_t i = 0; i <= sp.len; i++) {
			uint8_t c = i < sp.len ? s->arep[sp.off + i] : '.';
			if (c == '.') {
				if (part < 0 || part > 255)
					return -1;
				parts++;
				part = -1;
			} else if (c >= '0' && c <= '9') {
				part = (part < 0 ? 0 : part * 10) + (c - '0');
				if (part > 255)
					return -1;
			} else {
				return -1;
			}
		}
		if (parts != 4)
			return -1;
	} else if (colons < 2 || colons > 7) {
		return -1;   /* the shell's inet_pton has the last word on IPv6 */
	}
	memcpy(a->addr, s->arep + sp.off, sp.len);
	a->addr[sp.len] = '\0';
	return 0;
}

static void pt_authreply_ok(struct pt_session *s)
{
	struct pt_authreply *r = &s->ar;
	struct pt_action act;
	struct pt_action *a;
	long long port;

	if (!r->has_server || !r->has_port) {
		pt_authreply_internal(s, "did not send server or port");
		return;
	}
	memset(&act, 0, sizeof(act));
	if (pt_authreply_server(s, &act)) {
		pt_authreply_internal(s, "sent invalid server address");
		return;
	}
	port = pt_span_num(s, r->port, 1, 65535);
	if (port < 0) {
		pt_authreply_internal(s, "sent invalid server port");
		return;
	}
	/* IMAP and POP3: without a plain password from the client (CRAM-MD5,
	 * APOP, EXTERNAL), the auth server must give one. */
	if (s->conf->proto != PT_CORE_SMTP && !pt_authreq_client_password(s->method) &&
	    !r->has_pass) {
		pt_authreply_internal(s, "did not send password");
		return;
	}
	if ((r->has_user && pt_session_set_cred(s, 0, s->arep + r->user.off, r->user.len)) ||
	    (r->has_pass && pt_session_set_cred(s, 1, s->arep + r->pass.off, r->pass.len))) {
		pt_authreply_internal(s, "sent invalid credentials");
		return;
	}
	/* SMTP needs a password only to log in to the backend itself. */
	if (s->conf->proto == PT_CORE_SMTP && s->conf->proxy_smtp_auth &&
	    s->method != PT_METHOD_NONE &&
	    (!pt_authreq_client_password(s->method) || s->passwd_len == 0) &&
	    !r->has_pass) {
		pt_authreply_internal(s, "did not send password: no password available");
		return;
	}
	pt_session_enter(s, PT_ST_BACKEND_CONNECT);
	pt_session_set_deadline(s, s->now + s->conf->timeout_ms);
	a = pt_session_push(s, PT_ACT_CONNECT_BACKEND);
	if (a) {
		memcpy(a->addr, act.addr, sizeof(a->addr));
		a->port = (uint16_t)port;
	}
}

/* The protocol's error line with the auth server's text (which holds no
 * CR or LF: the grammar refused those). */
void pt_authreply_send_error(struct pt_session *s)
{
	s->ops->auth_error(s, s->arep + s->ar.status.off, s->ar.status.len);
	pt_session_flush_client(s);
}

/* The auth server said no: the error now and close, or after Auth-Wait
 * seconds and back to reading commands (nginx's auth sleep). */
static void pt_authreply_error(struct pt_session *s)
{
	struct pt_authreply *r = &s->ar;
	long long wait = 0;

	char text[PT_LOGMSG_MAX / 2];
	struct pt_wbuf w;

	/* The auth server's words go to the log escaped and bounded. */
	pt_wbuf_init(&w, text, sizeof(text));
	pt_log_put_escaped(&w, s->arep + r->status.off, r->status.len, sizeof(text) / 4 - 4);
	pt_session_log(s, PT_LOG_INFO, "client login failed: \"%s\"", pt_wbuf_cstr(&w) ? text : "");
	/* nginx ignores an Auth-Wait that is not a number (no wait). */
	if (r->has_wait && (wait = pt_span_num(s, r->wait, 0, 86400)) < 0)
		wait = 0;
	pt_session_clear_credentials(s);
	if (wait == 0 && r->has_error_sasl) {
		pt_authreply_error_sasl(s, 1);
		return;
	}
	if (wait == 0) {
		pt_authreply_send_error(s);
		pt_session_close(s, PT_ERR_AUTH_REJECTED);
		return;
	}
	s->wait_ms = (uint64_t)wait * 1000;
	pt_session_enter(s, PT_ST_AUTH_WAIT);
	pt_session_set_deadline(s, s->now + s->wait_ms);
}

void pt_authreply_done(struct pt_session *s)
{
	struct pt_authreply *r = &s->ar;

	if (s->state == PT_ST_AUTH_WAIT && s->rerequest) {
		/* "Auth-Status: WAIT" is over: the same question again. */
		s->rerequest = 0;
		pt_authreq_send(s);
		return;
	}
	if (s->state == PT_ST_AUTH_WAIT) {
		/* The wait is over: the error goes out and the client may retry;
		 * after an Auth-Error-SASL, the challenge first. */
		if (r->has_error_sasl) {
			pt_authreply_error_sasl(s, 0);
			return;
		}
		pt_authreply_send_error(s);
		pt_session_set_deadline(s, s->now + s->conf->timeout_ms);
		s->ops->resume(s);
		return;
	}
	if (s->state != PT_ST_AUTH_HTTP)
		return;
	if (!r->done) {
		/* The reply ended before its empty line: it closed early. */
		pt_authreply_internal(s, "closed connection prematurely");
		return;
	}
	if (!r->has_status) {
		pt_authreply_internal(s, "did not send auth status");
		return;
	}
	if (r->ok) {
		pt_authreply_ok(s);
	} else if (r->wait_status) {
		long long wait = r->has_wait ? pt_span_num(s, r->wait, 0, 86400) : 0;

		if (++s->auth_waits > PT_AUTH_WAIT_MAX) {
			pt_authreply_internal(s, "sent \"Auth-Status: WAIT\" too many times");
			return;
		}
		s->rerequest = 1;
		pt_session_enter(s, PT_ST_AUTH_WAIT);
		if (wait <= 0) {
			pt_authreply_done(s);   /* no wait given: ask again now */
			return;
		}
		s->wait_ms = (uint64_t)wait * 1000;
		pt_session_set_deadline(s, s->now + s->wait_ms);
	} else {
		pt_authreply_error(s);
	}
}
