/* FUTEX_WAKE_OP's encoded operation (val3), decoded and applied; portable. */
#ifndef LIB_FUTEX_WAKE_OP_H
#define LIB_FUTEX_WAKE_OP_H

#include <stdint.h>

struct futex_op {
	unsigned int op;  /* FUTEX_OP_SET, ADD, OR, ANDN, XOR */
	unsigned int cmp; /* FUTEX_OP_CMP_EQ, NE, LT, LE, GT, GE */
	int oparg, cmparg;
};

/* 0, or -ENOSYS for an operation Linux does not know (checked before memory is touched). */
int futex_op_decode(uint32_t encoded, struct futex_op *op);
/* The word's new value. */
uint32_t futex_op_apply(const struct futex_op *op, uint32_t old);
/* 1 if the old value passes the comparison, 0 if not, -ENOSYS for an unknown comparison. */
int futex_op_compare(const struct futex_op *op, uint32_t old);

#endif
