/*
 * The file-descriptor table: an array that grows on demand up to
 * RLIMIT_NOFILE.  Every slot below lowest_free is in use (Linux's next_fd),
 * so that a server with many connections open finds its next descriptor
 * without scanning them all.
 */
#include <errno.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/fdtable.h>
#include <tessera/vfs.h>

struct fd_slot {
	struct file *file;
	bool cloexec;
};

static struct fd_slot *slots;
static unsigned int nr_slots;
static unsigned int limit = FD_LIMIT_DEFAULT;
static unsigned int lowest_free;

static int grow(unsigned int want)
{
	unsigned int n = MAX(want, nr_slots ? 2 * nr_slots : 64);
	struct fd_slot *bigger;

	n = MIN(n, FD_LIMIT_HARD);
	if (want > n)
		return -EMFILE;
	bigger = alloc_realloc(alloc_default(), slots, n * sizeof(*slots));
	if (!bigger)
		return -ENOMEM;
	memset(bigger + nr_slots, 0, (n - nr_slots) * sizeof(*slots));
	slots = bigger;
	nr_slots = n;
	return 0;
}

struct file *fd_get(int fd)
{
	struct file *f;

	if (fd < 0 || (unsigned int)fd >= nr_slots || !slots[fd].file)
		return NULL;
	f = slots[fd].file;
	file_get(f);
	return f;
}

int fd_install_at(struct file *f, int fd, bool cloexec)
{
	struct file *old;
	int err;

	if (fd < 0 || (unsigned int)fd >= limit)
		return -EBADF;
	if ((unsigned int)fd >= nr_slots && (err = grow(fd + 1)))
		return err;
	old = slots[fd].file;
	slots[fd] = (struct fd_slot){f, cloexec};
	if ((unsigned int)fd == lowest_free)
		lowest_free++;
	if (old)
		file_put(old);
	return fd;
}

int fd_install(struct file *f, int min, bool cloexec)
{
	unsigned int fd;

	if (min < 0)
		return -EINVAL;
	for (fd = MAX((unsigned int)min, lowest_free); fd < nr_slots && slots[fd].file; fd++)
		;
	if (fd >= limit)
		return -EMFILE;
	return fd_install_at(f, fd, cloexec);
}

int fd_close(int fd)
{
	struct file *f;

	if (fd < 0 || (unsigned int)fd >= nr_slots || !slots[fd].file)
		return -EBADF;
	f = slots[fd].file;
	slots[fd].file = NULL;
	lowest_free = MIN(lowest_free, (unsigned int)fd);
	file_put(f);
	return 0;
}

int fd_get_cloexec(int fd)
{
	if (fd < 0 || (unsigned int)fd >= nr_slots || !slots[fd].file)
		return -EBADF;
	return slots[fd].cloexec;
}

int fd_set_cloexec(int fd, bool cloexec)
{
	if (fd < 0 || (unsigned int)fd >= nr_slots || !slots[fd].file)
		return -EBADF;
	slots[fd].cloexec = cloexec;
	return 0;
}

unsigned int fd_limit(void)
{
	return limit;
}

int fd_set_limit(unsigned int new_limit)
{
	if (new_limit > FD_LIMIT_HARD)
		return -EPERM;
	limit = new_limit;
	return 0;
}

int fd_highest(void)
{
	for (int fd = (int)nr_slots - 1; fd >= 0; fd--) {
		if (slots[fd].file)
			return fd;
	}
	return -1;
}

bool fd_table_holds(bool (*match)(const struct file *f, const void *arg), const void *arg)
{
	for (unsigned int fd = 0; fd < nr_slots; fd++) {
		if (slots[fd].file && match(slots[fd].file, arg))
			return true;
	}
	return false;
}

/* The parent's table, put aside while a forked child runs. */
struct saved_fd_table {
	struct fd_slot *slots;
	unsigned int nr_slots;
	unsigned int limit;
	unsigned int lowest_free;
};

void *fd_table_fork(void)
{
	struct saved_fd_table *saved = alloc_malloc(alloc_default(), sizeof(*saved));
	struct fd_slot *copy = alloc_malloc(alloc_default(), nr_slots * sizeof(*copy) + 1);

	if (!saved || !copy) {
		alloc_free(alloc_default(), saved);
		alloc_free(alloc_default(), copy);
		return NULL;
	}
	*saved = (struct saved_fd_table){slots, nr_slots, limit, lowest_free};
	for (unsigned int fd = 0; fd < nr_slots; fd++) {
		copy[fd] = slots[fd];
		if (copy[fd].file)
			file_get(copy[fd].file);
	}
	slots = copy;
	return saved;
}

void fd_table_restore(void *p)
{
	struct saved_fd_table *saved = p;

	for (unsigned int fd = 0; fd < nr_slots; fd++) {
		if (slots[fd].file)
			file_put(slots[fd].file);
	}
	alloc_free(alloc_default(), slots);
	slots = saved->slots;
	nr_slots = saved->nr_slots;
	limit = saved->limit;
	lowest_free = saved->lowest_free;
	alloc_free(alloc_default(), saved);
}
