/*
 * pop3.c - POP3 before login, and the login to the backend, as nginx's
 * ngx_mail_pop3_handler.c and ngx_mail_proxy_module.c do them.
 *
 * Same shape as imap.c: one table of what each state accepts, a pure
 * pt_pop3_check_<cmd>() and a pt_pop3_proceed_<cmd>() per command.
 * POP3 has one more reading state than IMAP: after USER only PASS (and
 * CAPA, NOOP, QUIT) may follow (RFC 1939 §7, nginx's ngx_pop3_user).
 */
#include <string.h>

#include "core/session_int.h"
#include "util/names.h"

#define CMD_BIT(c) (1u << (c))
#define PT_POP3_START_CMDS                                                              \
	(CMD_BIT(PT_POP3_CMD_USER) | CMD_BIT(PT_POP3_CMD_APOP) | CMD_BIT(PT_POP3_CMD_AUTH) |  \
	 CMD_BIT(PT_POP3_CMD_CAPA) | CMD_BIT(PT_POP3_CMD_NOOP) | CMD_BIT(PT_POP3_CMD_QUIT) |  \
	 CMD_BIT(PT_POP3_CMD_STLS))
#define PT_POP3_USER_CMDS                                                               \
	(CMD_BIT(PT_POP3_CMD_PASS) | CMD_BIT(PT_POP3_CMD_CAPA) | CMD_BIT(PT_POP3_CMD_NOOP) | \
	 CMD_BIT(PT_POP3_CMD_QUIT))

static void pt_pop3_on_command(struct pt_session *s);
static void pt_pop3_on_sasl(struct pt_session *s);

static const struct pt_pop3_row {
	uint32_t cmds;
	int sasl_line;
	void (*on_line)(struct pt_session *s);
} pt_pop3_table[PT_ST_COUNT] = {
	[PT_ST_AUTH] = { PT_POP3_START_CMDS, 0, pt_pop3_on_command },
	[PT_ST_POP3_USER] = { PT_POP3_USER_CMDS, 0, pt_pop3_on_command },
	[PT_ST_SASL_PLAIN] = { 0, 1, pt_pop3_on_sasl },
	[PT_ST_SASL_LOGIN_USER] = { 0, 1, pt_pop3_on_sasl },
	[PT_ST_SASL_LOGIN_PASS] = { 0, 1, pt_pop3_on_sasl },
	[PT_ST_SASL_CRAM_MD5] = { 0, 1, pt_pop3_on_sasl },
	[PT_ST_SASL_EXTERNAL] = { 0, 1, pt_pop3_on_sasl },
	[PT_ST_SASL_XOAUTH2] = { 0, 1, pt_pop3_on_sasl },
	[PT_ST_SASL_OAUTHBEARER] = { 0, 1, pt_pop3_on_sasl },
	[PT_ST_SASL_ERROR] = { 0, 1, pt_pop3_on_sasl },
};

/* ---- helpers ------------------------------------------------------------------ */

static void pt_pop3_parser_reset(struct pt_session *s)
{
	if (pt_pop3_table[s->state].sasl_line)
		pt_pop3_cmd_init_sasl_line(&s->cp.pop3);
	else
		pt_pop3_cmd_init(&s->cp.pop3);
}

static const uint8_t *pt_pop3_arg(struct pt_session *s, unsigned i, size_t *n)
{
	*n = s->cp.pop3.args[i].len;
	return s->cb + s->cp.pop3.args[i].off;
}

static void pt_pop3_reply(struct pt_session *s, enum pt_reply code)
{
	pt_session_reply(s, code, 0);
}

/* ---- greeting ------------------------------------------------------------------- */

static void pt_pop3_resume(struct pt_session *s)
{
	pt_session_enter(s, PT_ST_AUTH);
	pt_pop3_parser_reset(s);
	pt_session_process_input(s);
}

static void pt_pop3_start(struct pt_session *s)
{
	/* With APOP or CRAM-MD5 the greeting carries the salt (RFC 1939 §7). */
	if (s->conf->auth_methods & (PT_CORE_AUTH_APOP | PT_CORE_AUTH_CRAM_MD5)) {
		pt_sasl_make_salt(s);
		pt_session_out_str(s, pt_reply_text(PT_CORE_POP3, PT_R_GREETING_SALT));
		pt_session_out(s, s->salt, s->salt_len);
		pt_session_out(s, "\r\n", 2);
	} else {
		pt_session_out_str(s, pt_reply_text(PT_CORE_POP3, PT_R_GREETING));
	}
	pt_session_flush_client(s);
	s->greeted = 1;
	pt_pop3_resume(s);
}

