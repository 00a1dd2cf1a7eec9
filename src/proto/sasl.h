/*
 * sasl.h - SASL responses after base64 decoding (grammar/sasl.rl).
 *
 * The client's base64 is decoded strictly by util/base64 first; these
 * machines then split the decoded bytes:
 *   PLAIN    RFC 4616 §2: [authzid] NUL authcid NUL passwd; the authzid is
 *            dropped (nginx), a missing NUL is invalid, and NUL may not
 *            appear inside authcid or passwd.
 *   CRAM-MD5 RFC 2195 §2: user SP digest, the digest 32 hex digits (the
 *            last SP splits, so a user name may hold spaces).
 *   XOAUTH2  Google's "user=" user %x01 "auth=Bearer " token %x01 %x01.
 *   OAUTHBEARER  RFC 7628 §3.1: a GS2 header (RFC 5801) with the user as
 *            authzid, "a=" user (its "=2C"/"=3D" still escaped: see
 *            pt_sasl_gs2_unescape), then %x01-ended key=value pairs of
 *            which exactly one is "auth=Bearer " token, then %x01.
 *   For both, user is the user and secret the bearer token.
 * LOGIN and EXTERNAL carry one opaque value each and need no split.
 * Each result says whether a part holds CR, LF or NUL: such credentials
 * cannot be carried to a line-based backend and must be refused
 * (DESIGN §6) — the check is the caller's, the facts are here.
 * Input is complete (a decoded buffer), but the machines still run
 * resumably over any split (tests/parse).
 *
 * Results (the item of parse.h is the whole decoded response):
 *   MORE     every byte so far fits a prefix of a valid response; only
 *            with final=0.
 *   DONE     only with final=1; the spans and flags are set, p->off == len.
 *   INVALID  with final=1 when the input ends where the response may not
 *            (a missing NUL, a short digest, ...): p->off == len.
 *            Early, whatever final is, as soon as it is certain: a NUL no
 *            rule can take (PLAIN: a third one; CRAM-MD5: any) leaves
 *            p->off just past that NUL (XOAUTH2, OAUTHBEARER: just past
 *            the first byte their keywords and separators cannot take), and more than PT_SASL_MAX bytes
 *            leaves p->off == PT_SASL_MAX + 1.  An earlier bad NUL wins
 *            over the length bound, so every split gives the same p->off.
 *   Both final results are sticky: later calls return them unchanged.
 *   On INVALID the spans are zero and the flags 0: nothing half-parsed
 *   reaches the caller.
 * Bound: PT_SASL_MAX decoded bytes (util/limits.h), so every offset fits a
 * pt_span's uint32_t.
 * Where this differs from nginx (ngx_mail_auth_plain/_cram_md5), on
 * purpose: PLAIN refuses a NUL inside passwd (nginx passes it on);
 * CRAM-MD5 splits at the last space (nginx: the first), wants 32 hex
 * digits (nginx: any 32 bytes) and a non-empty user (nginx: any).
 * Like nginx, PLAIN accepts an empty authcid or passwd: see grammar/sasl.rl.
 */
#ifndef PT_PROTO_SASL_H
#define PT_PROTO_SASL_H

#include "proto/parse.h"
#include "util/limits.h"

#define PT_SASL_CRAM_DIGEST_LEN 32

enum pt_sasl_mech {
	PT_SASL_PLAIN = 1,
	PT_SASL_CRAM_MD5,
	PT_SASL_XOAUTH2,
	PT_SASL_OAUTHBEARER
};

struct pt_sasl_parser {
	int cs;
	size_t off;
	enum pt_sasl_mech mech;
	size_t mark;                /* PLAIN: offset where the current part starts */
	size_t last_sp;             /* CRAM-MD5: offset of the last space seen */
	unsigned auth_count;        /* XOAUTH2, OAUTHBEARER: tokens seen (one is valid) */
	struct pt_span authzid;     /* PLAIN */
	struct pt_span user;        /* PLAIN authcid, CRAM-MD5 user, OAuth user */
	struct pt_span secret;      /* PLAIN passwd, CRAM-MD5 digest, OAuth token */
	int user_has_ctl;           /* CR or LF in user (NUL cannot be there) */
	int secret_has_ctl;         /* CR or LF in secret */
	enum pt_parse_status status;    /* MORE until a final result, then sticky */
};

void pt_sasl_init(struct pt_sasl_parser *p, enum pt_sasl_mech mech);
/* buf holds the decoded response; call with growing len, then once more
 * with final=1 when all of it is there.  DONE only when final; INVALID
 * when final, or early when certain (see above).  A mech that is none of
 * the four makes every call INVALID. */
enum pt_parse_status pt_sasl_parse(struct pt_sasl_parser *p, const uint8_t *buf, size_t len,
                                   int final);

/* Undo RFC 5801's "=2C" and "=3D" in an OAUTHBEARER user span that the
 * machine accepted, in place; returns the new length. */
size_t pt_sasl_gs2_unescape(uint8_t *p, size_t n);

/* 1 if p[0..n) holds CR, LF or NUL. */
int pt_sasl_has_ctl(const uint8_t *p, size_t n);

#endif
