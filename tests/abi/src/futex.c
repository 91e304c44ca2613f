// SPDX-License-Identifier: MIT
/*
 * Futexes, through raw calls: every error of futex and futex_waitv in the
 * order Linux checks them, relative and absolute timeouts on both clocks,
 * and, with threads blocked in the kernel, how many waiters each operation
 * wakes or requeues: FUTEX_WAKE's counts (0 wakes one), private and shared
 * futexes never meeting, bit sets, REQUEUE and CMP_REQUEUE, WAKE_OP's
 * operations and comparisons, futex_waitv's index; and what a dying thread
 * does: clear its tid word (set_tid_address) and mark its robust futexes.
 * A waiter is known to be asleep when CMP_REQUEUE onto its own futex counts
 * it, which wakes nobody: the numbers printed never depend on timing.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "abi.h"

/* Linux's ABI values (<linux/futex.h> is not in every C library's headers). */
#define FUTEX_WAIT             0
#define FUTEX_WAKE             1
#define FUTEX_FD               2
#define FUTEX_REQUEUE          3
#define FUTEX_CMP_REQUEUE      4
#define FUTEX_WAKE_OP          5
#define FUTEX_WAIT_BITSET      9
#define FUTEX_WAKE_BITSET      10
#define FUTEX_PRIVATE          128
#define FUTEX_CLOCK_REALTIME   256
#define FUTEX_WAITERS          0x80000000u
#define FUTEX_OWNER_DIED       0x40000000u
#define FUTEX_32               2
#define FUTEX_OP_SET           0
#define FUTEX_OP_ADD           1
#define FUTEX_OP_OR            2
#define FUTEX_OP_ANDN          3
#define FUTEX_OP_XOR           4
#define FUTEX_OP_OPARG_SHIFT   8
#define FUTEX_OP_CMP_EQ        0
#define FUTEX_OP_CMP_GT        4
#define FUTEX_OP(op, oparg, cmp, cmparg)                                                        \
	((int)((((unsigned)(op) & 0xf) << 28) | (((unsigned)(cmp) & 0xf) << 24) |                \
	       (((unsigned)(oparg) & 0xfff) << 12) | ((unsigned)(cmparg) & 0xfff)))
#ifndef SYS_futex_waitv
#define SYS_futex_waitv 449
#endif
#define STACK_SIZE (64 * 1024)

struct waitv {
	uint64_t val, uaddr;
	uint32_t flags, reserved;
};

static long futex(void *uaddr, int op, int val, const void *timeout_or_val2, void *uaddr2,
		  int val3)
{
	return syscall(SYS_futex, uaddr, op, val, timeout_or_val2, uaddr2, val3);
}

static void *unmapped_page(void)
{
	void *p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	munmap(p, 4096);
	return p;
}

