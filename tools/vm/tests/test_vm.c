/*
 * tessera-vm's pure parts: memory sizes, the kernel command line (checked
 * against the kernel's own splitter, lib/cmdline), QEMU's argv and the
 * decoding of how a guest ended, the clock's options.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <stdio.h>
#include <tessera/cmdline.h>
#include "vm.h"

static void test_memory_sizes(void **state)
{
	(void)state;
	assert_int_equal(vm_parse_memory("64"), 64);
	assert_int_equal(vm_parse_memory("64M"), 64);
	assert_int_equal(vm_parse_memory("64mib"), 64);
	assert_int_equal(vm_parse_memory("2G"), 2048);
	assert_int_equal(vm_parse_memory("1GiB"), 1024);
	assert_int_equal(vm_parse_memory("2"), 2);
	assert_int_equal(vm_parse_memory("1"), 0);
	assert_int_equal(vm_parse_memory("0"), 0);
	assert_int_equal(vm_parse_memory("-5"), 0);
	assert_int_equal(vm_parse_memory("lots"), 0);
	assert_int_equal(vm_parse_memory("64K"), 0);
	assert_int_equal(vm_parse_memory(""), 0);
}

/* What the CLI quotes, the kernel must split back into the same argv. */
static void check_round_trip(const char *options, char *argv[], int argc)
{
	char *line = vm_kernel_cmdline(options, argv, argc);
	char *words[64];
	struct cmdline cl;

	assert_non_null(line);
	assert_int_equal(cmdline_parse(line, words, 64, &cl), 0);
	assert_int_equal(cl.argc, argc);
	for (int i = 0; i < argc; i++)
		assert_string_equal(cl.argv[i], argv[i]);
	free(line);
}

static void test_cmdline_round_trip(void **state)
{
	char *plain[] = {"hello"};
	char *tricky[] = {"app", "two words", "it's", "'", "''", "say \"hi\"", "back\\slash", "",
			  "--", "tab\there", "new\nline", "$HOME", "a'b'c"};

	(void)state;
	check_round_trip("", plain, 1);
	check_round_trip("loglevel=debug boottime", tricky, sizeof(tricky) / sizeof(*tricky));
}

static void test_cmdline_options_come_first(void **state)
{
	char *argv[] = {"app", "x"};
	char *line = vm_kernel_cmdline("loglevel=info", argv, 2);

	(void)state;
	assert_string_equal(line, "loglevel=info -- 'app' 'x'");
	free(line);
}

static int count_arg(char **argv, const char *arg)
{
	int n = 0;

	for (; *argv; argv++)
		n += !strcmp(*argv, arg);
	return n;
}

static void test_qemu_argv(void **state)
{
	struct vm_config cfg = {.qemu = "/usr/bin/qemu-system-x86_64", .image = "img.elf",
				.memory_mib = 12, .accel = VM_ACCEL_TCG, .cmdline = "-- 'x'",
				.control_fd = 7, .icount = true};
	char **argv = vm_qemu_argv(&cfg);

	(void)state;
	assert_string_equal(argv[0], cfg.qemu);
	assert_int_equal(count_arg(argv, "12M"), 1);
	assert_int_equal(count_arg(argv, "tcg"), 1);
	assert_int_equal(count_arg(argv, "img.elf"), 1);
	assert_int_equal(count_arg(argv, "-- 'x'"), 1);
	assert_int_equal(count_arg(argv, "socket,id=ctl,fd=7"), 1);
	assert_int_equal(count_arg(argv, "isa-debug-exit,iobase=0xf4,iosize=4"), 1);
	assert_int_equal(count_arg(argv, "shift=0"), 1);
	assert_int_equal(count_arg(argv, "-S"), 0);
	assert_int_equal(count_arg(argv, "-mon"), 0);
	free(argv);
	cfg.accel = VM_ACCEL_KVM;
	cfg.icount = false;
	/* A monitor's guest: QMP on a socket (commas doubled, as QEMU's options want), CPU stopped. */
	cfg.qmp = "/run/a,b/qmp.sock";
	cfg.paused = true;
	argv = vm_qemu_argv(&cfg);
	assert_int_equal(count_arg(argv, "kvm"), 1);
	assert_int_equal(count_arg(argv, "host"), 1);
	assert_int_equal(count_arg(argv, "-icount"), 0);
	assert_int_equal(count_arg(argv, "socket,id=qmp,path=/run/a,,b/qmp.sock,server=on,wait=off"), 1);
	assert_int_equal(count_arg(argv, "chardev=qmp,mode=control"), 1);
	assert_int_equal(count_arg(argv, "-S"), 1);
	free(argv);
}

