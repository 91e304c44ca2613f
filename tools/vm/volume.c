/* Shared directories as users write them: -v HOSTDIR:GUESTDIR[:ro|:rw]. */
#include <string.h>
#include "vm.h"

/* Remove a trailing ":suffix" from s; whether it was there. */
static bool strip_suffix(char *s, const char *suffix)
{
	size_t len = strlen(s), n = strlen(suffix);

	if (len <= n + 1 || s[len - n - 1] != ':' || strcmp(s + len - n, suffix))
		return false;
	s[len - n - 1] = '\0';
	return true;
}

int vm_parse_volume(char *spec, struct vm_volume *out)
{
	char *split = NULL;

	out->readonly = strip_suffix(spec, "ro");
	if (!out->readonly)
		strip_suffix(spec, "rw");

	for (char *p = strstr(spec, ":/"); p; p = strstr(p + 1, ":/"))
		split = p;
	if (!split || split == spec)
		return -1;
	*split = '\0';
	out->host = spec;
	out->guest = split + 1;
	return 0;
}
