/*
 * tlscache.c - ssl_session_cache (tlscache.h).  For now no cache: every
 * handshake is a full one.
 */
#include "shell/tlscache.h"

void pt_tls_cache_attach(struct pt_tls_cache *c, br_ssl_server_context *sc)
{
	(void)c;
	(void)sc;
}
