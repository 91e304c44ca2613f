/*
 * Thread benchmarks, one line each: "NAME CYCLES", TSC cycles per operation
 * (a guest's clock may be coarse; the TSC is what QEMU passes through, and
 * under -icount shift=0 it counts instructions).
 *   create_join     pthread_create of a thread that returns at once, then pthread_join
 *   futex_pingpong  one round trip between two threads through a futex word:
 *                   two wake-ups, two waits, two context switches
 *   signal_roundtrip  raise (tgkill to itself) to a handler and back (rt_sigreturn)
 * Every thread is kept on CPU 0, so that a multi-CPU host measures what a
 * one-CPU guest does.  Usage: threads [ITERATIONS] (bench/threads.py)
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Linux's values (<linux/futex.h> is not in musl's headers). */
#define FUTEX_WAIT_PRIVATE 128
#define FUTEX_WAKE_PRIVATE 129

static uint64_t now(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

static void *nothing(void *arg)
{
	return arg;
}

static uint64_t create_join(int n)
{
	uint64_t start = now();
	pthread_t t;

	for (int i = 0; i < n; i++) {
		pthread_create(&t, NULL, nothing, NULL);
		pthread_join(t, NULL);
	}
	return (now() - start) / n;
}

static int word; /* 1: the partner's turn, 0: main's */
static int rounds;

static void futex_wait(int val)
{
	while (__atomic_load_n(&word, __ATOMIC_ACQUIRE) == val)
		syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, val, NULL, NULL, 0);
}

static void pass(int val)
{
	__atomic_store_n(&word, val, __ATOMIC_RELEASE);
	syscall(SYS_futex, &word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

static void *partner(void *arg)
{
	for (int i = 0; i < rounds; i++) {
		futex_wait(0);
		pass(0);
	}
	return arg;
}

static uint64_t futex_pingpong(int n)
{
	pthread_t t;
	uint64_t start;

	rounds = n;
	pthread_create(&t, NULL, partner, NULL);
	start = now();
	for (int i = 0; i < n; i++) {
		pass(1);
		futex_wait(1);
	}
	start = (now() - start) / n;
	pthread_join(t, NULL);
	return start;
}

static volatile int handled;

static void on_signal(int sig)
{
	(void)sig;
	handled++;
}

static uint64_t signal_roundtrip(int n)
{
	uint64_t start;

	signal(SIGUSR1, on_signal);
	start = now();
	for (int i = 0; i < n; i++)
		raise(SIGUSR1);
	if (handled != n)
		exit(1);
	return (now() - start) / n;
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 2000;
	cpu_set_t cpu0;

	CPU_ZERO(&cpu0);
	CPU_SET(0, &cpu0);
	sched_setaffinity(0, sizeof(cpu0), &cpu0);
	create_join(n / 10); /* warm up: stacks, pages */
	printf("create_join %llu\n", (unsigned long long)create_join(n));
	printf("futex_pingpong %llu\n", (unsigned long long)futex_pingpong(n));
	printf("signal_roundtrip %llu\n", (unsigned long long)signal_roundtrip(n));
	return 0;
}
