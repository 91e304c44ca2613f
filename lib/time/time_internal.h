/* Shared by the parts of lib/time. */
#ifndef LIB_TIME_INTERNAL_H
#define LIB_TIME_INTERNAL_H

#include <stdint.h>

/* The wall-clock offset from the monotonic clock, kept in the clock page (vvar.c). */
int64_t vvar_realtime_offset(void);
void vvar_set_realtime_offset(int64_t ns);
/* Copy the TSC conversion into the clock page once the platform knows it. */
void vvar_publish_tsc(void);

#endif
