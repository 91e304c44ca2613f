/*
 * Starting the program: load it (and its interpreter), build the initial
 * stack the ELF ABI defines, and jump.
 *
 * The stack, from its top down: the AT_RANDOM bytes and the strings
 * (platform, execfn, argv, envp), then 16-byte aligned: argc, argv[],
 * NULL, envp[], NULL, auxv pairs, AT_NULL — with %rsp pointing at argc.
 */
#include <errno.h>
#include <linux/auxvec.h>
#include <linux/elf.h>
#include <linux/fcntl.h>
#include <linux/mman.h>
#include <linux/stat.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/arch/cpu.h>
#include <tessera/arch/syscall.h>
#include <tessera/arch/trap.h>
#include <tessera/arch/user_state.h>
#include <tessera/devfs.h>
#include <tessera/fdtable.h>
#include <tessera/mm.h>
#include <tessera/printk.h>
#include <tessera/process.h>
#include <tessera/process_state.h>
#include <tessera/sched.h>
#include <tessera/syscall.h>
#include <tessera/random.h>
#include <tessera/uaccess.h>
#ifdef CONFIG_LIB_VDSO
#include <tessera/vdso.h>
#endif
#include <tessera/vfs.h>
#include "elf.h"
#include "env.h"
#include "layout.h"
#include "proc.h"

#define HWCAP2_FSGSBASE (1 << 1)
#define MAX_ARGS 4096
#define MIN_SIGSTKSZ 2048

static char *exe_path;
static bool linked; /* the program is the one linked into the image */
static struct process_areas areas;

const char *process_exe_path(void)
{
	return exe_path;
}

const struct process_areas *process_areas(void)
{
	return areas.start_stack ? &areas : NULL;
}

/* A downward allocator on the new stack. */
struct stack_builder {
	uintptr_t sp;
	int err;
};

static uintptr_t push_bytes(struct stack_builder *b, const void *data, size_t len)
{
	b->sp -= len;
	if (!b->err && copy_to_user((void *)b->sp, data, len))
		b->err = -EFAULT;
	return b->sp;
}

static uintptr_t push_string(struct stack_builder *b, const char *s)
{
	return push_bytes(b, s, strlen(s) + 1);
}

static int count(char *const *v)
{
	int n = 0;

	while (v && v[n] && n < MAX_ARGS)
		n++;
	return n;
}

static void push_word(struct stack_builder *b, uint64_t w)
{
	push_bytes(b, &w, sizeof(w));
}

static uintptr_t build_stack(uintptr_t top, char *const argv[], char *const envp[],
			     const struct elf_image *prog, const struct elf_image *interp,
			     uintptr_t vdso)
{
	struct stack_builder b = {.sp = top};
	int argc = count(argv), envc = count(envp);
	uintptr_t *arg_ptrs = alloc_calloc(alloc_default(), argc + envc + 1, sizeof(uintptr_t));
	uint8_t random[16];
	uintptr_t at_random, platform, execfn;
	size_t words;

	if (!arg_ptrs)
		return 0;
	random_bytes(random, sizeof(random));
	at_random = push_bytes(&b, random, sizeof(random));
	platform = push_string(&b, "x86_64");
	execfn = push_string(&b, argv[0]);
	areas.env_end = execfn;
	for (int i = envc - 1; i >= 0; i--)
		arg_ptrs[argc + i] = push_string(&b, envp[i]);
	areas.env_start = areas.arg_end = b.sp;
	for (int i = argc - 1; i >= 0; i--)
		arg_ptrs[i] = push_string(&b, argv[i]);
	areas.arg_start = b.sp;

	const uint64_t auxv[][2] = {
		{AT_SYSINFO_EHDR, vdso}, /* 0: none, libcs then make the syscalls */
		{AT_MINSIGSTKSZ, MIN_SIGSTKSZ},
		{AT_HWCAP, cpuid(1, 0).edx},
		{AT_PAGESZ, 4096},
		{AT_CLKTCK, 100},
		{AT_PHDR, prog->phdr},
		{AT_PHENT, sizeof(Elf64_Phdr)},
		{AT_PHNUM, prog->phnum},
		{AT_BASE, interp ? interp->bias : 0},
		{AT_FLAGS, 0},
		{AT_ENTRY, prog->entry},
		{AT_UID, 0},
		{AT_EUID, 0},
		{AT_GID, 0},
		{AT_EGID, 0},
		{AT_SECURE, 0},
		{AT_RANDOM, at_random},
		{AT_HWCAP2, cpu_features.fsgsbase ? HWCAP2_FSGSBASE : 0},
		{AT_EXECFN, execfn},
		{AT_PLATFORM, platform},
		{AT_NULL, 0},
	};
	/* argc, argv, NULL, envp, NULL, auxv: make %rsp 16-byte aligned at argc. */
	words = 1 + argc + 1 + envc + 1 + 2 * ARRAY_SIZE(auxv);
	b.sp = ALIGN_DOWN(b.sp - words * 8, 16) + words * 8;
	for (int i = ARRAY_SIZE(auxv) - 1; i >= 0; i--) {
		push_word(&b, auxv[i][1]);
		push_word(&b, auxv[i][0]);
	}
	areas.auxv_start = b.sp;
	areas.auxv_end = b.sp + sizeof(auxv);
	push_word(&b, 0);
	for (int i = envc - 1; i >= 0; i--)
		push_word(&b, arg_ptrs[argc + i]);
	push_word(&b, 0);
	for (int i = argc - 1; i >= 0; i--)
		push_word(&b, arg_ptrs[i]);
	push_word(&b, argc);
	areas.start_stack = b.sp;
	alloc_free(alloc_default(), arg_ptrs);
	return b.err ? 0 : b.sp;
}

