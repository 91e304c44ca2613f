/*
 * System calls: the Linux x86_64 ABI.
 *
 * Each library defines the syscalls of the concept it owns, next to the
 * code, with SYSCALL_DEFINEn(name, type, arg, ...) (typed arguments, as in
 * Linux) or SYSCALL_FAKE(name) (success without effect, for calls that make
 * no sense in a unikernel).  Each definition lands in the .syscalls section;
 * the dispatch table is filled from it at boot, and `tessera syscalls` reads
 * the same entries from the image's symbols (__syscall_<state>_<name>), so
 * the table and the report cannot disagree.  Any other number returns
 * -ENOSYS, and is logged once by name (kernel option syscall.strict=1 makes
 * it fatal).  Errors are returned as -errno, exactly as Linux does.
 */
#ifndef TESSERA_SYSCALL_H
#define TESSERA_SYSCALL_H

#include <asm/unistd_64.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <tessera/compiler.h>

#define NR_SYSCALLS 512

typedef long (*syscall_fn)(long, long, long, long, long, long);

struct syscall_entry {
	unsigned int nr;
	const char *name;
	syscall_fn fn;
};

#define SYSCALL_REGISTER(_name, _state, _fn)                                                       \
	const struct syscall_entry __syscall_##_state##_##_name __used                             \
		__section(".syscalls") __aligned(sizeof(void *)) = {                               \
			.nr = __NR_##_name, .name = #_name, .fn = _fn}

/* Argument i (1-6) of the raw call, as type t. */
#define __SC_ARG(t, i) ((t)(a##i))
#define __SC_MAP0(m, ...)
#define __SC_MAP1(m, t1, n1) m(t1, 1)
#define __SC_MAP2(m, t1, n1, t2, n2) m(t1, 1), m(t2, 2)
#define __SC_MAP3(m, t1, n1, t2, n2, t3, n3) m(t1, 1), m(t2, 2), m(t3, 3)
#define __SC_MAP4(m, t1, n1, t2, n2, t3, n3, t4, n4) m(t1, 1), m(t2, 2), m(t3, 3), m(t4, 4)
#define __SC_MAP5(m, t1, n1, t2, n2, t3, n3, t4, n4, t5, n5)                                     \
	m(t1, 1), m(t2, 2), m(t3, 3), m(t4, 4), m(t5, 5)
#define __SC_MAP6(m, t1, n1, t2, n2, t3, n3, t4, n4, t5, n5, t6, n6)                             \
	m(t1, 1), m(t2, 2), m(t3, 3), m(t4, 4), m(t5, 5), m(t6, 6)
/* The typed parameter list "t1 n1, t2 n2, ...". */
#define __SC_DECL0() void
#define __SC_DECL1(t1, n1) t1 n1
#define __SC_DECL2(t1, n1, t2, n2) t1 n1, t2 n2
#define __SC_DECL3(t1, n1, t2, n2, t3, n3) t1 n1, t2 n2, t3 n3
#define __SC_DECL4(t1, n1, t2, n2, t3, n3, t4, n4) t1 n1, t2 n2, t3 n3, t4 n4
#define __SC_DECL5(t1, n1, t2, n2, t3, n3, t4, n4, t5, n5) t1 n1, t2 n2, t3 n3, t4 n4, t5 n5
#define __SC_DECL6(t1, n1, t2, n2, t3, n3, t4, n4, t5, n5, t6, n6)                               \
	t1 n1, t2 n2, t3 n3, t4 n4, t5 n5, t6 n6

#define SYSCALL_DEFINEx(x, name, ...)                                                              \
	long sys_##name(__SC_DECL##x(__VA_ARGS__));                                                \
	static long __raw_sys_##name(long a1, long a2, long a3, long a4, long a5, long a6)         \
	{                                                                                          \
		(void)a1, (void)a2, (void)a3, (void)a4, (void)a5, (void)a6;                        \
		return sys_##name(__SC_MAP##x(__SC_ARG, __VA_ARGS__));                             \
	}                                                                                          \
	SYSCALL_REGISTER(name, implemented, __raw_sys_##name);                                     \
	long sys_##name(__SC_DECL##x(__VA_ARGS__))

#define SYSCALL_DEFINE0(name) SYSCALL_DEFINEx(0, name)
#define SYSCALL_DEFINE1(name, ...) SYSCALL_DEFINEx(1, name, __VA_ARGS__)
#define SYSCALL_DEFINE2(name, ...) SYSCALL_DEFINEx(2, name, __VA_ARGS__)
#define SYSCALL_DEFINE3(name, ...) SYSCALL_DEFINEx(3, name, __VA_ARGS__)
#define SYSCALL_DEFINE4(name, ...) SYSCALL_DEFINEx(4, name, __VA_ARGS__)
#define SYSCALL_DEFINE5(name, ...) SYSCALL_DEFINEx(5, name, __VA_ARGS__)
#define SYSCALL_DEFINE6(name, ...) SYSCALL_DEFINEx(6, name, __VA_ARGS__)

long syscall_fake_success(long, long, long, long, long, long);
long syscall_stub_enosys(long, long, long, long, long, long);

/* Success without effect: only for calls whose effect cannot matter in a unikernel. */
#define SYSCALL_FAKE(name) SYSCALL_REGISTER(name, faked, syscall_fake_success)
/*
 * -ENOSYS on purpose, without the "not implemented" log: for calls that
 * Linux itself may lack and that programs probe (rseq, io_uring_setup, ...).
 */
#define SYSCALL_STUB(name) SYSCALL_REGISTER(name, stubbed, syscall_stub_enosys)

/* Run syscall nr from kernel code, through the same table as the syscall instruction. */
long syscall_invoke(unsigned long nr, long a1, long a2, long a3, long a4, long a5, long a6);

/* The name of syscall nr, or NULL for numbers Linux does not define. */
const char *syscall_name(unsigned long nr);
/* How many times nr was called (metrics, coverage). */
uint64_t syscall_count(unsigned long nr);
/* Whether nr does something other than fail with -ENOSYS (implemented or faked). */
bool syscall_implemented(unsigned long nr);

#endif /* TESSERA_SYSCALL_H */
