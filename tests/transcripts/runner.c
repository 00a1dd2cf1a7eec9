/*
 * runner.c - runs the transcripts (tests/transcripts, files *.t) against the
 * session core, with no
 * sockets.  One "PASS transcript:<name>" / "FAIL transcript:<name>" line
 * per file.
 *
 * A transcript is one step per line:
 *   @ directive;        config for the server{} of this transcript (before
 *                       the first step; default: protocol imap, listen on a
 *                       high port, server_name mail.example.test, auth_http)
 *   C: text             the client sends text + CRLF   (C:raw text: exactly)
 *   C:EOF               the client closes
 *   S: text             postern must send the client text + CRLF next
 *                       (S:raw text: exactly these bytes)
 *   A> Name: value      the next line of the auth request must be this
 *   A< Name: value      a line of the auth reply ("A<" alone: the empty line,
 *                       after which the transfer ends: PT_EV_AUTH_DONE)
 *   A: done | A: fail   the transfer ends (without its empty line: a reply
 *                       cut short) / the auth server fails
 *   A: none             no auth request has been made so far
 *   B> text             postern must send the backend text + CRLF next
 *   B< text             the backend sends text + CRLF  (B<raw: exactly)
 *   B: refused | B:EOF  the backend connection fails / closes
 *   B: TLS | B: TLS fail  the TLS handshake postern asked the backend for
 *                       (BACKEND_START_TLS) completes / fails; a "B<" while
 *                       it runs must find no room in the core (those bytes
 *                       are the TLS engine's: dropped, as the shell's
 *                       plaintext bytes are once BACKEND_START_TLS comes)
 *   R: name             the client's name, answering postern's RESOLVE (SMTP)
 *   T: +ms              time passes (a due deadline fires)
 *   TLS [proto [cipher]] [name=value ...]
 *                       the TLS handshake with the client completes (by
 *                       default TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256), and
 *                       the shell reports the client's certificate thus
 *                       (PT_EV_TLS_UP's fields; what is not named is
 *                       empty, so plain "TLS" reports cert=none and no text):
 *                         cert=none|ok|bad|untrusted   PT_CERT_*
 *                         code=N          verify_code (X509_V_ERR_*, for the log)
 *                         verify=V        "SUCCESS", "FAILED:<reason>", "NONE"
 *                         subject=V issuer=V   the DNs (RFC 2253)
 *                         serial=V fp=V   serial, SHA-1 fingerprint (hex)
 *                         pem=V           the certificate (PEM)
 *                       V is a word without blanks or quotes, or one or
 *                       more "quoted" parts, each optionally followed by *N
 *                       (that part N times), blanks allowed between parts:
 *                         pem="-----BEGIN CERTIFICATE-----\n" "QUFB\n"*400
 *                       Either form takes the escapes below (in quotes
 *                       also \"); a backslash before any other byte stays,
 *                       so a DN reads as the shell prints it:
 *                         subject="O=Example\, Inc.,CN=alice"
 *                       (*N keeps a long PEM on one line: lines are read
 *                       up to 8 KiB.)  A name=value before proto or cipher,
 *                       an unknown name or value, or a quote left open
 *                       fails the step.
 *   LIMIT: conn         the shell's limit_conn_per_* says no (PT_EV_LIMIT_CONN); as
 *                       the first step, between START and its actions, as
 *                       the shell sends it when it accepts
 *   LIMIT: conn at client-addr   (first step) the same, sent when the
 *                       CLIENT_ADDR action of a trusted PROXY header comes
 *   LIMIT: login        the shell's limit_login_per_* refuses the pending
 *                       auth request (PT_EV_LIMIT_LOGIN)
 *   CLOSED              postern has closed the connection
 *   RELAY [: text]      postern relays now, handing over these client bytes
 *   L: text             some log line so far contains text (a CLIENT_ADDR
 *                       action shows as the line "[client-addr] addr port")
 *   L! text             no log line, ever, contains text (checked at the end)
 *   # comment
 * Text takes the escapes \r \n \t \\ \xNN.  At the end every byte postern
 * sent must have been matched.  Fixed inputs: client 192.0.2.1, time
 * 1700000000, random 4242 (so the salt is <4242.1700000000@mail.example.test>).
 * "listen ... proxy_protocol" makes START announce a PROXY header, trusted
 * when a set_real_ip_from rule covers 192.0.2.1.
 * "@ proxy_ssl starttls;" (postern extension) makes the core use STARTTLS
 * toward the backend.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf/conf.h"
#include "core/core.h"
#include "shell/coreconf.h"

#define BIG 65536

struct rt {
	const char *name;
	int failed;
	int line;
	struct pt_conf *conf;
	struct pt_coreconf cc;
	void *mem;
	struct pt_session *s;
	uint64_t now, deadline;
	uint8_t crecv[BIG];
	size_t crecv_len, crecv_pos;
	uint8_t brecv[BIG];
	size_t brecv_len, brecv_pos;
	uint8_t cpend[BIG];             /* client bytes not yet taken by the core */
	size_t cpend_len;
	uint8_t bpend[BIG];
	size_t bpend_len;
	char areq[BIG];
	size_t areq_len, areq_pos;
	int areqs;                      /* AUTH_REQUEST actions so far */
	int connect_pending;
	int resolve_pending;
	int limit_at_addr;      /* "LIMIT: conn at client-addr" */
	int tls_pending;
	int btls_pending;               /* BACKEND_START_TLS seen, no "B: TLS" yet */
	int closed;
	int relayed;
	uint8_t relay[BIG];
	size_t relay_len;
	char logs[256][PT_LOG_LINE_MAX];
	int nlogs;
	char forbid[16][256];
	int nforbid;
};

