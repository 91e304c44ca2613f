/* Bytes from the console's input, decoded (see console_input.c). */
#ifndef LIB_DEVFS_CONSOLE_INPUT_H
#define LIB_DEVFS_CONSOLE_INPUT_H

#include <stdbool.h>
#include <stddef.h>

/* Up to len bytes; blocks until at least one (or end of input), unless nonblock. Returns
 * the count, 0 at end of input, or -EAGAIN. */
long console_input_read(char *buf, size_t len, bool nonblock);
/* Bytes that a read would return without waiting. */
size_t console_input_pending(void);
/* A read would not wait: input is there, or its end. */
bool console_input_ready(void);

struct poll_table;
/* Register the wait queue that input (or its end) wakes, for poll. */
void console_input_poll_wait(struct poll_table *pt);

#endif
