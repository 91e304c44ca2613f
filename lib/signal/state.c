/*
 * Signal state: dispositions, the blocked mask and the alternate stack.
 * The calls validate their arguments exactly as Linux does and remember
 * what they are given.
 */
#include <errno.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/process_state.h>
#include <linux/signal.h>
#include <tessera/signal.h>
#include <tessera/syscall.h>
#include <tessera/uaccess.h>

#define SIGKILL_BIT (1ULL << (SIGKILL - 1))
#define SIGSTOP_BIT (1ULL << (SIGSTOP - 1))
#define MIN_ALTSTACK 2048 /* MINSIGSTKSZ */
#define SIG_IGN_VALUE 1

struct altstack {
	uintptr_t sp;
	int flags;
	size_t size;
};

static struct kernel_sigaction actions[NSIG_LINUX];
static uint64_t blocked;
static struct altstack altstack = {.flags = SS_DISABLE};

const struct kernel_sigaction *signal_action(int sig)
{
	return &actions[sig - 1];
}

uint64_t signal_blocked(void)
{
	return blocked;
}

SYSCALL_DEFINE4(rt_sigaction, int, sig, const struct kernel_sigaction *, act,
		struct kernel_sigaction *, oldact, size_t, sigsetsize)
{
	struct kernel_sigaction new;

	if (sigsetsize != sizeof(uint64_t) || sig < 1 || sig > NSIG_LINUX)
		return -EINVAL;
	if (act && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	if (act && copy_from_user(&new, act, sizeof(new)))
		return -EFAULT;
	if (oldact && copy_to_user(oldact, &actions[sig - 1], sizeof(*oldact)))
		return -EFAULT;
	if (act) {
		new.mask &= ~(SIGKILL_BIT | SIGSTOP_BIT);
		actions[sig - 1] = new;
	}
	return 0;
}

int signal_wait_mask_set(const uint64_t *user_mask, size_t sigsetsize, uint64_t *saved)
{
	uint64_t mask;

	*saved = blocked;
	if (!user_mask)
		return 0;
	if (sigsetsize != sizeof(mask))
		return -EINVAL;
	if (copy_from_user(&mask, user_mask, sizeof(mask)))
		return -EFAULT;
	blocked = mask & ~(SIGKILL_BIT | SIGSTOP_BIT);
	return 0;
}

void signal_wait_mask_restore(uint64_t saved)
{
	blocked = saved;
}

SYSCALL_DEFINE4(rt_sigprocmask, int, how, const uint64_t *, set, uint64_t *, oldset, size_t,
		sigsetsize)
{
	uint64_t new, old = blocked;

	if (sigsetsize != sizeof(uint64_t))
		return -EINVAL;
	if (set) {
		if (copy_from_user(&new, set, sizeof(new)))
			return -EFAULT;
		switch (how) {
		case SIG_BLOCK:
			blocked |= new;
			break;
		case SIG_UNBLOCK:
			blocked &= ~new;
			break;
		case SIG_SETMASK:
			blocked = new;
			break;
		default:
			return -EINVAL;
		}
		blocked &= ~(SIGKILL_BIT | SIGSTOP_BIT);
	}
	return oldset ? copy_to_user(oldset, &old, sizeof(old)) : 0;
}

SYSCALL_DEFINE2(rt_sigpending, uint64_t *, set, size_t, sigsetsize)
{
	uint64_t none = 0;

	if (sigsetsize > sizeof(uint64_t))
		return -EINVAL;
	return copy_to_user(set, &none, sigsetsize);
}

/*
 * As Linux: SS_ONSTACK on input means "enable"; the flags read back say
 * whether a stack is set (0 or SS_DISABLE), plus SS_AUTODISARM.  Handlers
 * do not run yet, so the thread is never on the stack (which would be EPERM).
 */
SYSCALL_DEFINE2(sigaltstack, const struct altstack *, ss, struct altstack *, old)
{
	struct altstack new, current = altstack;
	int mode;

	current.flags = (altstack.size ? 0 : SS_DISABLE) | (altstack.flags & SS_AUTODISARM);
	if (old && copy_to_user(old, &current, sizeof(*old)))
		return -EFAULT;
	if (!ss)
		return 0;
	if (copy_from_user(&new, ss, sizeof(new)))
		return -EFAULT;
	mode = new.flags & ~SS_AUTODISARM;
	if (mode != 0 && mode != SS_ONSTACK && mode != SS_DISABLE)
		return -EINVAL;
	if (mode == SS_DISABLE)
		new = (struct altstack){.flags = new.flags};
	else if (new.size < MIN_ALTSTACK)
		return -ENOMEM;
	altstack = new;
	return 0;
}

/* fork: the child starts with the same dispositions; exec resets handled signals to default. */
struct saved_signals {
	struct kernel_sigaction actions[NSIG_LINUX];
	uint64_t blocked;
	struct altstack altstack;
};

static int signals_save(unsigned int shares, void **saved)
{
	struct saved_signals *s;

	(void)shares; /* CLONE_SIGHAND without CLONE_VM does not occur */
	s = alloc_malloc(alloc_default(), sizeof(*s));
	if (!s)
		return -ENOMEM;
	memcpy(s->actions, actions, sizeof(actions));
	s->blocked = blocked;
	s->altstack = altstack;
	*saved = s;
	return 0;
}

static void signals_restore(void *saved)
{
	struct saved_signals *s = saved;

	memcpy(actions, s->actions, sizeof(actions));
	blocked = s->blocked;
	altstack = s->altstack;
	alloc_free(alloc_default(), s);
}

static void signals_exec(void)
{
	for (int i = 0; i < NSIG_LINUX; i++) {
		if (actions[i].handler != SIG_IGN_VALUE)
			actions[i] = (struct kernel_sigaction){0};
	}
	altstack = (struct altstack){.flags = SS_DISABLE};
}
PROCESS_STATE(signals, signals_save, signals_restore, signals_exec);
