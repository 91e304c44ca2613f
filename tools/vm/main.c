/*
 * tessera-vm: the `tessera run` and `tessera accel` commands, in C so that
 * booting an image costs little more than QEMU itself, and the commands on
 * detached instances (instance_commands.c); ./tessera hands these straight
 * to this program.
 *
 *   tessera-vm run [OPTIONS] IMAGE|APPDIR [--] [ARGS...]
 *   tessera-vm accel [--refresh]
 *   tessera-vm ps|logs|stop|rm ...
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "instance.h"
#include "linux_program.h"
#include "process.h"
#include "session.h"
#include "stdin_relay.h"
#include "vm.h"

#define USAGE_STATUS 2

static const char run_usage[] =
	"usage: tessera run [-m MiB] [--kvm|--tcg] [--append OPTIONS] [--timeout SECONDS]\n"
	"                   [--icount] [-v HOSTDIR:GUESTDIR[:ro]]... [-e NAME=VALUE]...\n"
	"                   [--rootfs DIR|CPIO] [-d [--name NAME]] [-p HOSTPORT:GUESTPORT]...\n"
	"                   [--net user|tap:IFNAME [--ip ADDR/PREFIX [--gw GATEWAY]]]\n"
	"                   IMAGE|APPDIR|PROGRAM [--] [ARGS...]\n"
	"\n"
	"Boot IMAGE, or build and boot APPDIR, under QEMU -M microvm; or run PROGRAM, any\n"
	"Linux x86_64 executable, with its interpreter and libraries in a generated root\n"
	"file system. The program's stdin and stdout are the terminal's, its stderr and\n"
	"the kernel log go to stderr, and tessera exits with the program's status (a\n"
	"crash: 128+signal; Ctrl-C: 130; timeout: 124). -e and --rootfs apply to PROGRAM\n"
	"and to images with a program linked in (musl applications such as apps/lua).\n"
	"\n"
	"  -m, --memory MiB     guest memory: 64, 64M or 1G (default 64)\n"
	"      --kvm            require KVM\n"
	"      --tcg            use TCG even where KVM works\n"
	"      --append OPTIONS kernel options, e.g. 'loglevel=debug boottime'\n"
	"      --timeout SECS   stop the VM after this long\n"
	"      --icount         deterministic clock: one guest ns per instruction (TCG)\n"
	"  -v, --volume HOSTDIR:GUESTDIR[:ro]\n"
	"                       share a host directory, mounted at GUESTDIR (9p; repeatable);\n"
	"                       :ro makes it read-only for the guest\n"
	"  -e, --env NAME=VALUE set an environment variable of the program (repeatable)\n"
	"      --rootfs DIR|CPIO\n"
	"                       start the root file system from this tree or archive\n"
	"  -d, --detach         run in the background as an instance (see tessera ps,\n"
	"                       logs, stop, rm); prints its name\n"
	"      --name NAME      the instance's name (default: the program's, numbered)\n"
	"  -p, --publish HOSTPORT:GUESTPORT[/udp]\n"
	"                       forward 127.0.0.1:HOSTPORT to the guest (user networking;\n"
	"                       repeatable)\n"
	"      --net user|tap:IFNAME\n"
	"                       give the guest a network interface: QEMU user networking,\n"
	"                       or an existing tap device\n"
	"      --ip ADDR/PREFIX the guest's static IPv4 address (tap; default: DHCP)\n"
	"      --gw GATEWAY     its default gateway\n"
	"      --metrics PORT   serve Prometheus metrics at http://GUEST:PORT/metrics,\n"
	"                       forwarded from 127.0.0.1:PORT under user networking\n"
	"  -h, --help           this text\n";

static const char accel_usage[] =
	"usage: tessera accel [--refresh]\n"
	"\n"
	"Say whether run uses KVM or TCG, and why. KVM is used only when a probe guest\n"
	"runs correctly under it; the verdict is cached.\n"
	"\n"
	"      --refresh        probe again\n"
	"  -h, --help           this text\n";

static const char *top_dir(void)
{
	const char *top = getenv("TESSERA_TOP");

	return top && *top ? top : ".";
}

/* Start building APPDIR with `tessera build`; build_finish() waits for the image path. */
static FILE *build_start(const char *appdir)
{
	char tool[PATH_MAX];
	FILE *out;

	snprintf(tool, sizeof(tool), "'%s/tessera' build '%s' 2>&1", top_dir(), appdir);
	out = popen(tool, "r");
	if (!out)
		die(1, "cannot run %s/tessera build", top_dir());
	return out;
}

