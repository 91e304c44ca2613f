/*
 * The virtio stack without a VFS: lists the virtio devices and 9P channels,
 * then speaks 9P2000.L through the client API on the channel named by
 * argv[1], in the host directory the test prepared (hello.txt, sub/nested.txt):
 * reads, writes (more than one message's worth), directory listings, and
 * every name-space call the 9p file system uses.  Other channels are only
 * listed.  Every line printed is deterministic; the status is 0 when every
 * step did what it should.
 *
 *   virtio-probe [TAG]
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tessera/p9_client.h>
#include <tessera/p9_transport.h>
#include <tessera/virtio.h>
#ifdef CONFIG_LIB_SCHED
#include <tessera/sched.h>
#endif

#define BIG_SIZE 1200000 /* more than two 512 KiB messages */
#define DT_DIR   4
#define O_RDONLY 0
#define O_WRONLY 1
#define O_RDWR   2
#define O_CREAT  0100

static int failures;

static void check(int ok, const char *what)
{
	if (!ok) {
		printf("FAILED: %s\n", what);
		failures++;
	}
}

static struct p9_str str(const char *s)
{
	return (struct p9_str){s, strlen(s)};
}

static void list_devices(void)
{
	for (struct virtio_device *v = virtio_next_device(NULL); v; v = virtio_next_device(v))
		printf("%s: virtio device %u, driver %s\n", v->name, v->id,
		       v->driver ? v->driver->name : "none");
	for (struct p9_channel *ch = p9_channel_next(NULL); ch; ch = p9_channel_next(ch))
		printf("9p channel: %s\n", p9_channel_tag(ch));
}

/* A new fid for path (names separated by '/') from fid. */
static int walk(struct p9_client *c, uint32_t fid, const char *path, uint32_t *out)
{
	struct p9_str names[P9_MAXWELEM];
	unsigned int n = 0;

	for (const char *p = path; *p && n < P9_MAXWELEM;) {
		size_t len = strcspn(p, "/");

		names[n++] = (struct p9_str){p, len};
		p += len + (p[len] == '/');
	}
	return p9_walk(c, fid, n, names, out, NULL);
}