static void fail(struct rt *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(struct rt *r, const char *fmt, ...)
{
	va_list ap;

	if (!r->failed)
		printf("FAIL transcript:%s\n", r->name);
	r->failed = 1;
	printf("  line %d: ", r->line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

static void show(const char *label, const uint8_t *p, size_t n)
{
	printf("    %s (%zu) \"", label, n);
	for (size_t i = 0; i < n && i < 300; i++) {
		if (p[i] == '\r')
			printf("\\r");
		else if (p[i] == '\n')
			printf("\\n");
		else if (p[i] < 0x20 || p[i] >= 0x7f)
			printf("\\x%02x", p[i]);
		else
			putchar(p[i]);
	}
	printf("\"\n");
}

/* \r \n \t \\ \xNN */
static size_t unescape(const char *in, uint8_t *out, size_t cap)
{
	size_t n = 0;

	for (const char *p = in; *p && n < cap; p++) {
		if (*p != '\\' || p[1] == '\0') {
			out[n++] = (uint8_t)*p;
			continue;
		}
		p++;
		switch (*p) {
		case 'r': out[n++] = '\r'; break;
		case 'n': out[n++] = '\n'; break;
		case 't': out[n++] = '\t'; break;
		case 'x': {
			char h[3] = { p[1], p[1] ? p[2] : 0, 0 };
			out[n++] = (uint8_t)strtoul(h, NULL, 16);
			p += 2;
			break;
		}
		default: out[n++] = (uint8_t)*p; break;
		}
	}
	return n;
}

/* ---- driving the core -------------------------------------------------------------- */

static void drain(struct rt *r);

static void deliver(struct rt *r)
{
	size_t room;
	uint8_t *p;

	while (r->cpend_len && !r->closed && (p = pt_session_client_recv_buf(r->s, &room)) && room) {
		size_t n = r->cpend_len < room ? r->cpend_len : room;
		memcpy(p, r->cpend, n);
		memmove(r->cpend, r->cpend + n, r->cpend_len - n);
		r->cpend_len -= n;
		pt_session_client_recv_ack(r->s, n, r->now);
		drain(r);
	}
	while (r->bpend_len && !r->closed && (p = pt_session_backend_recv_buf(r->s, &room)) && room) {
		size_t n = r->bpend_len < room ? r->bpend_len : room;
		memcpy(p, r->bpend, n);
		memmove(r->bpend, r->bpend + n, r->bpend_len - n);
		r->bpend_len -= n;
		pt_session_backend_recv_ack(r->s, n, r->now);
		drain(r);
	}
}

static void drain(struct rt *r)
{
	struct pt_action a;

	while (pt_session_next_action(r->s, &a) != PT_ACT_NONE) {
		const uint8_t *p;
		size_t n;

		switch (a.type) {
		case PT_ACT_SEND_CLIENT:
			while ((p = pt_session_client_send_buf(r->s, &n)) && n) {
				if (n > BIG - r->crecv_len)
					n = BIG - r->crecv_len;
				memcpy(r->crecv + r->crecv_len, p, n);
				r->crecv_len += n;
				pt_session_client_send_ack(r->s, n);
			}
			break;
		case PT_ACT_SEND_BACKEND:
			while ((p = pt_session_backend_send_buf(r->s, &n)) && n) {
				if (n > BIG - r->brecv_len)
					n = BIG - r->brecv_len;
				memcpy(r->brecv + r->brecv_len, p, n);
				r->brecv_len += n;
				pt_session_backend_send_ack(r->s, n);
			}
			break;
		case PT_ACT_START_TLS:
			r->tls_pending = 1;
			r->cpend_len = 0;   /* the shell drops plaintext bytes too */
			break;
		case PT_ACT_BACKEND_START_TLS:
			r->btls_pending = 1;
			r->bpend_len = 0;   /* what the shell has not handed over is TLS's */
			if (pt_session_backend_recv_buf(r->s, &n) != NULL || n != 0)
				fail(r, "BACKEND_START_TLS, but the core still takes backend bytes");
			break;
		case PT_ACT_AUTH_REQUEST:
			n = a.len < BIG - 1 ? a.len : BIG - 1;
			memcpy(r->areq, a.data, n);
			r->areq[n] = '\0';
			r->areq_len = n;
			r->areq_pos = 0;
			r->areqs++;
			break;
		case PT_ACT_CONNECT_BACKEND:
			r->connect_pending = 1;
			break;
		case PT_ACT_RESOLVE:
			r->resolve_pending = 1;
			break;
		case PT_ACT_RELAY:
			r->relayed = 1;
			r->relay_len = a.len < BIG ? a.len : BIG;
			memcpy(r->relay, a.data, r->relay_len);
			break;
		case PT_ACT_SET_DEADLINE:
			r->deadline = a.deadline_ms;
			break;
		case PT_ACT_LOG:
			if (r->nlogs < 256) {
				snprintf(r->logs[r->nlogs], PT_LOG_LINE_MAX, "[%s] %.*s",
				         pt_log_level_name(a.level), (int)a.len, (const char *)a.data);
				r->nlogs++;
			}
			break;
		case PT_ACT_CLIENT_ADDR:
			/* checked as a log line: "L: client-addr] 203.0.113.7 5555" */
			if (r->nlogs < 256) {
				snprintf(r->logs[r->nlogs], PT_LOG_LINE_MAX, "[client-addr] %s %u", a.addr,
				         (unsigned)a.port);
				r->nlogs++;
			}
			if (r->limit_at_addr) {
				struct pt_event ev;
				memset(&ev, 0, sizeof(ev));
				ev.type = PT_EV_LIMIT_CONN;
				pt_session_event(r->s, &ev, r->now);
			}
			break;
		case PT_ACT_CLOSE:
			r->closed = 1;
			break;
		default:
			fail(r, "unknown action %d", (int)a.type);
			break;
		}
	}
}

static void event(struct rt *r, enum pt_ev_type type)
{
	struct pt_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = type;
	pt_session_event(r->s, &ev, r->now);
	drain(r);
	deliver(r);
}

/* ---- config -------------------------------------------------------------------------- */

struct memio {
	const char *text;
};

static int mem_read(void *ctx, const char *path, const char **data, size_t *len)
{
	struct memio *m = ctx;
	(void)path;
	*data = m->text;
	*len = strlen(m->text);
	return 0;
}

static int mem_glob(void *ctx, const char *p, int (*add)(void *, const char *), void *a)
{
	(void)ctx; (void)p; (void)add; (void)a;
	return 0;
}

static void mem_msg(void *ctx, enum pt_log_level lvl, const char *text)
{
	(void)ctx;
	if (lvl <= PT_LOG_WARN)
		printf("  config: [%s] %s\n", pt_log_level_name(lvl), text);
}

static int setup(struct rt *r, const char *directives, const char *first)
{
	static char text[BIG];
	struct memio m = { text };
	struct pt_conf_io io;
	int tls = 0, proxy = 0, trusted = 0;

	snprintf(text, sizeof(text),
	         "mail {\n server_name mail.example.test;\n auth_http 127.0.0.1:9000/auth;\n"
	         " server {\n%s%s%s }\n}\n",
	         strstr(directives, "listen") ? "" : "  listen 127.0.0.1:11143;\n",
	         strstr(directives, "protocol") ? "" : "  protocol imap;\n", directives);
	memset(&io, 0, sizeof(io));
	io.ctx = &m;
	io.read_file = mem_read;
	io.glob = mem_glob;
	io.msg = mem_msg;
	io.prefix = "/p/";
	io.conf_prefix = "/p/";
	io.hostname = "host.example";
	r->conf = pt_conf_load(&io, "/p/transcript.conf");
	if (r->conf == NULL || r->conf->n_servers != 1) {
		fail(r, "config does not load");
		return -1;
	}
	if (pt_coreconf_build(&r->cc, &r->conf->servers[0]))
		return -1;
	size_t need = pt_session_mem_size(&r->cc.core);
	r->mem = malloc(need);
	r->s = r->mem ? pt_session_init(r->mem, need, &r->cc.core) : NULL;
	if (r->s == NULL) {
		fail(r, "session init failed");
		return -1;
	}
	pt_session_trace(r->s, 1);
	for (size_t i = 0; i < r->conf->n_listens; i++) {
		tls |= r->conf->listens[i].ssl;
		proxy |= r->conf->listens[i].proxy_protocol;
	}
	/* set_real_ip_from trusts the fixed client 192.0.2.1 (IPv4 rules only) */
	for (size_t i = 0; i < r->conf->servers[0].set_real_ip_from.n; i++) {
		const struct pt_cidr *c = &r->conf->servers[0].set_real_ip_from.v[i];
		static const uint8_t me[4] = { 192, 0, 2, 1 };
		int k = 0;
		while (c->family == 4 && k < 4 && (me[k] & c->mask[k]) == c->ip[k])
			k++;
		trusted |= k == 4;
	}

	struct pt_event ev;
	memset(&ev, 0, sizeof(ev));
	ev.type = PT_EV_START;
	ev.u.start.client_ip.p = "192.0.2.1";
	ev.u.start.client_ip.len = 9;
	ev.u.start.unix_time = 1700000000;
	ev.u.start.random = 4242;
	ev.u.start.tls = tls;
	ev.u.start.proxy_protocol = proxy;
	ev.u.start.proxy_trusted = trusted;
	ev.u.start.client_port = 50123;         /* the fixed client's port */
	ev.u.start.server_addr.p = "127.0.0.1";
	ev.u.start.server_addr.len = 9;
	ev.u.start.server_port = 11143;
	pt_session_event(r->s, &ev, r->now);
	r->limit_at_addr = strcmp(first, "LIMIT: conn at client-addr") == 0;
	if (strcmp(first, "LIMIT: conn") == 0) {
		memset(&ev, 0, sizeof(ev));
		ev.type = PT_EV_LIMIT_CONN;
		pt_session_event(r->s, &ev, r->now);
	}
	drain(r);
	return 0;
}

/* ---- the TLS step's certificate ------------------------------------------------------- */

/* One value of "TLS ... name=value": a word (up to a blank), or "quoted"
 * parts, each perhaps *N, blanks allowed between them.  The escapes of
 * unescape(), and \" in quotes; any other backslash stays as it is.
 * Returns the end of the value, or NULL on a syntax error or overflow. */
static const char *tls_value(const char *p, uint8_t *out, size_t cap, size_t *len)
{
	size_t n = 0;
	int quoted = *p == '"';

	do {
		size_t start = n;
		unsigned long times = 1;

		if (quoted)
			p++;
		while (*p && (quoted ? *p != '"' : *p != ' ' && *p != '\t')) {
			uint8_t c = (uint8_t)*p++;

			if (c == '\\' && *p) {
				switch (*p) {
				case 'r': c = '\r'; p++; break;
				case 'n': c = '\n'; p++; break;
				case 't': c = '\t'; p++; break;
				case '\\': c = '\\'; p++; break;
				case '"': c = '"'; p++; break;
				case 'x': {
					char h[3] = { p[1], p[1] ? p[2] : 0, 0 };
					if (!isxdigit((unsigned char)h[0]) || !isxdigit((unsigned char)h[1]))
						return NULL;
					c = (uint8_t)strtoul(h, NULL, 16);
					p += 3;
					break;
				}
				default: break;         /* "\," of a DN: both bytes */
				}
			}
			if (n == cap)
				return NULL;
			out[n++] = c;
		}
		if (!quoted)
			break;
		if (*p++ != '"')
			return NULL;            /* a quote left open */
		if (*p == '*') {
			char *e;
			if (!isdigit((unsigned char)p[1]))
				return NULL;
			times = strtoul(p + 1, &e, 10);
			if (times == 0 || times > cap)
				return NULL;
			p = e;
		}
		for (size_t part = n - start; part && times > 1; times--) {
			if (part > cap - n)
				return NULL;
			memcpy(out + n, out + start, part);
			n += part;
		}
		const char *q = p + strspn(p, " \t");
		if (*q == '"')
			p = q;                  /* the next part */
	} while (quoted && *p == '"');
	if (*p && *p != ' ' && *p != '\t')
		return NULL;                    /* "a"b */
	*len = n;
	return p;
}

/* "TLS [proto [cipher]] [name=value ...]": the PT_EV_TLS_UP event. */
static int tls_event(struct rt *r, const char *p, struct pt_event *ev)
{
	static char proto[64], cipher[128];
	static uint8_t val[6][BIG];
	static const char *const names[6] = { "verify", "subject", "issuer", "serial", "fp", "pem" };
	struct pt_core_bytes *field[6] = {
		&ev->u.tls.verify, &ev->u.tls.subject, &ev->u.tls.issuer,
		&ev->u.tls.serial, &ev->u.tls.fingerprint, &ev->u.tls.pem,
	};
	int positional = 0, named = 0;

	memset(ev, 0, sizeof(*ev));
	ev->type = PT_EV_TLS_UP;
	ev->u.tls.cert = PT_CERT_NONE;
	snprintf(proto, sizeof(proto), "TLSv1.2");
	snprintf(cipher, sizeof(cipher), "ECDHE-RSA-AES128-GCM-SHA256");
	for (;;) {
		size_t k, n;

		p += strspn(p, " \t");
		if (*p == '\0')
			break;
		k = strcspn(p, " \t=");
		if (p[k] != '=') {
			/* proto, then cipher: the old form, words only */
			if (named || positional == 2 || k >= (positional ? sizeof(cipher) : sizeof(proto))) {
				fail(r, "bad TLS step at \"%s\"", p);
				return -1;
			}
			snprintf(positional ? cipher : proto, positional ? sizeof(cipher) : sizeof(proto),
			         "%.*s", (int)k, p);
			positional++;
			p += k;
			continue;
		}
		named = 1;
		if (k == 4 && strncmp(p, "cert", 4) == 0) {
			static const char *const res[] = { "none", "ok", "bad", "untrusted" };
			size_t w = strcspn(p + 5, " \t");
			int i = 0;
			while (i < 4 && !(strlen(res[i]) == w && strncmp(p + 5, res[i], w) == 0))
				i++;
			if (i == 4) {
				fail(r, "TLS: cert= takes none, ok, bad or untrusted");
				return -1;
			}
			ev->u.tls.cert = (enum pt_cert_result)i;    /* PT_CERT_NONE .. _UNTRUSTED */
			p += 5 + w;
			continue;
		}
		if (k == 4 && strncmp(p, "code", 4) == 0) {
			char *e;
			long c = strtol(p + 5, &e, 10);
			if (e == p + 5 || (*e && *e != ' ' && *e != '\t')) {
				fail(r, "TLS: code= takes a number");
				return -1;
			}
			ev->u.tls.verify_code = (int)c;
			p = e;
			continue;
		}
		int i = 0;
		while (i < 6 && !(strlen(names[i]) == k && strncmp(p, names[i], k) == 0))
			i++;
		if (i == 6) {
			fail(r, "TLS: unknown name \"%.*s\"", (int)k, p);
			return -1;
		}
		p = tls_value(p + k + 1, val[i], sizeof(val[i]), &n);
		if (p == NULL) {
			fail(r, "TLS: bad value for %s=", names[i]);
			return -1;
		}
		field[i]->p = (const char *)val[i];
		field[i]->len = n;
	}
	ev->u.tls.protocol.p = proto;
	ev->u.tls.protocol.len = strlen(proto);
	ev->u.tls.cipher.p = cipher;
	ev->u.tls.cipher.len = strlen(cipher);
	return 0;
}

/* ---- steps ---------------------------------------------------------------------------- */

static void expect_bytes(struct rt *r, const char *who, const uint8_t *buf, size_t len,
                         size_t *pos, const uint8_t *want, size_t wlen)
{
	size_t have = len - *pos;

	if (have < wlen || memcmp(buf + *pos, want, wlen) != 0) {
		fail(r, "%s: not what postern sent", who);
		show("want", want, wlen);
		show("got ", buf + *pos, have);
		*pos = len;
		return;
	}
	*pos += wlen;
}

static void step(struct rt *r, char *ln)
{
	static uint8_t tmp[BIG];
	size_t n;

	/* An open backend connection attempt is answered by the next step. */
	if (r->connect_pending) {
		r->connect_pending = 0;
		if (strcmp(ln, "B: refused") == 0) {
			event(r, PT_EV_BACKEND_FAILED);
			return;
		}
		event(r, PT_EV_BACKEND_CONNECTED);
	}

	if (strncmp(ln, "C:raw ", 6) == 0 || strncmp(ln, "C: ", 3) == 0 || strcmp(ln, "C:") == 0) {
		int raw = ln[2] == 'r';
		const char *t = raw ? ln + 6 : (ln[2] ? ln + 3 : "");
		n = unescape(t, tmp, sizeof(tmp) - 2);
		if (!raw) {
			tmp[n++] = '\r';
			tmp[n++] = '\n';
		}
		if (n > BIG - r->cpend_len) {
			fail(r, "client input too large for the runner");
			return;
		}
		memcpy(r->cpend + r->cpend_len, tmp, n);
		r->cpend_len += n;
		deliver(r);
	} else if (strcmp(ln, "C:EOF") == 0) {
		event(r, PT_EV_CLIENT_EOF);
	} else if (strncmp(ln, "S:raw ", 6) == 0 || strncmp(ln, "S: ", 3) == 0 || strcmp(ln, "S:") == 0) {
		int raw = ln[2] == 'r';
		n = unescape(raw ? ln + 6 : (ln[2] ? ln + 3 : ""), tmp, sizeof(tmp) - 2);
		if (!raw) {
			tmp[n++] = '\r';
			tmp[n++] = '\n';
		}
		expect_bytes(r, "S", r->crecv, r->crecv_len, &r->crecv_pos, tmp, n);
	} else if (strncmp(ln, "A> ", 3) == 0) {
		n = unescape(ln + 3, tmp, sizeof(tmp) - 2);
		tmp[n++] = '\r';
		tmp[n++] = '\n';
		expect_bytes(r, "A>", (const uint8_t *)r->areq, r->areq_len, &r->areq_pos, tmp, n);
	} else if (strncmp(ln, "A<", 2) == 0) {
		struct pt_event ev;
		const char *t = ln[2] == ' ' ? ln + 3 : ln + 2;
		n = unescape(t, tmp, sizeof(tmp) - 2);
		tmp[n++] = '\r';
		tmp[n++] = '\n';
		memset(&ev, 0, sizeof(ev));
		ev.type = PT_EV_AUTH_LINE;
		ev.u.line.p = (const char *)tmp;
		ev.u.line.len = n;
		pt_session_event(r->s, &ev, r->now);
		drain(r);
		deliver(r);
		/* After the empty line the auth server closes, as nginx's does. */
		if (*t == '\0')
			event(r, PT_EV_AUTH_DONE);
	} else if (strcmp(ln, "A: done") == 0) {
		event(r, PT_EV_AUTH_DONE);
	} else if (strcmp(ln, "A: fail") == 0) {
		event(r, PT_EV_AUTH_FAILED);
	} else if (strcmp(ln, "A: none") == 0) {
		if (r->areqs)
			fail(r, "postern has made %d auth request(s)", r->areqs);
	} else if (strncmp(ln, "B> ", 3) == 0 || strcmp(ln, "B>") == 0) {
		n = unescape(ln[2] ? ln + 3 : "", tmp, sizeof(tmp) - 2);
		tmp[n++] = '\r';
		tmp[n++] = '\n';
		expect_bytes(r, "B>", r->brecv, r->brecv_len, &r->brecv_pos, tmp, n);
	} else if (strncmp(ln, "B<raw ", 6) == 0 || strncmp(ln, "B< ", 3) == 0) {
		int raw = ln[2] == 'r';
		n = unescape(raw ? ln + 6 : ln + 3, tmp, sizeof(tmp) - 2);
		if (!raw) {
			tmp[n++] = '\r';
			tmp[n++] = '\n';
		}
		if (r->btls_pending) {
			size_t room;
			if (pt_session_backend_recv_buf(r->s, &room) != NULL || room != 0)
				fail(r, "the core takes backend bytes during the TLS handshake");
			return;
		}
		memcpy(r->bpend + r->bpend_len, tmp, n < BIG - r->bpend_len ? n : BIG - r->bpend_len);
		r->bpend_len += n < BIG - r->bpend_len ? n : BIG - r->bpend_len;
		deliver(r);
	} else if (strcmp(ln, "B:EOF") == 0) {
		event(r, PT_EV_BACKEND_EOF);
	} else if (strcmp(ln, "B: TLS") == 0 || strcmp(ln, "B: TLS fail") == 0) {
		if (!r->btls_pending)
			fail(r, "%s, but postern did not start TLS with the backend", ln);
		r->btls_pending = 0;
		event(r, ln[6] ? PT_EV_BACKEND_FAILED : PT_EV_BACKEND_TLS_UP);
	} else if (strcmp(ln, "B: refused") == 0) {
		fail(r, "B: refused, but postern is not connecting");
	} else if (strncmp(ln, "R: ", 3) == 0) {
		struct pt_event ev;
		if (!r->resolve_pending)
			fail(r, "R:, but postern asked for no name");
		r->resolve_pending = 0;
		n = unescape(ln + 3, tmp, sizeof(tmp));
		memset(&ev, 0, sizeof(ev));
		ev.type = PT_EV_CLIENT_HOST;
		ev.u.line.p = (const char *)tmp;
		ev.u.line.len = n;
		pt_session_event(r->s, &ev, r->now);
		drain(r);
		deliver(r);
	} else if (strncmp(ln, "T: +", 4) == 0) {
		r->now += strtoull(ln + 4, NULL, 10);
		if (r->deadline && r->now >= r->deadline)
			event(r, PT_EV_TIMER);
	} else if (strcmp(ln, "TLS") == 0 || strncmp(ln, "TLS ", 4) == 0) {
		struct pt_event ev;
		if (!r->tls_pending && strcmp(pt_session_state_name(r->s), "tls-handshake") != 0)
			fail(r, "TLS, but postern did not start TLS");
		r->tls_pending = 0;
		if (tls_event(r, ln + 3, &ev))
			return;
		pt_session_event(r->s, &ev, r->now);
		drain(r);
		deliver(r);
	} else if (strcmp(ln, "LIMIT: conn") == 0) {
		event(r, PT_EV_LIMIT_CONN);
	} else if (strcmp(ln, "LIMIT: login") == 0) {
		if (r->areqs == 0)
			fail(r, "LIMIT: login, but postern made no auth request");
		event(r, PT_EV_LIMIT_LOGIN);
	} else if (strcmp(ln, "CLOSED") == 0) {
		if (!r->closed)
			fail(r, "postern has not closed (state %s)", pt_session_state_name(r->s));
	} else if (strncmp(ln, "RELAY", 5) == 0) {
		if (!r->relayed) {
			fail(r, "postern is not relaying (state %s)", pt_session_state_name(r->s));
		} else if (ln[5] == ':') {
			n = unescape(ln[6] == ' ' ? ln + 7 : ln + 6, tmp, sizeof(tmp));
			if (n != r->relay_len || memcmp(tmp, r->relay, n) != 0) {
				fail(r, "relayed client bytes differ");
				show("want", tmp, n);
				show("got ", r->relay, r->relay_len);
			}
		}
	} else if (strncmp(ln, "L: ", 3) == 0) {
		int found = 0;
		for (int i = 0; i < r->nlogs; i++)
			found |= strstr(r->logs[i], ln + 3) != NULL;
		if (!found) {
			fail(r, "no log line contains \"%s\"", ln + 3);
			for (int i = 0; i < r->nlogs; i++)
				printf("    log: %s\n", r->logs[i]);
		}
	} else if (strncmp(ln, "L! ", 3) == 0) {
		if (r->nforbid < 16)
			snprintf(r->forbid[r->nforbid++], 256, "%.200s", ln + 3);
	} else {
		fail(r, "unknown step \"%s\"", ln);
	}
}

static int run_file(const char *path)
{
	static struct rt r;
	static char directives[BIG];
	char line[8192];
	FILE *f = fopen(path, "r");
	const char *base = strrchr(path, '/');
	int started = 0;

	memset(&r, 0, sizeof(r));
	r.name = base ? base + 1 : path;
	directives[0] = '\0';
	if (f == NULL) {
		fail(&r, "cannot open");
		return 1;
	}
	while (fgets(line, sizeof(line), f)) {
		size_t n = strlen(line);
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		r.line++;
		if (n == 0 || line[0] == '#')
			continue;
		if (line[0] == '@') {
			if (started) {
				fail(&r, "config after the first step");
				continue;
			}
			strncat(directives, "  ", sizeof(directives) - strlen(directives) - 1);
			strncat(directives, line + 1, sizeof(directives) - strlen(directives) - 1);
			strncat(directives, "\n", sizeof(directives) - strlen(directives) - 1);
			continue;
		}
		if (!started) {
			started = 1;
			if (setup(&r, directives, line))
				break;
			if (strncmp(line, "LIMIT: conn", 11) == 0)
				continue;       /* setup sent it */
		}
		step(&r, line);
	}
	fclose(f);
	if (!started && !r.failed)
		fail(&r, "no steps");
	if (r.s) {
		r.line++;
		if (r.crecv_pos != r.crecv_len) {
			fail(&r, "postern sent the client more than the transcript says");
			show("extra", r.crecv + r.crecv_pos, r.crecv_len - r.crecv_pos);
		}
		if (r.brecv_pos != r.brecv_len) {
			fail(&r, "postern sent the backend more than the transcript says");
			show("extra", r.brecv + r.brecv_pos, r.brecv_len - r.brecv_pos);
		}
		for (int k = 0; k < r.nforbid; k++)
			for (int i = 0; i < r.nlogs; i++)
				if (strstr(r.logs[i], r.forbid[k]))
					fail(&r, "log line holds \"%s\": %s", r.forbid[k], r.logs[i]);
	}
	if (!r.failed)
		printf("PASS transcript:%s\n", r.name);
	free(r.mem);
	if (r.conf) {
		pt_coreconf_free(&r.cc);
		pt_conf_free(r.conf);
	}
	return r.failed;
}

int main(int argc, char **argv)
{
	int failed = 0;

	for (int i = 1; i < argc; i++)
		failed |= run_file(argv[i]);
	return failed ? 1 : 0;
}