/* The build's last line of output is the image path; the rest goes to stderr. */
static char *build_finish(FILE *out)
{
	char line[PATH_MAX], last[PATH_MAX] = "";
	int status;

	while (fgets(line, sizeof(line), out)) {
		fputs(last, stderr); /* build output goes to stderr; stdout is the program's */
		strcpy(last, line);
	}
	status = pclose(out);
	if (status != 0) {
		fputs(last, stderr);
		exit(WIFEXITED(status) ? WEXITSTATUS(status) : 1);
	}
	last[strcspn(last, "\n")] = '\0';
	return strdup(last);
}

/* One line for what cannot be booted; nothing for what can. */
static enum vm_image_kind check_image(const char *image)
{
	enum vm_image_kind kind = vm_image_kind(image);

	if (kind == VM_IMAGE_UNREADABLE)
		die(1, "cannot open %s: %s", image, strerror(errno));
	if (kind == VM_IMAGE_NOT_ELF)
		die(1, "%s is not an ELF image", image);
	if (kind == VM_IMAGE_FOREIGN_ELF)
		die(1, "%s is not an x86_64 Linux program or Tessera image", image);
	return kind;
}

/* The program's argv[0]: the target's name without directory or ".elf". */
static char *program_name(const char *target)
{
	char *copy = strdup(target), *name, *dot;
	size_t len = strlen(copy);

	while (len > 1 && copy[len - 1] == '/')
		copy[--len] = '\0';
	name = strrchr(copy, '/') ? strrchr(copy, '/') + 1 : copy;
	dot = strrchr(name, '.');
	if (dot && !strcmp(dot, ".elf"))
		*dot = '\0';
	return name;
}

/* What ps shows of a detached instance: the target and its arguments. */
static char *command_line(const char *target, char *const args[], int n)
{
	size_t len = strlen(target) + 1;
	char *line;

	for (int i = 0; i < n; i++)
		len += strlen(args[i]) + 1;
	line = malloc(len);
	if (!line)
		die(1, "out of memory");
	strcpy(line, target);
	for (int i = 0; i < n; i++) {
		strcat(line, " ");
		strcat(line, args[i]);
	}
	line[strcspn(line, "\n")] = '\0'; /* one line in the instance's info file */
	return line;
}

/* QEMU appended the guest's stderr to our stderr's file: write after it, not over it. */
static void after_guest_output(void)
{
	lseek(STDERR_FILENO, 0, SEEK_END);
}

static int boot(struct vm_config *cfg, double timeout, struct stdin_relay *relay)
{
	static struct session s = {.signal_fd = -1};
	int channel[2], status;
	const char *message;
	enum wait_result r;

	/* QEMU's end must survive exec; ours must not leak into QEMU. */
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, channel))
		die(1, "cannot create the control channel: %s", strerror(errno));
	fcntl(channel[1], F_SETFD, 0);
	cfg->control_fd = channel[1];
	process_note_interrupts();
	s.qemu = process_spawn(vm_qemu_argv(cfg), false, relay ? relay->guest_end : -1);
	close(channel[1]);
	if (relay)
		close(relay->guest_end);
	if (s.qemu < 0)
		die(1, "cannot start %s: %s", cfg->qemu, strerror(errno));
	s.timeout_ms = timeout > 0 ? (int)(timeout * 1000) : -1;
	s.control_fd = channel[0];
	s.relay = relay;
	r = session_run(&s);
	close(channel[0]);
	after_guest_output();
	if (r == WAIT_TIMED_OUT) {
		fprintf(stderr, "tessera: timed out after %g s; the VM was stopped\n", timeout);
		return VM_STATUS_TIMEOUT;
	}
	if (r == WAIT_ERROR)
		die(1, "waiting for QEMU failed: %s", strerror(errno));
	status = vm_exit_status(vm_parse_control(s.control), s.wait_status,
				process_interrupted() ? SIGINT : 0, &message);
	if (message)
		fprintf(stderr, "tessera: %s\n", message);
	return status;
}

/* -v HOSTDIR:GUESTDIR: the host side must be a directory; QEMU gets its absolute path. */
static void add_volume(struct vm_volume *volumes, int *n, const char *spec)
{
	char *copy = strdup(spec), *host;
	struct stat st;

	if (*n == VM_MAX_VOLUMES)
		die(USAGE_STATUS, "at most %d shared directories (-v)", VM_MAX_VOLUMES);
	if (vm_parse_volume(copy, &volumes[*n]))
		die(USAGE_STATUS, "invalid -v '%s': give HOSTDIR:GUESTDIR[:ro], GUESTDIR absolute",
		    spec);
	host = realpath(volumes[*n].host, NULL);
	if (!host || stat(host, &st) || !S_ISDIR(st.st_mode))
		die(1, "-v %s: %s is not a directory", spec, volumes[*n].host);
	volumes[(*n)++].host = host;
}

