/* The pseudo-terminal of a container with a terminal (see console.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>
#include "console.h"

static int send_master(const char *socket_path, int master, const char *name)
{
	struct sockaddr_un addr = {.sun_family = AF_UNIX};
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} control = {0};
	struct iovec iov = {.iov_base = (void *)name, .iov_len = strlen(name)};
	struct msghdr msg = {.msg_iov = &iov,
			     .msg_iovlen = 1,
			     .msg_control = control.buf,
			     .msg_controllen = sizeof(control.buf)};
	struct cmsghdr *cmsg = CMSG_FIRSTHDR(&msg);
	int fd, ok;

	if (strlen(socket_path) >= sizeof(addr.sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(addr.sun_path, socket_path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof(addr))) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	cmsg->cmsg_level = SOL_SOCKET;
	cmsg->cmsg_type = SCM_RIGHTS;
	cmsg->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cmsg), &master, sizeof(int));
	ok = sendmsg(fd, &msg, 0) >= 0;
	close(fd);
	return ok ? 0 : -1;
}

int console_setup(const char *socket_path, char *error, size_t len)
{
	int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC), slave;
	struct termios mode;
	const char *name;

	if (master < 0 || grantpt(master) || unlockpt(master) || !(name = ptsname(master))) {
		snprintf(error, len, "cannot create a pseudo-terminal: %s", strerror(errno));
		return -1;
	}
	slave = open(name, O_RDWR | O_NOCTTY);
	if (slave < 0 || send_master(socket_path, master, name)) {
		snprintf(error, len, "cannot pass the terminal over %s: %s", socket_path,
			 strerror(errno));
		return -1;
	}
	close(master);
	/* The guest's own terminal turns "\n" into "\r\n" already. */
	if (!tcgetattr(slave, &mode)) {
		mode.c_oflag &= ~ONLCR;
		tcsetattr(slave, TCSANOW, &mode);
	}
	for (int fd = 0; fd <= 2; fd++)
		dup2(slave, fd);
	close(slave);
	return 0;
}
