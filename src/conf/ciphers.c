/*
 * ciphers.c - OpenSSL's cipher-string rules over its suite list, and
 * postern's suites out of the result (ciphers.h has the contract,
 * ciphers_tab.c the data, grammar/ciphers.rl the elements).
 *
 * Implementation notes.
 *   State: the list as OpenSSL keeps it (ssl_ciph.c's co_list): every
 *   suite not yet killed, in order, each selected ("active") or not.  An
 *   unselected suite keeps its place: that place decides where a later
 *   rule adds it back.  A rule is a pattern (the joined words' masks
 *   narrowed one by one, as ssl_cipher_process_rulestr() does) and an op,
 *   applied in one stable pass over the list.
 *   Cost: a pass is PT_CIPHERS_N suites; a string has at most
 *   PT_CONF_WORD_MAX / 2 elements, each word looked up in three tables.
 *   No allocation; the state is on the stack (under 0.5 KiB).
 */
#include <string.h>

#include "conf/ciphers_int.h"

struct pt_ciphers_state {
	uint8_t order[PT_CIPHERS_N];    /* suites not killed, in list order */
	size_t n;
	uint8_t active[PT_CIPHERS_N];   /* by suite */
};

struct pt_ciphers_pat {
	int suite;                      /* an explicit suite, or -1 */
	int bits;                       /* @STRENGTH's pass: only these strength_bits */
	uint8_t kx, au, mac, ver, strength;
	uint16_t enc;
};

const uint16_t pt_ciphers_offer[PT_CONF_SUITES_MAX] = {
	PT_TLS_ECDHE_ECDSA_AES128_GCM_SHA256, PT_TLS_ECDHE_RSA_AES128_GCM_SHA256,
	PT_TLS_ECDHE_ECDSA_AES256_GCM_SHA384, PT_TLS_ECDHE_RSA_AES256_GCM_SHA384,
	PT_TLS_ECDHE_ECDSA_CHACHA20_POLY1305, PT_TLS_ECDHE_RSA_CHACHA20_POLY1305,
};

/* OpenSSL 3.0's OSSL_default_cipher_list(), read when the string starts
 * with DEFAULT; and the lists a SUITEB... start replaces the string with
 * (ssl_ciph.c check_suiteb_cipher_list(), longest prefix first).  Suite B
 * also limits curves and signatures in OpenSSL; postern does not. */
static const char pt_ciphers_default[] = "ALL:!COMPLEMENTOFDEFAULT:!eNULL";
static const struct {
	const char *prefix, *rules;
} pt_ciphers_suiteb[] = {
	{ "SUITEB128ONLY", "ECDHE-ECDSA-AES128-GCM-SHA256" },
	{ "SUITEB128C2", "ECDHE-ECDSA-AES256-GCM-SHA384" },
	{ "SUITEB128", "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384" },
	{ "SUITEB192", "ECDHE-ECDSA-AES256-GCM-SHA384" },
};

/* OpenSSL's security levels 0..5: the fewest cipher bits each allows
 * (ssl_security_default_callback(), SSL_SECOP_CIPHER_*). */
static const uint16_t pt_ciphers_level_bits[6] = { 0, 80, 112, 128, 192, 256 };

static int pt_ciphers_match(const struct pt_ciphers_pat *p, size_t i)
{
	const struct pt_ciphers_suite *c = &pt_ciphers_suites[i];

	if (p->bits >= 0)
		return c->bits == p->bits;
	if (p->suite >= 0 && (size_t)p->suite != i)
		return 0;
	return (!p->kx || (p->kx & c->kx)) && (!p->au || (p->au & c->au)) &&
	       (!p->enc || (p->enc & c->enc)) && (!p->mac || (p->mac & c->mac)) &&
	       (!p->ver || p->ver == c->ver) &&
	       (!(p->strength & PT_CS_STRONG) || (p->strength & PT_CS_STRONG & c->strength)) &&
	       (!(p->strength & PT_CS_NOTDEF) || (p->strength & PT_CS_NOTDEF & c->strength));
}

/* ssl_cipher_apply_rule(), as one stable partition: ADD and ORD move
 * their matches to the end, DEL to the front (unselected), KILL drops
 * them from the list. */