/* The whole of path (at most cap - 1 bytes, NUL-terminated), or a negative errno. */
static long read_file(struct p9_client *c, uint32_t root, const char *path, char *buf,
		      size_t cap)
{
	uint32_t fid;
	long n = walk(c, root, path, &fid);

	buf[0] = '\0';
	if (n)
		return n;
	n = p9_lopen(c, fid, O_RDONLY);
	if (!n)
		n = p9_read(c, fid, 0, buf, cap - 1);
	if (n >= 0)
		buf[n] = '\0';
	p9_clunk(c, fid);
	return n;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The directory's entries, sorted, on one line. */
static void list_dir(struct p9_client *c, uint32_t root, const char *path)
{
	static char buf[8192], names[64][64];
	char *sorted[64];
	struct p9_dirent ent;
	uint64_t offset = 0;
	uint32_t fid;
	int n = 0, err = walk(c, root, path, &fid);
	long len;

	if (!err)
		err = p9_lopen(c, fid, O_RDONLY);
	check(!err, "open directory");
	/* Small reads, so that listing takes several messages. */
	while (!err && (len = p9_readdir(c, fid, offset, buf, 64)) > 0) {
		for (size_t at = 0; p9_dirent_next(buf, len, &at, &ent) > 0 && n < 64; n++) {
			snprintf(names[n], sizeof(names[n]), "%.*s%s", (int)ent.name.len,
				 ent.name.s, ent.type == DT_DIR ? "/" : "");
			sorted[n] = names[n];
			offset = ent.offset;
		}
	}
	qsort(sorted, n, sizeof(*sorted), compare_names);
	printf("ls %s:", *path ? path : ".");
	for (int i = 0; i < n; i++)
		printf(" %s", sorted[i]);
	printf("\n");
	p9_clunk(c, fid);
}

static char *big_pattern(void)
{
	char *p = malloc(BIG_SIZE);

	for (int i = 0; p && i < BIG_SIZE; i++)
		p[i] = 'a' + (i * 7 + i / 1000) % 26;
	return p;
}

static void write_and_read_back(struct p9_client *c, uint32_t root)
{
	static const char text[] = "written by the guest\n";
	char *big = big_pattern(), *back = malloc(BIG_SIZE + 1);
	uint32_t fid;
	long n;

	/* Tlcreate turns a copy of the directory's fid into the new, open file. */
	check(!p9_walk(c, root, 0, NULL, &fid, NULL), "clone root fid");
	check(!p9_lcreate(c, fid, str("written.txt"), O_WRONLY | O_CREAT, 0644, 0), "create");
	check(p9_write(c, fid, 0, text, sizeof(text) - 1) == sizeof(text) - 1, "write");
	check(!p9_fsync(c, fid, 0), "fsync");
	p9_clunk(c, fid);

	check(!p9_walk(c, root, 0, NULL, &fid, NULL), "clone root fid");
	check(!p9_lcreate(c, fid, str("big.bin"), O_RDWR | O_CREAT, 0600, 0), "create big");
	n = p9_write(c, fid, 0, big, BIG_SIZE);
	check(n == BIG_SIZE, "write big");
	n = p9_read(c, fid, 0, back, BIG_SIZE + 1);
	printf("big.bin: wrote %d bytes, read back %ld, %s\n", BIG_SIZE, n,
	       n == BIG_SIZE && !memcmp(big, back, BIG_SIZE) ? "identical" : "DIFFERENT");
	check(n == BIG_SIZE && !memcmp(big, back, BIG_SIZE), "read big back");
	p9_clunk(c, fid);
	free(big);
	free(back);
}

static void name_space_calls(struct p9_client *c, uint32_t root)
{
	struct p9_setattr truncate = {.valid = P9_SETATTR_SIZE, .size = 5};
	struct p9_attr attr;
	char target[64], buf[64];
	uint32_t fid;
	long n;

	check(!p9_mkdir(c, root, str("made"), 0755, 0), "mkdir");
	check(!p9_symlink(c, root, str("link"), str("hello.txt"), 0), "symlink");
	check(!walk(c, root, "link", &fid), "walk to symlink");
	n = p9_readlink(c, fid, target, sizeof(target) - 1);
	target[n > 0 ? n : 0] = '\0';
	printf("readlink link: %s\n", target);
	p9_clunk(c, fid);
	check(!walk(c, root, "hello.txt", &fid), "walk to hello.txt");
	check(!p9_link(c, root, fid, str("hard.txt")), "link");
	check(!p9_getattr(c, fid, &attr), "getattr");
	printf("hello.txt: size %llu, links %llu, mode %o\n", (unsigned long long)attr.size,
	       (unsigned long long)attr.nlink, attr.mode);
	p9_clunk(c, fid);
	check(!p9_renameat(c, root, str("hard.txt"), root, str("renamed.txt")), "renameat");
	check(!walk(c, root, "renamed.txt", &fid), "walk to renamed.txt");
	check(!p9_setattr(c, fid, &truncate), "setattr");
	check(!p9_getattr(c, fid, &attr), "getattr after truncate");
	p9_clunk(c, fid);
	n = read_file(c, root, "hello.txt", buf, sizeof(buf));
	printf("after truncating a hard link to 5 bytes: size %llu, hello.txt reads '%s'\n",
	       (unsigned long long)attr.size, n >= 0 ? buf : "?");
	check(!p9_unlinkat(c, root, str("renamed.txt"), 0), "unlinkat");
	check(!p9_mkdir(c, root, str("gone"), 0755, 0), "mkdir gone");
	check(!p9_unlinkat(c, root, str("gone"), P9_AT_REMOVEDIR), "rmdir");
	printf("walk to missing: %d\n", walk(c, root, "missing", &fid));
	printf("walk past a file: %d\n", walk(c, root, "hello.txt/x", &fid));
	printf("rmdir of a file: %d\n", p9_unlinkat(c, root, str("written.txt"), P9_AT_REMOVEDIR));
	printf("mkdir over a file: %d\n", p9_mkdir(c, root, str("written.txt"), 0755, 0));
}

#ifdef CONFIG_LIB_SCHED
#define READERS 4
#define READS   25

static struct p9_client *shared_client;
static uint32_t shared_root;
static int reads_ok;

static void reader(void *arg)
{
	char buf[64];

	(void)arg;
	for (int i = 0; i < READS; i++)
		reads_ok += read_file(shared_client, shared_root, "sub/nested.txt", buf,
				      sizeof(buf)) > 0 && !strcmp(buf, "nested\n");
}

/* Requests from several threads in flight together, each matched to its response. */
static void concurrent_reads(struct p9_client *c, uint32_t root)
{
	struct thread *t[READERS];

	shared_client = c;
	shared_root = root;
	for (int i = 0; i < READERS; i++)
		t[i] = thread_create("reader", reader, NULL, 0);
	for (int i = 0; i < READERS; i++)
		thread_join(t[i]);
	printf("concurrent reads: %d of %d\n", reads_ok, READERS * READS);
	check(reads_ok == READERS * READS, "concurrent reads");
}
#endif

static void exercise(const char *tag)
{
	struct p9_client *c;
	struct p9_qid qid;
	uint32_t root;
	char buf[256];
	int err = p9_client_get(tag, &c);

	printf("client %s: %d\n", tag, err);
	if (err) {
		failures++;
		return;
	}
	printf("msize: %u\n", p9_client_msize(c));
	err = p9_attach(c, str(""), &root, &qid);
	printf("attach: %d, root is a %s\n", err, qid.type & P9_QTDIR ? "directory" : "file");
	if (err) {
		failures++;
		return;
	}
	printf("hello.txt: %ld bytes: ", read_file(c, root, "hello.txt", buf, sizeof(buf)));
	printf("%s", buf);
	printf("sub/nested.txt: %ld bytes: ", read_file(c, root, "sub/nested.txt", buf, sizeof(buf)));
	printf("%s", buf);
	list_dir(c, root, "");
	write_and_read_back(c, root);
	name_space_calls(c, root);
#ifdef CONFIG_LIB_SCHED
	concurrent_reads(c, root);
#endif
	list_dir(c, root, "");
	p9_clunk(c, root);
}

int main(int argc, char *argv[])
{
	list_devices();
	if (argc > 1)
		exercise(argv[1]);
	printf("failures: %d\n", failures);
	return failures != 0;
}