/* ---- CAPA, AUTH listing -------------------------------------------------------------- */

/* nginx's POP3 SASL names; PLAIN also offers LOGIN (ngx_mail_pop3_merge_conf:
 * pop3_auth has no "login" of its own). */
static void pt_pop3_put_mechs(struct pt_session *s, const char *sep, const char *end)
{
	uint32_t m = s->conf->auth_methods;

	if (m & PT_CORE_AUTH_PLAIN)
		m |= PT_CORE_AUTH_LOGIN;
	pt_sasl_put_mechs(s, m, sep, sep, end);
}

static void pt_pop3_proceed_capa(struct pt_session *s)
{
	const struct pt_core_conf *c = s->conf;
	/* After USER nginx answers with the plain list (ngx_mail_pop3_capa(s, c, 0)):
	 * STLS is not offered there (RFC 2595 §4: only before USER). */
	int stls = s->state != PT_ST_POP3_USER;
	int only = stls && pt_session_starttls_only(s);

	pt_session_out_str(s, pt_reply_text(PT_CORE_POP3, PT_R_CAPABILITY));
	for (size_t i = 0; i < c->n_capabilities; i++) {
		/* Under "starttls only" USER is not offered before TLS. */
		if (only && c->capabilities[i].len == 4 &&
		    pt_mem_eq_ci(c->capabilities[i].p, "USER", 4))
			continue;
		pt_session_out(s, c->capabilities[i].p, c->capabilities[i].len);
		pt_session_out(s, "\r\n", 2);
	}
	if (!only) {
		pt_session_out_str(s, "SASL");
		pt_pop3_put_mechs(s, " ", "");
		pt_session_out(s, "\r\n", 2);
	}
	if (stls && c->starttls && !s->tls)
		pt_session_out_str(s, "STLS\r\n");
	pt_session_out_str(s, ".\r\n");
	pt_session_flush_client(s);
}

/* ---- commands ------------------------------------------------------------------------ */

/* nginx ignores arguments of CAPA, NOOP, QUIT and STLS. */
static int pt_pop3_check_any(struct pt_session *s)
{
	(void)s;
	return PT_R_OK;
}

static void pt_pop3_proceed_noop(struct pt_session *s)
{
	pt_pop3_reply(s, PT_R_OK);
}

static void pt_pop3_proceed_quit(struct pt_session *s)
{
	pt_pop3_reply(s, PT_R_OK);
	pt_session_close(s, PT_ERR_QUIT);
}

static int pt_pop3_check_stls(struct pt_session *s)
{
	if (s->conf->starttls == 0 || s->tls)
		return PT_R_INVALID;
	return PT_R_OK;
}

static void pt_pop3_proceed_stls(struct pt_session *s)
{
	pt_pop3_reply(s, PT_R_OK);
	/* RFC 2595 §4 and CVE-2014-3556: nothing sent before TLS survives it. */
	pt_session_start_tls(s);
}

static int pt_pop3_check_user(struct pt_session *s)
{
	if (s->cp.pop3.nargs != 1 || pt_session_starttls_only(s))
		return PT_R_INVALID;
	return PT_R_OK;
}

static void pt_pop3_proceed_user(struct pt_session *s)
{
	size_t n;
	const uint8_t *p = pt_pop3_arg(s, 0, &n);

	if (pt_session_set_cred(s, 0, p, n)) {
		pt_session_invalid(s);
		return;
	}
	pt_pop3_reply(s, PT_R_OK);
	pt_session_enter(s, PT_ST_POP3_USER);
}

static int pt_pop3_check_pass(struct pt_session *s)
{
	return s->cp.pop3.nargs == 1 ? PT_R_OK : PT_R_INVALID;
}

static void pt_pop3_proceed_pass(struct pt_session *s)
{
	size_t n;
	const uint8_t *p = pt_pop3_arg(s, 0, &n);

	/* CR, LF or NUL in a password would go raw to the backend's PASS
	 * command (nginx PR #1620): refused. */
	if (pt_session_set_cred(s, 1, p, n)) {
		pt_session_clear_credentials(s);
		pt_session_invalid(s);
		return;
	}
	pt_session_authenticated(s, PT_METHOD_PLAIN);
}

