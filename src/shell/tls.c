/*
 * tls.c - the BearSSL server engine of one client connection (tls.h).
 *
 * Implementation notes (deps: BearSSL 0.6 as Debian ships it)
 * - Buffers: the input side must hold a whole 16 KiB record; the output
 *   side is 2 KiB + record overhead (PT_TLS_OBUF), which bounds the memory
 *   of an idle session (an output buffer under 1 KiB was seen to stall).
 * - The state is re-read after every ack: acks run the crypto.
 * - A TCP end without close_notify is the end of the stream here; the
 *   engine cannot see it, so the caller learns it from recv's 0.
 */
#include <bearssl.h>
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>

#include "conf/ciphers.h"
#include "shell/tls.h"
#include "shell/tlsbackend.h"
#include "shell/tlscache.h"
#include "shell/tlspolicy.h"
#include "shell/tlsverify.h"

#define PT_TLS_OBUF (2048 + 85)     /* one 2 KiB record and its overhead */
#define PT_TLS_SEED 32

struct pt_tls {
	br_ssl_engine_context *eng;     /* of the server or client context around */
	int client;                     /* toward the backend: struct pt_tls_cli */
	int eof;                        /* the socket said end of stream */
	int up;
	int closing;                    /* close_notify is queued */
	int resumed;                    /* the session cache had the client's session */
	unsigned char ibuf[BR_SSL_BUFSIZE_INPUT];
	unsigned char obuf[PT_TLS_OBUF];
};

/* With the client: a server engine, its certificate choice, and the
 * client's certificate chain while ssl_verify_client wants it. */
struct pt_tls_srv {
	struct pt_tls t;                /* first: the common part */
	br_ssl_server_context sc;
	struct pt_tls_policy policy;
	const struct pt_tls_verify *verify;     /* ssl_verify_client, or NULL */
	struct pt_tls_peer *peer;               /* the client's chain, as sent */
};

/* With the backend (proxy_ssl): a client engine and its X.509 check. */
struct pt_tls_cli {
	struct pt_tls t;
	br_ssl_client_context cc;
	br_x509_minimal_context xm;     /* proxy_ssl_verify on */
	struct pt_tls_namecheck nc;     /* ... against proxy_ssl_name */
	struct pt_tls_peer *peer;       /* proxy_ssl_verify off: any chain */
};

/* ALPN as nginx 1.21.4: a client that names protocols must name this
 * one (RFC 7301 §3.2: else the no_application_protocol alert); one that
 * names none is served.  The ids are IANA's for the three protocols. */
static void pt_tls_alpn(struct pt_tls *s, const struct pt_conf_server *srv)
{
	static const char *const imap[] = { "imap" }, *const pop3[] = { "pop3" },
	                         *const smtp[] = { "smtp" },
	                         *const sieve[] = { "managesieve" };
	const char *const *name = NULL;

	if (srv == NULL)
		return;
	switch (srv->protocol) {
	case PT_PROTO_IMAP: name = imap; break;
	case PT_PROTO_POP3: name = pop3; break;
	case PT_PROTO_SMTP: name = smtp; break;
	case PT_PROTO_SIEVE: name = sieve; break;
	default: return;
	}
	br_ssl_engine_set_protocol_names(s->eng, (const char **)name, 1);
	br_ssl_engine_add_flags(s->eng, BR_OPT_FAIL_ON_ALPN_MISMATCH);
}

/* Buffers and entropy: what every engine gets before its reset. */
static int pt_tls_ready(struct pt_tls *s)
{
	unsigned char seed[PT_TLS_SEED];

	br_ssl_engine_set_buffers_bidi(s->eng, s->ibuf, sizeof(s->ibuf), s->obuf, sizeof(s->obuf));
	if (getrandom(seed, sizeof(seed), 0) != (ssize_t)sizeof(seed)) {
		errno = EAGAIN;
		return -1;
	}
	br_ssl_engine_inject_entropy(s->eng, seed, sizeof(seed));
	explicit_bzero(seed, sizeof(seed));
	return 0;
}

