/*
 * shmlock.c - the shared memory's lock word (shmlock.h).
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <unistd.h>

#include "shell/shmlock.h"

static uint32_t pt_shm_self;

void pt_shm_self_set(void)
{
	pt_shm_self = (uint32_t)getpid();
}

void pt_shm_lock(uint32_t *word)
{
	if (pt_shm_self == 0)
		pt_shm_self_set();
	for (unsigned spins = 0;; spins++) {
		uint32_t holder = 0;
		if (__atomic_compare_exchange_n(word, &holder, pt_shm_self, 0, __ATOMIC_ACQUIRE,
		                                __ATOMIC_RELAXED))
			return;
		if (spins < 128) {
#if defined(__x86_64__) || defined(__i386__)
			__builtin_ia32_pause();
#endif
			continue;
		}
		/* The holder is off the CPU: let it run.  One that died inside
		 * the section (SIGKILL, a crash) would hold the lock forever. */
		if (spins % 1024 == 0 && holder != 0 && kill((pid_t)holder, 0) != 0 &&
		    errno == ESRCH &&
		    __atomic_compare_exchange_n(word, &holder, pt_shm_self, 0, __ATOMIC_ACQUIRE,
		                                __ATOMIC_RELAXED))
			return;
		sched_yield();
	}
}

void pt_shm_unlock(uint32_t *word)
{
	__atomic_store_n(word, 0, __ATOMIC_RELEASE);
}
