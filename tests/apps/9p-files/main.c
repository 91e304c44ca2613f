/*
 * A host directory mounted with 9p (`tessera run -v HOSTDIR:/data`), used
 * through Linux system calls, as programs use it: the syscall instruction,
 * the VFS, the 9p file system, the 9P client, virtio.  The test prepared
 * HOSTDIR (hello.txt, sub/nested.txt) and checks what this leaves in it
 * (out/).  Every line printed is deterministic; the status is 0 when every
 * step did what it should.
 */
#include <asm/unistd.h>
#include <linux/fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BIG_SIZE  1200000 /* more than two 512 KiB 9P messages */
#define PROT_READ 1
#define MAP_PRIVATE 2
#define DT_DIR 4
#define SEEK_SET 0

struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	uint16_t d_reclen;
	uint8_t d_type;
	char d_name[];
};

/* The fields of struct stat used here, at Linux x86_64's offsets. */
struct kstat {
	uint64_t dev, ino, nlink;
	uint32_t mode, uid, gid, pad;
	uint64_t rdev;
	int64_t size, blksize, blocks;
	uint64_t times[6];
	int64_t reserved[3];
};

static int failures;

static long sc6(long n, long a, long b, long c, long d, long e, long f)
{
	register long r10 __asm__("r10") = d, r8 __asm__("r8") = e, r9 __asm__("r9") = f;
	long ret;

	__asm__ __volatile__("syscall"
			     : "=a"(ret)
			     : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
			     : "rcx", "r11", "memory");
	return ret;
}

#define sc(n, a, b, c) sc6(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)

static void check(int ok, const char *what)
{
	if (!ok) {
		printf("FAILED: %s\n", what);
		failures++;
	}
}

static long open_(const char *path, int flags)
{
	return sc6(__NR_openat, AT_FDCWD, (long)path, flags, 0644, 0, 0);
}

