// SPDX-License-Identifier: MIT
/*
 * Threads: pthreads through the C library (create/join/detach, return
 * values, thread-local storage, mutexes, condition variables, barriers,
 * robust mutexes, a thread spinning without syscalls next to others that
 * must still run), and the kernel underneath through raw clone and clone3:
 * thread ids and the pid, CLONE_SETTLS, CLONE_PARENT_SETTID,
 * CLONE_CHILD_SETTID, CLONE_CHILD_CLEARTID (cleared and woken at exit),
 * per-thread settings (name, scheduling, affinity, robust list), the flag
 * checks of clone and clone3, exit of one thread against exit_group (which
 * ends threads blocked in a futex, a pipe read, poll, epoll_wait, a
 * sleep, accept, recv on TCP and AF_UNIX sockets), the process's status when the leader exits first, execve from a
 * thread, and posix_spawn from a process with threads.  Every result printed is the
 * same whatever order the threads ran in.
 */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "abi.h"

#define NR_WORKERS   8
#define INCREMENTS   2000
#define ITEMS        500
#define QUEUE_SLOTS  4
#define STACK_SIZE   (64 * 1024)

/* Linux's ABI values, which musl's headers do not all have. */
#define FUTEX_WAIT      0
#define FUTEX_WAKE      1
#define FUTEX_PRIVATE   128
#define CLONE_THREAD_FLAGS                                                                     \
	(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM)
#define CLONE_CLEAR_SIGHAND_FLAG 0x100000000ULL

extern char **environ;

static __thread int tls_initialised = 42;
static __thread long tls_zeroed;

/* --- pthreads through the C library --------------------------------------- */

static void *square(void *arg)
{
	long n = (long)arg;

	tls_initialised += (int)n; /* each thread its own copy, from the initial value */
	tls_zeroed += n;
	if (tls_initialised != 42 + n || tls_zeroed != n)
		return (void *)-1L;
	return (void *)(n * n);
}

static int tid_is_own;

static void *tid_checker(void *arg)
{
	(void)arg;
	tid_is_own = syscall(SYS_gettid) != getpid();
	return (void *)(long)getpid();
}

static void create_and_join(void)
{
	pthread_t t[NR_WORKERS];
	long sum = 0, expect = 0, ok = 1;
	void *ret;

	tls_initialised = 7;
	for (long i = 0; i < NR_WORKERS; i++)
		ok &= pthread_create(&t[i], NULL, square, (void *)(i + 1)) == 0;
	check_true("pthread_create", ok);
	for (long i = 0; i < NR_WORKERS; i++) {
		ok &= pthread_join(t[i], &ret) == 0;
		sum += (long)ret;
		expect += (i + 1) * (i + 1);
	}
	check_true("pthread_join", ok);
	check_int("thread return values", sum, expect);
	check_int("TLS of the main thread kept", tls_initialised, 7);
	check_int("bss TLS of the main thread kept", tls_zeroed, 0);

	pthread_create(&t[0], NULL, tid_checker, NULL);
	pthread_join(t[0], &ret);
	check_true("getpid is the same in a thread", (long)ret == getpid());
	check_true("gettid differs in a thread", tid_is_own);
	check_true("gettid is the pid in the main thread", syscall(SYS_gettid) == getpid());
}

static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *incrementer(void *arg)
{
	(void)arg;
	for (int i = 0; i < INCREMENTS; i++) {
		pthread_mutex_lock(&counter_lock);
		long seen = counter;

		if (i % 64 == 0)
			sched_yield(); /* others run, and must wait for the mutex */
		counter = seen + 1;
		pthread_mutex_unlock(&counter_lock);
	}
	return NULL;
}

static void mutexes(void)
{
	pthread_t t[NR_WORKERS];

	for (int i = 0; i < NR_WORKERS; i++)
		pthread_create(&t[i], NULL, incrementer, NULL);
	for (int i = 0; i < NR_WORKERS; i++)
		pthread_join(t[i], NULL);
	check_int("mutex-guarded counter", counter, (long)NR_WORKERS * INCREMENTS);
	check_int("trylock of a free mutex", pthread_mutex_trylock(&counter_lock), 0);
	check_int("trylock of a held mutex", pthread_mutex_trylock(&counter_lock), EBUSY);
	pthread_mutex_unlock(&counter_lock);
}

