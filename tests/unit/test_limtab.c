/*
 * test_limtab.c - the limits' table and nginx's leaky bucket (util/limtab.h),
 * with time passed in.  Expected values come from nginx's limit_req
 * arithmetic worked by hand: excess - rate * ms / 1000 + 1000.
 */
#include <stdint.h>
#include <string.h>

#include "pt_test.h"
#include "util/limtab.h"

PT_TEST(test_rate_first_attempt_free_then_burst)
{
	struct pt_rate r = { 33, 1 };   /* "2r/m burst=1" */
	uint64_t excess = 0, last = 5000;

	/* the table starts a new key at excess 0; each attempt adds 1000 */
	PT_CHECK_EQ(pt_rate_step(&excess, &last, &r, 5000), 1);
	PT_CHECK_EQ(excess, 1000);
	/* 1 s on: 1000 - 33 + 1000 = 1967 > burst 1000: refused, bucket unchanged */
	PT_CHECK_EQ(pt_rate_step(&excess, &last, &r, 6000), 0);
	PT_CHECK_EQ(excess, 1000);
	PT_CHECK_EQ(last, 5000);
	/* 30.303 s on, 33 * 30303 / 1000 = 999 drained: 1000 - 999 + 1000 = 1001 */
	PT_CHECK_EQ(pt_rate_step(&excess, &last, &r, 35303), 0);
	/* 31 s on, 1023 drained: 1000 - 1023 + 1000 = 977 */
	PT_CHECK_EQ(pt_rate_step(&excess, &last, &r, 36000), 1);
	PT_CHECK_EQ(excess, 977);
	PT_CHECK_EQ(last, 36000);
}

PT_TEST(test_rate_no_burst_and_clock_backwards)
{
	struct pt_rate r = { 1000, 0 };     /* "1r/s" */
	uint64_t excess = 0, last = 1000;

	PT_CHECK_EQ(pt_rate_step(&excess, &last, &r, 1000), 0);     /* 1000 > 0 */
	/* 1 s on: 0 - 1000 + 1000 = 0 */
	PT_CHECK_EQ(pt_rate_step(&excess, &last, &r, 2000), 1);
	PT_CHECK_EQ(excess, 0);
	PT_CHECK_EQ(last, 2000);
	/* a clock that went back counts as no time at all */
	PT_CHECK_EQ(pt_rate_step(&excess, &last, &r, 500), 0);
	PT_CHECK_EQ(pt_rate_idle_at(1000, 2000, &r), 3000);
	PT_CHECK_EQ(pt_rate_idle_at(1, 2000, &r), 2001);
	r.mrps = 0;
	PT_CHECK(pt_rate_idle_at(1, 2000, &r) == UINT64_MAX);
}

static uint64_t mem[(sizeof(struct pt_limtab) + 64 * sizeof(struct pt_limtab_entry)) / 8];

PT_TEST(test_limtab_init_sizes)
{
	PT_CHECK_EQ(pt_limtab_capacity(sizeof(struct pt_limtab)), 0);
	PT_CHECK_EQ(pt_limtab_capacity(sizeof(mem)), 64);
	PT_CHECK(pt_limtab_init(mem, 8) == NULL);
	PT_CHECK(pt_limtab_init(NULL, sizeof(mem)) == NULL);
	PT_CHECK(pt_limtab_init(mem, sizeof(mem)) != NULL);
	PT_CHECK(pt_limtab_key(PT_LIMTAB_CONN_IP, "1.2.3.4", 7) !=
	         pt_limtab_key(PT_LIMTAB_LOGIN_IP, "1.2.3.4", 7));
	PT_CHECK(pt_limtab_key(PT_LIMTAB_CONN_IP, "", 0) != 0);
}

PT_TEST(test_limtab_conns_count_and_release)
{
	struct pt_limtab *t;
	uint64_t a = pt_limtab_key(PT_LIMTAB_CONN_IP, "a", 1);
	uint64_t b = pt_limtab_key(PT_LIMTAB_CONN_IP, "b", 1);

	memset(mem, 0, sizeof(mem));
	t = pt_limtab_init(mem, sizeof(mem));
	for (int i = 0; i < 3; i++)
		PT_CHECK_EQ(pt_limtab_conn_acquire(t, a, 3, 100), PT_LIMTAB_OK);
	PT_CHECK_EQ(pt_limtab_conn_acquire(t, a, 3, 100), PT_LIMTAB_REFUSED);
	PT_CHECK_EQ(pt_limtab_conn_acquire(t, b, 3, 100), PT_LIMTAB_OK);
	pt_limtab_conn_release(t, a);
	PT_CHECK_EQ(pt_limtab_conn_acquire(t, a, 3, 100), PT_LIMTAB_OK);
	/* releasing a key never counted, or one at zero, changes nothing */
	pt_limtab_conn_release(t, pt_limtab_key(PT_LIMTAB_CONN_IP, "c", 1));
	pt_limtab_conn_release(t, b);
	pt_limtab_conn_release(t, b);
	PT_CHECK_EQ(pt_limtab_conn_acquire(t, b, 1, 100), PT_LIMTAB_OK);
	PT_CHECK_EQ(pt_limtab_conn_acquire(t, b, 1, 100), PT_LIMTAB_REFUSED);
}

