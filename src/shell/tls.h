/*
 * tls.h - TLS with the client: one BearSSL server engine per connection,
 * set between the socket and the connection's plaintext (the core before
 * the relay, the relay buffers after it).
 *
 * pt_tls_recv / pt_tls_send have recv(2)/send(2)'s contract on plaintext
 * (a byte count, 0 for the end of the stream, -1 with errno, EAGAIN when
 * nothing can move now) and do the socket I/O for records themselves:
 * every call first writes the records the engine has, then reads records
 * while the engine asks for them.  pt_tls_want_read / _want_write say which
 * socket events the engine waits for, for the watchers.
 *
 * Every engine gets 32 bytes of getrandom() (deps: the Debian 0.6 seeder
 * is RDRAND or the urandom device only); renegotiation is refused; only
 * TLS 1.2 with ECDHE and AEAD suites is offered (BearSSL has no TLS 1.3).
 */
#ifndef PT_SHELL_TLS_H
#define PT_SHELL_TLS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "shell/tlsconf.h"

struct pt_tls;

/* tlsec.c: BearSSL's elliptic-curve code with libcrypto's X25519 in it
 * (after a self-check; else BearSSL's alone), for an engine's ECDHE. */
const br_ec_impl *pt_tls_ec_get(void);
/* tlsimpl.c: a zeroed server context with the hashes, PRFs and AEAD record
 * code of TLS 1.2's ECDHE suites, chosen once per process. */
void pt_tls_impl_server_init(br_ssl_server_context *sc);
/* A zeroed client context toward a backend with BearSSL's full client
 * profile (br_ssl_client_init_full's), its CPU-dependent code chosen once
 * per process, and xm as its certificate check against tas. */
void pt_tls_impl_client_init(br_ssl_client_context *cc, br_x509_minimal_context *xm,
                             const br_x509_trust_anchor *tas, size_t n_tas);

/* A server engine for the certificates of t; NULL when out of memory or
 * entropy (errno set). */
struct pt_tls *pt_tls_new(const struct pt_tls_server *t);
/* A client engine toward a backend at addr (IP text: the name checked
 * when proxy_ssl_name is not set). */
struct pt_tls_backend;
struct pt_tls *pt_tls_new_client(const struct pt_tls_backend *b, const char *addr);
void pt_tls_free(struct pt_tls *s);

ssize_t pt_tls_recv(struct pt_tls *s, int fd, void *buf, size_t cap);
ssize_t pt_tls_send(struct pt_tls *s, int fd, const void *buf, size_t len);
/* The relay's zero-copy pair of each: the plaintext the engine holds
 * (recv's contract, the bytes stay until consumed), and room in the
 * engine for plaintext going out (NULL with errno EAGAIN: none now;
 * commit sends what was written there). */
ssize_t pt_tls_peek(struct pt_tls *s, int fd, const uint8_t **p);
void pt_tls_consume(struct pt_tls *s, size_t n);
uint8_t *pt_tls_space(struct pt_tls *s, int fd, size_t *room);
int pt_tls_commit(struct pt_tls *s, int fd, size_t n);
int pt_tls_has_plaintext(const struct pt_tls *s);
int pt_tls_has_room(const struct pt_tls *s);
/* Write pending records; 1 when none is left, 0 on EAGAIN, -1 on error. */
int pt_tls_flush(struct pt_tls *s, int fd);
/* Queue close_notify (the relay's half-close toward the client). */
void pt_tls_close(struct pt_tls *s);

int pt_tls_want_read(const struct pt_tls *s);
int pt_tls_want_write(const struct pt_tls *s);
/* Plaintext is waiting in the engine: recv would return it at once. */
int pt_tls_pending(const struct pt_tls *s);
/* The engine is closed (close_notify either way, or an error): no
 * plaintext goes in or out any more. */
int pt_tls_closed(const struct pt_tls *s);
/* The handshake is over (once true, stays true). */
int pt_tls_up(const struct pt_tls *s);
/* The handshake resumed a cached session (metrics); tlscache.c marks it. */
int pt_tls_resumed(const struct pt_tls *s);
void pt_tls_note_resumed(br_ssl_server_context *sc);
/* "TLSv1.2" and the OpenSSL name of the suite, for Auth-SSL-*; "" before. */
const char *pt_tls_protocol(const struct pt_tls *s);
const char *pt_tls_cipher(const struct pt_tls *s);
/* After the handshake, under ssl_verify_client: the client's certificate
 * checked (tlsverify.h); all empty when verify is off.  Once only: the
 * chain is freed.  0, or -1 when out of memory. */
struct pt_tls_certinfo;
int pt_tls_certinfo(struct pt_tls *s, int with_pem, struct pt_tls_certinfo *ci);
/* The engine's error (BearSSL's code; 0 none), and a word for it. */
int pt_tls_error(const struct pt_tls *s);
const char *pt_tls_error_text(int err);

#endif