enum {
	OPT_KVM = 256,
	OPT_TCG,
	OPT_APPEND,
	OPT_TIMEOUT,
	OPT_ICOUNT,
	OPT_REFRESH,
	OPT_ROOTFS,
	OPT_NAME,
	OPT_NET,
	OPT_IP,
	OPT_GW,
	OPT_METRICS,
};

static void add_forward(struct vm_network *net, const char *spec)
{
	if (net->nr_forwards == VM_MAX_FORWARDS)
		die(USAGE_STATUS, "at most %d port forwards (-p)", VM_MAX_FORWARDS);
	if (vm_parse_port_forward(spec, &net->forwards[net->nr_forwards]))
		die(USAGE_STATUS, "invalid -p '%s': give HOSTPORT:GUESTPORT, e.g. 8080:80 or 53:53/udp",
		    spec);
	net->nr_forwards++;
}

/* The network options, checked together. */
static void check_network(struct vm_network *net)
{
	if (net->nr_forwards && net->kind == VM_NET_TAP)
		die(USAGE_STATUS, "-p forwards host ports under user networking; with --net tap, "
				  "connect to the guest's address");
	if (net->nr_forwards)
		net->kind = VM_NET_USER;
	if ((net->ip || net->gw) && net->kind != VM_NET_TAP)
		die(USAGE_STATUS, "--ip and --gw configure a tap interface (--net tap:IFNAME)");
	if (net->gw && !net->ip)
		die(USAGE_STATUS, "--gw needs --ip (without --ip, the guest asks DHCP)");
}

static char *build_app(const char *appdir)
{
	return build_finish(build_start(appdir));
}

/* Start (re)building the ELF-loader image that runs Linux programs. */
static FILE *elfloader_build_start(void)
{
	char appdir[PATH_MAX];

	snprintf(appdir, sizeof(appdir), "%s/apps/elfloader", top_dir());
	return build_start(appdir);
}

/*
 * The program's absolute path, its directory resolved but not its own name:
 * programs that look at argv[0] (redis-server, a link to redis-check-rdb)
 * see the name they were started by.  NULL (errno set) if it does not exist.
 */
static char *program_path(const char *path)
{
	char *copy = strdup(path), *slash, *dir, *full = NULL;
	struct stat st;

	if (!copy)
		return NULL;
	slash = strrchr(copy, '/');
	if (slash)
		*slash = '\0';
	dir = realpath(!slash ? "." : slash == copy ? "/" : copy, NULL);
	if (dir && asprintf(&full, "%s/%s", strcmp(dir, "/") ? dir : "",
			    slash ? slash + 1 : copy) < 0)
		full = NULL;
	if (full && stat(full, &st)) {
		free(full);
		full = NULL;
	}
	free(dir);
	free(copy);
	return full;
}

/*
 * Set cfg up to run a Linux program: the one at path, under the ELF loader,
 * or (path NULL) the one linked into cfg's image.  Returns its kernel options.
 */
static char *prepare_linux_program(struct vm_config *cfg, struct linux_program *prog,
				   const char *path, const char *append, struct stdin_relay *relay)
{
	FILE *build = NULL;

	if (path) {
		prog->path = program_path(path);
		if (!prog->path)
			die(1, "cannot resolve %s: %s", path, strerror(errno));
		build = elfloader_build_start(); /* checked while the root file system is packed */
	}
	prog->framed_stdin = prog->detached || !isatty(STDIN_FILENO);
	if (prog->framed_stdin && stdin_relay_open(relay, STDIN_FILENO))
		die(1, "cannot create a pipe for stdin: %s", strerror(errno));
	linux_program_pack(prog);
	if (build)
		cfg->image = build_finish(build);
	cfg->initrd = prog->initrd;
	return linux_program_options(prog, append);
}

