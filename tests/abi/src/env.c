// SPDX-License-Identifier: MIT
/*
 * The initial process state: argv and envp as passed, their layout on the
 * stack (argv, NULL, envp, NULL, auxv), and the auxiliary vector: page size,
 * clock ticks, AT_RANDOM, AT_PHDR/AT_PHNUM/AT_PHENT/AT_ENTRY/AT_BASE against
 * the program's own ELF headers, AT_EXECFN, AT_SECURE, AT_HWCAP, AT_PLATFORM,
 * ids, the vDSO.
 *
 * Run as:  env one 'two words' '' -x
 * with ABI_ENV_A=alpha ABI_ENV_B='two words' ABI_ENV_EMPTY= in the environment.
 */
#include <elf.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#include "abi.h"

extern char **environ;
/* The program's ELF header, placed by the linker; _start from crt1.o. */
extern const ElfW(Ehdr) __ehdr_start __attribute__((visibility("hidden")));
extern void _start(void);

static const char *const want_args[] = {"one", "two words", "", "-x"};
#define NARGS ((int)(sizeof(want_args) / sizeof(want_args[0])))

static const char *const want_env[][2] = {
	{"ABI_ENV_A", "alpha"},
	{"ABI_ENV_B", "two words"},
	{"ABI_ENV_EMPTY", ""},
};
#define NENV ((int)(sizeof(want_env) / sizeof(want_env[0])))

static void arguments(int argc, char **argv, char **envp)
{
	char name[64];
	int i, j, n;

	check_int("argc", argc, NARGS + 1);
	check_true("argv[0] set", argv[0] && argv[0][0]);
	for (i = 1; i <= NARGS && i < argc; i++) {
		snprintf(name, sizeof(name), "argv[%d]", i);
		check_str(name, argv[i], want_args[i - 1]);
	}
	check_true("argv[argc] is NULL", argv[argc] == NULL);
	check_true("envp follows argv", envp == argv + argc + 1);
	check_true("environ is envp", environ == envp);
	/* Argument strings live in writable memory (a read-only page would fault). */
	if (argc > 1 && argv[1][0]) {
		char c = argv[1][0];

		((volatile char *)argv[1])[0] = 'X';
		check_true("argv writable", ((volatile char *)argv[1])[0] == 'X');
		argv[1][0] = c;
	} else {
		check("argv writable", 0, "no argv[1] to write");
	}

	for (i = 0; i < NENV; i++) {
		size_t len = strlen(want_env[i][0]);

		snprintf(name, sizeof(name), "getenv %s", want_env[i][0]);
		check_str(name, getenv(want_env[i][0]), want_env[i][1]);
		for (n = 0, j = 0; envp[j]; j++)
			if (!strncmp(envp[j], want_env[i][0], len) && envp[j][len] == '=' &&
			    !strcmp(envp[j] + len + 1, want_env[i][1]))
				n++;
		snprintf(name, sizeof(name), "envp has %s once", want_env[i][0]);
		check_int(name, n, 1);
	}
	check_true("getenv missing", getenv("ABI_ENV_NOT_SET") == NULL);
	for (n = 0, j = 0; envp[j]; j++)
		n += strchr(envp[j], '=') == NULL;
	check_int("every envp entry has '='", n, 0);
}

static int main_object_seen;
static unsigned long main_object_addr;
static const ElfW(Phdr) * main_object_phdr;
static int main_object_phnum;

static int first_object(struct dl_phdr_info *info, size_t size, void *data)
{
	(void)size;
	(void)data;
	main_object_seen = 1;
	main_object_addr = info->dlpi_addr;
	main_object_phdr = info->dlpi_phdr;
	main_object_phnum = info->dlpi_phnum;
	return 1;
}

typedef ElfW(Phdr) phdr_t;

/* Compared with getauxval().  Not AT_HWCAP: glibc's getauxval() gives its own
 * value for it on x86_64. */
static const unsigned long aux_types[] = {
	AT_PHDR, AT_PHENT,  AT_PHNUM,  AT_PAGESZ, AT_ENTRY,    AT_UID,	  AT_EUID, AT_GID,
	AT_EGID, AT_SECURE, AT_RANDOM, AT_EXECFN, AT_PLATFORM, AT_CLKTCK, AT_BASE,
};

