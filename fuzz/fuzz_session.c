/*
 * Target: src/core - whole sessions, driven by a script of events.
 *
 * Input: byte 0 picks the protocol and a config variant; then operations,
 * each an opcode byte and its operands:
 *   0 n bytes..   client sends n bytes           1 n bytes..  auth reply line
 *   2             auth reply ends                3            auth server fails
 *   4 n bytes..   backend sends n bytes          5            backend connected
 *   6             backend refused                7            backend EOF
 *   8 t           time passes t*64 ms            9 cert..     TLS up (below)
 *   10            client EOF                     11 n         drain only n bytes
 *                                                             of client output
 *   12 n bytes..  the client's name (SMTP resolver answer)
 *   13            the backend's TLS handshake is done (BACKEND_TLS_UP)
 *   14            a limit refuses the connection (LIMIT_CONN)
 *   15            a limit refuses the login (LIMIT_LOGIN)
 * (opcodes are taken modulo 16).  TLS up carries what the shell found of
 * the client's certificate:
 *   9 r c  n verify..  j n subject..  n issuer..  n serial..  n fingerprint..
 *          k n pem..
 * r % 4 is PT_CERT_NONE/OK/BAD/UNTRUSTED, c the verify code; the subject
 * is its n bytes j+1 times and the PEM its n bytes k+1 times (up to 64 KiB:
 * past the core's bounds for them).  Bytes missing at the end of the input
 * count as 0.  ci/transcript2seed.py turns the transcripts into seeds of
 * this form.
 *
 * Checked after every step:
 *   - no RELAY without an earlier CONNECT_BACKEND, none without an
 *     AUTH_REQUEST, and no CONNECT_BACKEND before an auth reply said OK;
 *   - nothing is written past the session's memory (a canary after it);
 *   - the state is one of the table's; after CLOSE no action but NONE;
 *   - while TLS is being set up no plaintext client byte is taken;
 *   - with STARTTLS toward the backend (proxy_ssl starttls): BACKEND_START_TLS
 *     only then, after CONNECT_BACKEND, once; no backend byte is taken from
 *     it until BACKEND_TLS_UP; before that nothing but the STARTTLS
 *     preamble goes to the backend (IMAP "<tag> STARTTLS", POP3 "STLS",
 *     ManageSieve "STARTTLS",
 *     SMTP "EHLO <server_name>" and "STARTTLS": no credential, no
 *     XCLIENT), and no RELAY; right after BACKEND_TLS_UP, one command at
 *     most goes out before the backend says anything more (a backend byte
 *     from before the handshake, acted on inside TLS, would send more);
 *   - a LOG action is short and one line (no CR, no LF), and never holds
 *     the password of the script's LOGIN commands when that password is
 *     marked (the "zz9" marker);
 *   - client certificates (ssl_verify_client): a TLS_UP the core takes ends
 *     the session at once exactly when nginx's ngx_mail_verify_cert would
 *     (BAD; UNTRUSTED unless optional_no_ca; NONE under "on") or when the
 *     text fields or the escaped PEM exceed their bounds, and then no
 *     AUTH_REQUEST ever follows; otherwise the session goes on;
 *   - every AUTH_REQUEST is "Name: value" lines, names [A-Za-z0-9-]+,
 *     values without CR or LF; after TLS its Auth-SSL lines are exactly
 *     Auth-SSL, -Protocol, -Cipher, then the certificate's (control bytes
 *     as '?', the PEM %-escaped, empty ones left out) - none of those with
 *     ssl_verify_client off, no Auth-SSL-Cert without
 *     auth_http_pass_client_cert - and no Auth-SSL line at all without TLS.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf/conf.h"
#include "core/core.h"
#include "shell/coreconf.h"

#define CANARY 0xA5

struct fz {
	struct pt_session *s;
	uint8_t *mem;
	size_t memlen;
	uint64_t now;
	uint64_t deadline;
	int limited;            /* a LIMIT_CONN was fed (op 14) */
	int auth_requested, auth_ok_fed, connect_seen, closed, tls_pending;
	int marker_in_reply;            /* the auth server echoed the marker */
	int resolve_pending;
	int client_addr_seen;
	size_t drain_limit;
	const struct pt_core_conf *conf;
	int btls_pending, btls_done;    /* BACKEND_START_TLS seen / BACKEND_TLS_UP fed */
	int btls_fresh;                 /* TLS_UP fed, no backend byte since */
	size_t btls_lines;              /* lines sent to the backend since TLS_UP */
	int marker_in_cert;             /* a certificate field holds the marker */
	int tls_up;                     /* the core took a TLS_UP and went on */
	int cert_refused;               /* ... and ended the session for its certificate */
	char *tls_block;                /* the Auth-SSL lines the auth request must hold */
	size_t tls_block_len;
};

