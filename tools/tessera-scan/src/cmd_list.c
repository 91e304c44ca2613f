// SPDX-License-Identifier: BSD-3-Clause
/* "list": the app recipes and their workloads. */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>

#include "commands.h"
#include "fail.h"
#include "paths.h"
#include "recipe.h"

int cmd_list(int argc, char **argv)
{
	char *pattern = path_join(tool_dir(), "recipes/*.json"), err[256];
	struct recipe r;
	glob_t g;

	(void)argv;
	if (argc != 1)
		die(EXIT_BAD_INPUT, "list: takes no arguments");
	if (glob(pattern, 0, NULL, &g) != 0)
		die(1, "no recipes in %s", pattern);
	for (size_t i = 0; i < g.gl_pathc; i++) {
		if (recipe_load(g.gl_pathv[i], &r, err, sizeof(err)) < 0) {
			warn_line("%s", err);
			recipe_free(&r);
			continue;
		}
		printf("%-10s", r.name);
		for (size_t k = 0; k < r.nworkloads; k++)
			printf(" %s:%s(%s)", r.name, r.workloads[k].name,
			       workload_kind_name(r.workloads[k].kind));
		printf("  %s\n", r.description ? r.description : "");
		recipe_free(&r);
	}
	globfree(&g);
	free(pattern);
	return 0;
}
