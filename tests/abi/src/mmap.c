// SPDX-License-Identifier: MIT
/*
 * Memory mappings: anonymous, hints, MAP_FIXED, MAP_FIXED_NOREPLACE,
 * file-backed private and shared mappings with msync, partial munmap,
 * mprotect (checked without faulting: a system call reading or writing a
 * protected page fails with EFAULT), mremap, madvise(MADV_DONTNEED), a 64 GiB
 * PROT_NONE reservation, and demand paging of a big sparse region (mincore).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "abi.h"

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

#define PG   4096UL
#define PRIV (MAP_PRIVATE | MAP_ANONYMOUS)
#define RW   (PROT_READ | PROT_WRITE)

static unsigned char vec[1 << 18];

/* 1 if all of [p, p+len) is mapped, 0 if some of it is not, -1 on error. */
static int mapped(const void *p, size_t len)
{
	if (mincore((void *)p, len, vec) == 0)
		return 1;
	return errno == ENOMEM ? 0 : -1;
}

/* Resident pages in [p, p+len), or -1. */
static long resident(const void *p, size_t len)
{
	size_t i, n = (len + PG - 1) / PG;
	long count = 0;

	if (n > sizeof(vec) || mincore((void *)p, len, vec) != 0)
		return -1;
	for (i = 0; i < n; i++)
		count += vec[i] & 1;
	return count;
}

static int filled(const volatile unsigned char *p, size_t n, unsigned char c)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != c)
			return 0;
	return 1;
}

/* A raw mmap, so that errors come from the kernel and not the libc wrapper. */
static long raw_mmap(void *addr, size_t len, int prot, int flags, int fd, long off)
{
	return syscall(SYS_mmap, addr, len, prot, flags, fd, off);
}

