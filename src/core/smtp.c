/*
 * smtp.c - SMTP before login, and the login to the backend, as nginx's
 * ngx_mail_smtp_handler.c and ngx_mail_proxy_module.c do them.
 *
 * Before the greeting: the client's name (PT_ACT_RESOLVE, when a resolver
 * is configured) and smtp_greeting_delay, during which any client byte is
 * "503 5.5.0 Improper use of SMTP command pipelining" and a close.
 * Then one table of what the auth state accepts, check/proceed per command.
 * The backend dialogue (RFC 5321 §4.1, Postfix's XCLIENT):
 *   220 <- ; [backend_starttls: EHLO server_name -> 250 with STARTTLS ;
 *   STARTTLS -> 220 ; TLS handshake (RFC 3207 §4)] ;
 *   EHLO|HELO server_name -> 250 ; [XCLIENT ADDR= LOGIN= NAME= ->
 *   220|250 ; replay HELO|EHLO <client's> -> 250] ; [AUTH PLAIN (or LOGIN
 *   when the backend offers no PLAIN) -> 235] ; [smtp_auth none: MAIL -> 250,
 *   RCPT -> any reply, relayed] ; else "235 2.0.0 OK" to the client.
 */
#include <string.h>

#include "core/session_int.h"
#include "util/base64.h"
#include "util/names.h"

#define CMD_BIT(c) (1u << (c))
#define PT_SMTP_AUTH_CMDS                                                                \
	(CMD_BIT(PT_SMTP_CMD_HELO) | CMD_BIT(PT_SMTP_CMD_EHLO) | CMD_BIT(PT_SMTP_CMD_AUTH) |   \
	 CMD_BIT(PT_SMTP_CMD_STARTTLS) | CMD_BIT(PT_SMTP_CMD_MAIL) | CMD_BIT(PT_SMTP_CMD_RCPT) | \
	 CMD_BIT(PT_SMTP_CMD_RSET) | CMD_BIT(PT_SMTP_CMD_NOOP) | CMD_BIT(PT_SMTP_CMD_QUIT))

static void pt_smtp_on_command(struct pt_session *s);
static void pt_smtp_on_sasl(struct pt_session *s);

static const struct pt_smtp_row {
	uint32_t cmds;
	int sasl_line;
	void (*on_line)(struct pt_session *s);
} pt_smtp_table[PT_ST_COUNT] = {
	[PT_ST_AUTH] = { PT_SMTP_AUTH_CMDS, 0, pt_smtp_on_command },
	[PT_ST_SASL_PLAIN] = { 0, 1, pt_smtp_on_sasl },
	[PT_ST_SASL_LOGIN_USER] = { 0, 1, pt_smtp_on_sasl },
	[PT_ST_SASL_LOGIN_PASS] = { 0, 1, pt_smtp_on_sasl },
	[PT_ST_SASL_CRAM_MD5] = { 0, 1, pt_smtp_on_sasl },
	[PT_ST_SASL_EXTERNAL] = { 0, 1, pt_smtp_on_sasl },
	[PT_ST_SASL_XOAUTH2] = { 0, 1, pt_smtp_on_sasl },
	[PT_ST_SASL_OAUTHBEARER] = { 0, 1, pt_smtp_on_sasl },
	[PT_ST_SASL_ERROR] = { 0, 1, pt_smtp_on_sasl },
};

/* ---- helpers -------------------------------------------------------------------- */

static void pt_smtp_parser_reset(struct pt_session *s)
{
	if (pt_smtp_table[s->state].sasl_line)
		pt_smtp_cmd_init_sasl_line(&s->cp.smtp);
	else
		pt_smtp_cmd_init(&s->cp.smtp);
}

static const uint8_t *pt_smtp_arg(struct pt_session *s, unsigned i, size_t *n)
{
	*n = s->cp.smtp.args[i].len;
	return s->cb + s->cp.smtp.args[i].off;
}

static uint8_t *pt_smtp_helo(struct pt_session *s)
{
	return s->smtp_store;
}

static uint8_t *pt_smtp_from(struct pt_session *s)
{
	return s->smtp_store + s->cb_cap;
}

static uint8_t *pt_smtp_to(struct pt_session *s)
{
	return s->smtp_store + 2 * s->cb_cap;
}

