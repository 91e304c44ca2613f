/* The environment for the program (env.c). */
#ifndef LIB_PROCESS_ENV_H
#define LIB_PROCESS_ENV_H

/* NULL-terminated. */
char *const *process_env(void);

#endif
