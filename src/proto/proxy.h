/*
 * proxy.h - the PROXY protocol header (HAProxy's proxy-protocol.txt,
 * versions 1 and 2) that a load balancer puts in front of a client
 * connection, and the one postern puts in front of a backend connection.
 *
 * Reading (grammar/proxy.rl, the v2 address block in proxy.c): the same
 * contract as the other parsers (parse.h).  The caller keeps the bytes
 * from the connection's first byte at buf[0] and calls again with more;
 * any split gives the same result.
 *   PT_PARSE_MORE     every byte so far can start a header; p->off == len.
 *   PT_PARSE_DONE     a valid header is buf[0 .. p->off); the bytes after
 *                     it belong to the client protocol.  p->addr is set.
 *   PT_PARSE_INVALID  not a header; p->off is the bytes read up to and
 *                     including the one that settled it.  §2.1: "Any
 *                     sequence which does not exactly match the protocol
 *                     must be discarded and cause the receiver to abort
 *                     the connection."
 * The result is sticky: calling again after DONE or INVALID returns it.
 * The first byte decides the version: 'P' is v1, CR is v2, anything else
 * INVALID.
 *
 * v1 (§2.1): "PROXY" SP ( "TCP4" SP ip4 SP ip4 SP port SP port
 * | "TCP6" SP ip6 SP ip6 SP port SP port | "UNKNOWN" *(any but CR, LF) )
 * CRLF, at most PT_PROXY_V1_MAX bytes with its CRLF.
 *   - Addresses: IPv4 and IPv6 as RFC 3986 §3.2.2 IPv4address and
 *     IPv6address, which is also what inet_pton(3) accepts (the fuzz
 *     target checks the two agree): no leading zeros in an IPv4 octet,
 *     1 to 4 hex digits a group in either case, one "::", and an IPv6
 *     address may end in dotted IPv4 ("::ffff:192.0.2.1"; inet_ntop(3)
 *     writes mapped addresses so, HAProxy's and nginx's v1 writers too).
 *     TCP4 takes only IPv4 and TCP6 only IPv6.
 *   - Ports: 0 to 65535, decimal, no leading zero ("0" is a port, "080"
 *     is not): §2.1 "Heading zeroes are not permitted in front of numbers
 *     in order to avoid any possible confusion with octal numbers."
 *     nginx's reader takes "080"; we follow the spec.
 *   - Exactly one SP between fields; CR LF, never a bare CR or LF (§2.1
 *     "must not tolerate a single CR or LF character").
 *   - UNKNOWN: the rest of the line is ignored (§2.1), any byte but CR
 *     and LF, NUL included; family PT_PROXY_AF_UNKNOWN.
 * v2 (§2.2): the 12-byte signature, ver_cmd, fam, a 16-bit big-endian
 * length, then that many bytes: the address block and TLVs (skipped).
 *   - ver_cmd: version 2 (high nibble), command LOCAL (0) or PROXY (1).
 *     Anything else is INVALID ("Receivers must drop connections
 *     presenting unexpected values here").
 *   - LOCAL: family UNKNOWN, fam byte and length not looked at beyond the
 *     bound ("discard the protocol block including the family which is
 *     ignored").
 *   - PROXY: fam 0x11 (TCP over IPv4) and 0x21 (TCP over IPv6) give the
 *     addresses; 0x00 (UNSPEC), 0x12/0x22 (UDP) and 0x31/0x32 (UNIX) give
 *     family UNKNOWN (the "fall back to the UNSPEC mode" of §2.2: a mail
 *     proxy has no use for a datagram or socket-path peer), but the length
 *     must still cover their address block (12, 36, 216 bytes); other fam
 *     values are INVALID ("must be rejected as invalid by receivers").
 *   - length > PT_PROXY_MAX - 16 is INVALID as soon as it is read, as
 *     nginx's NGX_PROXY_PROTOCOL_MAX_HEADER bounds it.
 */
#ifndef PT_PROTO_PROXY_H
#define PT_PROTO_PROXY_H

#include "proto/parse.h"

/* §2.1: "The maximum line lengths the receiver must support including the
 * CRLF are ... 107 chars"; "If the CRLF sequence is not found in the first
 * 107 characters, the receiver should declare the line invalid." */
