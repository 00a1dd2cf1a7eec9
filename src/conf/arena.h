/*
 * arena.h - the config's memory: chunks from malloc, freed all at once.
 *
 * The conf layer runs at start-up and on reload, never per session, so it
 * may allocate; the arena keeps that to one owner and one free.  Blocks are
 * zeroed and aligned to max_align_t.  A failed allocation returns NULL and
 * the loader reports "out of memory".
 */
#ifndef PT_CONF_ARENA_H
#define PT_CONF_ARENA_H

#include <stddef.h>

struct pt_conf_arena;

struct pt_conf_arena *pt_conf_arena_new(void);
void pt_conf_arena_free(struct pt_conf_arena *a);
void *pt_conf_arena_alloc(struct pt_conf_arena *a, size_t n);
/* A NUL-terminated copy of p[0..n). */
char *pt_conf_arena_strdup(struct pt_conf_arena *a, const char *p, size_t n);
/* Append one element of size sz to the arena array *v of *n elements
 * (copied into a new block: configs are small, lists short). */
int pt_conf_arena_append(struct pt_conf_arena *a, const void **v, size_t *n, const void *item,
                         size_t sz);
/* Grow *v (an arena array of *cap elements of size sz) to hold n+1. */
int pt_conf_arena_grow(struct pt_conf_arena *a, void **v, size_t *cap, size_t n, size_t sz);

#endif
