/*
 * literal.h - the counted literals of IMAP (RFC 9051 §4.3, RFC 7888) and
 * ManageSieve (RFC 5804 §4), shared by their command and reply grammars.
 * The machines announce a literal at the LF of "{n}" or "{n+}"; its bytes
 * are counted here, never run through a machine.
 */
#ifndef PT_PROTO_LITERAL_H
#define PT_PROTO_LITERAL_H

#include <stddef.h>
#include <stdint.h>

enum pt_literal_tail {
	PT_LITERAL_NONE = 0,
	PT_LITERAL_SYNC,        /* "{n}" */
	PT_LITERAL_NONSYNC      /* "{n+}" */
};

/* How the line whose LF is buf[lf] ends: in "{digits}" or "{digits+}"
 * before the LF (CR allowed), or neither.  It looks at the bytes, not at
 * what a machine made of them, so a bad line that announces a literal is
 * still seen to: it runs once per bad line, backwards from the LF, and
 * stops at the first byte that does not fit. */
enum pt_literal_tail pt_literal_tail(const uint8_t *buf, size_t lf);

/* Literal bytes that have come: of the *left still awaited, those between
 * *off and len are taken (*off and *left move on).  Returns how many. */
size_t pt_literal_take(uint64_t *left, size_t *off, size_t len);

#endif
