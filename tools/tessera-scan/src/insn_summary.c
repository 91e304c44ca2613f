// SPDX-License-Identifier: BSD-3-Clause
#include <capstone.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "insn_summary.h"

struct reg_alias {
	x86_reg reg;
	int8_t gpr;
	bool full; /* writing it defines the whole 64-bit register */
};

/* 32-bit writes zero the upper half, so they define the register too. */
static const struct reg_alias aliases[] = {
	{X86_REG_RAX, GPR_RAX, 1},  {X86_REG_EAX, GPR_RAX, 1},	{X86_REG_AX, GPR_RAX, 0},
	{X86_REG_AL, GPR_RAX, 0},   {X86_REG_AH, GPR_RAX, 0},	{X86_REG_RCX, GPR_RCX, 1},
	{X86_REG_ECX, GPR_RCX, 1},  {X86_REG_CX, GPR_RCX, 0},	{X86_REG_CL, GPR_RCX, 0},
	{X86_REG_CH, GPR_RCX, 0},   {X86_REG_RDX, GPR_RDX, 1},	{X86_REG_EDX, GPR_RDX, 1},
	{X86_REG_DX, GPR_RDX, 0},   {X86_REG_DL, GPR_RDX, 0},	{X86_REG_DH, GPR_RDX, 0},
	{X86_REG_RBX, GPR_RBX, 1},  {X86_REG_EBX, GPR_RBX, 1},	{X86_REG_BX, GPR_RBX, 0},
	{X86_REG_BL, GPR_RBX, 0},   {X86_REG_BH, GPR_RBX, 0},	{X86_REG_RSP, GPR_RSP, 1},
	{X86_REG_ESP, GPR_RSP, 1},  {X86_REG_SP, GPR_RSP, 0},	{X86_REG_SPL, GPR_RSP, 0},
	{X86_REG_RBP, GPR_RBP, 1},  {X86_REG_EBP, GPR_RBP, 1},	{X86_REG_BP, GPR_RBP, 0},
	{X86_REG_BPL, GPR_RBP, 0},  {X86_REG_RSI, GPR_RSI, 1},	{X86_REG_ESI, GPR_RSI, 1},
	{X86_REG_SI, GPR_RSI, 0},   {X86_REG_SIL, GPR_RSI, 0},	{X86_REG_RDI, GPR_RDI, 1},
	{X86_REG_EDI, GPR_RDI, 1},  {X86_REG_DI, GPR_RDI, 0},	{X86_REG_DIL, GPR_RDI, 0},
	{X86_REG_R8, GPR_R8, 1},    {X86_REG_R8D, GPR_R8, 1},	{X86_REG_R8W, GPR_R8, 0},
	{X86_REG_R8B, GPR_R8, 0},   {X86_REG_R9, GPR_R9, 1},	{X86_REG_R9D, GPR_R9, 1},
	{X86_REG_R9W, GPR_R9, 0},   {X86_REG_R9B, GPR_R9, 0},	{X86_REG_R10, GPR_R10, 1},
	{X86_REG_R10D, GPR_R10, 1}, {X86_REG_R10W, GPR_R10, 0}, {X86_REG_R10B, GPR_R10, 0},
	{X86_REG_R11, GPR_R11, 1},  {X86_REG_R11D, GPR_R11, 1}, {X86_REG_R11W, GPR_R11, 0},
	{X86_REG_R11B, GPR_R11, 0}, {X86_REG_R12, GPR_R12, 1},	{X86_REG_R12D, GPR_R12, 1},
	{X86_REG_R12W, GPR_R12, 0}, {X86_REG_R12B, GPR_R12, 0}, {X86_REG_R13, GPR_R13, 1},
	{X86_REG_R13D, GPR_R13, 1}, {X86_REG_R13W, GPR_R13, 0}, {X86_REG_R13B, GPR_R13, 0},
	{X86_REG_R14, GPR_R14, 1},  {X86_REG_R14D, GPR_R14, 1}, {X86_REG_R14W, GPR_R14, 0},
	{X86_REG_R14B, GPR_R14, 0}, {X86_REG_R15, GPR_R15, 1},	{X86_REG_R15D, GPR_R15, 1},
	{X86_REG_R15W, GPR_R15, 0}, {X86_REG_R15B, GPR_R15, 0},
};

static const struct reg_alias *alias_of(unsigned reg)
{
	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (aliases[i].reg == reg)
			return &aliases[i];
	return NULL;
}

static uint16_t written_gprs(csh cs, const cs_insn *insn)
{
	cs_regs rd, wr;
	uint8_t nrd, nwr;
	uint16_t mask = 0;

	if (cs_regs_access(cs, insn, rd, &nrd, wr, &nwr) != CS_ERR_OK)
		return 0xffff;
	for (int i = 0; i < nwr; i++) {
		const struct reg_alias *a = alias_of(wr[i]);
		if (a)
			mask |= 1u << a->gpr;
	}
	return mask;
}

static bool rip_relative(const cs_x86_op *op)
{
	return op->type == X86_OP_MEM && op->mem.base == X86_REG_RIP && op->mem.index == 0;
}

