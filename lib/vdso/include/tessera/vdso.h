/* The vDSO: Linux's shared object of clock functions, mapped into each program. */
#ifndef TESSERA_VDSO_H
#define TESSERA_VDSO_H

#include <stdint.h>

/*
 * Map the clock page and the vDSO into the current program, anywhere.
 * Returns the vDSO's ELF header address (AT_SYSINFO_EHDR) or a negative errno.
 */
long vdso_map(void);

#endif
