/*
 * session.c - the session's memory, its byte hand-off (buf/ack), the
 * action queue, the one door for state changes, deadlines and events.
 * What a protocol does with bytes is in imap.c; the auth_http exchange
 * in authreq.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/session_int.h"
#include "util/names.h"

static const struct pt_name pt_state_names[] = { PT_STATES(PT_NAME_ITEM) };
static const struct pt_name pt_err_names[] = { PT_ERRS(PT_NAME_ITEM) };

#define PT_ALIGN(n) (((n) + 15u) & ~(size_t)15u)

/* The largest credential: a whole client line, or an Auth-User/Auth-Pass
 * from a reply of at most PT_AUTHHDR_MAX bytes. */
static size_t pt_cred_cap(const struct pt_core_conf *c)
{
	return c->client_buffer > PT_AUTHHDR_MAX ? c->client_buffer : PT_AUTHHDR_MAX;
}

static size_t pt_caps_len(const struct pt_core_conf *c)
{
	size_t n = 0;

	for (size_t i = 0; i < c->n_capabilities; i++)
		n += c->capabilities[i].len + 1;
	return n;
}

static size_t pt_out_cap(const struct pt_core_conf *c)
{
	/* capability line + tagged replies, or a forwarded backend reply, or
	 * the auth server's error text after a tag. */
	return c->proxy_buffer + pt_caps_len(c) + c->server_name.len + PT_AUTHHDR_MAX + 512;
}

static size_t pt_areq_cap(const struct pt_core_conf *c)
{
	size_t n = 1024 + c->auth_host.len + c->server_name.len + PT_SALT_MAX;

	/* user and password, each escaped to at most 3 bytes per byte */
	n += 6 * pt_cred_cap(c);
	n += pt_clientcert_cap(c) + 128;    /* Auth-SSL-Verify ... Auth-SSL-Cert */
	if (c->proxy_protocol)              /* Proxy-Protocol-Addr ... -Server-Port */
		n += 2 * (PT_PROXY_ADDR_TEXT_MAX + 64);
	n += 64 + 64 + 64;                  /* Client-Port, Server-Addr, Server-Port */
	for (size_t i = 0; i < c->n_auth_headers; i++)
		n += c->auth_headers[i].name.len + c->auth_headers[i].value.len + 4;
	/* IMAP ID: "Client-ID-<field>: <value>" per pair, values escaped to
	 * at most 3 bytes per byte of the ID line */
	if (c->proto == PT_CORE_IMAP)
		n += 3 * c->client_buffer + PT_IMAP_ID_PAIRS_MAX * (16 + PT_IMAP_ID_FIELD_MAX);
	return n;
}

/* What a protocol keeps of the client's lines before login: SMTP's HELO,
 * MAIL and RCPT, IMAP's ID line. */
static size_t pt_session_store_cap(const struct pt_core_conf *c)
{
	if (c->proto == PT_CORE_IMAP)
		return PT_ALIGN(c->client_buffer);
	return c->proto == PT_CORE_SMTP ? PT_ALIGN(3 * c->client_buffer) : 0;
}

size_t pt_session_mem_size(const struct pt_core_conf *c)
{
	size_t cred = pt_cred_cap(c);

	return PT_ALIGN(sizeof(struct pt_session)) + PT_ALIGN(c->client_buffer) +
	       PT_ALIGN(pt_out_cap(c)) + PT_ALIGN(c->proxy_buffer) +
	       PT_ALIGN(2 * cred + 128) + PT_ALIGN(pt_areq_cap(c)) + PT_ALIGN(PT_AUTHHDR_MAX) +
	       2 * PT_ALIGN(cred) + pt_session_store_cap(c) +
	       (c->proxy_protocol ? PT_ALIGN(PT_PROXY_MAX) : 0) + PT_ALIGN(pt_clientcert_cap(c));
}

struct pt_session *pt_session_init(void *mem, size_t len, const struct pt_core_conf *c)
{
	struct pt_session *s = mem;
	uint8_t *p = mem;
	size_t cred;

