/*
 * tlscache.h - ssl_session_cache: the TLS sessions a client may resume,
 * kept per server (builtin) or across the workers (shared).
 */
#ifndef PT_SHELL_TLSCACHE_H
#define PT_SHELL_TLSCACHE_H

#include <bearssl.h>

#include "shell/tlsconf.h"

/* Let sc resume from and store into c (NULL: no cache, nothing done). */
void pt_tls_cache_attach(struct pt_tls_cache *c, br_ssl_server_context *sc);

#endif
