/*
 * What a syscall returns when a signal interrupted its wait (the program
 * never sees these): on the way back to application code, lib/signal turns
 * them into -EINTR or restarts the call, with Linux's codes and rules.
 */
#ifndef TESSERA_RESTART_H
#define TESSERA_RESTART_H

#define ERESTARTSYS    512 /* restart unless a handler without SA_RESTART runs */
#define ERESTARTNOINTR 513 /* always restart */
#define ERESTARTNOHAND 514 /* restart only if no handler runs */

#endif
