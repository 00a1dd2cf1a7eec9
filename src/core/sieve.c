/*
 * sieve.c - ManageSieve (RFC 5804) before login, and the login to the
 * backend: a postern extension (nginx has no sieve module), built the way
 * pop3.c and imap.c are: one table of what each state accepts, a pure
 * pt_sieve_check_<cmd>() and a pt_sieve_proceed_<cmd>() per command.
 *
 * Implementation notes
 * - The greeting is postern's own capability list (RFC 5804 §1.7), then
 *   OK.  Which Sieve extensions the backend has is not known before
 *   login, so the operator lists them (sieve_capabilities, as nginx asks
 *   for imap_capabilities); without that list a default SIEVE line goes.
 * - SASL is sasl.c's, shared with the other protocols: challenges and
 *   responses are strings here (§2.1), which reply.c's texts and
 *   grammar/sieve.rl's sasl_line take care of.
 * - Backend login: its capability lines up to OK, [STARTTLS, OK, the
 *   capabilities again (§2.2), OK], then AUTHENTICATE "PLAIN" with the
 *   base64 of "\0user\0password" as a string (§2.1); its OK goes to the
 *   client and the relay starts.
 */
#include <string.h>

#include "core/session_int.h"
#include "util/base64.h"
#include "util/names.h"

#define CMD_BIT(c) (1u << (c))
#define PT_SIEVE_AUTH_CMDS                                                                  \
	(CMD_BIT(PT_SIEVE_CMD_AUTHENTICATE) | CMD_BIT(PT_SIEVE_CMD_CAPABILITY) |                \
	 CMD_BIT(PT_SIEVE_CMD_LOGOUT) | CMD_BIT(PT_SIEVE_CMD_NOOP) | CMD_BIT(PT_SIEVE_CMD_STARTTLS))

/* No sieve_capabilities: Dovecot Pigeonhole's default extensions, the
 * backend most often behind a ManageSieve proxy. */
#define PT_SIEVE_DEFAULT_CAPABILITY                                                          \
	"\"SIEVE\" \"fileinto reject envelope encoded-character vacation subaddress "           \
	"comparator-i;ascii-numeric relational regex imap4flags copy include variables body " \
	"enotify environment mailbox date index ihave duplicate mime foreverypart extracttext\"\r\n"

static void pt_sieve_on_command(struct pt_session *s);
static void pt_sieve_on_sasl(struct pt_session *s);

/* Every SASL state of sasl.c has its row, also those of mechanisms that
 * sieve_auth cannot name (CRAM-MD5, EXTERNAL, the OAuth ones): a line in
 * any state reached goes through a filled entry (the model checks it). */
static const struct pt_sieve_row {
	uint32_t cmds;
	int sasl_line;
	void (*on_line)(struct pt_session *s);
} pt_sieve_table[PT_ST_COUNT] = {
	[PT_ST_AUTH] = { PT_SIEVE_AUTH_CMDS, 0, pt_sieve_on_command },
	[PT_ST_SASL_PLAIN] = { 0, 1, pt_sieve_on_sasl },
	[PT_ST_SASL_LOGIN_USER] = { 0, 1, pt_sieve_on_sasl },
	[PT_ST_SASL_LOGIN_PASS] = { 0, 1, pt_sieve_on_sasl },
	[PT_ST_SASL_CRAM_MD5] = { 0, 1, pt_sieve_on_sasl },
	[PT_ST_SASL_EXTERNAL] = { 0, 1, pt_sieve_on_sasl },
	[PT_ST_SASL_XOAUTH2] = { 0, 1, pt_sieve_on_sasl },
	[PT_ST_SASL_OAUTHBEARER] = { 0, 1, pt_sieve_on_sasl },
	[PT_ST_SASL_ERROR] = { 0, 1, pt_sieve_on_sasl },
};

/* ---- helpers ------------------------------------------------------------------ */

static void pt_sieve_parser_reset(struct pt_session *s)
{
	if (pt_sieve_table[s->state].sasl_line)
		pt_sieve_cmd_init_sasl_line(&s->cp.sieve, s->cb_cap);
	else
		pt_sieve_cmd_init(&s->cp.sieve, s->cb_cap);
}

/* The bytes of argument i (a quoted string's with its escapes: sieve_cmd.h). */
static const uint8_t *pt_sieve_arg(const struct pt_session *s, unsigned i, size_t *n)
{
	*n = s->cp.sieve.args[i].span.len;
	return s->cb + s->cp.sieve.args[i].span.off;
}

/* RFC 5804 §1.7: "SASL" lists the mechanisms; under "starttls only" none
 * before TLS (the list is then empty). */
