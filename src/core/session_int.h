/*
 * session_int.h - the inside of struct pt_session, shared by the files of
 * src/core and nobody else (the shell sees only core.h).
 *
 * Memory layout (one caller block): the struct, then the client command
 * buffer (client_buffer), the client reply buffer, the backend line
 * buffer (proxy_buffer), the backend command buffer, the auth request
 * and reply buffers, and the credential stores; sizes in
 * pt_session_mem_size().
 */
#ifndef PT_CORE_SESSION_INT_H
#define PT_CORE_SESSION_INT_H

#include "core/core.h"
#include "proto/authhdr.h"
#include "proto/imap_cmd.h"
#include "proto/imap_resp.h"
#include "proto/pop3_cmd.h"
#include "proto/pop3_resp.h"
#include "proto/proxy.h"
#include "proto/sieve_cmd.h"
#include "proto/sieve_resp.h"
#include "proto/smtp_cmd.h"
#include "proto/smtp_resp.h"
#include "util/buf.h"

#define PT_STATES(X) \
	X(PT_ST_NEW, "new") \
	X(PT_ST_PROXY, "proxy-protocol") \
	X(PT_ST_SMTP_RESOLVE, "smtp-resolve") \
	X(PT_ST_SMTP_DELAY, "smtp-greeting-delay") \
	X(PT_ST_TLS_HANDSHAKE, "tls-handshake") \
	X(PT_ST_AUTH, "auth") \
	X(PT_ST_POP3_USER, "pop3-user") \
	X(PT_ST_SASL_PLAIN, "sasl-plain") \
	X(PT_ST_SASL_LOGIN_USER, "sasl-login-username") \
	X(PT_ST_SASL_LOGIN_PASS, "sasl-login-password") \
	X(PT_ST_SASL_CRAM_MD5, "sasl-cram-md5") \
	X(PT_ST_SASL_EXTERNAL, "sasl-external") \
	X(PT_ST_SASL_XOAUTH2, "sasl-xoauth2") \
	X(PT_ST_SASL_OAUTHBEARER, "sasl-oauthbearer") \
	X(PT_ST_SASL_ERROR, "sasl-error") \
	X(PT_ST_AUTH_HTTP, "auth-http") \
	X(PT_ST_AUTH_WAIT, "auth-wait") \
	X(PT_ST_BACKEND_CONNECT, "backend-connect") \
	X(PT_ST_BACKEND_GREETING, "backend-greeting") \
	X(PT_ST_BACKEND_STARTTLS_EHLO, "backend-starttls-ehlo") \
	X(PT_ST_BACKEND_STARTTLS, "backend-starttls") \
	X(PT_ST_BACKEND_TLS_HANDSHAKE, "backend-tls-handshake") \
	X(PT_ST_BACKEND_ID, "backend-id") \
	X(PT_ST_BACKEND_CAPABILITY, "backend-capability") \
	X(PT_ST_BACKEND_USER, "backend-user") \
	X(PT_ST_BACKEND_PASS, "backend-pass") \
	X(PT_ST_BACKEND_AUTH, "backend-auth") \
	X(PT_ST_BACKEND_HELO, "backend-helo") \
	X(PT_ST_BACKEND_XCLIENT, "backend-xclient") \
	X(PT_ST_BACKEND_HELO_REPLAY, "backend-helo-replay") \
	X(PT_ST_BACKEND_SMTP_AUTH, "backend-smtp-auth") \
	X(PT_ST_BACKEND_SMTP_AUTH_USER, "backend-smtp-auth-user") \
	X(PT_ST_BACKEND_SMTP_AUTH_PASS, "backend-smtp-auth-pass") \
	X(PT_ST_BACKEND_MAIL, "backend-mail") \
	X(PT_ST_BACKEND_RCPT, "backend-rcpt") \
	X(PT_ST_RELAY, "relay") \
	X(PT_ST_CLOSED, "closed")
enum pt_state { PT_STATES(PT_ENUM_ITEM) PT_ST_COUNT };

