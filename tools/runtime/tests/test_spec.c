/*
 * tessera-runtime's reading of bundles: the OCI runtime spec as containerd
 * writes it, and the Tessera image configuration `tessera pkg` writes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "spec.h"

static char bundle[64];

static void write_file(const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", bundle, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int make_bundle(void **state)
{
	char dir[128];

	(void)state;
	strcpy(bundle, "/tmp/tessera-spec-XXXXXX");
	assert_non_null(mkdtemp(bundle));
	snprintf(dir, sizeof(dir), "%s/rootfs", bundle);
	mkdir(dir, 0755);
	snprintf(dir, sizeof(dir), "%s/rootfs/tessera", bundle);
	mkdir(dir, 0755);
	return 0;
}

static int remove_bundle(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", bundle);
	return system(cmd);
}

/* Trimmed from what containerd 1.6's CRI plugin writes for a pod's container. */
static const char cri_config[] =
	"{\"ociVersion\":\"1.0.2-dev\",\n"
	" \"process\":{\"terminal\":false,\"user\":{\"uid\":0,\"gid\":0},\n"
	"  \"args\":[\"/usr/sbin/nginx\",\"-g\",\"daemon off;\"],\n"
	"  \"env\":[\"PATH=/usr/bin:/bin\",\"HOSTNAME=web\"],\"cwd\":\"/\",\n"
	"  \"capabilities\":{\"bounding\":[\"CAP_CHOWN\"]}},\n"
	" \"root\":{\"path\":\"rootfs\"},\"hostname\":\"web\",\n"
	" \"mounts\":[{\"destination\":\"/proc\",\"type\":\"proc\",\"source\":\"proc\"},\n"
	"  {\"destination\":\"/etc/hosts\",\"type\":\"bind\",\"source\":\"/var/hosts\","
	"\"options\":[\"rbind\",\"rprivate\",\"rw\"]},\n"
	"  {\"destination\":\"/data\",\"source\":\"/srv/data\",\"options\":[\"rbind\",\"ro\"]}],\n"
	" \"annotations\":{\"io.kubernetes.cri.container-type\":\"container\"},\n"
	" \"linux\":{\"resources\":{\"memory\":{\"limit\":67108864}},\n"
	"  \"cgroupsPath\":\"/kubepods/besteffort/pod1/abc\",\"namespaces\":[{\"type\":\"pid\"}]}}\n";

static void test_cri_container_spec(void **state)
{
	char error[SPEC_ERROR_LEN], root[128];
	struct oci_spec spec;

	(void)state;
	write_file("config.json", cri_config);
	assert_int_equal(spec_load(&spec, bundle, error), 0);
	snprintf(root, sizeof(root), "%s/rootfs", bundle);
	assert_string_equal(spec.root, root);
	assert_int_equal(spec.nr_args, 3);
	assert_string_equal(spec.args[2], "daemon off;");
	assert_null(spec.args[3]);
	assert_int_equal(spec.nr_env, 2);
	assert_string_equal(spec.env[1], "HOSTNAME=web");
	assert_false(spec.terminal);
	assert_string_equal(spec.hostname, "web");
	assert_string_equal(spec.cwd, "/");
	assert_int_equal(spec.memory_limit, 64 << 20);
	assert_string_equal(spec.cgroups_path, "/kubepods/besteffort/pod1/abc");
	assert_false(spec.sandbox);
	assert_int_equal(spec.nr_mounts, 3);
	assert_false(spec.mounts[0].bind);
	assert_true(spec.mounts[1].bind);
	assert_false(spec.mounts[1].read_only);
	assert_true(spec.mounts[2].bind); /* an "rbind" option without a type */
	assert_true(spec.mounts[2].read_only);
	assert_string_equal(spec.mounts[2].destination, "/data");
	spec_free(&spec);
}

static void test_sandbox_and_defaults(void **state)
{
	char error[SPEC_ERROR_LEN];
	struct oci_spec spec;

	(void)state;
	write_file("config.json",
		   "{\"process\":{\"args\":[\"/pause\"],\"terminal\":true},"
		   "\"root\":{\"path\":\"/abs/rootfs\"},"
		   "\"annotations\":{\"io.kubernetes.cri.container-type\":\"sandbox\"}}");
	assert_int_equal(spec_load(&spec, bundle, error), 0);
	assert_string_equal(spec.root, "/abs/rootfs");
	assert_true(spec.sandbox);
	assert_true(spec.terminal);
	assert_null(spec.hostname);
	assert_null(spec.cgroups_path);
	assert_int_equal(spec.memory_limit, 0);
	assert_int_equal(spec.nr_env, 0);
	spec_free(&spec);
}

