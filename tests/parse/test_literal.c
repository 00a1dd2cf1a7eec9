/*
 * Vectors for src/proto/literal.c: the "{n}" / "{n+}" line tail that IMAP
 * (RFC 7888 §3) and ManageSieve (RFC 5804 §4) look for at a bad line's
 * end, and the counting of literal bytes.
 */
#include <string.h>

#include "pt_test.h"
#include "proto/literal.h"

/* The tail of line (its LF is the last byte). */
static enum pt_literal_tail tail(const char *line)
{
	size_t n = strlen(line);

	return pt_literal_tail((const uint8_t *)line, n - 1);
}

PT_TEST(literal_tail)
{
	PT_CHECK_EQ(tail("a1 LOGIN {5}\r\n"), PT_LITERAL_SYNC);
	PT_CHECK_EQ(tail("a1 LOGIN {5}\n"), PT_LITERAL_SYNC);
	PT_CHECK_EQ(tail("a1 LOGIN {12+}\r\n"), PT_LITERAL_NONSYNC);
	PT_CHECK_EQ(tail("{0+}\n"), PT_LITERAL_NONSYNC);
	/* Inside an unclosed quoted string it still counts. */
	PT_CHECK_EQ(tail("a1 LOGIN \"x {3+}\r\n"), PT_LITERAL_NONSYNC);
	/* Not a literal header. */
	PT_CHECK_EQ(tail("a1 LOGIN {}\r\n"), PT_LITERAL_NONE);
	PT_CHECK_EQ(tail("a1 LOGIN {+}\r\n"), PT_LITERAL_NONE);
	PT_CHECK_EQ(tail("a1 LOGIN 5}\r\n"), PT_LITERAL_NONE);
	PT_CHECK_EQ(tail("5+}\r\n"), PT_LITERAL_NONE);
	PT_CHECK_EQ(tail("a1 LOGIN {5a}\r\n"), PT_LITERAL_NONE);
	PT_CHECK_EQ(tail("a1 LOGIN {5++}\r\n"), PT_LITERAL_NONE);
	PT_CHECK_EQ(tail("a1 LOGIN {5} \r\n"), PT_LITERAL_NONE);
	PT_CHECK_EQ(tail("a1 LOGIN {5}\r\r\n"), PT_LITERAL_NONE);
	PT_CHECK_EQ(tail("}\n"), PT_LITERAL_NONE);
	PT_CHECK_EQ(tail("\n"), PT_LITERAL_NONE);
}

PT_TEST(literal_take)
{
	uint64_t left = 5;
	size_t off = 10;

	/* Two of five have come. */
	PT_CHECK_EQ(pt_literal_take(&left, &off, 12), 2);
	PT_CHECK_EQ(off, 12);
	PT_CHECK_EQ(left, 3);
	/* Nothing new. */
	PT_CHECK_EQ(pt_literal_take(&left, &off, 12), 0);
	PT_CHECK_EQ(left, 3);
	/* More than the rest: only the rest is taken. */
	PT_CHECK_EQ(pt_literal_take(&left, &off, 100), 3);
	PT_CHECK_EQ(off, 15);
	PT_CHECK_EQ(left, 0);
	/* A length past size_t's reach takes what there is. */
	left = UINT64_MAX;
	off = 0;
	PT_CHECK_EQ(pt_literal_take(&left, &off, 7), 7);
	PT_CHECK(left == UINT64_MAX - 7);
}

PT_TEST_MAIN(PT_TEST_ENTRY(literal_tail), PT_TEST_ENTRY(literal_take))