struct pt_tls *pt_tls_new(const struct pt_tls_server *t)
{
	struct pt_tls_srv *v;
	struct pt_tls *s;

	if (t == NULL || t->n_certs == 0) {
		errno = EINVAL;
		return NULL;
	}
	if ((v = calloc(1, sizeof(*v))) == NULL)
		return NULL;
	s = &v->t;
	s->eng = &v->sc.eng;
	/* not br_ssl_server_init_full_*(): their CPUID calls cost more than a
	 * resumed handshake under a hypervisor; the policy below is ours */
	pt_tls_impl_server_init(&v->sc);
	br_ssl_engine_set_versions(s->eng, BR_TLS12, BR_TLS12);
	br_ssl_engine_set_ec(s->eng, pt_tls_ec_get());
	/* ECDHE and AEAD only (conf/ciphers.c): ssl_ciphers' choice and order,
	 * else AES-GCM first (AES-NI), then ChaCha20 */
	if (t->srv != NULL && t->srv->n_ssl_suites > 0)
		br_ssl_engine_set_suites(s->eng, t->srv->ssl_suites, t->srv->n_ssl_suites);
	else
		br_ssl_engine_set_suites(s->eng, pt_ciphers_offer, PT_CONF_SUITES_MAX);
	br_ssl_engine_add_flags(s->eng, BR_OPT_NO_RENEGOTIATION);
	if (t->srv != NULL && t->srv->ssl_prefer_server_ciphers)
		br_ssl_engine_add_flags(s->eng, BR_OPT_ENFORCE_SERVER_PREFERENCES);
	pt_tls_alpn(s, t->srv);
	pt_tls_policy_init(&v->policy, &v->sc, t);
	pt_tls_cache_attach(t->cache, &v->sc);
	if (t->verify != NULL) {
		v->verify = t->verify;
		if ((v->peer = pt_tls_peer_attach(t->verify, &v->sc)) == NULL) {
			pt_tls_free(s);
			errno = ENOMEM;
			return NULL;
		}
	}
	if (pt_tls_ready(s) != 0) {
		pt_tls_free(s);
		return NULL;
	}
	if (!br_ssl_server_reset(&v->sc)) {
		pt_tls_free(s);
		errno = EPROTO;
		return NULL;
	}
	return s;
}

struct pt_tls *pt_tls_new_client(const struct pt_tls_backend *b, const char *addr)
{
	const char *name = b->name != NULL ? b->name : addr;
	struct pt_tls_cli *v;
	struct pt_tls *s;

	if ((v = calloc(1, sizeof(*v))) == NULL)
		return NULL;
	s = &v->t;
	s->client = 1;
	s->eng = &v->cc.eng;
	pt_tls_impl_client_init(&v->cc, &v->xm, b->tas, b->n_tas);
	br_ssl_engine_add_flags(s->eng, BR_OPT_NO_RENEGOTIATION);
	if (b->verify) {
		/* BearSSL checks the name it sends as SNI; this one may differ */
		pt_tls_namecheck_init(&v->nc, &v->xm.vtable, name);
		br_ssl_engine_set_x509(s->eng, &v->nc.vtable);
	} else if ((v->peer = pt_tls_peer_attach_client(s->eng)) == NULL) {
		pt_tls_free(s);
		errno = ENOMEM;
		return NULL;
	}
	if (pt_tls_ready(s) != 0) {
		pt_tls_free(s);
		return NULL;
	}
	/* SNI only when asked for, and never an address (RFC 6066 §3) */
	if (!br_ssl_client_reset(&v->cc, b->server_name && !pt_tls_is_addr(name) ? name : NULL, 0)) {
		pt_tls_free(s);
		errno = EPROTO;
		return NULL;
	}
	return s;
}

