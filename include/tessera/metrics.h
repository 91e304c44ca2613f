/*
 * Metrics: counters and gauges that libraries register where they keep them.
 *
 * Each registration lands in the .metrics section, as syscalls and initcalls
 * do, so adding a metric never edits a central list; lib/metrics writes them
 * all in Prometheus' text format.  The header lives outside lib/metrics
 * because every library may include it whether or not metrics are selected:
 * without CONFIG_LIB_METRICS, METRIC_COUNTER(S)/METRIC_GAUGES declare nothing
 * and metric_add()/metric_sub() vanish, so counters cost nothing.
 *
 *   METRIC_COUNTER(opens, "tessera_x_opens_total", "Files opened");
 *   ... metric_add(opens, 1);
 *   METRIC_COUNTERS(ops, "tessera_x_ops_total", "Operations", "op",
 *                   [OP_READ] = "read", [OP_WRITE] = "write");
 *   ... metric_add(ops[OP_READ], 1);
 *
 * Values that a library already keeps are read when a scrape asks, with
 * METRIC_READ (one value) or METRIC_COLLECT (one sample per label value,
 * through metric_sample()), from a file that the library's build.mk compiles
 * only when metrics are on.  Values are unsigned; scale says how many of
 * their last digits are decimals (9: nanoseconds exposed as seconds).
 * Families have at most one label.
 */
#ifndef TESSERA_METRICS_H
#define TESSERA_METRICS_H

#include <stdint.h>
#include <tessera/compiler.h>

enum metric_type {
	METRIC_COUNTER, /* only grows */
	METRIC_GAUGE,   /* goes up and down */
};

struct metrics_out; /* a scrape in progress (lib/metrics) */

struct metric {
	const char *name; /* [a-zA-Z_:][a-zA-Z0-9_:]*; counters end in _total */
	const char *help;
	enum metric_type type;
	unsigned int scale;
	const char *label; /* the label's name, NULL for a single value */
	/* The value source: stored values, a read function, or a collect function. */
	uint64_t *values;                /* count of them; NULL label values are skipped */
	const char *const *label_values;
	unsigned int count;
	uint64_t (*read)(void);
	void (*collect)(struct metrics_out *out);
};

/* From a METRIC_COLLECT function: one sample, labelled label_value (NULL without a label). */
void metric_sample(struct metrics_out *out, const char *label_value, uint64_t value);

#define METRIC_REGISTER(id, ...)                                                                   \
	static const struct metric __metric_##id __used __section(".metrics")                     \
		__aligned(sizeof(void *)) = {__VA_ARGS__}

#define METRIC_READ(fn, _type, _name, _help, _scale)                                               \
	METRIC_REGISTER(fn, .name = _name, .help = _help, .type = _type, .scale = _scale, .read = fn)

#define METRIC_COLLECT(fn, _type, _name, _help, _label, _scale)                                    \
	METRIC_REGISTER(fn, .name = _name, .help = _help, .type = _type, .scale = _scale,         \
			.label = _label, .collect = fn)

#ifdef CONFIG_LIB_METRICS

#define METRIC_COUNTER(var, _name, _help)                                                          \
	static uint64_t var;                                                                       \
	METRIC_REGISTER(var, .name = _name, .help = _help, .type = METRIC_COUNTER, .values = &var, \
			.count = 1)

/* An array of values, one per label value given (designated initializers welcome). */
#define METRIC_VECTOR(var, _type, _name, _help, _label, ...)                                       \
	static const char *const __metric_labels_##var[] = {__VA_ARGS__};                          \
	static uint64_t var[ARRAY_SIZE(__metric_labels_##var)];                                    \
	METRIC_REGISTER(var, .name = _name, .help = _help, .type = _type, .label = _label,        \
			.values = var, .label_values = __metric_labels_##var,                      \
			.count = ARRAY_SIZE(__metric_labels_##var))

/* Single instructions, safe against interrupts and other threads. */
#define metric_add(var, n) ((void)__atomic_fetch_add(&(var), (n), __ATOMIC_RELAXED))
#define metric_sub(var, n) ((void)__atomic_fetch_sub(&(var), (n), __ATOMIC_RELAXED))

#else

#define METRIC_COUNTER(var, _name, _help)
#define METRIC_VECTOR(var, _type, _name, _help, _label, ...)
#define metric_add(var, n) ((void)0)
#define metric_sub(var, n) ((void)0)

#endif

#define METRIC_COUNTERS(var, _name, _help, _label, ...)                                            \
	METRIC_VECTOR(var, METRIC_COUNTER, _name, _help, _label, __VA_ARGS__)
#define METRIC_GAUGES(var, _name, _help, _label, ...)                                              \
	METRIC_VECTOR(var, METRIC_GAUGE, _name, _help, _label, __VA_ARGS__)

#endif /* TESSERA_METRICS_H */