static void errors(void)
{
	static int one = 1, zero;
	struct timespec bad_nsec = {0, 1000000000}, negative = {-1, 0}, ten_ms = {0, 10000000};
	char *misaligned = (char *)&one + 1;
	void *gone = unmapped_page();

	check_errno("WAIT on another value", futex(&one, FUTEX_WAIT, 0, NULL, NULL, 0), EAGAIN);
	check_errno("WAIT private on another value",
		    futex(&one, FUTEX_WAIT | FUTEX_PRIVATE, 0, NULL, NULL, 0), EAGAIN);
	check_errno("WAIT misaligned", futex(misaligned, FUTEX_WAIT, 0, NULL, NULL, 0), EINVAL);
	check_errno("WAKE misaligned", futex(misaligned, FUTEX_WAKE, 1, NULL, NULL, 0), EINVAL);
	check_errno("WAIT on NULL", futex(NULL, FUTEX_WAIT, 0, NULL, NULL, 0), EFAULT);
	check_errno("WAIT unmapped", futex(gone, FUTEX_WAIT | FUTEX_PRIVATE, 0, NULL, NULL, 0),
		    EFAULT);
	check_int("WAKE private unmapped", futex(gone, FUTEX_WAKE | FUTEX_PRIVATE, 1, NULL, NULL, 0),
		  0);
	check_errno("WAKE shared unmapped", futex(gone, FUTEX_WAKE, 1, NULL, NULL, 0), EFAULT);
	check_int("WAKE with no waiters", futex(&zero, FUTEX_WAKE, INT_MAX, NULL, NULL, 0), 0);
	check_errno("WAIT timeout nanoseconds too large",
		    futex(&zero, FUTEX_WAIT, 0, &bad_nsec, NULL, 0), EINVAL);
	check_errno("WAIT negative timeout", futex(&zero, FUTEX_WAIT, 0, &negative, NULL, 0),
		    EINVAL);
	check_errno("WAIT timeout checked before the value",
		    futex(&one, FUTEX_WAIT, 0, &bad_nsec, NULL, 0), EINVAL);
	check_errno("WAIT timeout unmapped", futex(&zero, FUTEX_WAIT, 0, gone, NULL, 0), EFAULT);
	check_errno("WAIT with FUTEX_CLOCK_REALTIME",
		    futex(&zero, FUTEX_WAIT | FUTEX_CLOCK_REALTIME, 0, &ten_ms, NULL, 0), ENOSYS);
	check_errno("WAKE with FUTEX_CLOCK_REALTIME",
		    futex(&zero, FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1, NULL, NULL, 0), ENOSYS);
	check_errno("WAIT_BITSET with bitset 0",
		    futex(&zero, FUTEX_WAIT_BITSET, 0, NULL, NULL, 0), EINVAL);
	check_errno("WAKE_BITSET with bitset 0",
		    futex(&zero, FUTEX_WAKE_BITSET, 1, NULL, NULL, 0), EINVAL);
	check_errno("unknown operation", futex(&zero, 99, 0, NULL, NULL, 0), ENOSYS);
	check_errno("FUTEX_FD (removed)", futex(&zero, FUTEX_FD, 0, NULL, NULL, 0), ENOSYS);
	check_errno("REQUEUE negative count",
		    futex(&zero, FUTEX_REQUEUE, -1, (void *)1L, &one, 0), EINVAL);
	check_errno("CMP_REQUEUE on another value",
		    futex(&zero, FUTEX_CMP_REQUEUE, 1, (void *)1L, &one, 5), EAGAIN);
	check_int("CMP_REQUEUE with no waiters",
		  futex(&zero, FUTEX_CMP_REQUEUE, 1, (void *)1L, &one, 0), 0);
}

static uint64_t now_ns(clockid_t clock)
{
	struct timespec t;

	clock_gettime(clock, &t);
	return t.tv_sec * 1000000000ULL + t.tv_nsec;
}

static struct timespec at(uint64_t ns)
{
	return (struct timespec){ns / 1000000000, ns % 1000000000};
}

static void timeouts(void)
{
	static int zero, one = 1;
	struct timespec ten_ms = {0, 10000000}, none = {0, 0}, epoch = {0, 0}, deadline;
	uint64_t start = now_ns(CLOCK_MONOTONIC), end;
	long r;

	r = futex(&zero, FUTEX_WAIT | FUTEX_PRIVATE, 0, &ten_ms, NULL, 0);
	check_errno("WAIT relative timeout", r, ETIMEDOUT);
	check_true("WAIT slept at least the timeout", now_ns(CLOCK_MONOTONIC) - start >= 10000000);
	check_errno("WAIT zero timeout", futex(&zero, FUTEX_WAIT, 0, &none, NULL, 0), ETIMEDOUT);

	end = now_ns(CLOCK_MONOTONIC) + 10000000;
	deadline = at(end);
	check_errno("WAIT_BITSET absolute monotonic deadline",
		    futex(&zero, FUTEX_WAIT_BITSET | FUTEX_PRIVATE, 0, &deadline, NULL, -1),
		    ETIMEDOUT);
	check_true("WAIT_BITSET woke after the deadline", now_ns(CLOCK_MONOTONIC) >= end);
	end = now_ns(CLOCK_REALTIME) + 10000000;
	deadline = at(end);
	check_errno("WAIT_BITSET absolute realtime deadline",
		    futex(&zero, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, 0, &deadline, NULL, -1),
		    ETIMEDOUT);
	check_true("WAIT_BITSET realtime woke after the deadline", now_ns(CLOCK_REALTIME) >= end);
	check_errno("WAIT_BITSET deadline in the past",
		    futex(&zero, FUTEX_WAIT_BITSET, 0, &epoch, NULL, -1), ETIMEDOUT);
	check_errno("value checked before the deadline",
		    futex(&one, FUTEX_WAIT_BITSET, 0, &epoch, NULL, -1), EAGAIN);
}

