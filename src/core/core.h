/*
 * core.h - the sans-IO session core: one struct pt_session per client
 * connection, driven by events and drained of actions.
 *
 * Implementation notes
 * - Memory: the caller hands pt_session_init() one block of
 *   pt_session_mem_size(conf) bytes; the session, its client command
 *   buffer, reply buffer, backend line buffer, auth request and reply
 *   buffers are all carved from it.  Nothing is allocated afterwards.
 * - Input: bytes by buf/ack pairs (BearSSL style): _client_recv_buf() says
 *   where and how much may be written (0: not now - nginx leaves input
 *   unread while auth_http runs), _client_recv_ack() takes them.  The rest
 *   comes as pt_session_event().  Time arrives as now_ms (monotonic) with
 *   every call; wall-clock seconds and randomness arrive once, in START.
 * - Output: pt_session_next_action() until it returns PT_ACT_NONE, in
 *   order.  SEND_CLIENT / SEND_BACKEND mean: drain _client_send_buf/_ack
 *   (resp. backend) to empty before taking the next action, so a reply is
 *   on the wire before START_TLS or CLOSE.
 * - Errors: the first one is sticky (pt_session_error()); once CLOSE has
 *   been returned the session only returns NONE.
 * - Security rules (DESIGN §6) are enforced here: STARTTLS drops buffered
 *   input and pre-TLS state, credentials with CR/LF/NUL are refused, auth
 *   request values are escaped, secrets never reach a LOG action.
 */
#ifndef PT_CORE_CORE_H
#define PT_CORE_CORE_H

#include <stddef.h>
#include <stdint.h>

#include "util/log.h"

/* ---- what the core needs of the configuration (filled by the shell) ---- */

enum pt_core_proto { PT_CORE_IMAP = 1, PT_CORE_POP3, PT_CORE_SMTP, PT_CORE_SIEVE };

#define PT_CORE_AUTH_PLAIN    (1u << 1)
#define PT_CORE_AUTH_LOGIN    (1u << 2)
#define PT_CORE_AUTH_APOP     (1u << 3)
#define PT_CORE_AUTH_CRAM_MD5 (1u << 4)
#define PT_CORE_AUTH_EXTERNAL (1u << 5)
#define PT_CORE_AUTH_NONE     (1u << 6)
#define PT_CORE_AUTH_XOAUTH2  (1u << 7)   /* postern extension (freenginx) */
#define PT_CORE_AUTH_OAUTHBEARER (1u << 8)

struct pt_core_bytes {
	const char *p;
	size_t len;
};

struct pt_core_header {
	struct pt_core_bytes name, value;
};

struct pt_core_conf {
	enum pt_core_proto proto;
	struct pt_core_bytes server_name;
	uint64_t timeout_ms;            /* client, before relay; backend login */
	uint64_t auth_http_timeout_ms;
	uint64_t max_errors;
	size_t client_buffer;           /* imap_client_buffer / smtp_client_buffer / 128 */
	size_t proxy_buffer;
	int starttls;                   /* 0 off, 1 on, 2 only */
	uint32_t auth_methods;          /* PT_CORE_AUTH_* advertised/allowed */
	const struct pt_core_bytes *capabilities;
	size_t n_capabilities;
	struct pt_core_bytes auth_host;         /* Host: header of the auth request */
	const struct pt_core_header *auth_headers;   /* auth_http_header, in order */
	size_t n_auth_headers;
	int proxy_pass_error_message;
	/* SMTP */
	int resolver;                   /* look the client up (PT_ACT_RESOLVE) */
	uint64_t greeting_delay_ms;     /* smtp_greeting_delay */
	int xclient;
	int proxy_smtp_auth;
	int proxy_protocol;             /* some listen of the server has proxy_protocol:
	                                 * PT_PROXY_MAX more bytes for the header */
	/* Client certificates (ssl_verify_client, PT_CORE_VERIFY_*): what the
	 * TLS_UP event's certificate fields are checked against, and room for
	 * them in the auth request (plus the PEM: auth_http_pass_client_cert). */
	int verify_client;
	int pass_client_cert;
	/* TLS toward the backend: the backend's STARTTLS (STLS) before its
	 * login (postern extension, proxy_ssl starttls).  Implicit TLS
	 * (proxy_ssl on) is the shell's alone: it reports BACKEND_CONNECTED
	 * once its handshake is over. */
	int backend_starttls;
	/* IMAP: ID before LOGIN toward the backend, with the client's ID
	 * fields and its address (postern extension, proxy_imap_id) */
	int proxy_imap_id;
};

