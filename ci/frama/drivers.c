/*
 * drivers.c - entry points for Frama-C's Eva over src/util and src/proto
 * (with the Ragel machines of build/gen), one per module: `make frama`
 * runs `frama-c -eva -main drv_<module>` for each (ci/frama/run.sh).
 *
 * Implementation notes:
 * - Inputs are abstract: every byte handed to the code under analysis is
 *   Frama_C_make_unknown (any of 0..255), and lengths, levels, flags and
 *   integers are Frama_C_interval ranges or every value of a small range in
 *   turn.  So what Eva proves holds for every input of that size, not for
 *   a sample.
 * - Every buffer is a block of exactly the size the API is told (malloc,
 *   which Eva models per call with -eva-alloc-builtin fresh), so one byte
 *   read or written past the end, or before the start, is out of the block
 *   and an alarm.  A big static array with a smaller length would hide it.
 * - Lengths of buffers are concrete, one Eva state per value (loop unroll):
 *   the machines stop at `++p == pe`, and Eva, which keeps no relation
 *   between p and pe, can use that test to bound p only when pe is a single
 *   address.  With an interval for len, every read would be an alarm.
 * - Line parsers (parse.h): drv_<m> runs one call from the start state
 *   for each length 0..PT_FC_N, so every input up to PT_FC_N bytes;
 *   drv_<m>_split runs a first call of each length 0..PT_FC_SPLIT and a
 *   second one with PT_FC_SPLIT bytes: every split in two.  The second
 *   call gets a new block of unknown bytes: Eva keeps no relation between
 *   the bytes of a block and the parser state anyway, so this covers the
 *   real case (the same bytes plus more) and checks that the resumed
 *   machine reads only inside the new length.
 * - The config lexer takes chunks, not a growing buffer, so its driver
 *   feeds an unbounded sequence of chunks: Eva's fixpoint then covers input
 *   of any length, the word bound PT_CONF_WORD_MAX included.
 * - Nothing here is compiled into postern; it only needs to parse as the
 *   C that Frama-C's libc and __fc_builtin.h accept.
 */
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "__fc_builtin.h"

#include "util/base64.h"
#include "util/buf.h"
#include "util/limits.h"
#include "util/log.h"
#include "util/names.h"
#include "proto/authhdr.h"
#include "proto/ciphers_lex.h"
#include "proto/conf_lex.h"
#include "proto/imap_cmd.h"
#include "proto/imap_resp.h"
#include "proto/passwd.h"
#include "proto/pop3_cmd.h"
#include "proto/pop3_resp.h"
#include "proto/proxy.h"
#include "proto/sasl.h"
#include "proto/smtp_cmd.h"
#include "proto/smtp_resp.h"

/* Bytes of input a line parser is analysed with: every length up to it,
 * and every split in two of PT_FC_N bytes.  The cost of a run grows with
 * it and with the size of the machine; ci/frama/run.sh times each. */
#ifndef PT_FC_N
#define PT_FC_N 32
#endif
/* Capacities of pt_wbuf and lengths of pt_rcur tried, every value. */
#define PT_FC_CAP 12
/* Inputs of base64 encode/decode, every length. */
#define PT_FC_B64 16
/* Inputs of the escaping and name helpers, every length. */
#define PT_FC_STR 8

/*
 * Frama-C's libc gives vsnprintf only an assigns clause, which says
 * nothing about the room it writes into.  This model of C11 7.21.6.12
 * stands in for it: any result (negative for an encoding error); with
 * n > 0, min(result, n - 1) bytes of text and a NUL, so every call checks
 * that all n bytes are there.  The text itself is unknown.
 */
int vsnprintf(char *restrict s, size_t n, const char *restrict format, va_list arg)
{
	int r = Frama_C_interval(-1, INT_MAX);
	size_t k;

	(void)format;
	(void)arg;
	if (n == 0)
		return r;
	k = r < 0 ? 0 : (size_t)r < n ? (size_t)r : n - 1;
	Frama_C_make_unknown(s, k);
	s[k] = 0;
	return r;
}

/*
 * Contracts of the writer for the runs of its callers (run.sh passes
 * -eva-use-spec for them where a caller's lengths are ranges): drv_buf
 * analyses the bodies themselves for every (cap, len) and argument, and
 * with these a caller's run checks only what the caller hands in.  Eva
 * keeps no relation between w->len and w->cap, so once len is a range
 * the bodies' "n > cap - len" tests no longer bound the memcpy for it.
 */
