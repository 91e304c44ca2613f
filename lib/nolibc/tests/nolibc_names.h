/*
 * Force-included (-include) into nolibc's host tests, so that the functions
 * under test build as nolibc_memcpy, nolibc_strtol, ... and link beside the
 * host's own.  nolibc's sources stay exactly as the kernel builds them.
 *
 * The host's headers are read first, under their real names; the macros then
 * rename every later mention: the definitions in nolibc's sources (whose
 * #include <string.h> etc. are by now no-ops) and the declarations in
 * nolibc's headers, included below by path so that the definitions are
 * checked against them.  A test reaches a host function by its link name,
 * which no macro touches:
 *	long host_strtol(const char *s, char **end, int base) __asm__("strtol");
 */
#ifndef NOLIBC_TEST_NAMES_H
#define NOLIBC_TEST_NAMES_H

#define _GNU_SOURCE
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* glibc's function-like macros would shadow the renaming. */
#undef isalnum
#undef isalpha
#undef isblank
#undef iscntrl
#undef isdigit
#undef isgraph
#undef islower
#undef isprint
#undef ispunct
#undef isspace
#undef isupper
#undef isxdigit
#undef tolower
#undef toupper

#define memcpy	    nolibc_memcpy
#define memmove	    nolibc_memmove
#define memset	    nolibc_memset
#define memcmp	    nolibc_memcmp
#define memchr	    nolibc_memchr
#define memrchr	    nolibc_memrchr
#define strlen	    nolibc_strlen
#define strnlen	    nolibc_strnlen
#define strcmp	    nolibc_strcmp
#define strncmp	    nolibc_strncmp
#define strcasecmp  nolibc_strcasecmp
#define strncasecmp nolibc_strncasecmp
#define strchr	    nolibc_strchr
#define strrchr	    nolibc_strrchr
#define strchrnul   nolibc_strchrnul
#define strstr	    nolibc_strstr
#define strspn	    nolibc_strspn
#define strcspn	    nolibc_strcspn
#define strpbrk	    nolibc_strpbrk
#define strtok_r    nolibc_strtok_r
#define strcpy	    nolibc_strcpy
#define stpcpy	    nolibc_stpcpy
#define strncpy	    nolibc_strncpy
#define strcat	    nolibc_strcat
#define strncat	    nolibc_strncat
#define strdup	    nolibc_strdup
#define strndup	    nolibc_strndup
#define strerror    nolibc_strerror

#define isalnum	 nolibc_isalnum
#define isalpha	 nolibc_isalpha
#define isblank	 nolibc_isblank
#define iscntrl	 nolibc_iscntrl
#define isdigit	 nolibc_isdigit
#define isgraph	 nolibc_isgraph
#define islower	 nolibc_islower
#define isprint	 nolibc_isprint
#define ispunct	 nolibc_ispunct
#define isspace	 nolibc_isspace
#define isupper	 nolibc_isupper
#define isxdigit nolibc_isxdigit
#define tolower	 nolibc_tolower
#define toupper	 nolibc_toupper

#define abs	 nolibc_abs
#define labs	 nolibc_labs
#define llabs	 nolibc_llabs
#define atoi	 nolibc_atoi
#define atol	 nolibc_atol
#define atoll	 nolibc_atoll
#define strtol	 nolibc_strtol
#define strtoul	 nolibc_strtoul
#define strtoll	 nolibc_strtoll
#define strtoull nolibc_strtoull
#define qsort	 nolibc_qsort
#define bsearch	 nolibc_bsearch
#define getenv	 nolibc_getenv
#define environ	 nolibc_environ

#include "../include/ctype.h"
#include "../include/stdlib.h"
#include "../include/string.h"
#include "../include/strings.h"
#include "../include/unistd.h"

#endif /* NOLIBC_TEST_NAMES_H */