#define PT_CORE_VERIFY_OFF            0
#define PT_CORE_VERIFY_ON             1
#define PT_CORE_VERIFY_OPTIONAL       2
#define PT_CORE_VERIFY_OPTIONAL_NO_CA 3

/* ---- events ---- */

enum pt_ev_type {
	PT_EV_START = 1,        /* accepted: client address, time, randomness */
	PT_EV_CLIENT_EOF,
	PT_EV_TLS_UP,           /* the handshake with the client is done */
	PT_EV_AUTH_LINE,        /* one line of the auth_http reply (CRLF included) */
	PT_EV_AUTH_DONE,        /* the reply ended */
	PT_EV_AUTH_FAILED,      /* unreachable, timed out, closed early */
	PT_EV_BACKEND_CONNECTED,
	PT_EV_BACKEND_FAILED,
	PT_EV_BACKEND_EOF,
	PT_EV_TIMER,            /* the deadline of the last SET_DEADLINE passed */
	PT_EV_CLIENT_HOST,      /* SMTP: the client's checked name, or "[UNAVAILABLE]" /
	                         * "[TEMPUNAVAIL]" (u.line), answering PT_ACT_RESOLVE */
	PT_EV_BACKEND_TLS_UP,   /* the handshake PT_ACT_BACKEND_START_TLS asked for is
	                         * done (a failed one is BACKEND_FAILED) */
	/* The shell's limits (postern extension, limit_* directives) said no:
	 * LIMIT_CONN once the client address is known (after START, or at
	 * CLIENT_ADDR), before any reply reached the client: the protocol's
	 * "too many connections" line instead of the greeting (after the TLS
	 * handshake on a TLS port), then CLOSE.  LIMIT_LOGIN instead of the
	 * auth request's answer (state auth-http): the protocol's temporary
	 * failure, and the client may try again later. */
	PT_EV_LIMIT_CONN,
	PT_EV_LIMIT_LOGIN
};

struct pt_ev_start {
	struct pt_core_bytes client_ip;     /* text, as Client-IP */
	uint64_t unix_time;                 /* wall clock, seconds: the salt */
	uint64_t random;                    /* from the shell's CSPRNG: the salt */
	int tls;                            /* implicit TLS: wait for TLS_UP first */
	int proxy_protocol;                 /* a PROXY header comes first (listen ... proxy_protocol) */
	int proxy_trusted;                  /* the peer is in set_real_ip_from: the header's
	                                     * source becomes the client address */
	uint16_t client_port;               /* the client's port: Client-Port (0: none) */
	struct pt_core_bytes server_addr;   /* the address it reached, text: Server-Addr */
	uint16_t server_port;               /* and its port: Server-Port (0: none, unix:) */
};

/* What the shell found of the client's certificate (verify_client). */
enum pt_cert_result {
	PT_CERT_NONE = 0,       /* none was sent */
	PT_CERT_OK,             /* sent and verified */
	PT_CERT_BAD,            /* sent, and its check failed */
	PT_CERT_UNTRUSTED       /* sent, and failed only for want of a trusted issuer
	                         * (what optional_no_ca lets through) */
};

/* The TLS session with the client, for Auth-SSL-Protocol / -Cipher, and
 * its certificate for Auth-SSL-Verify / -Subject / -Issuer / -Serial /
 * -Fingerprint / -Cert (fields empty when absent). */
struct pt_ev_tls {
	struct pt_core_bytes protocol;      /* "TLSv1.2" */
	struct pt_core_bytes cipher;        /* OpenSSL name, "ECDHE-RSA-AES128-GCM-SHA256" */
	enum pt_cert_result cert;
	struct pt_core_bytes verify;        /* "SUCCESS", "FAILED:<reason>", "NONE" */
	int verify_code;                    /* the check's error number, for the log */
	struct pt_core_bytes subject, issuer;   /* RFC 2253 */
	struct pt_core_bytes serial;        /* hex */
	struct pt_core_bytes fingerprint;   /* SHA-1 of the DER, hex */
	struct pt_core_bytes pem;           /* the certificate, PEM (pass_client_cert) */
};

struct pt_event {
	enum pt_ev_type type;
	union {
		struct pt_ev_start start;
		struct pt_ev_tls tls;       /* TLS_UP (BACKEND_TLS_UP: none) */
		struct pt_core_bytes line;  /* AUTH_LINE */
	} u;
};

/* ---- actions ---- */