static void pt_ciphers_apply(struct pt_ciphers_state *st, const struct pt_ciphers_pat *p,
                             enum pt_ciphers_op op)
{
	uint8_t hit[PT_CIPHERS_N], rest[PT_CIPHERS_N];
	size_t nh = 0, nr = 0;

	for (size_t j = 0; j < st->n; j++) {
		uint8_t k = st->order[j];
		int m = pt_ciphers_match(p, k);

		if (op == PT_CIPHERS_ADD)
			m = m && !st->active[k];
		else if (op != PT_CIPHERS_KILL)
			m = m && st->active[k];
		if (m)
			hit[nh++] = k;
		else
			rest[nr++] = k;
	}
	for (size_t j = 0; j < nh; j++)
		st->active[hit[j]] = op == PT_CIPHERS_ADD || op == PT_CIPHERS_ORD;
	switch (op) {
	case PT_CIPHERS_KILL:
		memcpy(st->order, rest, nr);
		st->n = nr;
		break;
	case PT_CIPHERS_DEL:
		memcpy(st->order, hit, nh);
		memcpy(st->order + nh, rest, nr);
		break;
	case PT_CIPHERS_ADD:
	case PT_CIPHERS_ORD:
		memcpy(st->order, rest, nr);
		memcpy(st->order + nr, hit, nh);
		break;
	default:
		break;
	}
}

/* ssl_cipher_strength_sort(): the selected suites, strongest first,
 * keeping their order within one strength. */
static void pt_ciphers_strength(struct pt_ciphers_state *st)
{
	struct pt_ciphers_pat p;
	int b = 0x10000;

	memset(&p, 0, sizeof(p));
	p.suite = -1;
	for (;;) {
		int next = -1;

		for (size_t j = 0; j < st->n; j++) {
			int cb = pt_ciphers_suites[st->order[j]].bits;

			if (st->active[st->order[j]] && cb < b && cb > next)
				next = cb;
		}
		if (next < 0)
			return;
		p.bits = b = next;
		pt_ciphers_apply(st, &p, PT_CIPHERS_ORD);
	}
}

static int pt_ciphers_word_is(const char *w, size_t n, const char *name)
{
	return strlen(name) == n && memcmp(w, name, n) == 0;
}

/* Narrow one mask as ssl_cipher_process_rulestr() does: 0 once it
 * empties (the joined words exclude each other). */
static int pt_ciphers_narrow(uint16_t *m, uint16_t v)
{
	if (v == 0)
		return 1;
	*m = *m ? (uint16_t)(*m & v) : v;
	return *m != 0;
}

static int pt_ciphers_narrow8(uint8_t *m, uint8_t v)
{
	uint16_t w = *m;
	int ok = pt_ciphers_narrow(&w, v);

	*m = (uint8_t)w;
	return ok;
}

enum pt_ciphers_kindof { PT_CW_NONE, PT_CW_SUITE, PT_CW_ALIAS };

/* What a word names, as OpenSSL's ca_list: a suite first, then an alias. */
static enum pt_ciphers_kindof pt_ciphers_lookup(const char *w, size_t n, size_t *i)
{
	for (*i = 0; *i < PT_CIPHERS_N; (*i)++)
		if (pt_ciphers_word_is(w, n, pt_ciphers_suites[*i].name))
			return PT_CW_SUITE;
	for (*i = 0; *i < pt_ciphers_n_aliases; (*i)++)
		if (pt_ciphers_word_is(w, n, pt_ciphers_aliases[*i].name))
			return PT_CW_ALIAS;
	return PT_CW_NONE;
}

/* The strength bits, as ssl_cipher_process_rulestr() narrows them: note
 * that a class (HIGH...) replaces the whole field when it has no class
 * yet, so "COMPLEMENTOFDEFAULT+HIGH" is all of HIGH, in OpenSSL too. */