static void pt_smtp_reply(struct pt_session *s, enum pt_reply code)
{
	pt_session_reply(s, code, 0);
}

/* ---- before the greeting ----------------------------------------------------------- */

static void pt_smtp_resume(struct pt_session *s)
{
	pt_session_enter(s, PT_ST_AUTH);
	pt_smtp_parser_reset(s);
	s->ops->process_input(s);
}

void pt_smtp_greet(struct pt_session *s)
{
	const struct pt_core_conf *c = s->conf;

	pt_session_out_str(s, pt_reply_text(PT_CORE_SMTP, PT_R_GREETING));
	pt_session_out(s, c->server_name.p, c->server_name.len);
	pt_session_out_str(s, pt_reply_text(PT_CORE_SMTP, PT_R_GREETING_END));
	pt_session_flush_client(s);
	s->greeted = 1;
	pt_session_set_deadline(s, s->now + c->timeout_ms);
	pt_smtp_resume(s);
}

static void pt_smtp_after_resolve(struct pt_session *s)
{
	if (s->conf->greeting_delay_ms) {
		pt_session_enter(s, PT_ST_SMTP_DELAY);
		pt_smtp_parser_reset(s);
		pt_session_set_deadline(s, s->now + s->conf->greeting_delay_ms);
		return;
	}
	pt_smtp_greet(s);
}

/* The name goes into the auth request and XCLIENT: only host-name bytes
 * pass (CVE-2026-28753: a PTR name with CR LF). */
void pt_smtp_client_host(struct pt_session *s, const uint8_t *name, size_t n)
{
	size_t k = 0;
	int ok = n > 0 && n < sizeof(s->client_host);

	for (size_t i = 0; ok && i < n; i++) {
		uint8_t c = name[i];
		ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		     c == '.' || c == '-';
	}
	if (n == 13 && memcmp(name, "[UNAVAILABLE]", 13) == 0)
		ok = 1;
	if (n == 13 && memcmp(name, "[TEMPUNAVAIL]", 13) == 0)
		ok = 1;
	if (!ok) {
		name = (const uint8_t *)"[TEMPUNAVAIL]";
		n = 13;
	}
	for (; k < n; k++)
		s->client_host[k] = (char)name[k];
	s->client_host[k] = '\0';
	s->client_host_len = k;
	pt_smtp_after_resolve(s);
}

static void pt_smtp_start(struct pt_session *s)
{
	if (s->conf->auth_methods & PT_CORE_AUTH_CRAM_MD5)
		pt_sasl_make_salt(s);
	if (s->conf->resolver) {
		pt_session_enter(s, PT_ST_SMTP_RESOLVE);
		pt_session_push(s, PT_ACT_RESOLVE);
		return;
	}
	memcpy(s->client_host, "[UNAVAILABLE]", 14);
	s->client_host_len = 13;
	pt_smtp_after_resolve(s);
}

/* ---- HELO EHLO ------------------------------------------------------------------------ */

static int pt_smtp_check_helo(struct pt_session *s)
{
	return s->cp.smtp.nargs == 1 ? PT_R_OK : PT_R_INVALID_ARG;
}

static void pt_smtp_ehlo_lines(struct pt_session *s)
{
	const struct pt_core_conf *c = s->conf;
	int only = pt_session_starttls_only(s), tls_line = c->starttls && !s->tls;
	int auth = !only && (c->auth_methods & PT_SASL_MECH_BITS);
	size_t total = 1 + c->n_capabilities + (auth ? 1 : 0) + (tls_line ? 1 : 0), line = 0;

	/* RFC 5321 §4.2.1: "250-" on every line but the last, "250 " there. */
#define PT_SMTP_LINE_START() \
	pt_session_out_str(s, ++line == total ? "250 " : "250-")
	PT_SMTP_LINE_START();
	pt_session_out(s, c->server_name.p, c->server_name.len);
	pt_session_out(s, "\r\n", 2);
	for (size_t i = 0; i < c->n_capabilities; i++) {
		PT_SMTP_LINE_START();
		pt_session_out(s, c->capabilities[i].p, c->capabilities[i].len);
		pt_session_out(s, "\r\n", 2);
	}
	if (auth) {
		PT_SMTP_LINE_START();
		pt_session_out_str(s, "AUTH");
		pt_sasl_put_mechs(s, c->auth_methods, " ", " ", "");
		pt_session_out(s, "\r\n", 2);
	}
	if (tls_line) {
		PT_SMTP_LINE_START();
		pt_session_out_str(s, "STARTTLS\r\n");
	}
#undef PT_SMTP_LINE_START
}

