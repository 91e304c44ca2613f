#include <string.h>

/* The plain quadratic search: short needles are the common case here. */
char *strstr(const char *haystack, const char *needle)
{
	size_t len = strlen(needle);

	if (!len)
		return (char *)haystack;
	for (; (haystack = strchr(haystack, *needle)); haystack++) {
		if (!strncmp(haystack, needle, len))
			return (char *)haystack;
	}
	return NULL;
}
