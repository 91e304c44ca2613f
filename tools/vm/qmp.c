/* A QMP client: connect, negotiate, one command, disconnect (see qmp.h). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include "process.h"
#include "qmp.h"

struct qmp {
	int fd;
	char buf[16384];
	size_t used;
	long deadline;
	char *error;
	size_t error_len;
};

static int fail(struct qmp *q, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(q->error, q->error_len, fmt, ap);
	va_end(ap);
	return -1;
}

/* The next JSON object QEMU sends (one per line), or NULL with q->error set. */
static json_t *next_message(struct qmp *q)
{
	for (;;) {
		char *end = memchr(q->buf, '\n', q->used);
		struct pollfd pfd = {.fd = q->fd, .events = POLLIN};
		long left = q->deadline - process_now_ms();
		json_error_t err;
		ssize_t n;

		if (end) {
			size_t line_len = end - q->buf + 1;
			json_t *msg = json_loadb(q->buf, line_len, 0, &err);

			memmove(q->buf, end + 1, q->used - line_len);
			q->used -= line_len;
			if (!msg)
				fail(q, "QMP: malformed reply: %s", err.text);
			return msg;
		}
		if (q->used == sizeof(q->buf)) {
			fail(q, "QMP: reply too long");
			return NULL;
		}
		if (left <= 0 || poll(&pfd, 1, (int)left) == 0) {
			fail(q, "QMP: no reply from QEMU");
			return NULL;
		}
		n = read(q->fd, q->buf + q->used, sizeof(q->buf) - q->used);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			fail(q, "QMP: QEMU closed the connection");
			return NULL;
		}
		q->used += n;
	}
}

/* "execute" command with args (stolen; may be NULL), as one line of text; malloc'd. */
static char *request_line(const char *command, json_t *args)
{
	json_t *request = json_pack("{s:s}", "execute", command);
	char *text;

	if (args)
		json_object_set_new(request, "arguments", args);
	text = json_dumps(request, JSON_COMPACT);
	json_decref(request);
	return text;
}

/* Send command and wait for its answer, skipping events. */
static int transact(struct qmp *q, const char *command, json_t *args, json_t **result)
{
	char *text = request_line(command, args);
	bool sent = text && dprintf(q->fd, "%s\n", text) == (int)strlen(text) + 1;

	free(text);
	if (!sent)
		return fail(q, "QMP: cannot send %s: %s", command, strerror(errno));
	for (;;) {
		json_t *msg = next_message(q), *value;

		if (!msg)
			return -1;
		if ((value = json_object_get(msg, "return"))) {
			if (result)
				*result = json_incref(value);
			json_decref(msg);
			return 0;
		}
		if ((value = json_object_get(msg, "error"))) {
			const char *desc = json_string_value(json_object_get(value, "desc"));

			fail(q, "QMP %s: %s", command, desc ? desc : "failed");
			json_decref(msg);
			return -1;
		}
		json_decref(msg); /* an event */
	}
}

int qmp_socket_path(const char *path, char *buf, size_t len, int *dir_fd, bool inherited)
{
	const char *slash = strrchr(path, '/');
	char dir[4096];

	*dir_fd = -1;
	if (strlen(path) < sizeof(((struct sockaddr_un *)0)->sun_path)) {
		snprintf(buf, len, "%s", path);
		return 0;
	}
	if (!slash || (size_t)(slash - path) >= sizeof(dir))
		return -1;
	memcpy(dir, path, slash - path);
	dir[slash - path] = '\0';
	*dir_fd = open(dir, O_PATH | O_DIRECTORY | (inherited ? 0 : O_CLOEXEC));
	if (*dir_fd < 0)
		return -1;
	snprintf(buf, len, "/proc/self/fd/%d%s", *dir_fd, slash);
	return strlen(buf) < sizeof(((struct sockaddr_un *)0)->sun_path) ? 0 : -1;
}

static int connect_to(struct qmp *q, const char *path)
{
	struct sockaddr_un addr = {.sun_family = AF_UNIX};
	json_t *greeting;
	int dir_fd, ok;

	if (qmp_socket_path(path, addr.sun_path, sizeof(addr.sun_path), &dir_fd, false))
		return fail(q, "cannot reach QEMU's QMP socket %s: %s", path, strerror(errno));
	q->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ok = q->fd >= 0 && !connect(q->fd, (struct sockaddr *)&addr, sizeof(addr));
	if (dir_fd >= 0)
		close(dir_fd);
	if (!ok)
		return fail(q, "cannot reach QEMU's QMP socket %s: %s", path, strerror(errno));
	greeting = next_message(q);
	if (!greeting)
		return -1;
	json_decref(greeting);
	return transact(q, "qmp_capabilities", NULL, NULL);
}

int qmp_execute(const char *path, const char *command, json_t *args, json_t **result,
		char *error, size_t error_len)
{
	struct qmp q = {.fd = -1,
			.deadline = process_now_ms() + QMP_TIMEOUT_MS,
			.error = error,
			.error_len = error_len};
	int ret = connect_to(&q, path);

	if (ret == 0)
		ret = transact(&q, command, args, result);
	else
		json_decref(args);
	if (q.fd >= 0)
		close(q.fd);
	return ret;
}

int qmp_run_state(const char *path, char *buf, size_t len, char *error, size_t error_len)
{
	json_t *result;
	const char *status;

	if (qmp_execute(path, "query-status", NULL, &result, error, error_len))
		return -1;
	status = json_string_value(json_object_get(result, "status"));
	snprintf(buf, len, "%s", status ? status : "unknown");
	json_decref(result);
	return 0;
}
