/*
 * accesslog.c - access_log (postern extension): one line per finished
 * session, written when its connection closes.
 *
 * text: 127.0.0.1 [25/Nov/2026:20:47:29 +0000] imap 127.0.0.1:143 "alice"
 *       127.0.0.2:143 tls=off in=120 out=4711 time=1.234 result="ok"
 * json: the same fields as one object per line.
 * The login comes escaped from the core; secrets are never known here.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "shell/errlog.h"
#include "shell/serve.h"

int pt_accesslog_open(struct pt_loop *L)
{
	const struct pt_conf *conf = L->conf;

	for (size_t i = 0; i < conf->n_servers; i++) {
		const struct pt_str *path = &conf->servers[i].access_log;
		L->alog_fd[i] = -1;
		if (path->p == NULL)
			continue;
		for (size_t k = 0; k < i; k++)
			if (conf->servers[k].access_log.p &&
			    strcmp(conf->servers[k].access_log.p, path->p) == 0)
				L->alog_fd[i] = L->alog_fd[k];
		if (L->alog_fd[i] >= 0)
			continue;
		L->alog_fd[i] = open(path->p, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
		pt_errlog_chown(L->alog_fd[i]);
		if (L->alog_fd[i] < 0) {
			pt_errlog(PT_LOG_EMERG, 0, NULL, NULL, "open() \"%s\" failed (%d: %s)", path->p,
			          errno, strerror(errno));
			return -1;
		}
	}
	return 0;
}

/* The master, on SIGUSR1: create the moved files as root, for the workers. */
void pt_accesslog_prepare(const struct pt_conf *conf)
{
	for (size_t i = 0; i < conf->n_servers; i++) {
		const char *p = conf->servers[i].access_log.p;
		int fd = p ? open(p, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644) : -1;
		if (fd >= 0) {
			pt_errlog_chown(fd);
			close(fd);
		}
	}
}

void pt_accesslog_close(struct pt_loop *L)
{
	for (size_t i = 0; L->alog_fd && i < L->conf->n_servers; i++) {
		int fd = L->alog_fd[i];
		if (fd < 0)
			continue;
		for (size_t k = i; k < L->conf->n_servers; k++)
			if (L->alog_fd[k] == fd)
				L->alog_fd[k] = -1;
		close(fd);
	}
}

/* JSON string body: the escaped login may hold '\' and '"'. */
static size_t pt_accesslog_json(char *dst, size_t cap, const char *s)
{
	size_t n = 0;

	for (; *s && n + 2 < cap; s++) {
		if (*s == '"' || *s == '\\')
			dst[n++] = '\\';
		dst[n++] = *s;
	}
	dst[n] = '\0';
	return n;
}

void pt_accesslog_write(struct pt_conn *c)
{
	const struct pt_conf *conf = c->L->conf;
	size_t idx = (size_t)(c->srv - conf->servers);
	int fd = c->L->alog_fd ? c->L->alog_fd[idx] : -1;
	char when[64], line[1024], user[300];
	const char *result = c->relaying || c->s == NULL ? "ok"
	                                                  : pt_session_error_name(pt_session_error(c->s));
	const char *proto = pt_proto_name(c->srv->protocol);
	double secs = (double)(pt_loop_now_ms(c->L) - c->started_ms) / 1000.0;
	int tls = c->tls != NULL && pt_tls_up(c->tls);     /* the client's side */
	struct tm tm;
	time_t now;
	int n;

	if (fd < 0)
		return;
	now = time(NULL);
	localtime_r(&now, &tm);
	pt_accesslog_json(user, sizeof(user), c->s ? pt_session_user(c->s) : c->user_text);
	if (c->srv->access_log_json) {
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S%z", &tm);
		n = snprintf(line, sizeof(line),
		             "{\"time\":\"%s\",\"client\":\"%s\",\"server\":\"%s\",\"protocol\":\"%s\","
		             "\"login\":\"%s\",\"backend\":\"%s\",\"tls\":%s,\"bytes_in\":%llu,"
		             "\"bytes_out\":%llu,\"duration\":%.3f,\"result\":\"%s\"}\n",
		             when, c->client_ip, c->server_text, proto, user, c->backend_text,
		             tls ? "true" : "false",
		             (unsigned long long)c->bytes_in, (unsigned long long)c->bytes_out, secs,
		             result);
	} else {
		strftime(when, sizeof(when), "%d/%b/%Y:%H:%M:%S %z", &tm);
		n = snprintf(line, sizeof(line),
		             "%s [%s] %s %s \"%s\" %s tls=%s in=%llu out=%llu time=%.3f result=\"%s\"\n",
		             c->client_ip, when, proto, c->server_text, user,
		             c->backend_text[0] ? c->backend_text : "-", tls ? "on" : "off",
		             (unsigned long long)c->bytes_in, (unsigned long long)c->bytes_out, secs,
		             result);
	}
	if (n > 0 && write(fd, line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1) < 0)
		PT_CLOG(c, PT_LOG_ALERT, "access log write failed (%d: %s)", errno, strerror(errno));
}
