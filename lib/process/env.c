/* The program's environment: env=NAME=VALUE kernel options, in order. */
#include <errno.h>
#include <tessera/boot.h>
#include "env.h"

#define MAX_ENV 256

static char *env[MAX_ENV + 1];
static int nr_env;

static int add_env(const char *value)
{
	if (!value || !*value)
		return -EINVAL;
	if (nr_env == MAX_ENV)
		return -E2BIG;
	env[nr_env++] = (char *)value; /* the command line stays in memory */
	return 0;
}
KERNEL_PARAM("env", add_env, "env=NAME=VALUE adds to the program's environment");

char *const *process_env(void)
{
	return env;
}