/* What the core keeps of the certificate (src/core/clientcert.c,
 * PT_CERTINFO_MAX for the text fields, PT_CERTPEM_MAX for the escaped
 * PEM): beyond it the certificate counts as failed. */
#define CERT_INFO_MAX 8192
#define CERT_PEM_MAX 24576
#define REPEAT_BUF (255 * 256)

/* Byte 0 picks one: the protocol and a config that reaches other paths.
 * ci/transcript2seed.py knows this table. */
static const char *const variants[] = {
	"protocol imap;",
	"protocol imap; starttls on; ssl_certificate c; ssl_certificate_key k;",
	"protocol imap; starttls only; ssl_certificate c; ssl_certificate_key k;",
	"protocol imap; imap_auth plain login cram-md5 external; max_errors 3;",
	"protocol imap; imap_client_buffer 64; proxy_buffer 64;",
	"protocol imap; listen 127.0.0.1:11993 ssl; ssl_certificate c; ssl_certificate_key k;",
	"protocol imap; proxy_pass_error_message on; auth_http_header X-Key secret; "
	"imap_capabilities A B;",
	"protocol imap; timeout 1s; auth_http_timeout 1s; imap_auth cram-md5;",
	"protocol pop3;",
	"protocol pop3; pop3_auth plain apop cram-md5 external; starttls on; "
	"ssl_certificate c; ssl_certificate_key k;",
	"protocol pop3; starttls only; ssl_certificate c; ssl_certificate_key k; "
	"proxy_pass_error_message on;",
	"protocol pop3; proxy_buffer 64; max_errors 2; timeout 1s; auth_http_timeout 1s;",
	"protocol smtp;",
	"protocol smtp; smtp_auth plain login cram-md5 none; xclient off; smtp_greeting_delay 1s;",
	"protocol smtp; proxy_smtp_auth on; starttls on; ssl_certificate c; ssl_certificate_key k; "
	"resolver 127.0.0.1; smtp_capabilities SIZE PIPELINING;",
	"protocol smtp; smtp_auth none; proxy_pass_error_message on; smtp_client_buffer 64; "
	"max_errors 3;",
	/* a PROXY header first: trusted (the source becomes the client), and not */
	"protocol imap; listen 127.0.0.1:11143 proxy_protocol; set_real_ip_from 192.0.2.0/24;",
	"protocol smtp; listen 127.0.0.1:11025 proxy_protocol; smtp_client_buffer 64; "
	"resolver 127.0.0.1;",
	"protocol pop3; listen 127.0.0.1:11995 ssl proxy_protocol; set_real_ip_from 192.0.2.1; "
	"ssl_certificate c; ssl_certificate_key k;",
	/* STARTTLS toward the backend */
	"protocol imap; proxy_ssl starttls;",
	"protocol pop3; proxy_ssl starttls; proxy_pass_error_message on;",
	"protocol smtp; proxy_ssl starttls; proxy_smtp_auth on; xclient off;",
	"protocol smtp; proxy_ssl starttls;",
	/* client certificates (ssl_verify_client, auth_http_pass_client_cert) */
	"protocol imap; listen 127.0.0.1:11993 ssl; ssl_certificate c; ssl_certificate_key k; "
	"ssl_verify_client on; ssl_client_certificate ca; auth_http_pass_client_cert on; "
	"imap_auth plain login external; auth_http_header X-Key k;",
	"protocol imap; listen 127.0.0.1:11993 ssl; ssl_certificate c; ssl_certificate_key k; "
	"ssl_verify_client optional; ssl_client_certificate ca; auth_http_header X-Key k;",
	"protocol imap; listen 127.0.0.1:11993 ssl; ssl_certificate c; ssl_certificate_key k; "
	"ssl_verify_client optional_no_ca; auth_http_pass_client_cert on;",
	"protocol imap; starttls on; ssl_certificate c; ssl_certificate_key k; "
	"ssl_verify_client optional; ssl_client_certificate ca; auth_http_pass_client_cert on;",
	"protocol pop3; starttls on; ssl_certificate c; ssl_certificate_key k; "
	"ssl_verify_client on; ssl_client_certificate ca; auth_http_pass_client_cert on; "
	"pop3_auth plain apop external;",
	"protocol pop3; listen 127.0.0.1:11995 ssl; ssl_certificate c; ssl_certificate_key k; "
	"ssl_verify_client on; ssl_client_certificate ca;",
	"protocol smtp; starttls on; ssl_certificate c; ssl_certificate_key k; "
	"ssl_verify_client on; ssl_client_certificate ca; auth_http_pass_client_cert on; "
	"smtp_auth plain login external;",
	"protocol smtp; listen 127.0.0.1:11465 ssl; ssl_certificate c; ssl_certificate_key k; "
	"ssl_verify_client optional_no_ca; auth_http_pass_client_cert on; smtp_auth none;",
	/* XOAUTH2 and OAUTHBEARER (Auth-Error-SASL); IMAP ID toward the backend */
	"protocol imap; imap_auth plain xoauth2 oauthbearer; proxy_imap_id on;",
	"protocol pop3; pop3_auth plain xoauth2 oauthbearer; pop3_client_buffer 1k;",
	"protocol smtp; smtp_auth plain login xoauth2 oauthbearer;",
	/* ManageSieve (postern extension) */
	"protocol sieve;",
	"protocol sieve; sieve_auth plain login; starttls on; ssl_certificate c; "
	"ssl_certificate_key k; sieve_capabilities '\"SIEVE\" \"fileinto\"';",
	"protocol sieve; starttls only; ssl_certificate c; ssl_certificate_key k; "
	"proxy_pass_error_message on; sieve_client_buffer 64; proxy_buffer 64; max_errors 3;",
	"protocol sieve; proxy_ssl starttls; timeout 1s; auth_http_timeout 1s;",
};

