/*
 * connpool.c - where a worker's struct pt_conn live.  See serve.h.
 *
 * A connection's struct outlives its login memory (the core's arena, the
 * auth request), which is freed when the relay starts.  Taken from malloc's
 * heap, each struct would sit between those freed blocks, and the pages it
 * shares with them would stay resident for as long as the session is idle
 * (about 6 KB a session where the struct is 1.3 KB).  So the structs come
 * from slabs of their own, mmap'd apart from the heap: an idle relayed
 * session costs its struct and nothing around it.  An empty slab is
 * unmapped, but one is kept so a worker on the edge does not map and unmap
 * on every connection.
 *
 * Under ASan a free slot's struct is poisoned, so a use after close is
 * still reported.
 */
#include <stddef.h>
#include <string.h>
#include <sys/mman.h>

#include "shell/serve.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define PT_POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define PT_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define PT_POISON(p, n) ((void)(p), (void)(n))
#define PT_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

#define PT_CONNPOOL_SLAB ((size_t)64 * 1024)

struct pt_connslab;

struct pt_connslot {
	struct pt_connslab *slab;
	struct pt_connslot *next_free;
	struct pt_conn c;
};

struct pt_connslab {
	struct pt_connslab *prev, *next;        /* slabs with a free slot */
	struct pt_connslot *free;
	size_t used;
	size_t n;
	struct pt_connslot slot[];
};

#define PT_CONNPOOL_PER_SLAB \
	((PT_CONNPOOL_SLAB - sizeof(struct pt_connslab)) / sizeof(struct pt_connslot))

/* The worker's pool: one per process, as the worker is. */
static struct {
	struct pt_connslab *partial;    /* slabs with at least one free slot */
	size_t slabs;
} pt_connpool;

static void pt_connpool_link(struct pt_connslab *s)
{
	s->prev = NULL;
	s->next = pt_connpool.partial;
	if (s->next)
		s->next->prev = s;
	pt_connpool.partial = s;
}

static void pt_connpool_unlink(struct pt_connslab *s)
{
	if (s->prev)
		s->prev->next = s->next;
	else
		pt_connpool.partial = s->next;
	if (s->next)
		s->next->prev = s->prev;
	s->prev = s->next = NULL;
}

static struct pt_connslab *pt_connpool_grow(void)
{
	struct pt_connslab *s = mmap(NULL, PT_CONNPOOL_SLAB, PROT_READ | PROT_WRITE,
	                             MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (s == MAP_FAILED)
		return NULL;
	s->n = PT_CONNPOOL_PER_SLAB;
	s->used = 0;
	s->free = NULL;
	for (size_t i = s->n; i-- > 0;) {
		s->slot[i].slab = s;
		s->slot[i].next_free = s->free;
		s->free = &s->slot[i];
		PT_POISON(&s->slot[i].c, sizeof(s->slot[i].c));
	}
	pt_connpool_link(s);
	pt_connpool.slabs++;
	return s;
}

struct pt_conn *pt_connpool_get(void)
{
	struct pt_connslab *s = pt_connpool.partial;
	struct pt_connslot *k;

	if (s == NULL && (s = pt_connpool_grow()) == NULL)
		return NULL;
	k = s->free;
	s->free = k->next_free;
	if (++s->used == s->n)
		pt_connpool_unlink(s);
	PT_UNPOISON(&k->c, sizeof(k->c));
	memset(&k->c, 0, sizeof(k->c));
	return &k->c;
}

void pt_connpool_put(struct pt_conn *c)
{
	struct pt_connslot *k;
	struct pt_connslab *s;

	if (c == NULL)
		return;
	k = (struct pt_connslot *)((char *)c - offsetof(struct pt_connslot, c));
	s = k->slab;
	PT_POISON(&k->c, sizeof(k->c));
	if (s->used-- == s->n)
		pt_connpool_link(s);        /* it was full: it has a free slot again */
	k->next_free = s->free;
	s->free = k;
	if (s->used == 0 && pt_connpool.slabs > 1) {
		pt_connpool_unlink(s);
		pt_connpool.slabs--;
		munmap(s, PT_CONNPOOL_SLAB);
	}
}
