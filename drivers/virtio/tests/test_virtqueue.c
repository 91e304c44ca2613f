/*
 * The split virtqueue's ring logic, against a simulated device that takes
 * chains from the available ring and returns them on the used ring.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <tessera/arch/layout.h>
#include <tessera/virtqueue.h>

#define NUM 8

static struct virtqueue *vq;
static uint16_t device_seen; /* the device's position in the available ring */
static char buffers[4][64];

static int setup(void **state)
{
	size_t size = virtqueue_ring_size(NUM);
	void *ring = aligned_alloc(4096, (size + 4095) & ~4095UL);

	(void)state;
	memset(ring, 0, size);
	vq = calloc(1, virtqueue_struct_size(NUM));
	virtqueue_init(vq, NUM, ring);
	device_seen = 0;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(vq->desc);
	free(vq);
	return 0;
}

/* Both sides start at index start, as after that many requests (to reach the 16-bit wrap fast). */
static void start_indices_at(uint16_t start)
{
	vq->avail_idx = vq->avail->idx = vq->used->idx = vq->last_used = device_seen = start;
}

/* The device: the next chain head on the available ring, or -1. */
static int device_take(void)
{
	if (device_seen == vq->avail->idx)
		return -1;
	return vq->avail->ring[device_seen++ % NUM];
}

static void device_use(uint32_t head, uint32_t len)
{
	struct virtq_used_elem *e = &vq->used->ring[vq->used->idx % NUM];

	e->id = head;
	e->len = len;
	vq->used->idx++;
}

static int add_one(void *token)
{
	struct virtio_sg sg = {buffers[0], 16};

	return virtqueue_add(vq, &sg, 1, 0, token);
}

static void test_layout(void **state)
{
	(void)state;
	assert_int_equal((char *)vq->avail - (char *)vq->desc, 16 * NUM);
	/* avail: flags, idx, ring[8], used_event = 22 bytes, then aligned to 4 */
	assert_int_equal((char *)vq->used - (char *)vq->desc, 16 * NUM + 24);
	assert_int_equal(virtqueue_ring_size(NUM), 16 * NUM + 24 + 6 + 8 * NUM);
	assert_int_equal(virtqueue_ring_size(256), 4096 + 518 + 2 + 6 + 2048);
	assert_int_equal(vq->num_free, NUM);
}

static void test_chain_of_out_and_in_buffers(void **state)
{
	struct virtio_sg sg[3] = {{buffers[0], 10}, {buffers[1], 20}, {buffers[2], 30}};
	struct virtq_desc *d;
	int head, token;

	(void)state;
	assert_int_equal(virtqueue_add(vq, sg, 2, 1, &token), 0);
	assert_int_equal(vq->num_free, NUM - 3);
	assert_int_equal(vq->avail->idx, 1);
	head = device_take();
	assert_int_equal(head, 0);
	d = &vq->desc[head];
	assert_int_equal(d->addr, virt_to_phys(buffers[0]));
	assert_int_equal(d->len, 10);
	assert_int_equal(d->flags, VIRTQ_DESC_F_NEXT);
	d = &vq->desc[d->next];
	assert_int_equal(d->addr, virt_to_phys(buffers[1]));
	assert_int_equal(d->len, 20);
	assert_int_equal(d->flags, VIRTQ_DESC_F_NEXT);
	d = &vq->desc[d->next];
	assert_int_equal(d->addr, virt_to_phys(buffers[2]));
	assert_int_equal(d->len, 30);
	assert_int_equal(d->flags, VIRTQ_DESC_F_WRITE);
	assert_int_equal(device_take(), -1);
}

static void test_reclaim_used_chains(void **state)
{
	struct virtio_sg sg[2] = {{buffers[0], 8}, {buffers[1], 8}};
	int a, b;
	uint32_t len = 0;

	(void)state;
	assert_null(virtqueue_get_used(vq, &len));
	assert_int_equal(virtqueue_add(vq, sg, 1, 1, &a), 0);
	assert_int_equal(virtqueue_add(vq, sg, 1, 1, &b), 0);
	assert_int_equal(vq->num_free, NUM - 4);
	/* The device may finish them in any order. */
	int head_a = device_take(), head_b = device_take();

	device_use(head_b, 5);
	assert_ptr_equal(virtqueue_get_used(vq, &len), &b);
	assert_int_equal(len, 5);
	assert_int_equal(vq->num_free, NUM - 2);
	assert_null(virtqueue_get_used(vq, &len));
	device_use(head_a, 7);
	assert_ptr_equal(virtqueue_get_used(vq, &len), &a);
	assert_int_equal(len, 7);
	assert_int_equal(vq->num_free, NUM);
	assert_null(virtqueue_get_used(vq, &len));
}

