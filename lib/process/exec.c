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
#include <linux/mman.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/arch/cpu.h>
#include <tessera/arch/syscall.h>
#include <tessera/devfs.h>
#include <tessera/mm.h>
#include <tessera/printk.h>
#include <tessera/process.h>
#include <tessera/random.h>
#include <tessera/uaccess.h>
#include <tessera/vfs.h>
#include "elf.h"
#include "env.h"
#include "layout.h"

#define HWCAP2_FSGSBASE (1 << 1)
#define MAX_ARGS 4096
#define MIN_SIGSTKSZ 2048

static char *exe_path;
static struct process_areas areas;

const char *process_exe_path(void)
{
	return exe_path;
}

const struct process_areas *process_areas(void)
{
	return exe_path ? &areas : NULL;
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
			     const struct elf_image *prog, const struct elf_image *interp)
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
		{AT_SYSINFO_EHDR, 0}, /* no vDSO yet: libcs then use the syscall */
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

int process_exec(const char *path, char *const argv[])
{
	struct process_layout layout;
	struct elf_image prog, interp;
	struct vfs_path canonical;
	const char *why, *slash;
	long stack;
	uintptr_t sp;
	int err;

	err = vfs_resolve(NULL, path, VFS_FOLLOW, &canonical);
	if (!err && !canonical.inode)
		err = -ENOENT;
	if (err)
		return fail(path, err, NULL);
	exe_path = canonical.canonical; /* kept for /proc/self/exe */
	inode_put(canonical.inode);
	slash = strrchr(path, '/');
	process_set_comm(slash ? slash + 1 : path); /* as Linux names a task at exec */
	process_layout_choose(&layout);
	mm_set_mmap_base(layout.mmap_base);
	err = elf_load(path, layout.pie_base, &prog, &why);
	if (err)
		return fail(path, err, why);
	if (prog.interp[0]) {
		err = elf_load(prog.interp, 0, &interp, &why);
		if (err)
			return fail(prog.interp, err, why);
		if (interp.interp[0])
			return fail(prog.interp, -ENOEXEC, "the interpreter has an interpreter");
	}
	pr_debug("exec: %s loaded at bias %#lx, entry %#lx\n", path, prog.bias, prog.entry);
	if (prog.interp[0])
		pr_debug("exec: interpreter %s at bias %#lx\n", prog.interp, interp.bias);
	areas.start_code = prog.start_code;
	areas.end_code = prog.end_code;
	areas.start_data = prog.start_data;
	areas.end_data = prog.end_data;
	areas.start_brk = ALIGN_UP(prog.end, 4096) + layout.brk_offset;
	mm_set_brk_base(areas.start_brk);
	stack = mm_map(layout.stack_top - STACK_SIZE, STACK_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE | MAP_GROWSDOWN, NULL, 0,
		       "[stack]");
	if (stack < 0)
		return fail(path, stack, "cannot map the stack");
	sp = build_stack(layout.stack_top, argv, process_env(), &prog,
			 prog.interp[0] ? &interp : NULL);
	if (!sp)
		return fail(path, -ENOMEM, "cannot build the initial stack");
	err = devfs_open_stdio();
	if (err)
		return fail(path, err, "cannot open the standard streams");
	arch_enter_program(prog.interp[0] ? interp.entry : prog.entry, sp);
}