#define PT_ERRS(X) \
	X(PT_ERR_NONE, "none") \
	X(PT_ERR_QUIT, "client quit") \
	X(PT_ERR_CLIENT_EOF, "client closed connection") \
	X(PT_ERR_TIMEOUT, "client timed out") \
	X(PT_ERR_TOO_LONG, "client sent too long command") \
	X(PT_ERR_PROXY_HEADER, "client sent broken PROXY protocol header") \
	X(PT_ERR_MAX_ERRORS, "client sent too many invalid commands") \
	X(PT_ERR_NONSYNC_LITERAL, "client sent invalid command with non-synchronizing literal") \
	X(PT_ERR_AUTH_REJECTED, "client login failed") \
	X(PT_ERR_AUTH_INTERNAL, "auth http server error") \
	X(PT_ERR_BACKEND, "upstream error") \
	X(PT_ERR_CERT, "client SSL certificate verify error") \
	X(PT_ERR_NO_CERT, "client sent no required SSL certificate") \
	X(PT_ERR_LIMIT, "client refused by limit") \
	X(PT_ERR_STATE, "internal state error")
enum pt_err { PT_ERRS(PT_ENUM_ITEM) PT_ERR_COUNT };

/* Reply texts (reply.c), keyed by protocol and code. */
enum pt_reply {
	PT_R_GREETING,
	PT_R_OK,            /* tagged success */
	PT_R_INVALID,       /* tagged or "* " failure */
	PT_R_NEXT,          /* "+ OK": send the literal */
	PT_R_PLAIN_NEXT,    /* "+ ": send the PLAIN response */
	PT_R_USERNAME,      /* "+ VXNlcm5hbWU6" */
	PT_R_PASSWORD,      /* "+ UGFzc3dvcmQ6" */
	PT_R_BYE,
	PT_R_INTERNAL,      /* internal server error */
	PT_R_CAPABILITY,    /* the capability line's start */
	PT_R_AUTH_FAILED,   /* prefix of the auth server's error text */
	PT_R_GREETING_SALT, /* POP3: the greeting's start when a salt follows */
	PT_R_AUTH_METHODS,  /* POP3: "AUTH" without a mechanism */
	PT_R_GREETING_END,  /* SMTP: after "220 <server_name>" */
	PT_R_STARTTLS,      /* SMTP: "220 2.0.0 Start TLS" */
	PT_R_PIPELINING,    /* SMTP: input before the greeting */
	PT_R_INVALID_ARG,
	PT_R_AUTH_REQUIRED,
	PT_R_BAD_SEQUENCE,
	PT_R_AUTH_OK,       /* SMTP: "235 2.0.0 OK" after the backend login */
	PT_R_CRAM_NEXT,     /* the CRAM-MD5 challenge's start, before base64(salt) */
	PT_R_CERT_ERROR,    /* ssl_verify_client: the certificate failed its check */
	PT_R_NO_CERT,       /* ssl_verify_client on: none was sent */
	PT_R_ID,            /* IMAP: the untagged answer to ID */
	PT_R_ID_OK,         /* IMAP: the tagged one */
	PT_R_LIMIT_CONN,    /* limit_conn_per_*: too many connections (postern) */
	PT_R_LIMIT_LOGIN,   /* limit_login_per_*: too many login attempts (postern) */
	PT_R_TIMEOUT,       /* before a timeout's close (ManageSieve's BYE; nginx: none) */
	PT_R_MAX_ERRORS,    /* before max_errors' close (ManageSieve's BYE; nginx: none) */
	PT_R_TOO_LONG,      /* before a too long command's close (ManageSieve's BYE; nginx: none) */
	PT_R_COUNT
};
const char *pt_reply_text(enum pt_core_proto proto, enum pt_reply code);

#define PT_ACTQ 32              /* actions one call may leave; a step emits a few */
#define PT_LOGMSG_MAX 256       /* one LOG action's text */
#define PT_SALT_MAX 192         /* "<random.time@server_name>" */
#define PT_TAG_MAX PT_IMAP_TAG_MAX

