/* Shared directories as users write them: -v HOSTDIR:GUESTDIR. */
#include <string.h>
#include "vm.h"

int vm_parse_volume(char *spec, struct vm_volume *out)
{
	char *split = NULL;

	for (char *p = strstr(spec, ":/"); p; p = strstr(p + 1, ":/"))
		split = p;
	if (!split || split == spec)
		return -1;
	*split = '\0';
	out->host = spec;
	out->guest = split + 1;
	return 0;
}