static void test_volume_specs(void **state)
{
	char plain[] = "/tmp/share:/data", colons[] = "/tmp/a:b:/mnt/x:y", relative[] = "share:/data";
	char no_guest[] = "/tmp/share", guest_relative[] = "/tmp/share:data", no_host[] = ":/data";
	char readonly[] = "/usr/lib:/usr/lib:ro", readwrite[] = "/tmp/share:/data:rw";
	struct vm_volume v;

	(void)state;
	assert_int_equal(vm_parse_volume(plain, &v), 0);
	assert_string_equal(v.host, "/tmp/share");
	assert_string_equal(v.guest, "/data");
	assert_int_equal(vm_parse_volume(colons, &v), 0);
	assert_string_equal(v.host, "/tmp/a:b");
	assert_string_equal(v.guest, "/mnt/x:y");
	assert_int_equal(vm_parse_volume(relative, &v), 0);
	assert_string_equal(v.host, "share");
	assert_false(v.readonly);
	assert_int_equal(vm_parse_volume(readonly, &v), 0);
	assert_string_equal(v.host, "/usr/lib");
	assert_string_equal(v.guest, "/usr/lib");
	assert_true(v.readonly);
	assert_int_equal(vm_parse_volume(readwrite, &v), 0);
	assert_string_equal(v.guest, "/data");
	assert_false(v.readonly);
	assert_int_equal(vm_parse_volume(no_guest, &v), -1);
	assert_int_equal(vm_parse_volume(guest_relative, &v), -1);
	assert_int_equal(vm_parse_volume(no_host, &v), -1);
}

/* The mount options reach the kernel as single words, whatever the guest path holds. */
static void test_volume_kernel_options(void **state)
{
	struct vm_volume v[] = {{"/h1", "/data", false}, {"/h2", "/it's a dir", false}};
	char *argv[] = {"app"};
	char *options = vm_volume_options("loglevel=info", v, 2);
	char *line = vm_kernel_cmdline(options, argv, 1);
	char *words[16];
	struct cmdline cl;

	(void)state;
	assert_int_equal(cmdline_parse(line, words, 16, &cl), 0);
	assert_int_equal(cl.nopts, 3);
	assert_string_equal(cl.opts[0], "loglevel=info");
	assert_string_equal(cl.opts[1], "9p.mount=ts0:/data");
	assert_string_equal(cl.opts[2], "9p.mount=ts1:/it's a dir");
	assert_int_equal(cl.argc, 1);
	free(line);
	free(options);
	options = vm_volume_options("", v, 1);
	assert_string_equal(options, "'9p.mount=ts0:/data'");
	free(options);
	options = vm_volume_options("boottime", v, 0);
	assert_string_equal(options, "boottime");
	free(options);
}

static void test_qemu_argv_shares_volumes(void **state)
{
	struct vm_volume v[] = {{"/srv/a,b", "/data", false}, {"/tmp", "/tmp", true}};
	struct vm_config cfg = {.qemu = "qemu", .image = "img.elf", .memory_mib = 64,
				.cmdline = "--", .control_fd = 7, .volumes = v,
				.nr_volumes = 2};
	char **argv = vm_qemu_argv(&cfg);

	(void)state;
	assert_int_equal(count_arg(argv, "virtio-mmio.force-legacy=false"), 1);
	assert_int_equal(count_arg(argv, "microvm,acpi=off,auto-kernel-cmdline=off"), 1);
	assert_int_equal(count_arg(argv, "-fsdev"), 2);
	assert_int_equal(count_arg(argv, "local,id=fs0,path=/srv/a,,b,security_model=none"), 1);
	assert_int_equal(count_arg(argv, "local,id=fs1,path=/tmp,security_model=none,readonly=on"), 1);
	assert_int_equal(count_arg(argv, "virtio-9p-device,fsdev=fs0,mount_tag=ts0"), 1);
	assert_int_equal(count_arg(argv, "virtio-9p-device,fsdev=fs1,mount_tag=ts1"), 1);
	free(argv);
}

