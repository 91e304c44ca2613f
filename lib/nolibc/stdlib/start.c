/* nolibc needs no set-up: main runs as is (its exit hooks flush stdout). */
#include <tessera/libc.h>

int main(int argc, char *argv[]);

int libc_start_main(int argc, char **argv)
{
	return main(argc, argv);
}
