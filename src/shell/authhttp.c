/*
 * authhttp.c - auth_http over libcurl's multi interface, driven by the
 * connection's libev loop (no threads, no blocking call).
 *
 * The request is nginx's: HTTP/1.0 GET of the configured URI, with the
 * header lines the core built (already escaped; Host among them).  The
 * reply's header lines (status line and the empty line included) are kept
 * in a bounded buffer and handed to the core only when the transfer is
 * over, outside curl's callbacks: the core may then close the connection,
 * which removes the easy handle.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shell/errlog.h"
#include "shell/metrics.h"
#include "shell/serve.h"
#include "util/limits.h"

struct pt_curl_sock {
	ev_io w;
	struct pt_loop *L;
	curl_socket_t fd;
};

static void pt_authhttp_check(struct pt_loop *L);

static void pt_authhttp_on_io(struct ev_loop *loop, ev_io *w, int revents)
{
	struct pt_curl_sock *cs = w->data;
	struct pt_loop *L = cs->L;
	int running = 0;
	int flags = (revents & EV_READ ? CURL_CSELECT_IN : 0) |
	            (revents & EV_WRITE ? CURL_CSELECT_OUT : 0);

	(void)loop;
	curl_multi_socket_action(L->multi, cs->fd, flags, &running);
	pt_authhttp_check(L);
}

static void pt_authhttp_on_timer(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct pt_loop *L = w->data;
	int running = 0;

	(void)loop;
	(void)revents;
	curl_multi_socket_action(L->multi, CURL_SOCKET_TIMEOUT, 0, &running);
	pt_authhttp_check(L);
}

static int pt_authhttp_socket_cb(CURL *e, curl_socket_t fd, int what, void *userp, void *socketp)
{
	struct pt_loop *L = userp;
	struct pt_curl_sock *cs = socketp;

	(void)e;
	if (what == CURL_POLL_REMOVE) {
		if (cs) {
			ev_io_stop(L->loop, &cs->w);
			free(cs);
		}
		curl_multi_assign(L->multi, fd, NULL);
		return 0;
	}
	if (cs == NULL) {
		cs = calloc(1, sizeof(*cs));
		if (cs == NULL)
			return -1;
		cs->L = L;
		cs->fd = fd;
		cs->w.data = cs;
		ev_init(&cs->w, pt_authhttp_on_io);
		curl_multi_assign(L->multi, fd, cs);
	}
	ev_io_stop(L->loop, &cs->w);
	/* re-set every time: curl reuses descriptor numbers */
	ev_io_set(&cs->w, fd, (what & CURL_POLL_IN ? EV_READ : 0) | (what & CURL_POLL_OUT ? EV_WRITE : 0));
	ev_io_start(L->loop, &cs->w);
	return 0;
}

static int pt_authhttp_timer_cb(CURLM *m, long timeout_ms, void *userp)
{
	struct pt_loop *L = userp;

	(void)m;
	ev_timer_stop(L->loop, &L->curl_timer);
	if (timeout_ms >= 0) {
		/* timeout_ms / 1000.0: integer division would make 500 ms into 0 */
		ev_timer_set(&L->curl_timer, (double)timeout_ms / 1000.0, 0.);
		ev_timer_start(L->loop, &L->curl_timer);
	}
	return 0;
}

int pt_authhttp_init(struct pt_loop *L)
{
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return -1;
	L->multi = curl_multi_init();
	if (L->multi == NULL)
		return -1;
	curl_multi_setopt(L->multi, CURLMOPT_SOCKETFUNCTION, pt_authhttp_socket_cb);
	curl_multi_setopt(L->multi, CURLMOPT_SOCKETDATA, L);
	curl_multi_setopt(L->multi, CURLMOPT_TIMERFUNCTION, pt_authhttp_timer_cb);
	curl_multi_setopt(L->multi, CURLMOPT_TIMERDATA, L);
	curl_multi_setopt(L->multi, CURLMOPT_MAXCONNECTS, (long)PT_AUTH_HTTP_IDLE_MAX);
	ev_init(&L->curl_timer, pt_authhttp_on_timer);
	L->curl_timer.data = L;
	return 0;
}

void pt_authhttp_done(struct pt_loop *L)
{
	ev_timer_stop(L->loop, &L->curl_timer);
	if (L->multi)
		curl_multi_cleanup(L->multi);
	L->multi = NULL;
	curl_global_cleanup();
}

