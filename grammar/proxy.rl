/*
 * proxy.rl - the PROXY protocol header, v1 line and the fixed 16 bytes of
 * v2 (src/proto/proxy.h has the contract; the counted v2 block is
 * pt_proxy_v2_block in src/proto/proxy.c).
 *
 * Implementation notes.
 *   State: Ragel's cs and call stack (one deep: main calls ip4_addr or
 *   ip6_addr for each address), P->off (bytes of buf read), P->version,
 *   the v2 header fields, and for v1 the address or port being read
 *   (P->ip.., P->port).  Nothing is looked at twice, so any split of the
 *   input gives the same result.
 *   Addresses: each is an RFC 3986 grammar intersected (&) with a plain
 *   machine over its characters that carries the actions.  The RFC rules
 *   are unions with shared prefixes ("1", "12", "123" for dec-octet), and
 *   an action inside such a union would run once per alternative still
 *   alive; the intersection keeps one action per byte and lets the RFC
 *   rule alone decide what is valid.  Proxy.h says why this is also what
 *   inet_pton(3) takes; src/proto may not include <arpa/inet.h>
 *   (DESIGN.md §1), so the bytes are built here: each group or octet as
 *   it ends, then the groups after "::" are moved to the end.
 *   Bounds: ip4 is at most 15 bytes and ip6 at most 45 by their rules,
 *   ports at most 5 digits, the UNKNOWN tail by the line bound: exec never
 *   gets more than PT_PROXY_V1_MAX bytes, and a line not ended within
 *   them is INVALID.  v2 stops Ragel after 16 bytes.
 *   Errors: the first byte no rule allows ends the header (INVALID, off
 *   just past that byte); the caller drops the connection (§2.1).
 */
#include <string.h>
#include "proto/proxy.h"

/* Functions, not action bodies: the generated code repeats an action on
 * every transition that has it (ip_digit on about 150). */
static void pt_proxy_ip_digit(struct pt_proxy_parser *P, unsigned c)
{
	unsigned v = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

	/* At most 4 digits (h16) or 3 (dec-octet): neither value wraps. */
	P->ip_hex = (uint16_t)(P->ip_hex * 16 + v);
	P->ip_dec = (uint16_t)(P->ip_dec * 10 + v);   /* used only when all digits are decimal */
	P->ip_digits++;
}

static void pt_proxy_port_digit(struct pt_proxy_parser *P, unsigned c)
{
	P->port = P->port * 10 + (c - '0');   /* at most 5 digits, <= 65535 */
}

/* Puts the current group (16 bits) or octet into P->ip. */
static void pt_proxy_ip_put(struct pt_proxy_parser *P, unsigned v, unsigned nbytes)
{
	/* The grammar allows at most 16 bytes; the check keeps a grammar bug
	 * from ever writing past ip[]. */
	if (P->ip_len + nbytes > sizeof(P->ip))
		return;
	if (nbytes == 2)
		P->ip[P->ip_len++] = (uint8_t)(v >> 8);
	P->ip[P->ip_len++] = (uint8_t)v;
}

/* The address has ended: expand "::" and store it. */
static void pt_proxy_ip_end(struct pt_proxy_parser *P, uint8_t *out, unsigned size)
{
	if (P->ip_gap != PT_PROXY_NO_GAP && P->ip_gap <= P->ip_len && P->ip_len <= size) {
		unsigned tail = P->ip_len - P->ip_gap;

		/* RFC 4291 §2.2: "::" stands for the zero groups needed to make 128 bits. */
		memmove(P->ip + size - tail, P->ip + P->ip_gap, tail);
		memset(P->ip + P->ip_gap, 0, size - tail - P->ip_gap);
	}
	memcpy(out, P->ip, size);
}