static const char *cur_text;

static int mem_read(void *ctx, const char *path, const char **data, size_t *len)
{
	(void)ctx;
	(void)path;
	*data = cur_text;
	*len = strlen(cur_text);
	return 0;
}

static int mem_glob(void *ctx, const char *p, int (*add)(void *, const char *), void *a)
{
	(void)ctx; (void)p; (void)add; (void)a;
	return 0;
}

static void mem_msg(void *ctx, enum pt_log_level lvl, const char *text)
{
	(void)ctx; (void)lvl; (void)text;
}

/* Configs are loaded once per variant and kept. */
static struct pt_conf *confs[sizeof(variants) / sizeof(variants[0])];
static struct pt_coreconf ccs[sizeof(variants) / sizeof(variants[0])];

static const struct pt_core_conf *variant_conf(unsigned v, int *tls, int *proxy, int *trusted)
{
	static char text[1024];

	if (confs[v] == NULL) {
		struct pt_conf_io io;
		memset(&io, 0, sizeof(io));
		io.read_file = mem_read;
		io.glob = mem_glob;
		io.msg = mem_msg;
		io.prefix = "/p/";
		io.conf_prefix = "/p/";
		io.hostname = "fuzz.example";
		snprintf(text, sizeof(text),
		         "mail { server_name mail.example.test; auth_http 127.0.0.1:9000/auth;\n"
		         "server { %s %s } }\n",
		         strstr(variants[v], "listen") ? "" : "listen 127.0.0.1:11143;", variants[v]);
		cur_text = text;
		confs[v] = pt_conf_load(&io, "/p/f.conf");
		if (confs[v] == NULL || pt_coreconf_build(&ccs[v], &confs[v]->servers[0]))
			abort();
	}
	*tls = confs[v]->listens[0].ssl;
	*proxy = confs[v]->listens[0].proxy_protocol;
	*trusted = confs[v]->servers[0].set_real_ip_from.n > 0;    /* 192.0.2.1 is in each */
	return &ccs[v].core;
}

