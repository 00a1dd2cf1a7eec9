/*
 * base64.h - RFC 4648 §4 base64 (standard alphabet, '=' padding), strict.
 *
 * Implementation notes:
 * - Encoding writes through a pt_wbuf and is all-or-nothing.
 * - Decoding accepts only the canonical encoding: length a multiple of 4,
 *   alphabet bytes only (no whitespace, CR or LF), '=' only as the last one
 *   or two bytes, and zero pad bits in the last quantum (RFC 4648 §3.5).
 *   Empty input decodes to empty output.
 * - Bounds: output of encode is pt_b64_encoded_len(n); output of decode is
 *   at most pt_b64_decoded_max(n) <= 3n/4.
 */
#ifndef PT_UTIL_BASE64_H
#define PT_UTIL_BASE64_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/* 4 * ceil(n / 3); SIZE_MAX if that does not fit in a size_t. */
size_t pt_b64_encoded_len(size_t n);
/* n / 4 * 3: enough room to decode any valid n-byte input. */
size_t pt_b64_decoded_max(size_t n);
/* 0, or -1 on overflow (nothing written, w->err set). */
int pt_b64_encode(struct pt_wbuf *w, const void *src, size_t n);
/* 0 ok (*outlen = decoded length); -1 invalid input (*outlen = 0); -2 valid
 * input but dst too small (*outlen = length needed).  Validity is checked
 * first, so invalid input is -1 whatever cap is.  On failure dst is not
 * written. */
int pt_b64_decode(uint8_t *dst, size_t cap, size_t *outlen, const void *src, size_t n);

#endif
