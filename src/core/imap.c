/*
 * imap.c - IMAP before login, and the login to the backend, as nginx's
 * ngx_mail_imap_handler.c and ngx_mail_proxy_module.c do them.
 *
 * One table says which commands each state takes; each command is a pure
 * pt_imap_check_<cmd>() (may it run now?) and a pt_imap_proceed_<cmd>()
 * (do it: replies, state, actions).  Commands are taken one at a time from
 * the client buffer and each reply is on the wire before the next command
 * is parsed (pipelining as nginx 1.21+).
 */
#include <stdio.h>
#include <string.h>

#include "core/session_int.h"
#include "util/names.h"

#define CMD_BIT(c) (1u << (c))
#define PT_IMAP_PRE_AUTH_CMDS                                                           \
	(CMD_BIT(PT_IMAP_CMD_CAPABILITY) | CMD_BIT(PT_IMAP_CMD_NOOP) |                      \
	 CMD_BIT(PT_IMAP_CMD_LOGOUT) | CMD_BIT(PT_IMAP_CMD_STARTTLS) |                      \
	 CMD_BIT(PT_IMAP_CMD_LOGIN) | CMD_BIT(PT_IMAP_CMD_AUTHENTICATE) |                  \
	 CMD_BIT(PT_IMAP_CMD_ID))

typedef void (*pt_imap_line_fn)(struct pt_session *s);

static void pt_imap_on_sasl(struct pt_session *s);
static void pt_imap_resume(struct pt_session *s);

static void pt_imap_on_command(struct pt_session *s);

/* The IMAP state table: what each reading state accepts, and who handles it. */
static const struct pt_imap_row {
	uint32_t cmds;              /* commands allowed (command lines) */
	int sasl_line;              /* the state reads one SASL response line */
	pt_imap_line_fn on_line;
} pt_imap_table[PT_ST_COUNT] = {
	[PT_ST_AUTH] = { PT_IMAP_PRE_AUTH_CMDS, 0, pt_imap_on_command },
	[PT_ST_SASL_PLAIN] = { 0, 1, pt_imap_on_sasl },
	[PT_ST_SASL_LOGIN_USER] = { 0, 1, pt_imap_on_sasl },
	[PT_ST_SASL_LOGIN_PASS] = { 0, 1, pt_imap_on_sasl },
	[PT_ST_SASL_CRAM_MD5] = { 0, 1, pt_imap_on_sasl },
	[PT_ST_SASL_EXTERNAL] = { 0, 1, pt_imap_on_sasl },
	[PT_ST_SASL_XOAUTH2] = { 0, 1, pt_imap_on_sasl },
	[PT_ST_SASL_OAUTHBEARER] = { 0, 1, pt_imap_on_sasl },
	[PT_ST_SASL_ERROR] = { 0, 1, pt_imap_on_sasl },
};

/* ---- helpers ---------------------------------------------------------------- */

static void pt_imap_parser_reset(struct pt_session *s)
{
	if (pt_imap_table[s->state].sasl_line)
		pt_imap_cmd_init_sasl_line(&s->cp.imap);
	else
		pt_imap_cmd_init(&s->cp.imap, s->cb_cap);
}

/* ---- greeting ------------------------------------------------------------------- */

static void pt_imap_start(struct pt_session *s)
{
	if (s->conf->auth_methods & PT_CORE_AUTH_CRAM_MD5)
		pt_sasl_make_salt(s);
	pt_session_out_str(s, pt_reply_text(PT_CORE_IMAP, PT_R_GREETING));
	pt_session_flush_client(s);
	s->greeted = 1;
	pt_imap_resume(s);
}

/* Back to reading commands (after the greeting, or when STARTTLS is done). */
static void pt_imap_resume(struct pt_session *s)
{
	pt_session_enter(s, PT_ST_AUTH);
	pt_imap_parser_reset(s);
	pt_session_process_input(s);
}

/* ---- CAPABILITY NOOP LOGOUT STARTTLS -------------------------------------------- */