/* Every variant up front: a config loaded on first use would make the
 * first input that picks it look different to coverage-guided engines
 * (AFL++ counts that as instability).  The replay driver has no init
 * call; variant_conf() loads lazily there. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	int tls, proxy, trusted;

	(void)argc;
	(void)argv;
	for (unsigned v = 0; v < sizeof(variants) / sizeof(variants[0]); v++)
		(void)variant_conf(v, &tls, &proxy, &trusted);
	return 0;
}

/* The oracle for "the auth server said OK": an independent reading of one
 * reply line, name case-insensitive, value "OK" between blanks. */
static int says_ok(const uint8_t *p, size_t n)
{
	static const char name[] = "auth-status";
	size_t i = 0;

	for (; i < sizeof(name) - 1; i++) {
		if (i >= n)
			return 0;
		uint8_t c = p[i] >= 'A' && p[i] <= 'Z' ? (uint8_t)(p[i] + 32) : p[i];
		if (c != (uint8_t)name[i])
			return 0;
	}
	if (i >= n || p[i++] != ':')
		return 0;
	while (i < n && (p[i] == ' ' || p[i] == '\t'))
		i++;
	if (n - i < 2 || p[i] != 'O' || p[i + 1] != 'K')
		return 0;
	i += 2;
	while (i < n && (p[i] == ' ' || p[i] == '\t'))
		i++;
	return i == n || p[i] == '\r' || p[i] == '\n';
}

static void check_canary(struct fz *z)
{
	for (size_t i = 0; i < 64; i++)
		if (z->mem[z->memlen + i] != CANARY)
			abort();
}

/* Before the backend's TLS is up only the STARTTLS preamble may go to it:
 * each CRLF line of p is one of those commands. */
static int pre_tls_ok(const struct fz *z, const uint8_t *p, size_t n)
{
	static const char ehlo[] = "EHLO mail.example.test";

	while (n) {
		const uint8_t *lf = memchr(p, '\n', n);
		size_t k;

		if (lf == NULL || lf == p || lf[-1] != '\r')
			return 0;
		k = (size_t)(lf - p) - 1;       /* the line without CRLF */
		switch (z->conf->proto) {
		case PT_CORE_IMAP:
			if (k < 10 || memcmp(p + k - 9, " STARTTLS", 9) != 0)
				return 0;
			break;
		case PT_CORE_POP3:
			if (k != 4 || memcmp(p, "STLS", 4) != 0)
				return 0;
			break;
		case PT_CORE_SIEVE:
			if (k != 8 || memcmp(p, "STARTTLS", 8) != 0)
				return 0;
			break;
		case PT_CORE_SMTP:
			if (!(k == 8 && memcmp(p, "STARTTLS", 8) == 0) &&
			    !(k == sizeof(ehlo) - 1 && memcmp(p, ehlo, k) == 0))
				return 0;
			break;
		default:
			return 0;
		}
		n -= k + 2;
		p += k + 2;
	}
	return 1;
}

/* ---- client certificates ---------------------------------------------------- */

static char tls_block[CERT_PEM_MAX + CERT_INFO_MAX + 256];
static uint8_t subject_buf[REPEAT_BUF], pem_buf[REPEAT_BUF];

static uint8_t take_byte(const uint8_t *d, size_t size, size_t *i)
{
	return *i < size ? d[(*i)++] : 0;
}

