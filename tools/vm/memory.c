/* Guest memory sizes as users write them. */
#include <ctype.h>
#include <stdlib.h>
#include <strings.h>
#include "vm.h"

unsigned long vm_parse_memory(const char *text)
{
	char *end;
	unsigned long mib;

	if (!text || !isdigit((unsigned char)*text))
		return 0;
	mib = strtoul(text, &end, 10);
	if (!strcasecmp(end, "g") || !strcasecmp(end, "gb") || !strcasecmp(end, "gib"))
		mib *= 1024;
	else if (*end && strcasecmp(end, "m") && strcasecmp(end, "mb") && strcasecmp(end, "mib"))
		return 0;
	return mib >= VM_MIN_MEMORY_MIB ? mib : 0;
}
