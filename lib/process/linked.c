/*
 * The program linked into the image (a C library and an application built
 * against it): its code and data are already in place, so there is nothing
 * to map, only the program headers a C library reads through AT_PHDR to
 * find its thread-local storage template, which the linker script marks.
 */
#include <linux/elf.h>
#include "elf.h"

extern char _text[], _etext[], _data[], _edata[];
extern char __tls_start[], __tls_filesz[], __tls_memsz[], __tls_align[];

/* PT_PHDR says where the headers are, so that a C library computes a zero load bias. */
static Elf64_Phdr phdrs[3];

void elf_linked_image(uintptr_t entry, uintptr_t heap_base, struct elf_image *out)
{
	unsigned int n = 0;

	phdrs[n++] = (Elf64_Phdr){.p_type = PT_PHDR, .p_flags = PF_R,
				  .p_vaddr = (uintptr_t)phdrs, .p_memsz = sizeof(phdrs)};
	if ((uintptr_t)__tls_memsz) {
		phdrs[n++] = (Elf64_Phdr){.p_type = PT_TLS, .p_flags = PF_R,
					  .p_vaddr = (uintptr_t)__tls_start,
					  .p_filesz = (uintptr_t)__tls_filesz,
					  .p_memsz = (uintptr_t)__tls_memsz,
					  .p_align = (uintptr_t)__tls_align};
	}
	phdrs[n++] = (Elf64_Phdr){.p_type = PT_GNU_STACK, .p_flags = PF_R | PF_W};
	*out = (struct elf_image){
		.entry = entry,
		.phdr = (uintptr_t)phdrs,
		.phnum = n,
		.end = heap_base,
		.start_code = (uintptr_t)_text,
		.end_code = (uintptr_t)_etext,
		.start_data = (uintptr_t)_data,
		.end_data = (uintptr_t)_edata,
	};
}