static struct pt_core_bytes take_field(const uint8_t *d, size_t size, size_t *i)
{
	struct pt_core_bytes b;
	size_t n = take_byte(d, size, i);

	if (n > size - *i)
		n = size - *i;
	b.p = (const char *)d + *i;
	b.len = n;
	*i += n;
	return b;
}

/* "k n bytes..": the n bytes k+1 times, in buf (REPEAT_BUF bytes) */
static struct pt_core_bytes take_repeated(const uint8_t *d, size_t size, size_t *i, uint8_t *buf)
{
	size_t times = (size_t)take_byte(d, size, i) + 1;
	struct pt_core_bytes part = take_field(d, size, i), b;

	for (size_t k = 0; k < times; k++)
		memcpy(buf + k * part.len, part.p, part.len);
	b.p = (const char *)buf;
	b.len = part.len * times;
	return b;
}

/* "9 r c  n verify..  j n subject..  n issuer..  n serial..  n fp..  k n pem.." */
static void tls_event(struct fz *z, const uint8_t *d, size_t size, size_t *i, struct pt_event *ev)
{
	struct pt_core_bytes *f[5] = {
		&ev->u.tls.verify, &ev->u.tls.subject, &ev->u.tls.issuer,
		&ev->u.tls.serial, &ev->u.tls.fingerprint,
	};

	memset(ev, 0, sizeof(*ev));
	ev->type = PT_EV_TLS_UP;
	ev->u.tls.protocol.p = "TLSv1.3";
	ev->u.tls.protocol.len = 7;
	ev->u.tls.cipher.p = "TLS_AES_128_GCM_SHA256";
	ev->u.tls.cipher.len = 22;
	ev->u.tls.cert = (enum pt_cert_result)(take_byte(d, size, i) % 4);
	ev->u.tls.verify_code = take_byte(d, size, i);
	for (int k = 0; k < 5; k++) {
		*f[k] = k == 1 ? take_repeated(d, size, i, subject_buf) : take_field(d, size, i);
		if (f[k]->len >= 3 && memmem(f[k]->p, f[k]->len, "zz9", 3))
			z->marker_in_cert = 1;
	}
	ev->u.tls.pem = take_repeated(d, size, i, pem_buf);
}

/* Auth-User's escaping (bytes 0x00-0x20 and '%' as %XX), or only its length. */
static size_t escape_into(char *out, const struct pt_core_bytes *b)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = 0;

	for (size_t k = 0; k < b->len; k++) {
		uint8_t c = (uint8_t)b->p[k];
		if (c <= 0x20 || c == '%') {
			if (out) {
				out[n] = '%';
				out[n + 1] = hex[c >> 4];
				out[n + 2] = hex[c & 15];
			}
			n += 3;
		} else {
			if (out)
				out[n] = (char)c;
			n++;
		}
	}
	return n;
}

static size_t block_line(size_t n, const char *name, const struct pt_core_bytes *b, int pem)
{
	size_t l = strlen(name);

	if (b->len == 0)
		return n;
	memcpy(tls_block + n, name, l);
	n += l;
	if (pem) {
		n += escape_into(tls_block + n, b);
	} else {
		for (size_t k = 0; k < b->len; k++) {
			uint8_t c = (uint8_t)b->p[k];
			tls_block[n++] = c < 0x20 || c == 0x7f ? '?' : (char)c;
		}
	}
	tls_block[n++] = '\r';
	tls_block[n++] = '\n';
	return n;
}

/* After a TLS_UP the core took: nginx's verdict (ngx_mail_verify_cert),
 * plus the core's bounds, and the Auth-SSL lines to expect. */
