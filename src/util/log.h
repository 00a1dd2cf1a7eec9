/*
 * log.h - leveled logging into a caller-installed sink, and redaction.
 *
 * Implementation notes:
 * - No I/O: a formatted line is handed to the sink callback; the shell's
 *   sink writes it to the error log, the core's turns it into a LOG action.
 * - Levels and their names are nginx's (error_log ... emerg..debug), from one
 *   X-macro list; lower value = more severe; a message is delivered when
 *   level <= max.
 * - Bounds: a line is at most PT_LOG_LINE_MAX - 1 bytes plus a NUL, built on
 *   the stack of pt_vlogf; longer messages are cut and end in "...".
 * - Redaction: secrets go through pt_log_put_secret, which writes a constant
 *   and so leaks neither the secret nor its length; untrusted bytes go
 *   through pt_log_put_escaped, so a client cannot forge log lines with CR,
 *   LF or terminal escapes.
 */
#ifndef PT_UTIL_LOG_H
#define PT_UTIL_LOG_H

#include <stdarg.h>
#include <stddef.h>

#include "util/buf.h"
#include "util/limits.h"
#include "util/names.h"

#define PT_LOG_LEVELS(X)            \
	X(PT_LOG_EMERG, "emerg")        \
	X(PT_LOG_ALERT, "alert")        \
	X(PT_LOG_CRIT, "crit")          \
	X(PT_LOG_ERR, "error")          \
	X(PT_LOG_WARN, "warn")          \
	X(PT_LOG_NOTICE, "notice")      \
	X(PT_LOG_INFO, "info")          \
	X(PT_LOG_DEBUG, "debug")

enum pt_log_level { PT_LOG_LEVELS(PT_ENUM_ITEM) };

/* Like nginx's NGX_MAX_ERROR_STR: longer messages are truncated, never
 * overflow. */

/* msg is NUL-terminated at msg[len]; it is valid only during the call. */
typedef void (*pt_log_sink_fn)(void *ctx, enum pt_log_level level, const char *msg, size_t len);

struct pt_log {
	pt_log_sink_fn sink;
	void *ctx;
	enum pt_log_level max; /* messages with level <= max are delivered */
};

void pt_log_init(struct pt_log *lg, pt_log_sink_fn sink, void *ctx, enum pt_log_level max);
/* 1 if a message at level would reach the sink: callers use it to skip
 * building expensive arguments (escaped buffers) for a message nobody sees. */
int pt_log_enabled(const struct pt_log *lg, enum pt_log_level level);
/* With no sink, or level > max, nothing is formatted.  A message longer than
 * PT_LOG_LINE_MAX - 1 is cut to that length and ends in "...". */
void pt_logf(const struct pt_log *lg, enum pt_log_level level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void pt_vlogf(const struct pt_log *lg, enum pt_log_level level, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

/* "emerg" .. "debug", or "?" for a value outside the enum. */
const char *pt_log_level_name(enum pt_log_level level);
/* Exact (case-sensitive, as nginx's ngx_log_set_levels) names; 0 and *out
 * set, or -1 (*out untouched). */
int pt_log_level_parse(const void *s, size_t n, enum pt_log_level *out);

/* Redaction: secrets (passwords, SASL payloads) never reach a log line. */
#define PT_REDACTED "********"
/* Always writes PT_REDACTED, whatever n is (no length leak). */
int pt_log_put_secret(struct pt_wbuf *w, const void *p, size_t n);
/* Untrusted bytes for a log line: printable ASCII 0x20..0x7e as is, except
 * '"' and '\\' which become \" and \\; every other byte becomes \xNN
 * (uppercase hex).  At most max input bytes, then "..." if there were more.
 * All-or-nothing: on overflow len is unchanged and err is set. */
int pt_log_put_escaped(struct pt_wbuf *w, const void *p, size_t n, size_t max);

#endif