	if (mem == NULL || c == NULL || c->client_buffer < 16 || c->proxy_buffer < 16 ||
	    len < pt_session_mem_size(c))
		return NULL;
	cred = pt_cred_cap(c);
	memset(s, 0, sizeof(*s));
	s->conf = c;
	if ((s->ops = pt_proto_ops_of(c->proto)) == NULL)
		return NULL;        /* a protocol this build left out (protos.c) */
	p += PT_ALIGN(sizeof(*s));
	s->cb = p;
	s->cb_cap = c->client_buffer;
	p += PT_ALIGN(s->cb_cap);
	s->out = p;
	s->out_cap = pt_out_cap(c);
	p += PT_ALIGN(s->out_cap);
	s->bb = p;
	s->bb_cap = c->proxy_buffer;
	p += PT_ALIGN(s->bb_cap);
	s->bout = p;
	s->bout_cap = 2 * cred + 128;
	p += PT_ALIGN(s->bout_cap);
	s->areq = p;
	s->areq_cap = pt_areq_cap(c);
	p += PT_ALIGN(s->areq_cap);
	s->arep = p;
	p += PT_ALIGN(PT_AUTHHDR_MAX);
	s->login = p;
	p += PT_ALIGN(cred);
	s->passwd = p;
	p += PT_ALIGN(cred);
	if (c->proto == PT_CORE_SMTP)
		s->smtp_store = p;      /* HELO, MAIL, RCPT: SMTP's alone */
	if (c->proto == PT_CORE_IMAP)
		s->id_line = p;         /* ID: IMAP's alone */
	p += pt_session_store_cap(c);
	if (c->proxy_protocol) {
		s->pp = p;
		p += PT_ALIGN(PT_PROXY_MAX);
	}
	if (pt_clientcert_cap(c)) {
		s->cert = p;
		s->cert_cap = pt_clientcert_cap(c);
	}
	s->cred_cap = cred;
	s->state = PT_ST_NEW;
	return s;
}

/* ---- inspection ------------------------------------------------------------ */

int pt_session_state(const struct pt_session *s)
{
	return (int)s->state;
}

const char *pt_session_state_name(const struct pt_session *s)
{
	return pt_name_of(pt_state_names, PT_COUNTOF(pt_state_names), (int)s->state);
}

int pt_session_error(const struct pt_session *s)
{
	return (int)s->err;
}

const char *pt_session_error_name(int err)
{
	return pt_name_of(pt_err_names, PT_COUNTOF(pt_err_names), err);
}

/* No default: -Wswitch makes a new error name its class here. */
enum pt_core_end pt_session_end(const struct pt_session *s)
{
	switch (s->err) {
	case PT_ERR_NONE:
		return PT_END_NONE;
	case PT_ERR_QUIT:
	case PT_ERR_CLIENT_EOF:
		return PT_END_CLOSED;
	case PT_ERR_TIMEOUT:
		return PT_END_TIMEOUT;
	case PT_ERR_AUTH_REJECTED:
		return PT_END_AUTH_FAILED;
	case PT_ERR_LIMIT:
		return PT_END_LIMITED;
	case PT_ERR_TOO_LONG:
	case PT_ERR_PROXY_HEADER:
	case PT_ERR_MAX_ERRORS:
	case PT_ERR_NONSYNC_LITERAL:
	case PT_ERR_AUTH_INTERNAL:
	case PT_ERR_BACKEND:
	case PT_ERR_CERT:
	case PT_ERR_NO_CERT:
	case PT_ERR_STATE:
	case PT_ERR_COUNT:
		break;
	}
	return PT_END_ERROR;
}

void pt_session_trace(struct pt_session *s, int on)
{
	s->trace = on;
}

const char *pt_session_user(const struct pt_session *s)
{
	return s->user;
}

