/*
 * sasl.rl - SASL responses after base64 decoding: PLAIN and CRAM-MD5.
 *
 * Implementation notes:
 * - One state table, two entry points (pt_sasl_en_plain and
 *   pt_sasl_en_cram_md5); pt_sasl_init() sets cs to the mechanism's.
 * - Resumable the parse.h way: buf always starts at byte 0 of the decoded
 *   response, p->off says how far the machine has read, and each call runs
 *   it over buf[off, len).  The actions only record offsets and set flags,
 *   so any split gives the same result (tests/parse/test_sasl.c proves it
 *   for every vector; fuzz/fuzz_sasl.c checks it on random input).
 * - The spans are finished at the final call: the last part of either
 *   mechanism has no terminator, it ends where the input ends.
 * - Bound: the machine never reads more than PT_SASL_MAX bytes; the bound
 *   is checked by the driver rather than counted in the grammar, where a
 *   4096-fold repetition would multiply the states for nothing.
 * - Early INVALID: only a NUL that no rule can take sends the machine to
 *   its error state (PLAIN: a third NUL; CRAM-MD5: any NUL); every other
 *   prefix can still become valid, so the verdict waits for final=1.
 * - Timing: the generated code branches on NUL, CR, LF, SP and hex digits.
 *   Whether a password holds those decides its validity and is not secret;
 *   the other bytes of a password all take the same path.
 * - No allocation, no copy: results are offsets into the caller's buffer.
 */
#include <string.h>

#include "proto/sasl.h"

%%{
	machine pt_sasl;
	alphtype unsigned char;
	access sp->;

	# Where the current byte sits in buf; fits a uint32_t because the
	# driver never runs the machine past PT_SASL_MAX.
	action plain_nul1 {
		sp->authzid.off = 0;
		sp->authzid.len = (uint32_t)(fpc - buf);
		sp->mark = (size_t)(fpc - buf) + 1;
	}
	action plain_nul2 {
		sp->user.off = (uint32_t)sp->mark;
		sp->user.len = (uint32_t)((size_t)(fpc - buf) - sp->mark);
		sp->mark = (size_t)(fpc - buf) + 1;
	}
	action user_ctl   { sp->user_has_ctl = 1; }
	action secret_ctl { sp->secret_has_ctl = 1; }
	action cram_sp    { sp->last_sp = (size_t)(fpc - buf); }

	# ---- PLAIN ------------------------------------------------------------
	# RFC 4616 §2:
	#   message   = [authzid] UTF8NUL authcid UTF8NUL passwd
	#   authcid   = 1*SAFE ; MUST accept up to 255 octets
	#   authzid   = 1*SAFE ; MUST accept up to 255 octets
	#   passwd    = 1*SAFE ; MUST accept up to 255 octets
	#   UTF8NUL   = %x00 ; UTF-8 encoded NUL character
	#   SAFE      = UTF1 / UTF2 / UTF3 / UTF4
	#               ;; any UTF-8 encoded Unicode character except NUL
	#
	# SAFE is read as "any octet but NUL": nginx checks no UTF-8, and
	# passwords in legacy 8-bit charsets exist; the auth server decides
	# what a name means.  CR and LF are SAFE for the RFC but cannot be
	# carried to a line-based backend, so they are flagged (DESIGN §6).
	#
	# Empty authcid and empty passwd (1*SAFE in the RFC) are accepted, as
	# nginx does: ngx_mail_auth_plain() (src/mail/ngx_mail_handler.c) only
	# requires that a NUL follows the authzid with at least one byte after
	# it, and that a second NUL follows; "\0\0pass", "\0user\0" and even
	# "\0\0" reach auth_http with an empty login or password.  Refusing
	# them is the auth server's call, as it is in nginx.
	#
	# A third NUL is INVALID: passwd is 1*SAFE and SAFE excludes NUL.
	# nginx takes everything after the second NUL as the password, NUL
	# included; we do not, because a NUL cannot reach a backend either.
	# The authzid is recorded but dropped by the caller (nginx drops it).
	plain_safe    = any - 0;
	plain_authzid = plain_safe*;
	plain_authcid = ( (plain_safe - [\r\n]) | [\r\n] @user_ctl )*;
	plain_passwd  = ( (plain_safe - [\r\n]) | [\r\n] @secret_ctl )*;

	plain := plain_authzid 0 @plain_nul1 plain_authcid 0 @plain_nul2 plain_passwd;

	# ---- CRAM-MD5 ---------------------------------------------------------
	# RFC 2195 §2: the client "responds with a string consisting of the
	# user name, a space, and a 'digest'. [...] The 'digest' parameter
	# itself is a 16-octet value which is sent in hexadecimal format, using
	# lower-case ASCII characters."  draft-ietf-sasl-crammd5 §3 writes it
	#   digest = 32(DIGIT / %x61-66)
	#
	# - The user name has no grammar in RFC 2195.  Any byte but NUL, at
	#   least one (an empty user is INVALID; nginx lets it through).  NUL
	#   is INVALID: no backend or auth request can carry it.  CR and LF
	#   are flagged like PLAIN's.
	# - The LAST space splits (nginx: the first), so "John Smith <digest>"
	#   is user "John Smith".  The digest holds no space, so for any
	#   accepted input the last space is the separator, and the machine
	#   needs no lookahead: the DFA tracks how many hex digits follow the
	#   latest space.
	# - A-F are accepted as well as a-f: some clients print upper case,
	#   and the digest is compared by the auth server, not here.  Anything
	#   but exactly 32 hex digits after the last space is INVALID (nginx
	#   checks only the length).
	cram_sp     = ' ' @cram_sp;
	cram_ctl    = [\r\n] @user_ctl;
	cram_byte   = (any - (0 | [\r\n ])) | cram_sp | cram_ctl;
	cram_user   = cram_byte+;
	cram_digest = xdigit{32};

	cram_md5 := cram_user cram_sp cram_digest;
}%%

