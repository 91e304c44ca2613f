/* The virtio_mmio.device= kernel option (see window.h). */
#include <errno.h>
#include <tessera/cmdline.h>
#include "window.h"

/* A number starting at *p (a digit, not a sign); *p moves past it. */
static int parse_number(const char **p, unsigned long long *value)
{
	uint64_t v;
	int err = cmdline_number(*p, 0, p, &v);

	*value = v;
	return err;
}

static int parse_suffix(const char **p, unsigned long long *size)
{
	unsigned int shift;

	switch (**p) {
	case 'K': case 'k':
		shift = 10;
		break;
	case 'M': case 'm':
		shift = 20;
		break;
	case 'G': case 'g':
		shift = 30;
		break;
	default:
		return 0;
	}
	if (*size > (~0ULL >> shift))
		return -EINVAL;
	*size <<= shift;
	(*p)++;
	return 0;
}

int virtio_mmio_parse_window(const char *text, struct virtio_mmio_window *out)
{
	unsigned long long size, base, gsi, id;
	const char *p = text;

	if (!p || parse_number(&p, &size) || parse_suffix(&p, &size) || *p++ != '@' ||
	    parse_number(&p, &base) || *p++ != ':' || parse_number(&p, &gsi))
		return -EINVAL;
	if (*p == ':' && (p++, parse_number(&p, &id)))
		return -EINVAL;
	if (*p || !size || gsi > 0xffffffffULL || base + size < base)
		return -EINVAL;
	*out = (struct virtio_mmio_window){.base = base, .size = size, .gsi = gsi};
	return 0;
}
