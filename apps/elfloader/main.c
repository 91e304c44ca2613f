/*
 * The ELF loader application: runs the Linux program named by its first
 * argument (a path in the root file system) with the arguments that follow.
 * This is the image `tessera run ELF` boots.
 */
#include <stdio.h>
#include <tessera/process.h>

int main(int argc, char *argv[])
{
	if (argc < 2) {
		fprintf(stderr, "usage: elfloader PROGRAM [ARGS...]\n");
		return 2;
	}
	process_exec(argv[1], argv + 1);
	return 127; /* as a shell reports a program it cannot run */
}