%% write data;

/* A final INVALID: clear what was half-parsed so no caller can use it. */
static enum pt_parse_status pt_sasl_fail(struct pt_sasl_parser *sp, size_t off)
{
	memset(&sp->authzid, 0, sizeof(sp->authzid));
	memset(&sp->user, 0, sizeof(sp->user));
	memset(&sp->secret, 0, sizeof(sp->secret));
	sp->user_has_ctl = 0;
	sp->secret_has_ctl = 0;
	sp->off = off;
	sp->status = PT_PARSE_INVALID;
	return PT_PARSE_INVALID;
}

void pt_sasl_init(struct pt_sasl_parser *sp, enum pt_sasl_mech mech)
{
	memset(sp, 0, sizeof(*sp));
	sp->mech = mech;
	sp->status = PT_PARSE_MORE;
	switch (mech) {
	case PT_SASL_PLAIN:
		sp->cs = pt_sasl_en_plain;
		break;
	case PT_SASL_CRAM_MD5:
		sp->cs = pt_sasl_en_cram_md5;
		break;
	default:
		/* An unknown mechanism: every call is INVALID, never a read. */
		sp->cs = pt_sasl_error;
		sp->status = PT_PARSE_INVALID;
		break;
	}
}

enum pt_parse_status pt_sasl_parse(struct pt_sasl_parser *sp, const uint8_t *buf, size_t len,
                                   int final)
{
	const uint8_t *p, *pe;
	size_t end;

	if (sp->status != PT_PARSE_MORE)
		return sp->status;
	/* A buffer that shrank breaks the contract of parse.h; refuse it
	 * rather than read from a stale offset. */
	if (len < sp->off)
		return pt_sasl_fail(sp, sp->off);

	end = len > PT_SASL_MAX ? PT_SASL_MAX : len;
	p = buf + sp->off;
	pe = buf + end;
	%% write exec;

	if (sp->cs == pt_sasl_error)
		return pt_sasl_fail(sp, (size_t)(p - buf) + 1);   /* just past the bad NUL */
	sp->off = end;
	if (len > PT_SASL_MAX)
		return pt_sasl_fail(sp, (size_t)PT_SASL_MAX + 1);
	if (!final)
		return PT_PARSE_MORE;
	if (sp->cs < pt_sasl_first_final)
		return pt_sasl_fail(sp, len);

	/* The last part runs to the end of the input. */
	switch (sp->mech) {
	case PT_SASL_PLAIN:
		sp->secret.off = (uint32_t)sp->mark;
		sp->secret.len = (uint32_t)(len - sp->mark);
		break;
	case PT_SASL_CRAM_MD5:
		sp->user.off = 0;
		sp->user.len = (uint32_t)sp->last_sp;
		sp->secret.off = (uint32_t)sp->last_sp + 1;
		sp->secret.len = (uint32_t)(len - sp->last_sp - 1);
		break;
	default:
		return pt_sasl_fail(sp, len);
	}
	sp->status = PT_PARSE_DONE;
	return PT_PARSE_DONE;
}

/* No early exit: the time taken does not depend on where in a password
 * the first control byte sits. */
int pt_sasl_has_ctl(const uint8_t *p, size_t n)
{
	unsigned hit = 0;

	for (size_t i = 0; i < n; i++)
		hit |= (unsigned)(p[i] == '\r') | (unsigned)(p[i] == '\n') | (unsigned)(p[i] == 0);
	return hit != 0;
}