static int pt_imap_check_noargs(struct pt_session *s)
{
	return s->cp.imap.nargs == 0 ? PT_R_OK : PT_R_INVALID;
}

static void pt_imap_proceed_capability(struct pt_session *s)
{
	const struct pt_core_conf *c = s->conf;

	pt_session_out_str(s, pt_reply_text(PT_CORE_IMAP, PT_R_CAPABILITY));
	for (size_t i = 0; i < c->n_capabilities; i++) {
		pt_session_out(s, " ", 1);
		pt_session_out(s, c->capabilities[i].p, c->capabilities[i].len);
	}
	if (pt_session_starttls_only(s)) {
		/* RFC 9051 §6.2.3: no AUTH= while LOGINDISABLED */
		pt_session_out_str(s, " STARTTLS LOGINDISABLED");
	} else {
		pt_sasl_put_mechs(s, c->auth_methods, " AUTH=", " AUTH=", "");
		if (c->starttls && !s->tls)
			pt_session_out_str(s, " STARTTLS");
	}
	pt_session_out(s, "\r\n", 2);
	pt_session_reply(s, PT_R_OK, 1);
}

static void pt_imap_proceed_noop(struct pt_session *s)
{
	pt_session_reply(s, PT_R_OK, 1);
}

static void pt_imap_proceed_logout(struct pt_session *s)
{
	pt_session_out_str(s, pt_reply_text(PT_CORE_IMAP, PT_R_BYE));
	pt_session_reply(s, PT_R_OK, 1);
	pt_session_close(s, PT_ERR_QUIT);
}

static int pt_imap_check_starttls(struct pt_session *s)
{
	if (s->cp.imap.nargs != 0 || s->conf->starttls == 0 || s->tls)
		return PT_R_INVALID;
	return PT_R_OK;
}

static void pt_imap_proceed_starttls(struct pt_session *s)
{
	pt_session_reply(s, PT_R_OK, 1);
	/* no pre-TLS state survives: the client's ID is asked again */
	s->id_npairs = 0;
	s->id_line_len = 0;
	pt_session_start_tls(s);
}

/* ---- ID ------------------------------------------------------------------------------ */

/* RFC 2971 §3.1: "* ID" then the tagged OK, before or after login.  The
 * grammar checked the pairs and their bounds (§3.3).  The line is kept
 * (it leaves the client buffer once answered) for the auth request's
 * Client-ID-* headers and for proxy_imap_id; a second ID replaces it. */
static void pt_imap_proceed_id(struct pt_session *s)
{
	const struct pt_imap_parser *P = &s->cp.imap;

	memcpy(s->id_line, s->cb, P->off);
	s->id_line_len = P->off;
	memcpy(s->id_pairs, P->id_pairs, P->id_npairs * sizeof(P->id_pairs[0]));
	s->id_npairs = P->id_npairs;
	pt_session_out_str(s, pt_reply_text(PT_CORE_IMAP, PT_R_ID));
	pt_session_reply(s, PT_R_ID_OK, 1);
}

/* ---- LOGIN ------------------------------------------------------------------------- */

static int pt_imap_check_login(struct pt_session *s)
{
	if (s->cp.imap.nargs != 2 || pt_session_starttls_only(s))
		return PT_R_INVALID;
	return PT_R_OK;
}

static void pt_imap_proceed_login(struct pt_session *s)
{
	long n;

	/* nginx refuses an empty user name (ngx_mail_imap_login). */
	n = pt_imap_arg_copy(&s->cp.imap, s->cb, 0, s->login, s->cred_cap);
	if (n <= 0 || pt_session_set_cred(s, 0, s->login, (size_t)n)) {
		pt_session_invalid(s);
		return;
	}
	n = pt_imap_arg_copy(&s->cp.imap, s->cb, 1, s->passwd, s->cred_cap);
	if (n < 0 || pt_session_set_cred(s, 1, s->passwd, (size_t)n)) {
		pt_session_clear_credentials(s);
		pt_session_invalid(s);
		return;
	}
	pt_session_authenticated(s, PT_METHOD_PLAIN);
}