/*@ requires \valid(w);
    requires src: n == 0 || p == \null || \valid_read((const uint8_t *)p + (0 .. n - 1));
    assigns w->len, w->err, w->p[w->len .. w->cap - 1];
    ensures w->len <= w->cap;
    ensures \result == 0 || \result == -1;
 */
int pt_wbuf_put(struct pt_wbuf *w, const void *p, size_t n);
/*@ requires \valid(w);
    assigns w->len, w->err, w->p[w->len .. w->cap - 1];
    ensures w->len <= w->cap;
    ensures \result == 0 || \result == -1;
 */
int pt_wbuf_putc(struct pt_wbuf *w, uint8_t c);
/*@ requires \valid(w);
    requires src: s == \null || valid_read_string(s);
    assigns w->len, w->err, w->p[w->len .. w->cap - 1];
    ensures w->len <= w->cap;
    ensures \result == 0 || \result == -1;
 */
int pt_wbuf_puts(struct pt_wbuf *w, const char *s);
/*@ requires \valid(w);
    assigns w->len, w->err, w->p[w->len .. w->cap - 1];
    ensures w->len <= w->cap;
    ensures \result == 0 || \result == -1;
 */
int pt_wbuf_put_u64(struct pt_wbuf *w, uint64_t v);
/*@ requires \valid(w);
    assigns w->err, w->p[w->len];
    ensures \result == \null || \result == (char *)w->p;
 */
const char *pt_wbuf_cstr(struct pt_wbuf *w);

/* n unknown bytes in a block of exactly n bytes. */
static uint8_t *pt_fc_input(size_t n)
{
	uint8_t *b = malloc(n);

	if (b == NULL)
		abort();
	Frama_C_make_unknown((char *)b, n);
	return b;
}

/* A block of exactly n bytes to write into. */
static uint8_t *pt_fc_room(size_t n)
{
	uint8_t *b = malloc(n);

	if (b == NULL)
		abort();
	return b;
}

/* A NUL-terminated string of any length 0..max (unknown bytes, the last
 * one NUL), in a block of exactly max + 1 bytes. */
static char *pt_fc_string(size_t max)
{
	char *s = (char *)pt_fc_input(max + 1);

	s[max] = 0;
	return s;
}

/* ---- util/buf -------------------------------------------------------------- */

/* Every operation of the writer, from every (cap, len) up to PT_FC_CAP,
 * with an unknown argument; then the sticky error. */
static void pt_fc_wbuf_ops(uint8_t *mem, size_t cap, size_t len)
{
	static const uint8_t src[PT_FC_CAP + 4];
	struct pt_wbuf w;
	size_t n = Frama_C_size_t_interval(0, PT_FC_CAP + 3);
	size_t mark;
	const char *s = pt_fc_string(PT_FC_CAP + 2);

	/* One state per n: claim(2 * n) and the loop that fills it are then
	 * related through n's value. */
	/*@ split n; */

	pt_wbuf_init(&w, mem, cap);
	pt_wbuf_put(&w, src, len);
	mark = pt_wbuf_mark(&w);
	switch (Frama_C_interval(0, 11)) {
	case 0:
		pt_wbuf_put(&w, src, n);
		break;
	case 1:
		pt_wbuf_putc(&w, (uint8_t)Frama_C_interval(0, 255));
		break;
	case 2:
		pt_wbuf_puts(&w, s);
		break;
	case 3:
		pt_wbuf_put_u64(&w, Frama_C_unsigned_long_long_interval(0, UINT64_MAX));
		break;
	case 4:
		pt_wbuf_put_i64(&w, Frama_C_long_long_interval(INT64_MIN, INT64_MAX));
		break;
	case 5:
		pt_wbuf_put_hex(&w, src, n, Frama_C_interval(0, 1));
		break;
	case 6:
		pt_wbuf_fmt(&w, "%s:%d", s, Frama_C_interval(-100000, 100000));
		break;
	case 7:
		pt_wbuf_cstr(&w);
		break;
	case 8: {
		uint8_t *d = pt_wbuf_claim(&w, n);

		if (d != NULL && n > 0) {
			d[0] = 1;
			d[n - 1] = 2;
		}
		break;
	}
	case 9:
		pt_wbuf_rewind(&w, Frama_C_size_t_interval(0, PT_FC_CAP + 1));
		break;
	case 10:
		pt_wbuf_fail(&w);
		pt_wbuf_put(&w, src, n);
		break;
	default:
		pt_wbuf_reset(&w);
		break;
	}
	pt_wbuf_room(&w);
	pt_wbuf_rewind(&w, mark);
	pt_wbuf_puts(&w, NULL);
	pt_wbuf_put(&w, src, 1);
}