static void anonymous(void)
{
	unsigned char *p, *q, *r;

	p = mmap(NULL, 3 * PG, RW, PRIV, -1, 0);
	check_true("mmap anonymous", p != MAP_FAILED);
	check_true("mmap page aligned", ((uintptr_t)p & (PG - 1)) == 0);
	check_true("mmap in user half", (uintptr_t)p < (1UL << 47));
	check_true("anonymous is zero", filled(p, 3 * PG, 0));
	memset(p, 0x11, 3 * PG);
	check_true("anonymous writable", filled(p, 3 * PG, 0x11));
	check_int("mapped per mincore", mapped(p, 3 * PG), 1);
	check_ok("munmap", munmap(p, 3 * PG));
	check_int("unmapped per mincore", mapped(p, 3 * PG), 0);

	/* A hint at a free address is taken as it is. */
	q = mmap(NULL, 4 * PG, PROT_NONE, PRIV, -1, 0);
	munmap(q, 4 * PG);
	r = mmap(q + PG, PG, RW, PRIV, -1, 0);
	check_true("mmap hint honoured", r == q + PG);
	munmap(r, PG);

	/* MAP_FIXED replaces what was there; MAP_FIXED_NOREPLACE refuses. */
	p = mmap(NULL, 8 * PG, RW, PRIV, -1, 0);
	memset(p, 0xaa, 8 * PG);
	q = mmap(p + PG, PG, RW, PRIV | MAP_FIXED, -1, 0);
	check_true("MAP_FIXED address", q == p + PG);
	check_true("MAP_FIXED fresh page", filled(p + PG, PG, 0));
	check_true("MAP_FIXED neighbours kept",
		   filled(p, PG, 0xaa) && filled(p + 2 * PG, PG, 0xaa));
	check_errno("MAP_FIXED_NOREPLACE over mapping",
		    raw_mmap(p + 2 * PG, PG, RW, PRIV | MAP_FIXED_NOREPLACE, -1, 0), EEXIST);
	check_true("MAP_FIXED_NOREPLACE left mapping", filled(p + 2 * PG, PG, 0xaa));
	munmap(p + 4 * PG, 4 * PG);
	q = mmap(p + 5 * PG, PG, RW, PRIV | MAP_FIXED_NOREPLACE, -1, 0);
	check_true("MAP_FIXED_NOREPLACE free address", q == p + 5 * PG);
	check_errno("MAP_FIXED unaligned", raw_mmap(p + 1, PG, RW, PRIV | MAP_FIXED, -1, 0),
		    EINVAL);

	/* Unmapping the middle leaves both ends. */
	memset(p + 3 * PG, 0xbb, PG);
	check_ok("munmap middle", munmap(p + PG, 2 * PG));
	check_int("munmap middle first page kept", mapped(p, PG), 1);
	check_int("munmap middle pages gone", mapped(p + PG, PG) + mapped(p + 2 * PG, PG), 0);
	check_int("munmap middle last page kept", mapped(p + 3 * PG, PG), 1);
	check_true("munmap middle content kept",
		   filled(p, PG, 0xaa) && filled(p + 3 * PG, PG, 0xbb));
	check_ok("munmap unmapped range", munmap(p + PG, 2 * PG));
	check_errno("munmap unaligned", munmap(p + 1, PG), EINVAL);
	check_errno("munmap zero length", munmap(p, 0), EINVAL);
	munmap(p, 8 * PG);

	check_errno("mmap zero length", raw_mmap(NULL, 0, RW, PRIV, -1, 0), EINVAL);
	check_errno("mmap neither private nor shared", raw_mmap(NULL, PG, RW, MAP_ANONYMOUS, -1, 0),
		    EINVAL);
	check_errno("mmap too big", raw_mmap(NULL, 1UL << 62, RW, PRIV, -1, 0), ENOMEM);
	check_errno("mincore unaligned", mincore((char *)vec + 1, PG, vec), EINVAL);

	p = mmap(NULL, 4 * PG, RW, PRIV | MAP_POPULATE, -1, 0);
	check_int("MAP_POPULATE resident", resident(p, 4 * PG), 4);
	munmap(p, 4 * PG);
	p = mmap(NULL, 2 * PG, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	check_true("shared anonymous zero", p != MAP_FAILED && filled(p, 2 * PG, 0));
	memset(p, 7, 2 * PG);
	check_true("shared anonymous writable", filled(p, 2 * PG, 7));
	munmap(p, 2 * PG);
}

static void protections(void)
{
	unsigned char *m;
	char buf[16];
	int in, out;

	memset(buf, 'P', sizeof(buf));
	make_file("probe", buf, sizeof(buf));
	in = open("probe", O_RDONLY | O_CLOEXEC);
	out = open("sink", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	m = mmap(NULL, 2 * PG, RW, PRIV, -1, 0);
	memset(m, 0x33, 2 * PG);
	check_int("read into writable page", pread(in, m + PG, 16, 0), 16);
	check_ok("mprotect read-only", mprotect(m, PG, PROT_READ));
	check_true("read-only page readable", filled(m, PG, 0x33));
	check_errno("read into read-only page", pread(in, m, 16, 0), EFAULT);
	check_true("read-only page unchanged", filled(m, PG, 0x33));
	check_int("write from read-only page", write(out, m, 16), 16);
	check_int("other page still writable", pread(in, m + PG, 16, 0), 16);
	check_ok("mprotect none", mprotect(m, PG, PROT_NONE));
	check_errno("write from PROT_NONE page", write(out, m, 16), EFAULT);
	check_int("PROT_NONE page still mapped", mapped(m, PG), 1);
	check_ok("mprotect read-write", mprotect(m, PG, RW));
	check_true("content kept across mprotect", filled(m, PG, 0x33));
	check_int("read into page made writable", pread(in, m, 16, 0), 16);
	check_true("read landed", filled(m, 16, 'P'));
	/* Raw: musl's mprotect() rounds the address down to a page. */
	check_errno("mprotect unaligned", syscall(SYS_mprotect, m + 1, PG, PROT_READ), EINVAL);
	munmap(m, 2 * PG);
	check_errno("mprotect unmapped", mprotect(m, PG, PROT_READ), ENOMEM);
	close(in);
	close(out);
}

static void file_backed(void)
{
	static unsigned char page[PG];
	unsigned char *p, *s, *s2;
	char buf[32];
	int fd, ro, i;

	fd = open("data", O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	for (i = 0; i < 3; i++) {
		memset(page, 'A' + i, PG);
		if (write(fd, page, PG) != PG)
			break;
	}
	check_int("data file written", i, 3);
	ro = open("data", O_RDONLY | O_CLOEXEC);

	p = mmap(NULL, 3 * PG, PROT_READ, MAP_PRIVATE, ro, 0);
	check_true("private file mapping", p != MAP_FAILED);
	check_true("private file content",
		   filled(p, PG, 'A') && filled(p + PG, PG, 'B') && filled(p + 2 * PG, PG, 'C'));
	munmap(p, 3 * PG);
	p = mmap(NULL, PG, PROT_READ, MAP_PRIVATE, ro, 2 * PG);
	check_true("file mapping at offset", p != MAP_FAILED && filled(p, PG, 'C'));
	munmap(p, PG);
	p = mmap(NULL, PG, RW, MAP_PRIVATE, ro, 0);
	check_true("private writable mapping of read-only fd", p != MAP_FAILED);
	memcpy(p, "private", 7);
	check_mem("private write visible in mapping", p, "private", 7);
	check_int("pread after private write", pread(fd, buf, 7, 0), 7);
	check_mem("private write not in file", buf, "AAAAAAA", 7);
	munmap(p, PG);

	check_errno("mmap unaligned offset", raw_mmap(NULL, PG, PROT_READ, MAP_PRIVATE, ro, 100),
		    EINVAL);
	check_errno("shared writable of read-only fd", raw_mmap(NULL, PG, RW, MAP_SHARED, ro, 0),
		    EACCES);
	check_errno("mmap bad fd", raw_mmap(NULL, PG, PROT_READ, MAP_PRIVATE, 99, 0), EBADF);

	/* Shared mappings and read()/write() see the same page cache. */
	s = mmap(NULL, 3 * PG, RW, MAP_SHARED, fd, 0);
	check_true("shared file mapping", s != MAP_FAILED);
	memcpy(s + PG + 10, "shared!", 7);
	check_ok("msync", msync(s, 3 * PG, MS_SYNC));
	check_int("pread after shared write", pread(fd, buf, 7, PG + 10), 7);
	check_mem("shared write in file", buf, "shared!", 7);
	check_int("pwrite under shared mapping", pwrite(fd, "via-pwrite", 10, 2 * PG), 10);
	check_mem("pwrite visible in mapping", s + 2 * PG, "via-pwrite", 10);
	s2 = mmap(NULL, PG, PROT_READ, MAP_SHARED, ro, PG);
	check_true("second shared mapping", s2 != MAP_FAILED);
	check_mem("second mapping sees first", s2 + 10, "shared!", 7);
	s[PG + 10] = 'S';
	check_true("second mapping sees later write", s2[10] == 'S');
	check_ok("madvise DONTNEED shared", madvise(s, PG, MADV_DONTNEED));
	check_true("shared DONTNEED keeps file data", filled(s, PG, 'A'));
	check_ok("msync async", msync(s, PG, MS_ASYNC));
	check_errno("msync sync and async", msync(s, PG, MS_SYNC | MS_ASYNC), EINVAL);
	check_errno("msync unaligned", msync(s + 1, PG, MS_SYNC), EINVAL);
	munmap(s2, PG);
	check_ok("munmap shared", munmap(s, 3 * PG));
	check_int("shared write survives munmap", pread(fd, buf, 1, PG + 10), 1);
	check_true("shared write survives content", buf[0] == 'S');

	/* The tail of the last page past EOF reads as zeros. */
	make_file("small", "0123456789", 10);
	close(ro);
	ro = open("small", O_RDONLY | O_CLOEXEC);
	p = mmap(NULL, PG, PROT_READ, MAP_PRIVATE, ro, 0);
	check_mem("small file content", p, "0123456789", 10);
	check_true("page tail past EOF is zero", filled(p + 10, PG - 10, 0));
	munmap(p, PG);
	close(ro);
	ro = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	check_errno("mmap directory", raw_mmap(NULL, PG, PROT_READ, MAP_PRIVATE, ro, 0), ENODEV);
	close(ro);
	close(fd);
}

static void remap(void)
{
	unsigned char *p, *n, *t;

	p = mmap(NULL, 2 * PG, RW, PRIV, -1, 0);
	memset(p, 0x44, 2 * PG);
	n = mremap(p, 2 * PG, 64 * PG, MREMAP_MAYMOVE);
	check_true("mremap grow", n != MAP_FAILED);
	check_true("mremap grow keeps content", filled(n, 2 * PG, 0x44));
	check_true("mremap grow new part zero", filled(n + 2 * PG, 62 * PG, 0));
	check_int("mremap grow mapped", mapped(n, 64 * PG), 1);
	n = mremap(n, 64 * PG, PG, 0);
	check_true("mremap shrink in place", n != MAP_FAILED);
	check_int("mremap shrink unmaps tail", mapped(n + PG, PG), 0);
	check_true("mremap shrink keeps content", filled(n, PG, 0x44));

	/* Growing in place is impossible when the next page is taken. */
	p = mmap(NULL, 3 * PG, RW, PRIV, -1, 0);
	memset(p, 0x55, 3 * PG);
	check_true("mremap blocked without MAYMOVE",
		   mremap(p, PG, 2 * PG, 0) == MAP_FAILED && errno == ENOMEM);
	check_true("mremap blocked keeps neighbour", filled(p + PG, PG, 0x55));

	/* Move to a chosen address. */
	t = mmap(NULL, 4 * PG, PROT_NONE, PRIV, -1, 0);
	n = mremap(p, PG, PG, MREMAP_MAYMOVE | MREMAP_FIXED, t + PG);
	check_true("mremap fixed address", n == t + PG);
	check_true("mremap fixed content", filled(n, PG, 0x55));
	check_int("mremap fixed old gone", mapped(p, PG), 0);
	check_int("mremap fixed neighbours kept", mapped(t, 4 * PG), 1);
	check_errno("mremap fixed without maymove",
		    syscall(SYS_mremap, p + PG, PG, PG, MREMAP_FIXED, t + 2 * PG), EINVAL);
	check_errno("mremap unaligned", syscall(SYS_mremap, p + PG + 1, PG, PG, 0), EINVAL);
	munmap(t, 4 * PG);
	munmap(p, 3 * PG);
	munmap(n, PG);
}

static void advice(void)
{
	unsigned char *p = mmap(NULL, 3 * PG, RW, PRIV, -1, 0);

	memset(p, 0x5a, 3 * PG);
	check_ok("madvise DONTNEED", madvise(p + PG, PG, MADV_DONTNEED));
	check_true("DONTNEED zeroes anonymous page", filled(p + PG, PG, 0));
	check_true("DONTNEED leaves other pages",
		   filled(p, PG, 0x5a) && filled(p + 2 * PG, PG, 0x5a));
	check_ok("madvise NORMAL", madvise(p, 3 * PG, MADV_NORMAL));
	check_ok("madvise RANDOM", madvise(p, 3 * PG, MADV_RANDOM));
	check_ok("madvise SEQUENTIAL", madvise(p, 3 * PG, MADV_SEQUENTIAL));
	check_ok("madvise WILLNEED", madvise(p, 3 * PG, MADV_WILLNEED));
	check_errno("madvise bad advice", madvise(p, PG, 12345), EINVAL);
	check_errno("madvise unaligned", madvise(p + 1, PG, MADV_NORMAL), EINVAL);
	munmap(p, 3 * PG);
	check_errno("madvise unmapped", madvise(p, PG, MADV_NORMAL), ENOMEM);
}

static void big(void)
{
	const size_t reserve = 64UL << 30, region = 1UL << 30, step = 64UL << 20;
	unsigned char *p;
	size_t off;
	long n;
	int bad;

	p = mmap(NULL, reserve, PROT_NONE, PRIV | MAP_NORESERVE, -1, 0);
	check_true("64 GiB PROT_NONE reservation", p != MAP_FAILED);
	if (p == MAP_FAILED)
		return;
	check_int("reservation start not resident", resident(p, 2UL << 20), 0);
	check_int("reservation end not resident", resident(p + reserve - (2UL << 20), 2UL << 20),
		  0);
	check_ok("mprotect inside reservation", mprotect(p + (32UL << 30), 1UL << 20, RW));
	memset(p + (32UL << 30), 0x66, 1UL << 20);
	check_true("window inside reservation usable", filled(p + (32UL << 30), 1UL << 20, 0x66));
	check_ok("munmap reservation", munmap(p, reserve));

	/* Demand paging: a 1 GiB region touched every 64 MiB. */
	p = mmap(NULL, region, RW, PRIV | MAP_NORESERVE, -1, 0);
	check_true("1 GiB anonymous region", p != MAP_FAILED);
	if (p == MAP_FAILED)
		return;
	check_int("untouched region not resident", resident(p, region), 0);
	for (off = 0; off < region; off += step)
		p[off + 123] = (unsigned char)(off / step + 1);
	n = resident(p, region);
	/* 16 pages, or 16 huge pages where transparent huge pages are always on. */
	check_true("sparse touches stay sparse", n >= 16 && n <= 16 * 512);
	for (bad = 0, off = 0; off < region; off += step)
		bad += p[off + 123] != (unsigned char)(off / step + 1) || p[off] != 0;
	check_int("sparse touches read back", bad, 0);
	check_true("untouched byte is zero", p[region / 2 + 4 * PG + 5] == 0);
	check_ok("munmap region", munmap(p, region));
}

#define ABI_MLOCK_ONFAULT 1
#define ABI_MCL_ONFAULT	  4

/*
 * Locking: nothing may be paged out afterwards, so mlock faults the pages
 * in (mincore sees them); MLOCK_ONFAULT and munlock leave residency alone.
 */
static void locking(void)
{
	unsigned char *p = mmap(NULL, 4 * PG, RW, PRIV, -1, 0), *none;

	check_true("map for mlock", p != MAP_FAILED);
	check_int("fresh mapping not resident", resident(p, 4 * PG), 0);
	check_ok("mlock", mlock(p + 10, PG));
	check_int("mlock faults in the pages it spans", resident(p, 4 * PG), 2);
	check_ok("munlock", munlock(p, 4 * PG));
	check_int("munlock keeps the pages", resident(p, 4 * PG), 2);
	check_ok("mlock2 on fault", syscall(SYS_mlock2, p + 2 * PG, 2 * PG, ABI_MLOCK_ONFAULT));
	check_int("mlock2 on fault faults nothing in", resident(p, 4 * PG), 2);
	check_ok("mlock2 now", syscall(SYS_mlock2, p + 2 * PG, 2 * PG, 0));
	check_int("mlock2 faults in", resident(p, 4 * PG), 4);
	check_errno("mlock2 bad flags", syscall(SYS_mlock2, p, PG, 2), EINVAL);
	check_ok("mlock zero length", mlock(p, 0));
	check_errno("mlock wraps", syscall(SYS_mlock, p, -(long)PG), EINVAL);
	munmap(p + PG, PG);
	check_errno("mlock over a hole", mlock(p, 4 * PG), ENOMEM);
	check_errno("munlock over a hole", munlock(p, 4 * PG), ENOMEM);
	munmap(p, 4 * PG);
	check_errno("mlock unmapped", mlock(p, PG), ENOMEM);
	none = mmap(NULL, PG, PROT_NONE, PRIV, -1, 0);
	check_errno("mlock PROT_NONE", mlock(none, PG), ENOMEM);
	munmap(none, PG);

	check_errno("mlockall no flags", mlockall(0), EINVAL);
	check_errno("mlockall bad flags", mlockall(0x100), EINVAL);
	check_errno("mlockall on fault alone", mlockall(ABI_MCL_ONFAULT), EINVAL);
	check_ok("mlockall current", mlockall(MCL_CURRENT));
	check_ok("munlockall", munlockall());
	check_ok("mlockall current on fault", mlockall(MCL_CURRENT | ABI_MCL_ONFAULT));
	check_ok("munlockall again", munlockall());
}

int main(void)
{
	abi_begin("mmap");
	anonymous();
	protections();
	file_backed();
	remap();
	advice();
	big();
	locking();
	return abi_end();
}
