/*
 * poll, ppoll, select and pselect6.  One scan asks each file for its ready
 * events and, through poll_wait(), puts this thread on the wait queues that
 * announce changes; if nothing is ready, the thread sleeps until one of them
 * wakes it or the deadline passes, then scans again.  Interrupts stay off
 * from the scan to the sleep, so no wake-up is lost in between.
 */
#include <errno.h>
#include <linux/poll.h>
#include <linux/time_types.h>
#include <tessera/alloc.h>
#include <tessera/arch/irq.h>
#include <tessera/fdtable.h>
#include <tessera/plat/time.h>
#include <tessera/restart.h>
#include <tessera/sched.h>
#include <tessera/signal.h>
#include <tessera/syscall.h>
#include <tessera/uaccess.h>
#include <tessera/waitq.h>
#include "vfs_internal.h"

#define POLL_ALWAYS (POLLERR | POLLHUP | POLLNVAL)
#define POLL_DEFAULT (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)
#define POLL_INLINE_ENTRIES 16

/* poll/select's table: a wait entry for this thread on every queue a poll method names. */
struct poll_set {
	struct poll_table table;
	struct wait_entry inline_entries[POLL_INLINE_ENTRIES];
	struct wait_entry *entries;
	int used, capacity;
	bool out_of_memory;
};

static void poll_set_queue(struct poll_table *table, struct waitq *wq)
{
	struct poll_set *ps = container_of(table, struct poll_set, table);

	if (ps->used == ps->capacity) {
		int n = ps->capacity * 2;
		struct wait_entry *more = alloc_malloc(alloc_default(), n * sizeof(*more));

		if (!more) {
			ps->out_of_memory = true; /* the caller then polls instead of sleeping */
			return;
		}
		/* Entries are linked into queues: move them by unlinking and relinking. */
		for (int i = 0; i < ps->used; i++) {
			more[i] = ps->entries[i];
			list_insert_between(&more[i].link, ps->entries[i].link.prev,
					    ps->entries[i].link.next);
		}
		if (ps->entries != ps->inline_entries)
			alloc_free(alloc_default(), ps->entries);
		ps->entries = more;
		ps->capacity = n;
	}
	waitq_add(wq, &ps->entries[ps->used++]);
}

static void poll_set_init(struct poll_set *ps)
{
	ps->table.queue = poll_set_queue;
	ps->entries = ps->inline_entries;
	ps->used = 0;
	ps->capacity = POLL_INLINE_ENTRIES;
	ps->out_of_memory = false;
}

static void poll_set_drop_entries(struct poll_set *ps)
{
	for (int i = 0; i < ps->used; i++) {
		if (!ps->entries[i].woken)
			waitq_remove(&ps->entries[i]);
	}
	ps->used = 0;
}

static void poll_set_free(struct poll_set *ps)
{
	poll_set_drop_entries(ps);
	if (ps->entries != ps->inline_entries)
		alloc_free(alloc_default(), ps->entries);
}

bool vfs_can_poll(const struct file *f)
{
	return f->fops && f->fops->poll;
}

unsigned int vfs_poll(struct file *f, struct poll_table *pt)
{
	return vfs_can_poll(f) ? f->fops->poll(f, pt) : POLL_DEFAULT;
}

/* One pass over the descriptors: fills revents, returns how many have some. */
static int scan(struct pollfd *fds, unsigned int n, struct poll_table *pt)
{
	int ready = 0;

	for (unsigned int i = 0; i < n; i++) {
		struct file *f;

		fds[i].revents = 0;
		if (fds[i].fd < 0)
			continue;
		f = fd_get(fds[i].fd);
		if (!f) {
			fds[i].revents = POLLNVAL;
		} else {
			fds[i].revents = vfs_poll(f, pt) & (fds[i].events | POLL_ALWAYS);
			file_put(f);
		}
		ready += fds[i].revents != 0;
	}
	return ready;
}

/*
 * Wait until something is ready or the deadline passes: how many are ready,
 * or -ERESTARTNOHAND if a signal (or the process's end) interrupted the wait.
 */
static int do_poll(struct pollfd *fds, unsigned int n, uint64_t deadline)
{
	struct poll_set ps;
	irq_flags_t flags = irq_save();
	int ready, err;

	poll_set_init(&ps);
	for (;;) {
		ready = scan(fds, n, deadline == POLL_NO_WAIT ? NULL : &ps.table);
		if (ready || deadline == POLL_NO_WAIT)
			break;
		if (deadline && plat_clock_ns() >= deadline)
			break;
		err = thread_block_unlock(NULL, ps.out_of_memory ? plat_clock_ns() + NSEC_PER_MSEC :
				       deadline, THREAD_INTERRUPTIBLE);
		poll_set_drop_entries(&ps);
		if (err == -EINTR) {
			ready = -ERESTARTNOHAND;
			break;
		}
		if (err == -ETIMEDOUT && !ps.out_of_memory)
			deadline = POLL_NO_WAIT; /* one last look, without waiting */
	}
	poll_set_free(&ps);
	irq_restore(flags);
	return ready;
}

