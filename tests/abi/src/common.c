// SPDX-License-Identifier: MIT
/* Shared helpers for the ABI conformance programs: see abi.h. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <sys/socket.h>

#include "abi.h"

/* The Makefile says which C library a variant links: make sure of it. */
#if defined(ABI_EXPECT_MUSL) && defined(__GLIBC__)
#error "a musl variant is being compiled against glibc's headers"
#endif
#if defined(ABI_EXPECT_GLIBC) && !defined(__GLIBC__)
#error "a glibc variant is being compiled against another C library's headers"
#endif

char abi_dir[PATH_MAX];
int abi_failures;

static char parent_dir[PATH_MAX];

static const struct {
	int e;
	const char *name;
} errnames[] = {
/* clang-format off */
#define E(x) { x, #x }
	E(EPERM),     E(ENOENT),  E(ESRCH),        E(EINTR),   E(EIO),        E(ENXIO),
	E(E2BIG),     E(ENOEXEC), E(EBADF),        E(ECHILD),  E(EAGAIN),     E(ENOMEM),
	E(EACCES),    E(EFAULT),  E(EBUSY),        E(EEXIST),  E(EXDEV),      E(ENODEV),
	E(ENOTDIR),   E(EISDIR),  E(EINVAL),       E(ENFILE),  E(EMFILE),     E(ENOTTY),
	E(EFBIG),     E(ENOSPC),  E(ESPIPE),       E(EROFS),   E(EMLINK),     E(EPIPE),
	E(ERANGE),    E(ENOSYS),  E(ENAMETOOLONG), E(ELOOP),   E(ENOTEMPTY),  E(EOVERFLOW),
	E(EOPNOTSUPP), E(ETIMEDOUT), E(ECANCELED), E(ENOTSOCK), E(EDESTADDRREQ), E(EMSGSIZE),
	E(EPROTOTYPE), E(ENOPROTOOPT), E(EPROTONOSUPPORT), E(ESOCKTNOSUPPORT), E(EAFNOSUPPORT),
	E(EADDRINUSE), E(EADDRNOTAVAIL), E(ENETUNREACH), E(ECONNABORTED), E(ECONNRESET), E(EISCONN),
	E(ENOTCONN), E(ECONNREFUSED), E(EALREADY), E(EINPROGRESS), E(EDOM),
#undef E
	/* clang-format on */
};

const char *errname(int e)
{
	static char buf[16];
	size_t i;

	for (i = 0; i < sizeof(errnames) / sizeof(errnames[0]); i++)
		if (errnames[i].e == e)
			return errnames[i].name;
	snprintf(buf, sizeof(buf), "E#%d", e);
	return buf;
}

void check(const char *name, int cond, const char *fmt, ...)
{
	va_list ap;

	if (cond) {
		printf("ok %s\n", name);
		return;
	}
	abi_failures++;
	printf("FAIL %s: ", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

void check_true(const char *name, int cond)
{
	check(name, cond, "condition is false");
}

void check_int(const char *name, long long got, long long want)
{
	check(name, got == want, "got %lld, want %lld", got, want);
}

void check_ok(const char *name, long ret)
{
	int e = errno;

	check(name, ret != -1, "failed with %s", errname(e));
}

void check_errno(const char *name, long ret, int want)
{
	int e = errno;

	if (ret != -1)
		check(name, 0, "returned %ld, want -1 with %s", ret, errname(want));
	else
		check(name, e == want, "errno %s, want %s", errname(e), errname(want));
}

void check_str(const char *name, const char *got, const char *want)
{
	if (!got)
		check(name, 0, "got NULL, want \"%s\"", want);
	else
		check(name, strcmp(got, want) == 0, "got \"%s\", want \"%s\"", got, want);
}

void check_mem(const char *name, const void *got, const void *want, size_t n)
{
	const unsigned char *g = got, *w = want;
	size_t i;

	for (i = 0; i < n; i++)
		if (g[i] != w[i])
			break;
	check(name, i == n, "byte %zu is 0x%02x, want 0x%02x", i, i < n ? g[i] : 0,
	      i < n ? w[i] : 0);
}

static void die(const char *what)
{
	printf("FAIL %s: %s\n", what, errname(errno));
	exit(1);
}

void make_file(const char *path, const void *data, size_t n)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	if (fd < 0 || write(fd, data, n) != (ssize_t)n || close(fd) != 0)
		die("make_file");
}

void check_anon_file(int fd, const char *name)
{
	char path[64], link[64] = "", want[64];
	struct stat st;

	check_ok("fstat", fstat(fd, &st));
	check_int("mode is 0600 without a file type", st.st_mode, 0600);
	check_int("size", st.st_size, 0);
	check_int("F_GETFL", fcntl(fd, F_GETFL), O_RDWR);
	check_int("not cloexec", fcntl(fd, F_GETFD), 0);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	check_true("readlink", readlink(path, link, sizeof(link) - 1) > 0);
	snprintf(want, sizeof(want), "anon_inode:%s", name);
	check_str("name", link, want);
	check_errno("opened again through /proc/self/fd", open(path, O_RDONLY), ENXIO);
	check_int("lseek does nothing", lseek(fd, 5, SEEK_SET), 0);
}

void abi_begin(const char *prog)
{
	const char *base = getenv("ABI_TMPDIR");
	char tmpl[PATH_MAX];

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!base || !*base)
		base = "/tmp";
	if (!getcwd(parent_dir, sizeof(parent_dir)))
		die("setup getcwd");
	if (snprintf(tmpl, sizeof(tmpl), "%s/abi-%s-XXXXXX", base, prog) >= (int)sizeof(tmpl))
		die("setup path");
	if (!mkdtemp(tmpl))
		die("setup mkdtemp");
	if (chdir(tmpl) != 0)
		die("setup chdir");
	if (!getcwd(abi_dir, sizeof(abi_dir)))
		die("setup getcwd");
}

