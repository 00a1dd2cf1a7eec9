/*
 * directives_limits.c - the postern extensions that count across the
 * workers: status_listen (the Prometheus metrics listener) and the limits
 * on connections and login attempts, with the size of their shared table.
 *
 *   status_listen ADDRESS:PORT;                mail, once
 *   limit_zone_size SIZE;                      mail, once (default 1m)
 *   limit_conn_per_ip N | off;                 mail, server (0 = off)
 *   limit_conn_per_server N | off;             mail, server
 *   limit_login_per_ip RATE [burst=N] | off;   mail, server
 *   limit_login_per_user RATE [burst=N] | off; mail, server
 *
 * RATE is nginx's limit_req_zone rate= ("10r/s", "30r/m"), the burst its
 * limit_req burst=, with the same messages, so an operator who knows
 * ngx_http_limit_req_module reads them the same way.
 */
#include <string.h>

#include "conf/conf_int.h"
#include "util/limits.h"

/* status_listen 127.0.0.1:9100 | [::1]:9100: an IP literal and a port (no
 * host name: the metrics listener is bound before the workers start and
 * is not meant to follow DNS). */
PT_CONF_SETTER(pt_conf_set_status_listen)
{
	struct pt_addr addr;
	const char *err = NULL;

	(void)d;
	if (P->conf->status_listen.family != 0)
		return "is duplicate";
	if (strncmp(a->argv[1], "unix:", 5) == 0 ||
	    pt_conf_parse_url_addr(P, a->argv[1], 0, NULL, &addr, 1, &err) != 1) {
		pt_conf_error(P, PT_LOG_EMERG, "invalid address \"%s\" in \"status_listen\"%s%s",
		              a->argv[1], err ? ": " : "", err ? err : "");
		return PT_CONF_FAIL;
	}
	if (addr.port == 0) {
		pt_conf_error(P, PT_LOG_EMERG, "no port in \"status_listen %s\"", a->argv[1]);
		return PT_CONF_FAIL;
	}
	pt_conf_addr_text(&addr);
	P->conf->status_listen = addr;
	return NULL;
}

/* limit_zone_size 1m: the table of every limit, shared by the workers. */
PT_CONF_SETTER(pt_conf_set_limit_zone_size)
{
	int64_t n;

	(void)d;
	if (P->conf->limit_zone_size != 0)
		return "is duplicate";
	n = pt_conf_parse_size(a->argv[1], a->len[1]);
	if (n < 0)
		return "invalid value";
	if ((uint64_t)n < PT_LIMTAB_ZONE_MIN || (uint64_t)n > PT_LIMTAB_ZONE_MAX) {
		pt_conf_error(P, PT_LOG_EMERG, "zone \"limit_zone_size\" is too %s: %s (%zu to %zu)",
		              (uint64_t)n < PT_LIMTAB_ZONE_MIN ? "small" : "large", a->argv[1],
		              PT_LIMTAB_ZONE_MIN, PT_LIMTAB_ZONE_MAX);
		return PT_CONF_FAIL;
	}
	P->conf->limit_zone_size = n;
	return NULL;
}

/* limit_conn_per_ip / limit_conn_per_server N | off */
PT_CONF_SETTER(pt_conf_set_limit_conn)
{
	int64_t *f = pt_conf_field(pt_conf_cur(P), d);
	int64_t n;

	if (*f != PT_UNSET)
		return "is duplicate";
	if (strcmp(a->argv[1], "off") == 0) {
		*f = 0;
		return NULL;
	}
	n = pt_conf_parse_num(a->argv[1], a->len[1]);
	if (n < 0)
		return "invalid number";
	if (n > PT_LIMIT_CONN_MAX) {
		pt_conf_error(P, PT_LOG_EMERG, "\"%s\" is too large: %s (at most %d)", a->argv[0],
		              a->argv[1], PT_LIMIT_CONN_MAX);
		return PT_CONF_FAIL;
	}
	*f = n;
	return NULL;
}

/* nginx's limit_req_zone rate=: "Nr/s" or "Nr/m", N > 0; thousandths of a
 * request a second, or -1. */
static int64_t pt_conf_parse_rate(const char *s, size_t n)
{
	int64_t r, scale;

	if (n < 4 || s[n - 3] != 'r' || s[n - 2] != '/')
		return -1;
	if (s[n - 1] == 's')
		scale = 1;
	else if (s[n - 1] == 'm')
		scale = 60;
	else
		return -1;
	r = pt_conf_parse_num(s, n - 3);
	if (r <= 0 || r > PT_LIMIT_RATE_MAX)
		return -1;
	return r * 1000 / scale;
}

/* limit_login_per_ip / limit_login_per_user RATE [burst=N] | off */
PT_CONF_SETTER(pt_conf_set_limit_login)
{
	int64_t *f = pt_conf_field(pt_conf_cur(P), d);
	int64_t mrps, burst = 0;

	if (*f != PT_UNSET)
		return "is duplicate";
	if (a->argc == 2 && strcmp(a->argv[1], "off") == 0) {
		*f = 0;
		return NULL;
	}
	mrps = pt_conf_parse_rate(a->argv[1], a->len[1]);
	if (mrps <= 0) {
		/* "1r/m" and slower round down to nothing: nginx's rate is
		 * thousandths a second too, and 1r/m is its slowest */
		pt_conf_error(P, PT_LOG_EMERG, "invalid rate \"%s\"", a->argv[1]);
		return PT_CONF_FAIL;
	}
	if (a->argc == 3) {
		if (strncmp(a->argv[2], "burst=", 6) != 0) {
			pt_conf_error(P, PT_LOG_EMERG, "invalid parameter \"%s\"", a->argv[2]);
			return PT_CONF_FAIL;
		}
		burst = pt_conf_parse_num(a->argv[2] + 6, a->len[2] - 6);
		if (burst <= 0 || burst > PT_LIMIT_RATE_MAX) {
			pt_conf_error(P, PT_LOG_EMERG, "invalid burst value \"%s\"", a->argv[2]);
			return PT_CONF_FAIL;
		}
	}
	*f = PT_CONF_RATE(mrps, burst);
	return NULL;
}
