/*
 * Capabilities: capget and capset with Linux's version handshake and rules.
 * The one user is root, so a process starts with every capability; it may
 * give some up (capset) and gets them all back at execve, as root does on
 * Linux.  Nothing checks capabilities yet: they are kept and reported.
 */
#include <errno.h>
#include <linux/capability.h>
#include <tessera/process.h>
#include <tessera/process_state.h>
#include <tessera/syscall.h>
#include <tessera/uaccess.h>
#include "proc.h"

void process_get_caps(uint64_t *effective, uint64_t *permitted, uint64_t *inheritable)
{
	const struct process_inherited *in = &process_current()->inherited;

	*effective = in->cap_effective;
	*permitted = in->cap_permitted;
	*inheritable = in->cap_inheritable;
}

/*
 * How many 32-bit words of each set the caller's version carries; an
 * unknown version is answered with the one the kernel speaks, and -EINVAL.
 */
static int check_version(struct __user_cap_header_struct *user_header, unsigned int *words)
{
	uint32_t version, mine = _LINUX_CAPABILITY_VERSION_3;

	if (copy_from_user(&version, &user_header->version, sizeof(version)))
		return -EFAULT;
	switch (version) {
	case _LINUX_CAPABILITY_VERSION_1:
		*words = 1;
		return 0;
	case _LINUX_CAPABILITY_VERSION_2:
	case _LINUX_CAPABILITY_VERSION_3:
		*words = 2;
		return 0;
	default:
		return copy_to_user(&user_header->version, &mine, sizeof(mine)) ?: -EINVAL;
	}
}

static int header_pid(struct __user_cap_header_struct *user_header, int *pid)
{
	return copy_from_user(pid, &user_header->pid, sizeof(*pid));
}

/* A NULL data pointer just asks for the version: the answer is then not an error. */
SYSCALL_DEFINE2(capget, struct __user_cap_header_struct *, header,
		struct __user_cap_data_struct *, data)
{
	struct __user_cap_data_struct d[2];
	struct process *p;
	unsigned int words;
	int pid, err = check_version(header, &words);

	if (!data || err)
		return !data && err == -EINVAL ? 0 : err;
	if (header_pid(header, &pid))
		return -EFAULT;
	if (pid < 0)
		return -EINVAL;
	p = pid ? process_find(pid) : process_current();
	if (!p)
		return -ESRCH;
	for (unsigned int i = 0; i < 2; i++) {
		d[i].effective = p->inherited.cap_effective >> (32 * i);
		d[i].permitted = p->inherited.cap_permitted >> (32 * i);
		d[i].inheritable = p->inherited.cap_inheritable >> (32 * i);
	}
	return copy_to_user(data, d, words * sizeof(d[0]));
}

static bool subset(uint64_t a, uint64_t b)
{
	return !(a & ~b);
}

/* Only the caller's own sets, and never more than it has (root keeps CAP_SETPCAP's leeway). */
SYSCALL_DEFINE2(capset, struct __user_cap_header_struct *, header,
		const struct __user_cap_data_struct *, data)
{
	struct __user_cap_data_struct d[2] = {0};
	struct process_inherited *in = &process_current()->inherited;
	uint64_t effective, permitted, inheritable;
	unsigned int words;
	int pid, err = check_version(header, &words);

	if (err)
		return err;
	if (header_pid(header, &pid))
		return -EFAULT;
	if (pid != 0 && pid != process_pid())
		return -EPERM;
	if (copy_from_user(d, data, words * sizeof(d[0])))
		return -EFAULT;
	effective = (d[0].effective | (uint64_t)d[1].effective << 32) & CAP_FULL_SET;
	permitted = (d[0].permitted | (uint64_t)d[1].permitted << 32) & CAP_FULL_SET;
	inheritable = (d[0].inheritable | (uint64_t)d[1].inheritable << 32) & CAP_FULL_SET;
	if ((!(in->cap_effective & (1ULL << CAP_SETPCAP)) &&
	     !subset(inheritable, in->cap_inheritable | in->cap_permitted)) ||
	    !subset(permitted, in->cap_permitted) || !subset(effective, permitted))
		return -EPERM;
	in->cap_effective = effective;
	in->cap_permitted = permitted;
	in->cap_inheritable = inheritable;
	return 0;
}

/* Root's new program gets every capability again (the bounding set is full). */
static void caps_exec(void)
{
	struct process_inherited *in = &process_current()->inherited;

	in->cap_permitted = CAP_FULL_SET;
	in->cap_effective = CAP_FULL_SET;
}
PROCESS_STATE(caps, NULL, NULL, caps_exec);
