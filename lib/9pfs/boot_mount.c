/*
 * Mounts asked for on the kernel command line: 9p.mount=TAG:DIR (what
 * `tessera run -v` passes) mounts the channel TAG at DIR, made if missing,
 * once the root file system and the drivers are up.  A mount that fails is
 * reported; the application still runs.
 */
#include <errno.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/boot.h>
#include <tessera/printk.h>
#include <tessera/vfs.h>

#define MAX_BOOT_MOUNTS 8

/* "TAG:DIR" values, kept as given: options are parsed before there is an allocator. */
static const char *requests[MAX_BOOT_MOUNTS];
static int nr_requests;

static int add_request(const char *value)
{
	const char *colon = value ? strchr(value, ':') : NULL;

	if (!colon || colon == value || colon[1] != '/')
		return -EINVAL;
	if (nr_requests == MAX_BOOT_MOUNTS)
		return -ENOSPC;
	requests[nr_requests++] = value;
	return 0;
}
KERNEL_PARAM("9p.mount", add_request, "mount a 9P channel at boot: TAG:DIR (repeatable)");

/* Make every missing directory on the way to path, as mkdir -p. */
static void make_path(const char *path)
{
	char *copy = alloc_strdup(alloc_default(), path);

	for (char *p = copy ? copy + 1 : NULL; p; p++) {
		char c = *p;

		if (c != '/' && c != '\0')
			continue;
		*p = '\0';
		vfs_mkdir(NULL, copy, 0755); /* fails harmlessly if it exists */
		*p = c;
		if (!c)
			break;
	}
	alloc_free(alloc_default(), copy);
}

static int mount_one(const char *request)
{
	const char *dir = strchr(request, ':') + 1;
	size_t tag_len = dir - 1 - request;
	char *tag = alloc_malloc(alloc_default(), tag_len + 1);
	int err;

	if (!tag)
		return -ENOMEM;
	memcpy(tag, request, tag_len);
	tag[tag_len] = '\0';
	make_path(dir);
	err = vfs_mount("9p", tag, dir, NULL);
	alloc_free(alloc_default(), tag);
	return err;
}

static int mount_requested(void)
{
	for (int i = 0; i < nr_requests; i++) {
		int err = mount_one(requests[i]);

		if (err)
			pr_err("9p: cannot mount '%s' (error %d)\n", requests[i], err);
	}
	return 0;
}
INITCALL(mount_requested, INIT_LATE);
