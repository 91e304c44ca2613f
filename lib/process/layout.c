/*
 * Address-space randomisation, with Linux's entropy on x86_64: 28 bits of
 * pages for the PIE base (1 TiB) and the mmap base, 22 bits for the stack
 * top (16 GiB), 13 bits for the heap start (32 MiB).  The kernel option
 * aslr=0 turns it off (fixed addresses, as Linux with randomize_va_space=0),
 * and so does personality(ADDR_NO_RANDOMIZE) for the process's next program.
 */
#include <string.h>
#include <tessera/boot.h>
#include <tessera/random.h>
#include "layout.h"
#include "proc.h"

#define PAGE_SHIFT 12
#define PIE_BASE     0x555555554000UL /* Linux's ELF_ET_DYN_BASE for 47-bit spaces */
#define STACK_TOP    0x7ffffffff000UL
#define STACK_GAP    (128UL << 20) /* between the stack and the mmap area */

static bool aslr = true;

static int set_aslr(const char *value)
{
	aslr = !value || strcmp(value, "0");
	return 0;
}
KERNEL_PARAM("aslr", set_aslr, "aslr=0 loads programs at fixed addresses");

static uintptr_t random_pages(unsigned int bits)
{
	return aslr && !process_no_randomize() ? (random_u64() & ((1UL << bits) - 1)) << PAGE_SHIFT : 0;
}

void process_layout_choose(struct process_layout *l)
{
	l->pie_base = PIE_BASE + random_pages(28);
	l->stack_top = STACK_TOP - random_pages(22);
	l->mmap_base = l->stack_top - STACK_SIZE - STACK_GAP - random_pages(28);
	l->brk_offset = random_pages(13);
}