/* Every operation of the reader from every (len, off) up to PT_FC_CAP. */
static void pt_fc_rcur_ops(const uint8_t *in, size_t len, size_t off)
{
	uint8_t dst[PT_FC_CAP + 4];
	struct pt_rcur c;
	size_t n = Frama_C_size_t_interval(0, PT_FC_CAP + 3);
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;
	const uint8_t *t;

	/* One state per n, as in pt_fc_wbuf_ops. */
	/*@ split n; */
	pt_rcur_init(&c, in, len);
	pt_rcur_skip(&c, off);
	switch (Frama_C_interval(0, 5)) {
	case 0:
		pt_rcur_get_u8(&c, &u8);
		break;
	case 1:
		pt_rcur_get_be16(&c, &u16);
		break;
	case 2:
		pt_rcur_get_be32(&c, &u32);
		break;
	case 3:
		pt_rcur_get_bytes(&c, dst, n);
		break;
	case 4:
		t = pt_rcur_take(&c, n);
		if (t != NULL && n > 0)
			u8 = t[n - 1];
		break;
	default:
		pt_rcur_skip(&c, n);
		break;
	}
	pt_rcur_left(&c);
}

void drv_buf(void);
void drv_buf(void)
{
	struct pt_rcur c;
	struct pt_wbuf w;
	uint8_t u8;

	/* NULL with length 0, as the header allows. */
	pt_rcur_init(&c, NULL, Frama_C_size_t_interval(0, SIZE_MAX));
	pt_rcur_take(&c, 0);
	pt_rcur_get_u8(&c, &u8);
	pt_wbuf_init(&w, NULL, Frama_C_size_t_interval(0, SIZE_MAX));
	pt_wbuf_claim(&w, 0);
	pt_wbuf_fmt(&w, "%d", Frama_C_interval(0, 9));
	pt_wbuf_put_hex(&w, &u8, 1, 0);

	/*@ loop unroll PT_FC_CAP + 1; */
	for (size_t cap = 0; cap <= PT_FC_CAP; cap++) {
		uint8_t *mem = pt_fc_room(cap);
		const uint8_t *in = pt_fc_input(cap);

		/*@ loop unroll PT_FC_CAP + 1; */
		for (size_t len = 0; len <= cap; len++) {
			pt_fc_wbuf_ops(mem, cap, len);
			pt_fc_rcur_ops(in, cap, len);
		}
	}
}

/* ---- util/base64 ----------------------------------------------------------- */

void drv_base64(void);
void drv_base64(void)
{
	pt_b64_encoded_len(Frama_C_size_t_interval(0, SIZE_MAX));
	pt_b64_decoded_max(Frama_C_size_t_interval(0, SIZE_MAX));

	/*@ loop unroll PT_FC_B64 + 1; */
	for (size_t n = 0; n <= PT_FC_B64; n++) {
		const uint8_t *src = pt_fc_input(n);
		size_t need = pt_b64_encoded_len(n);

		/* Encode into every capacity around the exact one, at offset 0
		 * and after one byte already written. */
		/*@ loop unroll 4; */
		for (size_t k = 0; k < 4; k++) {
			size_t cap = need + k >= 2 ? need + k - 2 : 0;
			struct pt_wbuf w;

			pt_wbuf_init(&w, pt_fc_room(cap), cap);
			if (k == 3)
				pt_wbuf_putc(&w, '+');
			pt_b64_encode(&w, src, n);
		}
	}

	/*@ loop unroll PT_FC_B64 + 1; */
	for (size_t n = 0; n <= PT_FC_B64; n++) {
		const uint8_t *src = pt_fc_input(n);
		size_t out;

		/* Every capacity from none to the largest output. */
		/*@ loop unroll PT_FC_B64; */
		for (size_t cap = 0; cap <= pt_b64_decoded_max(n); cap++)
			pt_b64_decode(pt_fc_room(cap), cap, &out, src, n);
		pt_b64_decode(NULL, 0, &out, src, n);
	}
	{
		size_t out;

		pt_b64_decode(NULL, 0, &out, NULL, 0);
	}
}