static int pt_pop3_check_apop(struct pt_session *s)
{
	if (!(s->conf->auth_methods & PT_CORE_AUTH_APOP) || s->cp.pop3.nargs != 2 ||
	    pt_session_starttls_only(s) || s->salt_len == 0)
		return PT_R_INVALID;
	return PT_R_OK;
}

static void pt_pop3_proceed_apop(struct pt_session *s)
{
	size_t un, dn;
	const uint8_t *u = pt_pop3_arg(s, 0, &un), *dg = pt_pop3_arg(s, 1, &dn);

	if (pt_session_set_cred(s, 0, u, un) || pt_session_set_cred(s, 1, dg, dn)) {
		pt_session_clear_credentials(s);
		pt_session_invalid(s);
		return;
	}
	pt_session_authenticated(s, PT_METHOD_APOP);
}

static int pt_pop3_check_auth(struct pt_session *s)
{
	size_t n;
	const uint8_t *mech = pt_pop3_arg(s, 0, &n);

	if (pt_session_starttls_only(s))
		return PT_R_INVALID;
	if (s->cp.pop3.nargs == 0)
		return PT_R_OK;
	return pt_sasl_allowed(s, mech, n, s->cp.pop3.nargs == 2) ? PT_R_OK : PT_R_INVALID;
}

static void pt_pop3_proceed_auth(struct pt_session *s)
{
	size_t n = 0, irn = 0;
	const uint8_t *mech, *ir;

	if (s->cp.pop3.nargs == 0) {
		/* RFC 5034 leaves a bare AUTH open; nginx lists the mechanisms. */
		pt_session_out_str(s, pt_reply_text(PT_CORE_POP3, PT_R_AUTH_METHODS));
		pt_pop3_put_mechs(s, "", "\r\n");
		pt_session_out_str(s, ".\r\n");
		pt_session_flush_client(s);
		return;
	}
	mech = pt_pop3_arg(s, 0, &n);
	ir = s->cp.pop3.nargs == 2 ? pt_pop3_arg(s, 1, &irn) : NULL;
	pt_sasl_start(s, mech, n, ir, irn, ir != NULL);
}

/* A SASL continuation line, in the state its challenge left. */
static void pt_pop3_on_sasl(struct pt_session *s)
{
	size_t n;
	const uint8_t *p = pt_pop3_arg(s, 0, &n);

	pt_sasl_continue(s, p, n);
}

static const struct pt_pop3_cmd_def {
	int (*check)(struct pt_session *s);
	void (*proceed)(struct pt_session *s);
} pt_pop3_cmds[] = {
	[PT_POP3_CMD_USER] = { pt_pop3_check_user, pt_pop3_proceed_user },
	[PT_POP3_CMD_PASS] = { pt_pop3_check_pass, pt_pop3_proceed_pass },
	[PT_POP3_CMD_APOP] = { pt_pop3_check_apop, pt_pop3_proceed_apop },
	[PT_POP3_CMD_AUTH] = { pt_pop3_check_auth, pt_pop3_proceed_auth },
	[PT_POP3_CMD_CAPA] = { pt_pop3_check_any, pt_pop3_proceed_capa },
	[PT_POP3_CMD_NOOP] = { pt_pop3_check_any, pt_pop3_proceed_noop },
	[PT_POP3_CMD_QUIT] = { pt_pop3_check_any, pt_pop3_proceed_quit },
	[PT_POP3_CMD_STLS] = { pt_pop3_check_stls, pt_pop3_proceed_stls },
};

static void pt_pop3_on_command(struct pt_session *s)
{
	enum pt_pop3_cmd cmd = s->cp.pop3.cmd;

	if ((unsigned)cmd >= PT_COUNTOF(pt_pop3_cmds) || pt_pop3_cmds[cmd].check == NULL ||
	    !(pt_pop3_table[s->state].cmds & CMD_BIT(cmd)) ||
	    pt_pop3_cmds[cmd].check(s) != PT_R_OK) {
		pt_session_invalid(s);
		return;
	}
	pt_pop3_cmds[cmd].proceed(s);
}

static void pt_pop3_auth_error(struct pt_session *s, const uint8_t *text, size_t n)
{
	pt_session_out_str(s, pt_reply_text(PT_CORE_POP3, PT_R_AUTH_FAILED));
	pt_session_out(s, text, n);
	pt_session_out(s, "\r\n", 2);
}

