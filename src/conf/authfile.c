/*
 * authfile.c - auth_file (postern extension): the file is read at load,
 * each line parsed by grammar/passwd.rl, the backend addresses checked,
 * and the users sorted for a binary search.  Errors name the auth file's
 * own line, so "-t" points at the line to mend.  Secrets are never
 * printed, nor user names (any byte but ':' may be in one).
 */
#include <stdlib.h>
#include <string.h>

#include "conf/conf_int.h"
#include "proto/passwd.h"

static int pt_authfile_cmp(const void *a, const void *b)
{
	const struct pt_conf_authuser *x = a, *y = b;
	size_t n = x->user.len < y->user.len ? x->user.len : y->user.len;
	int r = memcmp(x->user.p, y->user.p, n);

	if (r != 0)
		return r;
	return x->user.len < y->user.len ? -1 : x->user.len > y->user.len;
}

/* One parsed entry into u; -1 after an error naming path:line. */
static int pt_authfile_entry(struct pt_conf_parser *P, const char *path, unsigned line,
                             const char *l, const struct pt_passwd_parser *pp,
                             struct pt_conf_authuser *u)
{
	memset(u, 0, sizeof(*u));
	u->line = line;
	u->user.p = pt_conf_arena_strdup(P->arena, l + pp->user.off, pp->user.len);
	u->user.len = pp->user.len;
	u->secret.p = pt_conf_arena_strdup(P->arena, l + pp->secret.off, pp->secret.len);
	u->secret.len = pp->secret.len;
	if (u->user.p == NULL || u->secret.p == NULL)
		return -1;
	for (int i = 0; i < PT_PASSWD_NPROTO; i++) {
		const struct pt_passwd_backend *b = &pp->backend[i];
		struct pt_addr *ad = &u->backend[i];

		if (!b->set)
			continue;
		if (pt_conf_parse_addr(l + b->addr.off, b->addr.len, ad) ||
		    ad->family != (b->v6 ? 6 : 4)) {
			pt_conf_error_at(P, PT_LOG_EMERG, path, line,
			                 "invalid backend address \"%.*s\" in auth_file",
			                 (int)b->addr.len, l + b->addr.off);
			return -1;
		}
		ad->port = (uint16_t)b->port;
		pt_conf_addr_text(ad);
	}
	return 0;
}

static int pt_authfile_load(struct pt_conf_parser *P, const char *path, const char *data,
                            size_t len, struct pt_conf_authfile *af)
{
	/* The grammar wants every line ended: a last line without LF gets one. */
	char *buf = pt_conf_arena_alloc(P->arena, len + 2);
	size_t base = 0;
	unsigned line = 0;

	if (buf == NULL)
		return -1;
	memcpy(buf, data, len);
	if (len == 0 || buf[len - 1] != '\n')
		buf[len++] = '\n';
	buf[len] = '\0';
	while (base < len) {
		struct pt_passwd_parser pp;
		enum pt_parse_status st;
		struct pt_conf_authuser u;

		line++;
		pt_passwd_init(&pp);
		st = pt_passwd_parse(&pp, (const uint8_t *)buf + base, len - base);
		if (st != PT_PARSE_DONE) {
			pt_conf_error_at(P, PT_LOG_EMERG, path, line, "invalid entry in auth_file");
			return -1;
		}
		if (pp.kind == PT_PASSWD_ENTRY) {
			if (pt_authfile_entry(P, path, line, buf + base, &pp, &u) ||
			    pt_conf_arena_append(P->arena, (const void **)&af->v, &af->n, &u, sizeof(u)))
				return -1;
		}
		base += pp.off;
	}
	if (af->n > 1)      /* an empty file has no array: qsort wants one */
		qsort((void *)af->v, af->n, sizeof(*af->v), pt_authfile_cmp);
	for (size_t i = 1; i < af->n; i++) {
		if (pt_authfile_cmp(&af->v[i - 1], &af->v[i]) == 0) {
			unsigned a = af->v[i - 1].line, b = af->v[i].line;
			pt_conf_error_at(P, PT_LOG_EMERG, path, a > b ? a : b,
			                 "duplicate user in auth_file, first on line %u", a < b ? a : b);
			return -1;
		}
	}
	return 0;
}

/* auth_file path (relative to the directory of the main file, as nginx's
 * certificate paths) */
const char *pt_conf_set_auth_file(struct pt_conf_parser *P, const struct pt_conf_dir *d,
                                  const struct pt_conf_args *a)
{
	struct pt_conf_authfile *af = pt_conf_field(pt_conf_cur(P), d);
	const char *data = NULL;
	size_t len = 0;
	char *path;
	int err;

	if (af->path.p != NULL)
		return "is duplicate";
	path = pt_conf_full_name(P, a->argv[1], 1);
	if (path == NULL)
		return PT_CONF_FAIL;
	err = P->io->read_file(P->io->ctx, path, &data, &len);
	if (err) {
		pt_conf_error(P, PT_LOG_EMERG, "open() \"%s\" failed (%d: %s)", path, err,
		              pt_conf_sys_error(P, err));
		return PT_CONF_FAIL;
	}
	af->path.p = path;
	af->path.len = strlen(path);
	if (pt_authfile_load(P, path, data ? data : "", len, af))
		return PT_CONF_FAIL;
	return NULL;
}