/* ---- util/names and util/log ------------------------------------------------- */

#define PT_FC_FRUITS(X) X(0, "apple") X(1, "pear") X(2, "") X(7, "Quince")

static const struct pt_name pt_fc_fruits[] = {
	PT_FC_FRUITS(PT_NAME_ITEM)
	{ 9, NULL },
};

void drv_names(void);
void drv_names(void)
{
	int v;

	pt_name_of(pt_fc_fruits, PT_COUNTOF(pt_fc_fruits), Frama_C_interval(-1, 10));
	pt_name_find(pt_fc_fruits, PT_COUNTOF(pt_fc_fruits), NULL, 0, &v);
	pt_strnlen_bounded(NULL, Frama_C_size_t_interval(0, SIZE_MAX));

	/*@ loop unroll PT_FC_STR + 1; */
	for (size_t n = 0; n <= PT_FC_STR; n++) {
		const uint8_t *s = pt_fc_input(n);
		const uint8_t *t = pt_fc_input(n);
		const char *z = pt_fc_string(n);

		pt_name_find(pt_fc_fruits, PT_COUNTOF(pt_fc_fruits), s, n, &v);
		pt_name_find_ci(pt_fc_fruits, PT_COUNTOF(pt_fc_fruits), s, n, &v);
		pt_mem_eq_ci(s, t, n);
		/* A block of n bytes, and a string shorter than max. */
		pt_strnlen_bounded((const char *)s, n);
		pt_strnlen_bounded(z, Frama_C_size_t_interval(n, n + PT_FC_STR));
	}
}

/* The sink may read msg[0..len] (the NUL included), nothing more. */
static void pt_fc_sink(void *ctx, enum pt_log_level level, const char *msg, size_t len)
{
	(void)ctx;
	(void)level;
	/*@ assert sink_msg: \valid_read(msg + (0 .. len)); */
	/*@ assert sink_len: len < PT_LOG_LINE_MAX; */
}

void drv_log(void);
void drv_log(void)
{
	struct pt_log lg;
	enum pt_log_level lv = (enum pt_log_level)Frama_C_interval(-1, PT_LOG_DEBUG + 1);
	enum pt_log_level out;
	const char *s = pt_fc_string(PT_LOG_LINE_MAX + 8);

	pt_log_init(&lg, Frama_C_interval(0, 1) ? pt_fc_sink : NULL, NULL,
	            (enum pt_log_level)Frama_C_interval(PT_LOG_EMERG, PT_LOG_DEBUG));
	pt_log_enabled(NULL, lv);
	pt_log_enabled(&lg, lv);
	pt_logf(&lg, lv, "%s", s);
	pt_logf(&lg, lv, "%d %s %u", Frama_C_interval(-5, 5), s, (unsigned)Frama_C_interval(0, 9));
	pt_logf(NULL, lv, "x");
	pt_log_level_name(lv);

	/*@ loop unroll PT_FC_STR + 1; */
	for (size_t n = 0; n <= PT_FC_STR; n++) {
		const uint8_t *p = pt_fc_input(n);

		pt_log_level_parse(p, n, &out);
		/*@ loop unroll PT_FC_CAP + 1; */
		for (size_t cap = 0; cap <= PT_FC_CAP; cap++) {
			struct pt_wbuf w;

			pt_wbuf_init(&w, pt_fc_room(cap), cap);
			pt_log_put_escaped(&w, p, n, Frama_C_size_t_interval(0, PT_FC_STR + 1));
			pt_log_put_secret(&w, p, n);
		}
	}
	{
		struct pt_wbuf w;

		pt_wbuf_init(&w, pt_fc_room(4), 4);
		pt_log_put_escaped(&w, NULL, 0, Frama_C_size_t_interval(0, 4));
		pt_log_put_escaped(&w, NULL, 1, 4);
	}
}

/* ---- src/proto: the line parsers ----------------------------------------------- */

