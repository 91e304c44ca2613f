/* Errors as runc reports them (see log.h). */
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "log.h"

static const char *log_path;
static bool log_json = true;

void log_open(const char *path, bool json)
{
	log_path = path;
	log_json = json;
}

void now_rfc3339(char *buf, size_t len)
{
	struct timespec ts;
	struct tm tm;
	char secs[32];

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(secs, sizeof(secs), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, len, "%s.%09ldZ", secs, ts.tv_nsec);
}

static void append_to_log(const char *msg)
{
	FILE *f = fopen(log_path, "ae");
	char when[64], *line = NULL;
	json_t *entry;

	if (!f)
		return;
	now_rfc3339(when, sizeof(when));
	if (log_json) {
		entry = json_pack("{s:s,s:s,s:s}", "level", "error", "msg", msg, "time", when);
		line = json_dumps(entry, JSON_COMPACT);
		json_decref(entry);
		fprintf(f, "%s\n", line ? line : "");
		free(line);
	} else {
		fprintf(f, "time=\"%s\" level=error msg=\"%s\"\n", when, msg);
	}
	fclose(f);
}

void fail(const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	msg[strcspn(msg, "\n")] = '\0';
	if (log_path)
		append_to_log(msg);
	fprintf(stderr, "tessera-runtime: %s\n", msg);
	exit(1);
}
