/*
 * shmlock.h - a lock word in memory the master shares with the workers
 * (the TLS session cache, tlscache.c; the limits' table, limits.c).
 *
 * - The word holds its holder's pid, so that a holder that died inside
 *   the section (SIGKILL, a crash) is found and the lock taken over.
 * - The sections are a few probes: the lock spins with a pause, then
 *   yields the CPU to a holder that is off it.
 */
#ifndef PT_SHELL_SHMLOCK_H
#define PT_SHELL_SHMLOCK_H

#include <stdint.h>

/* This process's pid, read once: after a fork the child calls
 * pt_shm_self_set() (getpid is a system call, and the lock is taken on
 * every accept). */
void pt_shm_self_set(void);
void pt_shm_lock(uint32_t *word);
void pt_shm_unlock(uint32_t *word);

#endif
