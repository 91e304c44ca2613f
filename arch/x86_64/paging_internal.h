/* Used only by the page-table code and its boot-time set-up. */
#ifndef ARCH_X86_64_PAGING_INTERNAL_H
#define ARCH_X86_64_PAGING_INTERNAL_H

#include <stdint.h>

/* Before the allocator exists, table pages come from this physical range. */
void pt_set_boot_pool(uintptr_t pa, uintptr_t end);
/* End of what the boot pool consumed; the rest goes back to the allocator. */
uintptr_t pt_boot_pool_used_end(void);
int pt_new_root(void);
void pt_activate(void);

#endif
