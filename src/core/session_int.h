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
#include "util/buf.h"

#define PT_STATES(X) \
	X(PT_ST_NEW, "new") \
	X(PT_ST_TLS_HANDSHAKE, "tls-handshake") \
	X(PT_ST_AUTH, "auth") \
	X(PT_ST_SASL_PLAIN, "sasl-plain") \
	X(PT_ST_SASL_LOGIN_USER, "sasl-login-username") \
	X(PT_ST_SASL_LOGIN_PASS, "sasl-login-password") \
	X(PT_ST_SASL_CRAM_MD5, "sasl-cram-md5") \
	X(PT_ST_SASL_EXTERNAL, "sasl-external") \
	X(PT_ST_AUTH_HTTP, "auth-http") \
	X(PT_ST_AUTH_WAIT, "auth-wait") \
	X(PT_ST_BACKEND_CONNECT, "backend-connect") \
	X(PT_ST_BACKEND_GREETING, "backend-greeting") \
	X(PT_ST_BACKEND_USER, "backend-user") \
	X(PT_ST_BACKEND_PASS, "backend-pass") \
	X(PT_ST_BACKEND_AUTH, "backend-auth") \
	X(PT_ST_RELAY, "relay") \
	X(PT_ST_CLOSED, "closed")
enum pt_state { PT_STATES(PT_ENUM_ITEM) PT_ST_COUNT };

#define PT_ERRS(X) \
	X(PT_ERR_NONE, "none") \
	X(PT_ERR_QUIT, "client quit") \
	X(PT_ERR_CLIENT_EOF, "client closed connection") \
	X(PT_ERR_TIMEOUT, "client timed out") \
	X(PT_ERR_TOO_LONG, "client sent too long command") \
	X(PT_ERR_MAX_ERRORS, "client sent too many invalid commands") \
	X(PT_ERR_NONSYNC_LITERAL, "client sent invalid command with non-synchronizing literal") \
	X(PT_ERR_AUTH_REJECTED, "client login failed") \
	X(PT_ERR_AUTH_INTERNAL, "auth http server error") \
	X(PT_ERR_BACKEND, "upstream error") \
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
	PT_METHOD_EXTERNAL
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
	int has_server, has_port, has_wait, has_user, has_pass;
	int done;
};

struct pt_session {
	const struct pt_core_conf *conf;
	enum pt_state state;
	enum pt_err err;
	int close_queued;
	int trace;

	uint64_t now;
	uint64_t deadline;          /* 0: none */

	char client_ip[64];
	size_t client_ip_len;
	uint64_t unix_time;
	uint64_t random;
	int tls;                    /* TLS is up with the client */
	char tls_protocol[32];
	char tls_cipher[64];
	int greeted;

	uint64_t errors;            /* invalid commands so far */
	unsigned login_attempt;

	/* client -> core */
	uint8_t *cb;
	size_t cb_cap, cb_len;
	struct pt_imap_parser ip;
	int literal_pending;        /* "+ OK" sent, parser continues */

	/* core -> client */
	uint8_t *out;
	size_t out_cap, out_len, out_sent;
	int send_client_queued;

	/* backend -> core, core -> backend */
	uint8_t *bb;
	size_t bb_cap, bb_len;
	struct pt_imap_resp_parser rp;
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

	/* credentials (never logged) */
	uint8_t *login;
	uint8_t *passwd;
	size_t cred_cap, login_len, passwd_len;
	enum pt_sasl_method method;
	char salt[PT_SALT_MAX];
	size_t salt_len;
	char tag[PT_TAG_MAX + 1];
	size_t tag_len;

	/* actions */
	struct pt_action q[PT_ACTQ];
	char logmsg[PT_ACTQ][PT_LOGMSG_MAX];
	unsigned qhead, qlen;
	size_t relay_off, relay_len;
};

/* session.c */
void pt_session_enter(struct pt_session *s, enum pt_state st);
void pt_session_fail(struct pt_session *s, enum pt_err err);
void pt_session_close(struct pt_session *s, enum pt_err err);
struct pt_action *pt_session_push(struct pt_session *s, enum pt_act_type type);
void pt_session_log(struct pt_session *s, enum pt_log_level lvl, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void pt_session_set_deadline(struct pt_session *s, uint64_t at);
int pt_session_out(struct pt_session *s, const void *p, size_t n);
int pt_session_out_str(struct pt_session *s, const char *str);
void pt_session_flush_client(struct pt_session *s);
void pt_session_flush_backend(struct pt_session *s);
void pt_session_reply(struct pt_session *s, enum pt_reply code, int tagged);
void pt_session_consume(struct pt_session *s, size_t n);
void pt_session_clear_credentials(struct pt_session *s);
int pt_session_set_cred(struct pt_session *s, int which, const uint8_t *p, size_t n);
int pt_session_reading(const struct pt_session *s);

/* imap.c */
void pt_imap_start(struct pt_session *s);
void pt_imap_resume(struct pt_session *s);
void pt_imap_process_input(struct pt_session *s);
void pt_imap_backend_input(struct pt_session *s);
void pt_imap_backend_connected(struct pt_session *s);
void pt_imap_internal_error(struct pt_session *s);

/* authreq.c */
int pt_authreq_build(struct pt_session *s);
void pt_authreq_start(struct pt_session *s);
void pt_authreq_send(struct pt_session *s);
void pt_authreply_line(struct pt_session *s, const uint8_t *p, size_t n);
void pt_authreply_done(struct pt_session *s);
int pt_authreq_put_escaped(struct pt_wbuf *w, const uint8_t *p, size_t n);

#endif
