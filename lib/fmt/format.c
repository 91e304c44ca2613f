/*
 * The format engine: literal text goes to the sink as is; each conversion is
 * parsed into a struct spec, its arguments fetched, and the result laid out by
 * emit_field(), which owns justification, zero fill and sign/base prefixes.
 *
 * Widths and precisions above INT_MAX make the whole call fail (-1), as C
 * requires for output that cannot be counted in an int.
 */
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <tessera/fmt.h>

/* %zd reads a ptrdiff_t: the signed type as wide as size_t. */
_Static_assert(sizeof(ptrdiff_t) == sizeof(size_t), "no signed size_t");

enum {
	FLAG_LEFT = 1 << 0,  /* '-' */
	FLAG_PLUS = 1 << 1,  /* '+' */
	FLAG_SPACE = 1 << 2, /* ' ' */
	FLAG_ALT = 1 << 3,   /* '#' */
	FLAG_ZERO = 1 << 4,  /* '0' */
};

enum length { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_Z, LEN_J, LEN_T, LEN_LONG_DOUBLE };

struct spec {
	unsigned int flags;
	unsigned int width;
	unsigned int precision;
	bool has_precision;
	bool width_arg, precision_arg; /* given as '*' */
	enum length length;
	char conv; /* '\0' when the format ends inside the specification */
};

struct output {
	fmt_sink_fn sink;
	void *ctx;
	size_t count;
	bool failed;
};

static void emit(struct output *out, const char *s, size_t len)
{
	if (!len)
		return;
	out->sink(out->ctx, s, len);
	out->count += len;
}

static void pad(struct output *out, char c, size_t n)
{
	static const char spaces[] = "                                ";
	static const char zeros[] = "00000000000000000000000000000000";
	const char *fill = c == '0' ? zeros : spaces;

	while (n) {
		size_t chunk = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;

		emit(out, fill, chunk);
		n -= chunk;
	}
}