static void test_port_forward_specs(void **state)
{
	struct vm_port_forward f;

	(void)state;
	assert_int_equal(vm_parse_port_forward("8080:80", &f), 0);
	assert_int_equal(f.host_port, 8080);
	assert_int_equal(f.guest_port, 80);
	assert_false(f.udp);
	assert_int_equal(vm_parse_port_forward("5353:53/udp", &f), 0);
	assert_true(f.udp);
	assert_int_equal(vm_parse_port_forward("1:2/tcp", &f), 0);
	assert_false(f.udp);
	assert_int_equal(vm_parse_port_forward("8080", &f), -1);
	assert_int_equal(vm_parse_port_forward("0:80", &f), -1);
	assert_int_equal(vm_parse_port_forward("8080:65536", &f), -1);
	assert_int_equal(vm_parse_port_forward("8080:80/sctp", &f), -1);
	assert_int_equal(vm_parse_port_forward(":80", &f), -1);
}

static void test_network_specs(void **state)
{
	struct vm_network net = {0};

	(void)state;
	assert_int_equal(vm_parse_net("user", &net), 0);
	assert_int_equal(net.kind, VM_NET_USER);
	assert_int_equal(vm_parse_net("tap:tap0", &net), 0);
	assert_int_equal(net.kind, VM_NET_TAP);
	assert_string_equal(net.ifname, "tap0");
	assert_int_equal(vm_parse_net("tap:", &net), -1);
	assert_int_equal(vm_parse_net("tap:a,script=/x", &net), -1);
	assert_int_equal(vm_parse_net("bridge", &net), -1);
	assert_int_equal(vm_parse_ip_prefix("10.0.0.2/24"), 0);
	assert_int_equal(vm_parse_ip_prefix("10.0.0.2"), -1);
	assert_int_equal(vm_parse_ip_prefix("10.0.0.2/33"), -1);
	assert_int_equal(vm_parse_ip_prefix("10.0.0/24"), -1);
	assert_int_equal(vm_parse_ip("10.0.0.1"), 0);
	assert_int_equal(vm_parse_ip("10.0.0.1/8"), -1);
}

static void test_network_wiring(void **state)
{
	struct vm_network user = {.kind = VM_NET_USER,
				  .forwards = {{8080, 80, false, false}, {5353, 53, true, false}},
				  .nr_forwards = 2};
	struct vm_network node = {.kind = VM_NET_USER, .forwards = {{8081, 8081, false, true}},
				  .nr_forwards = 1};
	struct vm_network tap = {.kind = VM_NET_TAP, .ifname = "tap0"};
	struct vm_network none = {0};
	struct vm_config cfg = {.qemu = "qemu", .image = "img.elf", .memory_mib = 64,
				.cmdline = "--", .control_fd = 7};
	char *options = NULL, **argv;

	(void)state;
	assert_null(vm_netdev_arg(&none));
	assert_int_equal(vm_network_options(&none, &options), 0);
	assert_null(options);
	cfg.netdev = vm_netdev_arg(&user);
	assert_string_equal(cfg.netdev, "user,id=net0,hostfwd=tcp:127.0.0.1:8080-:80,"
					"hostfwd=udp:127.0.0.1:5353-:53");
	argv = vm_qemu_argv(&cfg);
	assert_int_equal(count_arg(argv, "virtio-net-device,netdev=net0"), 1);
	free(argv);
	free((char *)cfg.netdev);
	cfg.netdev = vm_netdev_arg(&node); /* a host-network pod's port: every host address */
	assert_string_equal(cfg.netdev, "user,id=net0,hostfwd=tcp::8081-:8081");
	free((char *)cfg.netdev);
	assert_int_equal(vm_network_options(&user, &options), 0);
	assert_string_equal(options, "'net.ip=10.0.2.15/24' 'net.gw=10.0.2.2'");
	free(options);
	options = NULL;
	cfg.netdev = vm_netdev_arg(&tap);
	assert_string_equal(cfg.netdev, "tap,id=net0,ifname=tap0,script=no,downscript=no");
	free((char *)cfg.netdev);
	assert_int_equal(vm_network_options(&tap, &options), 0);
	assert_null(options); /* DHCP */
	tap.ip = "10.1.0.2/24";
	assert_int_equal(vm_network_options(&tap, &options), 0);
	assert_string_equal(options, "'net.ip=10.1.0.2/24'");
	free(options);
}

