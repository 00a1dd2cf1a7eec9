/*
 * literal.c - counted literals (literal.h).
 */
#include "proto/literal.h"

enum pt_literal_tail pt_literal_tail(const uint8_t *buf, size_t lf)
{
	size_t j = lf, digits = 0;
	enum pt_literal_tail kind = PT_LITERAL_SYNC;

	if (j > 0 && buf[j - 1] == '\r')
		j--;
	if (j < 1 || buf[j - 1] != '}')
		return PT_LITERAL_NONE;
	j--;
	if (j > 0 && buf[j - 1] == '+') {
		kind = PT_LITERAL_NONSYNC;
		j--;
	}
	while (j > 0 && buf[j - 1] >= '0' && buf[j - 1] <= '9') {
		j--;
		digits++;
	}
	return digits > 0 && j > 0 && buf[j - 1] == '{' ? kind : PT_LITERAL_NONE;
}

size_t pt_literal_take(uint64_t *left, size_t *off, size_t len)
{
	size_t avail = len - *off;
	size_t take = *left < avail ? (size_t)*left : avail;

	*off += take;
	*left -= take;
	return take;
}
