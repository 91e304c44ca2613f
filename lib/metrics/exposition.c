/*
 * Prometheus' text exposition format, version 0.0.4: HELP text escapes
 * backslash and newline, label values also the double quote; values are
 * decimal, with the family's scale placing a decimal point.
 */
#include <stdbool.h>
#include <string.h>
#include <tessera/metrics_text.h>

struct metrics_out {
	fmt_sink_fn sink;
	void *ctx;
	const struct metric *family;
};

static void put(struct metrics_out *out, const char *s, size_t len)
{
	if (len)
		out->sink(out->ctx, s, len);
}

static void put_str(struct metrics_out *out, const char *s)
{
	put(out, s, strlen(s));
}

/* s with the characters in special escaped as \\, \" and \n. */
static void put_escaped(struct metrics_out *out, const char *s, const char *special)
{
	const char *run = s;

	for (; *s; s++) {
		if (!strchr(special, *s))
			continue;
		put(out, run, s - run);
		put_str(out, *s == '\n' ? "\\n" : *s == '"' ? "\\\"" : "\\\\");
		run = s + 1;
	}
	put(out, run, s - run);
}

static void put_value(struct metrics_out *out, uint64_t value, unsigned int scale)
{
	char buf[32];
	uint64_t unit = 1;
	int n;

	for (unsigned int i = 0; i < scale; i++)
		unit *= 10;
	if (scale)
		n = fmt_snprintf(buf, sizeof(buf), "%lu.%0*lu", (unsigned long)(value / unit), (int)scale,
				 (unsigned long)(value % unit));
	else
		n = fmt_snprintf(buf, sizeof(buf), "%lu", (unsigned long)value);
	put(out, buf, n);
}

void metric_sample(struct metrics_out *out, const char *label_value, uint64_t value)
{
	const struct metric *m = out->family;

	put_str(out, m->name);
	if (m->label && label_value) {
		put_str(out, "{");
		put_str(out, m->label);
		put_str(out, "=\"");
		put_escaped(out, label_value, "\\\"\n");
		put_str(out, "\"}");
	}
	put_str(out, " ");
	put_value(out, value, m->scale);
	put_str(out, "\n");
}

static void write_family(struct metrics_out *out, const struct metric *m)
{
	out->family = m;
	put_str(out, "# HELP ");
	put_str(out, m->name);
	put_str(out, " ");
	put_escaped(out, m->help, "\\\n");
	put_str(out, "\n# TYPE ");
	put_str(out, m->name);
	put_str(out, m->type == METRIC_COUNTER ? " counter\n" : " gauge\n");
	if (m->collect) {
		m->collect(out);
	} else if (m->read) {
		metric_sample(out, NULL, m->read());
	} else {
		for (unsigned int i = 0; i < m->count; i++) {
			const char *label = m->label_values ? m->label_values[i] : NULL;

			if (label || !m->label)
				metric_sample(out, label, __atomic_load_n(&m->values[i], __ATOMIC_RELAXED));
		}
	}
}

void metrics_write(const struct metric *first, size_t n, fmt_sink_fn sink, void *ctx)
{
	struct metrics_out out = {.sink = sink, .ctx = ctx};

	for (size_t i = 0; i < n; i++)
		write_family(&out, &first[i]);
}

static bool name_char(char c, bool first, bool label)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c == ':' && !label))
		return true;
	return !first && c >= '0' && c <= '9';
}

bool metrics_valid_name(const char *name, bool label)
{
	if (!*name || (label && !strncmp(name, "__", 2)))
		return false;
	for (const char *p = name; *p; p++) {
		if (!name_char(*p, p == name, label))
			return false;
	}
	return true;
}
