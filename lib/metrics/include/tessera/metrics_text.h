/*
 * The metrics registered with <tessera/metrics.h>, written in Prometheus'
 * text exposition format (version 0.0.4): for each family "# HELP" and
 * "# TYPE" lines, then one "name{label="value"} number" line per sample.
 */
#ifndef TESSERA_METRICS_TEXT_H
#define TESSERA_METRICS_TEXT_H

#include <stdbool.h>
#include <tessera/fmt.h>
#include <tessera/metrics.h>

/* What an HTTP response carrying the text says it is. */
#define METRICS_TEXT_CONTENT_TYPE "text/plain; version=0.0.4; charset=utf-8"

/* The families first[0..n) to sink. */
void metrics_write(const struct metric *first, size_t n, fmt_sink_fn sink, void *ctx);
/* Every family in the image. */
void metrics_write_all(fmt_sink_fn sink, void *ctx);
/* Whether name is a valid metric name (label: a valid label name). */
bool metrics_valid_name(const char *name, bool label);

#endif /* TESSERA_METRICS_TEXT_H */
