/*
 * Unit tests of the session core's API (src/core/core.h) as the shell uses
 * it, below what a transcript can say: pt_session_init()'s refusals, the
 * inspection calls (state, error, user, auth credentials, relaying), the
 * trace, acks of more than was offered, events that come at the wrong
 * time, and the auth reply's Auth-Server / Auth-Port / Auth-Wait checks
 * as one table.  The core is driven directly: bytes in by buf/ack, actions
 * drained until NONE.
 */
#include <stdlib.h>

#include "pt_test.h"
#include "core/core.h"

#define CRLF "\r\n"

static const struct pt_core_bytes imap_caps[] = { { "IMAP4rev1", 9 } };

static struct pt_core_conf imap_conf(void)
{
	struct pt_core_conf c;

	memset(&c, 0, sizeof(c));
	c.proto = PT_CORE_IMAP;
	c.server_name.p = "mail.example.test";
	c.server_name.len = 17;
	c.timeout_ms = 60000;
	c.auth_http_timeout_ms = 60000;
	c.max_errors = 5;
	c.client_buffer = 4096;
	c.proxy_buffer = 4096;
	c.auth_methods = PT_CORE_AUTH_PLAIN | PT_CORE_AUTH_LOGIN;
	c.capabilities = imap_caps;
	c.n_capabilities = 1;
	c.auth_host.p = "127.0.0.1";
	c.auth_host.len = 9;
	return c;
}

struct drv {
	struct pt_core_conf conf;
	struct pt_session *s;
	void *mem;
	uint64_t now;
	char out[8192];         /* all the client got */
	size_t olen;
	char bout[8192];        /* all the backend got */
	size_t blen;
	char logs[16384];
	size_t llen;
	int areqs, connects, relays, closes, actions_after_close;
	int arepeat;                /* the last AUTH_REQUEST's repeat flag */
	char addr[64];
	unsigned port;
};

static void drain(struct drv *d)
{
	struct pt_action a;
	const uint8_t *p;
	size_t n;
	int t;

	while ((t = pt_session_next_action(d->s, &a)) != PT_ACT_NONE) {
		if (d->closes)
			d->actions_after_close++;
		switch (t) {
		case PT_ACT_SEND_CLIENT:
			while ((p = pt_session_client_send_buf(d->s, &n)) != NULL && n) {
				if (n < sizeof(d->out) - d->olen) {
					memcpy(d->out + d->olen, p, n);
					d->olen += n;
					d->out[d->olen] = '\0';
				}
				pt_session_client_send_ack(d->s, n);
			}
			break;
		case PT_ACT_SEND_BACKEND:
			while ((p = pt_session_backend_send_buf(d->s, &n)) != NULL && n) {
				if (n < sizeof(d->bout) - d->blen) {
					memcpy(d->bout + d->blen, p, n);
					d->blen += n;
					d->bout[d->blen] = '\0';
				}
				pt_session_backend_send_ack(d->s, n);
			}
			break;
		case PT_ACT_LOG: {
			int k = snprintf(d->logs + d->llen, sizeof(d->logs) - d->llen, "[%s] %.*s\n",
			                 pt_log_level_name(a.level), (int)a.len, (const char *)a.data);
			if (k > 0 && (size_t)k < sizeof(d->logs) - d->llen)
				d->llen += (size_t)k;
			break;
		}
		case PT_ACT_AUTH_REQUEST:
			d->areqs++;
			d->arepeat = a.repeat;
			break;
		case PT_ACT_CONNECT_BACKEND:
			d->connects++;
			memcpy(d->addr, a.addr, sizeof(d->addr));
			d->port = a.port;
			break;
		case PT_ACT_RELAY:
			d->relays++;
			break;
		case PT_ACT_CLOSE:
			d->closes++;
			break;
		default:
			break;
		}
	}
}