static void pt_smtp_proceed_helo(struct pt_session *s)
{
	size_t n;
	const uint8_t *p = pt_smtp_arg(s, 0, &n);

	if (n > s->cb_cap) {
		pt_session_invalid(s);
		return;
	}
	memcpy(pt_smtp_helo(s), p, n);
	s->helo_len = n;
	s->esmtp = s->cp.smtp.cmd == PT_SMTP_CMD_EHLO;
	/* RFC 5321 §4.1.4: a new HELO/EHLO resets the transaction. */
	s->from_len = s->to_len = 0;
	if (s->esmtp) {
		pt_smtp_ehlo_lines(s);
	} else {
		pt_session_out_str(s, "250 ");
		pt_session_out(s, s->conf->server_name.p, s->conf->server_name.len);
		pt_session_out(s, "\r\n", 2);
	}
	pt_session_flush_client(s);
}

/* ---- RSET NOOP QUIT STARTTLS ----------------------------------------------------------- */

static int pt_smtp_check_any(struct pt_session *s)
{
	(void)s;
	return PT_R_OK;
}

static void pt_smtp_proceed_rset(struct pt_session *s)
{
	s->from_len = s->to_len = 0;
	pt_smtp_reply(s, PT_R_OK);
}

static void pt_smtp_proceed_noop(struct pt_session *s)
{
	pt_smtp_reply(s, PT_R_OK);
}

static void pt_smtp_proceed_quit(struct pt_session *s)
{
	pt_smtp_reply(s, PT_R_BYE);
	pt_session_close(s, PT_ERR_QUIT);
}

static int pt_smtp_check_starttls(struct pt_session *s)
{
	if (s->conf->starttls == 0 || s->tls)
		return PT_R_INVALID;
	return PT_R_OK;
}

static void pt_smtp_proceed_starttls(struct pt_session *s)
{
	pt_smtp_reply(s, PT_R_STARTTLS);
	/* RFC 3207 §4.2 and CVE-2014-3556: the client starts over after TLS;
	 * nothing it said or sent before survives. */
	s->helo_len = s->from_len = s->to_len = 0;
	s->esmtp = 0;
	pt_session_start_tls(s);
}

/* ---- MAIL RCPT (smtp_auth none) ------------------------------------------------------- */

static int pt_smtp_check_mail(struct pt_session *s)
{
	if (!(s->conf->auth_methods & PT_CORE_AUTH_NONE))
		return PT_R_AUTH_REQUIRED;
	if (pt_session_starttls_only(s))
		return PT_R_INVALID;
	if (s->cp.smtp.nargs == 0)
		return PT_R_INVALID_ARG;
	if (s->from_len)
		return PT_R_BAD_SEQUENCE;
	return PT_R_OK;
}

static void pt_smtp_proceed_mail(struct pt_session *s)
{
	const struct pt_span l = s->cp.smtp.line;

	/* The whole line: Auth-SMTP-From, and the replay to the backend. */
	if (l.len > s->cb_cap) {
		pt_session_invalid(s);
		return;
	}
	memcpy(pt_smtp_from(s), s->cb + l.off, l.len);
	s->from_len = l.len;
	pt_smtp_reply(s, PT_R_OK);
}

static int pt_smtp_check_rcpt(struct pt_session *s)
{
	/* nginx checks only for a stored MAIL; without smtp_auth none there
	 * never is one, so RCPT is a bad sequence there too. */
	if (s->from_len == 0)
		return PT_R_BAD_SEQUENCE;
	if (s->cp.smtp.nargs == 0)
		return PT_R_INVALID_ARG;
	return PT_R_OK;
}

