/*
 * shmlock.h - memory the master shares with the workers (the TLS session
 * cache, tlscache.c; the metrics and the limits' table, metrics.c): its
 * mapping, and a lock word in it.
 *
 * - The word holds its holder's pid, so that a holder that died inside
 *   the section (SIGKILL, a crash) is found and the lock taken over.
 * - The sections are a few probes: the lock spins with a pause, then
 *   yields the CPU to a holder that is off it.
 */
#ifndef PT_SHELL_SHMLOCK_H
#define PT_SHELL_SHMLOCK_H

#include <stddef.h>
#include <stdint.h>

/* An anonymous mapping of len bytes, zeroed by the kernel, shared with the
 * children forked after this (or private); dontdump keeps it out of core
 * dumps (secrets).  NULL after an [emerg] "mmap(len) for <what> failed". */
void *pt_shm_map(size_t len, int shared, int dontdump, const char *what);

/* This process's pid, read once: after a fork the child calls
 * pt_shm_self_set() (getpid is a system call, and the lock is taken on
 * every accept). */
void pt_shm_self_set(void);
void pt_shm_lock(uint32_t *word);
void pt_shm_unlock(uint32_t *word);

#endif