static void auxv(char **argv, char **envp)
{
	const unsigned char *rnd;
	const ElfW(Ehdr) *eh = &__ehdr_start;
	const phdr_t *ph;
	unsigned long base, bias, hwcap, *av;
	const char *execfn, *plat;
	size_t t;
	int i, interp, found, mismatch, nonzero;

	/* The vector follows the environment's NULL. */
	for (i = 0; envp[i]; i++)
		;
	av = (unsigned long *)(envp + i + 1);
	for (mismatch = 0, t = 0; t < sizeof(aux_types) / sizeof(aux_types[0]); t++) {
		unsigned long *a;

		for (found = 0, a = av; a[0] != AT_NULL; a += 2)
			if (a[0] == aux_types[t]) {
				found = 1;
				mismatch += a[1] != getauxval(aux_types[t]);
			}
		mismatch += !found;
	}
	check_int("auxv after envp matches getauxval", mismatch, 0);
	for (hwcap = 0; av[0] != AT_NULL; av += 2)
		if (av[0] == AT_HWCAP)
			hwcap = av[1];
	/* CPUID leaf 1 EDX: every x86_64 CPU has FPU (bit 0) and SSE2 (bit 26). */
	check_true("AT_HWCAP is CPUID.1:EDX", (hwcap & 1) && (hwcap & (1UL << 26)));

	check_int("AT_PAGESZ", getauxval(AT_PAGESZ), 4096);
	check_int("sysconf page size", sysconf(_SC_PAGESIZE), 4096);
	check_int("AT_CLKTCK", getauxval(AT_CLKTCK), 100);
	check_int("sysconf clock ticks", sysconf(_SC_CLK_TCK), 100);
	check_int("AT_SECURE", getauxval(AT_SECURE), 0);
	check_true("getauxval(AT_HWCAP) nonzero", getauxval(AT_HWCAP) != 0);
	plat = (const char *)getauxval(AT_PLATFORM);
	check_str("AT_PLATFORM", plat, "x86_64");
	rnd = (const unsigned char *)getauxval(AT_RANDOM);
	for (nonzero = 0, i = 0; rnd && i < 16; i++)
		nonzero += rnd[i] != 0;
	check_true("AT_RANDOM 16 bytes not all zero", rnd && nonzero > 0);
	execfn = (const char *)getauxval(AT_EXECFN);
	check_str("AT_EXECFN is argv[0]", execfn, argv[0]);
	check_true("AT_UID/AT_EUID/AT_GID/AT_EGID are the ids",
		   getauxval(AT_UID) == getuid() && getauxval(AT_EUID) == geteuid() &&
			   getauxval(AT_GID) == getgid() && getauxval(AT_EGID) == getegid());

	/* The program's own headers, as loaded. */
	check_mem("ELF header mapped", eh->e_ident, ELFMAG, SELFMAG);
	base = (unsigned long)eh;
	bias = eh->e_type == ET_DYN ? base : 0;
	check_int("AT_PHENT", getauxval(AT_PHENT), sizeof(ElfW(Phdr)));
	check_true("AT_PHDR is the loaded program header table",
		   getauxval(AT_PHDR) == base + eh->e_phoff);
	check_int("AT_PHNUM", getauxval(AT_PHNUM), eh->e_phnum);
	check_true("AT_ENTRY is e_entry", getauxval(AT_ENTRY) == bias + eh->e_entry);
	check_true("AT_ENTRY is _start", getauxval(AT_ENTRY) == (unsigned long)&_start);
	ph = (const phdr_t *)getauxval(AT_PHDR);
	for (interp = 0, mismatch = 0, i = 0; ph && i < eh->e_phnum; i++) {
		interp |= ph[i].p_type == PT_INTERP;
		if (ph[i].p_type == PT_PHDR)
			mismatch += bias + ph[i].p_vaddr != getauxval(AT_PHDR);
	}
	check_int("PT_PHDR matches AT_PHDR", mismatch, 0);
	check_true("AT_BASE set exactly when there is an interpreter",
		   interp ? getauxval(AT_BASE) != 0 : getauxval(AT_BASE) == 0);

	dl_iterate_phdr(first_object, NULL);
	check_true("dl_iterate_phdr main object", main_object_seen);
	check_true("dl_iterate_phdr agrees with auxv",
		   main_object_addr == bias &&
			   (unsigned long)main_object_phdr == getauxval(AT_PHDR) &&
			   main_object_phnum == (int)getauxval(AT_PHNUM));

	base = getauxval(AT_SYSINFO_EHDR);
	check_true("vDSO absent or an ELF image",
		   base == 0 || !memcmp((const void *)base, ELFMAG, SELFMAG));
}

int main(int argc, char **argv, char **envp)
{
	abi_begin("env");
	arguments(argc, argv, envp);
	auxv(argv, envp);
	return abi_end();
}