/* ---- AUTHENTICATE and SASL ----------------------------------------------------------- */

/* The bytes of argument i of the current line (base64 text for SASL). */
static const uint8_t *pt_imap_arg(struct pt_session *s, unsigned i, size_t *n)
{
	const struct pt_imap_arg *a = &s->cp.imap.args[i];

	if (a->kind != PT_IMAP_ARG_ATOM && a->kind != PT_IMAP_ARG_LITERAL) {
		*n = 0;
		return NULL;
	}
	*n = a->span.len;
	return s->cb + a->span.off;
}

static int pt_imap_check_authenticate(struct pt_session *s)
{
	size_t n;
	const uint8_t *mech = pt_imap_arg(s, 0, &n);

	if (s->cp.imap.nargs < 1 || s->cp.imap.nargs > 2 || pt_session_starttls_only(s) || !mech)
		return PT_R_INVALID;
	return pt_sasl_allowed(s, mech, n, s->cp.imap.nargs == 2) ? PT_R_OK : PT_R_INVALID;
}

static void pt_imap_proceed_authenticate(struct pt_session *s)
{
	size_t n, irn = 0;
	const uint8_t *mech = pt_imap_arg(s, 0, &n);
	const uint8_t *ir = s->cp.imap.nargs == 2 ? pt_imap_arg(s, 1, &irn) : NULL;

	pt_sasl_start(s, mech, n, ir, irn, s->cp.imap.nargs == 2);
}

/* A continuation line: the response to the current challenge. */
static void pt_imap_on_sasl(struct pt_session *s)
{
	size_t n;
	const uint8_t *p = pt_imap_arg(s, 0, &n);

	pt_sasl_continue(s, p, n);
}

/* ---- dispatch ----------------------------------------------------------------------- */

static const struct pt_imap_cmd_def {
	int (*check)(struct pt_session *s);
	void (*proceed)(struct pt_session *s);
} pt_imap_cmds[] = {
	[PT_IMAP_CMD_CAPABILITY] = { pt_imap_check_noargs, pt_imap_proceed_capability },
	[PT_IMAP_CMD_NOOP] = { pt_imap_check_noargs, pt_imap_proceed_noop },
	[PT_IMAP_CMD_LOGOUT] = { pt_imap_check_noargs, pt_imap_proceed_logout },
	[PT_IMAP_CMD_STARTTLS] = { pt_imap_check_starttls, pt_imap_proceed_starttls },
	[PT_IMAP_CMD_LOGIN] = { pt_imap_check_login, pt_imap_proceed_login },
	[PT_IMAP_CMD_AUTHENTICATE] = { pt_imap_check_authenticate, pt_imap_proceed_authenticate },
	[PT_IMAP_CMD_ID] = { pt_imap_check_noargs, pt_imap_proceed_id },
};

static void pt_imap_on_command(struct pt_session *s)
{
	enum pt_imap_cmd cmd = s->cp.imap.cmd;

	if ((unsigned)cmd >= PT_COUNTOF(pt_imap_cmds) || pt_imap_cmds[cmd].check == NULL ||
	    !(pt_imap_table[s->state].cmds & CMD_BIT(cmd)) ||
	    pt_imap_cmds[cmd].check(s) != PT_R_OK) {
		pt_session_invalid(s);
		return;
	}
	pt_imap_cmds[cmd].proceed(s);
}

static void pt_imap_take_tag(struct pt_session *s)
{
	s->tag_len = 0;
	if (s->cp.imap.tag_ok && s->cp.imap.tag.len <= PT_TAG_MAX) {
		memcpy(s->tag, s->cb + s->cp.imap.tag.off, s->cp.imap.tag.len);
		s->tag_len = s->cp.imap.tag.len;
	}
	s->tag[s->tag_len] = '\0';
}

