/*
 * shmlock.c - the shared memory's lock word (shmlock.h).
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "shell/errlog.h"
#include "shell/shmlock.h"

void *pt_shm_map(size_t len, int shared, int dontdump, const char *what)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
	               (shared ? MAP_SHARED : MAP_PRIVATE) | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		pt_errlog(PT_LOG_EMERG, 0, NULL, NULL, "mmap(%zu) for %s failed (%d: %s)", len, what,
		          errno, strerror(errno));
		return NULL;
	}
	if (dontdump)
		madvise(p, len, MADV_DONTDUMP);
	return p;
}

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
