/*
 * Force-included (-include) into libc_core's host tests, so that the functions
 * under test build as libc_memcpy, libc_strtol, ... and link beside the
 * host's own.  libc_core's sources stay exactly as the kernel builds them.
 *
 * The host's headers are read first, under their real names; the macros then
 * rename every later mention: the definitions in libc_core's sources (whose
 * #include <string.h> etc. are by now no-ops) and the declarations in
 * libc_core's headers, included below by path so that the definitions are
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

#define memcpy	    libc_memcpy
#define memmove	    libc_memmove
#define memset	    libc_memset
#define memcmp	    libc_memcmp
#define memchr	    libc_memchr
#define memrchr	    libc_memrchr
#define strlen	    libc_strlen
#define strnlen	    libc_strnlen
#define strcmp	    libc_strcmp
#define strncmp	    libc_strncmp
#define strcasecmp  libc_strcasecmp
#define strncasecmp libc_strncasecmp
#define strchr	    libc_strchr
#define strrchr	    libc_strrchr
#define strchrnul   libc_strchrnul
#define strstr	    libc_strstr
#define strspn	    libc_strspn
#define strcspn	    libc_strcspn
#define strpbrk	    libc_strpbrk
#define strtok_r    libc_strtok_r
#define strcpy	    libc_strcpy
#define stpcpy	    libc_stpcpy
#define strncpy	    libc_strncpy
#define strcat	    libc_strcat
#define strncat	    libc_strncat
#define strdup	    libc_strdup
#define strndup	    libc_strndup
#define strerror    libc_strerror

#define isalnum	 libc_isalnum
#define isalpha	 libc_isalpha
#define isblank	 libc_isblank
#define iscntrl	 libc_iscntrl
#define isdigit	 libc_isdigit
#define isgraph	 libc_isgraph
#define islower	 libc_islower
#define isprint	 libc_isprint
#define ispunct	 libc_ispunct
#define isspace	 libc_isspace
#define isupper	 libc_isupper
#define isxdigit libc_isxdigit
#define tolower	 libc_tolower
#define toupper	 libc_toupper

#define abs	 libc_abs
#define labs	 libc_labs
#define llabs	 libc_llabs
#define atoi	 libc_atoi
#define atol	 libc_atol
#define atoll	 libc_atoll
#define strtol	 libc_strtol
#define strtoul	 libc_strtoul
#define strtoll	 libc_strtoll
#define strtoull libc_strtoull
#define qsort	 libc_qsort
#define bsearch	 libc_bsearch
#define getenv	 libc_getenv
#define environ	 libc_environ

#include "../include/ctype.h"
#include "../../nolibc/include/stdlib.h"
#include "../include/string.h"
#include "../include/strings.h"
#include "../../nolibc/include/unistd.h"

#endif /* NOLIBC_TEST_NAMES_H */