static enum pt_parse_status pt_imap_parse(struct pt_session *s, size_t *used)
{
	int sasl = pt_imap_table[s->state].sasl_line;
	enum pt_parse_status st = pt_imap_cmd_parse(&s->cp.imap, s->cb, s->cb_len);

	/* the tag answers the line, even a too long one */
	if (!sasl && (st != PT_PARSE_MORE || s->cb_len == s->cb_cap))
		pt_imap_take_tag(s);
	*used = s->cp.imap.off;
	return st;
}

static void pt_imap_on_line(struct pt_session *s, enum pt_parse_status st)
{
	const struct pt_imap_row *row = &pt_imap_table[s->state];

	if (st == PT_PARSE_DONE) {
		row->on_line(s);
	} else if (!row->sasl_line && s->cp.imap.ends_in_nonsync_literal) {
		/* Its literal's bytes would run as commands. */
		pt_session_reply(s, PT_R_INVALID, 1);
		pt_session_close(s, PT_ERR_NONSYNC_LITERAL);
	} else {
		pt_session_invalid(s);
	}
}

/* ---- errors toward the client -------------------------------------------------------- */

/* ---- backend login --------------------------------------------------------------------- */

static void pt_imap_backend_connected(struct pt_session *s)
{
	s->bb_len = 0;
	s->bb_line = 0;
	s->untagged_seen = 0;
	pt_imap_resp_init(&s->rp.imap);
	pt_session_enter(s, PT_ST_BACKEND_GREETING);
	pt_session_set_deadline(s, s->now + s->conf->timeout_ms);
}

/* An ID field the client may not set toward the backend: Dovecot trusts
 * x-originating-*, x-connected-*, x-session-*, x-proxy-ttl, x-forward-*
 * (and may add more x- names) from login_trusted_networks, where postern
 * sits, so every "x-" field of the client is dropped (RFC 2971 §3.3 leaves
 * field names free; "x-" is where the private ones live). */
static int pt_imap_id_field_private(const struct pt_session *s, const struct pt_imap_id_pair *ip)
{
	const uint8_t *f = s->id_line + ip->field.off;

	return ip->field.len >= 2 && (f[0] == 'x' || f[0] == 'X') && f[1] == '-';
}

/* "<tag> ID (...)": where the client came from and what it reached, as
 * Dovecot's proxies send them, then the client's own pairs as it sent them
 * (quoted, escapes kept: the grammar checked them). */
static void pt_imap_put_backend_id(struct pt_session *s, struct pt_wbuf *w)
{
	pt_wbuf_put(w, s->tag, s->tag_len);
	pt_wbuf_puts(w, " ID (\"x-originating-ip\" \"");
	pt_wbuf_put(w, s->client_ip, s->client_ip_len);
	pt_wbuf_putc(w, '"');
	if (s->client_port)
		pt_wbuf_fmt(w, " \"x-originating-port\" \"%u\"", (unsigned)s->client_port);
	if (s->server_addr_len) {
		pt_wbuf_puts(w, " \"x-connected-ip\" \"");
		pt_wbuf_put(w, s->server_addr, s->server_addr_len);
		pt_wbuf_putc(w, '"');
	}
	if (s->server_port)
		pt_wbuf_fmt(w, " \"x-connected-port\" \"%u\"", (unsigned)s->server_port);
	for (unsigned i = 0; i < s->id_npairs; i++) {
		const struct pt_imap_id_pair *ip = &s->id_pairs[i];

		if (pt_imap_id_field_private(s, ip))
			continue;
		pt_wbuf_puts(w, " \"");
		pt_wbuf_put(w, s->id_line + ip->field.off, ip->field.len);
		pt_wbuf_puts(w, "\" ");
		if (ip->value_nil) {
			pt_wbuf_puts(w, "NIL");
			continue;
		}
		pt_wbuf_putc(w, '"');
		pt_wbuf_put(w, s->id_line + ip->value.off, ip->value.len);
		pt_wbuf_putc(w, '"');
	}
	pt_wbuf_puts(w, ")\r\n");
}

