/* The kernel command line: options, "--", then the program's arguments, each quoted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vm.h"

/* Bytes needed for word quoted as '...' with every ' written as '\''. */
static size_t quoted_length(const char *word)
{
	size_t n = 2;

	for (const char *p = word; *p; p++)
		n += *p == '\'' ? 4 : 1;
	return n;
}

static char *append_quoted(char *out, const char *word)
{
	*out++ = '\'';
	for (const char *p = word; *p; p++) {
		if (*p == '\'') {
			memcpy(out, "'\\''", 4);
			out += 4;
		} else {
			*out++ = *p;
		}
	}
	*out++ = '\'';
	return out;
}

char *vm_kernel_cmdline(const char *options, char *const argv[], int argc)
{
	size_t len = strlen(options) + 4;
	char *line, *out;

	for (int i = 0; i < argc; i++)
		len += quoted_length(argv[i]) + 1;
	line = malloc(len);
	if (!line)
		return NULL;
	out = line;
	if (*options) {
		out = stpcpy(out, options);
		*out++ = ' ';
	}
	out = stpcpy(out, "--");
	for (int i = 0; i < argc; i++) {
		*out++ = ' ';
		out = append_quoted(out, argv[i]);
	}
	*out = '\0';
	return line;
}

char *vm_volume_options(const char *options, const struct vm_volume *volumes, int n)
{
	size_t len = strlen(options) + 1;
	char *line, *out, *opt;

	for (int i = 0; i < n; i++)
		len += quoted_length(volumes[i].guest) + 32;
	line = malloc(len);
	if (!line)
		return NULL;
	out = stpcpy(line, options);
	for (int i = 0; i < n; i++) {
		if (asprintf(&opt, "9p.mount=ts%d:%s", i, volumes[i].guest) < 0) {
			free(line);
			return NULL;
		}
		if (out != line)
			*out++ = ' ';
		out = append_quoted(out, opt);
		free(opt);
	}
	*out = '\0';
	return line;
}

int vm_options_add(char **options, const char *word)
{
	size_t old = *options ? strlen(*options) : 0;
	char *grown = realloc(*options, old + quoted_length(word) + 2);
	char *out;

	if (!grown)
		return -1;
	out = grown + old;
	if (old)
		*out++ = ' ';
	*append_quoted(out, word) = '\0';
	*options = grown;
	return 0;
}
