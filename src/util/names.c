/*
 * names.c - name-table lookups and ASCII helpers (see names.h).
 *
 * Implementation notes:
 * - Case folding is ASCII only and locale-free on purpose: protocol keywords
 *   are ABNF strings (RFC 5234 §2.3: "ABNF strings are case insensitive and
 *   the character set for these strings is US-ASCII") and must not change
 *   meaning under another locale, so <ctype.h> is not used.
 * - A name matches only if its whole length equals len, so "pea" and
 *   "pear\0" never match "pear".
 * - Entries with a NULL name are skipped rather than crashing a lookup.
 */
#include "util/names.h"

#include <string.h>

static unsigned pt_ascii_lower(unsigned c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

int pt_mem_eq_ci(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (size_t i = 0; i < n; i++) {
		if (pt_ascii_lower(x[i]) != pt_ascii_lower(y[i]))
			return 0;
	}
	return 1;
}

size_t pt_strnlen_bounded(const char *s, size_t max)
{
	const char *z;

	if (s == NULL)
		return 0;
	/* C11 7.24.5.1: memchr stops at the first match, so it never reads past
	 * the terminator of a string shorter than max. */
	z = memchr(s, 0, max);
	return z != NULL ? (size_t)(z - s) : max;
}

const char *pt_name_of(const struct pt_name *tab, size_t n, int value)
{
	for (size_t i = 0; i < n; i++) {
		if (tab[i].value == value && tab[i].name != NULL)
			return tab[i].name;
	}
	return "?";
}

/* Shared body of the two finds; ci selects the comparison. */
static int pt_name_find_with(const struct pt_name *tab, size_t n, const void *s, size_t len,
                             int *value, int ci)
{
	for (size_t i = 0; i < n; i++) {
		const char *name = tab[i].name;

		if (name == NULL || strlen(name) != len)
			continue;
		/* len == 0: s may be NULL, and only the empty name matches. */
		if (len > 0 && !(ci ? pt_mem_eq_ci(name, s, len) : memcmp(name, s, len) == 0))
			continue;
		*value = tab[i].value;
		return 0;
	}
	return -1;
}

int pt_name_find(const struct pt_name *tab, size_t n, const void *s, size_t len, int *value)
{
	return pt_name_find_with(tab, n, s, len, value, 0);
}

int pt_name_find_ci(const struct pt_name *tab, size_t n, const void *s, size_t len, int *value)
{
	return pt_name_find_with(tab, n, s, len, value, 1);
}
