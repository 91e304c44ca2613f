/*
 * One scanner for the strto* family returns the magnitude and the sign; each
 * function then fits the magnitude into its own type.  On overflow the digits
 * are still consumed (*end goes past the number), errno is ERANGE and the
 * result is the limit of the number's sign.  An invalid base gives 0, EINVAL
 * and *end = s, like a string without digits (which leaves errno alone).
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>

struct number {
	unsigned long long magnitude;
	bool negative;
	bool overflow; /* the magnitude exceeds ULLONG_MAX */
};

/* 0-35, or 36 for a character that is no digit in any base. */
static int digit_value(char c)
{
	if (isdigit((unsigned char)c))
		return c - '0';
	if (isalpha((unsigned char)c))
		return tolower((unsigned char)c) - 'a' + 10;
	return 36;
}

static bool has_hex_prefix(const char *p)
{
	return p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && digit_value(p[2]) < 16;
}

/* Returns false when nothing was converted. */
static bool scan(const char *s, char **end, int base, struct number *num)
{
	const char *p = s;
	int digit;

	*num = (struct number){0};
	if (end)
		*end = (char *)s;
	if (base < 0 || base == 1 || base > 36) {
		errno = EINVAL;
		return false;
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		num->negative = *p++ == '-';
	if ((base == 0 || base == 16) && has_hex_prefix(p)) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = *p == '0' ? 8 : 10;
	}
	if (digit_value(*p) >= base)
		return false;
	for (; (digit = digit_value(*p)) < base; p++) {
		if (num->magnitude > (ULLONG_MAX - (unsigned int)digit) / (unsigned int)base)
			num->overflow = true;
		else
			num->magnitude = num->magnitude * (unsigned int)base + (unsigned int)digit;
	}
	if (end)
		*end = (char *)p;
	return true;
}

static long long to_signed(const struct number *num, long long min, long long max)
{
	if (num->negative) {
		if (num->overflow || num->magnitude > (unsigned long long)max + 1) {
			errno = ERANGE;
			return min;
		}
		/* -(magnitude - 1) - 1 reaches min without overflowing. */
		return num->magnitude ? -(long long)(num->magnitude - 1) - 1 : 0;
	}
	if (num->overflow || num->magnitude > (unsigned long long)max) {
		errno = ERANGE;
		return max;
	}
	return (long long)num->magnitude;
}

/* A '-' negates in the unsigned type, as C specifies: "-1" is the maximum. */
static unsigned long long to_unsigned(const struct number *num, unsigned long long max)
{
	if (num->overflow || num->magnitude > max) {
		errno = ERANGE;
		return max;
	}
	return num->negative ? -num->magnitude : num->magnitude;
}

long strtol(const char *restrict s, char **restrict end, int base)
{
	struct number num;

	return scan(s, end, base, &num) ? (long)to_signed(&num, LONG_MIN, LONG_MAX) : 0;
}

long long strtoll(const char *restrict s, char **restrict end, int base)
{
	struct number num;

	return scan(s, end, base, &num) ? to_signed(&num, LLONG_MIN, LLONG_MAX) : 0;
}

unsigned long strtoul(const char *restrict s, char **restrict end, int base)
{
	struct number num;

	return scan(s, end, base, &num) ? (unsigned long)to_unsigned(&num, ULONG_MAX) : 0;
}

unsigned long long strtoull(const char *restrict s, char **restrict end, int base)
{
	struct number num;

	return scan(s, end, base, &num) ? to_unsigned(&num, ULLONG_MAX) : 0;
}
