/* Redirect a faulting user copy to its fix-up (see uaccess_copy.S). */
#include <stdbool.h>
#include <stdint.h>
#include <tessera/arch/trap.h>
#include <tessera/uaccess.h>

struct uaccess_fixup {
	uintptr_t fault_ip, fixup_ip;
};

extern const struct uaccess_fixup uaccess_fixups[], uaccess_fixups_end[];

unsigned int uaccess_nofault; /* one CPU for now: per-CPU with SMP */

bool uaccess_fixup(struct trap_frame *tf)
{
	for (const struct uaccess_fixup *f = uaccess_fixups; f < uaccess_fixups_end; f++) {
		if (tf->rip == f->fault_ip) {
			tf->rip = f->fixup_ip;
			return true;
		}
	}
	return false;
}