static void pt_sieve_put_sasl(struct pt_session *s)
{
	pt_session_out_str(s, "\"SASL\" \"");
	if (!pt_session_starttls_only(s))
		pt_sasl_put_mechs(s, s->conf->auth_methods, "", " ", "");
	pt_session_out_str(s, "\"\r\n");
}

/* RFC 5804 §1.7: the capability response, without its closing OK. */
static void pt_sieve_put_capabilities(struct pt_session *s)
{
	const struct pt_core_conf *c = s->conf;

	pt_session_out_str(s, pt_reply_text(PT_CORE_SIEVE, PT_R_CAPABILITY));
	pt_sieve_put_sasl(s);
	if (c->n_capabilities == 0)
		pt_session_out_str(s, PT_SIEVE_DEFAULT_CAPABILITY);
	for (size_t i = 0; i < c->n_capabilities; i++) {
		pt_session_out(s, c->capabilities[i].p, c->capabilities[i].len);
		pt_session_out(s, "\r\n", 2);
	}
	if (c->starttls && !s->tls)
		pt_session_out_str(s, "\"STARTTLS\"\r\n");
	pt_session_out_str(s, "\"VERSION\" \"1.0\"\r\n");
}

/* ---- greeting ----------------------------------------------------------------- */

/* Back to reading commands: after the greeting, after STARTTLS (RFC 5804
 * §2.2: the capabilities again, inside TLS), after an Auth-Wait. */
static void pt_sieve_resume(struct pt_session *s)
{
	if (s->state == PT_ST_TLS_HANDSHAKE) {
		pt_sieve_put_capabilities(s);
		pt_session_reply(s, PT_R_GREETING, 0);
	}
	pt_session_enter(s, PT_ST_AUTH);
	pt_sieve_parser_reset(s);
	pt_session_process_input(s);
}

static void pt_sieve_start(struct pt_session *s)
{
	pt_sieve_put_capabilities(s);
	pt_session_reply(s, PT_R_GREETING, 0);
	s->greeted = 1;
	pt_session_enter(s, PT_ST_AUTH);
	pt_sieve_parser_reset(s);
	pt_session_process_input(s);
}

/* ---- CAPABILITY LOGOUT NOOP STARTTLS -------------------------------------------- */

static int pt_sieve_check_noargs(struct pt_session *s)
{
	return s->cp.sieve.nargs == 0 ? PT_R_OK : PT_R_INVALID;
}

static void pt_sieve_proceed_capability(struct pt_session *s)
{
	pt_sieve_put_capabilities(s);
	pt_session_reply(s, PT_R_OK, 0);
}

/* RFC 5804 §2.3: "The server MUST send an OK response", then closes. */
static void pt_sieve_proceed_logout(struct pt_session *s)
{
	pt_session_reply(s, PT_R_BYE, 0);
	pt_session_close(s, PT_ERR_QUIT);
}

/* RFC 5804 §2.13: NOOP ["tag"]; a tag comes back as (TAG string).  The
 * tag is bounded so the reply always fits the client reply buffer. */
static int pt_sieve_check_noop(struct pt_session *s)
{
	if (s->cp.sieve.nargs > 1 ||
	    (s->cp.sieve.nargs == 1 && s->cp.sieve.args[0].span.len > PT_SIEVE_TAG_MAX))
		return PT_R_INVALID;
	return PT_R_OK;
}

static void pt_sieve_proceed_noop(struct pt_session *s)
{
	struct pt_wbuf w;
	size_t n;
	const uint8_t *tag;

	if (s->cp.sieve.nargs == 0) {
		pt_session_reply(s, PT_R_OK, 0);
		return;
	}
	tag = pt_sieve_arg(s, 0, &n);
	pt_wbuf_init(&w, s->out + s->out_len, s->out_cap - s->out_len);
	/* A quoted tag goes back as it came (its escapes are valid again);
	 * a literal one as a literal-s2c: its bytes need no escaping. */
	if (s->cp.sieve.args[0].kind == PT_SIEVE_ARG_QUOTED) {
		pt_wbuf_puts(&w, "OK (TAG \"");
		pt_wbuf_put(&w, tag, n);
		pt_wbuf_puts(&w, "\") ");
	} else {
		pt_wbuf_fmt(&w, "OK (TAG {%zu}\r\n", n);
		pt_wbuf_put(&w, tag, n);
		pt_wbuf_puts(&w, ") ");
	}
	pt_wbuf_puts(&w, "\"Done.\"\r\n");
	s->out_len += w.len;
	pt_session_flush_client(s);
}

static int pt_sieve_check_starttls(struct pt_session *s)
{
	if (s->cp.sieve.nargs != 0 || s->conf->starttls == 0 || s->tls)
		return PT_R_INVALID;
	return PT_R_OK;
}

