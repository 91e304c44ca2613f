/* No include guard: each inclusion re-reads NDEBUG, as C requires. */
#undef assert
#ifdef NDEBUG
#define assert(expr) ((void)0)
#else
#define assert(expr) ((expr) ? (void)0 : __assert_fail(#expr, __FILE__, __LINE__, __func__))
#endif

#ifndef __cplusplus
#define static_assert _Static_assert
#endif

/* Prints "file:line: func: Assertion `expr' failed." on stderr, then abort()s. */
__attribute__((noreturn)) void __assert_fail(const char *expr, const char *file, unsigned int line,
					     const char *func);