static int cmd_run(int argc, char *argv[])
{
	static const struct option options[] = {
		{"memory", required_argument, NULL, 'm'}, {"kvm", no_argument, NULL, OPT_KVM},
		{"tcg", no_argument, NULL, OPT_TCG},      {"append", required_argument, NULL, OPT_APPEND},
		{"timeout", required_argument, NULL, OPT_TIMEOUT},
		{"icount", no_argument, NULL, OPT_ICOUNT}, {"volume", required_argument, NULL, 'v'},
		{"env", required_argument, NULL, 'e'},    {"rootfs", required_argument, NULL, OPT_ROOTFS},
		{"detach", no_argument, NULL, 'd'},       {"name", required_argument, NULL, OPT_NAME},
		{"publish", required_argument, NULL, 'p'}, {"net", required_argument, NULL, OPT_NET},
		{"ip", required_argument, NULL, OPT_IP},  {"gw", required_argument, NULL, OPT_GW},
		{"metrics", required_argument, NULL, OPT_METRICS},
		{"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0}};
	static struct linux_program prog;
	struct stdin_relay relay;
	bool linux_program = false, runs_program;
	enum vm_image_kind kind;
	static struct vm_volume volumes[VM_MAX_VOLUMES];
	static struct vm_network net;
	struct vm_config cfg = {.memory_mib = VM_DEFAULT_MEMORY_MIB, .volumes = volumes};
	const char *append = "", *reason, *target, *instance_name = NULL;
	static struct instance instance;
	bool want_kvm = false, want_tcg = false;
	double timeout = 0;
	char *end, *image, *name, *kernel_options;
	char metrics_forward[16], metrics_option[32];
	long metrics_port = 0;
	struct stat st;
	int opt;

	while ((opt = getopt_long(argc, argv, "+m:v:e:dp:h", options, NULL)) != -1) {
		switch (opt) {
		case 'm':
			cfg.memory_mib = vm_parse_memory(optarg);
			if (!cfg.memory_mib)
				die(USAGE_STATUS,
				    "invalid memory size '%s': give at least %d MiB, e.g. 64, 64M or 1G",
				    optarg, VM_MIN_MEMORY_MIB);
			break;
		case OPT_KVM:
			want_kvm = true;
			break;
		case OPT_TCG:
			want_tcg = true;
			break;
		case OPT_APPEND:
			append = optarg;
			break;
		case OPT_TIMEOUT:
			timeout = strtod(optarg, &end);
			if (*end || timeout <= 0)
				die(USAGE_STATUS, "invalid timeout '%s': give seconds, e.g. 30", optarg);
			break;
		case OPT_ICOUNT:
			cfg.icount = true;
			break;
		case 'v':
			add_volume(volumes, &cfg.nr_volumes, optarg);
			break;
		case 'e':
			if (!strchr(optarg, '=') || optarg[0] == '=')
				die(USAGE_STATUS, "invalid -e '%s': give NAME=VALUE", optarg);
			if (prog.nr_env == LINUX_MAX_ENV)
				die(USAGE_STATUS, "at most %d -e options", LINUX_MAX_ENV);
			prog.env[prog.nr_env++] = optarg;
			break;
		case OPT_ROOTFS:
			prog.rootfs = optarg;
			break;
		case 'd':
			prog.detached = true;
			break;
		case OPT_NAME:
			instance_name = optarg;
			break;
		case 'p':
			add_forward(&net, optarg);
			break;
		case OPT_NET:
			if (vm_parse_net(optarg, &net))
				die(USAGE_STATUS, "invalid --net '%s': give user or tap:IFNAME", optarg);
			break;
		case OPT_IP:
			if (vm_parse_ip_prefix(optarg))
				die(USAGE_STATUS, "invalid --ip '%s': give ADDR/PREFIX, e.g. 10.0.0.2/24",
				    optarg);
			net.ip = optarg;
			break;
		case OPT_GW:
			if (vm_parse_ip(optarg))
				die(USAGE_STATUS, "invalid --gw '%s': give an IPv4 address", optarg);
			net.gw = optarg;
			break;
		case OPT_METRICS:
			metrics_port = strtol(optarg, &end, 10);
			if (*end || end == optarg || metrics_port < 1 || metrics_port > 65535)
				die(USAGE_STATUS, "invalid --metrics '%s': give a TCP port, e.g. 9100",
				    optarg);
			break;
		case 'h':
			fputs(run_usage, stdout);
			return 0;
		default:
			fputs(run_usage, stderr);
			return USAGE_STATUS;
		}
	}
	if (optind >= argc)
		die(USAGE_STATUS, "run: which image or application directory? (see --help)");
	if (metrics_port && net.kind != VM_NET_TAP) {
		snprintf(metrics_forward, sizeof(metrics_forward), "%ld:%ld", metrics_port, metrics_port);
		add_forward(&net, metrics_forward);
	}
	check_network(&net);
	if (want_kvm && (want_tcg || cfg.icount))
		die(USAGE_STATUS, "--kvm cannot be combined with --tcg or --icount");
	if (instance_name && !prog.detached)
		die(USAGE_STATUS, "--name names a detached instance: add -d");
	target = argv[optind++];
	if (optind < argc && !strcmp(argv[optind], "--"))
		optind++;
	if (stat(target, &st))
		die(1, "no such image or application directory: %s", target);
	if (prog.detached)
		instance_create(&instance, instance_name, program_name(target),
				command_line(target, &argv[optind], argc - optind));
	image = S_ISDIR(st.st_mode) ? build_app(target) : (char *)target;
	kind = check_image(image);
	linux_program = kind == VM_IMAGE_LINUX_PROGRAM;
	runs_program = linux_program || kind == VM_IMAGE_TESSERA_PROGRAM;
	if (!runs_program && (prog.nr_env || prog.rootfs))
		die(USAGE_STATUS,
		    "-e and --rootfs are for Linux programs; %s is a Tessera image without one", image);
	cfg.qemu = vm_find_qemu();
	if (!cfg.qemu)
		die(1, "qemu-system-x86_64 is not installed: apt-get install qemu-system-x86");
	cfg.image = image;
	if (runs_program)
		append = prepare_linux_program(&cfg, &prog, linux_program ? image : NULL, append,
					       &relay);
	if (want_tcg || cfg.icount)
		cfg.accel = VM_ACCEL_TCG;
	else
		cfg.accel = vm_choose_accel(cfg.qemu, false, &reason);
	if (want_kvm && cfg.accel != VM_ACCEL_KVM)
		die(1, "--kvm: KVM is not usable on this host (%s)", reason);
	/*
	 * The kernel's argv: the image's name, then the arguments; a Linux
	 * program's path comes first among them (the ELF loader's argument).
	 */
	name = program_name(linux_program ? cfg.image : target);
	if (linux_program)
		argv[--optind] = (char *)prog.path;
	argv[optind - 1] = name;
	kernel_options = vm_volume_options(append, volumes, cfg.nr_volumes);
	if (metrics_port)
		snprintf(metrics_option, sizeof(metrics_option), "metrics.port=%ld", metrics_port);
	if (!kernel_options || vm_network_options(&net, &kernel_options) ||
	    (metrics_port && vm_options_add(&kernel_options, metrics_option)) ||
	    vm_clock_options(&cfg, &kernel_options))
		die(1, "out of memory");
	cfg.netdev = vm_netdev_arg(&net);
	cfg.cmdline = vm_kernel_cmdline(kernel_options, &argv[optind - 1], argc - optind + 1);
	if (prog.detached)
		return instance_detach(&instance, &cfg, runs_program ? &relay : NULL, timeout,
				       runs_program ? prog.initrd : NULL);
	return boot(&cfg, timeout, runs_program && prog.framed_stdin ? &relay : NULL);
}

static int cmd_accel(int argc, char *argv[])
{
	static const struct option options[] = {{"refresh", no_argument, NULL, OPT_REFRESH},
						{"help", no_argument, NULL, 'h'},
						{NULL, 0, NULL, 0}};
	bool refresh = false;
	const char *reason;
	char *qemu;
	int opt;

	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		if (opt == OPT_REFRESH) {
			refresh = true;
		} else if (opt == 'h') {
			fputs(accel_usage, stdout);
			return 0;
		} else {
			fputs(accel_usage, stderr);
			return USAGE_STATUS;
		}
	}
	qemu = vm_find_qemu();
	if (!qemu)
		die(1, "qemu-system-x86_64 is not installed: apt-get install qemu-system-x86");
	printf("%s: ", vm_choose_accel(qemu, refresh, &reason) == VM_ACCEL_KVM ? "kvm" : "tcg");
	printf("%s\n", reason);
	return 0;
}

int main(int argc, char *argv[])
{
	static const struct {
		const char *name;
		int (*fn)(int argc, char *argv[]);
	} commands[] = {{"run", cmd_run},   {"accel", cmd_accel}, {"ps", cmd_ps},
			{"logs", cmd_logs}, {"stop", cmd_stop},   {"rm", cmd_rm}};

	for (size_t i = 0; argc >= 2 && i < sizeof(commands) / sizeof(*commands); i++) {
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	}
	fprintf(stderr, "usage: tessera-vm run|accel|ps|logs|stop|rm [OPTIONS] ...\n");
	return USAGE_STATUS;
}
