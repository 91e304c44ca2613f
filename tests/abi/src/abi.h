/* SPDX-License-Identifier: MIT */
/*
 * Shared helpers for the Linux ABI conformance programs in tests/abi/src.
 *
 * Every check prints one line, "ok NAME" or "FAIL NAME: details", and the
 * program exits 0 only if no check failed.  Output must be the same on any
 * correct Linux: print facts (sizes, errno names, booleans), never addresses,
 * pids, times, inode numbers or host paths.
 */
#ifndef ABI_H
#define ABI_H

#include <netinet/in.h>
#include <stddef.h>

/* Absolute path of this run's scratch directory, the cwd after abi_begin(). */
extern char abi_dir[];

/* Line-buffer stdout, create $ABI_TMPDIR/abi-PROG-XXXXXX (ABI_TMPDIR defaults
 * to /tmp) and chdir into it.  Exits 1 on failure. */
void abi_begin(const char *prog);

/* Leave and remove the scratch directory (checked as "cleanup"); the status
 * to return from main(). */
int abi_end(void);

/* The checks: each prints exactly one line. */
__attribute__((format(printf, 3, 4))) void check(const char *name, int cond, const char *fmt, ...);
void check_true(const char *name, int cond);
void check_int(const char *name, long long got, long long want);
/* ret must not be -1 (a syscall or libc call that succeeded). */
void check_ok(const char *name, long ret);
/* ret must be -1 with errno == want. */
void check_errno(const char *name, long ret, int want);
void check_str(const char *name, const char *got, const char *want);
void check_mem(const char *name, const void *got, const void *want, size_t n);

/* "ENOENT" etc. for the errno values the programs expect; "E#NN" otherwise. */
const char *errname(int e);

/* Write N bytes to a new file PATH (mode 0644); aborts the program on error. */
void make_file(const char *path, const void *data, size_t n);

/*
 * The checks every anonymous file (eventfd, timerfd, epoll) passes: mode 0600
 * and no file type, size 0, O_RDWR, not close-on-exec, /proc/self/fd naming
 * it "anon_inode:NAME", and lseek doing nothing.
 */
void check_anon_file(int fd, const char *name);

/*
 * Raw threads, for checks of the kernel's own behaviour: clone with flags
 * (CLONE_VM at least) running fn(arg) on the stack below stack_top (16-byte
 * aligned), ending with SYS_exit and fn's result.  fn has no C library
 * thread of its own: it may only make calls through abi_raw_syscall (no
 * errno, no stdio).  Returns clone's result (-errno on failure).
 */
long abi_raw_clone(unsigned long flags, void *stack_top, int *ptid, int *ctid, unsigned long tls,
		   long (*fn)(void *), void *arg);

/* struct clone_args, clone3's argument (not in every C library's headers). */
struct abi_clone_args {
	unsigned long long flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
	unsigned long long set_tid, set_tid_size, cgroup;
};
/* The same through clone3; args->stack and stack_size give the child's stack. */
long abi_raw_clone3(struct abi_clone_args *args, long (*fn)(void *), void *arg);
/* A system call without errno: the result or -errno. */
long abi_raw_syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6);

/* Wait until the 32-bit word at addr reads want, sleeping 1 ms between looks (at most 10 s). */
int abi_wait_word(volatile int *addr, int want);

/* Sockets: 127.0.0.1:port, and the local port fd is bound to (0 if none). */
struct sockaddr_in abi_loopback(unsigned short port);
unsigned short abi_port_of(int fd);

/* Number of failed checks so far. */
extern int abi_failures;

#endif
