/* Running a Linux program: its root file system and kernel options (linux_program.c). */
#ifndef TESSERA_VM_LINUX_PROGRAM_H
#define TESSERA_VM_LINUX_PROGRAM_H

#include <stdbool.h>

#define LINUX_MAX_ENV 256

struct linux_program {
	const char *path;      /* absolute host path, also the guest path and argv[0]; NULL if linked */
	const char *rootfs;    /* --rootfs DIR|CPIO, or NULL */
	const char *env[LINUX_MAX_ENV]; /* -e NAME=VALUE, in order */
	int nr_env;
	bool framed_stdin;     /* stdin is not a terminal: relay it framed */
	bool detached;         /* no stream is a terminal, whatever ours are now (run -d) */
	char initrd[64];       /* the generated root file system (a temporary file) */
};

/* Build the root file system (via `tessera rootfs`); dies with a one-line message on failure. */
void linux_program_pack(struct linux_program *p);
/* The kernel options the program needs (wall clock, terminals, environment); malloc'd. */
char *linux_program_options(const struct linux_program *p, const char *user_options);

#endif