static void cert_verdict(struct fz *z, const struct pt_ev_tls *t)
{
	const struct pt_core_conf *c = z->conf;
	int mode = c->verify_client;
	int refuse = 0;
	size_t n = 0;

	if (mode != PT_CORE_VERIFY_OFF)
		refuse = t->cert == PT_CERT_BAD ||
		         (t->cert == PT_CERT_UNTRUSTED && mode != PT_CORE_VERIFY_OPTIONAL_NO_CA) ||
		         (t->cert == PT_CERT_NONE && mode == PT_CORE_VERIFY_ON) ||
		         t->verify.len + t->subject.len + t->issuer.len + t->serial.len +
		                 t->fingerprint.len > CERT_INFO_MAX ||
		         (c->pass_client_cert && escape_into(NULL, &t->pem) > CERT_PEM_MAX);
	if (!refuse && z->closed && z->limited)
		return;         /* LIMIT_CONN came first: refused after the handshake */
	if (refuse != z->closed)
		abort();
	if (refuse) {
		z->cert_refused = 1;
		return;
	}
	z->tls_up = 1;
	n += (size_t)snprintf(tls_block, sizeof(tls_block),
	                      "Auth-SSL: on\r\nAuth-SSL-Protocol: %.*s\r\nAuth-SSL-Cipher: %.*s\r\n",
	                      (int)t->protocol.len, t->protocol.p, (int)t->cipher.len, t->cipher.p);
	if (mode != PT_CORE_VERIFY_OFF) {
		n = block_line(n, "Auth-SSL-Verify: ", &t->verify, 0);
		n = block_line(n, "Auth-SSL-Subject: ", &t->subject, 0);
		n = block_line(n, "Auth-SSL-Issuer: ", &t->issuer, 0);
		n = block_line(n, "Auth-SSL-Serial: ", &t->serial, 0);
		n = block_line(n, "Auth-SSL-Fingerprint: ", &t->fingerprint, 0);
		if (c->pass_client_cert)
			n = block_line(n, "Auth-SSL-Cert: ", &t->pem, 1);
	}
	z->tls_block = tls_block;
	z->tls_block_len = n;
}

/* Lines "Name: value\r\n"; the Auth-SSL ones together and as expected. */
static void check_auth_request(const struct fz *z, const uint8_t *p, size_t n)
{
	const uint8_t *end = p + n, *ssl = NULL, *ssl_end = NULL;

	if (z->cert_refused)
		abort();    /* a refused certificate gets no further */
	while (p < end) {
		const uint8_t *lf = memchr(p, '\n', (size_t)(end - p));
		size_t k, j = 0;

		if (lf == NULL || lf == p || lf[-1] != '\r')
			abort();
		k = (size_t)(lf - p) - 1;
		while (j < k && ((p[j] >= 'A' && p[j] <= 'Z') || (p[j] >= 'a' && p[j] <= 'z') ||
		                 (p[j] >= '0' && p[j] <= '9') || p[j] == '-'))
			j++;
		if (j == 0 || j + 2 > k || p[j] != ':' || p[j + 1] != ' ' ||
		    memchr(p + j + 2, '\r', k - j - 2) != NULL)
			abort();
		if (j >= 8 && memcmp(p, "Auth-SSL", 8) == 0) {
			if (ssl != NULL && ssl_end != p)
				abort();    /* not one block */
			if (ssl == NULL)
				ssl = p;
			ssl_end = lf + 1;
		}
		p = lf + 1;
	}
	if (!z->tls_up) {
		if (ssl != NULL)
			abort();
		return;
	}
	if (ssl == NULL || (size_t)(ssl_end - ssl) != z->tls_block_len ||
	    memcmp(ssl, z->tls_block, z->tls_block_len) != 0)
		abort();
}

static void backend_start_tls(struct fz *z)
{
	size_t room;

	if (!z->conf->backend_starttls || !z->connect_seen || z->btls_pending || z->btls_done)
		abort();
	if (pt_session_backend_recv_buf(z->s, &room) != NULL || room != 0)
		abort();    /* its plaintext input dropped, and no more taken */
	z->btls_pending = 1;
}

