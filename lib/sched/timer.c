/*
 * Timers: callbacks at a monotonic deadline, over the platform's one-shot
 * timer.  The armed timers are kept in one list sorted by deadline (arm
 * order among equals), the platform timer armed for the first; its
 * interrupt runs every timer whose time has come, each with the list's lock
 * dropped, so that a function may re-arm its timer, arm others or wake
 * threads.  Timed blocks (block.c) and time slices are timers too.
 *
 * Timers are armed and cancelled at nearly every switch, and setting the
 * platform timer costs a trap to the hypervisor (most of a request's time
 * in a guest serving the network), so it is only ever moved earlier: after
 * a cancel, or a timer moved later, it fires early, finds nothing due and
 * is set for the earliest deadline then.
 */
#include <tessera/arch/spinlock.h>
#include <tessera/boot.h>
#include <tessera/plat/time.h>
#include <tessera/sched.h>

static LIST_HEAD(pending);
static spinlock_t timers_lock = SPINLOCK_INIT;
static struct sched_timer *running; /* whose function runs now: sched_timer_cancel waits for it */
static uint64_t programmed = UINT64_MAX; /* the platform timer's deadline; UINT64_MAX: none */

/* Lock held: have the platform timer fire no later than the earliest deadline. */
static void program_platform_timer(void)
{
	struct sched_timer *first = list_first_entry_or_null(&pending, struct sched_timer, link);

	if (first && first->deadline < programmed) {
		programmed = first->deadline;
		plat_timer_arm(programmed);
	}
}

void sched_timer_init(struct sched_timer *t, void (*fn)(struct sched_timer *t))
{
	t->fn = fn;
	t->deadline = 0;
	list_init(&t->link);
}

void sched_timer_arm(struct sched_timer *t, uint64_t deadline_ns)
{
	irq_flags_t flags = spin_lock_irqsave(&timers_lock);
	struct sched_timer *pos;

	list_del(&t->link);
	t->deadline = deadline_ns;
	list_for_each_entry(pos, &pending, link) {
		if (pos->deadline > deadline_ns)
			break;
	}
	list_add_tail(&t->link, &pos->link);
	program_platform_timer();
	spin_unlock_irqrestore(&timers_lock, flags);
}

void sched_timer_cancel(struct sched_timer *t)
{
	irq_flags_t flags = spin_lock_irqsave(&timers_lock);

	while (running == t) { /* only another CPU can be running it */
		spin_unlock(&timers_lock);
		cpu_relax();
		spin_lock(&timers_lock);
	}
	list_del(&t->link);
	spin_unlock_irqrestore(&timers_lock, flags);
}

static void timer_expired(void)
{
	struct sched_timer *t;

	spin_lock(&timers_lock);
	while ((t = list_first_entry_or_null(&pending, struct sched_timer, link)) &&
	       t->deadline <= plat_clock_ns()) {
		list_del(&t->link);
		running = t;
		spin_unlock(&timers_lock);
		t->fn(t);
		spin_lock(&timers_lock);
		running = NULL;
	}
	programmed = UINT64_MAX; /* it fired (one-shot), perhaps early */
	program_platform_timer();
	spin_unlock(&timers_lock);
}

static int timer_init(void)
{
	plat_timer_set_handler(timer_expired);
	return 0;
}
INITCALL(timer_init, INIT_LIB);
