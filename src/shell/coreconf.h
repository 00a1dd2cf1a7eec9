/*
 * coreconf.h - from a server's configuration (src/conf) to what the
 * session core needs (struct pt_core_conf).  The core never sees the
 * config struct itself: the layers meet here, in the shell.
 */
#ifndef PT_SHELL_CORECONF_H
#define PT_SHELL_CORECONF_H

#include "conf/conf.h"
#include "core/core.h"

struct pt_coreconf {
	struct pt_core_conf core;
	struct pt_core_bytes *caps;
	struct pt_core_header *headers;
};

/* 0 ok, -1 out of memory.  srv must outlive cc. */
int pt_coreconf_build(struct pt_coreconf *cc, const struct pt_conf_server *srv);
void pt_coreconf_free(struct pt_coreconf *cc);

#endif