/* One header line of the reply (CRLF included, not NUL-terminated). */
static size_t pt_authhttp_header_cb(char *p, size_t size, size_t n, void *userp)
{
	struct pt_conn *c = userp;
	size_t len = size * n;

	/* a 1xx or redirect reply before the real one: start over */
	if (len >= 5 && memcmp(p, "HTTP/", 5) == 0)
		c->reply_len = 0;
	if (c->reply == NULL || len > PT_AUTH_REPLY_MAX - c->reply_len) {
		c->reply_over = 1;
		return len;
	}
	memcpy(c->reply + c->reply_len, p, len);
	c->reply_len += len;
	return len;
}

static size_t pt_authhttp_body_cb(char *p, size_t size, size_t n, void *userp)
{
	(void)p;
	(void)userp;
	return size * n;    /* the body is ignored, as nginx does */
}

/* The request's header lines and the reply hold the password (Auth-Pass
 * both ways): wiped before they go back to malloc. */
static void pt_authhttp_forget_hdrs(struct pt_conn *c)
{
	for (struct curl_slist *l = c->hdrs; l != NULL; l = l->next)
		explicit_bzero(l->data, strlen(l->data));
	curl_slist_free_all(c->hdrs);
	c->hdrs = NULL;
}

static void pt_authhttp_forget_reply(struct pt_conn *c)
{
	if (c->reply != NULL)
		explicit_bzero(c->reply, PT_AUTH_REPLY_MAX);
	free(c->reply);
	c->reply = NULL;
}

void pt_authhttp_cancel(struct pt_conn *c)
{
	if (c->easy) {
		curl_multi_remove_handle(c->L->multi, c->easy);
		curl_easy_cleanup(c->easy);
		c->easy = NULL;
	}
	pt_authhttp_forget_hdrs(c);
	pt_authhttp_forget_reply(c);    /* held only while a transfer runs */
}

/* The core's lines, one curl_slist entry each (without CRLF).  A line may
 * be as long as the whole block (an escaped bearer token in Auth-Pass runs
 * to kilobytes), so the scratch is the block's size, wiped after use: it
 * held the password. */
static int pt_authhttp_add_hdrs(struct pt_conn *c, const uint8_t *hdrs, size_t len)
{
	char *line = malloc(len + 1);
	size_t i = 0;

	if (line == NULL)
		return -1;
	while (i < len) {
		const uint8_t *eol = memchr(hdrs + i, '\n', len - i);
		size_t n = eol ? (size_t)(eol - (hdrs + i)) : len - i;
		size_t k = n && hdrs[i + n - 1] == '\r' ? n - 1 : n;
		memcpy(line, hdrs + i, k);
		line[k] = '\0';
		/* "Name:" alone tells libcurl to drop the header; "Name;" is its
		 * way to send one with an empty value (smtp_auth none's empty
		 * Auth-User and Auth-Pass, which nginx sends too). */
		char *colon = memchr(line, ':', k);
		if (colon != NULL && strspn(colon + 1, " ") == k - (size_t)(colon + 1 - line)) {
			colon[0] = ';';
			colon[1] = '\0';
			k = (size_t)(colon + 1 - line);
		}
		if (k)
			c->hdrs = curl_slist_append(c->hdrs, line);
		i += n + 1;
	}
	explicit_bzero(line, len + 1);
	free(line);
	return 0;
}