static int fail(const char *path, int err, const char *why)
{
	printk(LOG_ERR, "tessera: cannot run %s: %s\n", path, why ? why : strerror(-err));
	return err;
}

/*
 * Program-independent memory: the heap past the program's end, the stack,
 * and on it the initial stack: *sp is where to start.
 */
static int map_stack_and_heap(const struct process_layout *layout, const struct elf_image *prog,
			      const struct elf_image *interp, char *const argv[],
			      char *const envp[], uintptr_t *sp, const char **why)
{
	uintptr_t vdso = 0;
	long stack;

	areas.start_code = prog->start_code;
	areas.end_code = prog->end_code;
	areas.start_data = prog->start_data;
	areas.end_data = prog->end_data;
	areas.start_brk = ALIGN_UP(prog->end, 4096) + layout->brk_offset;
	mm_set_brk_base(areas.start_brk);
	stack = mm_map(layout->stack_top - STACK_SIZE, STACK_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE | MAP_GROWSDOWN, NULL, 0,
		       "[stack]");
	if (stack < 0) {
		*why = "cannot map the stack";
		return stack;
	}
#ifdef CONFIG_LIB_VDSO
	stack = vdso_map();
	if (stack < 0) {
		*why = "cannot map the vDSO";
		return stack;
	}
	vdso = stack;
#endif
	*sp = build_stack(layout->stack_top, argv, envp, prog, interp, vdso);
	if (!*sp) {
		*why = "cannot build the initial stack";
		return -ENOMEM;
	}
	return 0;
}

/* The interpreter a program names, mapped anywhere. */
static int load_interp(const char *path, struct elf_image *interp, const char **why)
{
	struct file *f;
	int err = elf_open(NULL, path, true, &f);

	if (err)
		return err;
	err = elf_load(f, 0, interp, why);
	file_put(f);
	return err;
}

/*
 * Map the program open as f (and its interpreter), its stack and heap, and
 * build the initial stack: *entry and *sp are where to start.  The task is
 * named name, as Linux names it at exec.  On failure, *why may explain it.
 */
static int load(struct file *f, const char *name, char *const argv[], char *const envp[],
		uintptr_t *entry, uintptr_t *sp, const char **why)
{
	char *path = alloc_strdup(alloc_default(), f->path);
	struct process_layout layout;
	struct elf_image prog, interp;
	int err;

	*why = NULL;
	if (!path)
		return -ENOMEM;
	alloc_free(alloc_default(), exe_path);
	exe_path = path; /* kept for /proc/self/exe */
	linked = false;
	process_set_comm(name);
	process_layout_choose(&layout);
	mm_set_mmap_base(layout.mmap_base);
	err = elf_load(f, layout.pie_base, &prog, why);
	if (err)
		return err;
	if (prog.interp[0]) {
		err = load_interp(prog.interp, &interp, why);
		if (!err && interp.interp[0]) {
			*why = "the interpreter has an interpreter";
			err = -ENOEXEC;
		}
		if (err)
			return err;
	}
	pr_debug("exec: %s loaded at bias %#lx, entry %#lx\n", f->path, prog.bias, prog.entry);
	if (prog.interp[0])
		pr_debug("exec: interpreter %s at bias %#lx\n", prog.interp, interp.bias);
	*entry = prog.interp[0] ? interp.entry : prog.entry;
	return map_stack_and_heap(&layout, &prog, prog.interp[0] ? &interp : NULL, argv, envp, sp,
				  why);
}

