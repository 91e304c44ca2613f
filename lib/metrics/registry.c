/*
 * The metrics registered in the image (the .metrics section), checked once
 * at boot so that a malformed registration is found by any boot, not by the
 * first scrape; and metrics.report, which prints them all at exit.
 */
#include <string.h>
#include <tessera/boot.h>
#include <tessera/metrics_text.h>
#include <tessera/printk.h>

extern const struct metric __metrics_start[], __metrics_end[];

void metrics_write_all(fmt_sink_fn sink, void *ctx)
{
	metrics_write(__metrics_start, __metrics_end - __metrics_start, sink, ctx);
}

static bool well_formed(const struct metric *m)
{
	size_t len = strlen(m->name);
	bool total = len > 6 && !strcmp(m->name + len - 6, "_total");
	int sources = !!m->values + !!m->read + !!m->collect;

	if (!metrics_valid_name(m->name, false) || total != (m->type == METRIC_COUNTER))
		return false;
	if (m->label && !metrics_valid_name(m->label, true))
		return false;
	return sources == 1 && !m->label == !(m->collect || m->label_values) && m->scale <= 9;
}

static void print_piece(void *ctx, const char *s, size_t len)
{
	(void)ctx;
	printk(LOG_EMERG, "%.*s", (int)len, s);
}

static void report(int status)
{
	(void)status;
	metrics_write_all(print_piece, NULL);
}

static bool report_at_exit;

static int set_report(const char *value)
{
	report_at_exit = !value || strcmp(value, "0");
	return 0;
}
KERNEL_PARAM("metrics.report", set_report, "print every metric, in Prometheus' text format, at exit");

static int metrics_init(void)
{
	for (const struct metric *m = __metrics_start; m < __metrics_end; m++) {
		if (!well_formed(m))
			panic("metrics: registration of '%s' is malformed", m->name);
	}
	if (report_at_exit)
		kernel_atexit(report);
	return 0;
}
INITCALL(metrics_init, INIT_LIB);
