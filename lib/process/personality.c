/*
 * personality: the execution domain (always PER_LINUX here) and its flags,
 * kept per process and inherited across fork and execve.  Of the flags,
 * ADDR_NO_RANDOMIZE has an effect: the next execve lays the program out
 * without randomisation (layout.c), as setarch -R does on Linux.
 */
#include <linux/personality.h>
#include <tessera/syscall.h>
#include "proc.h"

bool process_no_randomize(void)
{
	return process_current()->inherited.personality & ADDR_NO_RANDOMIZE;
}

/* Any value is accepted, as on Linux; 0xffffffff only asks. */
SYSCALL_DEFINE1(personality, unsigned int, persona)
{
	unsigned int *p = &process_current()->inherited.personality, old = *p;

	if (persona != 0xffffffff)
		*p = persona;
	return old;
}
