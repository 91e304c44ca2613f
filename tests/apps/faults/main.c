/*
 * Each argument triggers one fault that Tessera must catch and report:
 * the security features (stack protector, W^X, guard pages) and the crash
 * report (backtrace naming the faulting function).  "sse" checks the
 * opposite: vector code compiled with gcc's defaults just works.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <tessera/sched.h>

/* Not inlined, so that backtraces name them. */
#define NOINLINE __attribute__((noinline))

static volatile int index_past_end = 40;

NOINLINE static void smash_stack(void)
{
	char buf[16];

	for (int i = 0; i < index_past_end; i++)
		buf[i] = 'A';
	__asm__ __volatile__("" ::"r"(buf) : "memory");
}

NOINLINE static void write_text(void)
{
	*(volatile uint8_t *)(uintptr_t)write_text = 0xc3;
}

static const char message[] = "read-only";

NOINLINE static void write_rodata(void)
{
	*(volatile char *)message = 'X';
}

static uint8_t data_code[16] = {0xc3}; /* ret */

NOINLINE static void execute_data(void)
{
	((void (*)(void))(uintptr_t)data_code)();
	__asm__ __volatile__(""); /* not a tail call: keep this frame */
}

static volatile int recursion_limit = 1 << 30;

NOINLINE static int recurse_forever(int depth)
{
	volatile char frame[512];

	frame[0] = (char)depth;
	if (depth == recursion_limit)
		return 0;
	return recurse_forever(depth + 1) + frame[0];
}

static volatile uintptr_t bad_address = 16;

NOINLINE static void crash_in_named_function(void)
{
	*(volatile int *)bad_address = 1;
}

static void overflow_in_thread(void *arg)
{
	(void)arg;
	recurse_forever(0);
}

NOINLINE static int vector_math(void)
{
	volatile double x[8];
	double sum = 0;

	for (int i = 0; i < 8; i++)
		x[i] = i * 1.5;
	for (int i = 0; i < 8; i++)
		sum += x[i] * x[i];
	return (int)sum; /* 2.25 * (0+1+4+...+49) = 315 */
}

int main(int argc, char *argv[])
{
	const char *what = argc > 1 ? argv[1] : "";

	if (!strcmp(what, "smash"))
		smash_stack();
	else if (!strcmp(what, "write-text"))
		write_text();
	else if (!strcmp(what, "write-rodata"))
		write_rodata();
	else if (!strcmp(what, "exec-data"))
		execute_data();
	else if (!strcmp(what, "overflow"))
		recurse_forever(0);
	else if (!strcmp(what, "thread-overflow"))
		thread_join(thread_create("overflower", overflow_in_thread, NULL, 16384));
	else if (!strcmp(what, "null"))
		crash_in_named_function();
	else if (!strcmp(what, "sse"))
		return printf("sse: %d\n", vector_math()) < 0;
	else
		fprintf(stderr, "usage: faults smash|write-text|write-rodata|exec-data|overflow|"
				"thread-overflow|null|sse\n");
	printf("%s: no fault\n", what);
	return 1;
}
