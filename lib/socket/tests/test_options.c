/* SOL_SOCKET options with Linux's rules: doubled buffers and their limits, timeouts, flags. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>
#include "socket_internal.h"

static struct socket s;

static int setup(void **state)
{
	(void)state;
	memset(&s, 0, sizeof(s));
	socket_options_init(&s);
	return 0;
}

static int set_int(int name, int v)
{
	return socket_set_common(&s, name, &v, sizeof(v));
}

static int get_int(int name)
{
	int v = -1, len = sizeof(v);

	assert_int_equal(socket_get_common(&s, name, &v, &len), 0);
	assert_int_equal(len, sizeof(v));
	return v;
}

static void test_buffer_sizes(void **state)
{
	(void)state;
	assert_int_equal(set_int(SO_RCVBUF, 65536), 0);
	assert_int_equal(get_int(SO_RCVBUF), 131072);
	assert_int_equal(set_int(SO_SNDBUF, 1), 0);
	assert_int_equal(get_int(SO_SNDBUF), 4608);
	assert_int_equal(set_int(SO_RCVBUF, 1), 0);
	assert_int_equal(get_int(SO_RCVBUF), 2304);
	assert_int_equal(set_int(SO_SNDBUF, 1 << 30), 0);
	assert_int_equal(get_int(SO_SNDBUF), 2 * 212992);
	assert_int_equal(set_int(SO_RCVBUF, -1), 0); /* taken as unsigned: the maximum */
	assert_int_equal(get_int(SO_RCVBUF), 2 * 212992);
}

static void test_timeouts(void **state)
{
	int64_t tv[2] = {2, 500000}, out[2];
	int len = sizeof(out);

	(void)state;
	assert_int_equal(socket_set_common(&s, SO_RCVTIMEO_OLD, tv, sizeof(tv)), 0);
	assert_int_equal(s.rcvtimeo_ns, 2500000000ULL);
	assert_int_equal(socket_get_common(&s, SO_RCVTIMEO_NEW, out, &len), 0);
	assert_memory_equal(out, tv, sizeof(tv));
	tv[1] = 1000000;
	assert_int_equal(socket_set_common(&s, SO_SNDTIMEO_OLD, tv, sizeof(tv)), -EDOM);
	tv[0] = -1;
	tv[1] = 0;
	assert_int_equal(socket_set_common(&s, SO_SNDTIMEO_OLD, tv, sizeof(tv)), 0);
	assert_int_equal(s.sndtimeo_ns, 0); /* negative: no timeout */
	assert_int_equal(socket_set_common(&s, SO_SNDTIMEO_OLD, tv, 8), -EINVAL);
}

static void test_flags_and_identity(void **state)
{
	struct linger lg = {1, 7}, out;
	int len = 2, v = 0;

	(void)state;
	s.type = SOCK_DGRAM;
	s.family = AF_INET6;
	assert_int_equal(get_int(SO_TYPE), SOCK_DGRAM);
	assert_int_equal(get_int(SO_DOMAIN), AF_INET6);
	assert_int_equal(get_int(SO_REUSEADDR), 0);
	assert_int_equal(set_int(SO_REUSEADDR, 5), 0);
	assert_int_equal(get_int(SO_REUSEADDR), 1);
	assert_int_equal(socket_set_common(&s, SO_KEEPALIVE, &v, 2), -EINVAL);
	assert_int_equal(set_int(4242, 1), -ENOPROTOOPT);
	assert_int_equal(socket_get_common(&s, 4242, &v, &len), -ENOPROTOOPT);
	/* A short buffer gets the start of the value, as on Linux. */
	assert_int_equal(socket_get_common(&s, SO_REUSEADDR, &v, &len), 0);
	assert_int_equal(len, 2);
	assert_int_equal(socket_set_common(&s, SO_LINGER, &lg, sizeof(lg)), 0);
	len = sizeof(out);
	assert_int_equal(socket_get_common(&s, SO_LINGER, &out, &len), 0);
	assert_int_equal(out.l_onoff, 1);
	assert_int_equal(out.l_linger, 7);
	assert_int_equal(socket_set_common(&s, SO_LINGER, &lg, 4), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_buffer_sizes, setup),
		cmocka_unit_test_setup(test_timeouts, setup),
		cmocka_unit_test_setup(test_flags_and_identity, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
