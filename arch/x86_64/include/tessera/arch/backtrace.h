/* Frame-pointer backtraces, with symbol names when the image carries them. */
#ifndef TESSERA_ARCH_BACKTRACE_H
#define TESSERA_ARCH_BACKTRACE_H

#include <stdint.h>
#include <tessera/arch/cpu.h>

/* Print "  #N 0xADDR <symbol+0xOFF>" for each frame from frame pointer fp, N from first. */
void backtrace_print(uintptr_t fp, int first);
/* Print one code address as "0xADDR <symbol+0xOFF>". */
void print_code_address(uintptr_t addr);

#endif
