/* This image runs a Linux-ABI program: `tessera run` then treats it like one (image_note.h). */
#include <linux/elf.h>
#include <tessera/image_note.h>

static const struct {
	Elf64_Nhdr header;
	char name[sizeof(TESSERA_NOTE_NAME)];
} runs_program __attribute__((section(".note.tessera"), aligned(4), used)) = {
	.header = {.n_namesz = sizeof(TESSERA_NOTE_NAME), .n_type = TESSERA_NOTE_RUNS_PROGRAM},
	.name = TESSERA_NOTE_NAME,
};
