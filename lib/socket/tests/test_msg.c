/*
 * Messages between a program's buffers and a family: copies across
 * iovecs (and the position they leave), a fault part-way, and control
 * messages with truncation.  User copies are plain copies here
 * (tests/unit/include), failing on one marked address.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>
#include <tessera/socket.h>
#include <tessera/uaccess.h>

static char poison[8]; /* a "user" buffer that faults */

bool uaccess_test_fault(const void *user)
{
	return user == poison;
}

/* Unused by msg.c's copies, needed to link it. */
ssize_t socket_sendmsg(struct socket *s, struct sock_msg *m, int flags)
{
	(void)s, (void)m, (void)flags;
	return -ENOSYS;
}

ssize_t socket_recvmsg(struct socket *s, struct sock_msg *m, int flags)
{
	(void)s, (void)m, (void)flags;
	return -ENOSYS;
}

static void init(struct sock_msg *m, struct iovec *iov, size_t n)
{
	memset(m, 0, sizeof(*m));
	m->iov = iov;
	m->iovcnt = n;
	for (size_t i = 0; i < n; i++)
		m->len += iov[i].iov_len;
}

static void test_copies_cross_buffers(void **state)
{
	char a[3], b[0], c[5], out[8];
	struct iovec iov[3] = {{a, sizeof(a)}, {b, 0}, {c, sizeof(c)}};
	struct sock_msg m;

	(void)state;
	init(&m, iov, 3);
	assert_int_equal(sock_msg_remaining(&m), 8);
	assert_int_equal(sock_msg_copy_to(&m, "abcd", 4), 4);
	assert_int_equal(sock_msg_remaining(&m), 4);
	assert_int_equal(sock_msg_copy_to(&m, "efghij", 6), 4); /* only the room there is */
	assert_memory_equal(a, "abc", 3);
	assert_memory_equal(c, "defgh", 5);
	init(&m, iov, 3);
	assert_int_equal(sock_msg_copy_from(&m, out, 8), 8);
	assert_memory_equal(out, "abcdefgh", 8);
	assert_int_equal(sock_msg_copy_from(&m, out, 1), 0);
}

static void test_fault_after_some_bytes(void **state)
{
	char a[4];
	struct iovec iov[2] = {{a, sizeof(a)}, {poison, sizeof(poison)}};
	struct sock_msg m;

	(void)state;
	init(&m, iov, 2);
	assert_int_equal(sock_msg_copy_to(&m, "0123456789", 10), 4); /* what was copied counts */
	init(&m, &iov[1], 1);
	assert_int_equal(sock_msg_copy_to(&m, "x", 1), -EFAULT);
}

static void test_control_messages(void **state)
{
	union {
		struct cmsghdr h;
		char room[CMSG_SPACE(2 * sizeof(int))];
	} ctl;
	struct sock_msg m = {.control = ctl.room, .controllen = sizeof(ctl.room)};
	int fds[2] = {7, 9};

	(void)state;
	sock_msg_put_cmsg(&m, SOL_SOCKET, SCM_RIGHTS, fds, sizeof(fds));
	assert_int_equal(m.control_used, CMSG_SPACE(sizeof(fds)));
	assert_int_equal(ctl.h.cmsg_len, CMSG_LEN(sizeof(fds)));
	assert_int_equal(ctl.h.cmsg_level, SOL_SOCKET);
	assert_int_equal(ctl.h.cmsg_type, SCM_RIGHTS);
	assert_memory_equal(CMSG_DATA(&ctl.h), fds, sizeof(fds));
	assert_int_equal(m.flags & MSG_CTRUNC, 0);
	sock_msg_put_cmsg(&m, SOL_SOCKET, SCM_RIGHTS, fds, sizeof(int)); /* no room left */
	assert_int_equal(m.flags & MSG_CTRUNC, MSG_CTRUNC);
	assert_int_equal(m.control_used, CMSG_SPACE(sizeof(fds)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_copies_cross_buffers),
		cmocka_unit_test(test_fault_after_some_bytes),
		cmocka_unit_test(test_control_messages),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