static int drv_init(struct drv *d, const struct pt_core_conf *c)
{
	size_t need;

	memset(d, 0, sizeof(*d));
	d->conf = *c;
	need = pt_session_mem_size(&d->conf);
	d->mem = aligned_alloc(64, (need + 63) / 64 * 64);
	if (d->mem == NULL)
		return -1;
	d->s = pt_session_init(d->mem, need, &d->conf);
	d->now = 1000;
	return d->s ? 0 : -1;
}

static void drv_free(struct drv *d)
{
	free(d->mem);
	d->mem = NULL;
}

static void drv_event(struct drv *d, enum pt_ev_type type)
{
	struct pt_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = type;
	pt_session_event(d->s, &ev, d->now);
	drain(d);
}

static void drv_start(struct drv *d)
{
	struct pt_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = PT_EV_START;
	ev.u.start.client_ip.p = "192.0.2.1";
	ev.u.start.client_ip.len = 9;
	ev.u.start.unix_time = 1700000000;
	ev.u.start.random = 4242;
	pt_session_event(d->s, &ev, d->now);
	drain(d);
}

static void drv_client(struct drv *d, const char *text)
{
	size_t n = strlen(text), room;
	uint8_t *p = pt_session_client_recv_buf(d->s, &room);

	if (p == NULL || room < n) {
		printf("    client bytes not taken: %s", text);
		pt_test_failed_checks++;
		return;
	}
	memcpy(p, text, n);
	pt_session_client_recv_ack(d->s, n, d->now);
	drain(d);
}

static void drv_backend(struct drv *d, const char *text)
{
	size_t n = strlen(text), room;
	uint8_t *p = pt_session_backend_recv_buf(d->s, &room);

	if (p == NULL || room < n) {
		printf("    backend bytes not taken: %s", text);
		pt_test_failed_checks++;
		return;
	}
	memcpy(p, text, n);
	pt_session_backend_recv_ack(d->s, n, d->now);
	drain(d);
}

static void drv_auth_line(struct drv *d, const char *line)
{
	struct pt_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = PT_EV_AUTH_LINE;
	ev.u.line.p = line;
	ev.u.line.len = strlen(line);
	pt_session_event(d->s, &ev, d->now);
	drain(d);
}

/* An auth reply: "HTTP/1.0 200 OK", the header lines (NULL-ended), the
 * empty line, then the end of the transfer. */
static void drv_auth_reply(struct drv *d, const char *const *hdrs)
{
	char line[512];

	drv_auth_line(d, "HTTP/1.0 200 OK" CRLF);
	for (size_t i = 0; hdrs[i]; i++) {
		snprintf(line, sizeof(line), "%s" CRLF, hdrs[i]);
		drv_auth_line(d, line);
	}
	drv_auth_line(d, CRLF);
	drv_event(d, PT_EV_AUTH_DONE);
}

/* Greeting and "a1 LOGIN alice s3cr3t-pw": the auth request is out. */
static int drv_imap_login(struct drv *d, const struct pt_core_conf *c)
{
	if (drv_init(d, c))
		return -1;
	drv_start(d);
	drv_client(d, "a1 LOGIN alice s3cr3t-pw" CRLF);
	return d->areqs == 1 ? 0 : -1;
}

PT_TEST(session_init_refuses)
{
	struct pt_core_conf c = imap_conf();
	size_t need = pt_session_mem_size(&c);
	void *mem = aligned_alloc(64, (need + 63) / 64 * 64);

	PT_CHECK(need > c.client_buffer + c.proxy_buffer);
	PT_CHECK(pt_session_init(NULL, need, &c) == NULL);
	PT_CHECK(pt_session_init(mem, need, NULL) == NULL);
	PT_CHECK(pt_session_init(mem, need - 1, &c) == NULL);
	c.client_buffer = 8;
	PT_CHECK(pt_session_init(mem, need, &c) == NULL);
	c = imap_conf();
	c.proxy_buffer = 8;
	PT_CHECK(pt_session_init(mem, need, &c) == NULL);
	c = imap_conf();
	c.proto = (enum pt_core_proto)0;
	PT_CHECK(pt_session_init(mem, need, &c) == NULL);
	c.proto = (enum pt_core_proto)99;   /* past the table (core/protos.c) */
	PT_CHECK(pt_session_init(mem, need, &c) == NULL);
	c = imap_conf();
	PT_CHECK(pt_session_init(mem, need, &c) != NULL);
	free(mem);
}

