/*
 * values.c - numbers, sizes, times and addresses as nginx reads them.
 *
 * pt_conf_parse_size: ngx_parse_size(): digits with an optional k/K or m/M
 *   suffix (no g: that is ngx_parse_offset's); no sign, no spaces.
 * pt_conf_parse_time: ngx_parse_time(): one or more <digits><unit> parts
 *   in falling order (y M w d h m s ms), each unit at most once, spaces
 *   allowed between parts; a bare number is seconds.  is_sec rejects ms.
 *   The result is seconds (is_sec) or milliseconds.
 * Every function rejects overflow of INT64_MAX and returns -1 on error.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "conf/conf_int.h"

static int pt_conf_digits(const char *s, size_t n, int64_t *out)
{
	int64_t v = 0;

	if (n == 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		if (v > (INT64_MAX - (s[i] - '0')) / 10)
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int64_t pt_conf_parse_num(const char *s, size_t n)
{
	int64_t v;

	return pt_conf_digits(s, n, &v) ? -1 : v;
}

int64_t pt_conf_parse_size(const char *s, size_t n)
{
	int64_t v, scale = 1;

	if (n == 0)
		return -1;
	switch (s[n - 1]) {
	case 'K': case 'k': scale = 1024; n--; break;
	case 'M': case 'm': scale = 1024 * 1024; n--; break;
	default: break;
	}
	if (pt_conf_digits(s, n, &v) || v > INT64_MAX / scale)
		return -1;
	return v * scale;
}

int64_t pt_conf_parse_time(const char *s, size_t n, int is_sec)
{
	enum { ST_START, ST_YEAR, ST_MONTH, ST_WEEK, ST_DAY, ST_HOUR, ST_MIN, ST_SEC, ST_MSEC, ST_LAST };
	int step = is_sec ? ST_START : ST_MONTH;
	int64_t value = 0, total = 0, scale, max;
	int valid = 0;

	/* nginx starts the msec parser at "month": "1y" is seconds-only. */
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (c >= '0' && c <= '9') {
			if (value > (INT64_MAX - (c - '0')) / 10)
				return -1;
			value = value * 10 + (c - '0');
			valid = 1;
			continue;
		}
		switch (c) {
		case 'y':
			if (step > ST_START) return -1;
			step = ST_YEAR; scale = 60 * 60 * 24 * 365; break;
		case 'M':
			if (step >= ST_MONTH) return -1;
			step = ST_MONTH; scale = 60 * 60 * 24 * 30; break;
		case 'w':
			if (step >= ST_WEEK) return -1;
			step = ST_WEEK; scale = 60 * 60 * 24 * 7; break;
		case 'd':
			if (step >= ST_DAY) return -1;
			step = ST_DAY; scale = 60 * 60 * 24; break;
		case 'h':
			if (step >= ST_HOUR) return -1;
			step = ST_HOUR; scale = 60 * 60; break;
		case 'm':
			if (i + 1 < n && s[i + 1] == 's') {
				if (is_sec || step >= ST_MSEC) return -1;
				i++;
				step = ST_MSEC; scale = 1; break;
			}
			if (step >= ST_MIN) return -1;
			step = ST_MIN; scale = 60; break;
		case 's':
			if (step >= ST_SEC) return -1;
			step = ST_SEC; scale = 1; break;
		case ' ':
			if (step >= ST_SEC) return -1;
			step = ST_LAST; scale = 1; break;
		default:
			return -1;
		}
		if (step != ST_MSEC && !is_sec)
			scale *= 1000;
		max = INT64_MAX / scale;
		if (value > max)
			return -1;
		value *= scale;
		if (total > INT64_MAX - value)
			return -1;
		total += value;
		value = 0;
		while (i + 1 < n && s[i + 1] == ' ')
			i++;
	}
	if (!valid)
		return -1;
	if (!is_sec) {
		if (value > INT64_MAX / 1000)
			return -1;
		value *= 1000;
	}
	if (total > INT64_MAX - value)
		return -1;
	return total + value;
}

/* An IP literal, "a.b.c.d" or an IPv6 text form (no brackets). */
int pt_conf_parse_addr(const char *s, size_t n, struct pt_addr *out)
{
	char tmp[64];

	if (n == 0 || n >= sizeof(tmp))
		return -1;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	if (inet_pton(AF_INET, tmp, out->ip) == 1) {
		out->family = 4;
		return 0;
	}
	if (inet_pton(AF_INET6, tmp, out->ip) == 1) {
		out->family = 6;
		return 0;
	}
	return -1;
}

/* nginx's addr_text: "1.2.3.4:25", "[::1]:143", "unix:/path". */
void pt_conf_addr_text(struct pt_addr *a)
{
	char ip[INET6_ADDRSTRLEN];

	if (a->family == 'u') {
		snprintf(a->text, sizeof(a->text), "unix:%s", a->path.p ? a->path.p : "");
		return;
	}
	if (inet_ntop(a->family == 6 ? AF_INET6 : AF_INET, a->ip, ip, sizeof(ip)) == NULL)
		ip[0] = '\0';
	if (a->family == 6)
		snprintf(a->text, sizeof(a->text), "[%s]:%u", ip, (unsigned)a->port);
	else
		snprintf(a->text, sizeof(a->text), "%s:%u", ip, (unsigned)a->port);
}
