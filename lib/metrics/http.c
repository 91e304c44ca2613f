/*
 * GET /metrics over HTTP, for Prometheus to scrape: with metrics.port=N, a
 * kernel thread listens on TCP port N (every IPv4 address), serves one
 * connection at a time (Prometheus scrapes one at a time) and closes each
 * after its answer.  HEAD gets the headers alone; any other method 405,
 * any other path 404.  A client that sends no request head within
 * REQUEST_TIMEOUT is dropped, so that none can hold the server.
 */
#include <errno.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/boot.h>
#include <tessera/cmdline.h>
#include <tessera/metrics_text.h>
#include <tessera/printk.h>
#include <tessera/sched.h>
#include <tessera/socket.h>

#define REQUEST_MAX     2048
#define REQUEST_TIMEOUT (10ULL * 1000 * 1000 * 1000)
#define BACKLOG         8

static uint16_t port;

struct text {
	char *buf;
	size_t len, cap;
	bool failed;
};

static void append(void *ctx, const char *s, size_t len)
{
	struct text *t = ctx;

	if (t->failed)
		return;
	if (t->len + len > t->cap) {
		size_t cap = MAX(t->cap * 2, t->len + len + 4096);
		char *bigger = alloc_realloc(alloc_default(), t->buf, cap);

		if (!bigger) {
			t->failed = true;
			return;
		}
		t->buf = bigger;
		t->cap = cap;
	}
	memcpy(t->buf + t->len, s, len);
	t->len += len;
}

static int send_all(struct socket *c, const char *data, size_t len)
{
	while (len) {
		struct iovec iov = {(void *)data, len};
		ssize_t n = socket_send_iov(c, &iov, 1, MSG_NOSIGNAL);

		if (n <= 0)
			return n ? n : -EPIPE;
		data += n;
		len -= n;
	}
	return 0;
}

static void respond(struct socket *c, const char *status, const struct text *body, bool head)
{
	char header[256];
	int n = fmt_snprintf(header, sizeof(header),
			     "HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %lu\r\n"
			     "Connection: close\r\n\r\n",
			     status, body ? METRICS_TEXT_CONTENT_TYPE : "text/plain",
			     body ? (unsigned long)body->len : 0UL);

	if (!send_all(c, header, n) && body && !head)
		send_all(c, body->buf, body->len);
}

/* The request head, NUL-terminated: its length, or 0 when the client gave none. */
static size_t read_head(struct socket *c, char *buf)
{
	size_t len = 0;

	c->rcvtimeo_ns = REQUEST_TIMEOUT;
	while (len < REQUEST_MAX - 1) {
		struct iovec iov = {buf + len, REQUEST_MAX - 1 - len};
		ssize_t n = socket_recv_iov(c, &iov, 1, 0);

		if (n <= 0)
			return 0;
		len += n;
		buf[len] = '\0';
		if (strstr(buf, "\r\n\r\n") || strstr(buf, "\n\n"))
			return len;
	}
	return 0;
}

static bool is_target(const char *p, const char *path)
{
	size_t len = strlen(path);

	return !strncmp(p, path, len) && (p[len] == ' ' || p[len] == '?');
}

static void serve_one(struct socket *c, char *request)
{
	struct text body = {0};
	bool get, head;

	if (!read_head(c, request))
		return;
	get = !strncmp(request, "GET ", 4);
	head = !strncmp(request, "HEAD ", 5);
	if (!get && !head) {
		respond(c, "405 Method Not Allowed", NULL, false);
	} else if (!is_target(request + (get ? 4 : 5), "/metrics")) {
		respond(c, "404 Not Found", NULL, false);
	} else {
		metrics_write_all(append, &body);
		respond(c, body.failed ? "503 Service Unavailable" : "200 OK",
			body.failed ? NULL : &body, head);
	}
	alloc_free(alloc_default(), body.buf);
}

static void serve(void *arg)
{
	struct socket *listener = arg, *c;
	char *request = alloc_malloc(alloc_default(), REQUEST_MAX);

	if (!request)
		panic("metrics: no memory for the HTTP server");
	for (;;) {
		if (listener->ops->accept(listener, &c))
			continue;
		serve_one(c, request);
		socket_free(c);
	}
}

static int listen_on(uint16_t p, struct socket **out)
{
	struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = __builtin_bswap16(p)};
	struct sock_addr any;
	struct socket *s;
	int err = socket_create(AF_INET, SOCK_STREAM, 0, &s);

	if (err)
		return err;
	memset(&any, 0, sizeof(any));
	memcpy(&any, &addr, sizeof(addr));
	err = s->ops->bind(s, &any, sizeof(addr));
	if (!err)
		err = s->ops->listen(s, BACKLOG);
	if (err)
		socket_free(s);
	else
		*out = s;
	return err;
}

static int metrics_http_init(void)
{
	struct socket *listener;
	int err;

	if (!port)
		return 0;
	err = listen_on(port, &listener);
	if (err) {
		pr_err("metrics: cannot listen on port %u (error %d)\n", port, err);
		return 0;
	}
	if (!thread_create("metrics-http", serve, listener, 0))
		pr_err("metrics: cannot start the HTTP server\n");
	return 0;
}
INITCALL(metrics_http_init, INIT_LATE);

static int set_port(const char *value)
{
	uint64_t n;
	const char *end;

	if (!value || cmdline_number(value, 10, &end, &n) || *end || !n || n > 65535)
		return -EINVAL;
	port = n;
	return 0;
}
KERNEL_PARAM("metrics.port", set_port, "serve GET /metrics over HTTP on this TCP port");
