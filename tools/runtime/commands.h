/* tessera-runtime's subcommands, each as runc takes it (after the global options). */
#ifndef TESSERA_RUNTIME_COMMANDS_H
#define TESSERA_RUNTIME_COMMANDS_H

int cmd_create(int argc, char *argv[]);
int cmd_start(int argc, char *argv[]);
int cmd_pause(int argc, char *argv[]);
int cmd_resume(int argc, char *argv[]);
int cmd_kill(int argc, char *argv[]);
int cmd_delete(int argc, char *argv[]);
int cmd_state(int argc, char *argv[]);
int cmd_ps(int argc, char *argv[]);
int cmd_features(int argc, char *argv[]);
int cmd_exec(int argc, char *argv[]);

#endif
