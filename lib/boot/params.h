/* Kernel options from the command line, matched against KERNEL_PARAM registrations. */
#ifndef LIB_BOOT_PARAMS_H
#define LIB_BOOT_PARAMS_H

#include <stdbool.h>

void params_apply(char **opts, int nopts);
/* Warn about options no library claimed; called once consoles exist. */
void params_report_unknown(void);
bool params_boot_time_requested(void);

#endif
