/* The one way tessera-vm reports a failure: one line and a status. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "vm.h"

void die(int status, const char *fmt, ...)
{
	va_list ap;

	fputs("tessera: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(status);
}
