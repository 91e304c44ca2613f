/*
 * The control channel to whoever runs the machine (tessera run): one line
 * per message.  "stdin-ready" says the console can take input without
 * losing any; "exit N" and "crash N" end the run (see shutdown.h).
 */
#ifndef TESSERA_PLAT_CONTROL_H
#define TESSERA_PLAT_CONTROL_H

void plat_control_message(const char *line);

#endif
