/*
 * proxyhdr.c - the PROXY protocol header a load balancer sends before the
 * client's first byte (listen ... proxy_protocol), read as nginx's
 * ngx_mail_proxy_protocol_handler and ngx_mail_realip_handler do:
 *   - under the server's timeout, before TLS and before the greeting;
 *   - a broken header closes the connection without a reply;
 *   - the source address replaces the client's only when the peer is in
 *     set_real_ip_from (the shell says so in START), and only for TCP
 *     over IPv4/IPv6; it then feeds Client-IP, XCLIENT ADDR and the logs.
 *
 * Reads are sized so that nothing past the header is lost and what
 * follows it fits the client command buffer: the first 16 bytes (a v2
 * head, or the start of a v1 line, which is 15 bytes at least), then for
 * v2 exactly the length it announced, for v1 up to its 107-byte bound.
 * The bytes after a v1 line are the client's: they move to the command
 * buffer and are read as any other.  With implicit TLS they would be the
 * handshake's, so there a v1 line is read byte by byte past its first 15.
 */
#include <string.h>

#include "core/session_int.h"

#define PT_PROXY_V1_MIN 15          /* "PROXY UNKNOWN\r\n" */

/* How many bytes the header may still take without reading past it by
 * more than the command buffer holds. */
static size_t pt_proxyhdr_room(const struct pt_session *s)
{
	size_t want;

	if (s->pp_tls && s->pp_len < PT_PROXY_V1_MIN) {
		want = PT_PROXY_V1_MIN;
	} else if (s->pp_len < PT_PROXY_V2_HEAD && (!s->pp_tls || s->ppp.version == 2)) {
		want = PT_PROXY_V2_HEAD;
	} else if (s->ppp.version == 2 && s->ppp.v2_head_done) {
		want = PT_PROXY_V2_HEAD + (size_t)s->ppp.v2_len;
	} else if (s->pp_tls) {
		want = s->pp_len + 1;       /* the TLS handshake follows: not one byte past */
	} else {
		want = PT_PROXY_V1_MAX;
		if (want > PT_PROXY_V1_MIN + s->cb_cap)
			want = PT_PROXY_V1_MIN + s->cb_cap;
	}
	if (want > PT_PROXY_MAX)
		want = PT_PROXY_MAX;
	return want > s->pp_len ? want - s->pp_len : 0;
}

uint8_t *pt_proxyhdr_recv_buf(struct pt_session *s, size_t *len)
{
	*len = pt_proxyhdr_room(s);
	return *len ? s->pp + s->pp_len : NULL;
}

/* A trusted header's source is the client from now on. */
static void pt_proxyhdr_client(struct pt_session *s)
{
	const struct pt_proxy_addr *a = &s->ppp.addr;
	struct pt_action *act;
	size_t n;

	if (!s->pp_trusted || a->family == PT_PROXY_AF_UNKNOWN)
		return;
	n = pt_proxy_addr_text(a, 1, s->client_ip, sizeof(s->client_ip));
	if (n == 0)
		return;
	s->client_ip_len = n;
	s->client_port = a->src_port;
	act = pt_session_push(s, PT_ACT_CLIENT_ADDR);
	if (act != NULL) {
		memcpy(act->addr, s->client_ip, n + 1);
		act->port = a->src_port;
	}
}

void pt_proxyhdr_recv_ack(struct pt_session *s, size_t n)
{
	enum pt_parse_status st;
	size_t rest;

	if (n > pt_proxyhdr_room(s))
		return;
	s->pp_len += n;
	st = pt_proxy_parse(&s->ppp, s->pp, s->pp_len);
	if (st == PT_PARSE_MORE) {
		if (n && pt_proxyhdr_room(s) == 0) {    /* the bound, and no end yet */
			pt_session_log(s, PT_LOG_ERR, "broken PROXY protocol header");
			pt_session_close(s, PT_ERR_PROXY_HEADER);
		}
		return;
	}
	if (st != PT_PARSE_DONE) {
		pt_session_log(s, PT_LOG_ERR, "broken PROXY protocol header");
		pt_session_close(s, PT_ERR_PROXY_HEADER);
		return;
	}
	pt_proxyhdr_client(s);
	rest = s->pp_len - s->ppp.off;
	memcpy(s->cb, s->pp + s->ppp.off, rest);     /* rest <= cb_cap by the room */
	s->cb_len = rest;
	s->pp_len = 0;
	pt_session_set_deadline(s, s->now + s->conf->timeout_ms);
	pt_session_begin(s, s->pp_tls);
	if (s->cb_len && pt_session_reading(s))
		s->ops->process_input(s);
}
