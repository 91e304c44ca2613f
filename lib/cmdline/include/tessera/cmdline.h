/*
 * The kernel command line: "opt1 opt2=value -- app arg1 arg2".
 *
 * Quoting follows the shell, simplified: whitespace separates words, '...'
 * quotes literally, "..." quotes with \" and \\ as the only escapes, and a
 * backslash outside quotes escapes the next character.  Quotes may adjoin
 * other text within a word ('a'"b"c is "abc"); '' is an empty word.  The CLI
 * quotes every argument as '...', writing a ' inside as '\''.
 */
#ifndef TESSERA_CMDLINE_H
#define TESSERA_CMDLINE_H

#include <stddef.h>
#include <stdint.h>

/*
 * Split line in place into at most max words, pointers into line stored in
 * words[].  Returns the number of words, -E2BIG if there are more than max,
 * -EINVAL on an unterminated quote or a trailing backslash.  On error, line
 * is left partly rewritten.
 */
int cmdline_split(char *line, char **words, int max);

struct cmdline {
	char **opts; /* kernel options: "name" or "name=value" */
	int nopts;
	char **argv; /* the application's arguments */
	int argc;
};

/*
 * Split, then cut at the first bare "--" word (a quoted '--' is an ordinary
 * word): kernel options before it, the application's arguments after.
 * Without "--", every word is a kernel option.  Returns 0 or an error of
 * cmdline_split().
 */
int cmdline_parse(char *line, char **words, int max, struct cmdline *out);

/* For an option word: set *value to the text after '=' (NULL if none) and return the name's length.
 */
size_t cmdline_option_name(const char *opt, const char **value);

/*
 * The unsigned number at the start of s, in base 2-36 or 0 (C's prefixes:
 * 0x hexadecimal, 0 octal).  No sign, no leading space.  With end, *end is
 * set past the digits; without, the digits must be all of s.  Returns 0,
 * -EINVAL without digits (or with trailing text), -ERANGE past 64 bits.
 */
int cmdline_number(const char *s, int base, const char **end, uint64_t *value);

#endif /* TESSERA_CMDLINE_H */
