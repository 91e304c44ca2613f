/*
 * What kind of executable the target of `tessera run` is: a Tessera image
 * (an x86_64 ELF with the PVH note QEMU boots), possibly one that runs a
 * Linux-ABI program (Tessera's own note), or a Linux program, which runs
 * under the ELF-loader image from a generated root file system.
 */
#include <elf.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <tessera/image_note.h>
#include <unistd.h>
#include "vm.h"

#define XEN_ELFNOTE_PHYS32_ENTRY 18
#define MAX_PHDRS 64

static bool read_at(int fd, void *buf, size_t len, off_t off)
{
	return pread(fd, buf, len, off) == (ssize_t)len;
}

/* Does the PT_NOTE segment at ph hold the note named name (with its NUL) of type type? */
static bool has_note(int fd, const Elf64_Phdr *ph, const char *name, unsigned int type)
{
	char notes[4096];
	size_t len = ph->p_filesz < sizeof(notes) ? ph->p_filesz : sizeof(notes);

	if (!read_at(fd, notes, len, ph->p_offset))
		return false;
	for (size_t off = 0; off + sizeof(Elf64_Nhdr) <= len;) {
		const Elf64_Nhdr *n = (const Elf64_Nhdr *)(notes + off);
		const char *note_name = notes + off + sizeof(*n);

		if (n->n_type == type && n->n_namesz == strlen(name) + 1 &&
		    off + sizeof(*n) + n->n_namesz <= len && !memcmp(note_name, name, n->n_namesz))
			return true;
		off += sizeof(*n) + ((n->n_namesz + 3) & ~3u) + ((n->n_descsz + 3) & ~3u);
	}
	return false;
}

enum vm_image_kind vm_image_kind(const char *path)
{
	Elf64_Ehdr eh;
	Elf64_Phdr ph[MAX_PHDRS];
	enum vm_image_kind kind = VM_IMAGE_NOT_ELF;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return VM_IMAGE_UNREADABLE;
	if (!read_at(fd, &eh, sizeof(eh), 0) || memcmp(eh.e_ident, ELFMAG, SELFMAG))
		goto out;
	kind = VM_IMAGE_FOREIGN_ELF;
	if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_machine != EM_X86_64 ||
	    eh.e_phentsize != sizeof(Elf64_Phdr) || eh.e_phnum > MAX_PHDRS ||
	    !read_at(fd, ph, eh.e_phnum * sizeof(Elf64_Phdr), eh.e_phoff))
		goto out;
	kind = VM_IMAGE_LINUX_PROGRAM;
	for (int i = 0; i < eh.e_phnum; i++) {
		if (ph[i].p_type == PT_NOTE && has_note(fd, &ph[i], "Xen", XEN_ELFNOTE_PHYS32_ENTRY)) {
			kind = has_note(fd, &ph[i], TESSERA_NOTE_NAME, TESSERA_NOTE_RUNS_PROGRAM)
				       ? VM_IMAGE_TESSERA_PROGRAM
				       : VM_IMAGE_TESSERA;
			break;
		}
	}
out:
	close(fd);
	return kind;
}
