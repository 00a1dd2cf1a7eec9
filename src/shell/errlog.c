/*
 * errlog.c - see errlog.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "shell/errlog.h"

#define PT_ERRLOG_MAX 8

static struct {
	int fd;
	enum pt_log_level level;
} pt_logs[PT_ERRLOG_MAX];
static int pt_nlogs;

int pt_errlog_open(const struct pt_conf *conf)
{
	pt_nlogs = 0;
	for (size_t i = 0; i < conf->error_log.n && pt_nlogs < PT_ERRLOG_MAX; i++) {
		const struct pt_conf_log *l = &conf->error_log.v[i];
		int fd;
		if (strcmp(l->target.p, "stderr") == 0) {
			fd = STDERR_FILENO;
		} else if (strncmp(l->target.p, "syslog:", 7) == 0) {
			/* syslog output comes with the shell's log work; say so once */
			fprintf(stderr, "postern: [warn] error_log \"%s\" is not written yet, "
			        "using stderr\n", l->target.p);
			fd = STDERR_FILENO;
		} else {
			fd = open(l->target.p, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
			if (fd < 0) {
				fprintf(stderr, "postern: [emerg] open() \"%s\" failed (%d: %s)\n",
				        l->target.p, errno, strerror(errno));
				return -1;
			}
		}
		pt_logs[pt_nlogs].fd = fd;
		pt_logs[pt_nlogs].level = l->level;
		pt_nlogs++;
	}
	if (pt_nlogs == 0) {
		pt_logs[0].fd = STDERR_FILENO;
		pt_logs[0].level = PT_LOG_ERR;
		pt_nlogs = 1;
	}
	return 0;
}

void pt_errlog_close(void)
{
	for (int i = 0; i < pt_nlogs; i++)
		if (pt_logs[i].fd > STDERR_FILENO)
			close(pt_logs[i].fd);
	pt_nlogs = 0;
}

int pt_errlog_enabled(enum pt_log_level lvl)
{
	for (int i = 0; i < pt_nlogs; i++)
		if (lvl <= pt_logs[i].level)
			return 1;
	return 0;
}

void pt_errlog(enum pt_log_level lvl, uint64_t conn, const char *client, const char *server,
               const char *fmt, ...)
{
	char line[PT_LOG_LINE_MAX + 256];
	size_t n = 0;
	struct tm tm;
	time_t now;
	va_list ap;
	int k;

	if (!pt_errlog_enabled(lvl))
		return;
	now = time(NULL);
	localtime_r(&now, &tm);
	n += strftime(line, sizeof(line), "%Y/%m/%d %H:%M:%S", &tm);
	k = snprintf(line + n, sizeof(line) - n, " [%s] %ld#0: ", pt_log_level_name(lvl),
	             (long)getpid());
	n += k > 0 ? (size_t)k : 0;
	if (conn) {
		k = snprintf(line + n, sizeof(line) - n, "*%llu ", (unsigned long long)conn);
		n += k > 0 ? (size_t)k : 0;
	}
	va_start(ap, fmt);
	k = vsnprintf(line + n, sizeof(line) - n, fmt, ap);
	va_end(ap);
	n += k > 0 ? (size_t)k : 0;
	if (n >= sizeof(line) - 64)
		n = sizeof(line) - 64;
	if (client) {
		k = snprintf(line + n, sizeof(line) - n, ", client: %s", client);
		n += k > 0 ? (size_t)k : 0;
	}
	if (server) {
		k = snprintf(line + n, sizeof(line) - n, ", server: %s", server);
		n += k > 0 ? (size_t)k : 0;
	}
	if (n >= sizeof(line) - 1)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	for (int i = 0; i < pt_nlogs; i++)
		if (lvl <= pt_logs[i].level && write(pt_logs[i].fd, line, n) < 0)
			continue;   /* nowhere left to report a failing log */
}