static void pt_smtp_proceed_rcpt(struct pt_session *s)
{
	const struct pt_span l = s->cp.smtp.line;

	if (l.len > s->cb_cap) {
		pt_session_invalid(s);
		return;
	}
	memcpy(pt_smtp_to(s), s->cb + l.off, l.len);
	s->to_len = l.len;
	/* The first RCPT asks the auth server (Auth-Method: none). */
	pt_session_clear_credentials(s);
	pt_session_authenticated(s, PT_METHOD_NONE);
}

/* ---- AUTH ------------------------------------------------------------------------------ */

static int pt_smtp_check_auth(struct pt_session *s)
{
	size_t n;
	const uint8_t *mech = pt_smtp_arg(s, 0, &n);

	if (pt_session_starttls_only(s))
		return PT_R_INVALID;
	if (s->cp.smtp.nargs == 0)
		return PT_R_INVALID_ARG;    /* nginx: a bare AUTH */
	if (s->cp.smtp.nargs > 2)
		return PT_R_INVALID;
	return pt_sasl_allowed(s, mech, n, s->cp.smtp.nargs == 2) ? PT_R_OK : PT_R_INVALID;
}

static void pt_smtp_proceed_auth(struct pt_session *s)
{
	size_t n, irn = 0;
	const uint8_t *mech = pt_smtp_arg(s, 0, &n);
	const uint8_t *ir = s->cp.smtp.nargs == 2 ? pt_smtp_arg(s, 1, &irn) : NULL;

	pt_sasl_start(s, mech, n, ir, irn, ir != NULL);
}

static void pt_smtp_on_sasl(struct pt_session *s)
{
	size_t n;
	const uint8_t *p = pt_smtp_arg(s, 0, &n);

	pt_sasl_continue(s, p, n);
}

/* ---- dispatch ---------------------------------------------------------------------------- */

static const struct pt_smtp_cmd_def {
	int (*check)(struct pt_session *s);
	void (*proceed)(struct pt_session *s);
} pt_smtp_cmds[] = {
	[PT_SMTP_CMD_HELO] = { pt_smtp_check_helo, pt_smtp_proceed_helo },
	[PT_SMTP_CMD_EHLO] = { pt_smtp_check_helo, pt_smtp_proceed_helo },
	[PT_SMTP_CMD_AUTH] = { pt_smtp_check_auth, pt_smtp_proceed_auth },
	[PT_SMTP_CMD_STARTTLS] = { pt_smtp_check_starttls, pt_smtp_proceed_starttls },
	[PT_SMTP_CMD_MAIL] = { pt_smtp_check_mail, pt_smtp_proceed_mail },
	[PT_SMTP_CMD_RCPT] = { pt_smtp_check_rcpt, pt_smtp_proceed_rcpt },
	[PT_SMTP_CMD_RSET] = { pt_smtp_check_any, pt_smtp_proceed_rset },
	[PT_SMTP_CMD_NOOP] = { pt_smtp_check_any, pt_smtp_proceed_noop },
	[PT_SMTP_CMD_QUIT] = { pt_smtp_check_any, pt_smtp_proceed_quit },
};

static void pt_smtp_on_command(struct pt_session *s)
{
	enum pt_smtp_cmd cmd = s->cp.smtp.cmd;
	int r;

	if ((unsigned)cmd >= PT_COUNTOF(pt_smtp_cmds) || pt_smtp_cmds[cmd].check == NULL ||
	    !(pt_smtp_table[s->state].cmds & CMD_BIT(cmd))) {
		pt_session_invalid(s);
		return;
	}
	r = pt_smtp_cmds[cmd].check(s);
	if (r == PT_R_OK) {
		pt_smtp_cmds[cmd].proceed(s);
	} else if (r == PT_R_INVALID) {
		pt_session_invalid(s);
	} else {
		/* 501/503/530: answered, not counted as invalid commands */
		pt_smtp_reply(s, (enum pt_reply)r);
	}
}

/* nginx: a client that talks before the greeting is refused. */
static void pt_smtp_process_input(struct pt_session *s)
{
	if (s->state == PT_ST_SMTP_DELAY) {
		if (s->cb_len) {
			pt_smtp_reply(s, PT_R_PIPELINING);
			pt_session_close(s, PT_ERR_QUIT);
		}
		return;
	}
	pt_session_process_input(s);
}

