// SPDX-License-Identifier: MIT
/*
 * memfd_create and file seals: the anonymous file (name, mode, link count,
 * close-on-exec), its data through read/write, ftruncate and shared
 * mappings (also across fork), the seals (F_ADD_SEALS, F_GET_SEALS) and
 * what each refuses: shrinking, growing, writing (EBUSY while a shared
 * writable mapping exists), future writes, exec-bit changes.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "abi.h"

/* Kernel values, spelled out: not every C library's headers have them. */
#define ABI_MFD_CLOEXEC	      0x1U
#define ABI_MFD_ALLOW_SEALING 0x2U
#define ABI_MFD_NOEXEC_SEAL   0x8U
#define ABI_MFD_EXEC	      0x10U
#define ABI_F_ADD_SEALS	      1033
#define ABI_F_GET_SEALS	      1034
#define ABI_F_SEAL_SEAL	      0x1
#define ABI_F_SEAL_SHRINK     0x2
#define ABI_F_SEAL_GROW	      0x4
#define ABI_F_SEAL_WRITE      0x8
#define ABI_F_SEAL_FUTURE     0x10
#define ABI_F_SEAL_EXEC	      0x20

#define PG 4096

static int memfd(const char *name, unsigned int flags)
{
	return syscall(SYS_memfd_create, name, flags);
}

static void creation(void)
{
	char name[300], link[300], path[64];
	struct statfs fs;
	struct stat st;
	int fd = memfd("abi", ABI_MFD_CLOEXEC), plain;
	long n;

	check_ok("memfd_create", fd);
	check_int("MFD_CLOEXEC", fcntl(fd, F_GETFD), FD_CLOEXEC);
	check_int("memfd is read-write", fcntl(fd, F_GETFL) & O_ACCMODE, O_RDWR);
	check_ok("fstat memfd", fstat(fd, &st));
	check_true("memfd is an empty regular file", S_ISREG(st.st_mode) && st.st_size == 0);
	check_int("memfd mode", st.st_mode & 07777, 0777);
	check_int("memfd has no link", st.st_nlink, 0);
	check_ok("fstatfs memfd", fstatfs(fd, &fs));
	check_true("a memfd is a tmpfs file", fs.f_type == 0x01021994);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, link, sizeof(link) - 1);
	link[n < 0 ? 0 : n] = '\0';
	check_str("memfd name", link, "/memfd:abi (deleted)");
	plain = memfd("", 0);
	check_int("memfd without MFD_CLOEXEC", fcntl(plain, F_GETFD), 0);
	close(plain);
	close(fd);

	memset(name, 'n', sizeof(name));
	name[249] = '\0';
	fd = memfd(name, 0);
	check_ok("memfd name of 249 bytes", fd);
	close(fd);
	name[249] = 'n';
	name[250] = '\0';
	check_errno("memfd name of 250 bytes", memfd(name, 0), EINVAL);
	check_errno("memfd bad name", syscall(SYS_memfd_create, (void *)8, 0), EFAULT);
	check_errno("memfd bad flags", memfd("x", 0x100), EINVAL);
	check_errno("memfd EXEC and NOEXEC_SEAL", memfd("x", ABI_MFD_EXEC | ABI_MFD_NOEXEC_SEAL),
		    EINVAL);
}

