/* Where the program's pieces go, randomised unless aslr=0 (layout.c). */
#ifndef LIB_PROCESS_LAYOUT_H
#define LIB_PROCESS_LAYOUT_H

#include <stdbool.h>
#include <stdint.h>

struct process_layout {
	uintptr_t pie_base;   /* an ET_DYN program */
	uintptr_t stack_top;  /* highest address of the main stack */
	uintptr_t mmap_base;  /* mappings without an address go below */
	uintptr_t brk_offset; /* heap start past the program's end */
};

#define STACK_SIZE (8UL << 20) /* RLIMIT_STACK: reserved, touched pages only cost */

void process_layout_choose(struct process_layout *l);

#endif
