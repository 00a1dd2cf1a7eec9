/*
 * confio.c - see confio.h.
 */
#include <errno.h>
#include <glob.h>
#include <grp.h>
#include <netdb.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <fcntl.h>
#include <netinet/in.h>

#include "shell/confio.h"

static void pt_confio_msg(void *ctx, enum pt_log_level lvl, const char *text)
{
	struct pt_confio *c = ctx;

	c->msg_fn(c->msg_ctx, lvl, text);
}

static int pt_confio_read(void *ctx, const char *path, const char **data, size_t *len)
{
	struct pt_confio *c = ctx;
	struct stat st;
	char *buf;
	size_t got = 0;
	int fd, err;

	if (c->n_bufs == sizeof(c->bufs) / sizeof(c->bufs[0]))
		return EMFILE;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	if (fstat(fd, &st) != 0) {
		err = errno;
		close(fd);
		return err;
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		return EISDIR;
	}
	if ((uint64_t)st.st_size > PT_CONF_FILE_MAX) {
		close(fd);
		return EFBIG;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (buf == NULL) {
		close(fd);
		return ENOMEM;
	}
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			err = n < 0 ? errno : EIO;
			free(buf);
			close(fd);
			return err;
		}
		got += (size_t)n;
	}
	close(fd);
	buf[got] = '\0';
	c->bufs[c->n_bufs++] = buf;
	*data = buf;
	*len = got;
	return 0;
}

static int pt_confio_glob(void *ctx, const char *pattern, int (*add)(void *, const char *),
                          void *actx)
{
	glob_t g;
	int rc;

	(void)ctx;
	memset(&g, 0, sizeof(g));
	rc = glob(pattern, 0, NULL, &g);     /* sorted, as nginx's ngx_open_glob */
	if (rc == GLOB_NOMATCH) {
		globfree(&g);
		return 0;
	}
	if (rc != 0) {
		globfree(&g);
		return rc == GLOB_NOSPACE ? ENOMEM : EIO;
	}
	for (size_t i = 0; i < g.gl_pathc; i++) {
		if (add(actx, g.gl_pathv[i])) {
			globfree(&g);
			return ENOMEM;
		}
	}
	globfree(&g);
	return 0;
}

static int pt_confio_resolve(void *ctx, const char *host, struct pt_addr *out, int max)
{
	struct addrinfo hints, *res = NULL;
	int n = 0;

	(void)ctx;
	/* Only something shaped like a host name goes to DNS. */
	if (host[0] == '\0' || strspn(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	                                       "0123456789.-_") != strlen(host))
		return 0;
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo(host, NULL, &hints, &res) != 0)
		return 0;
	for (struct addrinfo *ai = res; ai && n < max; ai = ai->ai_next) {
		memset(&out[n], 0, sizeof(out[n]));
		if (ai->ai_family == AF_INET) {
			const struct sockaddr_in *sin = (const void *)ai->ai_addr;
			out[n].family = 4;
			memcpy(out[n].ip, &sin->sin_addr, 4);
		} else if (ai->ai_family == AF_INET6) {
			const struct sockaddr_in6 *sin6 = (const void *)ai->ai_addr;
			out[n].family = 6;
			memcpy(out[n].ip, &sin6->sin6_addr, 16);
		} else {
			continue;
		}
		/* getaddrinfo may list one address per socket type: keep one. */
		int dup = 0;
		for (int k = 0; k < n; k++)
			if (out[k].family == out[n].family && memcmp(out[k].ip, out[n].ip, 16) == 0)
				dup = 1;
		if (!dup)
			n++;
	}
	freeaddrinfo(res);
	return n;
}

static int pt_confio_check_user(void *ctx, const char *user, const char *group)
{
	(void)ctx;
	if (getpwnam(user) == NULL)
		return 1;
	if (getgrnam(group) == NULL)
		return 2;
	return 0;
}

static const char *pt_confio_strerror(void *ctx, int err)
{
	(void)ctx;
	return strerror(err);
}

void pt_confio_init(struct pt_confio *c, void (*msg)(void *, enum pt_log_level, const char *),
                    void *msg_ctx)
{
	memset(c, 0, sizeof(*c));
	c->msg_fn = msg;
	c->msg_ctx = msg_ctx;
	/* nginx lowercases the host name it uses as the default server_name. */
	if (gethostname(c->hostname, sizeof(c->hostname) - 1) != 0)
		c->hostname[0] = '\0';
	for (char *h = c->hostname; *h; h++)
		if (*h >= 'A' && *h <= 'Z')
			*h = (char)(*h - 'A' + 'a');
	c->io.ctx = c;
	c->io.read_file = pt_confio_read;
	c->io.glob = pt_confio_glob;
	c->io.resolve = pt_confio_resolve;
	c->io.msg = pt_confio_msg;
	c->io.check_user = pt_confio_check_user;
	c->io.strerror = pt_confio_strerror;
	c->io.hostname = c->hostname;
}

void pt_confio_done(struct pt_confio *c)
{
	for (size_t i = 0; i < c->n_bufs; i++)
		free(c->bufs[i]);
	c->n_bufs = 0;
}