static void test_running_out_of_descriptors(void **state)
{
	struct virtio_sg sg[NUM + 1];
	int tokens[NUM], t;
	uint32_t len;

	(void)state;
	for (int i = 0; i <= NUM; i++)
		sg[i] = (struct virtio_sg){buffers[0], 4};
	assert_int_equal(virtqueue_add(vq, sg, 0, 0, &t), -EINVAL);
	assert_int_equal(virtqueue_add(vq, sg, NUM, 1, &t), -EINVAL);
	assert_int_equal(virtqueue_add(vq, sg, 1, 0, NULL), -EINVAL);
	assert_int_equal(virtqueue_add(vq, sg, 3, 3, &tokens[0]), 0);
	/* 2 free: a chain of 3 must wait, and leaves everything as it was. */
	assert_int_equal(virtqueue_add(vq, sg, 2, 1, &t), -ENOSPC);
	assert_int_equal(vq->num_free, 2);
	assert_int_equal(vq->avail->idx, 1);
	assert_int_equal(add_one(&tokens[1]), 0);
	assert_int_equal(add_one(&tokens[2]), 0);
	assert_int_equal(add_one(&t), -ENOSPC);
	assert_int_equal(vq->num_free, 0);
	/* Returning the long chain frees room for a chain of 6 again. */
	device_use(device_take(), 0);
	assert_ptr_equal(virtqueue_get_used(vq, &len), &tokens[0]);
	assert_int_equal(vq->num_free, 6);
	assert_int_equal(virtqueue_add(vq, sg, 6, 0, &t), 0);
	assert_int_equal(vq->num_free, 0);
}

/* Indices run over 16 bits and wrap; slots are their low bits. */
static void test_indices_wrap_around(void **state)
{
	int tokens[NUM];
	uint32_t len;

	(void)state;
	start_indices_at(65530);
	for (int round = 0; round < 5; round++) {
		for (int i = 0; i < 3; i++)
			assert_int_equal(add_one(&tokens[i]), 0);
		for (int i = 0; i < 3; i++)
			device_use(device_take(), i + 1);
		for (int i = 0; i < 3; i++) {
			assert_ptr_equal(virtqueue_get_used(vq, &len), &tokens[i]);
			assert_int_equal(len, i + 1);
		}
		assert_null(virtqueue_get_used(vq, &len));
	}
	assert_int_equal(vq->avail->idx, (uint16_t)(65530 + 15));
	assert_int_equal(vq->last_used, (uint16_t)(65530 + 15));
	assert_int_equal(vq->num_free, NUM);
}

/* Many full rounds through a full ring, completions in reverse order. */
static void test_long_run_through_the_wrap(void **state)
{
	int tokens[NUM];
	int heads[NUM];
	uint32_t len;

	(void)state;
	for (int round = 0; round < 20000; round++) {
		for (int i = 0; i < NUM; i++)
			assert_int_equal(add_one(&tokens[i]), 0);
		for (int i = 0; i < NUM; i++)
			heads[i] = device_take();
		for (int i = NUM - 1; i >= 0; i--)
			device_use(heads[i], i);
		for (int i = NUM - 1; i >= 0; i--)
			assert_ptr_equal(virtqueue_get_used(vq, &len), &tokens[i]);
	}
	assert_int_equal(vq->num_free, NUM);
	assert_int_equal(vq->avail->idx, (uint16_t)(20000 * NUM));
}

static void test_notification_suppression(void **state)
{
	int t1, t2;

	(void)state;
	assert_false(virtqueue_kick_prepare(vq)); /* nothing added */
	assert_int_equal(add_one(&t1), 0);
	assert_true(virtqueue_kick_prepare(vq));
	assert_false(virtqueue_kick_prepare(vq)); /* told already */
	assert_int_equal(add_one(&t2), 0);
	vq->used->flags = VIRTQ_USED_F_NO_NOTIFY;
	assert_false(virtqueue_kick_prepare(vq));
	assert_int_equal(vq->avail->flags, 0);
	virtqueue_disable_cb(vq);
	assert_int_equal(vq->avail->flags, VIRTQ_AVAIL_F_NO_INTERRUPT);
}

/* Re-enabling interrupts reports used buffers that came while they were off. */
static void test_enable_callbacks_reports_pending(void **state)
{
	int t;
	uint32_t len;

	(void)state;
	virtqueue_disable_cb(vq);
	assert_true(virtqueue_enable_cb(vq));
	assert_int_equal(vq->avail->flags, 0);
	assert_int_equal(add_one(&t), 0);
	virtqueue_disable_cb(vq);
	device_use(device_take(), 0);
	assert_false(virtqueue_enable_cb(vq));
	assert_ptr_equal(virtqueue_get_used(vq, &len), &t);
	assert_true(virtqueue_enable_cb(vq));
}

/* What a device returns is checked: nothing but the heads of chains it was given. */
static void check_device_return_is_rejected(uint32_t id, uint16_t used_idx)
{
	int t;
	uint32_t len;

	assert_int_equal(add_one(&t), 0);
	device_take();
	device_use(id, 1);
	vq->used->idx = used_idx;
	assert_null(virtqueue_get_used(vq, &len));
	assert_true(vq->broken);
	assert_null(virtqueue_get_used(vq, &len));
}

static void test_unknown_descriptor_returned(void **state)
{
	(void)state;
	check_device_return_is_rejected(NUM + 3, 1);
}

static void test_free_descriptor_returned(void **state)
{
	(void)state;
	check_device_return_is_rejected(5, 1);
}

static void test_more_used_than_the_ring_holds(void **state)
{
	(void)state;
	check_device_return_is_rejected(0, NUM + 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_layout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_chain_of_out_and_in_buffers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reclaim_used_chains, setup, teardown),
		cmocka_unit_test_setup_teardown(test_running_out_of_descriptors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_indices_wrap_around, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_run_through_the_wrap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_notification_suppression, setup, teardown),
		cmocka_unit_test_setup_teardown(test_enable_callbacks_reports_pending, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_descriptor_returned, setup, teardown),
		cmocka_unit_test_setup_teardown(test_free_descriptor_returned, setup, teardown),
		cmocka_unit_test_setup_teardown(test_more_used_than_the_ring_holds, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