/* A bounded queue with two condition variables. */
static struct {
	pthread_mutex_t lock;
	pthread_cond_t not_full, not_empty;
	int items[QUEUE_SLOTS];
	int head, len;
} queue = {.lock = PTHREAD_MUTEX_INITIALIZER,
	   .not_full = PTHREAD_COND_INITIALIZER,
	   .not_empty = PTHREAD_COND_INITIALIZER};

static void *producer(void *arg)
{
	(void)arg;
	for (int i = 1; i <= ITEMS; i++) {
		pthread_mutex_lock(&queue.lock);
		while (queue.len == QUEUE_SLOTS)
			pthread_cond_wait(&queue.not_full, &queue.lock);
		queue.items[(queue.head + queue.len++) % QUEUE_SLOTS] = i;
		pthread_cond_signal(&queue.not_empty);
		pthread_mutex_unlock(&queue.lock);
	}
	return NULL;
}

static void *consumer(void *arg)
{
	long sum = 0;

	(void)arg;
	for (int i = 0; i < ITEMS; i++) {
		pthread_mutex_lock(&queue.lock);
		while (queue.len == 0)
			pthread_cond_wait(&queue.not_empty, &queue.lock);
		sum += queue.items[queue.head];
		queue.head = (queue.head + 1) % QUEUE_SLOTS;
		queue.len--;
		pthread_cond_signal(&queue.not_full);
		pthread_mutex_unlock(&queue.lock);
	}
	return (void *)sum;
}

static void condition_variables(void)
{
	pthread_t p[2], c[2];
	void *r0, *r1;
	struct timespec past = {0, 0};
	int timed;

	for (int i = 0; i < 2; i++) {
		pthread_create(&c[i], NULL, consumer, NULL);
		pthread_create(&p[i], NULL, producer, NULL);
	}
	for (int i = 0; i < 2; i++)
		pthread_join(p[i], NULL);
	pthread_join(c[0], &r0);
	pthread_join(c[1], &r1);
	check_int("producers/consumers sum", (long)r0 + (long)r1, 2L * ITEMS * (ITEMS + 1) / 2);
	pthread_mutex_lock(&queue.lock);
	timed = pthread_cond_timedwait(&queue.not_empty, &queue.lock, &past);
	pthread_mutex_unlock(&queue.lock);
	check_int("pthread_cond_timedwait in the past", timed, ETIMEDOUT);
}

static pthread_barrier_t barrier;
static int phase_counts[3];

static void *barrier_worker(void *arg)
{
	int serial = 0;

	(void)arg;
	for (int phase = 0; phase < 3; phase++) {
		__atomic_fetch_add(&phase_counts[phase], 1, __ATOMIC_SEQ_CST);
		if (pthread_barrier_wait(&barrier) == PTHREAD_BARRIER_SERIAL_THREAD)
			serial++;
		/* Everyone arrived before anyone went on. */
		if (__atomic_load_n(&phase_counts[phase], __ATOMIC_SEQ_CST) != NR_WORKERS)
			return (void *)-100L;
	}
	return (void *)(long)serial;
}

static void barriers(void)
{
	pthread_t t[NR_WORKERS];
	long serials = 0;
	void *r;

	pthread_barrier_init(&barrier, NULL, NR_WORKERS);
	for (int i = 0; i < NR_WORKERS; i++)
		pthread_create(&t[i], NULL, barrier_worker, NULL);
	for (int i = 0; i < NR_WORKERS; i++) {
		pthread_join(t[i], &r);
		serials += (long)r;
	}
	pthread_barrier_destroy(&barrier);
	check_int("barrier: one serial thread per phase, none early", serials, 3);
}

static pthread_mutex_t robust;

static void *die_holding(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&robust);
	return NULL; /* ends without unlocking */
}

static void robust_mutexes(void)
{
	pthread_mutexattr_t a;
	pthread_t t;

	pthread_mutexattr_init(&a);
	pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
	pthread_mutex_init(&robust, &a);
	pthread_create(&t, NULL, die_holding, NULL);
	pthread_join(t, NULL);
	check_int("robust mutex: owner died", pthread_mutex_lock(&robust), EOWNERDEAD);
	check_int("robust mutex made consistent", pthread_mutex_consistent(&robust), 0);
	pthread_mutex_unlock(&robust);
	check_int("robust mutex usable again", pthread_mutex_lock(&robust), 0);
	pthread_mutex_unlock(&robust);
}

