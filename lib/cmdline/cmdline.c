/*
 * Words are unquoted in place: quotes and escapes only ever shrink a word, so
 * the write cursor never overtakes the read cursor and each word is rewritten
 * over its own source text, then NUL-terminated over the separator.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <tessera/cmdline.h>

struct cursor {
	char *read;  /* next character to scan */
	char *write; /* next character of the current word; never past read */
};

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* After the opening '. */
static int scan_single_quoted(struct cursor *c)
{
	for (; *c->read != '\''; c->read++) {
		if (!*c->read)
			return -EINVAL;
		*c->write++ = *c->read;
	}
	c->read++;
	return 0;
}

/* After the opening ". */
static int scan_double_quoted(struct cursor *c)
{
	for (; *c->read != '"'; c->read++) {
		if (!*c->read)
			return -EINVAL;
		if (*c->read == '\\' && (c->read[1] == '"' || c->read[1] == '\\'))
			c->read++;
		*c->write++ = *c->read;
	}
	c->read++;
	return 0;
}

/* Up to an unquoted space or the end of the line. */
static int scan_word(struct cursor *c)
{
	int err = 0;

	while (!err && *c->read && !is_space(*c->read)) {
		char ch = *c->read++;

		if (ch == '\'') {
			err = scan_single_quoted(c);
		} else if (ch == '"') {
			err = scan_double_quoted(c);
		} else if (ch == '\\') {
			if (!*c->read)
				return -EINVAL;
			*c->write++ = *c->read++;
		} else {
			*c->write++ = ch;
		}
	}
	return err;
}

static bool is_bare_separator(const char *s)
{
	return s[0] == '-' && s[1] == '-' && (!s[2] || is_space(s[2]));
}

/* Also reports the index of the first bare "--" word in *separator, -1 if none. */
static int split(char *line, char **words, int max, int *separator)
{
	struct cursor c = {.read = line, .write = line};
	int n = 0;

	*separator = -1;
	for (;;) {
		bool last;
		int err;

		while (is_space(*c.read))
			c.read++;
		if (!*c.read)
			return n;
		if (n == max)
			return -E2BIG;
		if (*separator < 0 && is_bare_separator(c.read))
			*separator = n;
		words[n++] = c.write;
		err = scan_word(&c);
		if (err)
			return err;
		/* Looked at first: the NUL may overwrite the space at read. */
		last = !*c.read;
		*c.write++ = '\0';
		if (last)
			return n;
		c.read++;
	}
}

int cmdline_split(char *line, char **words, int max)
{
	int separator;

	return split(line, words, max, &separator);
}

int cmdline_parse(char *line, char **words, int max, struct cmdline *out)
{
	int separator;
	int n = split(line, words, max, &separator);

	if (n < 0)
		return n;
	out->opts = words;
	if (separator < 0) {
		out->nopts = n;
		out->argv = words + n;
		out->argc = 0;
	} else {
		out->nopts = separator;
		out->argv = words + separator + 1;
		out->argc = n - separator - 1;
	}
	return 0;
}

size_t cmdline_option_name(const char *opt, const char **value)
{
	const char *eq = strchr(opt, '=');

	*value = eq ? eq + 1 : NULL;
	return eq ? (size_t)(eq - opt) : strlen(opt);
}