/* The kernel thread becomes the program's first task: FPU state, FS and GS of its own. */
static int give_user_state(void)
{
	struct arch_user_state *user = arch_user_state_new();

	if (!user || process_first_task()) {
		arch_user_state_free(user);
		return -ENOMEM;
	}
	thread_set_user_state(thread_current(), user);
	return 0;
}

static int enter(const char *name, uintptr_t entry, uintptr_t sp)
{
	int err = devfs_open_stdio();

	if (err)
		return fail(name, err, "cannot open the standard streams");
	arch_enter_program(entry, sp);
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

int process_exec(const char *path, char *const argv[])
{
	uintptr_t entry, sp;
	const char *why = NULL;
	struct file *f = NULL;
	int err = give_user_state();

	err = err ?: elf_open(NULL, path, true, &f);
	err = err ?: load(f, base_name(path), argv, process_env(), &entry, &sp, &why);
	if (f)
		file_put(f);
	return err ? fail(path, err, why) : enter(path, entry, sp);
}

/* Like load, for the program linked into the image: only its stack and heap. */
static int load_linked(uintptr_t entry, char *const argv[], uintptr_t *sp, const char **why)
{
	struct process_layout layout;
	struct elf_image prog;

	process_set_comm(argv[0] ? argv[0] : TESSERA_APP_NAME);
	process_layout_choose(&layout);
	mm_set_mmap_base(layout.mmap_base);
	/* The heap goes where a PIE program would be. */
	elf_linked_image(entry, layout.pie_base, &prog);
	linked = true;
	return map_stack_and_heap(&layout, &prog, NULL, argv, process_env(), sp, why);
}

int process_start_linked(uintptr_t entry, char *const argv[])
{
	uintptr_t sp;
	const char *why = NULL;
	int err = give_user_state();

	err = err ?: load_linked(entry, argv, &sp, &why);
	return err ? fail(TESSERA_APP_NAME, err, why) : enter(TESSERA_APP_NAME, entry, sp);
}

/* Everything a new program needs from the caller's memory, copied before that memory goes. */
struct exec_args {
	char *path;
	char **argv, **envp;
};

static void free_strings(char **v)
{
	for (int i = 0; v && v[i]; i++)
		alloc_free(alloc_default(), v[i]);
	alloc_free(alloc_default(), v);
}

static int copy_strings(char *const *user, char ***out)
{
	char **v = alloc_calloc(alloc_default(), MAX_ARGS + 1, sizeof(char *));
	char *s;

	*out = v;
	if (!v)
		return -ENOMEM;
	for (int i = 0; user; i++) {
		char *p;
		long n;

		if (i == MAX_ARGS)
			return -E2BIG;
		if (copy_from_user(&p, &user[i], sizeof(p)))
			return -EFAULT;
		if (!p)
			break;
		s = alloc_malloc(alloc_default(), VFS_PATH_MAX * 32);
		if (!s)
			return -ENOMEM;
		v[i] = s;
		n = copy_string_from_user(s, p, VFS_PATH_MAX * 32);
		if (n < 0)
			return n == -ENAMETOOLONG ? -E2BIG : n;
	}
	return 0;
}

static void exec_args_free(struct exec_args *a)
{
	alloc_free(alloc_default(), a->path);
	free_strings(a->argv);
	free_strings(a->envp);
}

static int exec_args_copy(const char *path, char *const *argv, char *const *envp,
			  struct exec_args *a)
{
	long n;

	*a = (struct exec_args){.path = alloc_malloc(alloc_default(), VFS_PATH_MAX)};
	if (!a->path)
		return -ENOMEM;
	n = copy_string_from_user(a->path, path, VFS_PATH_MAX);
	if (n < 0)
		return n;
	return copy_strings(argv, &a->argv) ?: copy_strings(envp, &a->envp);
}

/*
 * The program to run, opened now so that errors leave the caller running:
 * (dirfd, path) as the *at calls name files, or with AT_EMPTY_PATH and an
 * empty path the file open on dirfd (fexecve), opened anew for reading.
 */
static int open_program(int dirfd, const char *path, int flags, struct file **out)
{
	struct file *dir = NULL, *f;
	int err;

	if (!path[0] && !(flags & AT_EMPTY_PATH))
		return -ENOENT;
	if (!path[0] && dirfd == AT_FDCWD)
		return elf_open(NULL, ".", true, out);
	if (!path[0] || (path[0] != '/' && dirfd != AT_FDCWD)) {
		dir = fd_get(dirfd);
		if (!dir)
			return -EBADF;
	}
	if (!path[0]) {
		err = vfs_reopen(dir, O_RDONLY, &f);
		if (!err && (err = elf_executable(f)))
			file_put(f);
	} else if (dir && !S_ISDIR(dir->inode->attr.mode)) {
		err = -ENOTDIR;
	} else {
		err = elf_open(dir ? dir->path : NULL, path, !(flags & AT_SYMLINK_NOFOLLOW), &f);
	}
	if (dir)
		file_put(dir);
	if (!err)
		*out = f;
	return err;
}

extern const struct process_state_ops __process_state_start[], __process_state_end[];

SYSCALL_DEFINE5(execveat, int, dirfd, const char *, path, char *const *, argv, char *const *, envp,
		int, flags)
{
	struct trap_frame *tf = arch_syscall_frame();
	struct exec_args a;
	struct file *f = NULL;
	uintptr_t entry, sp;
	const char *why;
	int err;

	if (flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW))
		return -EINVAL;
	err = exec_args_copy(path, argv, envp, &a);
	/* Problems found now leave the caller running, as on Linux. */
	err = err ?: open_program(dirfd, a.path, flags, &f);
	err = err ?: elf_check(f);
	err = err ?: process_unshare_memory();
	if (err) {
		if (f)
			file_put(f);
		exec_args_free(&a);
		return err;
	}
	task_end_others();
	for (const struct process_state_ops *o = __process_state_start; o < __process_state_end; o++) {
		if (o->exec)
			o->exec();
	}
	err = load(f, base_name(a.path[0] ? a.path : f->path),
		   a.argv[0] ? a.argv : (char *[]){a.path, NULL}, a.envp, &entry, &sp, &why);
	file_put(f);
	exec_args_free(&a);
	if (err) {
		/* The old program is gone: like Linux, end the process. */
		printk(LOG_ERR, "tessera: execve failed after the point of no return: %s\n",
		       why ? why : strerror(-err));
		process_exit(127);
	}
	arch_user_state_reset();
	*tf = (struct trap_frame){.rip = entry, .rsp = sp, .rflags = 0x202, .cs = tf->cs,
				  .ss = tf->ss, .vector = tf->vector};
	return 0;
}

