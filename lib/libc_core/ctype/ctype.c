/*
 * The "C" locale's classes by arithmetic: an unsigned comparison checks a
 * range in one go and rejects EOF and bytes above 0x7f with it.
 */
#include <ctype.h>

/* c in [first, first + n) */
static int in_range(int c, int first, unsigned int n)
{
	return (unsigned int)c - (unsigned int)first < n;
}

int isdigit(int c)
{
	return in_range(c, '0', 10);
}

int isupper(int c)
{
	return in_range(c, 'A', 26);
}

int islower(int c)
{
	return in_range(c, 'a', 26);
}

int isalpha(int c)
{
	return isupper(c) || islower(c);
}

int isalnum(int c)
{
	return isalpha(c) || isdigit(c);
}

int isxdigit(int c)
{
	return isdigit(c) || in_range(c, 'a', 6) || in_range(c, 'A', 6);
}

int isblank(int c)
{
	return c == ' ' || c == '\t';
}

/* ' ', \t \n \v \f \r */
int isspace(int c)
{
	return c == ' ' || in_range(c, '\t', 5);
}

int iscntrl(int c)
{
	return in_range(c, 0, 0x20) || c == 0x7f;
}

int isprint(int c)
{
	return in_range(c, ' ', 0x5f);
}

int isgraph(int c)
{
	return in_range(c, '!', 0x5e);
}

int ispunct(int c)
{
	return isgraph(c) && !isalnum(c);
}

int tolower(int c)
{
	return isupper(c) ? c + ('a' - 'A') : c;
}

int toupper(int c)
{
	return islower(c) ? c - ('a' - 'A') : c;
}
