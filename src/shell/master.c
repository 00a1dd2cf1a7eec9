/*
 * master.c - the master process: binds the listening sockets, writes the
 * pid file, forks worker_processes workers (each runs pt_serve() on the
 * shared sockets), forks a new one when a worker dies, and passes signals
 * on as nginx does:
 *   SIGTERM, SIGINT  stop now          SIGQUIT  stop when sessions end
 *   SIGHUP           read the config again; if it loads, new workers with
 *                    it, the old ones finish their sessions (SIGQUIT); if
 *                    it does not, the message is logged and nothing changes
 *   SIGUSR1          reopen the logs
 * "postern -s stop|quit|reload|reopen" sends these through the pid file.
 * The sockets stay with the master across a reload: one the new config
 * names again is handed to the new workers as it is, so while the old
 * workers leave and the new ones start, connections queue and none is
 * refused.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "shell/errlog.h"
#include "shell/master.h"
#include "shell/metrics.h"
#include "shell/serve.h"

#define PT_WORKERS_MAX 64
#define PT_RESPAWN_DELAY_US 100000      /* a worker that dies at once is not re-forked in a tight loop */

static volatile sig_atomic_t pt_sig_term, pt_sig_quit, pt_sig_hup, pt_sig_usr1, pt_sig_chld;

static void pt_master_on_signal(int sig)
{
	switch (sig) {
	case SIGTERM:
	case SIGINT: pt_sig_term = 1; break;
	case SIGQUIT: pt_sig_quit = 1; break;
	case SIGHUP: pt_sig_hup = 1; break;
	case SIGUSR1: pt_sig_usr1 = 1; break;
	case SIGCHLD: pt_sig_chld = 1; break;
	default: break;
	}
}

struct pt_worker {
	pid_t pid;
	unsigned generation;
};

static int pt_master_workers_wanted(const struct pt_conf *conf)
{
	long n = conf->worker_processes;

	if (n == 0) {
		n = sysconf(_SC_NPROCESSORS_ONLN);
		if (n < 1)
			n = 1;
	}
	return n > PT_WORKERS_MAX ? PT_WORKERS_MAX : (int)n;
}

/* The same socket, for a listen of the new config and one of the old. */
static int pt_master_same_listen(const struct pt_conf_listen *a, const struct pt_conf_listen *b)
{
	return a->addr.family == b->addr.family && a->ipv6only == b->ipv6only &&
	       strcmp(a->addr.text, b->addr.text) == 0;
}

/* One socket per fresh->listens[i]: taken over from old (old_fds[j] set to
 * -1) or bound.  NULL after an [emerg], with old_fds as they were. */
static int *pt_master_bind(const struct pt_conf *fresh, const struct pt_conf *old, int *old_fds)
{
	int *fds = calloc(fresh->n_listens + 1, sizeof(*fds));
	int *from = calloc(fresh->n_listens + 1, sizeof(*from));

	if (fds == NULL || from == NULL)
		goto fail;
	for (size_t i = 0; i < fresh->n_listens; i++) {
		const struct pt_conf_listen *ls = &fresh->listens[i];
		fds[i] = from[i] = -1;
		for (size_t j = 0; old != NULL && j < old->n_listens; j++) {
			if (old_fds[j] >= 0 && pt_master_same_listen(ls, &old->listens[j])) {
				fds[i] = old_fds[j];
				from[i] = (int)j;
				old_fds[j] = -1;
				/* a changed backlog takes effect on a listening socket */
				listen(fds[i], ls->backlog > 0 ? ls->backlog : PT_LISTEN_BACKLOG);
				break;
			}
		}
		if (fds[i] < 0 && (fds[i] = pt_listen_open(ls)) < 0) {
			pt_errlog(PT_LOG_EMERG, 0, NULL, NULL, "bind() to %s failed (%d: %s)",
			          ls->addr.text, errno, strerror(errno));
			for (size_t k = 0; k < i; k++) {
				if (from[k] >= 0)
					old_fds[from[k]] = fds[k];
				else
					close(fds[k]);
			}
			goto fail;
		}
	}
	free(from);
	return fds;
fail:
	free(fds);
	free(from);
	return NULL;
}

/* Close the sockets no config uses any more (fds[i] < 0 are handed on). */
static void pt_master_unbind(const struct pt_conf *conf, int *fds)
{
	for (size_t i = 0; i < conf->n_listens; i++) {
		if (fds[i] < 0)
			continue;
		close(fds[i]);
		if (conf->listens[i].addr.family == 'u')
			unlink(conf->listens[i].addr.path.p);
	}
	free(fds);
}