uint64_t poll_deadline_ms(int ms)
{
	if (ms < 0)
		return 0;
	return ms == 0 ? POLL_NO_WAIT : plat_clock_ns() + (uint64_t)ms * NSEC_PER_MSEC;
}

static long poll_user(struct pollfd *user_fds, unsigned int n, uint64_t deadline)
{
	struct pollfd *fds;
	long ready;

	if (n > fd_limit())
		return -EINVAL;
	fds = alloc_malloc(alloc_default(), (n ? n : 1) * sizeof(*fds));
	if (!fds)
		return -ENOMEM;
	ready = copy_from_user(fds, user_fds, n * sizeof(*fds));
	if (!ready) {
		ready = do_poll(fds, n, deadline);
		for (unsigned int i = 0; i < n && ready >= 0; i++) {
			if (copy_to_user(&user_fds[i].revents, &fds[i].revents, sizeof(short)))
				ready = -EFAULT;
		}
	}
	alloc_free(alloc_default(), fds);
	return ready;
}

/* A poll with a timeout resumes with the time left (restart_syscall), as Linux's do_restart_poll. */
static long poll_timed(struct pollfd *fds, unsigned int n, uint64_t deadline);

static long poll_restart(struct restart_block *rb)
{
	return poll_timed((struct pollfd *)rb->arg[0], rb->arg[1], rb->deadline);
}

static long poll_timed(struct pollfd *fds, unsigned int n, uint64_t deadline)
{
	long ready = poll_user(fds, n, deadline);

	if (ready != -ERESTARTNOHAND || !deadline || deadline == POLL_NO_WAIT)
		return ready;
	thread_current()->restart = (struct restart_block){
		.fn = poll_restart, .deadline = deadline, .arg = {(unsigned long)fds, n}};
	return -ERESTART_RESTARTBLOCK;
}

SYSCALL_DEFINE3(poll, struct pollfd *, fds, unsigned int, n, int, timeout_ms)
{
	return poll_timed(fds, n, poll_deadline_ms(timeout_ms));
}