static int pt_ciphers_narrow_strength(uint8_t *m, uint8_t v)
{
	if (v & PT_CS_STRONG) {
		if (*m & PT_CS_STRONG) {
			*m &= (uint8_t)((v & PT_CS_STRONG) | ~PT_CS_STRONG);
			if (!(*m & PT_CS_STRONG))
				return 0;
		} else {
			*m = v & PT_CS_STRONG;
		}
	}
	if (v & PT_CS_NOTDEF) {
		if (*m & PT_CS_NOTDEF) {
			*m &= (uint8_t)((v & PT_CS_NOTDEF) | ~PT_CS_NOTDEF);
			if (!(*m & PT_CS_NOTDEF))
				return 0;
		} else {
			*m |= v & PT_CS_NOTDEF;
		}
	}
	return 1;
}

/* One word into the pattern: 1, or 0 when the element selects nothing
 * (a word that names nothing, or masks that exclude each other). */
static int pt_ciphers_word(struct pt_ciphers_pat *p, const char *w, size_t n)
{
	uint8_t kx, au, mac, ver = 0, strength;
	uint16_t enc;
	size_t i;

	switch (pt_ciphers_lookup(w, n, &i)) {
	case PT_CW_SUITE: {
		const struct pt_ciphers_suite *c = &pt_ciphers_suites[i];

		/* A suite's own version is not part of the pattern (OpenSSL). */
		p->suite = (int)i;
		kx = c->kx, au = c->au, enc = c->enc, mac = c->mac, strength = c->strength;
		break;
	}
	case PT_CW_ALIAS: {
		const struct pt_ciphers_alias *a = &pt_ciphers_aliases[i];

		kx = a->kx, au = a->au, enc = a->enc, mac = a->mac, ver = a->ver;
		strength = a->strength;
		break;
	}
	case PT_CW_NONE:
	default:
		return 0;
	}
	if (ver) {
		if (p->ver && p->ver != ver)
			return 0;
		p->ver = ver;
	}
	return pt_ciphers_narrow8(&p->kx, kx) && pt_ciphers_narrow8(&p->au, au) &&
	       pt_ciphers_narrow(&p->enc, enc) && pt_ciphers_narrow8(&p->mac, mac) &&
	       pt_ciphers_narrow_strength(&p->strength, strength);
}

static int pt_ciphers_in(const char *const *list, const char *w, size_t n)
{
	for (; *list; list++)
		if (pt_ciphers_word_is(w, n, *list))
			return 1;
	return 0;
}

/* Note a word OpenSSL does not know (each once) or the first TLS 1.3 name. */
static void pt_ciphers_note(struct pt_ciphers_result *r, const char *s, size_t off, size_t n)
{
	enum pt_ciphers_note_kind kind = pt_ciphers_in(pt_ciphers_tls13, s + off, n) ?
	                                 PT_CIPHERS_NOTE_TLS13 : PT_CIPHERS_NOTE_UNKNOWN;

	for (size_t i = 0; i < r->n_notes; i++) {
		const struct pt_ciphers_note *o = &r->notes[i];

		if (o->kind == kind && (kind == PT_CIPHERS_NOTE_TLS13 ||
		                        (o->word.len == n && memcmp(s + o->word.off, s + off, n) == 0)))
			return;
	}
	if (r->n_notes == PT_CIPHERS_NOTES_MAX) {
		r->n_notes_lost++;
		return;
	}
	r->notes[r->n_notes].kind = kind;
	r->notes[r->n_notes].word.off = (uint32_t)off;
	r->notes[r->n_notes].word.len = (uint32_t)n;
	r->n_notes++;
}

/* One element; its word spans are relative to s + base. */
static void pt_ciphers_element(struct pt_ciphers_state *st, struct pt_ciphers_result *r,
                               const struct pt_ciphers_lex *L, const char *s, size_t base)
{
	struct pt_ciphers_pat p;
	int ok = 1;

	switch (L->kind) {
	case PT_CIPHERS_STRENGTH:
		pt_ciphers_strength(st);
		return;
	case PT_CIPHERS_SECLEVEL:
		r->seclevel = L->level;
		return;
	case PT_CIPHERS_RULE:
		break;
	default:
		return;
	}
	memset(&p, 0, sizeof(p));
	p.suite = -1;
	p.bits = -1;
	/* OpenSSL stops at the first word that fails; every word is looked at
	 * here, so that each unknown one is noted. */
	for (size_t i = 0; i < L->n_words; i++) {
		const char *w = s + base + L->word[i].off;
		size_t n = L->word[i].len, k;

		if (ok && !pt_ciphers_word(&p, w, n))
			ok = 0;
		if (pt_ciphers_lookup(w, n, &k) == PT_CW_NONE && !pt_ciphers_in(pt_ciphers_empty, w, n))
			pt_ciphers_note(r, s, base + L->word[i].off, n);
	}
	if (ok)
		pt_ciphers_apply(st, &p, L->op);
}

