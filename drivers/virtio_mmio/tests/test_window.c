/* Linux's virtio_mmio.device=<size>@<base>:<gsi>[:<id>] kernel option. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "window.h"

static void test_well_formed(void **state)
{
	struct virtio_mmio_window w;

	(void)state;
	assert_int_equal(virtio_mmio_parse_window("512@0xfeb00e00:12", &w), 0);
	assert_int_equal(w.base, 0xfeb00e00);
	assert_int_equal(w.size, 512);
	assert_int_equal(w.gsi, 12);
	assert_int_equal(virtio_mmio_parse_window("4K@0xd0000000:5:3", &w), 0);
	assert_int_equal(w.base, 0xd0000000);
	assert_int_equal(w.size, 4096);
	assert_int_equal(w.gsi, 5);
	assert_int_equal(virtio_mmio_parse_window("1m@4096:0x10", &w), 0);
	assert_int_equal(w.size, 1 << 20);
	assert_int_equal(w.base, 4096);
	assert_int_equal(w.gsi, 16);
}

static void test_malformed(void **state)
{
	static const char *const bad[] = {
		"", "512", "512@", "512@0xfeb00e00", "512@0xfeb00e00:", "@0xfeb00e00:12",
		"512@0xfeb00e00:12:", "512@0xfeb00e00:12x", "512T@0x1000:1", "0@0x1000:1",
		"-1@0x1000:1", "512@-4096:1", "512@0x1000:-1", "512@0x1000:4294967296",
		"512@0xfffffffffffffe00:1", "16G@0xfffffffc00000000:1", " 512@0x1000:1",
	};
	struct virtio_mmio_window w;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (virtio_mmio_parse_window(bad[i], &w) != -EINVAL)
			fail_msg("accepted '%s'", bad[i]);
	}
	assert_int_equal(virtio_mmio_parse_window(NULL, &w), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_well_formed),
		cmocka_unit_test(test_malformed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