static enum pt_parse_status pt_pop3_parse(struct pt_session *s, size_t *used)
{
	enum pt_parse_status st = pt_pop3_cmd_parse(&s->cp.pop3, s->cb, s->cb_len);

	*used = s->cp.pop3.off;
	return st;
}

static void pt_pop3_on_line(struct pt_session *s, enum pt_parse_status st)
{
	if (st == PT_PARSE_DONE)
		pt_pop3_table[s->state].on_line(s);
	else
		pt_session_invalid(s);
}

/* ---- backend login: +OK, USER, +OK, PASS, +OK ------------------------------------------ */

static void pt_pop3_backend_connected(struct pt_session *s)
{
	s->bb_len = 0;
	pt_pop3_resp_init(&s->rp.pop3);
	pt_session_enter(s, PT_ST_BACKEND_GREETING);
	pt_session_set_deadline(s, s->now + s->conf->timeout_ms);
}

static void pt_pop3_backend_send(struct pt_session *s, const char *verb, const uint8_t *arg,
                                 size_t n, enum pt_state next)
{
	struct pt_wbuf w;

	pt_wbuf_init(&w, s->bout + s->bout_len, s->bout_cap - s->bout_len);
	pt_wbuf_puts(&w, verb);
	pt_wbuf_put(&w, arg, n);
	pt_wbuf_puts(&w, "\r\n");
	pt_session_backend_put(s, &w, next, NULL);
}

/* The log line for a backend line that stops the login. */
static const char *pt_pop3_backend_why(const struct pt_session *s, enum pt_parse_status st)
{
	if (st != PT_PARSE_DONE)
		return "upstream sent invalid response";
	return s->state == PT_ST_BACKEND_STARTTLS ? "upstream refused STARTTLS"
	                                          : "upstream rejected the login";
}

/* USER: after the greeting, or once TLS with the backend is up (its
 * parser starts afresh: nothing read before TLS is kept). */
static void pt_pop3_backend_user(struct pt_session *s)
{
	pt_pop3_resp_init(&s->rp.pop3);
	pt_pop3_backend_send(s, "USER ", s->login, s->login_len, PT_ST_BACKEND_USER);
}

static void pt_pop3_backend_input(struct pt_session *s)
{
	while (pt_session_backend_login(s)) {
		enum pt_parse_status st = pt_pop3_resp_parse(&s->rp.pop3, s->bb, s->bb_len);
		size_t end;

		if (st == PT_PARSE_MORE) {
			pt_session_backend_wait(s);
			return;
		}
		end = s->rp.pop3.off;
		if (st != PT_PARSE_DONE || s->rp.pop3.status != PT_POP3_STATUS_OK) {
			pt_session_backend_fail(s, end, pt_pop3_backend_why(s, st));
			return;
		}
		switch (s->state) {
		case PT_ST_BACKEND_GREETING:
			/* RFC 2595 §4: "STLS" before USER when the backend is to be TLS */
			if (s->conf->backend_starttls)
				pt_pop3_backend_send(s, "STLS", (const uint8_t *)"", 0,
				                     PT_ST_BACKEND_STARTTLS);
			else
				pt_pop3_backend_user(s);
			break;
		case PT_ST_BACKEND_STARTTLS:
			/* +OK: the go-ahead; what follows it is dropped */
			pt_backtls_begin(s, end);
			return;
		case PT_ST_BACKEND_USER:
			pt_pop3_backend_send(s, "PASS ", s->passwd, s->passwd_len, PT_ST_BACKEND_AUTH);
			break;
		case PT_ST_BACKEND_AUTH:
			/* the backend's +OK goes to the client */
			pt_session_logged_in(s, s->bb_len);
			return;
		default:
			return;
		}
		pt_session_backend_drop(s, end);
		pt_pop3_resp_init(&s->rp.pop3);
	}
}

const struct pt_proto_ops pt_pop3_ops = {
	.start = pt_pop3_start,
	.resume = pt_pop3_resume,
	.process_input = pt_session_process_input,
	.parse = pt_pop3_parse,
	.on_line = pt_pop3_on_line,
	.reset = pt_pop3_parser_reset,
	.backend_connected = pt_pop3_backend_connected,
	.backend_input = pt_pop3_backend_input,
	.backend_tls_up = pt_pop3_backend_user,
	.internal_error = pt_session_internal_error,
	.auth_error = pt_pop3_auth_error,
};
