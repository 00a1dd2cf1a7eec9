/*
 * imap_cmd.c - helpers of imap_cmd.h that are not grammar (the machine is
 * grammar/imap.rl).
 */
#include <string.h>

#include "proto/imap_cmd.h"

long pt_imap_arg_copy(const struct pt_imap_parser *p, const uint8_t *buf, unsigned i,
                      uint8_t *dst, size_t cap)
{
	const struct pt_imap_arg *a;
	const uint8_t *s;
	size_t n, k = 0;

	if (i >= p->nargs || i >= PT_IMAP_ARGS_MAX)
		return -1;
	a = &p->args[i];
	s = buf + a->span.off;
	n = a->span.len;
	if (a->kind != PT_IMAP_ARG_QUOTED) {
		/* Atoms and literals are their bytes as they came. */
		if (n > cap)
			return -1;
		if (n > 0)
			memcpy(dst, s, n);
		return (long)n;
	}
	/* RFC 9051 §9: QUOTED-CHAR = ... / "\" quoted-specials.  The grammar
	 * let through no other escape, so a backslash always takes the next
	 * byte, and a quoted span never ends in a lone backslash. */
	for (size_t j = 0; j < n; j++) {
		if (s[j] == '\\' && j + 1 < n)
			j++;
		if (k >= cap)
			return -1;
		dst[k++] = s[j];
	}
	return (long)k;
}
