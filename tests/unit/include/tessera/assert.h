/* Host stand-in for <tessera/assert.h>: a failed ASSERT() fails the cmocka test. */
#ifndef TESSERA_ASSERT_H
#define TESSERA_ASSERT_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#define ASSERT(cond)       mock_assert((int)!!(cond), #cond, __FILE__, __LINE__)
#define BUILD_ASSERT(cond) _Static_assert(cond, #cond)

#endif /* TESSERA_ASSERT_H */