#define PT_PROXY_V1_MAX 107
/* v2: the 16-byte header and its length, as nginx's
 * NGX_PROXY_PROTOCOL_MAX_HEADER (4096). */
#define PT_PROXY_MAX 4096
/* §2.2: the fixed part of a v2 header: signature, ver_cmd, fam, len. */
#define PT_PROXY_V2_HEAD 16
/* Longest text pt_proxy_addr_text writes, its NUL included (INET6_ADDRSTRLEN). */
#define PT_PROXY_ADDR_TEXT_MAX 46

enum pt_proxy_family {
	PT_PROXY_AF_UNKNOWN = 0,   /* v1 UNKNOWN; v2 LOCAL, AF_UNSPEC, AF_UNIX or UDP */
	PT_PROXY_AF_INET4,
	PT_PROXY_AF_INET6
};

struct pt_proxy_addr {
	enum pt_proxy_family family;
	uint8_t src[16], dst[16];      /* network order; 4 bytes used for INET4 */
	uint16_t src_port, dst_port;   /* host order */
};

struct pt_proxy_parser {
	int cs;
	size_t off;
	int version;                   /* 0 before the first byte, then 1 or 2 */
	enum pt_parse_status status;   /* sticky once DONE or INVALID */
	struct pt_proxy_addr addr;     /* valid after DONE */

	/* v2: the 16-byte header has been read; the rest is counted. */
	int v2_head_done;
	uint8_t v2_cmd;                /* low nibble of ver_cmd */
	uint8_t v2_fam;
	uint16_t v2_len;

	/* v1: the address or port being read (grammar/proxy.rl). */
	int stack[1], top;             /* Ragel fcall: an address machine returns here */
	uint8_t ip_to_dst;             /* the address being read is the destination */
	uint8_t ip[16];
	uint8_t ip_len;                /* bytes of ip written */
	uint8_t ip_gap;                /* where "::" stood in ip, or PT_PROXY_NO_GAP */
	uint8_t ip_digits;             /* digits of the current group or octet */
	uint8_t ip_dotted;             /* a '.' came: the rest is octets */
	uint16_t ip_hex;               /* the current group, read as hex */
	uint16_t ip_dec;               /* the same digits read as decimal */
	uint32_t port;
};

#define PT_PROXY_NO_GAP 0xff

void pt_proxy_init(struct pt_proxy_parser *p);
enum pt_parse_status pt_proxy_parse(struct pt_proxy_parser *p, const uint8_t *buf, size_t len);

/* The header postern sends to a backend.  Returns the bytes written, 0 if
 * cap is too small (or the family is not one of the enum's).  Family
 * UNKNOWN is v1 "PROXY UNKNOWN\r\n" and a v2 LOCAL with AF_UNSPEC and
 * length 0.  v1 writes IPv6 as hex groups only, longest zero run as "::"
 * (RFC 5952 §4), never a dotted tail: §2.1 describes "sets of 4
 * hexadecimal digits".  v2 writes no TLV. */
size_t pt_proxy_v1_write(const struct pt_proxy_addr *a, uint8_t *out, size_t cap);
size_t pt_proxy_v2_write(const struct pt_proxy_addr *a, uint8_t *out, size_t cap);

/* The text of a's source (which_src != 0) or destination address, as
 * inet_ntop(3) writes it ("192.0.2.1", "2001:db8::1", "::ffff:192.0.2.1"),
 * for Client-IP and the logs.  A NUL follows the text (not counted), so
 * cap must be at least the length + 1; PT_PROXY_ADDR_TEXT_MAX is always
 * enough.  Returns the length, 0 for UNKNOWN or if cap is too small. */
size_t pt_proxy_addr_text(const struct pt_proxy_addr *a, int which_src, char *out, size_t cap);

/* Internal, shared by grammar/proxy.rl and proxy.c: the counted part of a
 * v2 header once its 16 bytes are read (checks the length, waits for the
 * block, reads the addresses).  Sets p->status and p->off. */
enum pt_parse_status pt_proxy_v2_block(struct pt_proxy_parser *p, const uint8_t *buf, size_t len);

#endif