static volatile int stop_spinning;
static volatile long spins;

static void *spinner(void *arg)
{
	(void)arg;
	while (!stop_spinning)
		spins++; /* no syscall: only a timer can take the CPU away */
	return NULL;
}

static void *sleeper(void *arg)
{
	struct timespec ms = {0, 2000000};

	(void)arg;
	for (int i = 0; i < 5; i++)
		nanosleep(&ms, NULL);
	return (void *)1L;
}

/* Started before the others, a spinning thread must not keep them (or main) from running. */
static void spinning_thread(void)
{
	pthread_t spin, sleepers[2];
	void *r0, *r1;

	pthread_create(&spin, NULL, spinner, NULL);
	pthread_create(&sleepers[0], NULL, sleeper, NULL);
	pthread_create(&sleepers[1], NULL, sleeper, NULL);
	pthread_join(sleepers[0], &r0);
	pthread_join(sleepers[1], &r1);
	stop_spinning = 1;
	pthread_join(spin, NULL);
	check_true("threads run beside a spinning one", (long)r0 + (long)r1 == 2);
	check_true("the spinning thread ran", spins > 0);
}

static volatile int detached_done;

static void *detached(void *arg)
{
	(void)arg;
	__atomic_store_n(&detached_done, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

static void detached_thread(void)
{
	pthread_t t;

	check_int("pthread_create detached", pthread_create(&t, NULL, detached, NULL), 0);
	check_int("pthread_detach", pthread_detach(t), 0);
	check_true("detached thread ran", abi_wait_word(&detached_done, 1));
}

/* --- per-thread settings --------------------------------------------------- */

static struct {
	volatile int tid, checked;
	char name[16];
	void *robust_seen;
} settings;

static void *named_worker(void *arg)
{
	static struct { void *next; long offset; void *pending; } list = {&list, 0, NULL};
	void *old = NULL;
	size_t len;

	(void)arg;
	prctl(PR_SET_NAME, "worker");
	prctl(PR_GET_NAME, settings.name);
	syscall(SYS_get_robust_list, 0, &old, &len);
	syscall(SYS_set_robust_list, &list, sizeof(list));
	settings.robust_seen = &list;
	__atomic_store_n(&settings.tid, (int)syscall(SYS_gettid), __ATOMIC_SEQ_CST);
	abi_wait_word(&settings.checked, 1);
	syscall(SYS_set_robust_list, old, sizeof(list));
	return NULL;
}

static void per_thread_settings(void)
{
	struct sched_param zero = {0};
	char main_name[16] = "";
	unsigned long mask = 0;
	void *head = NULL;
	size_t len = 0;
	pthread_t t;
	int tid;

	pthread_create(&t, NULL, named_worker, NULL);
	while (!(tid = __atomic_load_n(&settings.tid, __ATOMIC_SEQ_CST)))
		sched_yield();
	prctl(PR_GET_NAME, main_name);
	check_str("thread name set in the thread", settings.name, "worker");
	check_true("thread name is per thread", strcmp(main_name, "worker") != 0);
	check_ok("get_robust_list of another thread", syscall(SYS_get_robust_list, tid, &head, &len));
	check_true("get_robust_list of another thread is its own", head == settings.robust_seen);
	check_ok("sched_setscheduler of a thread", syscall(SYS_sched_setscheduler, tid, SCHED_BATCH,
							     &zero));
	check_int("sched_getscheduler of that thread", syscall(SYS_sched_getscheduler, tid),
		  SCHED_BATCH);
	check_int("sched_getscheduler of the main thread", syscall(SYS_sched_getscheduler, 0),
		  SCHED_OTHER);
	check_int("sched_getaffinity of a thread",
		  syscall(SYS_sched_getaffinity, tid, sizeof(mask), &mask) > 0, 1);
	check_true("its mask has a CPU", mask != 0);
	check_ok("sched_setaffinity of a thread",
		 syscall(SYS_sched_setaffinity, tid, sizeof(mask), &mask));
	__atomic_store_n(&settings.checked, 1, __ATOMIC_SEQ_CST);
	pthread_join(t, NULL);
}

/* --- raw clone and clone3 -------------------------------------------------- */

static char raw_stack[STACK_SIZE] __attribute__((aligned(16)));
static unsigned long raw_tls_block[64] __attribute__((aligned(64)));

static struct {
	long tid, pid, ctid_at_start;
	unsigned long fs;
} raw_seen;

#define ARCH_GET_FS 0x1003

static long raw_child(void *arg)
{
	unsigned long fs = 0;

	abi_raw_syscall(SYS_arch_prctl, ARCH_GET_FS, (long)&fs, 0, 0, 0, 0);
	raw_seen.fs = fs;
	raw_seen.tid = abi_raw_syscall(SYS_gettid, 0, 0, 0, 0, 0, 0);
	raw_seen.pid = abi_raw_syscall(SYS_getpid, 0, 0, 0, 0, 0, 0);
	raw_seen.ctid_at_start = *(volatile int *)arg;
	return 0;
}

/* The clear-child-tid word: 0 once the thread has gone, with a (shared) futex wake-up. */
static void wait_cleared(volatile int *ctid)
{
	int v;

	while ((v = *ctid) != 0)
		syscall(SYS_futex, ctid, FUTEX_WAIT, v, NULL, NULL, 0);
}

static void raw_clone(void)
{
	static int ptid, ctid;
	long tid;

	ptid = 0;
	ctid = -1;
	tid = abi_raw_clone(CLONE_THREAD_FLAGS | CLONE_SETTLS | CLONE_PARENT_SETTID |
				    CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID,
			    raw_stack + STACK_SIZE, &ptid, &ctid, (unsigned long)raw_tls_block,
			    raw_child, &ctid);
	check_true("raw clone of a thread", tid > 0);
	check_true("CLONE_PARENT_SETTID", ptid == tid);
	wait_cleared(&ctid);
	check_true("CLONE_CHILD_CLEARTID cleared and woke", ctid == 0);
	check_true("CLONE_CHILD_SETTID", raw_seen.ctid_at_start == tid);
	check_true("thread's gettid is clone's result", raw_seen.tid == tid);
	check_true("thread's getpid is the process's", raw_seen.pid == getpid());
	check_true("CLONE_SETTLS sets the FS base", raw_seen.fs == (unsigned long)raw_tls_block);
}

static void raw_clone3(void)
{
	static int ptid, ctid;
	struct abi_clone_args a = {
		.flags = CLONE_THREAD_FLAGS | CLONE_SETTLS | CLONE_PARENT_SETTID |
			 CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID,
		.child_tid = (uintptr_t)&ctid,
		.parent_tid = (uintptr_t)&ptid,
		.stack = (uintptr_t)raw_stack,
		.stack_size = STACK_SIZE,
		.tls = (uintptr_t)raw_tls_block + 64,
	};
	long tid;

	ptid = 0;
	ctid = -1;
	tid = abi_raw_clone3(&a, raw_child, &ctid);
	check_true("raw clone3 of a thread", tid > 0);
	check_true("clone3 parent_tid", ptid == tid);
	wait_cleared(&ctid);
	check_true("clone3 child_tid cleared", ctid == 0);
	check_true("clone3 thread's gettid", raw_seen.tid == tid);
	check_true("clone3 tls", raw_seen.fs == (uintptr_t)raw_tls_block + 64);
}

static long clone3_with(struct abi_clone_args a, size_t size)
{
	return syscall(SYS_clone3, &a, size);
}

static void clone_refusals(void)
{
	struct abi_clone_args thread = {.flags = CLONE_THREAD_FLAGS, .stack = (uintptr_t)raw_stack,
					.stack_size = STACK_SIZE};
	struct abi_clone_args a;
	unsigned char big[128] = {0};

	check_errno("clone CLONE_THREAD without CLONE_SIGHAND",
		    syscall(SYS_clone, CLONE_VM | CLONE_THREAD, raw_stack + STACK_SIZE, 0, 0, 0),
		    EINVAL);
	check_errno("clone CLONE_SIGHAND without CLONE_VM",
		    syscall(SYS_clone, CLONE_SIGHAND, raw_stack + STACK_SIZE, 0, 0, 0), EINVAL);
	check_errno("clone3 size 0", clone3_with(thread, 0), EINVAL);
	check_errno("clone3 size below the first version", clone3_with(thread, 63), EINVAL);
	check_errno("clone3 size over a page", syscall(SYS_clone3, big, 4097), E2BIG);
	memcpy(big, &thread, sizeof(thread));
	big[100] = 1;
	check_errno("clone3 unknown non-zero fields", syscall(SYS_clone3, big, sizeof(big)), E2BIG);
	a = thread;
	a.flags &= ~CLONE_SIGHAND;
	check_errno("clone3 CLONE_THREAD without CLONE_SIGHAND", clone3_with(a, sizeof(a)), EINVAL);
	a = thread;
	a.stack_size = 0;
	check_errno("clone3 stack without a size", clone3_with(a, sizeof(a)), EINVAL);
	a = thread;
	a.exit_signal = SIGCHLD;
	check_errno("clone3 thread with an exit signal", clone3_with(a, sizeof(a)), EINVAL);
	a = thread;
	a.flags |= 1ULL << 40;
	check_errno("clone3 unknown flag", clone3_with(a, sizeof(a)), EINVAL);
	a = thread;
	a.flags = CLONE_VM;
	a.exit_signal = 65;
	check_errno("clone3 bad exit signal", clone3_with(a, sizeof(a)), EINVAL);
	a = thread;
	a.flags |= CLONE_CLEAR_SIGHAND_FLAG;
	check_errno("clone3 CLONE_SIGHAND with CLONE_CLEAR_SIGHAND", clone3_with(a, sizeof(a)),
		    EINVAL);
}

/* --- how a process with threads ends -------------------------------------- */

static int word_never_woken;

static void *waits_forever(void *arg)
{
	(void)arg;
	syscall(SYS_futex, &word_never_woken, FUTEX_WAIT | FUTEX_PRIVATE, 0, NULL,
		NULL, 0);
	return NULL;
}

static void *sleeps_long(void *arg)
{
	struct timespec long_time = {30, 0};

	(void)arg;
	nanosleep(&long_time, NULL);
	return NULL;
}

static void *spins_forever(void *arg)
{
	(void)arg;
	for (;;)
		spins++;
	return NULL;
}

static void *ends_the_group(void *arg)
{
	struct timespec ms = {0, 5000000};

	(void)arg;
	nanosleep(&ms, NULL);
	syscall(SYS_exit_group, 42);
	return NULL;
}

static int never_written[2];

static void *reads_forever(void *arg)
{
	char c;

	(void)arg;
	read(never_written[0], &c, 1);
	return NULL;
}

static void *polls_forever(void *arg)
{
	struct pollfd p = {.fd = never_written[0], .events = POLLIN};

	(void)arg;
	poll(&p, 1, -1);
	return NULL;
}

static void *epoll_waits_forever(void *arg)
{
	struct epoll_event ev = {.events = EPOLLIN};
	int ep = epoll_create1(0);

	(void)arg;
	epoll_ctl(ep, EPOLL_CTL_ADD, never_written[0], &ev);
	epoll_wait(ep, &ev, 1, -1);
	return NULL;
}

static void *accepts_forever(void *arg)
{
	accept((int)(long)arg, NULL, NULL);
	return NULL;
}

static void *receives_forever(void *arg)
{
	char c;

	recv((int)(long)arg, &c, 1, 0);
	return NULL;
}

static int loopback_listener(void)
{
	struct sockaddr_in a = abi_loopback(0);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	bind(fd, (struct sockaddr *)&a, sizeof(a));
	listen(fd, 4);
	return fd;
}

/* Sockets nobody connects to or writes: a TCP listener, a TCP connection, an AF_UNIX pair. */
static void quiet_sockets(int *listening, int *connected, int *unix_end)
{
	struct sockaddr_in a = abi_loopback(abi_port_of(loopback_listener()));
	int unix_pair[2];

	*listening = loopback_listener();
	*connected = socket(AF_INET, SOCK_STREAM, 0);
	connect(*connected, (struct sockaddr *)&a, sizeof(a));
	socketpair(AF_UNIX, SOCK_STREAM, 0, unix_pair);
	*unix_end = unix_pair[0];
}

/*
 * Threads waiting, reading, polling, sleeping, spinning, accepting and
 * receiving: exit_group in another ends them all.
 */
static void group_exit_body(void)
{
	int listening, connected, unix_end;
	pthread_t t;

	if (pipe(never_written))
		return;
	quiet_sockets(&listening, &connected, &unix_end);
	pthread_create(&t, NULL, accepts_forever, (void *)(long)listening);
	pthread_create(&t, NULL, receives_forever, (void *)(long)connected);
	pthread_create(&t, NULL, receives_forever, (void *)(long)unix_end);
	pthread_create(&t, NULL, reads_forever, NULL);
	pthread_create(&t, NULL, polls_forever, NULL);
	pthread_create(&t, NULL, epoll_waits_forever, NULL);
	pthread_create(&t, NULL, waits_forever, NULL);
	pthread_create(&t, NULL, sleeps_long, NULL);
	pthread_create(&t, NULL, spins_forever, NULL);
	pthread_create(&t, NULL, ends_the_group, NULL);
	waits_forever(NULL);
}

static void *exits_later(void *arg)
{
	struct timespec ms = {0, 20000000};

	(void)arg;
	nanosleep(&ms, NULL);
	syscall(SYS_exit, 5);
	return NULL;
}

/* The leader exits (the thread only) first: the process ends with the last thread's status. */
static void leader_first_body(void)
{
	pthread_t t;

	pthread_create(&t, NULL, exits_later, NULL);
	syscall(SYS_exit, 3);
}

static void *execs_itself(void *arg)
{
	char *args[] = {"threads", "exec-child", NULL};

	(void)arg;
	execve("/proc/self/exe", args, environ);
	return NULL;
}

/* execve in a thread ends the others; the thread goes on as the process's leader. */
static void exec_body(void)
{
	pthread_t t;

	pthread_create(&t, NULL, execs_itself, NULL);
	waits_forever(NULL);
}

/* body() in a forked child: the child's exit status, or -1. */
static int child_status(void (*body)(void))
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		body();
		_exit(99);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static void process_ends(void)
{
	check_int("exit_group from a thread ends every thread", child_status(group_exit_body), 42);
	check_int("the last thread's status when the leader exits first",
		  child_status(leader_first_body), 5);
	check_int("execve from a thread: it leads the process", child_status(exec_body), 11);
}

static int spawn_word;

static void *spawn_waiter(void *arg)
{
	(void)arg;
	while (!__atomic_load_n(&spawn_word, __ATOMIC_SEQ_CST))
		syscall(SYS_futex, &spawn_word, FUTEX_WAIT | FUTEX_PRIVATE, 0, NULL, NULL, 0);
	return (void *)1L;
}

static void spawn_with_threads(void)
{
	char *args[] = {"threads", "spawn-child", NULL};
	int status = -1;
	void *r = NULL;
	pthread_t t;
	pid_t pid;

	pthread_create(&t, NULL, spawn_waiter, NULL);
	check_int("posix_spawn from a process with threads",
		  posix_spawn(&pid, "/proc/self/exe", NULL, NULL, args, environ), 0);
	check_true("the spawned program's status",
		   waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 7);
	__atomic_store_n(&spawn_word, 1, __ATOMIC_SEQ_CST);
	syscall(SYS_futex, &spawn_word, FUTEX_WAKE | FUTEX_PRIVATE, INT_MAX, NULL, NULL, 0);
	pthread_join(t, &r);
	check_true("the other thread goes on after the spawn", r == (void *)1L);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "exec-child"))
		return syscall(SYS_gettid) == getpid() ? 11 : 12;
	if (argc > 1 && !strcmp(argv[1], "spawn-child"))
		return 7;
	abi_begin("threads");
	process_ends();
	create_and_join();
	mutexes();
	condition_variables();
	barriers();
	robust_mutexes();
	spinning_thread();
	per_thread_settings();
	raw_clone();
	raw_clone3();
	clone_refusals();
	spawn_with_threads();
	detached_thread();
	return abi_end();
}
