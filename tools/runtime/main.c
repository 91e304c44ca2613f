/*
 * tessera-runtime: an OCI runtime, runc-compatible, that boots a Tessera
 * unikernel in QEMU instead of creating a Linux container.  containerd's
 * io.containerd.runc.v2 shim drives it with BinaryName pointing here, as
 *
 *   tessera-runtime [--root DIR] [--log FILE] [--log-format json|text] COMMAND ...
 *
 * with create, start, state, kill, delete, ps, pause, resume, features;
 * exec is refused.  The image is one `tessera pkg` made (see spec.h).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "commands.h"
#include "container.h"
#include "log.h"

static const char usage[] =
	"usage: tessera-runtime [--root DIR] [--log FILE] [--log-format json|text] COMMAND ...\n"
	"\n"
	"An OCI runtime (runc's command line) that runs Tessera images under QEMU.\n"
	"\n"
	"  create --bundle DIR --pid-file FILE [--console-socket SOCKET] ID\n"
	"  start ID | pause ID | resume ID | state ID\n"
	"  kill [--all] ID [SIGNAL]          TERM asks the guest to stop; KILL ends it\n"
	"  delete [--force] ID\n"
	"  ps [--format table|json] ID\n"
	"  features\n"
	"\n"
	"Containers' state lives under --root (default /run/tessera-runtime).\n";

static const struct {
	const char *name;
	int (*fn)(int argc, char *argv[]);
} commands[] = {
	{"create", cmd_create}, {"start", cmd_start}, {"state", cmd_state},
	{"kill", cmd_kill},     {"delete", cmd_delete}, {"ps", cmd_ps},
	{"pause", cmd_pause},   {"resume", cmd_resume}, {"features", cmd_features},
	{"exec", cmd_exec},
};

enum { OPT_ROOT = 256, OPT_LOG, OPT_LOG_FORMAT, OPT_IGNORED, OPT_VERSION };

int main(int argc, char *argv[])
{
	static const struct option options[] = {
		{"root", required_argument, NULL, OPT_ROOT},
		{"log", required_argument, NULL, OPT_LOG},
		{"log-format", required_argument, NULL, OPT_LOG_FORMAT},
		/* runc's options that mean nothing for a guest */
		{"systemd-cgroup", no_argument, NULL, OPT_IGNORED},
		{"debug", no_argument, NULL, OPT_IGNORED},
		{"version", no_argument, NULL, OPT_VERSION},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	const char *log = NULL;
	bool json = true;
	int opt;

	while ((opt = getopt_long(argc, argv, "+h", options, NULL)) != -1) {
		switch (opt) {
		case OPT_ROOT:
			runtime_root = optarg;
			break;
		case OPT_LOG:
			log = optarg;
			break;
		case OPT_LOG_FORMAT:
			json = strcmp(optarg, "text") != 0;
			break;
		case OPT_IGNORED:
			break;
		case OPT_VERSION:
			printf("tessera-runtime\nspec: 1.0.2\n");
			return 0;
		case 'h':
			fputs(usage, stdout);
			return 0;
		default:
			fputs(usage, stderr);
			return 2;
		}
	}
	log_open(log, json);
	if (optind == argc) {
		fputs(usage, stderr);
		return 2;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(*commands); i++) {
		if (!strcmp(argv[optind], commands[i].name)) {
			argc -= optind;
			argv += optind;
			optind = 1;
			return commands[i].fn(argc, argv);
		}
	}
	fail("unknown command '%s' (see --help)", argv[optind]);
}