static void drain(struct fz *z)
{
	struct pt_action a;

	while (pt_session_next_action(z->s, &a) != PT_ACT_NONE) {
		const uint8_t *p;
		size_t n;

		if (z->closed)
			abort();    /* nothing after CLOSE */
		switch (a.type) {
		case PT_ACT_SEND_CLIENT:
			while ((p = pt_session_client_send_buf(z->s, &n)) && n) {
				if (z->drain_limit && n > z->drain_limit)
					n = z->drain_limit;
				pt_session_client_send_ack(z->s, n);
			}
			break;
		case PT_ACT_SEND_BACKEND:
			while ((p = pt_session_backend_send_buf(z->s, &n)) && n) {
				/* nothing but the STARTTLS preamble in plaintext */
				if (z->conf->backend_starttls && !z->btls_done &&
				    !pre_tls_ok(z, p, n))
					abort();
				for (size_t k = 0; z->btls_fresh && k < n; k++)
					z->btls_lines += p[k] == '\n';
				if (z->btls_lines > 1)
					abort();    /* acting on bytes from before TLS */
				pt_session_backend_send_ack(z->s, n);
			}
			break;
		case PT_ACT_BACKEND_START_TLS:
			backend_start_tls(z);
			break;
		case PT_ACT_START_TLS:
			z->tls_pending = 1;
			break;
		case PT_ACT_AUTH_REQUEST:
			if (a.data == NULL || a.len == 0)
				abort();
			check_auth_request(z, a.data, a.len);
			z->auth_requested = 1;
			z->auth_ok_fed = 0;
			break;
		case PT_ACT_CONNECT_BACKEND:
			if (!z->auth_requested || !z->auth_ok_fed || a.port == 0)
				abort();
			z->connect_seen = 1;
			break;
		case PT_ACT_RELAY:
			if (!z->connect_seen)
				abort();    /* no relay before an auth OK and a backend */
			if (z->conf->backend_starttls && !z->btls_done)
				abort();    /* no relay to a backend that is not TLS yet */
			break;
		case PT_ACT_RESOLVE:
			z->resolve_pending = 1;
			break;
		case PT_ACT_SET_DEADLINE:
			z->deadline = a.deadline_ms;
			break;
		case PT_ACT_LOG:
			if (a.len >= 256 || memchr(a.data, '\n', a.len) || memchr(a.data, '\r', a.len) ||
			    (!z->marker_in_reply && !z->marker_in_cert && a.len &&
			     memmem(a.data, a.len, "zz9", 3)))
				abort();
			break;
		case PT_ACT_CLIENT_ADDR:
			/* once, from a trusted header, before any login */
			if (z->client_addr_seen++ || a.addr[0] == '\0' || z->auth_requested)
				abort();
			break;
		case PT_ACT_CLOSE:
			z->closed = 1;
			break;
		default:
			abort();
		}
	}
	/* a state outside the table has no name */
	if (strcmp(pt_session_state_name(z->s), "?") == 0)
		abort();
	check_canary(z);
}

