/*
 * Booting Tessera images under QEMU -M microvm: the plumbing shared by
 * `tessera run` (run.c) and, later, the OCI runtime.
 *
 * Wiring: COM1 (16550) is the program's stdin/stdout through QEMU's stdio
 * chardev; a debugcon on port 0xe9 carries its stderr and the kernel log; a
 * second debugcon on port 0x402, the control port, receives the final
 * "exit N" or "crash N" line, since QEMU's own exit code (2N+1 from
 * isa-debug-exit, truncated to 8 bits) cannot carry statuses above 127.
 * Each shared host directory (-v) is a virtio-9p device with mount tag tsN,
 * which the kernel option 9p.mount=tsN:GUESTDIR mounts; the virtio-mmio
 * transports are made modern (virtio 1.x), the only kind the kernel drives.
 */
#ifndef TESSERA_VM_H
#define TESSERA_VM_H

#include <stdbool.h>
#include <stddef.h>

#define VM_DEFAULT_MEMORY_MIB 64
#define VM_MIN_MEMORY_MIB     2
#define VM_STATUS_INTERRUPTED 130
#define VM_STATUS_TIMEOUT     124
#define VM_STATUS_START_FAILED 125 /* as docker run's own failures */
#define VM_MAX_VOLUMES        8
#define VM_MAX_FORWARDS       16

/* A host directory the guest sees at an absolute path. */
struct vm_volume {
	const char *host;
	const char *guest;
	bool readonly; /* :ro: the guest gets EROFS on writes */
};

enum vm_accel { VM_ACCEL_TCG, VM_ACCEL_KVM };

/*
 * -p HOSTPORT:GUESTPORT[/udp]: a host port on 127.0.0.1 forwarded to the
 * guest; on every host address for a host-network pod's ports.
 */
struct vm_port_forward {
	int host_port;
	int guest_port;
	bool udp;
	bool all_addresses;
};

/*
 * The guest's one network interface (virtio-net): none, QEMU user
 * networking (outbound connections plus -p forwards), or an existing tap
 * device; ip ("ADDR/PREFIX") and gw are static settings, else DHCP.
 */
enum vm_net_kind { VM_NET_NONE, VM_NET_USER, VM_NET_TAP };
struct vm_network {
	enum vm_net_kind kind;
	char ifname[16];
	struct vm_port_forward forwards[VM_MAX_FORWARDS];
	int nr_forwards;
	const char *ip;
	const char *gw;
};

struct vm_config {
	const char *qemu;
	const char *image;
	unsigned long memory_mib;
	enum vm_accel accel;
	const char *cmdline;
	int control_fd; /* our end's peer: QEMU's control port chardev */
	bool icount;
	const struct vm_volume *volumes;
	int nr_volumes;
	const char *initrd; /* the root file system, or NULL */
	const char *qmp;    /* a QMP socket to create, or NULL */
	bool paused;        /* start with the CPU stopped (QMP "cont" starts it) */
	const char *netdev; /* QEMU's -netdev for the guest's interface, or NULL */
	const char *mac;    /* its MAC address ("aa:bb:cc:dd:ee:ff"), or NULL for QEMU's */
};

enum vm_image_kind {
	VM_IMAGE_TESSERA,       /* boots as is (it has the PVH note) */
	VM_IMAGE_TESSERA_PROGRAM, /* boots as is and runs a Linux-ABI program (Tessera's note) */
	VM_IMAGE_LINUX_PROGRAM, /* runs under the ELF-loader image */
	VM_IMAGE_FOREIGN_ELF,   /* not 64-bit x86 */
	VM_IMAGE_NOT_ELF,
	VM_IMAGE_UNREADABLE,
};

enum vm_image_kind vm_image_kind(const char *path);

/* "64", "64M", "64MiB", "1G" -> MiB; 0 when malformed or below VM_MIN_MEMORY_MIB. */
unsigned long vm_parse_memory(const char *text);

/*
 * The kernel command line: options, then "--" and every argument quoted for
 * lib/cmdline ('...', with ' written as '\'').  Returns a malloc'd string.
 */
char *vm_kernel_cmdline(const char *options, char *const argv[], int argc);

/* Append one kernel option word, quoted, to the malloc'd string *options (NULL: empty). */
int vm_options_add(char **options, const char *word);

/*
 * "HOSTDIR:GUESTDIR", split in place at the last ":/" (GUESTDIR is absolute;
 * HOSTDIR may hold colons).  0, or -1 when malformed.
 */
int vm_parse_volume(char *spec, struct vm_volume *out);

/* options followed by the kernel options that mount each volume, quoted.  malloc'd. */
char *vm_volume_options(const char *options, const struct vm_volume *volumes, int n);

/* "8080:80", "5353:53/udp": 0, or -1 when malformed. */
int vm_parse_port_forward(const char *spec, struct vm_port_forward *out);
/* "user" or "tap:IFNAME" into net->kind (and ifname): 0, or -1 when malformed. */
int vm_parse_net(const char *spec, struct vm_network *net);
/* "10.0.0.2/24" (IPv4 address and prefix length), "10.0.0.1": 0, or -1 when malformed. */
int vm_parse_ip_prefix(const char *text);
int vm_parse_ip(const char *text);
/* QEMU's -netdev value for net (malloc'd), or NULL for no network. */
char *vm_netdev_arg(const struct vm_network *net);
/* Append the kernel options that configure the guest's address: 0, or -1 out of memory. */
int vm_network_options(const struct vm_network *net, char **options);

/* QEMU's argv for cfg, NULL-terminated and malloc'd (the strings are cfg's or static). */
char **vm_qemu_argv(const struct vm_config *cfg);

/* The last line of the control port, if it says "exit N" or "crash N". */
enum vm_outcome_kind { VM_EXITED, VM_CRASHED, VM_NO_REPORT };
struct vm_outcome {
	enum vm_outcome_kind kind;
	int status;
};
struct vm_outcome vm_parse_control(const char *text);

/*
 * The program's status from the control port's report, else from how QEMU
 * ended: stop_signal (0: none) is the signal that made us stop the guest
 * (SIGINT: Ctrl-C).  *message gets a one-line explanation when there is
 * something to say (a crash, an interruption), else NULL.
 */
int vm_exit_status(struct vm_outcome outcome, int wait_status, int stop_signal,
		   const char **message);

/* "tessera: MESSAGE" on stderr, then exit with status. */
__attribute__((noreturn, format(printf, 2, 3))) void die(int status, const char *fmt, ...);

/* Find qemu-system-x86_64 on PATH; NULL if absent. Returns a malloc'd path. */
char *vm_find_qemu(void);

/* KVM when a probe guest runs correctly under it (verdict cached), else TCG. */
enum vm_accel vm_choose_accel(const char *qemu, bool refresh, const char **reason);

/* The path of the cached file name in Tessera's cache directory (made if missing). */
void vm_cache_file(const char *name, char *buf, size_t len);

/*
 * Add the clock's kernel options for cfg's accelerator to *options (under
 * TCG: the host's TSC rate).  0, or -1 when out of memory.
 */
int vm_clock_options(const struct vm_config *cfg, char **options);

#endif /* TESSERA_VM_H */
