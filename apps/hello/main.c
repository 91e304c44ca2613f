/* The smallest Tessera application. */
#include <stdio.h>

int main(void)
{
	printf("Hello from Tessera\n");
	return 0;
}