static pid_t pt_master_fork(const struct pt_conf *conf, const int *fds)
{
	pid_t pid = fork();

	if (pid == 0) {
		sigset_t none;
		sigemptyset(&none);
		signal(SIGHUP, SIG_IGN);
		signal(SIGTERM, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		signal(SIGCHLD, SIG_DFL);
		sigprocmask(SIG_SETMASK, &none, NULL);
		_exit(pt_serve(conf, fds));
	}
	return pid;
}

static int pt_master_write_pid(const struct pt_conf *conf)
{
	char buf[32];
	int fd, n;

	if (conf->pid.p == NULL)
		return 0;
	fd = open(conf->pid.p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		pt_errlog(PT_LOG_EMERG, 0, NULL, NULL, "open() \"%s\" failed (%d: %s)", conf->pid.p,
		          errno, strerror(errno));
		return -1;
	}
	n = snprintf(buf, sizeof(buf), "%ld\n", (long)getpid());
	if (write(fd, buf, (size_t)n) != n) {
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

/* nginx logs a worker it cannot signal; so does postern: a master without
 * CAP_KILL (a unit's CapabilityBoundingSet) cannot reach workers that run
 * as another user, and would otherwise seem to ignore stop and reload. */
static void pt_master_kill(pid_t pid, int sig)
{
	if (kill(pid, sig) != 0)
		pt_errlog(PT_LOG_ALERT, 0, NULL, NULL, "kill(%ld, %d) failed (%d: %s)", (long)pid, sig,
		          errno, strerror(errno));
}

static void pt_master_signal_all(struct pt_worker *w, int n, int sig, unsigned generation)
{
	for (int i = 0; i < n; i++)
		if (w[i].pid > 0 && (generation == 0 || w[i].generation == generation))
			pt_master_kill(w[i].pid, sig);
}

/* A worker that died by a signal kept its sessions' connection counts in
 * the limits' table: they start again (util/limtab.h). */
static void pt_master_reap_limits(pid_t pid)
{
	if (pt_limits_table() == NULL)
		return;
	pt_limits_reset_conns();
	pt_errlog(PT_LOG_WARN, 0, NULL, NULL, "limit_conn_per_* counts restart from 0 after "
	          "worker process %ld died: they are low until the other workers' sessions end",
	          (long)pid);
}

static int pt_master_alive(const struct pt_worker *w, int n)
{
	int k = 0;

	for (int i = 0; i < n; i++)
		k += w[i].pid > 0;
	return k;
}

int pt_master_run(struct pt_conf *conf, pt_master_reload_fn reload, void *ctx)
{
	struct pt_worker w[2 * PT_WORKERS_MAX];
	int nw = 0, stopping = 0, rc = 0;
	int *fds;
	unsigned gen = 1;
	struct sigaction sa;
	sigset_t block, old;

	memset(w, 0, sizeof(w));
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = pt_master_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGCHLD, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGQUIT);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGUSR1);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, &old);

	if ((fds = pt_master_bind(conf, NULL, NULL)) == NULL) {
		pt_conf_free(conf);
		return 1;
	}
	if (pt_master_write_pid(conf)) {
		pt_master_unbind(conf, fds);
		pt_conf_free(conf);
		return 1;
	}
	/* metrics.h: the session caches, the counters, the limits' table and
	 * status_listen, before the fork */
	if (pt_shared_prepare(conf) != 0) {
		pt_master_unbind(conf, fds);
		pt_conf_free(conf);
		return 1;
	}
	pt_shared_commit();
	for (int i = 0; i < pt_master_workers_wanted(conf); i++) {
		w[nw].pid = pt_master_fork(conf, fds);
		w[nw].generation = gen;
		if (w[nw].pid < 0) {
			pt_errlog(PT_LOG_EMERG, 0, NULL, NULL, "fork() failed (%d: %s)", errno,
			          strerror(errno));
			pt_master_signal_all(w, nw, SIGTERM, 0);
			pt_master_unbind(conf, fds);
			pt_conf_free(conf);
			return 1;
		}
		pt_errlog(PT_LOG_NOTICE, 0, NULL, NULL, "start worker process %ld", (long)w[nw].pid);
		nw++;
	}

	for (;;) {
		sigsuspend(&old);
		if (pt_sig_chld) {
			pid_t pid;
			int status;
			pt_sig_chld = 0;
			while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
				for (int i = 0; i < nw; i++) {
					if (w[i].pid != pid)
						continue;
					w[i].pid = 0;
					/* a signal is a crash; an exit code is a worker that
					 * could not start (a bind error): not re-forked */
					int crashed = WIFSIGNALED(status);
					if ((crashed && !(stopping && WTERMSIG(status) == SIGTERM)) ||
					    (!crashed && WEXITSTATUS(status) != 0))
						pt_errlog(PT_LOG_ALERT, 0, NULL, NULL,
						          "worker process %ld exited with %s %d", (long)pid,
						          WIFSIGNALED(status) ? "signal" : "code",
						          WIFSIGNALED(status) ? WTERMSIG(status)
						                              : WEXITSTATUS(status));
					pt_metrics_reap((uint32_t)pid);
					if (crashed)
						pt_master_reap_limits(pid);
					/* a crashed worker of the current config is replaced */
					if (crashed && !stopping && w[i].generation == gen) {
						usleep(PT_RESPAWN_DELAY_US);
						w[i].pid = pt_master_fork(conf, fds);
						if (w[i].pid > 0)
							pt_errlog(PT_LOG_NOTICE, 0, NULL, NULL,
							          "start worker process %ld", (long)w[i].pid);
					}
				}
			}
			if (pt_master_alive(w, nw) == 0) {
				if (!stopping) {
					pt_errlog(PT_LOG_EMERG, 0, NULL, NULL, "no worker process is running");
					rc = 1;
				}
				break;
			}
		}
		if (pt_sig_term) {
			pt_sig_term = 0;
			stopping = 1;
			pt_master_signal_all(w, nw, SIGTERM, 0);
		}
		if (pt_sig_quit) {
			pt_sig_quit = 0;
			stopping = 1;
			pt_master_signal_all(w, nw, SIGQUIT, 0);
		}
		if (pt_sig_usr1) {
			pt_sig_usr1 = 0;
			pt_errlog_reopen(conf);
			pt_accesslog_prepare(conf);
			pt_errlog(PT_LOG_NOTICE, 0, NULL, NULL, "reopening logs");
			pt_master_signal_all(w, nw, SIGUSR1, 0);
		}
		if (pt_sig_hup && !stopping) {
			struct pt_conf *fresh;
			int *fresh_fds;
			int keep = 0, n;
			pt_sig_hup = 0;
			pt_errlog(PT_LOG_NOTICE, 0, NULL, NULL, "reconfiguring");
			fresh = reload(ctx);
			if (fresh == NULL) {
				pt_errlog(PT_LOG_ALERT, 0, NULL, NULL,
				          "the new configuration did not load, the old one stays");
				continue;
			}
			/* keep only live workers, then add the new generation */
			for (int i = 0; i < nw; i++)
				if (w[i].pid > 0)
					w[keep++] = w[i];
			nw = keep;
			n = pt_master_workers_wanted(fresh);
			if (nw + n > (int)(sizeof(w) / sizeof(w[0]))) {
				pt_errlog(PT_LOG_ALERT, 0, NULL, NULL, "too many workers still draining");
				pt_conf_free(fresh);
				continue;
			}
			if (pt_shared_prepare(fresh) != 0) {       /* metrics.h */
				pt_errlog(PT_LOG_ALERT, 0, NULL, NULL,
				          "the new configuration did not load, the old one stays");
				pt_conf_free(fresh);
				continue;
			}
			if ((fresh_fds = pt_master_bind(fresh, conf, fds)) == NULL) {
				pt_errlog(PT_LOG_ALERT, 0, NULL, NULL,
				          "the new configuration did not load, the old one stays");
				pt_shared_abort();
				pt_conf_free(fresh);
				continue;
			}
			pt_shared_commit();     /* the old workers keep their mappings */
			/* before the fork: the new workers must not hold a socket the
			 * new config dropped (the old ones close theirs on SIGQUIT) */
			pt_master_unbind(conf, fds);
			fds = NULL;
			pt_errlog_close();
			pt_errlog_open(fresh);
			gen++;
			for (int i = 0; i < n; i++) {
				w[nw].pid = pt_master_fork(fresh, fresh_fds);
				w[nw].generation = gen;
				if (w[nw].pid > 0)
					pt_errlog(PT_LOG_NOTICE, 0, NULL, NULL, "start worker process %ld",
					          (long)w[nw].pid);
				nw++;
			}
			/* the old workers finish their sessions */
			for (int i = 0; i < nw; i++)
				if (w[i].pid > 0 && w[i].generation != gen)
					pt_master_kill(w[i].pid, SIGQUIT);
			pt_conf_free(conf);
			conf = fresh;
			fds = fresh_fds;
			pt_master_write_pid(conf);
		}
	}
	pt_master_unbind(conf, fds);
	pt_shared_done();       /* no worker is left */
	if (conf->pid.p)
		unlink(conf->pid.p);
	pt_errlog(PT_LOG_NOTICE, 0, NULL, NULL, "exit");
	pt_conf_free(conf);
	return rc;
}