static void pt_imap_backend_send(struct pt_session *s, enum pt_state next)
{
	struct pt_wbuf w;

	pt_wbuf_init(&w, s->bout + s->bout_len, s->bout_cap - s->bout_len);
	switch (next) {
	case PT_ST_BACKEND_ID:
		pt_imap_put_backend_id(s, &w);
		break;
	case PT_ST_BACKEND_STARTTLS:   /* "<tag> STARTTLS": the client's tag, as LOGIN's */
		pt_wbuf_put(&w, s->tag, s->tag_len);
		pt_wbuf_puts(&w, " STARTTLS\r\n");
		break;
	case PT_ST_BACKEND_USER:   /* "<tag> LOGIN {<login length>}" */
		pt_wbuf_put(&w, s->tag, s->tag_len);
		pt_wbuf_fmt(&w, " LOGIN {%zu}\r\n", s->login_len);
		break;
	case PT_ST_BACKEND_PASS:   /* the login literal, then "{<password length>}" */
		pt_wbuf_put(&w, s->login, s->login_len);
		pt_wbuf_fmt(&w, " {%zu}\r\n", s->passwd_len);
		break;
	case PT_ST_BACKEND_AUTH:   /* the password literal */
		pt_wbuf_put(&w, s->passwd, s->passwd_len);
		pt_wbuf_puts(&w, "\r\n");
		break;
	default:
		w.err = 1;
		break;
	}
	pt_session_backend_put(s, &w, next, "backend command does not fit");
}

/* The backend's line is the tagged reply to our command (the client's tag). */
static int pt_imap_resp_is_ours(const struct pt_session *s)
{
	const struct pt_imap_resp_parser *r = &s->rp.imap;

	return r->kind == PT_IMAP_RESP_TAGGED && r->tag.len == s->tag_len &&
	       memcmp(s->bb + s->bb_line + r->tag.off, s->tag, s->tag_len) == 0;
}

/* The reply to "<tag> STARTTLS" (RFC 3501 §6.2.1).  Untagged lines may
 * come first (RFC 3501 §7: at any time) and are dropped, except BYE; the
 * tagged OK is the go-ahead, anything else a refusal.  0: line handled,
 * keep reading; 1: done (handshake asked for, or failed). */
static int pt_imap_backend_starttls(struct pt_session *s, size_t end)
{
	const struct pt_imap_resp_parser *r = &s->rp.imap;

	if (r->kind == PT_IMAP_RESP_UNTAGGED && r->cond != PT_IMAP_COND_BYE)
		return 0;
	if (pt_imap_resp_is_ours(s) && r->cond == PT_IMAP_COND_OK) {
		pt_backtls_begin(s, end);
		return 1;
	}
	pt_session_backend_fail(s, end, "upstream refused STARTTLS");
	return 1;
}

/* After the greeting: STARTTLS first when the backend is to be TLS, then
 * ID when proxy_imap_id is on, then the login. */
static void pt_imap_backend_greeted(struct pt_session *s)
{
	if (s->conf->backend_starttls)
		pt_imap_backend_send(s, PT_ST_BACKEND_STARTTLS);
	else
		pt_imap_backend_send(s, s->conf->proxy_imap_id ? PT_ST_BACKEND_ID : PT_ST_BACKEND_USER);
}

/* TLS with the backend is up: ID and the login, as after a plaintext greeting. */
static void pt_imap_backend_tls_up(struct pt_session *s)
{
	pt_imap_resp_init(&s->rp.imap);
	pt_imap_backend_send(s, s->conf->proxy_imap_id ? PT_ST_BACKEND_ID : PT_ST_BACKEND_USER);
}

/* The answer to our ID (RFC 2971 §3.1): "* ID ..." and any other untagged
 * line are dropped, BYE is a failure; the tagged reply, whatever its
 * condition (an old server answers BAD), lets the login go on.  0: keep
 * reading; 1: done. */
