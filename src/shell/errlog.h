/*
 * errlog.h - the error_log as nginx writes it:
 *   2026/11/24 12:00:00 [info] 123#0: *5 client logged in, client: 127.0.0.1, server: 0.0.0.0:143
 * Destinations: files (opened at start, appended), "stderr", syslog over
 * UDP or a unix socket.  A message goes to every destination of its set
 * whose level admits it.
 */
#ifndef PT_SHELL_ERRLOG_H
#define PT_SHELL_ERRLOG_H

#include <stdint.h>

#include "conf/conf.h"

/* Open the top-level error_log destinations (stderr when there are none).
 * 0 ok; -1 after printing the failing open() to stderr. */
int pt_errlog_open(const struct pt_conf *conf);
void pt_errlog_close(void);
int pt_errlog_reopen(const struct pt_conf *conf);
void pt_errlog_chown(int fd);
int pt_errlog_enabled(enum pt_log_level lvl);
/* set 0: the top-level error_log; set i+1: server i's.  conn 0: no "*N "
 * part; client/server NULL: no context suffix. */
void pt_errlog_to(size_t set, enum pt_log_level lvl, uint64_t conn, const char *client,
                  const char *server, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
#define pt_errlog(...) pt_errlog_to(0, __VA_ARGS__)

/* Where the checks made before start, on reload and by -t (certificates,
 * password hashes, cache sizes) say what they found: stderr, or the
 * error_log once it is open. */
typedef void (*pt_check_msg_fn)(void *ctx, enum pt_log_level lvl, const char *text);
void pt_check_msgf(pt_check_msg_fn msg, void *ctx, enum pt_log_level lvl, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif
