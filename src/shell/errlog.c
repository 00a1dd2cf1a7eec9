/*
 * errlog.c - see errlog.h.
 *
 * Destinations are grouped in sets: set 0 is the top-level error_log, set
 * i+1 the merged error_log of server i (its own, else mail{}'s, else the
 * top level's).  A syslog destination sends each line as one UDP datagram
 * in RFC 3164 form, "<PRI>Mmm dd hh:mm:ss host tag: line", as nginx does.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "shell/errlog.h"

#define PT_ERRLOG_DESTS_MAX 32
#define PT_ERRLOG_SET_MAX 8

struct pt_logdest {
	int fd;
	enum pt_log_level level;
	int syslog;
	int facility;
	int nohostname;
	char tag[33];
};

struct pt_logset {
	int d[PT_ERRLOG_SET_MAX];
	int n;
};

static uid_t pt_owner = (uid_t)-1;

/* As nginx's master does: log files opened as root belong to the workers'
 * user, so a worker can open them again on SIGUSR1. */
void pt_errlog_chown(int fd)
{
	if (pt_owner != (uid_t)-1 && fd > STDERR_FILENO && fchown(fd, pt_owner, (gid_t)-1) != 0)
		return;     /* the worker will say so if it cannot reopen */
}

static void pt_errlog_owner(const struct pt_conf *conf)
{
	struct passwd *pw;

	pt_owner = (uid_t)-1;
	if (geteuid() == 0 && conf->user.p && (pw = getpwnam(conf->user.p)) != NULL)
		pt_owner = pw->pw_uid;
}

static struct pt_logdest pt_dests[PT_ERRLOG_DESTS_MAX];
static int pt_ndests;
static struct pt_logset *pt_sets;
static size_t pt_nsets;
static char pt_hostname[256];

static const char *const pt_facilities[] = {
	"kern", "user", "mail", "daemon", "auth", "intern", "lpr", "news", "uucp", "clock",
	"authpriv", "ftp", "ntp", "audit", "alert", "cron", "local0", "local1", "local2",
	"local3", "local4", "local5", "local6", "local7",
};

/* syslog:server=addr[:port]|unix:path[,facility=f][,tag=t][,nohostname] */
static int pt_errlog_syslog(struct pt_logdest *d, const char *spec)
{
	char buf[512], *save = NULL, *tok;
	struct addrinfo hints, *res = NULL;
	int fd = -1;

	snprintf(buf, sizeof(buf), "%s", spec + 7);
	d->facility = 23;   /* local7, nginx's default */
	snprintf(d->tag, sizeof(d->tag), "postern");
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (strncmp(tok, "server=", 7) == 0) {
			const char *srv = tok + 7;
			if (strncmp(srv, "unix:", 5) == 0) {
				struct sockaddr_un su;
				memset(&su, 0, sizeof(su));
				su.sun_family = AF_UNIX;
				snprintf(su.sun_path, sizeof(su.sun_path), "%s", srv + 5);
				fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
				if (fd < 0 || connect(fd, (struct sockaddr *)&su, sizeof(su)) < 0)
					goto fail;
				continue;
			}
			char host[256], port[16] = "514";
			const char *colon = strrchr(srv, ':');
			if (srv[0] == '[') {
				const char *rb = strchr(srv, ']');
				if (rb == NULL)
					goto fail;
				snprintf(host, sizeof(host), "%.*s", (int)(rb - srv - 1), srv + 1);
				if (rb[1] == ':')
					snprintf(port, sizeof(port), "%s", rb + 2);
			} else if (colon) {
				snprintf(host, sizeof(host), "%.*s", (int)(colon - srv), srv);
				snprintf(port, sizeof(port), "%s", colon + 1);
			} else {
				snprintf(host, sizeof(host), "%s", srv);
			}
			memset(&hints, 0, sizeof(hints));
			hints.ai_socktype = SOCK_DGRAM;
			if (getaddrinfo(host, port, &hints, &res) != 0 || res == NULL)
				goto fail;
			fd = socket(res->ai_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
			if (fd < 0 || connect(fd, res->ai_addr, res->ai_addrlen) < 0)
				goto fail;
			freeaddrinfo(res);
			res = NULL;
		} else if (strncmp(tok, "facility=", 9) == 0) {
			size_t i;
			for (i = 0; i < sizeof(pt_facilities) / sizeof(pt_facilities[0]); i++)
				if (strcmp(pt_facilities[i], tok + 9) == 0)
					break;
			if (i == sizeof(pt_facilities) / sizeof(pt_facilities[0]))
				goto fail;
			d->facility = (int)i;
		} else if (strncmp(tok, "tag=", 4) == 0) {
			snprintf(d->tag, sizeof(d->tag), "%s", tok + 4);
		} else if (strcmp(tok, "nohostname") == 0) {
			d->nohostname = 1;
		} else if (strncmp(tok, "severity=", 9) != 0) {
			goto fail;
		}
	}
	if (fd < 0)
		goto fail;
	d->fd = fd;
	d->syslog = 1;
	return 0;
fail:
	if (res)
		freeaddrinfo(res);
	if (fd >= 0)
		close(fd);
	errno = errno ? errno : EINVAL;
	return -1;
}

static int pt_errlog_dest(const struct pt_conf_log *l)
{
	struct pt_logdest *d;

	if (pt_ndests == PT_ERRLOG_DESTS_MAX)
		return -1;
	d = &pt_dests[pt_ndests];
	memset(d, 0, sizeof(*d));
	d->level = l->level;
	if (strcmp(l->target.p, "stderr") == 0) {
		d->fd = STDERR_FILENO;
	} else if (strncmp(l->target.p, "syslog:", 7) == 0) {
		if (pt_errlog_syslog(d, l->target.p)) {
			fprintf(stderr, "postern: [emerg] error_log \"%s\" failed (%d: %s)\n", l->target.p,
			        errno, strerror(errno));
			return -1;
		}
	} else {
		d->fd = open(l->target.p, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
		if (d->fd < 0) {
			fprintf(stderr, "postern: [emerg] open() \"%s\" failed (%d: %s)\n", l->target.p,
			        errno, strerror(errno));
			return -1;
		}
		pt_errlog_chown(d->fd);
	}
	return pt_ndests++;
}

static int pt_errlog_fill(struct pt_logset *set, const struct pt_conf_loglist *list)
{
	set->n = 0;
	for (size_t i = 0; i < list->n && set->n < PT_ERRLOG_SET_MAX; i++) {
		int k = pt_errlog_dest(&list->v[i]);
		if (k < 0)
			return -1;
		set->d[set->n++] = k;
	}
	return 0;
}

static void pt_errlog_drop(struct pt_logdest *dests, int n, struct pt_logset *sets)
{
	for (int i = 0; i < n; i++)
		if (dests[i].fd > STDERR_FILENO)
			close(dests[i].fd);
	free(sets);
}

/* Open the logs again (SIGUSR1).  If a file cannot be opened (a worker no
 * longer has the rights), the old descriptors stay: no line is lost. */
int pt_errlog_reopen(const struct pt_conf *conf)
{
	struct pt_logdest old_dests[PT_ERRLOG_DESTS_MAX];
	struct pt_logset *old_sets = pt_sets;
	size_t old_nsets = pt_nsets;
	int old_n = pt_ndests;

	memcpy(old_dests, pt_dests, sizeof(old_dests));
	pt_sets = NULL;
	if (pt_errlog_open(conf) != 0) {
		pt_errlog_drop(pt_dests, pt_ndests, pt_sets);
		memcpy(pt_dests, old_dests, sizeof(old_dests));
		pt_ndests = old_n;
		pt_sets = old_sets;
		pt_nsets = old_nsets;
		return -1;
	}
	pt_errlog_drop(old_dests, old_n, old_sets);
	return 0;
}

int pt_errlog_open(const struct pt_conf *conf)
{
	pt_errlog_owner(conf);
	pt_ndests = 0;
	if (gethostname(pt_hostname, sizeof(pt_hostname) - 1) != 0)
		snprintf(pt_hostname, sizeof(pt_hostname), "localhost");
	pt_nsets = conf->n_servers + 1;
	pt_sets = calloc(pt_nsets, sizeof(*pt_sets));
	if (pt_sets == NULL)
		return -1;
	if (pt_errlog_fill(&pt_sets[0], &conf->error_log))
		return -1;
	if (pt_sets[0].n == 0) {
		pt_dests[0].fd = STDERR_FILENO;
		pt_dests[0].level = PT_LOG_ERR;
		pt_ndests = 1;
		pt_sets[0].d[0] = 0;
		pt_sets[0].n = 1;
	}
	for (size_t i = 0; i < conf->n_servers; i++) {
		if (conf->servers[i].error_log.n == 0)
			pt_sets[i + 1] = pt_sets[0];    /* the top level's */
		else if (pt_errlog_fill(&pt_sets[i + 1], &conf->servers[i].error_log))
			return -1;
	}
	return 0;
}

void pt_errlog_close(void)
{
	for (int i = 0; i < pt_ndests; i++)
		if (pt_dests[i].fd > STDERR_FILENO)
			close(pt_dests[i].fd);
	pt_ndests = 0;
	free(pt_sets);
	pt_sets = NULL;
	pt_nsets = 0;
}

static const struct pt_logset *pt_errlog_set(size_t set)
{
	static const struct pt_logset none = { { 0 }, 0 };

	if (pt_sets == NULL)
		return &none;
	return &pt_sets[set < pt_nsets ? set : 0];
}

int pt_errlog_enabled(enum pt_log_level lvl)
{
	const struct pt_logset *s = pt_errlog_set(0);

	for (int i = 0; i < s->n; i++)
		if (lvl <= pt_dests[s->d[i]].level)
			return 1;
	return 0;
}

static void pt_errlog_write(const struct pt_logdest *d, enum pt_log_level lvl, const char *line,
                            size_t n)
{
	if (d->syslog) {
		/* RFC 3164: <PRI>Mmm dd hh:mm:ss host tag: message (no newline) */
		static const int sev[] = { 0, 1, 2, 3, 4, 5, 6, 7 };
		char msg[PT_LOG_LINE_MAX + 512], ts[32];
		time_t now = time(NULL);
		struct tm tm;
		int k;
		localtime_r(&now, &tm);
		strftime(ts, sizeof(ts), "%b %e %H:%M:%S", &tm);
		k = snprintf(msg, sizeof(msg), "<%d>%s %s%s%s: %.*s", d->facility * 8 + sev[lvl], ts,
		             d->nohostname ? "" : pt_hostname, d->nohostname ? "" : " ", d->tag,
		             (int)(n && line[n - 1] == '\n' ? n - 1 : n), line);
		if (k > 0 && send(d->fd, msg, (size_t)k < sizeof(msg) ? (size_t)k : sizeof(msg) - 1,
		                  MSG_DONTWAIT | MSG_NOSIGNAL) < 0)
			return;     /* a lost datagram is not reported */
		return;
	}
	if (write(d->fd, line, n) < 0)
		return;         /* nowhere left to report a failing log */
}

void pt_errlog_to(size_t set, enum pt_log_level lvl, uint64_t conn, const char *client,
                  const char *server, const char *fmt, ...)
{
	const struct pt_logset *s = pt_errlog_set(set);
	char line[PT_LOG_LINE_MAX + 256];
	size_t n = 0;
	struct tm tm;
	time_t now;
	va_list ap;
	int k, any = 0;

	for (int i = 0; i < s->n; i++)
		any |= lvl <= pt_dests[s->d[i]].level;
	if (!any || (unsigned)lvl > PT_LOG_DEBUG)
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
	for (int i = 0; i < s->n; i++)
		if (lvl <= pt_dests[s->d[i]].level)
			pt_errlog_write(&pt_dests[s->d[i]], lvl, line, n);
}

void pt_check_msgf(pt_check_msg_fn msg, void *ctx, enum pt_log_level lvl, const char *fmt, ...)
{
	char t[PT_LOG_LINE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t, sizeof(t), fmt, ap);
	va_end(ap);
	msg(ctx, lvl, t);
}