static void check_rejected(const char *config, const char *message)
{
	char error[SPEC_ERROR_LEN];
	struct oci_spec spec;

	write_file("config.json", config);
	assert_int_equal(spec_load(&spec, bundle, error), -1);
	if (!strstr(error, message))
		fail_msg("error '%s' lacks '%s'", error, message);
}

static void test_malformed_specs(void **state)
{
	(void)state;
	check_rejected("{\"process\":", "config.json");
	check_rejected("[1]", "not a JSON object");
	check_rejected("{\"root\":{\"path\":\"r\"}}", "no process or root.path");
	check_rejected("{\"process\":{\"args\":[]},\"root\":{\"path\":\"r\"}}", "process.args");
	check_rejected("{\"process\":{\"args\":[\"a\",1]},\"root\":{\"path\":\"r\"}}",
		       "process.args");
	check_rejected("{\"process\":{\"args\":[\"a\"],\"env\":\"X=1\"},\"root\":{\"path\":\"r\"}}",
		       "process.env");
	check_rejected("{\"process\":{\"args\":[\"a\"]},\"root\":{\"path\":\"r\"},"
		       "\"linux\":{\"resources\":{\"memory\":{\"limit\":1048576}}}}",
		       "at least 2 MiB");
}

static void test_tessera_image(void **state)
{
	char error[SPEC_ERROR_LEN], root[128], expected[192];
	struct tessera_image image;
	struct oci_spec spec = {0};

	(void)state;
	snprintf(root, sizeof(root), "%s/rootfs", bundle);
	write_file("rootfs/tessera/config.json",
		   "{\"kernel\":\"/tessera/kernel.elf\",\"rootfs\":\"/tessera/rootfs.cpio\","
		   "\"loader\":true,\"memory_mib\":16,\"kernel_options\":\"loglevel=info\","
		   "\"ports\":[\"80/tcp\",\"53/udp\"]}");
	assert_int_equal(tessera_image_load(&image, root, error), 0);
	snprintf(expected, sizeof(expected), "%s/tessera/kernel.elf", root);
	assert_string_equal(image.kernel, expected);
	snprintf(expected, sizeof(expected), "%s/tessera/rootfs.cpio", root);
	assert_string_equal(image.rootfs, expected);
	assert_true(image.loader);
	assert_string_equal(image.kernel_options, "loglevel=info");
	assert_int_equal(image.nr_ports, 2);
	assert_string_equal(image.ports[1], "53/udp");
	/* The image's memory, unless the container has a limit. */
	assert_int_equal(spec_memory_mib(&spec, &image), 16);
	spec.memory_limit = 96LL << 20;
	assert_int_equal(spec_memory_mib(&spec, &image), 96);
	tessera_image_free(&image);

	write_file("rootfs/tessera/config.json",
		   "{\"kernel\":\"/tessera/hello.elf\",\"memory_mib\":8}");
	assert_int_equal(tessera_image_load(&image, root, error), 0);
	assert_null(image.rootfs);
	assert_false(image.loader);
	assert_string_equal(image.kernel_options, "");
	tessera_image_free(&image);
}

static void test_not_a_tessera_image(void **state)
{
	char error[SPEC_ERROR_LEN], root[128];
	struct tessera_image image;

	(void)state;
	snprintf(root, sizeof(root), "%s/rootfs", bundle);
	unlink(strcat(strcpy(error, root), "/tessera/config.json"));
	assert_int_equal(tessera_image_load(&image, root, error), -1);
	assert_non_null(strstr(error, "is not a Tessera image (tessera pkg makes them)"));
	/* Paths must stay inside the rootfs; memory must be given. */
	write_file("rootfs/tessera/config.json", "{\"kernel\":\"/../../etc/x\",\"memory_mib\":8}");
	assert_int_equal(tessera_image_load(&image, root, error), -1);
	assert_non_null(strstr(error, "malformed"));
	write_file("rootfs/tessera/config.json", "{\"kernel\":\"/k\"}");
	assert_int_equal(tessera_image_load(&image, root, error), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cri_container_spec),
		cmocka_unit_test(test_sandbox_and_defaults),
		cmocka_unit_test(test_malformed_specs),
		cmocka_unit_test(test_tessera_image),
		cmocka_unit_test(test_not_a_tessera_image),
	};

	return cmocka_run_group_tests(tests, make_bundle, remove_bundle);
}