/* The whole of a small file, NUL-terminated, or "(error N)". */
static const char *slurp(const char *path)
{
	static char buf[256];
	long fd = open_(path, O_RDONLY), n;

	if (fd < 0) {
		snprintf(buf, sizeof(buf), "(error %ld)", fd);
		return buf;
	}
	n = sc(__NR_read, fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	sc(__NR_close, fd, 0, 0);
	return buf;
}

static void put(const char *path, int flags, const char *text)
{
	long fd = open_(path, flags);

	check(fd >= 0, path);
	check(sc(__NR_write, fd, text, strlen(text)) == (long)strlen(text), "write");
	check(sc(__NR_close, fd, 0, 0) == 0, "close");
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* getdents64 with a small buffer, so that a listing takes several calls. */
static void list_dir(const char *path)
{
	static char names[64][64];
	char buf[96], *sorted[64];
	long fd = open_(path, O_RDONLY | O_DIRECTORY), n;
	int count = 0;

	check(fd >= 0, "open directory");
	while ((n = sc(__NR_getdents64, fd, buf, sizeof(buf))) > 0) {
		for (long at = 0; at < n && count < 64;) {
			struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + at);

			snprintf(names[count], sizeof(names[count]), "%s%s", d->d_name,
				 d->d_type == DT_DIR ? "/" : "");
			sorted[count] = names[count];
			count++;
			at += d->d_reclen;
		}
	}
	check(n == 0, "getdents64");
	sc(__NR_close, fd, 0, 0);
	qsort(sorted, count, sizeof(*sorted), compare_names);
	printf("ls %s:", path);
	for (int i = 0; i < count; i++)
		printf(" %s", sorted[i]);
	printf("\n");
}

static void big_file(void)
{
	char *big = malloc(BIG_SIZE), *back = malloc(BIG_SIZE);
	long fd, n = 0, got = 0;

	for (int i = 0; i < BIG_SIZE; i++)
		big[i] = 'a' + (i * 7 + i / 1000) % 26;
	fd = open_("/data/out/big.bin", O_RDWR | O_CREAT | O_TRUNC);
	check(fd >= 0, "create big.bin");
	while (n < BIG_SIZE) {
		long w = sc(__NR_write, fd, big + n, BIG_SIZE - n);

		if (w <= 0)
			break;
		n += w;
	}
	check(sc(__NR_lseek, fd, 0, SEEK_SET) == 0, "lseek");
	while (got < BIG_SIZE) {
		long r = sc(__NR_read, fd, back + got, BIG_SIZE - got);

		if (r <= 0)
			break;
		got += r;
	}
	sc(__NR_close, fd, 0, 0);
	printf("big.bin: wrote %ld, read back %ld, %s\n", n, got,
	       got == BIG_SIZE && !memcmp(big, back, BIG_SIZE) ? "identical" : "DIFFERENT");
	check(got == BIG_SIZE && !memcmp(big, back, BIG_SIZE), "big file");
	free(big);
	free(back);
}

static void mapped_file(void)
{
	long fd = open_("/data/hello.txt", O_RDONLY);
	char *p = (char *)sc6(__NR_mmap, 0, 4096, PROT_READ, MAP_PRIVATE, fd, 0);

	check((long)p > 0, "mmap");
	if ((long)p > 0) {
		printf("mmap hello.txt: %.*s", (int)strcspn(p, "\n") + 1, p);
		check(p[4095] == 0, "zeros past the end of a mapped file");
		sc(__NR_munmap, p, 4096, 0);
	}
	sc(__NR_close, fd, 0, 0);
}

int main(void)
{
	struct kstat st;
	char target[64];
	long n;

	printf("hello.txt: %s", slurp("/data/hello.txt"));
	check(sc(__NR_stat, "/data/hello.txt", &st, 0) == 0, "stat");
	printf("stat hello.txt: size %ld, regular %d\n", (long)st.size, (st.mode & 0170000) == 0100000);
	check(sc(__NR_chdir, "/data/sub", 0, 0) == 0, "chdir");
	printf("nested.txt (relative): %s", slurp("nested.txt"));
	list_dir("/data");

	check(sc(__NR_mkdir, "/data/out", 0755, 0) == 0, "mkdir");
	put("/data/out/written.txt", O_WRONLY | O_CREAT | O_TRUNC, "first line\n");
	put("/data/out/written.txt", O_WRONLY | O_APPEND, "appended\n");
	check(sc(__NR_rename, "/data/out/written.txt", "/data/out/final.txt", 0) == 0, "rename");
	printf("final.txt: %s", slurp("/data/out/final.txt"));
	check(sc(__NR_symlink, "final.txt", "/data/out/link", 0) == 0, "symlink");
	n = sc(__NR_readlink, "/data/out/link", target, sizeof(target));
	printf("readlink link: %.*s; through it: %s", (int)(n > 0 ? n : 0), target,
	       slurp("/data/out/link"));
	check(sc(__NR_link, "/data/hello.txt", "/data/out/hard.txt", 0) == 0, "link");
	check(sc(__NR_stat, "/data/hello.txt", &st, 0) == 0, "stat after link");
	printf("hello.txt links: %lu\n", (unsigned long)st.nlink);
	put("/data/out/trunc.txt", O_WRONLY | O_CREAT, "0123456789");
	check(sc(__NR_truncate, "/data/out/trunc.txt", 4, 0) == 0, "truncate");
	printf("trunc.txt: %s\n", slurp("/data/out/trunc.txt"));
	put("/data/out/gone.txt", O_WRONLY | O_CREAT, "x");
	check(sc(__NR_unlink, "/data/out/gone.txt", 0, 0) == 0, "unlink");
	check(sc(__NR_mkdir, "/data/out/gonedir", 0755, 0) == 0, "mkdir gonedir");
	check(sc(__NR_rmdir, "/data/out/gonedir", 0, 0) == 0, "rmdir");
	big_file();
	mapped_file();
	list_dir("/data/out");

	printf("open missing: %ld\n", open_("/data/missing", O_RDONLY));
	printf("create existing with O_EXCL: %ld\n",
	       open_("/data/hello.txt", O_WRONLY | O_CREAT | O_EXCL));
	printf("rmdir non-empty: %ld\n", sc(__NR_rmdir, "/data/out", 0, 0));
	printf("failures: %d\n", failures);
	return failures != 0;
}
