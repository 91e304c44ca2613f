/* FUTEX_WAKE_OP's encoding: fields, sign extension, the shift flag, each operation and comparison. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <linux/futex.h>
#include "../wake_op.h"

/* As Linux's encode(), in unsigned arithmetic. */
static uint32_t encode(unsigned int op, unsigned int oparg, unsigned int cmp, unsigned int cmparg)
{
	return (op & 0xf) << 28 | (cmp & 0xf) << 24 | (oparg & 0xfff) << 12 | (cmparg & 0xfff);
}

static struct futex_op decode(uint32_t encoded)
{
	struct futex_op op;

	assert_int_equal(futex_op_decode(encoded, &op), 0);
	return op;
}

static void test_fields(void **state)
{
	struct futex_op op = decode(encode(FUTEX_OP_ADD, 0x123, FUTEX_OP_CMP_GE, 0x456));

	(void)state;
	assert_int_equal(op.op, FUTEX_OP_ADD);
	assert_int_equal(op.cmp, FUTEX_OP_CMP_GE);
	assert_int_equal(op.oparg, 0x123);
	assert_int_equal(op.cmparg, 0x456);
}

static void test_arguments_are_signed_12_bits(void **state)
{
	struct futex_op op = decode(encode(FUTEX_OP_SET, 0xfff, FUTEX_OP_CMP_EQ, 0x800));

	(void)state;
	assert_int_equal(op.oparg, -1);
	assert_int_equal(op.cmparg, -2048);
	op = decode(encode(FUTEX_OP_SET, 0x7ff, FUTEX_OP_CMP_EQ, 0x7ff));
	assert_int_equal(op.oparg, 2047);
	assert_int_equal(op.cmparg, 2047);
}

static void test_shift_flag(void **state)
{
	struct futex_op op = decode(encode(FUTEX_OP_OR | FUTEX_OP_OPARG_SHIFT, 5, 0, 0));

	(void)state;
	assert_int_equal(op.op, FUTEX_OP_OR);
	assert_int_equal(op.oparg, 1 << 5);
	/* Linux reduces an out-of-range shift modulo 32 (here -1, so 31). */
	op = decode(encode(FUTEX_OP_SET | FUTEX_OP_OPARG_SHIFT, 0xfff, 0, 0));
	assert_int_equal((uint32_t)op.oparg, 1u << 31);
	op = decode(encode(FUTEX_OP_SET | FUTEX_OP_OPARG_SHIFT, 33, 0, 0));
	assert_int_equal(op.oparg, 2);
}

static void test_operations(void **state)
{
	(void)state;
	assert_int_equal(futex_op_apply(&(struct futex_op){FUTEX_OP_SET, 0, 9, 0}, 5), 9);
	assert_int_equal(futex_op_apply(&(struct futex_op){FUTEX_OP_ADD, 0, -2, 0}, 5), 3);
	assert_int_equal(futex_op_apply(&(struct futex_op){FUTEX_OP_OR, 0, 8, 0}, 5), 13);
	assert_int_equal(futex_op_apply(&(struct futex_op){FUTEX_OP_ANDN, 0, 4, 0}, 5), 1);
	assert_int_equal(futex_op_apply(&(struct futex_op){FUTEX_OP_XOR, 0, 6, 0}, 5), 3);
	assert_int_equal(futex_op_apply(&(struct futex_op){FUTEX_OP_ADD, 0, 1, 0}, UINT32_MAX), 0);
}

static void test_unknown_operation_refused_at_decoding(void **state)
{
	struct futex_op op;

	(void)state;
	for (unsigned int code = FUTEX_OP_XOR + 1; code < 8; code++)
		assert_int_equal(futex_op_decode(encode(code, 1, 0, 0), &op), -ENOSYS);
}

static void test_comparisons_are_signed(void **state)
{
	struct futex_op op = {0, 0, 0, -1};
	static const struct {
		unsigned int cmp;
		uint32_t old;
		int want;
	} cases[] = {
		{FUTEX_OP_CMP_EQ, UINT32_MAX, 1}, {FUTEX_OP_CMP_NE, UINT32_MAX, 0},
		{FUTEX_OP_CMP_LT, 0, 0},          {FUTEX_OP_CMP_LT, (uint32_t)-2, 1},
		{FUTEX_OP_CMP_LE, UINT32_MAX, 1}, {FUTEX_OP_CMP_GT, 0, 1},
		{FUTEX_OP_CMP_GT, UINT32_MAX, 0}, {FUTEX_OP_CMP_GE, UINT32_MAX, 1},
		{FUTEX_OP_CMP_GE, (uint32_t)-2, 0},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		op.cmp = cases[i].cmp;
		assert_int_equal(futex_op_compare(&op, cases[i].old), cases[i].want);
	}
	op.cmp = 6;
	assert_int_equal(futex_op_compare(&op, 0), -ENOSYS);
	op.cmp = 15;
	assert_int_equal(futex_op_compare(&op, 0), -ENOSYS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_arguments_are_signed_12_bits),
		cmocka_unit_test(test_shift_flag),
		cmocka_unit_test(test_operations),
		cmocka_unit_test(test_unknown_operation_refused_at_decoding),
		cmocka_unit_test(test_comparisons_are_signed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