int pt_session_auth_creds(const struct pt_session *s, struct pt_auth_creds *out)
{
	static const uint32_t bit[] = {
		[PT_METHOD_PLAIN] = PT_CORE_AUTH_PLAIN,
		[PT_METHOD_CRAM_MD5] = PT_CORE_AUTH_CRAM_MD5,
		[PT_METHOD_EXTERNAL] = PT_CORE_AUTH_EXTERNAL,
		[PT_METHOD_APOP] = PT_CORE_AUTH_APOP,
		[PT_METHOD_NONE] = PT_CORE_AUTH_NONE,
		[PT_METHOD_XOAUTH2] = PT_CORE_AUTH_XOAUTH2,
		[PT_METHOD_OAUTHBEARER] = PT_CORE_AUTH_OAUTHBEARER,
	};

	memset(out, 0, sizeof(*out));
	if (s->state != PT_ST_AUTH_HTTP || s->method < PT_METHOD_PLAIN ||
	    s->method > PT_METHOD_OAUTHBEARER)
		return -1;
	out->method = bit[s->method];
	out->user.p = (const char *)s->login;
	out->user.len = s->login_len;
	out->pass.p = (const char *)s->passwd;
	out->pass.len = s->passwd_len;
	out->salt.p = s->salt;
	out->salt.len = s->salt_len;
	return 0;
}

int pt_session_relaying(const struct pt_session *s)
{
	return s->state == PT_ST_RELAY;
}

/* ---- actions --------------------------------------------------------------- */

struct pt_action *pt_session_push(struct pt_session *s, enum pt_act_type type)
{
	struct pt_action *a;

	if (s->close_queued)
		return NULL;
	if (s->qlen == PT_ACTQ) {
		/* Cannot happen with the steps below; closing is the safe answer. */
		s->err = s->err ? s->err : PT_ERR_STATE;
		s->q[(s->qhead + PT_ACTQ - 1) % PT_ACTQ].type = PT_ACT_CLOSE;
		s->close_queued = 1;
		return NULL;
	}
	a = &s->q[(s->qhead + s->qlen) % PT_ACTQ];
	memset(a, 0, sizeof(*a));
	a->type = type;
	s->qlen++;
	if (type == PT_ACT_CLOSE)
		s->close_queued = 1;
	return a;
}