/*
 * Each machine twice.  drv_<m>: one call from the start state with every
 * length 0..PT_FC_N.  drv_<m>_split: a first call with every length
 * 0..PT_FC_SPLIT, then a second call with PT_FC_SPLIT bytes: resumption
 * from every state the first call can stop in.  Eva joins the states a
 * call returns in, so the second call sees each cs with the counters of
 * every path (see alarms.md); a shorter input keeps that run cheap.
 */
#ifndef PT_FC_SPLIT
#define PT_FC_SPLIT 16
#endif

/* A length-n input, or NULL when n is 0 and the parser allows it. */
static const uint8_t *pt_fc_line(size_t n, int null_ok)
{
	if (n == 0 && null_ok && Frama_C_interval(0, 1))
		return NULL;
	return pt_fc_input(n);
}

static void pt_fc_imap_init(struct pt_imap_parser *P)
{
	if (Frama_C_interval(0, 1))
		pt_imap_cmd_init(P, Frama_C_size_t_interval(0, SIZE_MAX));
	else
		pt_imap_cmd_init_sasl_line(P);
}

void drv_imap_cmd(void);
void drv_imap_cmd(void)
{
	/*@ loop unroll PT_FC_N + 1; */
	for (size_t n = 0; n <= PT_FC_N; n++) {
		struct pt_imap_parser P;

		pt_fc_imap_init(&P);
		pt_imap_cmd_parse(&P, pt_fc_input(n), n);
	}
}

void drv_imap_cmd_split(void);
void drv_imap_cmd_split(void)
{
	/*@ loop unroll PT_FC_SPLIT + 1; */
	for (size_t n = 0; n <= PT_FC_SPLIT; n++) {
		struct pt_imap_parser P;

		pt_fc_imap_init(&P);
		pt_imap_cmd_parse(&P, pt_fc_input(n), n);
		pt_imap_cmd_parse(&P, pt_fc_input(PT_FC_SPLIT), PT_FC_SPLIT);
	}
}

/* pt_imap_arg_copy over every argument span that lies inside an n-byte
 * buffer (its contract: spans from a parse of that buffer), every kind,
 * into every capacity. */
void drv_imap_arg(void);
void drv_imap_arg(void)
{
	/*@ loop unroll PT_FC_STR + 1; */
	for (size_t n = 0; n <= PT_FC_STR; n++) {
		const uint8_t *buf = pt_fc_input(n);

		/*@ loop unroll PT_FC_STR + 1; */
		for (size_t off = 0; off <= n; off++) {
			struct pt_imap_parser P;

			pt_imap_cmd_init(&P, 0);
			P.nargs = (unsigned)Frama_C_interval(0, PT_IMAP_ARGS_MAX);
			for (unsigned i = 0; i < PT_IMAP_ARGS_MAX; i++) {
				P.args[i].kind = (enum pt_imap_arg_kind)Frama_C_interval(0, 2);
				P.args[i].span.off = (uint32_t)off;
				P.args[i].span.len = (uint32_t)Frama_C_size_t_interval(0, n - off);
			}
			/*@ loop unroll PT_FC_STR + 1; */
			for (size_t cap = 0; cap <= PT_FC_STR; cap++)
				pt_imap_arg_copy(&P, buf,
				                 (unsigned)Frama_C_interval(0, PT_IMAP_ARGS_MAX + 1),
				                 pt_fc_room(cap), cap);
		}
	}
}

void drv_imap_resp(void);
void drv_imap_resp(void)
{
	/*@ loop unroll PT_FC_N + 1; */
	for (size_t n = 0; n <= PT_FC_N; n++) {
		struct pt_imap_resp_parser P;

		pt_imap_resp_init(&P);
		pt_imap_resp_parse(&P, pt_fc_input(n), n);
	}
}

void drv_imap_resp_split(void);
void drv_imap_resp_split(void)
{
	/*@ loop unroll PT_FC_SPLIT + 1; */
	for (size_t n = 0; n <= PT_FC_SPLIT; n++) {
		struct pt_imap_resp_parser P;

		pt_imap_resp_init(&P);
		pt_imap_resp_parse(&P, pt_fc_input(n), n);
		pt_imap_resp_parse(&P, pt_fc_input(PT_FC_SPLIT), PT_FC_SPLIT);
	}
}

static void pt_fc_pop3_init(struct pt_pop3_parser *P)
{
	if (Frama_C_interval(0, 1))
		pt_pop3_cmd_init(P);
	else
		pt_pop3_cmd_init_sasl_line(P);
}