/* Remove everything below directory fd DIR; 0 or -1. */
static int remove_tree(int dir)
{
	DIR *d = fdopendir(dir);
	struct dirent *de;
	struct stat st;
	int ret = 0;

	if (!d) {
		close(dir);
		return -1;
	}
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (fstatat(dir, de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
			ret = -1;
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			int sub = openat(dir, de->d_name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

			if (sub < 0 || remove_tree(sub) != 0 ||
			    unlinkat(dir, de->d_name, AT_REMOVEDIR) != 0)
				ret = -1;
		} else if (unlinkat(dir, de->d_name, 0) != 0) {
			ret = -1;
		}
	}
	closedir(d);
	return ret;
}

int abi_end(void)
{
	int fd, ok;

	ok = chdir(parent_dir) == 0;
	fd = open(abi_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ok = ok && fd >= 0 && remove_tree(fd) == 0 && rmdir(abi_dir) == 0;
	check("cleanup", ok, "%s", errname(errno));
	return abi_failures ? 1 : 0;
}

long abi_raw_syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	register long r9 __asm__("r9") = a6;
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(nr), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

/* clone or clone3, whose child pops fn and arg from its new stack, calls fn and exits. */
static long raw_spawn(long nr, long a1, long a2, long a3, long a4, long a5)
{
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	long ret;

	__asm__ volatile("syscall\n\t"
			 "testq %%rax, %%rax\n\t"
			 "jnz 1f\n\t"
			 "popq %%rax\n\t"
			 "popq %%rdi\n\t"
			 "xorl %%ebp, %%ebp\n\t"
			 "callq *%%rax\n\t"
			 "movq %%rax, %%rdi\n\t"
			 "movl %[exit], %%eax\n\t"
			 "syscall\n\t"
			 "ud2\n"
			 "1:"
			 : "=a"(ret)
			 : "a"(nr), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8), [exit] "i"(SYS_exit)
			 : "rcx", "r11", "memory");
	return ret;
}

/* fn and arg at the top of the child's stack: its stack pointer. */
static void **push_entry(void *stack_top, long (*fn)(void *), void *arg)
{
	void **sp = stack_top;

	*--sp = arg;
	*--sp = (void *)fn;
	return sp;
}

long abi_raw_clone(unsigned long flags, void *stack_top, int *ptid, int *ctid, unsigned long tls,
		   long (*fn)(void *), void *arg)
{
	return raw_spawn(SYS_clone, flags, (long)push_entry(stack_top, fn, arg), (long)ptid,
			 (long)ctid, tls);
}

long abi_raw_clone3(struct abi_clone_args *args, long (*fn)(void *), void *arg)
{
	push_entry((void *)(uintptr_t)(args->stack + args->stack_size), fn, arg);
	args->stack_size -= 2 * sizeof(void *);
	return raw_spawn(SYS_clone3, (long)args, sizeof(*args), 0, 0, 0);
}

int abi_wait_word(volatile int *addr, int want)
{
	struct timespec ms = {0, 1000000};

	for (int i = 0; i < 10000; i++) {
		if (*addr == want)
			return 1;
		nanosleep(&ms, NULL);
	}
	return *addr == want;
}

struct sockaddr_in abi_loopback(unsigned short port)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

unsigned short abi_port_of(int fd)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);

	return getsockname(fd, (struct sockaddr *)&a, &len) ? 0 : ntohs(a.sin_port);
}
