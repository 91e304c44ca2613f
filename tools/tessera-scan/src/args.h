/* SPDX-License-Identifier: BSD-3-Clause */
/* Validation of command-line values, with one-line errors. */
#ifndef TS_ARGS_H
#define TS_ARGS_H

/* A whole number in [min, max], or exit with a message naming the option. */
int arg_int(const char *value, const char *option, int min, int max);
/* The index of value in the NULL-terminated choices, or exit with a message. */
int arg_choice(const char *value, const char *option, const char *const *choices);

#endif