/* A thread blocked in FUTEX_WAIT_BITSET (or futex_waitv) until woken. */
struct waiter {
	int *uaddr;
	int op, val;
	unsigned int bitset;
	struct waitv *vector;
	unsigned int nr;
	long ret;
	int err;
	volatile int done;
	pthread_t thread;
};

static void *wait_thread(void *arg)
{
	struct waiter *w = arg;

	if (w->vector)
		w->ret = syscall(SYS_futex_waitv, w->vector, w->nr, 0, NULL, 0);
	else
		w->ret = futex(w->uaddr, FUTEX_WAIT_BITSET | w->op, w->val, NULL, NULL, w->bitset);
	w->err = errno;
	__atomic_store_n(&w->done, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

static void start_waiter(struct waiter *w, int *uaddr, int op, unsigned int bitset)
{
	*w = (struct waiter){.uaddr = uaddr, .op = op, .val = *uaddr, .bitset = bitset};
	pthread_create(&w->thread, NULL, wait_thread, w);
}

/* How many sleep on uaddr now: CMP_REQUEUE onto the same futex counts them, waking none. */
static long sleeping(int *uaddr, int op)
{
	return futex(uaddr, FUTEX_CMP_REQUEUE | op, 0, (void *)(long)INT_MAX, uaddr, *uaddr);
}

/* Wait (at most 10 s) until n threads sleep on uaddr. */
static int gathered(int *uaddr, int op, long n)
{
	struct timespec ms = {0, 1000000};

	for (int i = 0; i < 10000; i++) {
		if (sleeping(uaddr, op) == n)
			return 1;
		nanosleep(&ms, NULL);
	}
	return 0;
}

static int woken_cleanly(struct waiter *w, int n)
{
	int ok = 1;

	for (int i = 0; i < n; i++) {
		pthread_join(w[i].thread, NULL);
		ok &= w[i].ret == 0;
	}
	return ok;
}

static void wake_counts(void)
{
	static int a, b;
	struct waiter w[4];

	for (int i = 0; i < 4; i++)
		start_waiter(&w[i], &a, FUTEX_PRIVATE, ~0u);
	check_true("four waiters asleep", gathered(&a, FUTEX_PRIVATE, 4));
	check_int("WAKE 1", futex(&a, FUTEX_WAKE | FUTEX_PRIVATE, 1, NULL, NULL, 0), 1);
	check_int("WAKE 0 wakes one", futex(&a, FUTEX_WAKE | FUTEX_PRIVATE, 0, NULL, NULL, 0), 1);
	check_int("REQUEUE wakes 1, moves 1",
		  futex(&a, FUTEX_REQUEUE | FUTEX_PRIVATE, 1, (void *)1L, &b, 0), 2);
	check_int("none left on the first futex", sleeping(&a, FUTEX_PRIVATE), 0);
	check_int("one moved to the second", sleeping(&b, FUTEX_PRIVATE), 1);
	check_int("WAKE the moved waiter", futex(&b, FUTEX_WAKE | FUTEX_PRIVATE, INT_MAX, NULL,
						  NULL, 0), 1);
	check_true("every waiter woken with 0", woken_cleanly(w, 4));
}

static void private_and_shared(void)
{
	static int c;
	struct waiter w;

	start_waiter(&w, &c, FUTEX_PRIVATE, ~0u);
	check_true("private waiter asleep", gathered(&c, FUTEX_PRIVATE, 1));
	check_int("a shared futex does not meet a private one",
		  futex(&c, FUTEX_WAKE, INT_MAX, NULL, NULL, 0), 0);
	check_int("WAKE private", futex(&c, FUTEX_WAKE | FUTEX_PRIVATE, 1, NULL, NULL, 0), 1);
	check_true("private waiter woken", woken_cleanly(&w, 1));
	start_waiter(&w, &c, 0, ~0u);
	check_true("shared waiter asleep", gathered(&c, 0, 1));
	check_int("WAKE shared", futex(&c, FUTEX_WAKE, 1, NULL, NULL, 0), 1);
	check_true("shared waiter woken", woken_cleanly(&w, 1));
}

static void bitsets(void)
{
	static int d;
	struct waiter w[2];

	start_waiter(&w[0], &d, FUTEX_PRIVATE, 0x1);
	start_waiter(&w[1], &d, FUTEX_PRIVATE, 0x2);
	check_true("bit set waiters asleep", gathered(&d, FUTEX_PRIVATE, 2));
	check_int("WAKE_BITSET 0x4 wakes nobody",
		  futex(&d, FUTEX_WAKE_BITSET | FUTEX_PRIVATE, INT_MAX, NULL, NULL, 0x4), 0);
	check_int("WAKE_BITSET 0x2 wakes its waiter",
		  futex(&d, FUTEX_WAKE_BITSET | FUTEX_PRIVATE, INT_MAX, NULL, NULL, 0x2), 1);
	check_true("the 0x2 waiter returned", woken_cleanly(&w[1], 1));
	check_true("the 0x1 waiter still asleep", !w[0].done && sleeping(&d, FUTEX_PRIVATE) == 1);
	check_int("WAKE wakes any bit set", futex(&d, FUTEX_WAKE | FUTEX_PRIVATE, 1, NULL, NULL, 0),
		  1);
	check_true("the 0x1 waiter returned", woken_cleanly(&w[0], 1));
}

static void cmp_requeue(void)
{
	static int e, f;
	struct waiter w[3];

	for (int i = 0; i < 3; i++)
		start_waiter(&w[i], &e, FUTEX_PRIVATE, ~0u);
	check_true("requeue waiters asleep", gathered(&e, FUTEX_PRIVATE, 3));
	check_errno("CMP_REQUEUE with waiters, another value",
		    futex(&e, FUTEX_CMP_REQUEUE | FUTEX_PRIVATE, 1, (void *)1L, &f, 1), EAGAIN);
	check_int("waiters untouched", sleeping(&e, FUTEX_PRIVATE), 3);
	check_int("CMP_REQUEUE wakes 0, moves 2",
		  futex(&e, FUTEX_CMP_REQUEUE | FUTEX_PRIVATE, 0, (void *)2L, &f, 0), 2);
	check_int("one left", sleeping(&e, FUTEX_PRIVATE), 1);
	check_int("two moved", sleeping(&f, FUTEX_PRIVATE), 2);
	futex(&e, FUTEX_WAKE | FUTEX_PRIVATE, INT_MAX, NULL, NULL, 0);
	futex(&f, FUTEX_WAKE | FUTEX_PRIVATE, INT_MAX, NULL, NULL, 0);
	check_true("requeued waiters woken", woken_cleanly(w, 3));
}

static long wake_op(int *uaddr, int *uaddr2, int op)
{
	return futex(uaddr, FUTEX_WAKE_OP | FUTEX_PRIVATE, 1, (void *)1L, uaddr2, op);
}

static void wake_ops(void)
{
	static int g, h;
	struct waiter w[2];
	void *read_only = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	start_waiter(&w[0], &g, FUTEX_PRIVATE, ~0u);
	start_waiter(&w[1], &h, FUTEX_PRIVATE, ~0u);
	check_true("wake-op waiters asleep",
		   gathered(&g, FUTEX_PRIVATE, 1) && gathered(&h, FUTEX_PRIVATE, 1));
	check_int("WAKE_OP SET, comparison true: both woken",
		  wake_op(&g, &h, FUTEX_OP(FUTEX_OP_SET, 5, FUTEX_OP_CMP_EQ, 0)), 2);
	check_int("WAKE_OP SET stored", h, 5);
	check_true("wake-op waiters woken", woken_cleanly(w, 2));

	start_waiter(&w[0], &h, FUTEX_PRIVATE, ~0u);
	check_true("second wake-op waiter asleep", gathered(&h, FUTEX_PRIVATE, 1));
	check_int("WAKE_OP ADD, comparison false: none woken",
		  wake_op(&g, &h, FUTEX_OP(FUTEX_OP_ADD, 1, FUTEX_OP_CMP_GT, 100)), 0);
	check_int("WAKE_OP ADD stored", h, 6);
	check_int("WAKE_OP OR with a shift",
		  wake_op(&g, &h, FUTEX_OP(FUTEX_OP_OR | FUTEX_OP_OPARG_SHIFT, 4, FUTEX_OP_CMP_EQ,
					   0)), 0);
	check_int("WAKE_OP OR stored 1 << 4", h, 22);
	check_int("WAKE_OP ANDN", wake_op(&g, &h, FUTEX_OP(FUTEX_OP_ANDN, 2, FUTEX_OP_CMP_EQ, 0)),
		  0);
	check_int("WAKE_OP ANDN stored", h, 20);
	check_int("WAKE_OP XOR, negative operand",
		  wake_op(&g, &h, FUTEX_OP(FUTEX_OP_XOR, -1, FUTEX_OP_CMP_EQ, 0)), 0);
	check_int("WAKE_OP XOR stored", h, ~20);
	check_int("WAKE_OP comparison with a negative argument wakes",
		  wake_op(&g, &h, FUTEX_OP(FUTEX_OP_ADD, 0, FUTEX_OP_CMP_GT, -100)), 1);
	check_true("third wake-op waiter woken", woken_cleanly(w, 1));
	h = 7;
	check_errno("WAKE_OP unknown operation", wake_op(&g, &h, FUTEX_OP(7, 1, 0, 0)), ENOSYS);
	check_int("unknown operation leaves the word", h, 7);
	check_errno("WAKE_OP unknown comparison",
		    wake_op(&g, &h, FUTEX_OP(FUTEX_OP_ADD, 1, 9, 0)), ENOSYS);
	check_int("the operation was applied before the comparison failed", h, 8);
	check_errno("WAKE_OP misaligned", wake_op(&g, (int *)((char *)&h + 2), 0), EINVAL);
	check_errno("WAKE_OP unmapped", wake_op(&g, unmapped_page(), 0), EFAULT);
	check_errno("WAKE_OP read-only", wake_op(&g, read_only, 0), EFAULT);
	munmap(read_only, 4096);
}

static long waitv(struct waitv *v, unsigned int n, unsigned int flags, struct timespec *t,
		  int clock)
{
	return syscall(SYS_futex_waitv, v, n, flags, t, clock);
}

static void futex_waitv(void)
{
	static int x, y = 1;
	struct waitv v[2] = {{0, (uintptr_t)&x, FUTEX_32 | FUTEX_PRIVATE, 0},
			     {1, (uintptr_t)&y, FUTEX_32 | FUTEX_PRIVATE, 0}};
	struct waitv bad[2];
	struct timespec past = {0, 0};
	struct waiter w = {.vector = v, .nr = 2};

	check_errno("futex_waitv flags", waitv(v, 2, 1, NULL, 0), EINVAL);
	check_errno("futex_waitv no futexes", waitv(v, 0, 0, NULL, 0), EINVAL);
	check_errno("futex_waitv too many", waitv(v, 129, 0, NULL, 0), EINVAL);
	check_errno("futex_waitv NULL", waitv(NULL, 1, 0, NULL, 0), EINVAL);
	check_errno("futex_waitv clock", waitv(v, 2, 0, &past, CLOCK_BOOTTIME), EINVAL);
	memcpy(bad, v, sizeof(bad));
	bad[1].flags = FUTEX_PRIVATE;
	check_errno("futex_waitv entry without FUTEX_32", waitv(bad, 2, 0, NULL, 0), EINVAL);
	memcpy(bad, v, sizeof(bad));
	bad[1].reserved = 1;
	check_errno("futex_waitv reserved field", waitv(bad, 2, 0, NULL, 0), EINVAL);
	memcpy(bad, v, sizeof(bad));
	bad[1].uaddr += 1;
	check_errno("futex_waitv misaligned", waitv(bad, 2, 0, NULL, 0), EINVAL);
	memcpy(bad, v, sizeof(bad));
	bad[1].val = 0;
	check_errno("futex_waitv another value", waitv(bad, 2, 0, NULL, 0), EAGAIN);
	check_errno("futex_waitv monotonic deadline passed",
		    waitv(v, 2, 0, &past, CLOCK_MONOTONIC), ETIMEDOUT);
	check_errno("futex_waitv realtime deadline passed",
		    waitv(v, 2, 0, &past, CLOCK_REALTIME), ETIMEDOUT);

	pthread_create(&w.thread, NULL, wait_thread, &w);
	check_true("futex_waitv waiter asleep", gathered(&y, FUTEX_PRIVATE, 1));
	check_int("WAKE the second futex", futex(&y, FUTEX_WAKE | FUTEX_PRIVATE, 1, NULL, NULL, 0),
		  1);
	pthread_join(w.thread, NULL);
	check_int("futex_waitv returns the woken index", w.ret, 1);
}

/* A robust lock as the list links it: the word at the same offset from every entry. */
struct robust_lock {
	struct robust_lock *next;
	unsigned int word;
};

/* A raw thread that dies holding robust futexes (see robust_list). */
static struct {
	struct robust_lock owned, foreign, pending;
	struct {
		struct robust_lock *next;
		long futex_offset;
		struct robust_lock *pending;
	} head;
	int ready, go;
	long tid_from_set_tid_address;
} dying;

static char raw_stack[STACK_SIZE] __attribute__((aligned(16)));

static long die_holding_locks(void *ctid)
{
	long tid = abi_raw_syscall(SYS_gettid, 0, 0, 0, 0, 0, 0);

	dying.tid_from_set_tid_address = abi_raw_syscall(SYS_set_tid_address, (long)ctid, 0, 0, 0,
							 0, 0);
	dying.owned.word = tid | FUTEX_WAITERS;
	dying.foreign.word = (tid + 1) | FUTEX_WAITERS;
	dying.pending.word = 0; /* being released when the thread died */
	dying.head.next = &dying.owned;
	dying.owned.next = &dying.foreign;
	dying.foreign.next = (struct robust_lock *)&dying.head;
	dying.head.futex_offset = offsetof(struct robust_lock, word);
	dying.head.pending = &dying.pending;
	abi_raw_syscall(SYS_set_robust_list, (long)&dying.head, sizeof(dying.head), 0, 0, 0, 0);
	__atomic_store_n(&dying.ready, 1, __ATOMIC_SEQ_CST);
	while (!__atomic_load_n(&dying.go, __ATOMIC_SEQ_CST))
		abi_raw_syscall(SYS_futex, (long)&dying.go, FUTEX_WAIT, 0, 0, 0, 0);
	return 0;
}

static void robust_list(void)
{
	static int ctid = -1;
	struct waiter w[2];
	unsigned int owned;
	long tid;

	tid = abi_raw_clone(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD |
				    CLONE_SYSVSEM,
			    raw_stack + STACK_SIZE, NULL, NULL, 0, die_holding_locks, &ctid);
	check_true("raw thread started", tid > 0 && abi_wait_word(&dying.ready, 1));
	owned = dying.owned.word;
	start_waiter(&w[0], (int *)&dying.owned.word, 0, ~0u);
	start_waiter(&w[1], (int *)&dying.pending.word, 0, ~0u);
	check_true("robust waiters asleep", gathered((int *)&dying.owned.word, 0, 1) &&
						    gathered((int *)&dying.pending.word, 0, 1));
	__atomic_store_n(&dying.go, 1, __ATOMIC_SEQ_CST);
	futex(&dying.go, FUTEX_WAKE, 1, NULL, NULL, 0);
	while (ctid != 0)
		futex(&ctid, FUTEX_WAIT, ctid, NULL, NULL, 0);
	check_true("set_tid_address returns the tid", dying.tid_from_set_tid_address == tid);
	check_true("the tid word is cleared at exit", ctid == 0);
	check_true("its owner's death marked",
		   owned == (tid | FUTEX_WAITERS) &&
			   dying.owned.word == (FUTEX_WAITERS | FUTEX_OWNER_DIED));
	check_true("a lock it did not own untouched",
		   dying.foreign.word == ((tid + 1) | FUTEX_WAITERS));
	check_int("a pending lock it had released stays free", dying.pending.word, 0);
	check_true("the waiters of both were woken", woken_cleanly(w, 2));
}

int main(void)
{
	abi_begin("futex");
	errors();
	timeouts();
	wake_counts();
	private_and_shared();
	bitsets();
	cmp_requeue();
	wake_ops();
	futex_waitv();
	robust_list();
	return abi_end();
}