enum pt_sasl_method {
	PT_METHOD_PLAIN = 1,        /* LOGIN command, AUTHENTICATE PLAIN and LOGIN */
	PT_METHOD_CRAM_MD5,
	PT_METHOD_EXTERNAL,
	PT_METHOD_APOP,             /* POP3 APOP: the digest goes to Auth-Pass */
	PT_METHOD_NONE,             /* SMTP smtp_auth none: MAIL and RCPT instead */
	PT_METHOD_XOAUTH2,          /* the bearer token goes to Auth-Pass */
	PT_METHOD_OAUTHBEARER
};

struct pt_authreply {
	int has_status;
	int ok;
	int wait_status;            /* "Auth-Status: WAIT": ask again later */
	struct pt_span status;      /* into arep */
	struct pt_span server;
	struct pt_span port;
	struct pt_span wait;
	struct pt_span user;
	struct pt_span pass;
	struct pt_span error_code;
	struct pt_span error_sasl;  /* Auth-Error-SASL (XOAUTH2, OAUTHBEARER only) */
	int has_server, has_port, has_wait, has_user, has_pass, has_error_code, has_error_sasl;
	int done;
};

struct pt_session;

/* What differs between IMAP, POP3 and SMTP; the rest of the core is shared. */
struct pt_proto_ops {
	void (*start)(struct pt_session *s);            /* greet (after implicit TLS) */
	void (*resume)(struct pt_session *s);           /* read commands again */
	void (*process_input)(struct pt_session *s);    /* commands in the client buffer */
	/* the command reader of pt_session_process_input(): parse one line of
	 * the client buffer (*used: its length once DONE or INVALID), handle a
	 * DONE or INVALID line, set the parser for the current state */
	enum pt_parse_status (*parse)(struct pt_session *s, size_t *used);
	void (*on_line)(struct pt_session *s, enum pt_parse_status st);
	void (*reset)(struct pt_session *s);
	void (*backend_connected)(struct pt_session *s);
	void (*backend_input)(struct pt_session *s);    /* lines in the backend buffer */
	void (*backend_tls_up)(struct pt_session *s);   /* backend STARTTLS done: log in */
	void (*internal_error)(struct pt_session *s);   /* the error line, then close */
	void (*auth_error)(struct pt_session *s, const uint8_t *text, size_t n);
};

extern const struct pt_proto_ops pt_imap_ops;
extern const struct pt_proto_ops pt_pop3_ops;
extern const struct pt_proto_ops pt_smtp_ops;
extern const struct pt_proto_ops pt_sieve_ops;
/* protos.c: the ops of a protocol built in, else NULL. */
const struct pt_proto_ops *pt_proto_ops_of(enum pt_core_proto proto);

struct pt_session {
	const struct pt_core_conf *conf;
	const struct pt_proto_ops *ops;
	enum pt_state state;
	enum pt_err err;
	int close_queued;
	int trace;

	uint64_t now;
	uint64_t deadline;          /* 0: none */

	char client_ip[64];
	size_t client_ip_len;
	uint16_t client_port;       /* Client-Port, Server-Addr, Server-Port (postern's) */
	char server_addr[64];
	size_t server_addr_len;
	uint16_t server_port;
	uint64_t unix_time;
	uint64_t random;
	int tls;                    /* TLS is up with the client */
	char tls_protocol[32];
	char tls_cipher[64];
	int greeted;
	int limited;                /* LIMIT_CONN came: refuse once the protocol starts */

	/* the client's certificate, for the auth request (clientcert.c) */
	uint8_t *cert;              /* pt_clientcert_cap(conf) bytes; NULL: verify off */
	size_t cert_cap, cert_len;
	struct pt_span cert_verify, cert_subject, cert_issuer, cert_serial, cert_fp, cert_pem;

	/* listen ... proxy_protocol: the header before anything else */
	uint8_t *pp;                /* PT_PROXY_MAX bytes, when conf->proxy_protocol */
	size_t pp_len;
	struct pt_proxy_parser ppp;
	int pp_trusted;             /* the peer is in set_real_ip_from */
	int pp_tls;                 /* implicit TLS follows the header */

	uint64_t errors;            /* invalid commands so far */
	unsigned login_attempt;

	/* client -> core */
	uint8_t *cb;
	size_t cb_cap, cb_len;
	union {                     /* the client command parser of the protocol */
		struct pt_imap_parser imap;
		struct pt_pop3_parser pop3;
		struct pt_smtp_parser smtp;
		struct pt_sieve_parser sieve;
	} cp;
	int literal_pending;        /* "+ OK" sent, parser continues */

