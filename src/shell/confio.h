/*
 * confio.h - the file, glob, name and user look-ups the conf layer asks
 * for (struct pt_conf_io), done for real: the shell is the only layer
 * that touches the file system.
 */
#ifndef PT_SHELL_CONFIO_H
#define PT_SHELL_CONFIO_H

#include "conf/conf.h"

#include "util/limits.h"

struct pt_confio {
	struct pt_conf_io io;
	char *bufs[256];            /* file contents read so far, freed by _done */
	size_t n_bufs;
	char hostname[256];
	void (*msg_fn)(void *, enum pt_log_level, const char *);
	void *msg_ctx;
};

/* Fill io with the real callbacks; msg and its ctx are the caller's. */
void pt_confio_init(struct pt_confio *c, void (*msg)(void *, enum pt_log_level, const char *),
                    void *msg_ctx);
void pt_confio_done(struct pt_confio *c);

#endif