/* A whole IMAP login through the inspection calls, traced: the state
 * names move, the credentials are readable while the auth request runs
 * and only then, the relay is reported, no log line holds the password. */
PT_TEST(session_inspection)
{
	struct pt_core_conf c = imap_conf();
	struct pt_auth_creds cr;
	struct drv d;
	const char *st0;

	if (!PT_CHECK(drv_init(&d, &c) == 0))
		return;
	pt_session_trace(d.s, 1);
	st0 = pt_session_state_name(d.s);
	PT_CHECK_EQ(pt_session_state(d.s), 0);     /* PT_ST_NEW */
	PT_CHECK(pt_session_auth_creds(d.s, &cr) == -1);
	drv_start(&d);
	PT_CHECK_STR(d.out, "* OK IMAP4 ready" CRLF);
	PT_CHECK(strcmp(pt_session_state_name(d.s), st0) != 0);
	drv_client(&d, "a1 LOGIN alice s3cr3t-pw" CRLF);
	PT_CHECK_EQ(d.areqs, 1);
	PT_CHECK_STR(pt_session_user(d.s), "alice");
	PT_CHECK(pt_session_auth_creds(d.s, &cr) == 0);
	PT_CHECK_EQ(cr.method, PT_CORE_AUTH_PLAIN);
	PT_CHECK_MEM(cr.user.p, cr.user.len, "alice", 5);
	PT_CHECK_MEM(cr.pass.p, cr.pass.len, "s3cr3t-pw", 9);
	PT_CHECK(!pt_session_relaying(d.s));

	/* A line after the empty one is the body: ignored. */
	drv_auth_line(&d, "HTTP/1.0 200 OK" CRLF);
	drv_auth_line(&d, "Auth-Status: OK" CRLF);
	drv_auth_line(&d, "Auth-Server: ::1" CRLF);
	drv_auth_line(&d, "Auth-Port: 10143" CRLF);
	drv_auth_line(&d, CRLF);
	drv_auth_line(&d, "Auth-Server: 192.0.2.66" CRLF);
	drv_event(&d, PT_EV_AUTH_DONE);
	PT_CHECK_EQ(d.connects, 1);
	PT_CHECK_STR(d.addr, "::1");
	PT_CHECK_EQ(d.port, 10143);
	PT_CHECK(pt_session_auth_creds(d.s, &cr) == -1);

	drv_event(&d, PT_EV_BACKEND_CONNECTED);
	drv_backend(&d, "* OK ready" CRLF);
	drv_backend(&d, "+ OK" CRLF);
	drv_backend(&d, "+ OK" CRLF);
	drv_backend(&d, "a1 OK Logged in" CRLF);
	PT_CHECK_STR(d.bout, "a1 LOGIN {5}" CRLF "alice {9}" CRLF "s3cr3t-pw" CRLF);
	PT_CHECK_STR(d.out, "* OK IMAP4 ready" CRLF "a1 OK Logged in" CRLF);
	PT_CHECK_EQ(d.relays, 1);
	PT_CHECK(pt_session_relaying(d.s));
	PT_CHECK(pt_session_state(d.s) != 0);
	PT_CHECK_EQ(pt_session_error(d.s), 0);
	PT_CHECK(strstr(d.logs, "[debug] state ") != NULL);
	PT_CHECK(strstr(d.logs, "s3cr3t") == NULL);
	/* relaying: the backend's EOF ends it quietly */
	drv_event(&d, PT_EV_BACKEND_EOF);
	PT_CHECK_EQ(d.closes, 1);
	PT_CHECK_EQ(pt_session_error(d.s), 0);
	drv_free(&d);
}