void drv_pop3_cmd(void);
void drv_pop3_cmd(void)
{
	/*@ loop unroll PT_FC_N + 1; */
	for (size_t n = 0; n <= PT_FC_N; n++) {
		struct pt_pop3_parser P;

		pt_fc_pop3_init(&P);
		pt_pop3_cmd_parse(&P, pt_fc_line(n, 1), n);
	}
}

void drv_pop3_cmd_split(void);
void drv_pop3_cmd_split(void)
{
	/*@ loop unroll PT_FC_SPLIT + 1; */
	for (size_t n = 0; n <= PT_FC_SPLIT; n++) {
		struct pt_pop3_parser P;

		pt_fc_pop3_init(&P);
		pt_pop3_cmd_parse(&P, pt_fc_line(n, 1), n);
		pt_pop3_cmd_parse(&P, pt_fc_input(PT_FC_SPLIT), PT_FC_SPLIT);
	}
}

void drv_pop3_resp(void);
void drv_pop3_resp(void)
{
	/*@ loop unroll PT_FC_N + 1; */
	for (size_t n = 0; n <= PT_FC_N; n++) {
		struct pt_pop3_resp_parser P;

		pt_pop3_resp_init(&P);
		pt_pop3_resp_parse(&P, pt_fc_input(n), n);
		pt_pop3_resp_parse(&P, pt_fc_input(PT_FC_N), PT_FC_N);
	}
}

static void pt_fc_smtp_init(struct pt_smtp_parser *P)
{
	if (Frama_C_interval(0, 1))
		pt_smtp_cmd_init(P);
	else
		pt_smtp_cmd_init_sasl_line(P);
}

void drv_smtp_cmd(void);
void drv_smtp_cmd(void)
{
	/*@ loop unroll PT_FC_N + 1; */
	for (size_t n = 0; n <= PT_FC_N; n++) {
		struct pt_smtp_parser P;

		pt_fc_smtp_init(&P);
		pt_smtp_cmd_parse(&P, pt_fc_line(n, 1), n);
	}
}

void drv_smtp_cmd_split(void);
void drv_smtp_cmd_split(void)
{
	/*@ loop unroll PT_FC_SPLIT + 1; */
	for (size_t n = 0; n <= PT_FC_SPLIT; n++) {
		struct pt_smtp_parser P;

		pt_fc_smtp_init(&P);
		pt_smtp_cmd_parse(&P, pt_fc_line(n, 1), n);
		pt_smtp_cmd_parse(&P, pt_fc_input(PT_FC_SPLIT), PT_FC_SPLIT);
	}
}

void drv_smtp_resp(void);
void drv_smtp_resp(void)
{
	/*@ loop unroll PT_FC_N + 1; */
	for (size_t n = 0; n <= PT_FC_N; n++) {
		struct pt_smtp_resp_parser P;

		pt_smtp_resp_init(&P);
		pt_smtp_resp_parse(&P, pt_fc_line(n, 1), n);
	}
}

void drv_smtp_resp_split(void);
void drv_smtp_resp_split(void)
{
	/*@ loop unroll PT_FC_SPLIT + 1; */
	for (size_t n = 0; n <= PT_FC_SPLIT; n++) {
		struct pt_smtp_resp_parser P;

		pt_smtp_resp_init(&P);
		pt_smtp_resp_parse(&P, pt_fc_line(n, 1), n);
		pt_smtp_resp_parse(&P, pt_fc_input(PT_FC_SPLIT), PT_FC_SPLIT);
	}
}

void drv_sasl(void);
void drv_sasl(void)
{
	/*@ loop unroll PT_FC_N + 1; */
	for (size_t n = 0; n <= PT_FC_N; n++) {
		struct pt_sasl_parser P;
		const uint8_t *a = pt_fc_input(n);

		pt_sasl_init(&P, (enum pt_sasl_mech)Frama_C_interval(0, PT_SASL_CRAM_MD5 + 1));
		pt_sasl_parse(&P, a, n, Frama_C_interval(0, 1));
		pt_sasl_has_ctl(a, n);
	}
}

