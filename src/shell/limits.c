/*
 * limits.c - limit_conn_per_ip, limit_conn_per_server, limit_login_per_ip
 * and limit_login_per_user (postern extensions), counted in the table the
 * master shares with every worker (metrics.h, util/limtab.h).  The shell
 * counts and says no with an event; the core answers the client.
 *
 * - The client address is the one allow/deny judge: the peer, or the one a
 *   trusted PROXY header named (pt_conn's CLIENT_ADDR).  Unix-socket peers
 *   are not counted per address.
 * - A connection holds its counts until it closes (pt_limits_release).
 * - A login is counted when the core asks for its auth request, before
 *   auth_http or auth_file hears of it; a refused one never reaches them.
 * - A full table lets the client through (fail open: a limit must not
 *   become an outage) and says so once in the error log, and in
 *   postern_limit_zone_full_total each time.
 */
#include <string.h>

#include "shell/errlog.h"
#include "shell/metrics.h"
#include "shell/serve.h"
#include "shell/shmlock.h"

/* The table's calls, each under its lock (shmlock.h). */
static enum pt_limtab_result pt_limits_acquire(struct pt_limtab *t, uint64_t key, int64_t max,
                                               uint64_t now_ms)
{
	enum pt_limtab_result r;

	pt_shm_lock(&t->lock);
	r = pt_limtab_conn_acquire(t, key, (uint64_t)max, now_ms);
	pt_shm_unlock(&t->lock);
	return r;
}

static enum pt_limtab_result pt_limits_take(struct pt_limtab *t, uint64_t key, int64_t rate,
                                            uint64_t now_ms)
{
	struct pt_rate r = { PT_CONF_RATE_MRPS(rate), PT_CONF_RATE_BURST(rate) };
	enum pt_limtab_result res;

	pt_shm_lock(&t->lock);
	res = pt_limtab_rate_take(t, key, &r, now_ms);
	pt_shm_unlock(&t->lock);
	return res;
}

/* The table's answer, counted and logged; 1 when the client is refused. */
static int pt_limits_verdict(struct pt_conn *c, enum pt_limtab_result r, enum pt_metric_limit l,
                             const char *what, const char *directive)
{
	struct pt_metrics *m = pt_metrics_get();
	struct pt_limtab *t = pt_limits_table();

	if (r == PT_LIMTAB_FULL) {
		pt_metrics_add(&m->limit_zone_full, 1);
		if (!__atomic_exchange_n(&t->full_logged, 1, __ATOMIC_RELAXED))
			PT_CLOG(c, PT_LOG_WARN, "limit_zone_size is full: new clients are let through "
			        "without %s until entries expire", directive);
		return 0;
	}
	if (r != PT_LIMTAB_REFUSED)
		return 0;
	pt_metrics_add(&m->limit_refused[l], 1);
	PT_CLOG(c, PT_LOG_NOTICE, "limiting %s by \"%s\"", what, directive);
	return 1;
}

static uint64_t pt_limits_ip_key(const struct pt_peer *p, enum pt_limtab_kind kind)
{
	if (p->family != 4 && p->family != 6)
		return 0;
	return pt_limtab_key(kind, p->ip, p->family == 4 ? 4 : 16);
}

/* limit_conn_per_server, at accept.  1: refused. */
int pt_limits_conn_server(struct pt_conn *c)
{
	struct pt_limtab *t = pt_limits_table();
	uint64_t key;
	enum pt_limtab_result r;

	if (t == NULL || c->srv->limit_conn_per_server <= 0)
		return 0;
	/* Keyed by the server's first listen address, not its place in the
	 * file: the table outlives a reload, and the old workers' sessions
	 * must keep counting for the same server{} when one is added above. */
	key = pt_limtab_key(PT_LIMTAB_CONN_SERVER, c->srv->listen[0]->addr.text,
	                    strlen(c->srv->listen[0]->addr.text));
	r = pt_limits_acquire(t, key, c->srv->limit_conn_per_server, pt_loop_now_ms(c->L));
	if (r == PT_LIMTAB_OK)
		c->lim_srv_key = key;
	return pt_limits_verdict(c, r, PT_ML_CONN_SERVER, "connections", "limit_conn_per_server");
}

/* limit_conn_per_ip for c->client as known now.  1: refused. */
int pt_limits_conn_ip(struct pt_conn *c)
{
	struct pt_limtab *t = pt_limits_table();
	uint64_t key = pt_limits_ip_key(&c->client, PT_LIMTAB_CONN_IP);
	enum pt_limtab_result r;

	if (t == NULL || c->srv->limit_conn_per_ip <= 0 || key == 0 || c->lim_ip_key != 0)
		return 0;
	r = pt_limits_acquire(t, key, c->srv->limit_conn_per_ip, pt_loop_now_ms(c->L));
	if (r == PT_LIMTAB_OK)
		c->lim_ip_key = key;
	return pt_limits_verdict(c, r, PT_ML_CONN_IP, "connections", "limit_conn_per_ip");
}

void pt_limits_release(struct pt_conn *c)
{
	struct pt_limtab *t = pt_limits_table();

	if (t == NULL || (c->lim_ip_key == 0 && c->lim_srv_key == 0))
		return;
	pt_shm_lock(&t->lock);
	if (c->lim_ip_key != 0)
		pt_limtab_conn_release(t, c->lim_ip_key);
	if (c->lim_srv_key != 0)
		pt_limtab_conn_release(t, c->lim_srv_key);
	pt_shm_unlock(&t->lock);
	c->lim_ip_key = c->lim_srv_key = 0;
}

/* A worker died: its connections were never released (the master). */
void pt_limits_reset_conns(void)
{
	struct pt_limtab *t = pt_limits_table();

	if (t == NULL)
		return;
	pt_shm_lock(&t->lock);      /* taken over if the dead worker held it */
	pt_limtab_conns_reset(t);
	pt_shm_unlock(&t->lock);
}

/* limit_login_per_ip, then limit_login_per_user, for the auth request the
 * core just made.  1: refused (the core hears PT_EV_LIMIT_LOGIN). */
int pt_limits_login(struct pt_conn *c)
{
	struct pt_limtab *t = pt_limits_table();
	uint64_t now = pt_loop_now_ms(c->L);
	struct pt_auth_creds cr;
	int have_creds;

	if (t == NULL)
		return 0;
	have_creds = pt_session_auth_creds(c->s, &cr) == 0;
	/* smtp_auth none asks for every message, not for a login */
	if (have_creds && cr.method == PT_CORE_AUTH_NONE)
		return 0;
	if (c->srv->limit_login_per_ip > 0) {
		uint64_t key = pt_limits_ip_key(&c->client, PT_LIMTAB_LOGIN_IP);
		if (key != 0 && pt_limits_verdict(c, pt_limits_take(t, key, c->srv->limit_login_per_ip, now),
		                                  PT_ML_LOGIN_IP, "login attempts",
		                                  "limit_login_per_ip"))
			return 1;
	}
	/* the login as the client gave it (case and all): its bytes, never
	 * logged here (the log line's context has the escaped login) */
	if (c->srv->limit_login_per_user > 0 && have_creds && cr.user.len > 0) {
		uint64_t key = pt_limtab_key(PT_LIMTAB_LOGIN_USER, cr.user.p, cr.user.len);
		if (pt_limits_verdict(c, pt_limits_take(t, key, c->srv->limit_login_per_user, now),
		                      PT_ML_LOGIN_USER, "login attempts", "limit_login_per_user"))
			return 1;
	}
	return 0;
}
