/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Capstone's full instruction detail is large; a code section is kept as
 * this compact summary instead: what the instruction does to control flow
 * and which general-purpose registers it sets, to what if that is known.
 */
#ifndef TS_INSN_SUMMARY_H
#define TS_INSN_SUMMARY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "elf_image.h"

/* General-purpose registers, whatever their width: rax, eax, ax, al are one. */
enum gpr {
	GPR_RAX,
	GPR_RCX,
	GPR_RDX,
	GPR_RBX,
	GPR_RSP,
	GPR_RBP,
	GPR_RSI,
	GPR_RDI,
	GPR_R8,
	GPR_R9,
	GPR_R10,
	GPR_R11,
	GPR_R12,
	GPR_R13,
	GPR_R14,
	GPR_R15,
	GPR_NONE = -1,
};

enum flow {
	FLOW_NEXT,     /* falls through to the next instruction */
	FLOW_JUMP,     /* jmp or jcc */
	FLOW_CALL,     /* call to a known address */
	FLOW_CALL_GOT, /* call through a GOT slot, as in -fno-plt code */
	FLOW_JUMP_GOT, /* jmp through a GOT slot: a PLT stub or a tail call */
	FLOW_INDIRECT, /* call, jmp or ret to a computed address */
	FLOW_SYSCALL,
};

struct insn_summary {
	uint64_t addr;
	uint64_t target; /* branch target, or GOT slot for the *_GOT flows */
	uint64_t ref;	 /* address loaded by "lea reg, [rip + x]" or "mov reg, imm" */
	uint16_t writes; /* bit per enum gpr */
	uint8_t flow;
	bool leader;	 /* a branch lands here: a basic block starts */
	int8_t set_reg;	 /* register given a full 32/64-bit value, or GPR_NONE */
	int8_t from_reg; /* ... copied from this register, or GPR_NONE */
	bool from_imm;	 /* ... or set to imm */
	int64_t imm;
};

struct code_summary {
	struct insn_summary *insns; /* in address order */
	size_t n;
};

/* Disassembles one section linearly; returns -1 if capstone is unusable. */
int summarize_code(const struct code_section *sec, struct code_summary *out);
void code_summary_free(struct code_summary *s);

#endif
