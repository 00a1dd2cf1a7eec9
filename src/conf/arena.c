/*
 * arena.c - see arena.h.  Chunks of PT_CONF_ARENA_CHUNK bytes, or one chunk
 * per allocation larger than that; arrays grow by doubling into new blocks
 * (the old block stays until the arena goes: configs are small).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "conf/arena.h"

#define PT_CONF_ARENA_CHUNK 65536

struct pt_conf_chunk {
	struct pt_conf_chunk *next;
	size_t used, cap;
	max_align_t data[];
};

struct pt_conf_arena {
	struct pt_conf_chunk *head;
};

struct pt_conf_arena *pt_conf_arena_new(void)
{
	return calloc(1, sizeof(struct pt_conf_arena));
}

void pt_conf_arena_free(struct pt_conf_arena *a)
{
	if (a == NULL)
		return;
	while (a->head) {
		struct pt_conf_chunk *c = a->head;
		a->head = c->next;
		free(c);
	}
	free(a);
}

void *pt_conf_arena_alloc(struct pt_conf_arena *a, size_t n)
{
	const size_t al = sizeof(max_align_t);
	struct pt_conf_chunk *c = a->head;

	if (n > SIZE_MAX / 2)
		return NULL;
	n = (n + al - 1) / al * al;
	if (n == 0)
		n = al;
	if (c == NULL || c->cap - c->used < n) {
		size_t cap = n > PT_CONF_ARENA_CHUNK ? n : PT_CONF_ARENA_CHUNK;
		c = calloc(1, sizeof(*c) + cap);
		if (c == NULL)
			return NULL;
		c->cap = cap;
		c->next = a->head;
		a->head = c;
	}
	void *p = (char *)c->data + c->used;
	c->used += n;
	return p;
}

char *pt_conf_arena_strdup(struct pt_conf_arena *a, const char *p, size_t n)
{
	char *s = pt_conf_arena_alloc(a, n + 1);

	if (s == NULL)
		return NULL;
	if (n)
		memcpy(s, p, n);
	s[n] = '\0';
	return s;
}

int pt_conf_arena_grow(struct pt_conf_arena *a, void **v, size_t *cap, size_t n, size_t sz)
{
	if (n < *cap)
		return 0;
	size_t ncap = *cap ? *cap * 2 : 4;
	if (ncap > SIZE_MAX / sz)
		return -1;
	void *nv = pt_conf_arena_alloc(a, ncap * sz);
	if (nv == NULL)
		return -1;
	if (*v && n)
		memcpy(nv, *v, n * sz);
	*v = nv;
	*cap = ncap;
	return 0;
}

int pt_conf_arena_append(struct pt_conf_arena *a, const void **v, size_t *n, const void *item,
                         size_t sz)
{
	char *nv;

	if (*n >= SIZE_MAX / sz - 1)
		return -1;
	nv = pt_conf_arena_alloc(a, (*n + 1) * sz);
	if (nv == NULL)
		return -1;
	if (*n)
		memcpy(nv, *v, *n * sz);
	memcpy(nv + *n * sz, item, sz);
	*v = nv;
	(*n)++;
	return 0;
}
