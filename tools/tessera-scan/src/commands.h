/* SPDX-License-Identifier: BSD-3-Clause */
/* The subcommands; each takes the arguments after its own name. */
#ifndef TS_COMMANDS_H
#define TS_COMMANDS_H

int cmd_run(int argc, char **argv);
int cmd_trace(int argc, char **argv);
int cmd_static(int argc, char **argv);
int cmd_source(int argc, char **argv);
int cmd_musl_table(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_gap(int argc, char **argv);
int cmd_list(int argc, char **argv);

#endif