static int pt_imap_backend_id(struct pt_session *s, size_t end)
{
	const struct pt_imap_resp_parser *r = &s->rp.imap;

	if (r->kind == PT_IMAP_RESP_UNTAGGED && r->cond != PT_IMAP_COND_BYE)
		return 0;
	if (pt_imap_resp_is_ours(s)) {
		pt_imap_backend_send(s, PT_ST_BACKEND_USER);
		return 0;
	}
	pt_session_backend_fail(s, end, "upstream sent invalid response to ID");
	return 1;
}

static void pt_imap_backend_input(struct pt_session *s)
{
	while (pt_session_backend_login(s)) {
		enum pt_parse_status st =
			pt_imap_resp_parse(&s->rp.imap, s->bb + s->bb_line, s->bb_len - s->bb_line);
		size_t end;

		if (st == PT_PARSE_MORE) {
			pt_session_backend_wait(s);
			return;
		}
		end = s->bb_line + s->rp.imap.off;
		if (st != PT_PARSE_DONE) {
			pt_session_backend_fail(s, end, "upstream sent invalid response");
			return;
		}
		switch (s->state) {
		case PT_ST_BACKEND_GREETING:
			if (s->rp.imap.kind != PT_IMAP_RESP_UNTAGGED || s->rp.imap.cond != PT_IMAP_COND_OK) {
				pt_session_backend_fail(s, end, "upstream sent invalid greeting");
				return;
			}
			pt_imap_backend_greeted(s);
			break;
		case PT_ST_BACKEND_STARTTLS:
			if (pt_imap_backend_starttls(s, end))
				return;
			break;
		case PT_ST_BACKEND_ID:
			if (pt_imap_backend_id(s, end))
				return;
			break;
		case PT_ST_BACKEND_USER:
		case PT_ST_BACKEND_PASS:
			if (s->rp.imap.kind != PT_IMAP_RESP_CONTINUE) {
				pt_session_backend_fail(s, end, "upstream sent invalid response");
				return;
			}
			pt_imap_backend_send(s, s->state == PT_ST_BACKEND_USER ? PT_ST_BACKEND_PASS
			                                                       : PT_ST_BACKEND_AUTH);
			break;
		case PT_ST_BACKEND_AUTH:
			if (s->rp.imap.kind == PT_IMAP_RESP_UNTAGGED && !s->untagged_seen) {
				/* nginx 1.27.3: one untagged line (Gmail's CAPABILITY)
				 * may come first; it is kept for the client. */
				s->untagged_seen = 1;
				s->bb_line = end;
				pt_imap_resp_init(&s->rp.imap);
				continue;
			}
			if (pt_imap_resp_is_ours(s) && s->rp.imap.cond == PT_IMAP_COND_OK) {
				pt_session_logged_in(s, s->bb_len);
				return;
			}
			pt_session_backend_fail(s, end, "upstream rejected the login");
			return;
		default:
			return;
		}
		pt_session_backend_drop(s, end);
		pt_imap_resp_init(&s->rp.imap);
	}
}

/* "<tag> NO <text>" */
static void pt_imap_auth_error(struct pt_session *s, const uint8_t *text, size_t n)
{
	if (s->tag_len) {
		pt_session_out(s, s->tag, s->tag_len);
		pt_session_out(s, " ", 1);
	} else {
		pt_session_out(s, "* ", 2);
	}
	pt_session_out_str(s, pt_reply_text(PT_CORE_IMAP, PT_R_AUTH_FAILED));
	pt_session_out(s, text, n);
	pt_session_out(s, "\r\n", 2);
}

const struct pt_proto_ops pt_imap_ops = {
	.start = pt_imap_start,
	.resume = pt_imap_resume,
	.process_input = pt_session_process_input,
	.parse = pt_imap_parse,
	.on_line = pt_imap_on_line,
	.reset = pt_imap_parser_reset,
	.backend_connected = pt_imap_backend_connected,
	.backend_input = pt_imap_backend_input,
	.backend_tls_up = pt_imap_backend_tls_up,
	.internal_error = pt_session_internal_error,
	.auth_error = pt_imap_auth_error,
};