enum pt_act_type {
	PT_ACT_NONE = 0,
	PT_ACT_SEND_CLIENT,     /* drain pt_session_client_send_buf/_ack */
	PT_ACT_SEND_BACKEND,    /* drain pt_session_backend_send_buf/_ack */
	PT_ACT_START_TLS,       /* plaintext input already dropped; handshake now */
	PT_ACT_AUTH_REQUEST,    /* data: header lines "Name: value\r\n", escaped */
	PT_ACT_CONNECT_BACKEND, /* addr (IP literal text), port */
	PT_ACT_RELAY,           /* data: client bytes to send the backend first */
	PT_ACT_SET_DEADLINE,    /* deadline_ms: send PT_EV_TIMER at or after it (0: none) */
	PT_ACT_LOG,             /* level, data: message (secrets already redacted) */
	PT_ACT_RESOLVE,         /* SMTP: find the client's name (PTR, then forward check) */
	PT_ACT_CLIENT_ADDR,     /* a trusted PROXY header named the client: addr, port */
	PT_ACT_BACKEND_START_TLS, /* the backend said go: handshake with it now (its
	                         * input already dropped); BACKEND_TLS_UP when done */
	PT_ACT_CLOSE
};

struct pt_action {
	enum pt_act_type type;
	const uint8_t *data;
	size_t len;
	enum pt_log_level level;
	uint64_t deadline_ms;
	char addr[64];
	uint16_t port;
	int repeat;             /* AUTH_REQUEST: the same login asked again after
	                         * "Auth-Status: WAIT", not a new client attempt */
};

struct pt_session;

size_t pt_session_mem_size(const struct pt_core_conf *conf);
/* NULL if len is too small.  conf must outlive the session. */
struct pt_session *pt_session_init(void *mem, size_t len, const struct pt_core_conf *conf);

void pt_session_event(struct pt_session *s, const struct pt_event *ev, uint64_t now_ms);
uint8_t *pt_session_client_recv_buf(struct pt_session *s, size_t *len);
void pt_session_client_recv_ack(struct pt_session *s, size_t n, uint64_t now_ms);
uint8_t *pt_session_backend_recv_buf(struct pt_session *s, size_t *len);
void pt_session_backend_recv_ack(struct pt_session *s, size_t n, uint64_t now_ms);
const uint8_t *pt_session_client_send_buf(struct pt_session *s, size_t *len);
void pt_session_client_send_ack(struct pt_session *s, size_t n);
const uint8_t *pt_session_backend_send_buf(struct pt_session *s, size_t *len);
void pt_session_backend_send_ack(struct pt_session *s, size_t n);
int pt_session_next_action(struct pt_session *s, struct pt_action *act);

/* Debug tracing: every state change becomes a LOG action "state a -> b". */
void pt_session_trace(struct pt_session *s, int on);

/* Inspection, for tests, the fuzz target and logs. */
int pt_session_state(const struct pt_session *s);
const char *pt_session_state_name(const struct pt_session *s);
int pt_session_error(const struct pt_session *s);
const char *pt_session_error_name(int err);
/* How a session ended, as a class a caller can count: each error of the
 * core belongs to one.  PT_END_NONE while it runs or when it relayed. */
enum pt_core_end {
	PT_END_NONE = 0,
	PT_END_CLOSED,      /* the client left: QUIT or EOF */
	PT_END_TIMEOUT,     /* the client was too slow */
	PT_END_AUTH_FAILED, /* the auth service said no */
	PT_END_LIMITED,     /* refused by a limit */
	PT_END_ERROR        /* anything else: protocol, auth service, backend */
};
enum pt_core_end pt_session_end(const struct pt_session *s);
int pt_session_relaying(const struct pt_session *s);
/* The credentials of the auth request in flight (state auth-http: from
 * AUTH_REQUEST until the reply), unescaped, for an authenticator inside
 * the shell (auth_file).  method is one PT_CORE_AUTH_* bit (SASL LOGIN is
 * PLAIN, as in the request); pass is the client's password, or its
 * CRAM-MD5 / APOP digest in hex, with salt the challenge.  The bytes live
 * in the session: valid until the next call into it.  -1 outside. */
struct pt_auth_creds {
	uint32_t method;
	struct pt_core_bytes user, pass, salt;
};
int pt_session_auth_creds(const struct pt_session *s, struct pt_auth_creds *out);
/* The login of the last auth request, escaped for a log line ("" before). */
const char *pt_session_user(const struct pt_session *s);

#endif
