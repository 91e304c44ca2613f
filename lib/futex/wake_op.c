/*
 * FUTEX_WAKE_OP's operation, encoded as Linux does: bits 28-30 the operation
 * (bit 31: the argument is a shift count, the operand 1 << arg), 24-27 the
 * comparison, 12-23 the operand and 0-11 the comparison's argument, both
 * 12-bit signed.  Like Linux, a shift outside 0..31 is reduced modulo 32,
 * an unknown operation fails before the word is touched, and an unknown
 * comparison only after the operation was applied.
 */
#include <errno.h>
#include <linux/futex.h>
#include "wake_op.h"

static int sign_extend_12(uint32_t v)
{
	return (int)(v << 20) >> 20;
}

int futex_op_decode(uint32_t encoded, struct futex_op *op)
{
	op->op = (encoded >> 28) & 7;
	op->cmp = (encoded >> 24) & 15;
	op->oparg = sign_extend_12(encoded >> 12 & 0xfff);
	op->cmparg = sign_extend_12(encoded & 0xfff);
	if (encoded & ((uint32_t)FUTEX_OP_OPARG_SHIFT << 28))
		op->oparg = (int)(1u << (op->oparg & 31));
	return op->op <= FUTEX_OP_XOR ? 0 : -ENOSYS;
}

uint32_t futex_op_apply(const struct futex_op *op, uint32_t old)
{
	uint32_t arg = op->oparg;

	switch (op->op) {
	case FUTEX_OP_SET:
		return arg;
	case FUTEX_OP_ADD:
		return old + arg;
	case FUTEX_OP_OR:
		return old | arg;
	case FUTEX_OP_ANDN:
		return old & ~arg;
	default: /* FUTEX_OP_XOR: futex_op_decode refused the rest */
		return old ^ arg;
	}
}

int futex_op_compare(const struct futex_op *op, uint32_t old)
{
	int v = (int)old;

	switch (op->cmp) {
	case FUTEX_OP_CMP_EQ:
		return v == op->cmparg;
	case FUTEX_OP_CMP_NE:
		return v != op->cmparg;
	case FUTEX_OP_CMP_LT:
		return v < op->cmparg;
	case FUTEX_OP_CMP_LE:
		return v <= op->cmparg;
	case FUTEX_OP_CMP_GT:
		return v > op->cmparg;
	case FUTEX_OP_CMP_GE:
		return v >= op->cmparg;
	default:
		return -ENOSYS;
	}
}