static void event(struct fz *z, enum pt_ev_type t, const uint8_t *p, size_t n)
{
	struct pt_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = t;
	ev.u.line.p = (const char *)p;
	ev.u.line.len = n;
	pt_session_event(z->s, &ev, z->now);
	drain(z);
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *d, size_t size)
{
	struct fz z;
	size_t i = 1;
	int tls = 0, proxy = 0, trusted = 0;

	if (size < 1)
		return 0;
	memset(&z, 0, sizeof(z));
	const struct pt_core_conf *c = variant_conf(d[0] % (sizeof(variants) / sizeof(variants[0])), &tls,
	                                             &proxy, &trusted);
	z.conf = c;
	z.memlen = pt_session_mem_size(c);
	z.mem = malloc(z.memlen + 64);
	if (z.mem == NULL)
		return 0;
	memset(z.mem + z.memlen, CANARY, 64);
	z.s = pt_session_init(z.mem, z.memlen, c);
	if (z.s == NULL)
		abort();

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
	ev.u.start.client_port = 50123;
	ev.u.start.server_addr.p = "2001:db8::1";
	ev.u.start.server_addr.len = 11;
	ev.u.start.server_port = 143;
	pt_session_event(z.s, &ev, z.now);
	drain(&z);

	while (i < size && !z.closed) {
		uint8_t op = d[i++] % 16;
		size_t n = 0;
		uint8_t *p;
		size_t room;

		if (op == 0 || op == 1 || op == 4 || op == 12) {
			n = i < size ? d[i++] : 0;
			if (n > size - i)
				n = size - i;
		}
		switch (op) {
		case 0:
			if (z.tls_pending) {
				/* plaintext during the handshake: the core must not take it */
				p = pt_session_client_recv_buf(z.s, &room);
				if (p != NULL || room != 0)
					abort();
				break;
			}
			while (n) {
				p = pt_session_client_recv_buf(z.s, &room);
				if (p == NULL || room == 0)
					break;
				size_t k = n < room ? n : room;
				memcpy(p, d + i, k);
				pt_session_client_recv_ack(z.s, k, z.now);
				drain(&z);
				i += k;
				n -= k;
			}
			i += n;
			break;
		case 1:
			if (says_ok(d + i, n))
				z.auth_ok_fed = 1;
			if (n >= 3 && memmem(d + i, n, "zz9", 3))
				z.marker_in_reply = 1;
			event(&z, PT_EV_AUTH_LINE, d + i, n);
			i += n;
			break;
		case 2: event(&z, PT_EV_AUTH_DONE, NULL, 0); break;
		case 3: event(&z, PT_EV_AUTH_FAILED, NULL, 0); break;
		case 4:
			if (z.btls_pending) {
				/* TLS records for the shell: the core must not take them */
				p = pt_session_backend_recv_buf(z.s, &room);
				if (p != NULL || room != 0)
					abort();
				i += n;
				break;
			}
			while (n) {
				p = pt_session_backend_recv_buf(z.s, &room);
				if (p == NULL || room == 0)
					break;
				size_t k = n < room ? n : room;
				memcpy(p, d + i, k);
				z.btls_fresh = 0;
				pt_session_backend_recv_ack(z.s, k, z.now);
				drain(&z);
				i += k;
				n -= k;
			}
			i += n;
			break;
		case 5: event(&z, PT_EV_BACKEND_CONNECTED, NULL, 0); break;
		case 6: event(&z, PT_EV_BACKEND_FAILED, NULL, 0); break;
		case 7: event(&z, PT_EV_BACKEND_EOF, NULL, 0); break;
		case 8:
			z.now += (uint64_t)(i < size ? d[i++] : 0) * 64;
			if (z.deadline && z.now >= z.deadline)
				event(&z, PT_EV_TIMER, NULL, 0);
			break;
		case 9: {
			struct pt_event tev;
			int taken = strcmp(pt_session_state_name(z.s), "tls-handshake") == 0;

			tls_event(&z, d, size, &i, &tev);
			z.tls_pending = 0;
			pt_session_event(z.s, &tev, z.now);
			drain(&z);
			if (taken)
				cert_verdict(&z, &tev.u.tls);
			break;
		}
		case 10: event(&z, PT_EV_CLIENT_EOF, NULL, 0); break;
		case 11: z.drain_limit = i < size ? d[i++] : 0; break;
		case 12:
			z.resolve_pending = 0;
			event(&z, PT_EV_CLIENT_HOST, d + i, n);
			i += n;
			break;
		case 13:
			/* fed in any state; only backend-tls-handshake takes it */
			z.btls_done |= z.btls_pending;
			z.btls_fresh = z.btls_pending;
			z.btls_lines = 0;
			z.btls_pending = 0;
			event(&z, PT_EV_BACKEND_TLS_UP, NULL, 0);
			break;
		case 14:
			z.limited = 1;
			event(&z, PT_EV_LIMIT_CONN, NULL, 0);
			break;
		case 15: event(&z, PT_EV_LIMIT_LOGIN, NULL, 0); break;
		default: break;
		}
	}
	check_canary(&z);
	free(z.mem);
	return 0;
}