static void test_control_port_lines(void **state)
{
	struct vm_outcome o;

	(void)state;
	o = vm_parse_control("exit 0\n");
	assert_int_equal(o.kind, VM_EXITED);
	assert_int_equal(o.status, 0);
	o = vm_parse_control("exit 255\n");
	assert_int_equal(o.status, 255);
	o = vm_parse_control("crash 139\n");
	assert_int_equal(o.kind, VM_CRASHED);
	assert_int_equal(o.status, 139);
	o = vm_parse_control("exit 3\ncrash 134\n\n");
	assert_int_equal(o.kind, VM_CRASHED);
	assert_int_equal(o.status, 134);
	assert_int_equal(vm_parse_control("").kind, VM_NO_REPORT);
	assert_int_equal(vm_parse_control("exit\n").kind, VM_NO_REPORT);
	assert_int_equal(vm_parse_control("exit 256\n").kind, VM_NO_REPORT);
	assert_int_equal(vm_parse_control("reboot 1\n").kind, VM_NO_REPORT);
}

static int exited(int code)
{
	return code << 8; /* the wait status of a normal exit */
}

/* Under TCG (not -icount) the host's TSC rate, from the cache when it holds this boot's. */
static void test_clock_options(void **state)
{
	struct vm_config cfg = {.accel = VM_ACCEL_KVM};
	char dir[] = "/tmp/tessera-test-cache-XXXXXX", path[4096], id[64] = "";
	char *options = strdup("loglevel=info");
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	setenv("XDG_CACHE_HOME", dir, 1);
	assert_int_equal(vm_clock_options(&cfg, &options), 0);
	assert_string_equal(options, "loglevel=info");
	cfg.accel = VM_ACCEL_TCG;
	cfg.icount = true;
	assert_int_equal(vm_clock_options(&cfg, &options), 0);
	assert_string_equal(options, "loglevel=info");

	f = fopen("/proc/sys/kernel/random/boot_id", "r");
	assert_non_null(f);
	assert_non_null(fgets(id, sizeof(id), f));
	fclose(f);
	id[strcspn(id, "\n")] = '\0';
	vm_cache_file("tsc", path, sizeof(path));
	f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "%s 1234567\n", id);
	fclose(f);
	cfg.icount = false;
	assert_int_equal(vm_clock_options(&cfg, &options), 0);
	if (!strcmp(options, "loglevel=info"))
		skip(); /* the host's TSC is not constant: the guest measures it */
	assert_string_equal(options, "loglevel=info 'tsc_khz=1234567'");
	unlink(path);
	path[strlen(path) - strlen("/tsc")] = '\0';
	rmdir(path);
	rmdir(dir);
	unsetenv("XDG_CACHE_HOME");
	free(options);
}

static void test_exit_status_decoding(void **state)
{
	struct vm_outcome none = {VM_NO_REPORT, 0}, crash = {VM_CRASHED, 139},
			  exit200 = {VM_EXITED, 200};
	const char *msg;

	(void)state;
	assert_int_equal(vm_exit_status(exit200, exited(145), 0, &msg), 200);
	assert_null(msg);
	assert_int_equal(vm_exit_status(crash, exited(23), 0, &msg), 139);
	assert_string_equal(msg, "the unikernel crashed (exit status 139)");
	/* A report wins over an interruption that came too late to matter. */
	assert_int_equal(vm_exit_status(exit200, exited(145), SIGINT, &msg), 200);
	assert_int_equal(vm_exit_status(none, exited(0), SIGINT, &msg), VM_STATUS_INTERRUPTED);
	assert_string_equal(msg, "interrupted");
	assert_int_equal(vm_exit_status(none, exited(0), SIGTERM, &msg), 128 + SIGTERM);
	assert_string_equal(msg, "stopped by signal 15");
	assert_int_equal(vm_exit_status(none, exited(15), 0, &msg), 7);
	assert_null(msg);
	assert_int_equal(vm_exit_status(none, exited(0), 0, &msg), 1);
	assert_non_null(strstr(msg, "without reporting a status"));
	assert_int_equal(vm_exit_status(none, exited(2), 0, &msg), 2);
	assert_string_equal(msg, "QEMU failed (status 2)");
	assert_int_equal(vm_exit_status(none, SIGKILL, 0, &msg), 128 + SIGKILL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memory_sizes),
		cmocka_unit_test(test_cmdline_round_trip),
		cmocka_unit_test(test_cmdline_options_come_first),
		cmocka_unit_test(test_qemu_argv),
		cmocka_unit_test(test_volume_specs),
		cmocka_unit_test(test_volume_kernel_options),
		cmocka_unit_test(test_qemu_argv_shares_volumes),
		cmocka_unit_test(test_port_forward_specs),
		cmocka_unit_test(test_network_specs),
		cmocka_unit_test(test_network_wiring),
		cmocka_unit_test(test_control_port_lines),
		cmocka_unit_test(test_exit_status_decoding),
		cmocka_unit_test(test_clock_options),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