/* "<code> <text>": Auth-Error-Code, else "535 5.7.0". */
static void pt_smtp_auth_error(struct pt_session *s, const uint8_t *text, size_t n)
{
	if (s->ar.has_error_code) {
		pt_session_out(s, s->arep + s->ar.error_code.off, s->ar.error_code.len);
		pt_session_out(s, " ", 1);
	} else {
		pt_session_out_str(s, pt_reply_text(PT_CORE_SMTP, PT_R_AUTH_FAILED));
	}
	pt_session_out(s, text, n);
	pt_session_out(s, "\r\n", 2);
}

static enum pt_parse_status pt_smtp_parse(struct pt_session *s, size_t *used)
{
	enum pt_parse_status st = pt_smtp_cmd_parse(&s->cp.smtp, s->cb, s->cb_len);

	*used = s->cp.smtp.off;
	return st;
}

static void pt_smtp_on_line(struct pt_session *s, enum pt_parse_status st)
{
	if (st == PT_PARSE_DONE)
		pt_smtp_table[s->state].on_line(s);
	else
		pt_session_invalid(s);
}

/* ---- backend login ------------------------------------------------------------------------- */

static void pt_smtp_backend_connected(struct pt_session *s)
{
	s->bb_len = 0;
	s->backend_plain = s->backend_login = 0;
	pt_smtp_resp_init(&s->rp.smtp);
	pt_session_enter(s, PT_ST_BACKEND_GREETING);
	pt_session_set_deadline(s, s->now + s->conf->timeout_ms);
}

/* RFC 3461 §4 xtext, as nginx 1.29.2 writes XCLIENT LOGIN: bytes outside
 * 0x21..0x7e, '+' and '=' as "+XX". */
static void pt_smtp_put_xtext(struct pt_wbuf *w, const uint8_t *p, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";

	for (size_t i = 0; i < n; i++) {
		if (p[i] < 0x21 || p[i] > 0x7e || p[i] == '+' || p[i] == '=') {
			uint8_t e[3] = { '+', (uint8_t)hex[p[i] >> 4], (uint8_t)hex[p[i] & 15] };
			pt_wbuf_put(w, e, 3);
		} else {
			pt_wbuf_putc(w, p[i]);
		}
	}
}

/* Write the next backend command and enter the state that waits for its reply. */
static void pt_smtp_backend_send(struct pt_session *s, enum pt_state next)
{
	const struct pt_core_conf *c = s->conf;
	struct pt_wbuf w;

	pt_wbuf_init(&w, s->bout + s->bout_len, s->bout_cap - s->bout_len);
	switch (next) {
	case PT_ST_BACKEND_STARTTLS_EHLO:
		/* STARTTLS is an ESMTP extension: EHLO, whatever the client said */
		pt_wbuf_puts(&w, "EHLO ");
		pt_wbuf_put(&w, c->server_name.p, c->server_name.len);
		break;
	case PT_ST_BACKEND_STARTTLS:
		pt_wbuf_puts(&w, "STARTTLS");
		break;
	case PT_ST_BACKEND_HELO:
		/* RFC 3207 §4.2: after TLS the client SHOULD send EHLO first */
		pt_wbuf_puts(&w, s->esmtp || c->xclient || c->backend_starttls ? "EHLO " : "HELO ");
		pt_wbuf_put(&w, c->server_name.p, c->server_name.len);
		break;
	case PT_ST_BACKEND_XCLIENT:
		pt_wbuf_puts(&w, "XCLIENT ADDR=");
		/* RFC: IPv6 addresses carry "IPV6:"; a unix-socket client is "unix:" */
		if (memchr(s->client_ip, ':', s->client_ip_len) &&
		    !(s->client_ip_len >= 5 && memcmp(s->client_ip, "unix:", 5) == 0))
			pt_wbuf_puts(&w, "IPV6:");
		pt_wbuf_put(&w, s->client_ip, s->client_ip_len);
		if (s->login_len && !c->proxy_smtp_auth) {
			pt_wbuf_puts(&w, " LOGIN=");
			pt_smtp_put_xtext(&w, s->login, s->login_len);
		}
		pt_wbuf_puts(&w, " NAME=");
		pt_wbuf_put(&w, s->client_host, s->client_host_len);
		break;
	case PT_ST_BACKEND_HELO_REPLAY:
		pt_wbuf_puts(&w, s->esmtp ? "EHLO " : "HELO ");
		pt_wbuf_put(&w, pt_smtp_helo(s), s->helo_len);
		break;
	case PT_ST_BACKEND_SMTP_AUTH: {
		/* RFC 4616 PLAIN: NUL user NUL password */
		uint8_t plain[2 * PT_AUTHHDR_MAX + 8];
		if (s->backend_plain || !s->backend_login) {
			pt_wbuf_puts(&w, "AUTH PLAIN ");
			pt_sasl_put_plain(s, &w, plain, sizeof(plain));
		} else {
			/* No PLAIN on offer (Exchange): LOGIN, beyond nginx. */
			pt_wbuf_puts(&w, "AUTH LOGIN");
			next = PT_ST_BACKEND_SMTP_AUTH_USER;
		}
		break;
	}
	case PT_ST_BACKEND_SMTP_AUTH_PASS:
		pt_b64_encode(&w, s->login, s->login_len);
		break;
	case PT_ST_BACKEND_MAIL:
		pt_wbuf_put(&w, pt_smtp_from(s), s->from_len);
		break;
	case PT_ST_BACKEND_RCPT:
		pt_wbuf_put(&w, pt_smtp_to(s), s->to_len);
		break;
	default:
		w.err = 1;
		break;
	}
	pt_wbuf_puts(&w, "\r\n");
	pt_session_backend_put(s, &w, next, NULL);
}

