/*
 * log.c - leveled logging into a sink, redaction and escaping (see log.h).
 *
 * Implementation notes:
 * - The level test comes before any formatting, so a filtered message costs
 *   one comparison (debug calls stay in hot paths).
 * - pt_vlogf formats into a PT_LOG_LINE_MAX-byte stack buffer; vsnprintf
 *   bounds the write and NUL-terminates, and a cut line has its last three
 *   bytes replaced by "...", so the sink sees at most PT_LOG_LINE_MAX - 1
 *   bytes plus a NUL.  Like nginx's error log, nothing longer is possible.
 * - A format that vsnprintf refuses (an encoding error, e.g. %lc of a
 *   character the C locale cannot encode) is not dropped silently: the sink
 *   gets a fixed line at the same level, so the event is still visible.
 * - pt_log_put_escaped writes \xNN in uppercase hex like nginx's access log
 *   (ngx_http_log_escape); unlike nginx, which writes '"' and '\' as \x22
 *   and \x5C, it writes \" and \\, which read better and are as unambiguous.
 */
#include "util/log.h"

#include <stdio.h> /* vsnprintf only: this layer does no I/O */
#include <string.h>

static const struct pt_name pt_log_level_names[] = { PT_LOG_LEVELS(PT_NAME_ITEM) };

_Static_assert(PT_COUNTOF(pt_log_level_names) == PT_LOG_DEBUG + 1,
               "every log level has a name");
_Static_assert(PT_LOG_LINE_MAX > 3, "room for the truncation mark");

#define PT_LOG_TRUNC_MARK "..."
#define PT_LOG_UNFORMATTABLE "log message could not be formatted"

void pt_log_init(struct pt_log *lg, pt_log_sink_fn sink, void *ctx, enum pt_log_level max)
{
	lg->sink = sink;
	lg->ctx = ctx;
	lg->max = max;
}

int pt_log_enabled(const struct pt_log *lg, enum pt_log_level level)
{
	/* A value outside the enum (a cast int) is never delivered, whatever
	 * max is: the sink may index a table by level. */
	return lg != NULL && lg->sink != NULL && (int)level >= (int)PT_LOG_EMERG &&
	       (int)level <= (int)PT_LOG_DEBUG && level <= lg->max;
}

void pt_vlogf(const struct pt_log *lg, enum pt_log_level level, const char *fmt, va_list ap)
{
	char line[PT_LOG_LINE_MAX];
	size_t len;
	int r;

	if (!pt_log_enabled(lg, level))
		return;
	r = vsnprintf(line, sizeof(line), fmt, ap);
	if (r < 0) {
		lg->sink(lg->ctx, level, PT_LOG_UNFORMATTABLE, sizeof(PT_LOG_UNFORMATTABLE) - 1);
		return;
	}
	len = (size_t)r;
	if (len >= sizeof(line)) {
		/* vsnprintf kept sizeof(line) - 1 bytes and the NUL. */
		len = sizeof(line) - 1;
		memcpy(line + len - (sizeof(PT_LOG_TRUNC_MARK) - 1), PT_LOG_TRUNC_MARK,
		       sizeof(PT_LOG_TRUNC_MARK) - 1);
	}
	lg->sink(lg->ctx, level, line, len);
}

void pt_logf(const struct pt_log *lg, enum pt_log_level level, const char *fmt, ...)
{
	va_list ap;

	/* Checked here too so a filtered message skips even va_start. */
	if (!pt_log_enabled(lg, level))
		return;
	va_start(ap, fmt);
	pt_vlogf(lg, level, fmt, ap);
	va_end(ap);
}

const char *pt_log_level_name(enum pt_log_level level)
{
	return pt_name_of(pt_log_level_names, PT_COUNTOF(pt_log_level_names), (int)level);
}

int pt_log_level_parse(const void *s, size_t n, enum pt_log_level *out)
{
	int v;

	if (pt_name_find(pt_log_level_names, PT_COUNTOF(pt_log_level_names), s, n, &v) < 0)
		return -1;
	*out = (enum pt_log_level)v;
	return 0;
}

int pt_log_put_secret(struct pt_wbuf *w, const void *p, size_t n)
{
	/* The arguments exist so call sites read as "log this secret"; neither
	 * is looked at, so neither the bytes nor the length can leak. */
	(void)p;
	(void)n;
	return pt_wbuf_put(w, PT_REDACTED, sizeof(PT_REDACTED) - 1);
}

/* Writes one input byte in its log form: c, \" , \\ or \xNN. */
static int pt_log_put_escaped_byte(struct pt_wbuf *w, uint8_t c)
{
	static const char hex[] = "0123456789ABCDEF";
	uint8_t esc[4] = { '\\', c, 0, 0 };

	if (c == '"' || c == '\\')
		return pt_wbuf_put(w, esc, 2);
	if (c >= 0x20 && c <= 0x7e)
		return pt_wbuf_putc(w, c);
	esc[1] = 'x';
	esc[2] = (uint8_t)hex[c >> 4];
	esc[3] = (uint8_t)hex[c & 0x0f];
	return pt_wbuf_put(w, esc, 4);
}

int pt_log_put_escaped(struct pt_wbuf *w, const void *p, size_t n, size_t max)
{
	const uint8_t *s = p;
	size_t mark = pt_wbuf_mark(w);
	size_t take = n < max ? n : max;
	int r = 0;

	if (w->err)
		return -1;
	if (take > 0 && s == NULL)
		return pt_wbuf_fail(w);
	for (size_t i = 0; i < take && r == 0; i++)
		r = pt_log_put_escaped_byte(w, s[i]);
	if (r == 0 && n > max)
		r = pt_wbuf_put(w, PT_LOG_TRUNC_MARK, sizeof(PT_LOG_TRUNC_MARK) - 1);
	/* All-or-nothing: a half-escaped value could end in a lone '\'. */
	if (r != 0)
		pt_wbuf_rewind(w, mark);
	return r;
}
