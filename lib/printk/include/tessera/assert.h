/* Assertions: a failed ASSERT() reports the condition and location, then panics. */
#ifndef TESSERA_ASSERT_H
#define TESSERA_ASSERT_H

#include <tessera/compiler.h>

__noreturn void assert_fail(const char *cond, const char *file, int line, const char *func);

#define ASSERT(cond)                                                                               \
	do {                                                                                       \
		if (unlikely(!(cond)))                                                             \
			assert_fail(#cond, __FILE__, __LINE__, __func__);                          \
	} while (0)

#define BUILD_ASSERT(cond) _Static_assert(cond, #cond)

#endif /* TESSERA_ASSERT_H */
