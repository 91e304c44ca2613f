/* The stacks that exist before any thread: the boot stack and the exception stacks. */
#ifndef TESSERA_ARCH_STACKS_H
#define TESSERA_ARCH_STACKS_H

#include <stddef.h>

struct boot_stack {
	char *base; /* lowest usable byte; the page below is the unmapped guard */
	size_t size;
	const char *name;
};

/* Terminated by an entry whose base is NULL. */
extern const struct boot_stack boot_stacks[];

enum ist_index {
	IST_ENTRY = 1,  /* every vector enters here, then moves to the interrupted stack */
	IST_DOUBLE_FAULT = 2,
	IST_NMI_MCE = 3,
};

#endif