/* [spaces] prefix [zeros] body [spaces]: the layout of every conversion. */
static void emit_field(struct output *out, const struct spec *spec, const char *prefix,
		       size_t prefix_len, size_t zeros, const char *body, size_t body_len)
{
	size_t len = prefix_len + zeros + body_len;
	size_t fill = spec->width > len ? spec->width - len : 0;

	if (spec->width > INT_MAX || spec->precision > INT_MAX) {
		out->failed = true;
		return;
	}
	if (!(spec->flags & FLAG_LEFT))
		pad(out, ' ', fill);
	emit(out, prefix, prefix_len);
	pad(out, '0', zeros);
	emit(out, body, body_len);
	if (spec->flags & FLAG_LEFT)
		pad(out, ' ', fill);
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Saturates at UINT_MAX, which emit_field() then rejects. */
static unsigned int parse_number(const char **p)
{
	unsigned int n = 0;

	for (; is_digit(**p); (*p)++)
		n = n > (UINT_MAX - 9) / 10 ? UINT_MAX : n * 10 + (unsigned int)(**p - '0');
	return n;
}

static unsigned int flag_bit(char c)
{
	switch (c) {
	case '-':
		return FLAG_LEFT;
	case '+':
		return FLAG_PLUS;
	case ' ':
		return FLAG_SPACE;
	case '#':
		return FLAG_ALT;
	case '0':
		return FLAG_ZERO;
	default:
		return 0;
	}
}

static const char *parse_length(const char *p, enum length *length)
{
	switch (*p) {
	case 'h':
		*length = p[1] == 'h' ? LEN_HH : LEN_H;
		return p[1] == 'h' ? p + 2 : p + 1;
	case 'l':
		*length = p[1] == 'l' ? LEN_LL : LEN_L;
		return p[1] == 'l' ? p + 2 : p + 1;
	case 'z':
		*length = LEN_Z;
		return p + 1;
	case 'j':
		*length = LEN_J;
		return p + 1;
	case 't':
		*length = LEN_T;
		return p + 1;
	case 'L':
		*length = LEN_LONG_DOUBLE;
		return p + 1;
	default:
		*length = LEN_NONE;
		return p;
	}
}

/* p follows the '%'; returns the position after the specification. */
static const char *parse_spec(const char *p, struct spec *spec)
{
	*spec = (struct spec){0};
	for (unsigned int bit; (bit = flag_bit(*p)); p++)
		spec->flags |= bit;
	if (*p == '*') {
		spec->width_arg = true;
		p++;
	} else {
		spec->width = parse_number(&p);
	}
	if (*p == '.') {
		spec->has_precision = true;
		if (*++p == '*') {
			spec->precision_arg = true;
			p++;
		} else {
			spec->precision = parse_number(&p);
		}
	}
	p = parse_length(p, &spec->length);
	spec->conv = *p;
	return *p ? p + 1 : p;
}

static void fetch_star_args(struct spec *spec, va_list *ap)
{
	if (spec->width_arg) {
		int width = va_arg(*ap, int);

		/* A negative width is a '-' flag; INT_MIN overflows, as it must. */
		if (width < 0)
			spec->flags |= FLAG_LEFT;
		spec->width = width < 0 ? -(unsigned int)width : (unsigned int)width;
	}
	if (spec->precision_arg) {
		int precision = va_arg(*ap, int);

		/* A negative precision is taken as if it were omitted. */
		spec->has_precision = precision >= 0;
		spec->precision = precision >= 0 ? (unsigned int)precision : 0;
	}
}

static intmax_t fetch_signed(enum length length, va_list *ap)
{
	switch (length) {
	case LEN_HH:
		return (signed char)va_arg(*ap, int);
	case LEN_H:
		return (short)va_arg(*ap, int);
	case LEN_L:
		return va_arg(*ap, long);
	case LEN_LL:
		return va_arg(*ap, long long);
	case LEN_Z:
	case LEN_T:
		return va_arg(*ap, ptrdiff_t);
	case LEN_J:
		return va_arg(*ap, intmax_t);
	default:
		return va_arg(*ap, int);
	}
}

static uintmax_t fetch_unsigned(enum length length, va_list *ap)
{
	switch (length) {
	case LEN_HH:
		return (unsigned char)va_arg(*ap, unsigned int);
	case LEN_H:
		return (unsigned short)va_arg(*ap, unsigned int);
	case LEN_L:
		return va_arg(*ap, unsigned long);
	case LEN_LL:
		return va_arg(*ap, unsigned long long);
	case LEN_Z:
	case LEN_T:
		return va_arg(*ap, size_t);
	case LEN_J:
		return va_arg(*ap, uintmax_t);
	default:
		return va_arg(*ap, unsigned int);
	}
}

/* The digits of value, most significant first, ending at end: none for 0. */
static char *to_digits(char *end, uintmax_t value, unsigned int base, bool upper)
{
	const char *digit = upper ? "0123456789ABCDEF" : "0123456789abcdef";

	for (; value; value /= base)
		*--end = digit[value % base];
	return end;
}

static unsigned int number_base(char conv)
{
	switch (conv) {
	case 'o':
		return 8;
	case 'x':
	case 'X':
	case 'p':
		return 16;
	default:
		return 10;
	}
}

/* d i o u x X p; sign is '-', '+', ' ' or 0 for none. */
static void format_number(struct output *out, const struct spec *spec, uintmax_t value, char sign)
{
	char buf[sizeof(uintmax_t) * 3], prefix[3];
	size_t prefix_len = 0;
	unsigned int base = number_base(spec->conv);
	char *digits = to_digits(buf + sizeof(buf), value, base, spec->conv == 'X');
	size_t ndigits = (size_t)(buf + sizeof(buf) - digits);
	size_t precision = spec->has_precision ? spec->precision : 1;
	size_t zeros;

	if (sign)
		prefix[prefix_len++] = sign;
	if (base == 16 && value && (spec->flags & FLAG_ALT || spec->conv == 'p')) {
		prefix[prefix_len++] = '0';
		prefix[prefix_len++] = spec->conv == 'X' ? 'X' : 'x';
	}
	/* '#' with o: raise the precision so the first digit is a 0. */
	if (spec->conv == 'o' && spec->flags & FLAG_ALT && precision <= ndigits)
		precision = ndigits + 1;
	zeros = precision > ndigits ? precision - ndigits : 0;
	if ((spec->flags & (FLAG_ZERO | FLAG_LEFT)) == FLAG_ZERO && !spec->has_precision &&
	    spec->width > prefix_len + ndigits)
		zeros = spec->width - prefix_len - ndigits;
	emit_field(out, spec, prefix, prefix_len, zeros, digits, ndigits);
}

static char positive_sign(unsigned int flags)
{
	return flags & FLAG_PLUS ? '+' : flags & FLAG_SPACE ? ' ' : 0;
}

static void format_signed(struct output *out, const struct spec *spec, va_list *ap)
{
	intmax_t value = fetch_signed(spec->length, ap);

	if (value < 0)
		format_number(out, spec, -(uintmax_t)value, '-');
	else
		format_number(out, spec, (uintmax_t)value, positive_sign(spec->flags));
}

static size_t bounded_strlen(const char *s, size_t max)
{
	size_t len = 0;

	while (len < max && s[len])
		len++;
	return len;
}

static void format_string(struct output *out, const struct spec *spec, const char *s)
{
	size_t max = spec->has_precision ? spec->precision : SIZE_MAX;

	/* Like glibc: rather nothing than a truncated "(null)". */
	if (!s)
		s = max >= 6 ? "(null)" : "";
	emit_field(out, spec, "", 0, 0, s, bounded_strlen(s, max));
}

static void format_pointer(struct output *out, const struct spec *spec, va_list *ap)
{
	uintptr_t value = (uintptr_t)va_arg(*ap, void *);

	if (value)
		format_number(out, spec, value, positive_sign(spec->flags));
	else
		emit_field(out, spec, "", 0, 0, "(nil)", 5);
}

static void format_char(struct output *out, const struct spec *spec, va_list *ap)
{
	char c = (char)va_arg(*ap, int);

	emit_field(out, spec, "", 0, 0, &c, 1);
}

/* Returns false when the specification is to be printed as written. */
static bool convert(struct output *out, struct spec *spec, va_list *ap)
{
	switch (spec->conv) {
	case '%':
		emit(out, "%", 1);
		return true;
	case 'd':
	case 'i':
	case 'o':
	case 'u':
	case 'x':
	case 'X':
	case 'n':
		if (spec->length == LEN_LONG_DOUBLE)
			return false;
		break;
	case 'c':
	case 's':
	case 'p':
		if (spec->length != LEN_NONE)
			return false;
		break;
	default:
		return false;
	}

	fetch_star_args(spec, ap);
	switch (spec->conv) {
	case 'd':
	case 'i':
		format_signed(out, spec, ap);
		return true;
	case 'c':
		format_char(out, spec, ap);
		return true;
	case 's':
		format_string(out, spec, va_arg(*ap, const char *));
		return true;
	case 'p':
		format_pointer(out, spec, ap);
		return true;
	case 'n':
		/* Unsupported on purpose: skip the pointer, store nothing. */
		(void)va_arg(*ap, void *);
		return false;
	default:
		format_number(out, spec, fetch_unsigned(spec->length, ap), 0);
		return true;
	}
}

int fmt_vformat(fmt_sink_fn sink, void *ctx, const char *fmt, va_list ap)
{
	struct output out = {.sink = sink, .ctx = ctx};
	va_list args;

	va_copy(args, ap);
	while (*fmt && !out.failed) {
		const char *percent = fmt;
		struct spec spec;

		while (*percent && *percent != '%')
			percent++;
		emit(&out, fmt, (size_t)(percent - fmt));
		if (!*percent)
			break;
		fmt = parse_spec(percent + 1, &spec);
		if (!convert(&out, &spec, &args))
			emit(&out, percent, (size_t)(fmt - percent));
	}
	va_end(args);
	return out.failed || out.count > INT_MAX ? -1 : (int)out.count;
}