static void pt_sieve_proceed_starttls(struct pt_session *s)
{
	pt_session_reply(s, PT_R_STARTTLS, 0);
	pt_session_start_tls(s);
}

/* ---- AUTHENTICATE and SASL ------------------------------------------------------ */

static int pt_sieve_check_authenticate(struct pt_session *s)
{
	size_t n;
	const uint8_t *mech = pt_sieve_arg(s, 0, &n);

	if (s->cp.sieve.nargs < 1 || pt_session_starttls_only(s))
		return PT_R_INVALID;
	return pt_sasl_allowed(s, mech, n, s->cp.sieve.nargs == 2) ? PT_R_OK : PT_R_INVALID;
}

static void pt_sieve_proceed_authenticate(struct pt_session *s)
{
	size_t n, irn = 0;
	const uint8_t *mech = pt_sieve_arg(s, 0, &n);
	const uint8_t *ir = s->cp.sieve.nargs == 2 ? pt_sieve_arg(s, 1, &irn) : NULL;

	pt_sasl_start(s, mech, n, ir, irn, ir != NULL);
}

/* A SASL response string, in the state its challenge left.  RFC 5804
 * §2.1: the client aborts with "*", which fails as base64 and so ends
 * the exchange with NO, as the RFC asks. */
static void pt_sieve_on_sasl(struct pt_session *s)
{
	size_t n;
	const uint8_t *p = pt_sieve_arg(s, 0, &n);

	pt_sasl_continue(s, p, n);
}

/* ---- dispatch ----------------------------------------------------------------- */

static const struct pt_sieve_cmd_def {
	int (*check)(struct pt_session *s);
	void (*proceed)(struct pt_session *s);
} pt_sieve_cmds[] = {
	[PT_SIEVE_CMD_AUTHENTICATE] = { pt_sieve_check_authenticate, pt_sieve_proceed_authenticate },
	[PT_SIEVE_CMD_CAPABILITY] = { pt_sieve_check_noargs, pt_sieve_proceed_capability },
	[PT_SIEVE_CMD_LOGOUT] = { pt_sieve_check_noargs, pt_sieve_proceed_logout },
	[PT_SIEVE_CMD_NOOP] = { pt_sieve_check_noop, pt_sieve_proceed_noop },
	[PT_SIEVE_CMD_STARTTLS] = { pt_sieve_check_starttls, pt_sieve_proceed_starttls },
};

static void pt_sieve_on_command(struct pt_session *s)
{
	enum pt_sieve_cmd cmd = s->cp.sieve.cmd;

	if ((unsigned)cmd >= PT_COUNTOF(pt_sieve_cmds) || pt_sieve_cmds[cmd].check == NULL ||
	    !(pt_sieve_table[s->state].cmds & CMD_BIT(cmd)) ||
	    pt_sieve_cmds[cmd].check(s) != PT_R_OK) {
		pt_session_invalid(s);
		return;
	}
	pt_sieve_cmds[cmd].proceed(s);
}

static enum pt_parse_status pt_sieve_parse(struct pt_session *s, size_t *used)
{
	enum pt_parse_status st = pt_sieve_cmd_parse(&s->cp.sieve, s->cb, s->cb_len);

	*used = s->cp.sieve.off;
	return st;
}

static void pt_sieve_on_line(struct pt_session *s, enum pt_parse_status st)
{
	if (st == PT_PARSE_DONE) {
		pt_sieve_table[s->state].on_line(s);
	} else if (s->cp.sieve.ends_in_literal) {
		/* The literal's bytes follow unasked and would run as commands. */
		pt_session_reply(s, PT_R_INVALID, 0);
		pt_session_close(s, PT_ERR_NONSYNC_LITERAL);
	} else {
		pt_session_invalid(s);
	}
}

/* NO "<the auth server's text>": a quoted string, so " and \ are escaped
 * (RFC 5804 §4 QUOTED-SPECIALS); the text holds no CR or LF (authhdr.rl). */
static void pt_sieve_auth_error(struct pt_session *s, const uint8_t *text, size_t n)
{
	pt_session_out_str(s, pt_reply_text(PT_CORE_SIEVE, PT_R_AUTH_FAILED));
	pt_session_out(s, "\"", 1);
	for (size_t i = 0; i < n; i++) {
		if (text[i] == '"' || text[i] == '\\')
			pt_session_out(s, "\\", 1);
		pt_session_out(s, text + i, 1);
	}
	pt_session_out(s, "\"\r\n", 3);
}

/* ---- backend login ---------------------------------------------------------------- */

static void pt_sieve_backend_connected(struct pt_session *s)
{
	s->bb_len = 0;
	pt_sieve_resp_init(&s->rp.sieve, s->bb_cap);
	pt_session_enter(s, PT_ST_BACKEND_GREETING);
	pt_session_set_deadline(s, s->now + s->conf->timeout_ms);
}

