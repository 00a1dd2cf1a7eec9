/*
 * parse.h - what every line parser of src/proto shares.
 *
 * The parsers work over a buffer the caller owns and grows: the caller
 * keeps the bytes of the current item (a command line, a reply line, a
 * header line) from its first byte at buf[0], appends what arrives, and
 * calls parse(p, buf, len) again.  The parser remembers in p->off how far
 * it has read and never reads those bytes twice; results are offsets into
 * buf.  So any split of the input gives the same result (tests/parse feed
 * every vector whole, at every split point and byte by byte).
 *
 * After PT_PARSE_DONE or PT_PARSE_INVALID, p->off is the length of the
 * item (its line end included); the caller drops those bytes, moves the
 * rest to buf[0] and re-initialises the parser for the next item.
 */
#ifndef PT_PROTO_PARSE_H
#define PT_PROTO_PARSE_H

#include <stddef.h>
#include <stdint.h>

enum pt_parse_status {
	PT_PARSE_MORE = 0,      /* every byte so far is valid; the item is not complete */
	PT_PARSE_DONE,          /* one complete, valid item ends at p->off */
	PT_PARSE_INVALID,       /* a bad item ends at p->off (its line end was found) */
	PT_PARSE_LITERAL        /* IMAP only: a synchronizing literal {n} was announced */
};

/* A span of the caller's buffer. */
struct pt_span {
	uint32_t off;
	uint32_t len;
};

#endif