%%{
	machine pt_proxy;
	alphtype unsigned char;
	access P->;

	action bad { P->status = PT_PARSE_INVALID; fbreak; }

	# ---- v1 addresses: one action per byte (see the notes) -------------
	action ip_start {
		memset(P->ip, 0, sizeof(P->ip));
		P->ip_len = 0;
		P->ip_gap = PT_PROXY_NO_GAP;
		P->ip_digits = 0;
		P->ip_dotted = 0;
		P->ip_hex = 0;
		P->ip_dec = 0;
	}
	action ip_digit { pt_proxy_ip_digit(P, fc); }
	# A colon ends a group, or is (part of) "::" when no digit came before it.
	action ip_colon {
		if (P->ip_digits)
			pt_proxy_ip_put(P, P->ip_hex, 2);
		else
			P->ip_gap = P->ip_len;
		P->ip_digits = 0;
		P->ip_hex = P->ip_dec = 0;
	}
	action ip_dot {
		pt_proxy_ip_put(P, P->ip_dec, 1);
		P->ip_dotted = 1;
		P->ip_digits = 0;
		P->ip_hex = P->ip_dec = 0;
	}
	# The last group or octet (an octet once the address went dotted), then
	# the address into addr.src or addr.dst.
	action ip6_store {
		if (P->ip_dotted)
			pt_proxy_ip_put(P, P->ip_dec, 1);
		else if (P->ip_digits)
			pt_proxy_ip_put(P, P->ip_hex, 2);
		pt_proxy_ip_end(P, P->ip_to_dst ? P->addr.dst : P->addr.src, 16);
	}
	action ip4_store {
		pt_proxy_ip_put(P, P->ip_dec, 1);
		pt_proxy_ip_end(P, P->ip_to_dst ? P->addr.dst : P->addr.src, 4);
	}
	# One machine per address family, called for both addresses: written
	# out twice, the IPv6 rule would double the generated code.  The SP
	# after an address is read again by the caller.
	action src4 { P->ip_to_dst = 0; fcall ip4_addr; }
	action dst4 { P->ip_to_dst = 1; fcall ip4_addr; }
	action src6 { P->ip_to_dst = 0; fcall ip6_addr; }
	action dst6 { P->ip_to_dst = 1; fcall ip6_addr; }
	action ret { fhold; fret; }

	action port_start { P->port = 0; }
	action port_digit { pt_proxy_port_digit(P, fc); }
	action src_port { P->addr.src_port = (uint16_t)P->port; }
	action dst_port { P->addr.dst_port = (uint16_t)P->port; }

	action v1 { P->version = 1; }
	action done4 { P->addr.family = PT_PROXY_AF_INET4; P->status = PT_PARSE_DONE; fbreak; }
	action done6 { P->addr.family = PT_PROXY_AF_INET6; P->status = PT_PARSE_DONE; fbreak; }
	action done_unknown { P->addr.family = PT_PROXY_AF_UNKNOWN; P->status = PT_PARSE_DONE; fbreak; }

	# ---- RFC 5234 App. B ----------------------------------------------
	# SP = %x20 ; CRLF = %x0D %x0A
	SP   = 0x20;
	CRLF = 0x0d 0x0a;

	# ---- RFC 3986 §3.2.2 ------------------------------------------------
	# dec-octet   = DIGIT / %x31-39 DIGIT / "1" 2DIGIT / "2" %x30-34 DIGIT / "25" %x30-35
	dec_octet = digit | [1-9] digit | '1' digit{2} | '2' [0-4] digit | '25' [0-5];
	# IPv4address = dec-octet "." dec-octet "." dec-octet "." dec-octet
	IPv4address = dec_octet '.' dec_octet '.' dec_octet '.' dec_octet;
	# h16 = 1*4HEXDIG ; ls32 = ( h16 ":" h16 ) / IPv4address
	h16  = xdigit{1,4};
	ls32 = h16 ':' h16 | IPv4address;
	# IPv6address =                            6( h16 ":" ) ls32
	#             /                       "::" 5( h16 ":" ) ls32
	#             / [               h16 ] "::" 4( h16 ":" ) ls32
	#             / [ *1( h16 ":" ) h16 ] "::" 3( h16 ":" ) ls32
	#             / [ *2( h16 ":" ) h16 ] "::" 2( h16 ":" ) ls32
	#             / [ *3( h16 ":" ) h16 ] "::"    h16 ":"   ls32
	#             / [ *4( h16 ":" ) h16 ] "::"              ls32
	#             / [ *5( h16 ":" ) h16 ] "::"              h16
	#             / [ *6( h16 ":" ) h16 ] "::"
	IPv6address =                                       ( h16 ':' ){6} ls32
	            |                                  '::' ( h16 ':' ){5} ls32
	            | (                       h16 )?   '::' ( h16 ':' ){4} ls32
	            | ( ( h16 ':' ){0,1} h16 )?        '::' ( h16 ':' ){3} ls32
	            | ( ( h16 ':' ){0,2} h16 )?        '::' ( h16 ':' ){2} ls32
	            | ( ( h16 ':' ){0,3} h16 )?        '::'   h16 ':'      ls32
	            | ( ( h16 ':' ){0,4} h16 )?        '::'                ls32
	            | ( ( h16 ':' ){0,5} h16 )?        '::'                h16
	            | ( ( h16 ':' ){0,6} h16 )?        '::';

	ip4_bytes = ( digit $ip_digit | '.' $ip_dot )*;
	ip6_bytes = ( xdigit $ip_digit | ':' $ip_colon | '.' $ip_dot )*;
	ip4_addr := ( ( IPv4address & ip4_bytes ) >ip_start %ip4_store SP @ret ) $!bad;
	ip6_addr := ( ( IPv6address & ip6_bytes ) >ip_start %ip6_store SP @ret ) $!bad;

	# §2.1: "the TCP source port represented as a decimal integer in the
	# range [0..65535] inclusive.  Heading zeroes are not permitted".
	port_value = '0' | [1-9] digit{0,3} | [1-5] digit{4} | '6' [0-4] digit{3}
	           | '65' [0-4] digit{2} | '655' [0-2] digit | '6553' [0-5];
	port = ( port_value & ( digit $port_digit )* ) >port_start;

	# §2.1, one line of US-ASCII:
	#   "PROXY" SP "TCP4" SP ip4 SP ip4 SP port SP port CRLF
	#   "PROXY" SP "TCP6" SP ip6 SP ip6 SP port SP port CRLF
	#   "PROXY" SP "UNKNOWN" ... CRLF: "the receiver must ignore anything
	#   presented before the CRLF is found"; no bare CR or LF in it.
	# The UNKNOWN tail is bounded by PT_PROXY_V1_MAX (the exec window).
	# (ip4 and ip6 are the called machines above: each call reads one
	# address and returns before the SP after it.)
	tcp4 = 'TCP4' SP @src4 SP @dst4 SP port %src_port SP port %dst_port CRLF @done4;
	tcp6 = 'TCP6' SP @src6 SP @dst6 SP port %src_port SP port %dst_port CRLF @done6;
	unknown = 'UNKNOWN' ( any - [\r\n] )* CRLF @done_unknown;
	v1 = ( 'PROXY' SP ( tcp4 | tcp6 | unknown ) ) >v1;

	# ---- v2 (§2.2) --------------------------------------------------------
	action v2 { P->version = 2; }
	action v2_local { P->v2_cmd = 0; }
	action v2_proxy { P->v2_cmd = 1; }
	action v2_fam { P->v2_fam = fc; }
	action v2_len_hi { P->v2_len = (uint16_t)(fc << 8); }
	action v2_len_lo { P->v2_len = (uint16_t)(P->v2_len | fc); P->v2_head_done = 1; fbreak; }

	# "a constant 12 bytes block containing the protocol signature:
	#  \x0D \x0A \x0D \x0A \x00 \x0D \x0A \x51 \x55 \x49 \x54 \x0A"
	v2_sig = 0x0d 0x0a 0x0d 0x0a 0x00 0x0d 0x0a 0x51 0x55 0x49 0x54 0x0a;
	# 13th byte: "The highest four bits contains the version ... the receiver
	# must only accept this value" (\x2); command \x0 LOCAL, \x1 PROXY,
	# "Receivers must drop connections presenting unexpected values here."
	# 14th byte: for LOCAL "the family which is ignored"; for PROXY one of
	# the values listed under "In practice, the following protocol bytes are
	# expected", other values "must be rejected as invalid by receivers".
	v2_fam_byte = 0x00 | 0x11 | 0x12 | 0x21 | 0x22 | 0x31 | 0x32;
	v2_cmd_fam = 0x20 @v2_local any @v2_fam | 0x21 @v2_proxy v2_fam_byte @v2_fam;
	# 15th and 16th bytes: "the address length in bytes in network endian order".
	v2 = ( v2_sig v2_cmd_fam any @v2_len_hi any @v2_len_lo ) >v2;

	main := ( v1 | v2 ) $!bad;
}%%