/* "mov reg, imm", "mov reg, reg" and "xor reg, reg" with a full-width destination. */
static void note_move(const cs_insn *insn, struct insn_summary *s)
{
	const cs_x86 *x = &insn->detail->x86;
	const struct reg_alias *dst, *src;

	if (x->op_count != 2 || x->operands[0].type != X86_OP_REG)
		return;
	dst = alias_of(x->operands[0].reg);
	if (!dst || !dst->full)
		return;
	if (insn->id == X86_INS_MOV && x->operands[1].type == X86_OP_IMM) {
		s->set_reg = dst->gpr;
		s->from_imm = true;
		s->imm = x->operands[1].imm;
	} else if (insn->id == X86_INS_MOV && x->operands[1].type == X86_OP_REG) {
		src = alias_of(x->operands[1].reg);
		/* A 32-bit copy truncates; syscall numbers fit, so it is still exact. */
		if (src && src->full) {
			s->set_reg = dst->gpr;
			s->from_reg = src->gpr;
		}
	} else if (insn->id == X86_INS_XOR && x->operands[1].type == X86_OP_REG &&
		   x->operands[1].reg == x->operands[0].reg) {
		s->set_reg = dst->gpr;
		s->from_imm = true;
		s->imm = 0;
	}
}

static void note_flow(csh cs, const cs_insn *insn, struct insn_summary *s)
{
	const cs_x86 *x = &insn->detail->x86;
	bool call = cs_insn_group(cs, insn, CS_GRP_CALL);
	bool jump = cs_insn_group(cs, insn, CS_GRP_JUMP);

	if (insn->id == X86_INS_SYSCALL) {
		s->flow = FLOW_SYSCALL;
		s->writes |= 1u << GPR_RAX | 1u << GPR_RCX | 1u << GPR_R11;
	} else if ((call || jump) && x->op_count == 1 && x->operands[0].type == X86_OP_IMM) {
		s->flow = call ? FLOW_CALL : FLOW_JUMP;
		s->target = x->operands[0].imm;
	} else if ((call || jump) && x->op_count == 1 && rip_relative(&x->operands[0])) {
		s->flow = call ? FLOW_CALL_GOT : FLOW_JUMP_GOT;
		s->target = insn->address + insn->size + x->operands[0].mem.disp;
	} else if (call || jump || cs_insn_group(cs, insn, CS_GRP_RET)) {
		s->flow = FLOW_INDIRECT;
	}
}

/* Addresses taken by code: function pointers in the making. */
static void note_reference(const cs_insn *insn, struct insn_summary *s)
{
	const cs_x86 *x = &insn->detail->x86;

	if (x->op_count != 2 || x->operands[0].type != X86_OP_REG)
		return;
	if (insn->id == X86_INS_LEA && rip_relative(&x->operands[1]))
		s->ref = insn->address + insn->size + x->operands[1].mem.disp;
	else if (insn->id == X86_INS_MOV && x->operands[1].type == X86_OP_IMM)
		s->ref = x->operands[1].imm;
}

static void summarize(csh cs, const cs_insn *insn, struct insn_summary *s)
{
	*s = (struct insn_summary){
		.addr = insn->address, .set_reg = GPR_NONE, .from_reg = GPR_NONE};
	s->writes = written_gprs(cs, insn);
	note_move(insn, s);
	note_reference(insn, s);
	note_flow(cs, insn, s);
}

static struct insn_summary *find(struct code_summary *s, uint64_t addr)
{
	size_t lo = 0, hi = s->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (s->insns[mid].addr < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->n && s->insns[lo].addr == addr ? &s->insns[lo] : NULL;
}

static void mark_leaders(struct code_summary *s)
{
	for (size_t i = 0; i < s->n; i++) {
		struct insn_summary *t;

		if (s->insns[i].flow != FLOW_JUMP && s->insns[i].flow != FLOW_CALL)
			continue;
		t = find(s, s->insns[i].target);
		if (t)
			t->leader = true;
	}
}

int summarize_code(const struct code_section *sec, struct code_summary *out)
{
	const uint8_t *code = sec->bytes;
	size_t size = sec->size;
	uint64_t addr = sec->addr;
	cs_insn *insn;
	csh cs;

	memset(out, 0, sizeof(*out));
	if (cs_open(CS_ARCH_X86, CS_MODE_64, &cs) != CS_ERR_OK)
		return -1;
	cs_option(cs, CS_OPT_DETAIL, CS_OPT_ON);
	insn = cs_malloc(cs);
	while (size > 0) {
		if (!cs_disasm_iter(cs, &code, &size, &addr, insn)) {
			/* Data or padding inside code: step over one byte. */
			code++;
			size--;
			addr++;
			continue;
		}
		summarize(cs, insn, ARRAY_PUSH(out->insns, out->n));
	}
	cs_free(insn, 1);
	cs_close(&cs);
	mark_leaders(out);
	return 0;
}

void code_summary_free(struct code_summary *s)
{
	free(s->insns);
	memset(s, 0, sizeof(*s));
}