	/* core -> client */
	uint8_t *out;
	size_t out_cap, out_len, out_sent;
	int send_client_queued;

	/* backend -> core, core -> backend */
	uint8_t *bb;
	size_t bb_cap, bb_len;
	union {                     /* the backend reply parser of the protocol */
		struct pt_imap_resp_parser imap;
		struct pt_pop3_resp_parser pop3;
		struct pt_smtp_resp_parser smtp;
		struct pt_sieve_resp_parser sieve;
	} rp;
	size_t bb_line;             /* start of the line being parsed */
	int untagged_seen;
	uint8_t *bout;
	size_t bout_cap, bout_len, bout_sent;
	int send_backend_queued;

	/* auth_http */
	uint8_t *areq;
	size_t areq_cap, areq_len;
	uint8_t *arep;
	size_t arep_len;
	struct pt_authreply ar;
	uint64_t wait_ms;
	int rerequest;              /* AUTH_WAIT ends with a new auth request */
	unsigned auth_waits;        /* WAIT answers to this login (PT_AUTH_WAIT_MAX) */

	/* credentials (never logged) */
	uint8_t *login;
	uint8_t *passwd;
	size_t cred_cap, login_len, passwd_len;
	enum pt_sasl_method method;
	int sasl_err_quit;          /* SASL error challenge out: close after its answer */
	char salt[PT_SALT_MAX];
	size_t salt_len;
	char user[128];             /* the login for logs, escaped; not a secret */
	char tag[PT_TAG_MAX + 1];
	size_t tag_len;

	/* IMAP: the client's last ID line (before login; dropped by STARTTLS) */
	uint8_t *id_line;           /* client_buffer bytes (IMAP only) */
	size_t id_line_len;
	struct pt_imap_id_pair id_pairs[PT_IMAP_ID_PAIRS_MAX];   /* spans into id_line */
	unsigned id_npairs;

	/* SMTP: what the client said before login, and who it is */
	uint8_t *smtp_store;        /* HELO argument, MAIL line, RCPT line: client_buffer each */
	size_t helo_len, from_len, to_len;
	int esmtp;                  /* the client said EHLO */
	char client_host[256];
	size_t client_host_len;
	struct pt_span error_code;  /* Auth-Error-Code, into arep */
	int has_error_code;
	int backend_plain, backend_login;   /* the backend's EHLO offered them */

	/* actions */
	struct pt_action q[PT_ACTQ];
	char logmsg[PT_ACTQ][PT_LOGMSG_MAX];
	unsigned qhead, qlen;
	size_t relay_off, relay_len;
};

/* The backend login states run from GREETING to RCPT (backend STARTTLS,
 * backtls.c, included: its failures are backend login failures). */
#define PT_ST_BACKEND_FIRST PT_ST_BACKEND_GREETING
#define PT_ST_BACKEND_LAST PT_ST_BACKEND_RCPT

/* session.c */
int pt_session_backend_login(const struct pt_session *s);
void pt_session_enter(struct pt_session *s, enum pt_state st);
void pt_session_fail(struct pt_session *s, enum pt_err err);
void pt_session_close(struct pt_session *s, enum pt_err err);
struct pt_action *pt_session_push(struct pt_session *s, enum pt_act_type type);
void pt_session_begin(struct pt_session *s, int tls);