void drv_sasl_split(void);
void drv_sasl_split(void)
{
	/*@ loop unroll PT_FC_SPLIT + 1; */
	for (size_t n = 0; n <= PT_FC_SPLIT; n++) {
		struct pt_sasl_parser P;

		pt_sasl_init(&P, (enum pt_sasl_mech)Frama_C_interval(0, PT_SASL_CRAM_MD5 + 1));
		pt_sasl_parse(&P, pt_fc_input(n), n, 0);
		pt_sasl_parse(&P, pt_fc_input(PT_FC_SPLIT), PT_FC_SPLIT, Frama_C_interval(0, 1));
	}
}

void drv_authhdr(void);
void drv_authhdr(void)
{
	/*@ loop unroll PT_FC_N + 1; */
	for (size_t n = 0; n <= PT_FC_N; n++) {
		struct pt_authhdr_parser P;

		pt_authhdr_init(&P, Frama_C_interval(0, 1));
		pt_authhdr_parse(&P, pt_fc_input(n), n);
	}
}

void drv_authhdr_split(void);
void drv_authhdr_split(void)
{
	/*@ loop unroll PT_FC_SPLIT + 1; */
	for (size_t n = 0; n <= PT_FC_SPLIT; n++) {
		struct pt_authhdr_parser P;

		pt_authhdr_init(&P, Frama_C_interval(0, 1));
		pt_authhdr_parse(&P, pt_fc_input(n), n);
		pt_authhdr_parse(&P, pt_fc_input(PT_FC_SPLIT), PT_FC_SPLIT);
	}
}

void drv_passwd(void);
void drv_passwd(void)
{
	/*@ loop unroll PT_FC_N + 1; */
	for (size_t n = 0; n <= PT_FC_N; n++) {
		struct pt_passwd_parser P;

		pt_passwd_init(&P);
		pt_passwd_parse(&P, pt_fc_input(n), n);
	}
}

void drv_passwd_split(void);
void drv_passwd_split(void)
{
	/*@ loop unroll PT_FC_SPLIT + 1; */
	for (size_t n = 0; n <= PT_FC_SPLIT; n++) {
		struct pt_passwd_parser P;

		pt_passwd_init(&P);
		pt_passwd_parse(&P, pt_fc_input(n), n);
		pt_passwd_parse(&P, pt_fc_input(PT_FC_SPLIT), PT_FC_SPLIT);
	}
}

void drv_ciphers(void);
void drv_ciphers(void)
{
	/*@ loop unroll PT_FC_N + 1; */
	for (size_t n = 0; n <= PT_FC_N; n++) {
		struct pt_ciphers_lex P;

		pt_ciphers_lex_init(&P);
		pt_ciphers_lex(&P, pt_fc_input(n), n, Frama_C_interval(0, 1));
	}
}

void drv_ciphers_split(void);
void drv_ciphers_split(void)
{
	/*@ loop unroll PT_FC_SPLIT + 1; */
	for (size_t n = 0; n <= PT_FC_SPLIT; n++) {
		struct pt_ciphers_lex P;

		pt_ciphers_lex_init(&P);
		pt_ciphers_lex(&P, pt_fc_input(n), n, 0);
		pt_ciphers_lex(&P, pt_fc_input(PT_FC_SPLIT), PT_FC_SPLIT, Frama_C_interval(0, 1));
	}
}

/* ---- src/proto/proxy.c and grammar/proxy.rl ---------------------------------- */

/* The v1 line and the v2 header are grammar/proxy.rl's machine, whose
 * fcall/fret dispatch loop Eva needs far longer than the other machines
 * for (alarms.md): make frama FRAMA_ENTRIES="drv_proxy drv_proxy_split"
 * runs them on their own. */
void drv_proxy(void);
void drv_proxy(void)
{
	/*@ loop unroll PT_FC_SPLIT + 1; */
	for (size_t n = 0; n <= PT_FC_SPLIT; n++) {
		struct pt_proxy_parser P;

		pt_proxy_init(&P);
		pt_proxy_parse(&P, pt_fc_input(n), n);
	}
}

void drv_proxy_split(void);
void drv_proxy_split(void)
{
	/*@ loop unroll PT_FC_SPLIT + 1; */
	for (size_t n = 0; n <= PT_FC_SPLIT; n++) {
		struct pt_proxy_parser P;

		pt_proxy_init(&P);
		pt_proxy_parse(&P, pt_fc_input(n), n);
		pt_proxy_parse(&P, pt_fc_input(PT_FC_SPLIT), PT_FC_SPLIT);
	}
}