/* nginx answers the client "235 2.0.0 OK" itself, except in the none mode,
 * where the backend's answer to RCPT (forward bytes) is the client's. */
static void pt_smtp_backend_logged_in(struct pt_session *s, size_t forward)
{
	if (forward == 0)
		pt_session_out_str(s, pt_reply_text(PT_CORE_SMTP, PT_R_AUTH_OK));
	pt_session_logged_in(s, forward);
}

/* After EHLO/XCLIENT/HELO replay: AUTH, or the none-mode replay, or done. */
static void pt_smtp_backend_after_hello(struct pt_session *s)
{
	if (s->method == PT_METHOD_NONE)
		pt_smtp_backend_send(s, PT_ST_BACKEND_MAIL);
	else if (s->conf->proxy_smtp_auth)
		pt_smtp_backend_send(s, PT_ST_BACKEND_SMTP_AUTH);
	else
		pt_smtp_backend_logged_in(s, 0);
}

/* The reply to the EHLO before STARTTLS: it must offer STARTTLS (RFC 3207
 * §4: the keyword says the server can negotiate TLS).  Its other keywords
 * are not kept: RFC 3207 §4.2, the client "MUST discard any knowledge
 * obtained from the server" before TLS. */
static void pt_smtp_backend_starttls_ehlo(struct pt_session *s, size_t end)
{
	if (s->rp.smtp.code != 250) {
		pt_session_backend_fail(s, end, "upstream sent an unexpected reply");
		return;
	}
	if (!s->rp.smtp.ehlo_starttls) {
		/* a 250 is no error text for the client: the internal error */
		pt_session_backend_fail(s, 0, "upstream does not offer STARTTLS");
		return;
	}
	pt_smtp_backend_send(s, PT_ST_BACKEND_STARTTLS);
}

/* TLS with the backend is up: EHLO again, and the login as today. */
static void pt_smtp_backend_tls_up(struct pt_session *s)
{
	s->backend_plain = s->backend_login = 0;
	pt_smtp_resp_init(&s->rp.smtp);
	pt_smtp_backend_send(s, PT_ST_BACKEND_HELO);
}