%% write data noerror nofinal;

void pt_proxy_init(struct pt_proxy_parser *P)
{
	memset(P, 0, sizeof(*P));
	P->ip_gap = PT_PROXY_NO_GAP;
	P->status = PT_PARSE_MORE;
	%% write init;
}

enum pt_parse_status pt_proxy_parse(struct pt_proxy_parser *P, const uint8_t *buf, size_t len)
{
	const unsigned char *p, *pe, *eof = NULL;

	if (P->status != PT_PARSE_MORE)
		return P->status;
	if (P->off > len) {
		/* Not the buffer of the earlier calls. */
		P->status = PT_PARSE_INVALID;
		return P->status;
	}
	if (P->v2_head_done)
		return pt_proxy_v2_block(P, buf, len);
	p = buf + P->off;
	/* The exec window: a v1 line ends within PT_PROXY_V1_MAX bytes, and v2
	 * leaves Ragel after 16. */
	pe = buf + (len < PT_PROXY_V1_MAX ? len : PT_PROXY_V1_MAX);
	(void)eof;
	%% write exec;
	P->off = (size_t)(p - buf);
	if (P->status != PT_PARSE_MORE)
		return P->status;
	if (P->v2_head_done)
		return pt_proxy_v2_block(P, buf, len);
	/* §2.1: "If the CRLF sequence is not found in the first 107 characters,
	 * the receiver should declare the line invalid." */
	if (P->off >= PT_PROXY_V1_MAX)
		P->status = PT_PARSE_INVALID;
	return P->status;
}
