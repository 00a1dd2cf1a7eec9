/*
 * pt_test.h - the tiny test harness every C test binary uses.
 *
 * A test binary defines test functions with PT_TEST(name), lists them in
 * PT_TEST_MAIN(...), and uses PT_CHECK* inside.  Each test prints one line,
 * "PASS <name>" or "FAIL <name>", at column 0; tests/run.sh counts those
 * lines across binaries and prints the closing "N passed, N failed".
 * A failed check prints its expression and location and the test goes on,
 * so one run shows every broken assertion.
 */
#ifndef PT_TEST_H
#define PT_TEST_H

#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include <stddef.h>

static int pt_test_failed_checks;

static inline int pt_test_check(int ok, const char *expr, const char *file, int line)
{
	if (!ok) {
		pt_test_failed_checks++;
		fprintf(stdout, "  check failed: %s at %s:%d\n", expr, file, line);
	}
	return ok;
}

static inline int pt_test_check_mem(const void *got, size_t glen, const void *want,
                                    size_t wlen, const char *expr, const char *file, int line)
{
	if (glen == wlen && (wlen == 0 || memcmp(got, want, wlen) == 0))
		return 1;
	pt_test_failed_checks++;
	fprintf(stdout, "  check failed: %s at %s:%d\n    got  (%zu) \"%.*s\"\n    want (%zu) \"%.*s\"\n",
	        expr, file, line, glen, (int)(glen > 400 ? 400 : glen), (const char *)got,
	        wlen, (int)(wlen > 400 ? 400 : wlen), (const char *)want);
	return 0;
}

#define PT_CHECK(cond) pt_test_check(!!(cond), #cond, __FILE__, __LINE__)
#define PT_CHECK_EQ(a, b) pt_test_check((long long)(a) == (long long)(b), #a " == " #b, __FILE__, __LINE__)
#define PT_CHECK_MEM(got, glen, want, wlen) \
	pt_test_check_mem((got), (glen), (want), (wlen), #got " == " #want, __FILE__, __LINE__)
#define PT_CHECK_STR(got, want) \
	pt_test_check_mem((got), strlen(got), (want), strlen(want), #got " == " #want, __FILE__, __LINE__)

#define PT_TEST(name) static void name(void)

typedef void (*pt_test_fn)(void);
struct pt_test_case { const char *name; pt_test_fn fn; };

#define PT_TEST_ENTRY(fn) { #fn, fn }

static inline int pt_test_run(const struct pt_test_case *cases, size_t n)
{
	int failed = 0;
	for (size_t i = 0; i < n; i++) {
		int before = pt_test_failed_checks;
		cases[i].fn();
		if (pt_test_failed_checks != before) {
			failed++;
			fprintf(stdout, "FAIL %s\n", cases[i].name);
		} else {
			fprintf(stdout, "PASS %s\n", cases[i].name);
		}
		fflush(stdout);
	}
	return failed ? 1 : 0;
}

#define PT_TEST_MAIN(...)                                                   \
	int main(void)                                                          \
	{                                                                       \
		static const struct pt_test_case cases[] = { __VA_ARGS__ };         \
		return pt_test_run(cases, sizeof(cases) / sizeof(cases[0]));        \
	}

#endif
