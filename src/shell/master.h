/*
 * master.h - the master process and "-s" (see master.c).
 */
#ifndef PT_SHELL_MASTER_H
#define PT_SHELL_MASTER_H

#include "conf/conf.h"

/* Loads the configuration again for SIGHUP; NULL if it does not load
 * (the messages are already logged). */
typedef struct pt_conf *(*pt_master_reload_fn)(void *ctx);

/* Runs until the workers are gone; takes ownership of conf. */
int pt_master_run(struct pt_conf *conf, pt_master_reload_fn reload, void *ctx);
int pt_master_signal(const struct pt_conf *conf, const char *name);

#endif