SYSCALL_DEFINE3(execve, const char *, path, char *const *, argv, char *const *, envp)
{
	return sys_execveat(AT_FDCWD, path, argv, envp, 0);
}

/* The process's program, for /proc: saved at fork, reinstated when the child ends. */
struct saved_program {
	char *exe_path;
	bool linked;
	struct process_areas areas;
};

static int program_save(unsigned int shares, void **saved)
{
	struct saved_program *s;

	/*
	 * A linked program's data is the image's: a child with a copy of the
	 * memory cannot have a copy of that.  vfork and posix_spawn share
	 * memory anyway; fork fails as on Linux without an MMU.
	 */
	if (linked && !(shares & PROCESS_SHARES_MEMORY)) {
		printk(LOG_WARN, "tessera: fork: not supported in a program linked into the image\n");
		return -ENOSYS;
	}
	s = alloc_malloc(alloc_default(), sizeof(*s));
	if (!s)
		return -ENOMEM;
	s->exe_path = exe_path ? alloc_strdup(alloc_default(), exe_path) : NULL;
	s->linked = linked;
	s->areas = areas;
	*saved = s;
	return 0;
}

static void program_restore(void *saved)
{
	struct saved_program *s = saved;

	alloc_free(alloc_default(), exe_path);
	exe_path = s->exe_path;
	linked = s->linked;
	areas = s->areas;
	alloc_free(alloc_default(), s);
}
PROCESS_STATE(program, program_save, program_restore, NULL);
