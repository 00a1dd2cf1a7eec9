/*
 * tlscache.h - ssl_session_cache: the TLS sessions a client may resume,
 * kept per server and worker (builtin) or across the workers (shared).
 *
 * Life cycle
 * - Master (through metrics.h's pt_shared_prepare/_commit/_abort/_done,
 *   with the rest of the shared memory): pt_tls_cache_shared_prepare(conf)
 *   maps one region per "shared:name:size" of conf before the workers are
 *   forked (they inherit it), then _commit() once the workers of conf are
 *   to be forked, or _abort() when the config is given up.  On reload the
 *   regions of the old config stay mapped in the old workers only; the
 *   master keeps a region of the same name and size for the new config.
 *   pt_tls_cache_shared_done() unmaps what the master holds at exit.
 * - Worker: pt_tls_cache_open(t) after pt_tls_server_load(t) sets
 *   t->cache (NULL: none); pt_tls_cache_sweeper_start(loop) wipes expired
 *   entries in the background; pt_tls_cache_close(t) before
 *   pt_tls_server_free(t).
 * - Connection: pt_tls_cache_attach(t->cache, sc).
 */
#ifndef PT_SHELL_TLSCACHE_H
#define PT_SHELL_TLSCACHE_H

#include <bearssl.h>
#include <ev.h>

#include "shell/tlsconf.h"

/* Let sc resume from and store into c (NULL: no cache, nothing done). */
void pt_tls_cache_attach(struct pt_tls_cache *c, br_ssl_server_context *sc);

/* For -t, start and reload: "shared:name:size" named twice with two
 * sizes is an [emerg] through msg, as nginx's
 *   the size 2097152 of shared memory zone "TLS" conflicts with already
 *   declared size 1048576 in /p/postern.conf:12
 * (the place is that of the server block naming the second size).
 * 0, or 1 after the [emerg], as pt_serve_check. */
int pt_tls_cache_check(const struct pt_conf *conf, pt_check_msg_fn msg, void *ctx);

/* Master.  0, or -1 after an [emerg] in the error log (mmap failed);
 * nothing changes then. */
int pt_tls_cache_shared_prepare(const struct pt_conf *conf);
void pt_tls_cache_shared_commit(void);
void pt_tls_cache_shared_abort(void);
void pt_tls_cache_shared_done(void);

/* Worker.  0, or -1 after an [emerg] in the error log. */
int pt_tls_cache_open(struct pt_tls_server *t);
void pt_tls_cache_close(struct pt_tls_server *t);
void pt_tls_cache_sweeper_start(struct ev_loop *loop);
void pt_tls_cache_sweeper_stop(struct ev_loop *loop);

#endif