static void data(void)
{
	char buf[16] = "";
	unsigned char *a, *b;
	int fd = memfd("data", ABI_MFD_CLOEXEC), status = -1;
	pid_t pid;

	check_int("memfd write", write(fd, "hello", 5), 5);
	check_int("memfd pread", pread(fd, buf, sizeof(buf), 0), 5);
	check_true("memfd data", !memcmp(buf, "hello", 5));
	check_int("memfd lseek end", lseek(fd, 0, SEEK_END), 5);
	check_ok("memfd ftruncate", ftruncate(fd, 2 * PG));
	a = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	b = mmap(NULL, 2 * PG, PROT_READ, MAP_SHARED, fd, 0);
	check_true("memfd shared mappings", a != MAP_FAILED && b != MAP_FAILED);
	if (a == MAP_FAILED || b == MAP_FAILED)
		return;
	check_true("mapping sees written data", !memcmp(a, "hello", 5));
	a[PG + 1] = 'x';
	check_true("another shared mapping sees the store", b[PG + 1] == 'x');
	check_int("read sees the store", pread(fd, buf, 1, PG + 1), 1);
	check_true("read sees the store's byte", buf[0] == 'x');
	check_int("write into the mapped file", pwrite(fd, "W", 1, 7), 1);
	check_true("mapping sees the write", a[7] == 'W' && b[7] == 'W');
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		a[100] = 'c';
		_exit(0);
	}
	check_true("fork child", pid > 0 && waitpid(pid, &status, 0) == pid && status == 0);
	check_true("child's store seen through MAP_SHARED", a[100] == 'c' && b[100] == 'c');
	munmap(a, 2 * PG);
	munmap(b, 2 * PG);
	close(fd);
}

static int seals_of(int fd)
{
	return fcntl(fd, ABI_F_GET_SEALS);
}

static void seals(void)
{
	int fd = memfd("s", ABI_MFD_CLOEXEC), reg;
	unsigned char *m;
	char c = 0;

	check_int("without MFD_ALLOW_SEALING: sealed", seals_of(fd), ABI_F_SEAL_SEAL);
	check_errno("without MFD_ALLOW_SEALING: no more seals",
		    fcntl(fd, ABI_F_ADD_SEALS, ABI_F_SEAL_WRITE), EPERM);
	close(fd);
	make_file("regular", "r", 1);
	reg = open("regular", O_RDWR | O_CLOEXEC);
	check_errno("F_GET_SEALS on a regular file", seals_of(reg), EINVAL);
	check_errno("F_ADD_SEALS on a regular file", fcntl(reg, ABI_F_ADD_SEALS, ABI_F_SEAL_WRITE),
		    EINVAL);
	close(reg);
	unlink("regular");

	fd = memfd("s", ABI_MFD_CLOEXEC | ABI_MFD_ALLOW_SEALING);
	check_int("MFD_ALLOW_SEALING: no seals", seals_of(fd), 0);
	check_errno("unknown seal", fcntl(fd, ABI_F_ADD_SEALS, 0x100), EINVAL);
	check_ok("ftruncate before sealing", ftruncate(fd, 2 * PG));
	check_ok("F_SEAL_SHRINK", fcntl(fd, ABI_F_ADD_SEALS, ABI_F_SEAL_SHRINK));
	check_errno("shrink sealed", ftruncate(fd, PG), EPERM);
	check_ok("grow while only shrink is sealed", ftruncate(fd, 3 * PG));
	check_ok("F_SEAL_GROW", fcntl(fd, ABI_F_ADD_SEALS, ABI_F_SEAL_GROW));
	check_int("seals add up", seals_of(fd), ABI_F_SEAL_SHRINK | ABI_F_SEAL_GROW);
	check_errno("grow sealed", ftruncate(fd, 4 * PG), EPERM);
	check_ok("same size under both", ftruncate(fd, 3 * PG));
	check_errno("write past the end sealed", pwrite(fd, "x", 1, 3 * PG), EPERM);
	check_int("write inside the file", pwrite(fd, "x", 1, PG), 1);
	check_errno("fallocate past the end sealed", fallocate(fd, 0, 0, 4 * PG), EPERM);

	m = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	check_true("shared writable mapping", m != MAP_FAILED);
	check_errno("F_SEAL_WRITE while mapped shared and writable",
		    fcntl(fd, ABI_F_ADD_SEALS, ABI_F_SEAL_WRITE), EBUSY);
	munmap(m, PG);
	check_ok("F_SEAL_WRITE once unmapped", fcntl(fd, ABI_F_ADD_SEALS, ABI_F_SEAL_WRITE));
	check_errno("write sealed", pwrite(fd, "x", 1, 0), EPERM);
	check_errno("write(2) sealed", write(fd, "x", 1), EPERM);
	check_true("shared writable mapping refused",
		   mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) == MAP_FAILED &&
			   errno == EPERM);
	m = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	check_true("private writable mapping allowed", m != MAP_FAILED);
	if (m != MAP_FAILED) {
		m[0] = 'p';
		check_true("private store stays private", pread(fd, &c, 1, 0) == 1 && c == 0);
		munmap(m, PG);
	}
	m = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, 0);
	check_true("shared read-only mapping allowed", m != MAP_FAILED);
	check_errno("mprotect it writable", mprotect(m, PG, PROT_READ | PROT_WRITE), EACCES);
	munmap(m, PG);
	check_int("read still works", pread(fd, &c, 1, PG), 1);
	check_ok("F_SEAL_SEAL", fcntl(fd, ABI_F_ADD_SEALS, ABI_F_SEAL_SEAL));
	check_errno("sealed against seals", fcntl(fd, ABI_F_ADD_SEALS, ABI_F_SEAL_FUTURE), EPERM);
	check_int("all the seals", seals_of(fd),
		  ABI_F_SEAL_SEAL | ABI_F_SEAL_SHRINK | ABI_F_SEAL_GROW | ABI_F_SEAL_WRITE);
	close(fd);

	/* F_SEAL_FUTURE_WRITE: mappings made before may still write. */
	fd = memfd("f", ABI_MFD_CLOEXEC | ABI_MFD_ALLOW_SEALING);
	ftruncate(fd, PG);
	m = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	check_ok("F_SEAL_FUTURE_WRITE while mapped", fcntl(fd, ABI_F_ADD_SEALS, ABI_F_SEAL_FUTURE));
	m[0] = 'm';
	check_true("earlier mapping still writes", pread(fd, &c, 1, 0) == 1 && c == 'm');
	check_errno("write after F_SEAL_FUTURE_WRITE", pwrite(fd, "x", 1, 0), EPERM);
	check_true("new shared writable mapping refused",
		   mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) == MAP_FAILED &&
			   errno == EPERM);
	munmap(m, PG);
	close(fd);
}