void pt_session_log(struct pt_session *s, enum pt_log_level lvl, const char *fmt, ...)
{
	unsigned slot = (s->qhead + s->qlen) % PT_ACTQ;
	struct pt_action *a;
	va_list ap;
	int n;

	if (lvl == PT_LOG_DEBUG && !s->trace)
		return;
	a = pt_session_push(s, PT_ACT_LOG);
	if (a == NULL)
		return;
	va_start(ap, fmt);
	n = vsnprintf(s->logmsg[slot], PT_LOGMSG_MAX, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	a->level = lvl;
	a->data = (const uint8_t *)s->logmsg[slot];
	a->len = (size_t)n < PT_LOGMSG_MAX ? (size_t)n : PT_LOGMSG_MAX - 1;
}

int pt_session_next_action(struct pt_session *s, struct pt_action *act)
{
	if (s->qlen == 0) {
		memset(act, 0, sizeof(*act));
		return PT_ACT_NONE;
	}
	*act = s->q[s->qhead];
	s->qhead = (s->qhead + 1) % PT_ACTQ;
	s->qlen--;
	return (int)act->type;
}

void pt_session_set_deadline(struct pt_session *s, uint64_t at)
{
	struct pt_action *a;

	if (s->deadline == at)
		return;
	s->deadline = at;
	a = pt_session_push(s, PT_ACT_SET_DEADLINE);
	if (a)
		a->deadline_ms = at;
}

/* ---- state ------------------------------------------------------------------- */

/* The one door for state changes; traced old -> new. */
void pt_session_enter(struct pt_session *s, enum pt_state st)
{
	if (s->state == PT_ST_CLOSED)
		return;
	pt_session_log(s, PT_LOG_DEBUG, "state %s -> %s",
	               pt_name_of(pt_state_names, PT_COUNTOF(pt_state_names), (int)s->state),
	               pt_name_of(pt_state_names, PT_COUNTOF(pt_state_names), (int)st));
	s->state = st;
}

/* First error wins; the connection ends after what is queued. */
void pt_session_close(struct pt_session *s, enum pt_err err)
{
	if (s->err == PT_ERR_NONE)
		s->err = err;
	if (s->state == PT_ST_CLOSED)
		return;
	pt_session_flush_client(s);
	pt_session_enter(s, PT_ST_CLOSED);
	pt_session_set_deadline(s, 0);
	pt_session_push(s, PT_ACT_CLOSE);
}

void pt_session_fail(struct pt_session *s, enum pt_err err)
{
	pt_session_log(s, PT_LOG_INFO, "%s", pt_session_error_name((int)err));
	pt_session_close(s, err);
}

/* ---- client output ------------------------------------------------------------- */

int pt_session_out(struct pt_session *s, const void *p, size_t n)
{
	if (n > s->out_cap - s->out_len)
		return -1;
	memcpy(s->out + s->out_len, p, n);
	s->out_len += n;
	return 0;
}

int pt_session_out_str(struct pt_session *s, const char *str)
{
	return pt_session_out(s, str, strlen(str));
}

void pt_session_flush_client(struct pt_session *s)
{
	struct pt_action *a;

	if (s->out_len == s->out_sent || s->send_client_queued)
		return;
	a = pt_session_push(s, PT_ACT_SEND_CLIENT);
	if (a)
		s->send_client_queued = 1;
}

void pt_session_flush_backend(struct pt_session *s)
{
	struct pt_action *a;

	if (s->bout_len == s->bout_sent || s->send_backend_queued)
		return;
	a = pt_session_push(s, PT_ACT_SEND_BACKEND);
	if (a)
		s->send_backend_queued = 1;
}

/* A backend command written into w (over bout's free end): sent, and the
 * state its reply is read in; one that did not fit is the internal error
 * (why: its log line, or none). */
void pt_session_backend_put(struct pt_session *s, const struct pt_wbuf *w, enum pt_state next,
                            const char *why)
{
	if (w->err) {
		if (why != NULL)
			pt_session_log(s, PT_LOG_ERR, "%s", why);
		s->err = PT_ERR_STATE;
		s->ops->internal_error(s);
		return;
	}
	s->bout_len += w->len;
	pt_session_flush_backend(s);
	pt_session_enter(s, next);
}

/* A reply from reply.c, with the current tag or "* " in front of it. */
void pt_session_reply(struct pt_session *s, enum pt_reply code, int tagged)
{
	if (tagged) {
		if (s->tag_len) {
			pt_session_out(s, s->tag, s->tag_len);
			pt_session_out(s, " ", 1);
		} else {
			pt_session_out(s, "* ", 2);
		}
	}
	pt_session_out_str(s, pt_reply_text(s->conf->proto, code));
	pt_session_flush_client(s);
}

const uint8_t *pt_session_client_send_buf(struct pt_session *s, size_t *len)
{
	*len = s->out_len - s->out_sent;
	return *len ? s->out + s->out_sent : NULL;
}

void pt_session_client_send_ack(struct pt_session *s, size_t n)
{
	if (n > s->out_len - s->out_sent)
		n = s->out_len - s->out_sent;   /* acking more than offered: clamp */
	s->out_sent += n;
	if (s->out_sent < s->out_len)
		return;
	s->out_len = s->out_sent = 0;
	s->send_client_queued = 0;
	/* A reply is on the wire: the next pipelined command may run. */
	if (pt_session_reading(s))
		s->ops->process_input(s);
}

const uint8_t *pt_session_backend_send_buf(struct pt_session *s, size_t *len)
{
	*len = s->bout_len - s->bout_sent;
	return *len ? s->bout + s->bout_sent : NULL;
}

void pt_session_backend_send_ack(struct pt_session *s, size_t n)
{
	if (n > s->bout_len - s->bout_sent)
		n = s->bout_len - s->bout_sent;
	s->bout_sent += n;
	if (s->bout_sent < s->bout_len)
		return;
	s->bout_len = s->bout_sent = 0;
	s->send_backend_queued = 0;
}

/* ---- client input --------------------------------------------------------------- */

/* The states that read client commands. */
int pt_session_reading(const struct pt_session *s)
{
	switch (s->state) {
	case PT_ST_SMTP_DELAY:     /* taken only to be refused: no pipelining before the greeting */
	case PT_ST_AUTH:
	case PT_ST_POP3_USER:
	case PT_ST_SASL_PLAIN:
	case PT_ST_SASL_LOGIN_USER:
	case PT_ST_SASL_LOGIN_PASS:
	case PT_ST_SASL_CRAM_MD5:
	case PT_ST_SASL_EXTERNAL:
	case PT_ST_SASL_XOAUTH2:
	case PT_ST_SASL_OAUTHBEARER:
	case PT_ST_SASL_ERROR:
		return 1;
	default:
		return 0;
	}
}

uint8_t *pt_session_client_recv_buf(struct pt_session *s, size_t *len)
{
	if (s->state == PT_ST_PROXY)
		return pt_proxyhdr_recv_buf(s, len);
	/* While auth_http runs, input stays in the socket (nginx does the
	 * same), so pipelined bytes survive for the backend. */
	if (!pt_session_reading(s) || s->cb_len == s->cb_cap) {
		*len = 0;
		return NULL;
	}
	*len = s->cb_cap - s->cb_len;
	return s->cb + s->cb_len;
}

void pt_session_client_recv_ack(struct pt_session *s, size_t n, uint64_t now_ms)
{
	if (s->state == PT_ST_PROXY) {
		s->now = now_ms;
		pt_proxyhdr_recv_ack(s, n);
		return;
	}
	if (!pt_session_reading(s) || n > s->cb_cap - s->cb_len)
		return;
	s->now = now_ms;
	s->cb_len += n;
	if (n)
		pt_session_set_deadline(s, now_ms + s->conf->timeout_ms);
	s->ops->process_input(s);
}

/* Drop n bytes from the front of the client buffer (a handled command). */
void pt_session_consume(struct pt_session *s, size_t n)
{
	if (n > s->cb_len)
		n = s->cb_len;
	memmove(s->cb, s->cb + n, s->cb_len - n);
	s->cb_len -= n;
}

/* ---- credentials ------------------------------------------------------------------ */

void pt_session_clear_credentials(struct pt_session *s)
{
	/* Pointer and length together (CVE-2026-27651 was a length left behind). */
	memset(s->login, 0, s->cred_cap);
	memset(s->passwd, 0, s->cred_cap);
	s->login_len = 0;
	s->passwd_len = 0;
}

/* STARTTLS / STLS, after its reply and the protocol's own forgetting
 * (DESIGN §6, CVE-2014-3556 class): the bytes after the command arrived in
 * plaintext and must not run inside TLS, and no credentials survive. */
void pt_session_start_tls(struct pt_session *s)
{
	s->cb_len = 0;
	pt_session_clear_credentials(s);
	pt_session_enter(s, PT_ST_TLS_HANDSHAKE);
	pt_session_push(s, PT_ACT_START_TLS);
	pt_session_set_deadline(s, s->now + s->conf->timeout_ms);
}

/* which: 0 login, 1 password.  Refuses CR, LF and NUL: they could end a
 * line toward a backend or the auth server (DESIGN §6). */
int pt_session_set_cred(struct pt_session *s, int which, const uint8_t *p, size_t n)
{
	uint8_t *dst = which ? s->passwd : s->login;

	if (n > s->cred_cap)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (p[i] == '\r' || p[i] == '\n' || p[i] == '\0')
			return -1;
	memmove(dst, p, n);
	if (which)
		s->passwd_len = n;
	else
		s->login_len = n;
	return 0;
}

/* ---- backend input ----------------------------------------------------------------- */

int pt_session_backend_login(const struct pt_session *s)
{
	return s->state >= PT_ST_BACKEND_FIRST && s->state <= PT_ST_BACKEND_LAST;
}

/* Backend bytes are taken during its login, but not while a STARTTLS
 * handshake with it runs: those bytes are TLS records, the shell's. */
static int pt_session_backend_reading(const struct pt_session *s)
{
	return pt_session_backend_login(s) && s->state != PT_ST_BACKEND_TLS_HANDSHAKE;
}

uint8_t *pt_session_backend_recv_buf(struct pt_session *s, size_t *len)
{
	if (!pt_session_backend_reading(s) || s->bb_len == s->bb_cap) {
		*len = 0;
		return NULL;
	}
	*len = s->bb_cap - s->bb_len;
	return s->bb + s->bb_len;
}

void pt_session_backend_recv_ack(struct pt_session *s, size_t n, uint64_t now_ms)
{
	if (!pt_session_backend_reading(s) || n > s->bb_cap - s->bb_len)
		return;
	s->now = now_ms;
	s->bb_len += n;
	if (n)
		pt_session_set_deadline(s, now_ms + s->conf->timeout_ms);
	s->ops->backend_input(s);
}

/* ---- events ------------------------------------------------------------------------- */

/* A short name from the shell (TLS protocol, cipher, the address the
 * client reached) as a C string; only header-safe bytes are kept. */
static void pt_session_copy_name(char *dst, size_t cap, const struct pt_core_bytes *b)
{
	size_t n = 0;

	for (size_t i = 0; b->p && i < b->len && n + 1 < cap; i++)
		if (b->p[i] > 0x20 && b->p[i] < 0x7f)
			dst[n++] = b->p[i];
	dst[n] = '\0';
}

static void pt_session_start(struct pt_session *s, const struct pt_ev_start *st)
{
	size_t n = st->client_ip.len < sizeof(s->client_ip) - 1 ? st->client_ip.len
	                                                         : sizeof(s->client_ip) - 1;

	if (s->state != PT_ST_NEW)
		return;
	if (n)
		memcpy(s->client_ip, st->client_ip.p, n);
	s->client_ip[n] = '\0';
	s->client_ip_len = n;
	s->client_port = st->client_port;
	pt_session_copy_name(s->server_addr, sizeof(s->server_addr), &st->server_addr);
	s->server_addr_len = strlen(s->server_addr);
	s->server_port = st->server_port;
	s->unix_time = st->unix_time;
	s->random = st->random;
	pt_session_set_deadline(s, s->now + s->conf->timeout_ms);
	if (st->proxy_protocol) {
		/* nginx reads the header under the server's timeout, before TLS */
		if (s->pp == NULL) {
			s->err = PT_ERR_STATE;
			pt_session_close(s, PT_ERR_STATE);
			return;
		}
		s->pp_trusted = st->proxy_trusted;
		s->pp_tls = st->tls;
		pt_proxy_init(&s->ppp);
		pt_session_enter(s, PT_ST_PROXY);
		return;
	}
	pt_session_begin(s, st->tls);
}

/* The protocol starts: now, or once the PROXY header is in. */
void pt_session_begin(struct pt_session *s, int tls)
{
	if (tls) {
		/* implicit TLS: the shell starts the handshake on this action,
		 * as after STARTTLS (and after a PROXY header, not before) */
		pt_session_enter(s, PT_ST_TLS_HANDSHAKE);
		pt_session_push(s, PT_ACT_START_TLS);
		return;
	}
	if (s->limited)
		pt_limit_refuse(s);
	else
		s->ops->start(s);
}

void pt_session_event(struct pt_session *s, const struct pt_event *ev, uint64_t now_ms)
{
	s->now = now_ms;
	if (s->state == PT_ST_CLOSED)
		return;
	switch (ev->type) {
	case PT_EV_START:
		pt_session_start(s, &ev->u.start);
		break;
	case PT_EV_TLS_UP:
		if (s->state != PT_ST_TLS_HANDSHAKE)
			break;
		s->tls = 1;
		pt_session_copy_name(s->tls_protocol, sizeof(s->tls_protocol), &ev->u.tls.protocol);
		pt_session_copy_name(s->tls_cipher, sizeof(s->tls_cipher), &ev->u.tls.cipher);
		if (pt_clientcert_take(s, &ev->u.tls))
			break;
		pt_session_set_deadline(s, now_ms + s->conf->timeout_ms);
		if (s->limited)
			pt_limit_refuse(s);
		else if (s->greeted)
			s->ops->resume(s);      /* after STARTTLS: no second greeting */
		else
			s->ops->start(s);
		break;
	case PT_EV_CLIENT_EOF:
		if (s->state != PT_ST_RELAY)
			pt_session_fail(s, PT_ERR_CLIENT_EOF);
		break;
	case PT_EV_AUTH_LINE:
		if (s->state == PT_ST_AUTH_HTTP)
			pt_authreply_line(s, (const uint8_t *)ev->u.line.p, ev->u.line.len);
		break;
	case PT_EV_AUTH_DONE:
		if (s->state == PT_ST_AUTH_HTTP)
			pt_authreply_done(s);
		break;
	case PT_EV_AUTH_FAILED:
		if (s->state == PT_ST_AUTH_HTTP) {
			pt_session_log(s, PT_LOG_ERR, "auth http server request failed");
			s->err = PT_ERR_AUTH_INTERNAL;
			s->ops->internal_error(s);
		}
		break;
	case PT_EV_BACKEND_CONNECTED:
		if (s->state == PT_ST_BACKEND_CONNECT)
			s->ops->backend_connected(s);
		break;
	case PT_EV_BACKEND_TLS_UP:
		if (s->state == PT_ST_BACKEND_TLS_HANDSHAKE)
			pt_backtls_up(s);
		break;
	case PT_EV_BACKEND_FAILED:
	case PT_EV_BACKEND_EOF:
		if (s->state == PT_ST_RELAY) {
			pt_session_close(s, PT_ERR_NONE);
		} else if (s->state == PT_ST_BACKEND_CONNECT || pt_session_backend_login(s)) {
			const char *why = pt_backtls_lost(s, ev->type);

			if (why == NULL && ev->type == PT_EV_BACKEND_FAILED)
				why = "upstream connect failed";
			else if (why == NULL)
				why = "upstream prematurely closed connection";
			pt_session_log(s, PT_LOG_ERR, "%s", why);
			s->err = PT_ERR_BACKEND;
			s->ops->internal_error(s);
		}
		break;
	case PT_EV_LIMIT_CONN:
		pt_limit_conn(s);
		break;
	case PT_EV_LIMIT_LOGIN:
		pt_limit_login(s);
		break;
	case PT_EV_CLIENT_HOST:
#ifndef PT_WITHOUT_SMTP
		if (s->state == PT_ST_SMTP_RESOLVE)
			pt_smtp_client_host(s, (const uint8_t *)ev->u.line.p, ev->u.line.len);
#endif
		break;
	case PT_EV_TIMER:
		if (s->deadline == 0 || now_ms < s->deadline)
			break;
		s->deadline = 0;
		if (s->state == PT_ST_SMTP_DELAY) {
#ifndef PT_WITHOUT_SMTP
			pt_smtp_greet(s);       /* smtp_greeting_delay is over */
#endif
		} else if (s->state == PT_ST_AUTH_WAIT) {
			pt_authreply_done(s);   /* the wait is over: answer and go on */
		} else if (s->state == PT_ST_AUTH_HTTP) {
			pt_session_log(s, PT_LOG_ERR, "auth http server timed out");
			s->err = PT_ERR_AUTH_INTERNAL;
			s->ops->internal_error(s);
		} else if (s->state == PT_ST_BACKEND_CONNECT || pt_session_backend_login(s)) {
			pt_session_log(s, PT_LOG_ERR, "upstream timed out");
			s->err = PT_ERR_BACKEND;
			s->ops->internal_error(s);
		} else if (s->state != PT_ST_RELAY) {
			/* RFC 5804 §1.3 (ManageSieve): BYE before the close; the
			 * other protocols have no text here and close silently. */
			if (pt_session_reading(s))
				pt_session_out_str(s, pt_reply_text(s->conf->proto, PT_R_TIMEOUT));
			pt_session_fail(s, PT_ERR_TIMEOUT);
		}
		break;
	default:
		pt_session_close(s, PT_ERR_STATE);
		break;
	}
}

/* ---- shared protocol steps ------------------------------------------------------ */

/* nginx: every invalid command counts; at max_errors the reply still goes
 * out, then the connection closes.  A SASL exchange ends with it. */
void pt_session_invalid(struct pt_session *s)
{
	s->errors++;
	if (s->state != PT_ST_AUTH)
		pt_session_enter(s, PT_ST_AUTH);
	pt_session_reply(s, PT_R_INVALID, s->conf->proto == PT_CORE_IMAP);
	if (s->errors >= s->conf->max_errors) {
		pt_session_out_str(s, pt_reply_text(s->conf->proto, PT_R_MAX_ERRORS));
		pt_session_log(s, PT_LOG_INFO, "client sent too many invalid commands");
		pt_session_close(s, PT_ERR_MAX_ERRORS);
	}
}

/* Credentials are complete: ask the auth server. */
void pt_session_authenticated(struct pt_session *s, enum pt_sasl_method m)
{
	s->method = m;
	s->auth_waits = 0;
	pt_session_enter(s, PT_ST_AUTH);
	pt_authreq_start(s);
}

/* A backend reply was wrong: its own text to the client when
 * proxy_pass_error_message is on, else the internal error. */
void pt_session_backend_fail(struct pt_session *s, size_t line_end, const char *why)
{
	pt_session_log(s, PT_LOG_ERR, "%s", why);
	s->err = PT_ERR_BACKEND;
	if (s->conf->proxy_pass_error_message && line_end) {
		pt_session_out(s, s->bb, line_end);
		pt_session_close(s, PT_ERR_BACKEND);
		return;
	}
	s->ops->internal_error(s);
}

/* A backend reply line is not complete: wait for more, unless the buffer
 * is full. */
void pt_session_backend_wait(struct pt_session *s)
{
	if (s->bb_len == s->bb_cap)
		pt_session_backend_fail(s, 0, "upstream sent too long response line");
}

/* A backend line before login was handled: drop it, keep what follows. */
void pt_session_backend_drop(struct pt_session *s, size_t end)
{
	memmove(s->bb, s->bb + end, s->bb_len - end);
	s->bb_len -= end;
	s->bb_line = 0;
}

/* The backend took the login: its first `forward` bytes go to the client,
 * then the relay, carrying the client bytes that came after the login. */
void pt_session_logged_in(struct pt_session *s, size_t forward)
{
	struct pt_action *a;

	pt_session_log(s, PT_LOG_INFO, "client logged in");
	if (pt_session_out(s, s->bb, forward)) {
		s->err = PT_ERR_STATE;
		s->ops->internal_error(s);
		return;
	}
	pt_session_flush_client(s);
	pt_session_clear_credentials(s);
	pt_session_enter(s, PT_ST_RELAY);
	pt_session_set_deadline(s, 0);
	a = pt_session_push(s, PT_ACT_RELAY);
	if (a) {
		a->data = s->cb;
		a->len = s->cb_len;
	}
}

/* The protocol's internal-error line, then close (nginx's
 * ngx_mail_proxy_internal_server_error). */
void pt_session_internal_error(struct pt_session *s)
{
	pt_session_out_str(s, pt_reply_text(s->conf->proto, PT_R_INTERNAL));
	pt_session_close(s, s->err ? s->err : PT_ERR_STATE);
}

/* Commands are taken from the client buffer one at a time, and each reply
 * is on the wire before the next is parsed (nginx 1.21 pipelining). */
void pt_session_process_input(struct pt_session *s)
{
	while (pt_session_reading(s) && s->out_len == 0 && !s->close_queued && s->cb_len) {
		size_t used = 0;
		enum pt_parse_status st = s->ops->parse(s, &used);

		switch (st) {
		case PT_PARSE_MORE:
			if (s->cb_len == s->cb_cap) {
				/* nginx: "client sent too long command", the invalid
				 * reply, then close */
				pt_session_log(s, PT_LOG_INFO, "client sent too long command");
				pt_session_reply(s, PT_R_INVALID, s->conf->proto == PT_CORE_IMAP);
				pt_session_out_str(s, pt_reply_text(s->conf->proto, PT_R_TOO_LONG));
				pt_session_close(s, PT_ERR_TOO_LONG);
			}
			return;
		case PT_PARSE_LITERAL:
			/* IMAP's synchronizing literal: "+ OK", then its bytes */
			pt_session_out_str(s, pt_reply_text(s->conf->proto, PT_R_NEXT));
			pt_session_flush_client(s);
			return;
		case PT_PARSE_DONE:
		case PT_PARSE_INVALID:
			s->ops->on_line(s, st);
			pt_session_consume(s, used);
			if (pt_session_reading(s))
				s->ops->reset(s);
			break;
		default:
			pt_session_close(s, PT_ERR_STATE);
			return;
		}
	}
}

/* "starttls only" before TLS: no login of any kind yet. */
int pt_session_starttls_only(const struct pt_session *s)
{
	return s->conf->starttls == 2 && !s->tls;
}
