/* Prints its arguments one per line, in brackets; "--spin" runs forever (for Ctrl-C tests). */
#include <stdio.h>
#include <string.h>

int main(int argc, char *argv[])
{
	if (argc == 2 && !strcmp(argv[1], "--spin")) {
		printf("spinning\n");
		fflush(stdout);
		for (;;)
			__asm__ __volatile__("pause");
	}
	for (int i = 0; i < argc; i++)
		printf("[%s]\n", argv[i]);
	return argv[argc] != NULL;
}
