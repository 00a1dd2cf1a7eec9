/*
 * sasl.rl - SASL responses after base64 decoding: PLAIN, CRAM-MD5,
 * XOAUTH2 and OAUTHBEARER.
 *
 * Implementation notes:
 * - One state table, four entry points (pt_sasl_en_plain,
 *   pt_sasl_en_cram_md5, pt_sasl_en_xoauth2, pt_sasl_en_oauthbearer);
 *   pt_sasl_init() sets cs to the mechanism's.
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
 * - Early INVALID: PLAIN and CRAM-MD5 only reach their error state on a
 *   NUL that no rule can take (PLAIN: a third NUL; CRAM-MD5: any NUL);
 *   every other prefix can still become valid, so the verdict waits for
 *   final=1.  XOAUTH2 and OAUTHBEARER have fixed keywords and separators:
 *   the first byte that cannot continue them is an early INVALID.
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

	# XOAUTH2 and OAUTHBEARER: the user ends before the token begins, so
	# one mark serves both.
	action oa_user_begin { sp->mark = (size_t)(fpc - buf); }
	action oa_user_end {
		sp->user.off = (uint32_t)sp->mark;
		sp->user.len = (uint32_t)((size_t)(fpc - buf) - sp->mark);
	}
	action xo_user_begin { sp->mark = 5; }   # after "user="
	action tok_begin { sp->mark = (size_t)(fpc - buf); }
	action tok_end {
		sp->secret.off = (uint32_t)sp->mark;
		sp->secret.len = (uint32_t)((size_t)(fpc - buf) - sp->mark);
		sp->auth_count++;
	}

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

	# ---- the bearer token of XOAUTH2 and OAUTHBEARER ---------------------
	# RFC 7628 §3.1 (auth) and RFC 6750 §2.1:
	#   credentials = "Bearer" 1*SP b64token
	#   b64token    = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
	# The scheme name is case-insensitive (RFC 7235 §2.1); nginx compares
	# "auth=Bearer " without case too.  The token is opaque here, as
	# nginx keeps it: anything up to the next kvsep, starting at the first
	# byte that is not a blank (so extra blanks after "Bearer" are not
	# part of it), and the auth server judges it.  CR and LF are flagged
	# (DESIGN §6), NUL too for XOAUTH2 (its token is any byte but %x01).
	bearer = 'Bearer'i ' '+;

	# ---- XOAUTH2 -----------------------------------------------------------
	# Google's format (developers.google.com/gmail/imap/xoauth2-protocol):
	#   "user=" {User} "^Aauth=Bearer " {Access Token} "^A^A"
	# The user is any bytes but %x01 and may be empty (nginx lets an empty
	# one through to the auth server, as PLAIN's empty authcid); CR, LF
	# and NUL in it are flagged.  Keywords match without case, as nginx's
	# strncasecmp().
	xo_ubyte = (any - (0x01 | 0 | [\r\n])) | (0 | [\r\n]) @user_ctl;
	xo_tbyte = (any - (0x01 | 0 | [\r\n])) | (0 | [\r\n]) @secret_ctl;
	xo_token = ((xo_tbyte - [ \t]) >tok_begin) xo_tbyte*;

	xoauth2 := 'user='i @xo_user_begin xo_ubyte* 0x01 @oa_user_end
	           'auth='i bearer xo_token 0x01 @tok_end 0x01;

	# ---- OAUTHBEARER -------------------------------------------------------
	# RFC 7628 §3.1:
	#   kvsep       = %x01
	#   key         = 1*(ALPHA)
	#   value       = *(VCHAR / SP / HTAB / CR / LF)
	#   kvpair      = key "=" value kvsep
	#   client-resp = (gs2-header kvsep *kvpair kvsep) / kvsep
	# RFC 5801 §4 (the gs2-header):
	#   gs2-header      = [gs2-nonstd-flag ","] gs2-cb-flag "," [gs2-authzid] ","
	#   gs2-nonstd-flag = "F"
	#   gs2-cb-flag     = ("p=" cb-name) / "n" / "y"
	#   cb-name         = 1*(ALPHA / DIGIT / "." / "-")
	#   gs2-authzid     = "a=" saslname
	#   saslname        = 1*(UTF8-char-safe / "=2C" / "=3D")
	#   UTF8-char-safe  = any UTF-8 character but NUL, "," and "="
	# - The authzid is the user and is required (freenginx refuses a
	#   response without one): the auth request needs an Auth-User.  Its
	#   "=2C" and "=3D" are undone by the caller (pt_sasl_gs2_unescape);
	#   as freenginx, the hex digits match in either case.  Like PLAIN's
	#   SAFE, a character is any octet but NUL, "," and "="; CR and LF are
	#   flagged.
	# - Exactly one "auth" pair whose value is "Bearer" 1*SP token; a
	#   second one, or another scheme, is INVALID (an ambiguous response
	#   is refused rather than guessed).  Other keys (host, port, ...) are
	#   read by the RFC's rules and dropped.
	# - The lone kvsep (the response after an error challenge, §3.2.3) is
	#   no login: the caller checks for it before this machine runs.
	oa_cbname = (alnum | [.\-])+;
	oa_cbflag = 'p=' oa_cbname | 'n' | 'y';
	oa_nbyte  = (any - (0 | ',' | '=' | [\r\n])) | [\r\n] @user_ctl;
	oa_esc    = '=' ('2' [Cc] | '3' [Dd]);
	oa_name   = (oa_nbyte | oa_esc)+ >oa_user_begin;
	oa_gs2    = ('F,')? oa_cbflag ',' 'a=' oa_name ',' @oa_user_end;

	oa_vchar  = 0x21..0x7e | [ \t\r\n];
	oa_other  = (alpha+ - 'auth'i) '=' oa_vchar* 0x01;
	oa_tbyte  = (0x21..0x7e | [ \t]) | [\r\n] @secret_ctl;
	oa_token  = ((oa_tbyte - [ \t]) >tok_begin) oa_tbyte*;
	oa_auth   = 'auth'i '=' bearer oa_token 0x01 @tok_end;

	oauthbearer := oa_gs2 0x01 (oa_auth | oa_other)* 0x01;
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
	case PT_SASL_XOAUTH2:
		sp->cs = pt_sasl_en_xoauth2;
		break;
	case PT_SASL_OAUTHBEARER:
		sp->cs = pt_sasl_en_oauthbearer;
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
	case PT_SASL_XOAUTH2:
	case PT_SASL_OAUTHBEARER:
		/* Both spans were closed by their separators; the token must
		 * have come exactly once. */
		if (sp->auth_count != 1)
			return pt_sasl_fail(sp, len);
		break;
	default:
		return pt_sasl_fail(sp, len);
	}
	sp->status = PT_PARSE_DONE;
	return PT_PARSE_DONE;
}

/* RFC 5801 §4: "=2C" is ",", "=3D" is "=".  The grammar let through no
 * other "=", so each one here starts one of the two. */
size_t pt_sasl_gs2_unescape(uint8_t *p, size_t n)
{
	size_t out = 0;

	for (size_t i = 0; i < n; i++) {
		if (p[i] == '=' && i + 2 < n) {
			p[out++] = (p[i + 1] == '2') ? ',' : '=';
			i += 2;
		} else {
			p[out++] = p[i];
		}
	}
	return out;
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
