/*
 * libc core's functions under the internal names musl's own files call.
 * Without them, a musl file needing one (getenv calls __strchrnul) would
 * pull in musl's copy of the public function too, and the link would find
 * it defined twice.
 */
#include <string.h>

char *__strchrnul(const char *s, int c)
{
	return strchrnul(s, c);
}
