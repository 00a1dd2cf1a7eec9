/*
 * load.c - pt_conf_load(): -g directives first (as nginx does), then the
 * main file and its includes, then the checks; one arena holds it all.
 */
#include <string.h>

#include "conf/conf_int.h"

static const struct pt_name pt_proto_names[] = { PT_PROTOS(PT_NAME_ITEM) };

const char *pt_proto_name(enum pt_proto p)
{
	return pt_name_of(pt_proto_names, PT_COUNTOF(pt_proto_names), (int)p);
}

struct pt_conf *pt_conf_load(const struct pt_conf_io *io, const char *path)
{
	struct pt_conf_parser P;
	struct pt_conf_arena *arena = pt_conf_arena_new();
	struct pt_conf *conf;

	if (arena == NULL)
		return NULL;
	conf = pt_conf_arena_alloc(arena, sizeof(*conf));
	if (conf == NULL) {
		pt_conf_arena_free(arena);
		return NULL;
	}
	conf->arena = arena;
	conf->worker_processes = PT_UNSET;
	conf->worker_connections = PT_UNSET;
	conf->worker_shutdown_timeout_ms = PT_UNSET;
	conf->worker_rlimit_nofile = PT_UNSET;
	conf->daemon = PT_UNSET;
	conf->prefix = pt_conf_arena_strdup(arena, io->prefix ? io->prefix : "",
	                                    io->prefix ? strlen(io->prefix) : 0);
	conf->conf_prefix = pt_conf_arena_strdup(arena, io->conf_prefix ? io->conf_prefix : "",
	                                         io->conf_prefix ? strlen(io->conf_prefix) : 0);
	if (conf->prefix == NULL || conf->conf_prefix == NULL) {
		pt_conf_arena_free(arena);
		return NULL;
	}

	memset(&P, 0, sizeof(P));
	P.io = io;
	P.conf = conf;
	P.arena = arena;
	P.ctx = PT_CTX_MAIN;

	if (io->params && pt_conf_parse_params(&P, io->params))
		goto fail;
	if (pt_conf_parse_file(&P, path) || P.failed)
		goto fail;
	if (pt_conf_finish(&P) || P.failed)
		goto fail;
	return conf;
fail:
	pt_conf_arena_free(arena);
	return NULL;
}

void pt_conf_free(struct pt_conf *conf)
{
	if (conf)
		pt_conf_arena_free(conf->arena);
}

int pt_conf_server_tls(const struct pt_conf_server *srv)
{
	if (srv->starttls != PT_STARTTLS_OFF)
		return 1;
	for (size_t k = 0; k < srv->n_listen; k++)
		if (srv->listen[k]->ssl)
			return 1;
	return 0;
}