/* Every element of s[base..len). */
static enum pt_ciphers_status pt_ciphers_run(struct pt_ciphers_state *st,
                                             struct pt_ciphers_result *r, const char *s,
                                             size_t base, size_t len)
{
	const uint8_t *u = (const uint8_t *)s;
	struct pt_ciphers_lex L;

	for (;;) {
		pt_ciphers_lex_init(&L);
		if (pt_ciphers_lex(&L, u + base, len - base, 1) != PT_PARSE_DONE) {
			r->err = L.err != PT_CIPHERS_ERR_NONE ? L.err : PT_CIPHERS_ERR_BYTE;
			r->err_off = base + L.off;
			return PT_CIPHERS_SYNTAX;
		}
		if (L.kind == PT_CIPHERS_END)
			return PT_CIPHERS_OK;
		pt_ciphers_element(st, r, &L, s, base);
		base += L.off;
	}
}

enum pt_ciphers_status pt_ciphers_parse(const char *s, size_t len, struct pt_ciphers_result *r)
{
	struct pt_ciphers_state st;
	enum pt_ciphers_status rc;
	size_t base = 0;

	memset(r, 0, sizeof(*r));
	r->seclevel = -1;
	st.n = PT_CIPHERS_N;
	for (size_t i = 0; i < PT_CIPHERS_N; i++) {
		st.order[i] = (uint8_t)i;
		st.active[i] = 0;
	}
	/* ssl_create_cipher_list(): these look at the raw start of the string. */
	for (size_t i = 0; i < sizeof(pt_ciphers_suiteb) / sizeof(pt_ciphers_suiteb[0]); i++) {
		size_t n = strlen(pt_ciphers_suiteb[i].prefix);

		if (len >= n && memcmp(s, pt_ciphers_suiteb[i].prefix, n) == 0) {
			s = pt_ciphers_suiteb[i].rules;
			len = strlen(s);
			break;
		}
	}
	if (len >= 7 && memcmp(s, "DEFAULT", 7) == 0) {
		pt_ciphers_run(&st, r, pt_ciphers_default, 0, sizeof(pt_ciphers_default) - 1);
		base = 7;
	}
	rc = pt_ciphers_run(&st, r, s, base, len);
	if (rc != PT_CIPHERS_OK)
		return rc;
	for (size_t j = 0; j < st.n; j++) {
		const struct pt_ciphers_suite *c = &pt_ciphers_suites[st.order[j]];

		if (!st.active[st.order[j]])
			continue;
		r->list[r->n_list++] = st.order[j];
		if (r->seclevel >= 0 && c->bits < pt_ciphers_level_bits[r->seclevel])
			continue;
		for (size_t k = 0; k < PT_CONF_SUITES_MAX; k++)
			if (c->id == pt_ciphers_offer[k])
				r->ids[r->n++] = c->id;
	}
	return r->n ? PT_CIPHERS_OK : PT_CIPHERS_NONE;
}

const char *pt_ciphers_offer_name(uint16_t id)
{
	for (size_t i = 0; i < PT_CIPHERS_N; i++)
		if (pt_ciphers_suites[i].id == id)
			return pt_ciphers_suites[i].name;
	return "?";
}

const char *pt_ciphers_name(uint8_t i)
{
	return i < PT_CIPHERS_N ? pt_ciphers_suites[i].name : "?";
}

const char *pt_ciphers_err_text(enum pt_ciphers_err err)
{
	switch (err) {
	case PT_CIPHERS_ERR_BYTE:
		return "unexpected character";
	case PT_CIPHERS_ERR_END:
		return "unexpected end";
	case PT_CIPHERS_ERR_LONG:
		return "too long a name";
	case PT_CIPHERS_ERR_PARTS:
		return "too many names joined by \"+\"";
	case PT_CIPHERS_ERR_NONE:
	default:
		return "error";
	}
}