static void pt_smtp_backend_input(struct pt_session *s)
{
	while (pt_session_backend_login(s)) {
		enum pt_parse_status st = pt_smtp_resp_parse(&s->rp.smtp, s->bb, s->bb_len);
		unsigned code;
		size_t end;

		if (st == PT_PARSE_MORE) {
			pt_session_backend_wait(s);
			return;
		}
		end = s->rp.smtp.off;
		if (st != PT_PARSE_DONE) {
			pt_session_backend_fail(s, end, "upstream sent invalid response");
			return;
		}
		code = s->rp.smtp.code;
		switch (s->state) {
		case PT_ST_BACKEND_GREETING:
			if (code != 220)
				goto bad;
			/* backend_starttls: EHLO and STARTTLS first (RFC 3207 §4) */
			pt_smtp_backend_send(s, s->conf->backend_starttls
			                        ? PT_ST_BACKEND_STARTTLS_EHLO : PT_ST_BACKEND_HELO);
			break;
		case PT_ST_BACKEND_STARTTLS_EHLO:
			pt_smtp_backend_starttls_ehlo(s, end);
			break;
		case PT_ST_BACKEND_STARTTLS:
			/* RFC 3207 §4: 220 is the go-ahead; 454 or any other code, none */
			if (code != 220) {
				pt_session_backend_fail(s, end, "upstream refused STARTTLS");
				return;
			}
			pt_backtls_begin(s, end);
			return;
		case PT_ST_BACKEND_HELO:
			if (code != 250)
				goto bad;
			s->backend_plain = s->rp.smtp.ehlo_auth_plain;
			s->backend_login = s->rp.smtp.ehlo_auth_login;
			if (s->conf->xclient)
				pt_smtp_backend_send(s, PT_ST_BACKEND_XCLIENT);
			else
				pt_smtp_backend_after_hello(s);
			break;
		case PT_ST_BACKEND_XCLIENT:
			if (code != 220 && code != 250)
				goto bad;
			if (s->helo_len)
				pt_smtp_backend_send(s, PT_ST_BACKEND_HELO_REPLAY);
			else
				pt_smtp_backend_after_hello(s);
			break;
		case PT_ST_BACKEND_HELO_REPLAY:
			if (code != 250)
				goto bad;
			if (s->esmtp) {
				s->backend_plain = s->rp.smtp.ehlo_auth_plain;
				s->backend_login = s->rp.smtp.ehlo_auth_login;
			}
			pt_smtp_backend_after_hello(s);
			break;
		case PT_ST_BACKEND_SMTP_AUTH:
			if (code != 235)
				goto bad;
			pt_smtp_backend_logged_in(s, 0);
			return;
		case PT_ST_BACKEND_SMTP_AUTH_USER:
			/* "AUTH LOGIN" was sent: 334, then the user name */
			if (code != 334)
				goto bad;
			pt_smtp_backend_send(s, PT_ST_BACKEND_SMTP_AUTH_PASS);
			break;
		case PT_ST_BACKEND_SMTP_AUTH_PASS: {
			/* the user name was sent: 334, then the password */
			struct pt_wbuf w;
			if (code != 334)
				goto bad;
			pt_wbuf_init(&w, s->bout + s->bout_len, s->bout_cap - s->bout_len);
			pt_b64_encode(&w, s->passwd, s->passwd_len);
			pt_wbuf_puts(&w, "\r\n");
			if (w.err) {
				s->err = PT_ERR_STATE;
				s->ops->internal_error(s);
				return;
			}
			s->bout_len += w.len;
			pt_session_flush_backend(s);
			pt_session_enter(s, PT_ST_BACKEND_SMTP_AUTH);
			break;
		}
		case PT_ST_BACKEND_MAIL:
			if (code != 250)
				goto bad;
			pt_smtp_backend_send(s, PT_ST_BACKEND_RCPT);
			break;
		case PT_ST_BACKEND_RCPT:
			/* any reply is the client's answer to its RCPT */
			pt_smtp_backend_logged_in(s, end);
			return;
		default:
			return;
		}
		pt_session_backend_drop(s, end);
		pt_smtp_resp_init(&s->rp.smtp);
		continue;
bad:
		pt_session_backend_fail(s, end, "upstream sent an unexpected reply");
		return;
	}
}

const struct pt_proto_ops pt_smtp_ops = {
	.start = pt_smtp_start,
	.resume = pt_smtp_resume,
	.process_input = pt_smtp_process_input,
	.parse = pt_smtp_parse,
	.on_line = pt_smtp_on_line,
	.reset = pt_smtp_parser_reset,
	.backend_connected = pt_smtp_backend_connected,
	.backend_input = pt_smtp_backend_input,
	.backend_tls_up = pt_smtp_backend_tls_up,
	.internal_error = pt_session_internal_error,
	.auth_error = pt_smtp_auth_error,
};