/* The counted v2 block (proxy.c) once the machine has read the 16-byte
 * header: any command, family and length field, every buffer length up
 * to 64 (a TCP6 block ends at 52). */
#define PT_FC_V2 64

void drv_proxy_v2(void);
void drv_proxy_v2(void)
{
	/*@ loop unroll PT_FC_V2 + 1; */
	for (size_t n = PT_PROXY_V2_HEAD; n <= PT_FC_V2; n++) {
		const uint8_t *in = pt_fc_input(n);

		/* A length field that fits the n bytes and one that does not, in
		 * two calls: Eva would join them into one range otherwise. */
		/*@ loop unroll 2; */
		for (int fits = 0; fits < 2; fits++) {
			struct pt_proxy_parser P;

			pt_proxy_init(&P);
			P.version = 2;
			P.v2_head_done = 1;
			P.v2_cmd = (uint8_t)Frama_C_interval(0, 1);
			P.v2_fam = (uint8_t)Frama_C_interval(0, 255);
			P.v2_len = (uint16_t)(fits ? Frama_C_interval(0, (int)(n - PT_PROXY_V2_HEAD))
			                           : Frama_C_interval((int)(n - PT_PROXY_V2_HEAD) + 1,
			                                              UINT16_MAX));
			P.off = PT_PROXY_V2_HEAD;
			pt_proxy_v2_block(&P, in, n);
		}
	}
}

/* The writers and the text form, for any address and family, into every
 * capacity up to what each can need. */
void drv_proxy_write(void);
void drv_proxy_write(void)
{
	struct pt_proxy_addr a;

	Frama_C_make_unknown((char *)&a, sizeof(a));
	a.family = (enum pt_proxy_family)Frama_C_interval(0, PT_PROXY_AF_INET6 + 1);

	/* Every capacity up to 16, then every 7th up to past the longest v1
	 * line: the writers' bounds are the writer's, checked in drv_buf. */
	/*@ loop unroll PT_PROXY_V1_MAX; */
	for (size_t cap = 0; cap <= PT_PROXY_V1_MAX + 1; cap += cap < 16 ? 1 : 7) {
		pt_proxy_v1_write(&a, pt_fc_room(cap), cap);
		pt_proxy_v2_write(&a, pt_fc_room(cap), cap);
	}
	/*@ loop unroll PT_PROXY_ADDR_TEXT_MAX + 2; */
	for (size_t cap = 0; cap <= PT_PROXY_ADDR_TEXT_MAX + 1; cap++)
		pt_proxy_addr_text(&a, Frama_C_interval(0, 1), (char *)pt_fc_room(cap), cap);
}

/* ---- src/proto/conf_lex.h ------------------------------------------------------- */

/* A token's word is NUL-terminated at word[len], inside the lexer. */
static int pt_fc_on_tok(void *ctx, const struct pt_conf_tok *tok)
{
	(void)ctx;
	if (tok->type == PT_CONF_TOK_WORD) {
		/*@ assert tok_word: \valid_read(tok->word + (0 .. tok->len)); */
		/*@ assert tok_len: tok->len <= PT_CONF_WORD_MAX; */
	}
	return Frama_C_interval(0, 1);
}

void drv_conf_lex(void);
void drv_conf_lex(void)
{
	static struct pt_conf_lex L;
	static const uint8_t *chunk[PT_FC_N + 1];

	/*@ loop unroll PT_FC_N + 1; */
	for (size_t n = 0; n <= PT_FC_N; n++)
		chunk[n] = pt_fc_input(n);
	pt_conf_lex_init(&L, pt_fc_on_tok, NULL);
	/* Widen the word length to its bound, not past it: wlen stops at
	 * PT_CONF_WORD_MAX, and word[] has one byte more for the NUL. */
	/*@ widen_hints global:"all", PT_CONF_WORD_MAX; */
	/* Any number of rounds, each feeding a chunk of each size 0..PT_FC_N
	 * or not: any sequence of chunk sizes, so input of any length. */
	while (Frama_C_interval(0, 1)) {
		/*@ loop unroll PT_FC_N + 1; */
		for (size_t n = 0; n <= PT_FC_N; n++) {
			if (Frama_C_interval(0, 1))
				pt_conf_lex_feed(&L, chunk[n], n);
		}
	}
	pt_conf_lex_finish(&L);
}
