/* Numbers in option values, parsed without a C library (the kernel has none). */
#include <errno.h>
#include <stdint.h>
#include <tessera/cmdline.h>

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 36;
}

int cmdline_number(const char *s, int base, const char **end, uint64_t *value)
{
	const char *p = s;
	uint64_t v = 0;

	if (base == 0) {
		base = 10;
		if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && digit_value(p[2]) < 16) {
			base = 16;
			p += 2;
		} else if (p[0] == '0') {
			base = 8;
		}
	}
	if (digit_value(*p) >= base)
		return -EINVAL;
	for (; digit_value(*p) < base; p++) {
		unsigned int d = digit_value(*p);

		if (v > (UINT64_MAX - d) / base)
			return -ERANGE;
		v = v * base + d;
	}
	*value = v;
	if (end)
		*end = p;
	else if (*p)
		return -EINVAL;
	return 0;
}