/* -s: read the pid file and signal the master. */
int pt_master_signal(const struct pt_conf *conf, const char *name)
{
	static const struct { const char *name; int sig; } sigs[] = {
		{ "stop", SIGTERM }, { "quit", SIGQUIT }, { "reload", SIGHUP }, { "reopen", SIGUSR1 },
	};
	char buf[32];
	ssize_t n;
	long pid;
	int fd, sig = 0;

	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (strcmp(sigs[i].name, name) == 0)
			sig = sigs[i].sig;
	if (conf->pid.p == NULL) {
		fprintf(stderr, "postern: [error] no \"pid\" file is configured, cannot signal\n");
		return 1;
	}
	fd = open(conf->pid.p, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "postern: [error] open() \"%s\" failed (%d: %s)\n", conf->pid.p, errno,
		        strerror(errno));
		return 1;
	}
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	char *end;
	pid = strtol(buf, &end, 10);
	if (pid <= 0 || (*end != '\n' && *end != '\0')) {
		fprintf(stderr, "postern: [error] invalid PID number \"%s\" in \"%s\"\n", buf,
		        conf->pid.p);
		return 1;
	}
	if (kill((pid_t)pid, sig) != 0) {
		fprintf(stderr, "postern: [alert] kill(%ld, %d) failed (%d: %s)\n", pid, sig, errno,
		        strerror(errno));
		return 1;
	}
	return 0;
}