/* Acking more than was offered takes what was offered; receiving more
 * than the room given is refused whole. */
PT_TEST(session_ack_bounds)
{
	struct pt_core_conf c = imap_conf();
	struct pt_action a;
	struct drv d;
	size_t n, room;
	uint8_t *p;

	if (!PT_CHECK(drv_init(&d, &c) == 0))
		return;
	{
		struct pt_event ev;
		memset(&ev, 0, sizeof(ev));
		ev.type = PT_EV_START;
		pt_session_event(d.s, &ev, d.now);
	}
	while (pt_session_next_action(d.s, &a) != PT_ACT_NONE)
		;
	PT_CHECK(pt_session_client_send_buf(d.s, &n) != NULL && n > 0);
	pt_session_client_send_ack(d.s, n + 100);
	PT_CHECK(pt_session_client_send_buf(d.s, &n) == NULL && n == 0);

	p = pt_session_client_recv_buf(d.s, &room);
	PT_CHECK(p != NULL && room == c.client_buffer);
	if (p) {
		memcpy(p, "a1 NOOP" CRLF, 9);
		pt_session_client_recv_ack(d.s, room + 1, d.now);   /* refused */
		drain(&d);
		PT_CHECK_EQ(d.olen, 0);
		pt_session_client_recv_ack(d.s, 9, d.now);
		drain(&d);
		PT_CHECK_STR(d.out, "a1 OK completed" CRLF);
	}
	/* no backend yet: no room for its bytes, and none are taken */
	PT_CHECK(pt_session_backend_recv_buf(d.s, &room) == NULL && room == 0);
	pt_session_backend_recv_ack(d.s, 4, d.now);
	drv_free(&d);

	/* the backend side: the login command acked past its end */
	if (!PT_CHECK(drv_imap_login(&d, &c) == 0))
		return;
	{
		static const char *const ok[] = { "Auth-Status: OK", "Auth-Server: 127.0.0.2",
		                                  "Auth-Port: 10143", NULL };
		drv_auth_reply(&d, ok);
	}
	pt_session_event(d.s, &(struct pt_event){ .type = PT_EV_BACKEND_CONNECTED }, d.now);
	drain(&d);
	p = pt_session_backend_recv_buf(d.s, &room);
	if (PT_CHECK(p != NULL)) {
		memcpy(p, "* OK" CRLF, 6);
		pt_session_backend_recv_ack(d.s, 6, d.now);
	}
	while (pt_session_next_action(d.s, &a) != PT_ACT_NONE)
		;
	PT_CHECK(pt_session_backend_send_buf(d.s, &n) != NULL && n > 0);
	pt_session_backend_send_ack(d.s, n + 100);
	PT_CHECK(pt_session_backend_send_buf(d.s, &n) == NULL && n == 0);
	drv_free(&d);
}

/* Events out of place are ignored; an unknown one closes; after CLOSE
 * nothing more comes out. */
