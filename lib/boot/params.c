/*
 * Kernel options: "name" or "name=value" words before "--" on the command
 * line.  Each library declares the options it understands with KERNEL_PARAM;
 * unknown or rejected options are reported once the console is up (they are
 * applied before any initcall, when nothing can print yet).
 */
#include <string.h>
#include <tessera/boot.h>
#include <tessera/cmdline.h>
#include <tessera/printk.h>
#include "params.h"

extern const struct kernel_param __kernel_params_start[], __kernel_params_end[];

#define MAX_REPORTED 8

static struct {
	const char *opt;
	int err;
} rejected[MAX_REPORTED];
static int nr_rejected;
static bool boot_time_requested;

static const struct kernel_param *find_param(const char *opt, size_t name_len)
{
	for (const struct kernel_param *p = __kernel_params_start; p < __kernel_params_end; p++) {
		if (strlen(p->name) == name_len && !strncmp(p->name, opt, name_len))
			return p;
	}
	return NULL;
}

static void reject(const char *opt, int err)
{
	if (nr_rejected < MAX_REPORTED)
		rejected[nr_rejected++] = (typeof(rejected[0])){opt, err};
}

void params_apply(char **opts, int nopts)
{
	for (int i = 0; i < nopts; i++) {
		const char *value;
		size_t len = cmdline_option_name(opts[i], &value);
		const struct kernel_param *p = find_param(opts[i], len);

		if (!p)
			reject(opts[i], 0);
		else if (p->set(value) < 0)
			reject(opts[i], -1);
	}
}

void params_report_unknown(void)
{
	for (int i = 0; i < nr_rejected; i++) {
		if (rejected[i].err)
			pr_warn("boot: invalid value in kernel option '%s'\n", rejected[i].opt);
		else
			pr_warn("boot: unknown kernel option '%s' (ignored)\n", rejected[i].opt);
	}
}

bool params_boot_time_requested(void)
{
	return boot_time_requested;
}

static int set_boot_time(const char *value)
{
	boot_time_requested = !value || strcmp(value, "0");
	return 0;
}
KERNEL_PARAM("boottime", set_boot_time, "print the time from the first instruction to main()");
