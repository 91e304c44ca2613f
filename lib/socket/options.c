/*
 * SOL_SOCKET options every family shares, with Linux's rules: buffer sizes
 * are doubled (the kernel's bookkeeping overhead) within Linux's default
 * limits; timeouts are struct timeval, -EDOM when malformed; integer
 * options read a whole int and report as much of one as there is room for.
 */
#include <errno.h>
#include <string.h>
#include <tessera/socket.h>
#include "socket_internal.h"

#define SOCK_BUF_MAX     212992 /* net.core.rmem_max and wmem_max */
#define SOCK_MIN_RCVBUF  2304
#define SOCK_MIN_SNDBUF  4608
#define USEC_PER_SEC     1000000
#define NSEC_PER_USEC    1000ULL

struct timeval64 {
	int64_t tv_sec;
	int64_t tv_usec;
};

void socket_options_init(struct socket *s)
{
	s->rcvbuf = s->sndbuf = SOCK_BUF_MAX;
	s->rcvlowat = 1;
}

static int set_timeout(uint64_t *timeout_ns, const void *val, int len)
{
	struct timeval64 tv;

	if (len < (int)sizeof(tv))
		return -EINVAL;
	memcpy(&tv, val, sizeof(tv));
	if (tv.tv_usec < 0 || tv.tv_usec >= USEC_PER_SEC)
		return -EDOM;
	if (tv.tv_sec < 0)
		*timeout_ns = 0;
	else
		*timeout_ns = tv.tv_sec * 1000000000ULL + tv.tv_usec * NSEC_PER_USEC;
	return 0;
}

static bool *flag_option(struct socket *s, int name)
{
	switch (name) {
	case SO_REUSEADDR:
		return &s->reuseaddr;
	case SO_REUSEPORT:
		return &s->reuseport;
	case SO_KEEPALIVE:
		return &s->keepalive;
	case SO_BROADCAST:
		return &s->broadcast;
	case SO_PASSCRED:
		return &s->passcred;
	case SO_OOBINLINE:
		return &s->oobinline;
	default:
		return NULL;
	}
}

int socket_set_common(struct socket *s, int name, const void *val, int len)
{
	bool *flag = flag_option(s, name);
	int v = 0;

	if (name == SO_LINGER) {
		if (len < (int)sizeof(struct linger))
			return -EINVAL;
		memcpy(&s->linger, val, sizeof(s->linger));
		return 0;
	}
	if (name == SO_RCVTIMEO_OLD || name == SO_RCVTIMEO_NEW)
		return set_timeout(&s->rcvtimeo_ns, val, len);
	if (name == SO_SNDTIMEO_OLD || name == SO_SNDTIMEO_NEW)
		return set_timeout(&s->sndtimeo_ns, val, len);
	if (len < (int)sizeof(int))
		return -EINVAL;
	memcpy(&v, val, sizeof(v));
	if (flag) {
		*flag = v != 0;
		return 0;
	}
	switch (name) {
	case SO_RCVBUF:
	case SO_RCVBUFFORCE:
		s->rcvbuf = MAX((int)MIN((unsigned int)v, SOCK_BUF_MAX) * 2, SOCK_MIN_RCVBUF);
		return 0;
	case SO_SNDBUF:
	case SO_SNDBUFFORCE:
		s->sndbuf = MAX((int)MIN((unsigned int)v, SOCK_BUF_MAX) * 2, SOCK_MIN_SNDBUF);
		return 0;
	case SO_RCVLOWAT:
		s->rcvlowat = v < 1 ? 1 : v;
		return 0;
	case SO_PRIORITY:
	case SO_MARK:
		return 0; /* one queue, one route: nothing to order or mark */
	default:
		return -ENOPROTOOPT;
	}
}

static int put_timeout(uint64_t timeout_ns, void *val, int *len)
{
	struct timeval64 tv = {timeout_ns / 1000000000ULL,
			       (timeout_ns % 1000000000ULL) / NSEC_PER_USEC};

	*len = MIN(*len, (int)sizeof(tv));
	memcpy(val, &tv, *len);
	return 0;
}

int socket_get_common(struct socket *s, int name, void *val, int *len)
{
	bool *flag = flag_option(s, name);
	int v;

	switch (name) {
	case SO_LINGER:
		*len = MIN(*len, (int)sizeof(s->linger));
		memcpy(val, &s->linger, *len);
		return 0;
	case SO_RCVTIMEO_OLD:
	case SO_RCVTIMEO_NEW:
		return put_timeout(s->rcvtimeo_ns, val, len);
	case SO_SNDTIMEO_OLD:
	case SO_SNDTIMEO_NEW:
		return put_timeout(s->sndtimeo_ns, val, len);
	case SO_TYPE:
		v = s->type;
		break;
	case SO_DOMAIN:
		v = s->family;
		break;
	case SO_PROTOCOL:
		v = s->protocol;
		break;
	case SO_RCVBUF:
		v = s->rcvbuf;
		break;
	case SO_SNDBUF:
		v = s->sndbuf;
		break;
	case SO_RCVLOWAT:
		v = s->rcvlowat;
		break;
	case SO_ERROR:
	case SO_ACCEPTCONN:
	case SO_PRIORITY:
	case SO_MARK:
		v = 0; /* families with errors or listeners answer these themselves */
		break;
	default:
		if (!flag)
			return -ENOPROTOOPT;
		v = *flag;
	}
	*len = MIN(*len, (int)sizeof(v));
	memcpy(val, &v, *len);
	return 0;
}