PT_TEST(session_events_out_of_place)
{
	struct pt_core_conf c = imap_conf();
	struct pt_event ev;
	struct drv d;

	if (!PT_CHECK(drv_init(&d, &c) == 0))
		return;
	drv_start(&d);
	d.olen = 0;
	drv_start(&d);                          /* a second START */
	drv_event(&d, PT_EV_TLS_UP);            /* no handshake was asked for */
	drv_event(&d, PT_EV_AUTH_DONE);         /* no auth request runs */
	drv_event(&d, PT_EV_AUTH_FAILED);
	drv_event(&d, PT_EV_BACKEND_CONNECTED);
	drv_event(&d, PT_EV_BACKEND_TLS_UP);
	drv_event(&d, PT_EV_BACKEND_EOF);
	drv_event(&d, PT_EV_CLIENT_HOST);
	drv_auth_line(&d, "Auth-Status: OK" CRLF);
	PT_CHECK_EQ(d.olen, 0);
	PT_CHECK_EQ(d.closes, 0);
	PT_CHECK_EQ(pt_session_error(d.s), 0);

	memset(&ev, 0, sizeof(ev));
	ev.type = (enum pt_ev_type)99;
	pt_session_event(d.s, &ev, d.now);
	drain(&d);
	PT_CHECK_EQ(d.closes, 1);
	PT_CHECK(pt_session_error(d.s) != 0);
	PT_CHECK(pt_session_error_name(pt_session_error(d.s)) != NULL);
	drv_event(&d, PT_EV_CLIENT_EOF);
	drv_event(&d, PT_EV_TIMER);
	PT_CHECK_EQ(d.actions_after_close, 0);
	drv_free(&d);

	/* a PROXY header announced where the config has no room for one */
	if (!PT_CHECK(drv_init(&d, &c) == 0))
		return;
	memset(&ev, 0, sizeof(ev));
	ev.type = PT_EV_START;
	ev.u.start.proxy_protocol = 1;
	pt_session_event(d.s, &ev, d.now);
	drain(&d);
	PT_CHECK_EQ(d.closes, 1);
	PT_CHECK_EQ(d.olen, 0);
	PT_CHECK(pt_session_error(d.s) != 0);
	drv_free(&d);
}

/* Auth-Server must be an IP literal, Auth-Port a number in 1..65535
 * (DESIGN §6); anything else is the auth server's internal error. */
PT_TEST(session_auth_server_forms)
{
	static const struct {
		const char *server, *port, *log;    /* log NULL: accepted */
	} v[] = {
		{ "10.0.0.1", "143", NULL },
		{ "::ffff:10.0.0.1", "143", NULL },
		{ "2001:db8::1", "65535", NULL },
		{ "10.0.0", "143", "sent invalid server address" },
		{ "10..0.1", "143", "sent invalid server address" },
		{ "10.0.0.256", "143", "sent invalid server address" },
		{ "10.0.0.1a", "143", "sent invalid server address" },
		{ "10.0.0.a", "143", "sent invalid server address" },
		{ "fe80", "143", "sent invalid server address" },
		{ ":1", "143", "sent invalid server address" },
		{ "1:2:3:4:5:6:7:8:9", "143", "sent invalid server address" },
		{ "0000000000000000000000000000000000000000000000000000000000000001", "143",
		  "sent invalid server address" },
		{ "10.0.0.1", "0", "sent invalid server port" },
		{ "10.0.0.1", "65536", "sent invalid server port" },
		{ "10.0.0.1", "14x", "sent invalid server port" },
		{ "10.0.0.1", "1234567890123456789", "sent invalid server port" },
	};
	struct pt_core_conf c = imap_conf();

	for (size_t i = 0; i < PT_COUNTOF(v); i++) {
		char server[128], port[64];
		const char *hdrs[] = { "Auth-Status: OK", server, port, NULL };
		struct drv d;
		int before = pt_test_failed_checks;

		if (!PT_CHECK(drv_imap_login(&d, &c) == 0))
			return;
		snprintf(server, sizeof(server), "Auth-Server: %s", v[i].server);
		snprintf(port, sizeof(port), "Auth-Port: %s", v[i].port);
		drv_auth_reply(&d, hdrs);
		if (v[i].log == NULL) {
			PT_CHECK_EQ(d.connects, 1);
			PT_CHECK_STR(d.addr, v[i].server);
			PT_CHECK_EQ(d.closes, 0);
		} else {
			PT_CHECK_EQ(d.connects, 0);
			PT_CHECK_EQ(d.closes, 1);
			PT_CHECK(strstr(d.out, CRLF "* BAD internal server error" CRLF) != NULL);
			PT_CHECK(strstr(d.logs, v[i].log) != NULL);
		}
		if (pt_test_failed_checks != before)
			printf("    with Auth-Server: %s, Auth-Port: %s\n%s", v[i].server, v[i].port,
			       d.logs);
		drv_free(&d);
	}
}

