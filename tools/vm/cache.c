/* Files cached between runs: $XDG_CACHE_HOME/tessera, else ~/.cache/tessera. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "vm.h"

void vm_cache_file(const char *name, char *buf, size_t len)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");

	if (xdg && *xdg)
		snprintf(buf, len, "%s/tessera", xdg);
	else
		snprintf(buf, len, "%s/.cache/tessera", home ? home : "/tmp");
	mkdir(buf, 0755); /* its parent (~/.cache) normally exists */
	strncat(buf, "/", len - strlen(buf) - 1);
	strncat(buf, name, len - strlen(buf) - 1);
}
