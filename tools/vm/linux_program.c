/*
 * Running a Linux program: `tessera rootfs` packs it with its interpreter
 * and libraries into a root file system (or, for a program linked into the
 * image, makes the same minimal root file system), and the kernel is told what a
 * container would give the program: the wall-clock time, which standard
 * streams are terminals, whether stdin comes framed (see stdin_relay.c),
 * and an environment (HOME, PATH, HOSTNAME, TERM on a terminal, then -e).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "linux_program.h"
#include "process.h"
#include "vm.h"

static const char *const default_env[] = {
	"HOME=/root",
	"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
	"HOSTNAME=tessera",
};

/* The generated root file system is removed however the launcher ends. */
static char *initrd_to_remove;

static void remove_initrd(void)
{
	unlink(initrd_to_remove);
}

void linux_program_pack(struct linux_program *p)
{
	const char *top = getenv("TESSERA_TOP");
	char tool[4096];
	char *argv[8];
	int argc = 0, fd, status;
	pid_t pid;

	snprintf(p->initrd, sizeof(p->initrd), "/tmp/tessera-rootfs-XXXXXX");
	fd = mkstemp(p->initrd);
	if (fd < 0)
		die(1, "cannot create a temporary file in /tmp: %s", strerror(errno));
	close(fd);
	initrd_to_remove = p->initrd;
	atexit(remove_initrd);
	snprintf(tool, sizeof(tool), "%s/tessera", top && *top ? top : ".");
	argv[argc++] = tool;
	argv[argc++] = "rootfs";
	if (p->path)
		argv[argc++] = (char *)p->path;
	argv[argc++] = "-o";
	argv[argc++] = p->initrd;
	if (p->rootfs) {
		argv[argc++] = "--rootfs";
		argv[argc++] = (char *)p->rootfs;
	}
	argv[argc] = NULL;
	pid = process_spawn(argv, false, -1);
	if (pid < 0 || process_wait(pid, -1, &status) != WAIT_EXITED || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		exit(1); /* the tool said why */
}

static bool overridden(const struct linux_program *p, const char *def)
{
	size_t name_len = strcspn(def, "=") + 1;

	for (int i = 0; i < p->nr_env; i++) {
		if (!strncmp(p->env[i], def, name_len))
			return true;
	}
	return false;
}

static void add(char **options, const char *fmt, ...)
{
	char *word;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&word, fmt, ap);
	va_end(ap);
	if (n < 0 || vm_options_add(options, word))
		die(1, "out of memory");
	free(word);
}

char *linux_program_options(const struct linux_program *p, const char *user_options)
{
	char *options = NULL, ttys[8] = "";
	struct timespec now;
	const char *term = getenv("TERM");

	clock_gettime(CLOCK_REALTIME, &now);
	add(&options, "realtime=%ld.%09ld", (long)now.tv_sec, now.tv_nsec);
	for (int fd = 0; fd <= 2; fd++) {
		if (!p->detached && isatty(fd))
			snprintf(ttys + strlen(ttys), sizeof(ttys) - strlen(ttys), "%s%d",
				 *ttys ? "," : "", fd);
	}
	add(&options, "console.tty=%s", ttys);
	if (p->framed_stdin)
		add(&options, "console.framed=1");
	for (size_t i = 0; i < sizeof(default_env) / sizeof(*default_env); i++) {
		if (!overridden(p, default_env[i]))
			add(&options, "env=%s", default_env[i]);
	}
	if (!p->detached && isatty(STDOUT_FILENO) && term && !overridden(p, "TERM="))
		add(&options, "env=TERM=%s", term);
	for (int i = 0; i < p->nr_env; i++)
		add(&options, "env=%s", p->env[i]);
	if (*user_options) {
		char *all;

		if (asprintf(&all, "%s %s", options, user_options) < 0)
			die(1, "out of memory");
		free(options);
		options = all;
	}
	return options;
}