/* The rest of the auth reply's rules (nginx-mail.md §2). */
PT_TEST(session_auth_reply_rules)
{
	struct pt_core_conf c = imap_conf();
	struct drv d;

	/* no Auth-Status at all */
	if (!PT_CHECK(drv_imap_login(&d, &c) == 0))
		return;
	{
		static const char *const h[] = { "Auth-Server: 10.0.0.1", "Auth-Port: 143", NULL };
		drv_auth_reply(&d, h);
	}
	PT_CHECK(strstr(d.logs, "auth http server did not send auth status") != NULL);
	PT_CHECK_EQ(d.closes, 1);
	drv_free(&d);

	/* "Auth-Status: WAIT" without Auth-Wait: the same request again, now,
	 * marked as a repeat (the shell's login limits count it once); the
	 * client's next login is a new attempt again */
	if (!PT_CHECK(drv_imap_login(&d, &c) == 0))
		return;
	PT_CHECK_EQ(d.arepeat, 0);
	{
		static const char *const h[] = { "Auth-Status: WAIT", NULL };
		static const char *const no[] = { "Auth-Status: Invalid login", "Auth-Wait: 1",
		                                  NULL };
		drv_auth_reply(&d, h);
		PT_CHECK_EQ(d.areqs, 2);
		PT_CHECK_EQ(d.arepeat, 1);
		PT_CHECK_EQ(d.closes, 0);
		drv_auth_reply(&d, no);
		d.now += 1001;
		drv_event(&d, PT_EV_TIMER);
		drv_client(&d, "a2 LOGIN alice s3cr3t-pw" CRLF);
		PT_CHECK_EQ(d.areqs, 3);
		PT_CHECK_EQ(d.arepeat, 0);
	}
	drv_free(&d);

	/* an error with an Auth-Wait that is no number: no wait (nginx) */
	if (!PT_CHECK(drv_imap_login(&d, &c) == 0))
		return;
	{
		static const char *const h[] = { "Auth-Status: Invalid login", "Auth-Wait: soon",
		                                 NULL };
		drv_auth_reply(&d, h);
	}
	PT_CHECK(strstr(d.out, CRLF "a1 NO Invalid login" CRLF) != NULL);
	PT_CHECK_EQ(d.closes, 1);
	drv_free(&d);
}

/* SMTP with proxy_smtp_auth: CRAM-MD5 leaves postern no password to log
 * in to the backend with, so the auth server must send Auth-Pass. */
PT_TEST(session_smtp_needs_pass)
{
	static const struct pt_core_bytes caps[] = { { "SIZE 1000", 9 } };
	struct pt_core_conf c = imap_conf();
	struct drv d;

	c.proto = PT_CORE_SMTP;
	c.capabilities = caps;
	c.auth_methods = PT_CORE_AUTH_PLAIN | PT_CORE_AUTH_CRAM_MD5;
	c.proxy_smtp_auth = 1;
	if (!PT_CHECK(drv_init(&d, &c) == 0))
		return;
	drv_start(&d);
	drv_client(&d, "EHLO client.example" CRLF);
	drv_client(&d, "AUTH CRAM-MD5" CRLF);
	PT_CHECK(strstr(d.out, CRLF "334 ") != NULL);
	/* base64("alice 0123456789abcdef0123456789abcdef") */
	drv_client(&d, "YWxpY2UgMDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=" CRLF);
	PT_CHECK_EQ(d.areqs, 1);
	{
		static const char *const h[] = { "Auth-Status: OK", "Auth-Server: 10.0.0.1",
		                                 "Auth-Port: 25", NULL };
		drv_auth_reply(&d, h);
	}
	PT_CHECK_EQ(d.connects, 0);
	PT_CHECK(strstr(d.logs, "did not send password: no password available") != NULL);
	PT_CHECK(strstr(d.out, "451 4.3.2 Internal server error" CRLF) != NULL);
	drv_free(&d);
}