int poll_deadline_timespec(const struct __kernel_timespec *user, uint64_t *deadline)
{
	struct __kernel_timespec ts;

	if (!user) {
		*deadline = 0;
		return 0;
	}
	if (copy_from_user(&ts, user, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (long)NSEC_PER_SEC)
		return -EINVAL;
	if (ts.tv_sec == 0 && ts.tv_nsec == 0)
		*deadline = POLL_NO_WAIT;
	else
		*deadline = plat_clock_ns() + ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
	return 0;
}

/*
 * Linux writes the time left back into the timeout it was given (unless
 * it was zero); a timeout in read-only memory is not an error.
 */
static uint64_t ns_left(uint64_t deadline)
{
	uint64_t now = plat_clock_ns();

	return deadline > now ? deadline - now : 0;
}

static void timespec_write_left(struct __kernel_timespec *user, uint64_t deadline)
{
	uint64_t left = ns_left(deadline);
	struct __kernel_timespec ts = {.tv_sec = left / NSEC_PER_SEC, .tv_nsec = left % NSEC_PER_SEC};

	if (user && deadline != POLL_NO_WAIT)
		copy_to_user(user, &ts, sizeof(ts));
}

SYSCALL_DEFINE5(ppoll, struct pollfd *, fds, unsigned int, n, struct __kernel_timespec *, timeout,
		const uint64_t *, sigmask, size_t, sigsetsize)
{
	uint64_t deadline, saved_mask;
	long ret = poll_deadline_timespec(timeout, &deadline);

	ret = ret ?: signal_wait_mask_set(sigmask, sigsetsize, &saved_mask);
	if (ret)
		return ret;
	ret = poll_user(fds, n, deadline);
	signal_wait_mask_restore(saved_mask);
	timespec_write_left(timeout, deadline);
	return ret;
}

#define FDSET_BITS 64

static bool fd_isset(const uint64_t *set, int fd)
{
	return set && (set[fd / FDSET_BITS] >> (fd % FDSET_BITS)) & 1;
}

/* select() as poll(): copy the sets in, poll, copy back what is ready. */
static long do_select(int n, uint64_t *user_sets[3], uint64_t deadline)
{
	static const short events[3] = {POLLIN | POLLRDNORM | POLLHUP | POLLERR,
					 POLLOUT | POLLWRNORM | POLLERR, POLLPRI};
	size_t words = (n + FDSET_BITS - 1) / FDSET_BITS;
	uint64_t *sets[3] = {0};
	struct pollfd *fds = NULL;
	long ret = -ENOMEM;
	int count = 0;

	if (n < 0 || n > (int)fd_limit())
		return -EINVAL;
	for (int s = 0; s < 3; s++) {
		if (!user_sets[s])
			continue;
		sets[s] = alloc_calloc(alloc_default(), words ? words : 1, sizeof(uint64_t));
		if (!sets[s] || copy_from_user(sets[s], user_sets[s], words * sizeof(uint64_t))) {
			ret = sets[s] ? -EFAULT : -ENOMEM;
			goto out;
		}
	}
	fds = alloc_malloc(alloc_default(), (n ? n : 1) * sizeof(*fds));
	if (!fds)
		goto out;
	for (int fd = 0; fd < n; fd++) {
		short ev = 0;

		for (int s = 0; s < 3; s++)
			ev |= fd_isset(sets[s], fd) ? (s == 0 ? POLLIN : s == 1 ? POLLOUT : POLLPRI) : 0;
		fds[count++] = (struct pollfd){.fd = ev ? fd : -1, .events = ev};
	}
	ret = do_poll(fds, count, deadline);
	if (ret < 0)
		goto out;
	ret = 0;
	for (int s = 0; s < 3; s++) {
		if (!sets[s])
			continue;
		for (int fd = 0; fd < n; fd++) {
			bool ready = fds[fd].fd >= 0 && (fds[fd].revents & events[s]) &&
				     fd_isset(sets[s], fd);

			if (fds[fd].revents & POLLNVAL) {
				ret = -EBADF;
				goto out;
			}
			sets[s][fd / FDSET_BITS] &= ~(1ULL << (fd % FDSET_BITS));
			if (ready) {
				sets[s][fd / FDSET_BITS] |= 1ULL << (fd % FDSET_BITS);
				ret++;
			}
		}
		if (copy_to_user(user_sets[s], sets[s], words * sizeof(uint64_t))) {
			ret = -EFAULT;
			goto out;
		}
	}
out:
	for (int s = 0; s < 3; s++)
		alloc_free(alloc_default(), sets[s]);
	alloc_free(alloc_default(), fds);
	return ret;
}

/* Microseconds past a second carry into the seconds, as on Linux; negative values are EINVAL. */
SYSCALL_DEFINE5(select, int, n, uint64_t *, readfds, uint64_t *, writefds, uint64_t *,
		exceptfds, struct __kernel_old_timeval *, timeout)
{
	uint64_t *sets[3] = {readfds, writefds, exceptfds}, deadline = 0, left;
	struct __kernel_old_timeval tv;
	long ret;

	if (timeout) {
		if (copy_from_user(&tv, timeout, sizeof(tv)))
			return -EFAULT;
		if (tv.tv_sec < 0 || tv.tv_usec < 0)
			return -EINVAL;
		deadline = tv.tv_sec == 0 && tv.tv_usec == 0
				   ? POLL_NO_WAIT
				   : plat_clock_ns() + tv.tv_sec * NSEC_PER_SEC + tv.tv_usec * NSEC_PER_USEC;
	}
	ret = do_select(n, sets, deadline);
	if (timeout && deadline != POLL_NO_WAIT) {
		left = ns_left(deadline);
		tv = (struct __kernel_old_timeval){.tv_sec = left / NSEC_PER_SEC,
						   .tv_usec = left % NSEC_PER_SEC / NSEC_PER_USEC};
		copy_to_user(timeout, &tv, sizeof(tv));
	}
	return ret;
}

/* pselect6's last argument: the mask and its size, together. */
struct sigset_arg {
	const uint64_t *mask;
	size_t size;
};

SYSCALL_DEFINE6(pselect6, int, n, uint64_t *, readfds, uint64_t *, writefds, uint64_t *,
		exceptfds, struct __kernel_timespec *, timeout, const struct sigset_arg *, sigmask)
{
	uint64_t *sets[3] = {readfds, writefds, exceptfds}, deadline, saved_mask;
	struct sigset_arg mask = {0};
	long ret;

	if (sigmask && copy_from_user(&mask, sigmask, sizeof(mask)))
		return -EFAULT;
	ret = poll_deadline_timespec(timeout, &deadline);
	ret = ret ?: signal_wait_mask_set(mask.mask, mask.size, &saved_mask);
	if (ret)
		return ret;
	ret = do_select(n, sets, deadline);
	signal_wait_mask_restore(saved_mask);
	timespec_write_left(timeout, deadline);
	return ret;
}
