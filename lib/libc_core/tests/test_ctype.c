/* nolibc's <ctype.h> against the host's "C" locale, for EOF and every byte. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>

int host_isalnum(int c) __asm__("isalnum");
int host_isalpha(int c) __asm__("isalpha");
int host_isblank(int c) __asm__("isblank");
int host_iscntrl(int c) __asm__("iscntrl");
int host_isdigit(int c) __asm__("isdigit");
int host_isgraph(int c) __asm__("isgraph");
int host_islower(int c) __asm__("islower");
int host_isprint(int c) __asm__("isprint");
int host_ispunct(int c) __asm__("ispunct");
int host_isspace(int c) __asm__("isspace");
int host_isupper(int c) __asm__("isupper");
int host_isxdigit(int c) __asm__("isxdigit");
int host_tolower(int c) __asm__("tolower");
int host_toupper(int c) __asm__("toupper");

static const struct {
	const char *name;
	int (*ours)(int);
	int (*host)(int);
} classes[] = {
	{"isalnum", isalnum, host_isalnum},
	{"isalpha", isalpha, host_isalpha},
	{"isblank", isblank, host_isblank},
	{"iscntrl", iscntrl, host_iscntrl},
	{"isdigit", isdigit, host_isdigit},
	{"isgraph", isgraph, host_isgraph},
	{"islower", islower, host_islower},
	{"isprint", isprint, host_isprint},
	{"ispunct", ispunct, host_ispunct},
	{"isspace", isspace, host_isspace},
	{"isupper", isupper, host_isupper},
	{"isxdigit", isxdigit, host_isxdigit},
};

static void test_classes(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++) {
		for (int c = EOF; c <= 255; c++) {
			if (!classes[i].ours(c) != !classes[i].host(c)) {
				print_error("%s(%d): %d, host %d\n", classes[i].name, c,
					    classes[i].ours(c), classes[i].host(c));
				fail();
			}
		}
	}
}

static void test_case_mapping(void **state)
{
	(void)state;
	for (int c = EOF; c <= 255; c++) {
		assert_int_equal(tolower(c), host_tolower(c));
		assert_int_equal(toupper(c), host_toupper(c));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classes),
		cmocka_unit_test(test_case_mapping),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