/* A worker that died holding connections: the counts start again. */
PT_TEST(test_limtab_conns_reset)
{
	struct pt_limtab *t;
	uint64_t a = pt_limtab_key(PT_LIMTAB_CONN_IP, "a", 1);

	memset(mem, 0, sizeof(mem));
	t = pt_limtab_init(mem, sizeof(mem));
	PT_CHECK_EQ(pt_limtab_conn_acquire(t, a, 1, 100), PT_LIMTAB_OK);
	PT_CHECK_EQ(pt_limtab_conn_acquire(t, a, 1, 100), PT_LIMTAB_REFUSED);
	pt_limtab_conns_reset(t);
	PT_CHECK_EQ(pt_limtab_conn_acquire(t, a, 1, 100), PT_LIMTAB_OK);
	PT_CHECK_EQ(pt_limtab_conn_acquire(t, a, 1, 100), PT_LIMTAB_REFUSED);
}

PT_TEST(test_limtab_rate_shared_bucket)
{
	struct pt_limtab *t;
	struct pt_rate r = { 33, 1 };
	uint64_t u = pt_limtab_key(PT_LIMTAB_LOGIN_USER, "alice", 5);

	memset(mem, 0, sizeof(mem));
	t = pt_limtab_init(mem, sizeof(mem));
	PT_CHECK_EQ(pt_limtab_rate_take(t, u, &r, 10000), PT_LIMTAB_OK);
	PT_CHECK_EQ(pt_limtab_rate_take(t, u, &r, 10001), PT_LIMTAB_OK);
	PT_CHECK_EQ(pt_limtab_rate_take(t, u, &r, 10002), PT_LIMTAB_REFUSED);
	PT_CHECK_EQ(pt_limtab_rate_take(t, u, &r, 70000), PT_LIMTAB_OK);
}

/* Every slot busy: a new key gets none (fail open is the caller's);
 * once the buckets drain, their slots are taken over. */
PT_TEST(test_limtab_full_then_reused)
{
	struct pt_limtab *t;
	struct pt_rate r = { 1000, 0 };
	uint64_t busy = 0;

	memset(mem, 0, sizeof(mem));
	t = pt_limtab_init(mem, sizeof(struct pt_limtab) + 4 * sizeof(struct pt_limtab_entry));
	PT_CHECK_EQ(t->n, 4);
	for (uint8_t k = 0; k < 4; k++) {
		uint64_t key = pt_limtab_key(PT_LIMTAB_LOGIN_IP, &k, 1);
		PT_CHECK_EQ(pt_limtab_rate_take(t, key, &r, 1000), PT_LIMTAB_OK);
		busy++;
	}
	PT_CHECK_EQ(busy, 4);
	PT_CHECK_EQ(pt_limtab_rate_take(t, pt_limtab_key(PT_LIMTAB_LOGIN_IP, "x", 1), &r, 1000),
	            PT_LIMTAB_FULL);
	PT_CHECK_EQ(pt_limtab_conn_acquire(t, pt_limtab_key(PT_LIMTAB_CONN_IP, "x", 1), 5, 1000),
	            PT_LIMTAB_FULL);
	/* 1 ms on, every bucket (excess 0) is idle */
	PT_CHECK_EQ(pt_limtab_conn_acquire(t, pt_limtab_key(PT_LIMTAB_CONN_IP, "x", 1), 5, 1001),
	            PT_LIMTAB_OK);
}

PT_TEST_MAIN(
	PT_TEST_ENTRY(test_rate_first_attempt_free_then_burst),
	PT_TEST_ENTRY(test_rate_no_burst_and_clock_backwards),
	PT_TEST_ENTRY(test_limtab_init_sizes),
	PT_TEST_ENTRY(test_limtab_conns_count_and_release),
	PT_TEST_ENTRY(test_limtab_conns_reset),
	PT_TEST_ENTRY(test_limtab_rate_shared_bucket),
	PT_TEST_ENTRY(test_limtab_full_then_reused)
)
