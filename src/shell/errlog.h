/*
 * errlog.h - the error_log as nginx writes it:
 *   2026/11/24 12:00:00 [info] 123#0: *5 client logged in, client: 127.0.0.1, server: 0.0.0.0:143
 * Destinations: files (opened at start, appended), "stderr".  A message
 * goes to every destination whose level admits it.
 */
#ifndef PT_SHELL_ERRLOG_H
#define PT_SHELL_ERRLOG_H

#include <stdint.h>

#include "conf/conf.h"

/* Open the top-level error_log destinations (stderr when there are none).
 * 0 ok; -1 after printing the failing open() to stderr. */
int pt_errlog_open(const struct pt_conf *conf);
void pt_errlog_close(void);
int pt_errlog_enabled(enum pt_log_level lvl);
/* conn 0: no "*N " part; client/server NULL: no context suffix. */
void pt_errlog(enum pt_log_level lvl, uint64_t conn, const char *client, const char *server,
               const char *fmt, ...) __attribute__((format(printf, 5, 6)));

#endif