/* proxyhdr.c */
uint8_t *pt_proxyhdr_recv_buf(struct pt_session *s, size_t *len);
void pt_proxyhdr_recv_ack(struct pt_session *s, size_t n);
void pt_session_log(struct pt_session *s, enum pt_log_level lvl, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void pt_session_set_deadline(struct pt_session *s, uint64_t at);
int pt_session_out(struct pt_session *s, const void *p, size_t n);
int pt_session_out_str(struct pt_session *s, const char *str);
void pt_session_flush_client(struct pt_session *s);
void pt_session_flush_backend(struct pt_session *s);
void pt_session_backend_put(struct pt_session *s, const struct pt_wbuf *w, enum pt_state next,
                            const char *why);
void pt_session_reply(struct pt_session *s, enum pt_reply code, int tagged);
void pt_session_consume(struct pt_session *s, size_t n);
void pt_session_clear_credentials(struct pt_session *s);
void pt_session_start_tls(struct pt_session *s);
int pt_session_set_cred(struct pt_session *s, int which, const uint8_t *p, size_t n);
int pt_session_reading(const struct pt_session *s);
void pt_session_invalid(struct pt_session *s);
void pt_session_authenticated(struct pt_session *s, enum pt_sasl_method m);
void pt_session_backend_fail(struct pt_session *s, size_t line_end, const char *why);
void pt_session_backend_wait(struct pt_session *s);
void pt_session_backend_drop(struct pt_session *s, size_t end);
void pt_session_logged_in(struct pt_session *s, size_t forward);
void pt_session_internal_error(struct pt_session *s);
void pt_session_process_input(struct pt_session *s);
int pt_session_starttls_only(const struct pt_session *s);

/* clientcert.c: ssl_verify_client */
size_t pt_clientcert_cap(const struct pt_core_conf *c);
int pt_clientcert_take(struct pt_session *s, const struct pt_ev_tls *t);
struct pt_wbuf;
void pt_clientcert_put_headers(const struct pt_session *s, struct pt_wbuf *w);


/* backtls.c: STARTTLS toward the backend (conf->backend_starttls) */
void pt_backtls_begin(struct pt_session *s, size_t line_end);
void pt_backtls_up(struct pt_session *s);
const char *pt_backtls_lost(const struct pt_session *s, enum pt_ev_type ev);

/* limit.c: the shell's limits said no (PT_EV_LIMIT_CONN, _LIMIT_LOGIN) */
void pt_limit_conn(struct pt_session *s);
void pt_limit_refuse(struct pt_session *s);
void pt_limit_login(struct pt_session *s);

/* smtp.c */
void pt_smtp_client_host(struct pt_session *s, const uint8_t *name, size_t n);
void pt_smtp_greet(struct pt_session *s);

/* sasl.c */
void pt_sasl_make_salt(struct pt_session *s);
int pt_sasl_cram_challenge(struct pt_session *s);
int pt_sasl_take_plain(struct pt_session *s, const uint8_t *b64, size_t n);
int pt_sasl_take_cram(struct pt_session *s, const uint8_t *b64, size_t n);
int pt_sasl_take_value(struct pt_session *s, const uint8_t *b64, size_t n, int which);
int pt_sasl_allowed(const struct pt_session *s, const uint8_t *mech, size_t n, int has_ir);
/* The mechanisms of methods that postern offers, each as lead (the first)
 * or sep (the others), its name, end. */
#define PT_SASL_MECH_BITS                                                     \
	(PT_CORE_AUTH_PLAIN | PT_CORE_AUTH_LOGIN | PT_CORE_AUTH_CRAM_MD5 |        \
	 PT_CORE_AUTH_EXTERNAL | PT_CORE_AUTH_XOAUTH2 | PT_CORE_AUTH_OAUTHBEARER)
void pt_sasl_put_mechs(struct pt_session *s, uint32_t methods, const char *lead, const char *sep,
                       const char *end);
/* An invalid command, from the session, when the response is bad. */
void pt_sasl_start(struct pt_session *s, const uint8_t *mech, size_t n, const uint8_t *ir,
                   size_t irn, int has_ir);
void pt_sasl_continue(struct pt_session *s, const uint8_t *p, size_t n);
int pt_sasl_error_challenge(struct pt_session *s, int quit);
void pt_sasl_put_plain(struct pt_session *s, struct pt_wbuf *w, uint8_t *scratch, size_t cap);

/* authreq.c */
int pt_authreq_build(struct pt_session *s);
void pt_authreq_start(struct pt_session *s);
void pt_authreq_send(struct pt_session *s);
void pt_authreply_line(struct pt_session *s, const uint8_t *p, size_t n);
void pt_authreply_done(struct pt_session *s);
void pt_authreply_send_error(struct pt_session *s);
int pt_authreq_put_escaped(struct pt_wbuf *w, const uint8_t *p, size_t n);

#endif
