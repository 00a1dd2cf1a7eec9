/*
 * main.c - postern's command line, as nginx's (src/core/nginx.c):
 *
 *   postern [-?hvVtTq] [-p prefix] [-e filename] [-c filename] [-g directives]
 *
 * Options may be grouped (-tq) and take their value attached (-cfile) or as
 * the next argument.  Messages go to stderr as "postern: [level] text";
 * with -e FILE they also go to that file in error_log form.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "conf/conf.h"
#include "shell/confio.h"
#include "shell/errlog.h"
#include "shell/master.h"
#include "shell/serve.h"

#ifndef PT_VERSION
#define PT_VERSION "0.0.0"
#endif
#ifndef PT_PREFIX
#define PT_PREFIX "/etc/postern/"
#endif
#define PT_CONF_PATH "postern.conf"

struct pt_cli {
	int help, version, configure, test, dump, quiet;
	const char *prefix;
	const char *conf_file;
	const char *error_log;
	const char *params;
	const char *signal;
};

struct pt_msgs {
	int quiet;
	FILE *errlog;               /* -e FILE, or NULL for stderr only */
};

static void pt_msg(void *ctx, enum pt_log_level lvl, const char *text)
{
	struct pt_msgs *m = ctx;

	if (m->errlog) {
		char ts[32];
		time_t now = time(NULL);
		struct tm tm;
		localtime_r(&now, &tm);
		strftime(ts, sizeof(ts), "%Y/%m/%d %H:%M:%S", &tm);
		fprintf(m->errlog, "%s [%s] %ld#0: %s\n", ts, pt_log_level_name(lvl), (long)getpid(),
		        text);
		fflush(m->errlog);
		/* nginx also shows warnings and worse on the console at start-up. */
		if (lvl > PT_LOG_WARN)
			return;
	}
	if (m->quiet && lvl > PT_LOG_WARN)
		return;
	fprintf(stderr, "postern: [%s] %s\n", pt_log_level_name(lvl), text);
}

static void pt_usage(void)
{
	fputs("Usage: postern [-?hvVtTq] [-s signal] [-p prefix]\n"
	      "               [-e filename] [-c filename] [-g directives]\n"
	      "\n"
	      "Options:\n"
	      "  -?,-h         : this help\n"
	      "  -v            : show version and exit\n"
	      "  -V            : show version and build options then exit\n"
	      "  -t            : test configuration and exit\n"
	      "  -T            : test configuration, dump it and exit\n"
	      "  -q            : suppress non-error messages during configuration testing\n"
	      "  -s signal     : send signal to a master process: stop, quit, reopen, reload\n"
	      "  -p prefix     : set prefix path (default: " PT_PREFIX ")\n"
	      "  -e filename   : set error log file (default: stderr)\n"
	      "  -c filename   : set configuration file (default: " PT_PREFIX PT_CONF_PATH ")\n"
	      "  -g directives : set global directives out of configuration file\n"
	      "\n", stderr);
}

static void pt_show_build(void)
{
	fputs("built with BearSSL 0.6, libev 4, libcurl 7 (Debian 12 packages)", stderr);
	for (int built = 1; built >= 0; built--) {
		fputs(built ? "\nprotocols:" : "\nleft out (make WITHOUT=...):", stderr);
		for (enum pt_proto p = PT_PROTO_IMAP; p <= PT_PROTO_SIEVE; p++)
			if (pt_conf_proto_built(p) == built)
				fprintf(stderr, " %s", pt_proto_name(p));
	}
	fputs("\nconfiguration: nginx mail{} syntax; extensions are listed in postern.conf(5)\n",
	      stderr);
}

/* nginx's ngx_get_options(). 0 ok, -1 after printing the error. */
static int pt_cli_parse(struct pt_cli *o, int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *p = argv[i];

		if (*p++ != '-') {
			fprintf(stderr, "postern: invalid option: \"%s\"\n", argv[i]);
			return -1;
		}
		while (*p) {
			const char **dst = NULL;
			const char *need = NULL;
			char opt = *p++;

			switch (opt) {
			case '?':
			case 'h': o->version = 1; o->help = 1; break;
			case 'v': o->version = 1; break;
			case 'V': o->version = 1; o->configure = 1; break;
			case 't': o->test = 1; break;
			case 'T': o->test = 1; o->dump = 1; break;
			case 'q': o->quiet = 1; break;
			case 'p': dst = &o->prefix; need = "directory name"; break;
			case 'e': dst = &o->error_log; need = "file name"; break;
			case 'c': dst = &o->conf_file; need = "file name"; break;
			case 'g': dst = &o->params; need = "parameter"; break;
			case 's': dst = &o->signal; need = "parameter"; break;
			default:
				fprintf(stderr, "postern: invalid option: \"%c\"\n", opt);
				return -1;
			}
			if (dst == NULL)
				continue;
			if (*p) {
				*dst = p;
			} else if (i + 1 < argc) {
				*dst = argv[++i];
			} else {
				fprintf(stderr, "postern: option \"-%c\" requires %s\n", opt, need);
				return -1;
			}
			if (opt == 's' && strcmp(*dst, "stop") && strcmp(*dst, "quit") &&
			    strcmp(*dst, "reopen") && strcmp(*dst, "reload")) {
				fprintf(stderr, "postern: invalid option: \"-s %s\"\n", *dst);
				return -1;
			}
			break;
		}
	}
	return 0;
}

/* prefix with a trailing '/', and the absolute config path. */
static char *pt_join(const char *dir, const char *name)
{
	size_t dl = strlen(dir), nl = strlen(name);
	int slash = dl && dir[dl - 1] != '/';
	char *s = malloc(dl + slash + nl + 1);

	if (s == NULL)
		return NULL;
	memcpy(s, dir, dl);
	if (slash)
		s[dl] = '/';
	memcpy(s + dl + slash, name, nl + 1);
	return s;
}