/* Each way a session ends has its class (pt_session_end), for the
 * metrics: QUIT/EOF closed, a timer timeout, a refusal auth_failed, a
 * limit limited, the rest error; a relayed session has none. */
enum end_how { END_LOGOUT, END_EOF, END_TIMER, END_LIMIT, END_REFUSED, END_AUTH_DOWN,
               END_RELAYED, END_HOWS };

/* Drives one way of ending; the class once the session closed, else -1. */
static int end_of(const struct pt_core_conf *c, enum end_how how)
{
	static const char *const refused[] = { "Auth-Status: Invalid login", "Auth-Wait: soon",
	                                       NULL };
	static const char *const ok[] = { "Auth-Status: OK", "Auth-Server: 127.0.0.2",
	                                  "Auth-Port: 10143", NULL };
	int login = how >= END_REFUSED, early, r;
	struct drv d;

	if ((login ? drv_imap_login(&d, c) : drv_init(&d, c)) != 0)
		return -1;
	if (!login)
		drv_start(&d);
	early = pt_session_end(d.s) != PT_END_NONE || d.closes != 0;
	switch (how) {
	case END_LOGOUT:    drv_client(&d, "a1 LOGOUT" CRLF); break;
	case END_EOF:       drv_event(&d, PT_EV_CLIENT_EOF); break;
	case END_TIMER:     d.now += c->timeout_ms + 1; drv_event(&d, PT_EV_TIMER); break;
	case END_LIMIT:     drv_event(&d, PT_EV_LIMIT_CONN); break;
	case END_REFUSED:   drv_auth_reply(&d, refused); break;
	case END_AUTH_DOWN: drv_event(&d, PT_EV_AUTH_FAILED); break;
	case END_RELAYED:
		drv_auth_reply(&d, ok);
		drv_event(&d, PT_EV_BACKEND_CONNECTED);
		drv_backend(&d, "* OK ready" CRLF "+ OK" CRLF "+ OK" CRLF "a1 OK Logged in" CRLF);
		if (pt_session_relaying(d.s))
			drv_event(&d, PT_EV_BACKEND_EOF);
		break;
	case END_HOWS:
		break;
	}
	r = !early && d.closes == 1 ? (int)pt_session_end(d.s) : -1;
	drv_free(&d);
	return r;
}

PT_TEST(session_end_class)
{
	static const enum pt_core_end want[END_HOWS] = {
		[END_LOGOUT] = PT_END_CLOSED,       [END_EOF] = PT_END_CLOSED,
		[END_TIMER] = PT_END_TIMEOUT,       [END_LIMIT] = PT_END_LIMITED,
		[END_REFUSED] = PT_END_AUTH_FAILED, [END_AUTH_DOWN] = PT_END_ERROR,
		[END_RELAYED] = PT_END_NONE,
	};
	struct pt_core_conf c = imap_conf();

	for (int how = 0; how < END_HOWS; how++)
		if (!PT_CHECK_EQ(end_of(&c, (enum end_how)how), want[how]))
			printf("    way of ending %d\n", how);
}

PT_TEST_MAIN(PT_TEST_ENTRY(session_init_refuses), PT_TEST_ENTRY(session_inspection),
             PT_TEST_ENTRY(session_ack_bounds), PT_TEST_ENTRY(session_events_out_of_place),
             PT_TEST_ENTRY(session_auth_server_forms), PT_TEST_ENTRY(session_auth_reply_rules),
             PT_TEST_ENTRY(session_smtp_needs_pass),
             PT_TEST_ENTRY(session_end_class))
