/* The smallest useful program: what starting and ending a process costs. */
#include <stdio.h>

int main(void)
{
	puts("hello");
	return 0;
}