/* -T: every file read, once, as nginx prints it. */
static void pt_dump(const struct pt_conf *conf)
{
	for (size_t i = 0; i < conf->n_files; i++) {
		const struct pt_conf_file *f = &conf->files[i];
		int seen = 0;
		for (size_t k = 0; k < i; k++)
			seen |= strcmp(conf->files[k].path, f->path) == 0;
		if (seen)
			continue;
		printf("# configuration file %s:\n", f->path);
		fwrite(f->data, 1, f->len, stdout);
		putchar('\n');
	}
	fflush(stdout);
}

/* nginx's ngx_daemon(): the parent returns to the shell, the child leaves
 * its session and terminal behind.  stderr stays: it may be the error log. */
static int pt_daemonize(void)
{
	pid_t pid = fork();
	int fd;

	if (pid < 0) {
		fprintf(stderr, "postern: [emerg] fork() failed (%d: %s)\n", errno, strerror(errno));
		return -1;
	}
	if (pid > 0)
		_exit(0);
	if (setsid() < 0)
		return -1;
	umask(0);
	fd = open("/dev/null", O_RDWR);
	if (fd < 0)
		return -1;
	if (dup2(fd, STDIN_FILENO) < 0 || dup2(fd, STDOUT_FILENO) < 0)
		return -1;
	if (fd > STDERR_FILENO)
		close(fd);
	return 0;
}

struct pt_reload {
	struct pt_confio *cio;
	const char *path;
};

/* SIGHUP: the same file, read again; errors go to the error log. */
static struct pt_conf *pt_reload_conf(void *ctx)
{
	struct pt_reload *r = ctx;
	struct pt_conf *conf = pt_conf_load(&r->cio->io, r->path);

	pt_confio_done(r->cio);     /* the conf keeps its own copy of every file */
	if (conf != NULL && pt_serve_check(conf, r->cio->io.msg, r->cio->io.ctx) != 0) {
		pt_conf_free(conf);
		return NULL;
	}
	return conf;
}

int main(int argc, char **argv)
{
	struct pt_cli o;
	struct pt_msgs msgs;
	struct pt_confio cio;
	struct pt_conf *conf;
	char *prefix, *conf_path, *conf_prefix, *slash;
	int rc = 1;

	memset(&o, 0, sizeof(o));
	memset(&msgs, 0, sizeof(msgs));
	if (pt_cli_parse(&o, argc, argv))
		return 1;
	if (o.version) {
		fprintf(stderr, "postern version: postern/%s\n", PT_VERSION);
		if (o.help)
			pt_usage();
		if (o.configure)
			pt_show_build();
		if (!o.test)
			return 0;
	}

	prefix = pt_join(o.prefix ? o.prefix : PT_PREFIX, "");
	if (prefix == NULL)
		return 1;
	if (o.conf_file && o.conf_file[0] == '/')
		conf_path = strdup(o.conf_file);
	else
		conf_path = pt_join(prefix, o.conf_file ? o.conf_file : PT_CONF_PATH);
	conf_prefix = conf_path ? strdup(conf_path) : NULL;
	if (conf_path == NULL || conf_prefix == NULL)
		return 1;
	slash = strrchr(conf_prefix, '/');
	slash[1] = '\0';

	msgs.quiet = o.quiet && o.test;
	if (o.error_log && strcmp(o.error_log, "stderr") != 0) {
		char *elog = o.error_log[0] == '/' ? strdup(o.error_log) : pt_join(prefix, o.error_log);
		msgs.errlog = elog ? fopen(elog, "a") : NULL;
		if (msgs.errlog == NULL) {
			fprintf(stderr, "postern: [alert] could not open error log file: "
			        "open() \"%s\" failed (%d: %s)\n", elog ? elog : o.error_log, errno,
			        strerror(errno));
		}
		free(elog);
	}

	pt_confio_init(&cio, pt_msg, &msgs);
	cio.io.prefix = prefix;
	cio.io.conf_prefix = conf_prefix;
	cio.io.params = o.params;
	cio.io.unprivileged = geteuid() != 0;

	conf = pt_conf_load(&cio.io, conf_path);
	pt_confio_done(&cio);       /* the conf keeps its own copy of every file */
	if (conf != NULL && o.test && pt_serve_check(conf, pt_msg, &msgs) != 0) {
		pt_conf_free(conf);
		conf = NULL;
	}
	if (conf == NULL) {
		if (o.test)
			fprintf(stderr, "postern: configuration file %s test failed\n", conf_path);
		goto out;
	}
	if (o.test) {
		if (!msgs.quiet) {
			fprintf(stderr, "postern: the configuration file %s syntax is ok\n", conf_path);
			fprintf(stderr, "postern: configuration file %s test is successful\n", conf_path);
		}
		if (o.dump)
			pt_dump(conf);
		rc = 0;
	} else if (o.signal) {
		rc = pt_master_signal(conf, o.signal);
	} else if (pt_errlog_open(conf) == 0 && pt_serve_check(conf, pt_msg, &msgs) == 0 &&
	           (!conf->daemon || pt_daemonize() == 0)) {
		/* the master; it owns conf from here */
		struct pt_reload rl = { &cio, conf_path };
		rc = pt_master_run(conf, pt_reload_conf, &rl);
		conf = NULL;
		pt_errlog_close();
	}
	pt_conf_free(conf);
out:
	pt_confio_done(&cio);
	if (msgs.errlog)
		fclose(msgs.errlog);
	free(prefix);
	free(conf_path);
	free(conf_prefix);
	return rc;
}