void pt_tls_free(struct pt_tls *s)
{
	if (s == NULL)
		return;
	if (s->client) {
		struct pt_tls_cli *v = (struct pt_tls_cli *)s;
		pt_tls_peer_free(v->peer);
		explicit_bzero(v, sizeof(*v));      /* keys and plaintext */
		free(v);
	} else {
		struct pt_tls_srv *v = (struct pt_tls_srv *)s;
		pt_tls_peer_free(v->peer);
		explicit_bzero(v, sizeof(*v));
		free(v);
	}
}

static unsigned pt_tls_state(struct pt_tls *s)
{
	unsigned st = br_ssl_engine_current_state(s->eng);

	if (!s->up && (st & (BR_SSL_SENDAPP | BR_SSL_RECVAPP)))
		s->up = 1;
	return st;
}

int pt_tls_flush(struct pt_tls *s, int fd)
{
	for (;;) {
		unsigned st = pt_tls_state(s);
		unsigned char *p;
		size_t len;
		ssize_t w;

		if (!(st & BR_SSL_SENDREC))
			return 1;
		p = br_ssl_engine_sendrec_buf(s->eng, &len);
		w = send(fd, p, len, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
		br_ssl_engine_sendrec_ack(s->eng, (size_t)w);
	}
}

/* One read into the engine: 1 bytes went in, 0 nothing now, -1 the end
 * (s->eof) or an error. */
static int pt_tls_read_records(struct pt_tls *s, int fd)
{
	for (;;) {
		size_t len;
		unsigned char *p = br_ssl_engine_recvrec_buf(s->eng, &len);
		ssize_t r = recv(fd, p, len, 0);

		if (r > 0) {
			br_ssl_engine_recvrec_ack(s->eng, (size_t)r);
			return 1;
		}
		if (r == 0) {
			s->eof = 1;
			return -1;
		}
		if (errno == EINTR)
			continue;
		return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
	}
}

ssize_t pt_tls_peek(struct pt_tls *s, int fd, const uint8_t **out)
{
	for (;;) {
		unsigned st;

		if (pt_tls_flush(s, fd) < 0)
			return -1;
		st = pt_tls_state(s);
		if (st & BR_SSL_CLOSED) {
			if (br_ssl_engine_last_error(s->eng) == 0)
				return 0;       /* close_notify */
			errno = EPROTO;
			return -1;
		}
		if (st & BR_SSL_RECVAPP) {
			size_t len;
			*out = br_ssl_engine_recvapp_buf(s->eng, &len);
			return (ssize_t)len;
		}
		if ((st & BR_SSL_RECVREC) && !s->eof) {
			int r = pt_tls_read_records(s, fd);
			if (r > 0)
				continue;
			if (r == 0) {
				errno = EAGAIN;
				return -1;
			}
			return s->eof ? 0 : -1;
		}
		if (s->eof)
			return 0;
		errno = EAGAIN;
		return -1;
	}
}

void pt_tls_consume(struct pt_tls *s, size_t n)
{
	if (n)
		br_ssl_engine_recvapp_ack(s->eng, n);
}

ssize_t pt_tls_recv(struct pt_tls *s, int fd, void *buf, size_t cap)
{
	const uint8_t *p;
	ssize_t n = pt_tls_peek(s, fd, &p);

	if (n <= 0)
		return n;
	if (cap == 0) {
		errno = EAGAIN;
		return -1;
	}
	if ((size_t)n > cap)
		n = (ssize_t)cap;
	memcpy(buf, p, (size_t)n);
	pt_tls_consume(s, (size_t)n);
	return n;
}

uint8_t *pt_tls_space(struct pt_tls *s, int fd, size_t *room)
{
	unsigned st;

	*room = 0;
	if (pt_tls_flush(s, fd) < 0)
		return NULL;
	st = pt_tls_state(s);
	if (st & BR_SSL_CLOSED) {
		errno = EPIPE;
		return NULL;
	}
	if (!(st & BR_SSL_SENDAPP)) {
		errno = EAGAIN;
		return NULL;
	}
	return br_ssl_engine_sendapp_buf(s->eng, room);
}

int pt_tls_commit(struct pt_tls *s, int fd, size_t n)
{
	if (n == 0)
		return 0;
	br_ssl_engine_sendapp_ack(s->eng, n);
	br_ssl_engine_flush(s->eng, 0);
	return pt_tls_flush(s, fd) < 0 ? -1 : 0;
}

int pt_tls_has_plaintext(const struct pt_tls *s)
{
	return (br_ssl_engine_current_state(s->eng) & BR_SSL_RECVAPP) != 0;
}

int pt_tls_has_room(const struct pt_tls *s)
{
	return (br_ssl_engine_current_state(s->eng) & BR_SSL_SENDAPP) != 0;
}

ssize_t pt_tls_send(struct pt_tls *s, int fd, const void *buf, size_t len)
{
	for (;;) {
		unsigned st;

		if (pt_tls_flush(s, fd) < 0)
			return -1;
		st = pt_tls_state(s);
		if (st & BR_SSL_CLOSED) {
			errno = EPIPE;
			return -1;
		}
		if (st & BR_SSL_SENDAPP) {
			size_t room;
			unsigned char *p = br_ssl_engine_sendapp_buf(s->eng, &room);
			size_t n = len < room ? len : room;
			memcpy(p, buf, n);
			br_ssl_engine_sendapp_ack(s->eng, n);
			br_ssl_engine_flush(s->eng, 0);
			if (pt_tls_flush(s, fd) < 0)
				return -1;
			return (ssize_t)n;
		}
		/* the handshake is not over: it moves on the peer's records */
		if ((st & BR_SSL_RECVREC) && !s->eof && !(st & BR_SSL_RECVAPP)) {
			int r = pt_tls_read_records(s, fd);
			if (r > 0)
				continue;
			if (r < 0) {
				errno = EPIPE;
				return -1;
			}
		}
		errno = EAGAIN;
		return -1;
	}
}

void pt_tls_close(struct pt_tls *s)
{
	if (!s->closing)
		br_ssl_engine_close(s->eng);
	s->closing = 1;
}

int pt_tls_want_read(const struct pt_tls *s)
{
	unsigned st = br_ssl_engine_current_state(s->eng);

	return !s->eof && (st & BR_SSL_RECVREC) && !(st & BR_SSL_RECVAPP);
}

int pt_tls_want_write(const struct pt_tls *s)
{
	return (br_ssl_engine_current_state(s->eng) & BR_SSL_SENDREC) != 0;
}

int pt_tls_pending(const struct pt_tls *s)
{
	unsigned st = br_ssl_engine_current_state(s->eng);

	return (st & BR_SSL_RECVAPP) || (st & BR_SSL_CLOSED) || s->eof;
}

int pt_tls_closed(const struct pt_tls *s)
{
	return (br_ssl_engine_current_state(s->eng) & BR_SSL_CLOSED) != 0;
}

int pt_tls_up(const struct pt_tls *s)
{
	return s->up;
}

int pt_tls_resumed(const struct pt_tls *s)
{
	return s->resumed;
}

/* BearSSL resumes a session when the cache's load finds it (no tickets in
 * 0.6): the cache tells the engine around its server context. */
void pt_tls_note_resumed(br_ssl_server_context *sc)
{
	struct pt_tls_srv *srv = (struct pt_tls_srv *)(void *)((char *)sc -
	                                                      offsetof(struct pt_tls_srv, sc));

	srv->t.resumed = 1;
}

const char *pt_tls_protocol(const struct pt_tls *s)
{
	return s->up && br_ssl_engine_get_version(s->eng) == BR_TLS12 ? "TLSv1.2" : "";
}

const char *pt_tls_cipher(const struct pt_tls *s)
{
	br_ssl_session_parameters sp;
	const char *name;

	if (!s->up)
		return "";
	br_ssl_engine_get_session_parameters(s->eng, &sp);
	name = pt_ciphers_offer_name(sp.cipher_suite);
	return strcmp(name, "?") != 0 ? name : "";
}

int pt_tls_certinfo(struct pt_tls *s, int with_pem, struct pt_tls_certinfo *ci)
{
	struct pt_tls_srv *v = (struct pt_tls_srv *)s;
	int r;

	if (s->client || v->verify == NULL) {
		memset(ci, 0, sizeof(*ci));
		return 0;
	}
	r = pt_tls_verify_peer(v->verify, v->peer, with_pem, ci);
	/* the chain is no longer needed: renegotiation is refused */
	pt_tls_peer_free(v->peer);
	v->peer = NULL;
	return r;
}

int pt_tls_error(const struct pt_tls *s)
{
	return br_ssl_engine_last_error(s->eng);
}

/* The errors a client causes, in words for the log (BearSSL numbers the
 * rest; 256+n: alert n received, 512+n: alert n sent). */
const char *pt_tls_error_text(int err)
{
	switch (err) {
	case 0: return "no error";
	case BR_ERR_BAD_PARAM: return "bad parameter";
	case BR_ERR_BAD_STATE: return "bad state";
	case BR_ERR_UNSUPPORTED_VERSION: return "unsupported protocol version";
	case BR_ERR_BAD_VERSION: return "bad version";
	case BR_ERR_BAD_LENGTH: return "bad record length";
	case BR_ERR_TOO_LARGE: return "record too large";
	case BR_ERR_BAD_MAC: return "bad record MAC";
	case BR_ERR_NO_RANDOM: return "no randomness";
	case BR_ERR_UNKNOWN_TYPE: return "unknown record type (not TLS)";
	case BR_ERR_UNEXPECTED: return "unexpected message";
	case BR_ERR_BAD_CCS: return "bad ChangeCipherSpec";
	case BR_ERR_BAD_ALERT: return "bad alert";
	case BR_ERR_BAD_HANDSHAKE: return "bad handshake message";
	case BR_ERR_OVERSIZED_ID: return "oversized session id";
	case BR_ERR_BAD_CIPHER_SUITE: return "no shared cipher suite";
	case BR_ERR_BAD_COMPRESSION: return "bad compression";
	case BR_ERR_BAD_FRAGLEN: return "bad fragment length";
	case BR_ERR_BAD_SECRENEG: return "bad secure renegotiation";
	case BR_ERR_EXTRA_EXTENSION: return "unexpected extension";
	case BR_ERR_BAD_SNI: return "bad server name";
	case BR_ERR_BAD_HELLO_DONE: return "bad ServerHelloDone";
	case BR_ERR_LIMIT_EXCEEDED: return "limit exceeded";
	case BR_ERR_BAD_FINISHED: return "bad Finished";
	case BR_ERR_RESUME_MISMATCH: return "resumption mismatch";
	case BR_ERR_INVALID_ALGORITHM: return "invalid algorithm";
	case BR_ERR_BAD_SIGNATURE: return "bad signature";
	case BR_ERR_WRONG_KEY_USAGE: return "wrong key usage";
	case BR_ERR_NO_CLIENT_AUTH: return "no client certificate";
	case BR_ERR_IO: return "I/O error";
	case BR_ERR_X509_EXPIRED: return "certificate expired or not yet valid";
	case BR_ERR_X509_BAD_SERVER_NAME: return "certificate does not match the name";
	case BR_ERR_X509_NOT_TRUSTED: return "certificate not trusted";
	case BR_ERR_X509_LIMIT_EXCEEDED: return "certificate chain too large";
	default:
		if (err >= BR_ERR_X509_OK && err < 64)
			return "certificate rejected";
		if (err >= BR_ERR_RECV_FATAL_ALERT && err < BR_ERR_SEND_FATAL_ALERT)
			return "fatal alert from the client";
		if (err >= BR_ERR_SEND_FATAL_ALERT)
			return "fatal alert sent";
		return "TLS error";
	}
}