/* RFC 5804 §2.1 and RFC 4616: AUTHENTICATE "PLAIN" "<base64 of
 * NUL user NUL password>".  The message is put together in the auth
 * request buffer, free once the auth server has answered and large
 * enough for both credentials (session.c). */
static void pt_sieve_put_authenticate(struct pt_session *s, struct pt_wbuf *w)
{
	pt_wbuf_puts(w, "AUTHENTICATE \"PLAIN\" \"");
	pt_sasl_put_plain(s, w, s->areq, s->areq_cap);
	pt_wbuf_puts(w, "\"\r\n");
	s->areq_len = 0;
}

static void pt_sieve_backend_send(struct pt_session *s, enum pt_state next)
{
	struct pt_wbuf w;

	pt_wbuf_init(&w, s->bout + s->bout_len, s->bout_cap - s->bout_len);
	if (next == PT_ST_BACKEND_STARTTLS)
		pt_wbuf_puts(&w, "STARTTLS\r\n");
	else
		pt_sieve_put_authenticate(s, &w);
	pt_session_backend_put(s, &w, next, "backend command does not fit");
}

/* The capability lines end with OK: STARTTLS first when the backend is
 * to be TLS (and is not yet), else the login. */
static void pt_sieve_backend_greeted(struct pt_session *s)
{
	if (s->state == PT_ST_BACKEND_GREETING && s->conf->backend_starttls)
		pt_sieve_backend_send(s, PT_ST_BACKEND_STARTTLS);
	else
		pt_sieve_backend_send(s, PT_ST_BACKEND_AUTH);
}

/* TLS with the backend is up: RFC 5804 §2.2, it sends its capabilities
 * again; nothing read before TLS is kept (backtls.c). */
static void pt_sieve_backend_tls_up(struct pt_session *s)
{
	pt_sieve_resp_init(&s->rp.sieve, s->bb_cap);
	pt_session_enter(s, PT_ST_BACKEND_CAPABILITY);
}

/* One complete, valid backend line ending at end.  0: handled, read on;
 * 1: the login is over (or failed). */
static int pt_sieve_backend_line(struct pt_session *s, size_t end)
{
	enum pt_sieve_resp_kind kind = s->rp.sieve.kind;

	switch (s->state) {
	case PT_ST_BACKEND_GREETING:
	case PT_ST_BACKEND_CAPABILITY:
		if (kind == PT_SIEVE_RESP_STRING)
			return 0;       /* a capability line: not ours to keep */
		if (kind != PT_SIEVE_RESP_OK) {
			pt_session_backend_fail(s, end, "upstream sent invalid greeting");
			return 1;
		}
		pt_sieve_backend_greeted(s);
		return 0;
	case PT_ST_BACKEND_STARTTLS:
		if (kind != PT_SIEVE_RESP_OK) {
			pt_session_backend_fail(s, end, "upstream refused STARTTLS");
			return 1;
		}
		pt_backtls_begin(s, end);
		return 1;
	case PT_ST_BACKEND_AUTH:
		if (kind != PT_SIEVE_RESP_OK) {
			pt_session_backend_fail(s, end, "upstream rejected the login");
			return 1;
		}
		/* the backend's OK (and anything after it) goes to the client */
		pt_session_logged_in(s, s->bb_len);
		return 1;
	default:
		return 1;
	}
}

static void pt_sieve_backend_input(struct pt_session *s)
{
	while (pt_session_backend_login(s)) {
		enum pt_parse_status st = pt_sieve_resp_parse(&s->rp.sieve, s->bb, s->bb_len);
		size_t end;

		if (st == PT_PARSE_MORE) {
			pt_session_backend_wait(s);
			return;
		}
		end = s->rp.sieve.off;
		if (st != PT_PARSE_DONE) {
			pt_session_backend_fail(s, end, "upstream sent invalid response");
			return;
		}
		if (pt_sieve_backend_line(s, end))
			return;
		pt_session_backend_drop(s, end);
		pt_sieve_resp_init(&s->rp.sieve, s->bb_cap);
	}
}

const struct pt_proto_ops pt_sieve_ops = {
	.start = pt_sieve_start,
	.resume = pt_sieve_resume,
	.process_input = pt_session_process_input,
	.parse = pt_sieve_parse,
	.on_line = pt_sieve_on_line,
	.reset = pt_sieve_parser_reset,
	.backend_connected = pt_sieve_backend_connected,
	.backend_input = pt_sieve_backend_input,
	.backend_tls_up = pt_sieve_backend_tls_up,
	.internal_error = pt_session_internal_error,
	.auth_error = pt_sieve_auth_error,
};
