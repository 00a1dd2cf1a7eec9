/*
 * limits.h - every fixed bound of postern in one place, each with its
 * reason.  Sizes an operator may change are config directives instead
 * (imap_client_buffer, proxy_buffer, ...).
 */
#ifndef PT_UTIL_LIMITS_H
#define PT_UTIL_LIMITS_H

/* Configuration */

/* A config file is text: anything larger is refused before it is read. */
#define PT_CONF_FILE_MAX (16u * 1024 * 1024)
/* nginx's NGX_CONF_BUFFER: a longer word is "too long parameter". */
#define PT_CONF_WORD_MAX 4096
/* nginx has no bound and runs out of file descriptors on an include loop;
 * real configs nest two or three deep. */
#define PT_CONF_INCLUDE_DEPTH_MAX 16
/* Words in one directive; nginx's TAKEn directives stop at 8, lists
 * (capabilities, ssl_protocols) are far shorter than this. */
#define PT_CONF_DIRECTIVE_WORDS_MAX 64
/* Addresses kept per host name in listen/resolver/set_real_ip_from. */
#define PT_CONF_RESOLVE_MAX 16
/* Listening sockets in one config: a port range "1-65535" must not turn
 * config loading into minutes of duplicate checks. */
#define PT_CONF_LISTEN_MAX 4096

/* SASL */

/* Decoded bytes in one SASL response (grammar/sasl.rl); more is invalid.
 * The response arrives as one base64 line inside the client buffer, whose
 * default (nginx: one page) is 4096 bytes, and base64 carries 3 bytes in 4:
 * a default-sized buffer decodes to at most 3072.  RFC 4616 §2 only asks
 * for 255 octets per part (3 * 255 + 2 = 767 in all), but OAuth bearer
 * tokens (XOAUTH2, OAUTHBEARER) are 1-3 KB and some issuers' reach 8 KB:
 * 16384 covers them with a client buffer raised to 22k (base64 of 16384),
 * and still keeps the work per response fixed. */
#define PT_SASL_MAX 16384

/* auth_http */

/* "Auth-Status: WAIT" answers to one login before it is an internal error.
 * nginx asks again for as long as the service says WAIT, at once when
 * there is no Auth-Wait: a broken or hostile service would hold the
 * session, and itself, in that loop for ever.  A service that is merely
 * busy says WAIT once or twice. */
#define PT_AUTH_WAIT_MAX 10

/* Idle connections a worker keeps to auth services (auth_http_keepalive):
 * enough for a burst of logins to reuse them, few enough that a quiet
 * worker holds no more than a handful of sockets. */
#define PT_AUTH_HTTP_IDLE_MAX 16

/* Logging */

/* nginx's NGX_MAX_ERROR_STR: a longer message is cut, never overflows. */
#define PT_LOG_LINE_MAX 2048

/* Limits and the status listener (postern extensions) */

/* Slots a key may take in the limits' table (util/limtab.h): enough that a
 * table a quarter full seldom turns a key away, few enough that one lookup
 * under the lock stays a handful of cache lines. */
#define PT_LIMTAB_PROBE 16
/* nginx's floor for a shared memory zone: eight pages (ssl_session_cache
 * shared:, limit_zone_size). */
#define PT_CONF_SHM_MIN ((size_t)8 * 4096)
/* limit_zone_size: nginx's zones default to none, but a limit needs a
 * table; 1 MiB is 26000 entries of 40 bytes. */
#define PT_LIMTAB_ZONE_DEFAULT ((size_t)1 << 20)
#define PT_LIMTAB_ZONE_MIN PT_CONF_SHM_MIN
#define PT_LIMTAB_ZONE_MAX ((size_t)1 << 30)
/* limit_conn_per_*: a count above this is a typo, not a limit. */
#define PT_LIMIT_CONN_MAX 1000000
/* limit_login_per_*: "N r/s" or "N r/m" with N at most this, burst too. */
#define PT_LIMIT_RATE_MAX 1000000
/* status_listen: one request of at most this many bytes (request line and
 * headers; curl and Prometheus send some 200), a request target of at most
 * PT_STATUS_TARGET_MAX, read within PT_STATUS_TIMEOUT_MS, and at most
 * PT_STATUS_CONNS_MAX such connections per worker at once. */
#define PT_STATUS_REQ_MAX 4096
#define PT_STATUS_TARGET_MAX 256
#define PT_STATUS_TIMEOUT_MS 10000
#define PT_STATUS_CONNS_MAX 32
/* status_listen out of descriptors: accepting again after this long (a
 * scrape comes every few seconds; the listener must not spin meanwhile). */
#define PT_STATUS_PAUSE_MS 1000

#endif