int pt_authhttp_start(struct pt_conn *c, const uint8_t *hdrs, size_t len)
{
	const struct pt_conf_authurl *u = &c->srv->auth_http;
	char url[600];      /* libcurl copies the URL it is given */

	pt_authhttp_cancel(c);
	c->reply_len = 0;
	c->reply_over = 0;
	if ((c->reply = malloc(PT_AUTH_REPLY_MAX)) == NULL)
		return -1;
	if (pt_authhttp_add_hdrs(c, hdrs, len))
		return -1;
	/* libcurl sends these unless told not to; nginx does not */
	c->hdrs = curl_slist_append(c->hdrs, "Accept:");
	c->hdrs = curl_slist_append(c->hdrs, "User-Agent:");
	if (u->unix_socket)
		snprintf(url, sizeof(url), "http://localhost%s", u->uri.p);
	else if (u->addr.family == 6)
		snprintf(url, sizeof(url), "http://%s%s", u->addr.text, u->uri.p);
	else
		snprintf(url, sizeof(url), "http://%s%s", u->addr.text, u->uri.p);
	c->easy = curl_easy_init();
	if (c->easy == NULL || c->hdrs == NULL)
		return -1;
	curl_easy_setopt(c->easy, CURLOPT_URL, url);
	if (u->unix_socket)
		curl_easy_setopt(c->easy, CURLOPT_UNIX_SOCKET_PATH, u->addr.path.p);
	curl_easy_setopt(c->easy, CURLOPT_HTTPHEADER, c->hdrs);
	/* nginx speaks HTTP/1.0 and closes; auth_http_keepalive asks for
	 * HTTP/1.1 so the worker's connection cache can reuse the connection
	 * (a connect, an accept and two closes fewer per login). */
	curl_easy_setopt(c->easy, CURLOPT_HTTP_VERSION, c->srv->auth_http_keepalive
	                 ? (long)CURL_HTTP_VERSION_1_1 : (long)CURL_HTTP_VERSION_1_0);
	curl_easy_setopt(c->easy, CURLOPT_PROTOCOLS_STR, "http");
	curl_easy_setopt(c->easy, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c->easy, CURLOPT_TIMEOUT_MS, (long)c->srv->auth_http_timeout_ms);
	curl_easy_setopt(c->easy, CURLOPT_HEADERFUNCTION, pt_authhttp_header_cb);
	curl_easy_setopt(c->easy, CURLOPT_HEADERDATA, c);
	curl_easy_setopt(c->easy, CURLOPT_WRITEFUNCTION, pt_authhttp_body_cb);
	curl_easy_setopt(c->easy, CURLOPT_PRIVATE, c);
	/* without keepalive, nginx's exchange exactly: a fresh connection, closed after */
	curl_easy_setopt(c->easy, CURLOPT_FORBID_REUSE, c->srv->auth_http_keepalive ? 0L : 1L);
	curl_easy_setopt(c->easy, CURLOPT_FRESH_CONNECT, c->srv->auth_http_keepalive ? 0L : 1L);
	/* one request in one write: Nagle cannot delay it, so spare the setsockopt */
	curl_easy_setopt(c->easy, CURLOPT_TCP_NODELAY, 0L);
	if (curl_multi_add_handle(c->L->multi, c->easy) != CURLM_OK)
		return -1;
	return 0;
}

/* Hand a reply's lines to the core, then its end (auth_file answers the
 * same way).  The caller goes on with the core's actions. */
void pt_auth_feed(struct pt_conn *c, const char *reply, size_t len)
{
	struct pt_event ev;
	size_t i = 0;
	uint64_t now = pt_loop_now_ms(c->L);

	memset(&ev, 0, sizeof(ev));
	while (i < len) {
		const char *eol = memchr(reply + i, '\n', len - i);
		size_t n = eol ? (size_t)(eol - (reply + i)) + 1 : len - i;
		ev.type = PT_EV_AUTH_LINE;
		ev.u.line.p = reply + i;
		ev.u.line.len = n;
		pt_session_event(c->s, &ev, now);
		i += n;
	}
	ev.type = PT_EV_AUTH_DONE;
	pt_session_event(c->s, &ev, now);
}

/* A finished transfer: its lines to the core, then the core's actions. */
static void pt_authhttp_finish(struct pt_conn *c, CURLcode rc)
{
	struct pt_event ev;
	uint64_t now = pt_loop_now_ms(c->L);

	curl_multi_remove_handle(c->L->multi, c->easy);
	if (rc == CURLE_OK && !c->reply_over) {
		curl_off_t us;      /* metrics: the request's whole time, microseconds */
		if (curl_easy_getinfo(c->easy, CURLINFO_TOTAL_TIME_T, &us) == CURLE_OK && us >= 0)
			pt_metrics_auth_time((uint64_t)us);
	}
	curl_easy_cleanup(c->easy);
	c->easy = NULL;
	pt_authhttp_forget_hdrs(c);

	memset(&ev, 0, sizeof(ev));
	if (rc != CURLE_OK || c->reply_over || c->reply == NULL) {
		PT_CLOG(c, PT_LOG_ERR, "auth http server %s: %s", c->srv->auth_http.addr.text,
		          c->reply_over ? "sent too long response" : curl_easy_strerror(rc));
		ev.type = PT_EV_AUTH_FAILED;
		pt_session_event(c->s, &ev, now);
	} else {
		pt_auth_feed(c, c->reply, c->reply_len);
	}
	pt_authhttp_forget_reply(c);
	pt_conn_run(c);
}

static void pt_authhttp_check(struct pt_loop *L)
{
	CURLMsg *m;
	int left;

	while ((m = curl_multi_info_read(L->multi, &left)) != NULL) {
		struct pt_conn *c = NULL;
		if (m->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&c);
		if (c != NULL)
			pt_authhttp_finish(c, m->data.result);
	}
}