static void exec_seal(void)
{
	struct stat st;
	int fd = memfd("x", ABI_MFD_CLOEXEC | ABI_MFD_NOEXEC_SEAL);

	check_ok("fstat MFD_NOEXEC_SEAL", fstat(fd, &st));
	check_int("MFD_NOEXEC_SEAL mode", st.st_mode & 07777, 0666);
	check_int("MFD_NOEXEC_SEAL seals", seals_of(fd), ABI_F_SEAL_EXEC);
	check_errno("exec bits sealed", fchmod(fd, 0755), EPERM);
	check_ok("other bits may change", fchmod(fd, 0600));
	check_ok("MFD_NOEXEC_SEAL may take more seals",
		 fcntl(fd, ABI_F_ADD_SEALS, ABI_F_SEAL_GROW));
	close(fd);
	fd = memfd("x", ABI_MFD_CLOEXEC | ABI_MFD_ALLOW_SEALING);
	check_ok("F_SEAL_EXEC on an executable memfd", fcntl(fd, ABI_F_ADD_SEALS, ABI_F_SEAL_EXEC));
	check_int("F_SEAL_EXEC there seals the content too", seals_of(fd),
		  ABI_F_SEAL_EXEC | ABI_F_SEAL_FUTURE | ABI_F_SEAL_WRITE | ABI_F_SEAL_GROW |
			  ABI_F_SEAL_SHRINK);
	check_errno("write under F_SEAL_EXEC", write(fd, "x", 1), EPERM);
	close(fd);
}

int main(void)
{
	abi_begin("memfd");
	creation();
	data();
	seals();
	exec_seal();
	return abi_end();
}
