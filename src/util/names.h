/*
 * names.h - name tables for enums, and small byte-string helpers.
 *
 * Implementation notes:
 * - An enum and its names come from one X-macro list, so they cannot drift:
 *     #define PT_FRUITS(X) X(PT_FRUIT_APPLE, "apple") X(PT_FRUIT_PEAR, "pear")
 *     enum pt_fruit { PT_FRUITS(PT_ENUM_ITEM) };
 *     static const struct pt_name pt_fruit_names[] = { PT_FRUITS(PT_NAME_ITEM) };
 * - Lookups are linear scans: the tables are a handful of entries (states,
 *   events, log levels) and are searched when tracing or parsing config, not
 *   per byte.
 * - Names in a table are trusted NUL-terminated literals; the string being
 *   looked up is untrusted (pointer + length, may hold NUL bytes) and is
 *   never read past its length.
 */
#ifndef PT_UTIL_NAMES_H
#define PT_UTIL_NAMES_H

#include <stddef.h>

struct pt_name {
	int value;
	const char *name;
};

#define PT_COUNTOF(a) (sizeof(a) / sizeof((a)[0]))
#define PT_ENUM_ITEM(sym, str) sym,
#define PT_NAME_ITEM(sym, str) { sym, str },

/* The name of value, or "?" when the table has no such value. */
const char *pt_name_of(const struct pt_name *tab, size_t n, int value);
/* Exact match of s[0..len) against a whole name: 0 and *value set, or -1
 * (*value untouched). */
int pt_name_find(const struct pt_name *tab, size_t n, const void *s, size_t len, int *value);
/* Same, ASCII case-insensitive (A-Z only; bytes >= 0x80 compare exactly). */
int pt_name_find_ci(const struct pt_name *tab, size_t n, const void *s, size_t len, int *value);

/* 1 if a[0..n) and b[0..n) are equal ignoring ASCII case, else 0. */
int pt_mem_eq_ci(const void *a, const void *b, size_t n);
/* Length of s, but at most max: never reads s[max] or beyond.  0 for NULL. */
size_t pt_strnlen_bounded(const char *s, size_t max);

#endif
