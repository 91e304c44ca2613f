/*
 * The clock page (<tessera/time_vvar.h>): the one copy of the wall-clock
 * offset, and the TSC conversion once the platform knows it.
 */
#include <tessera/compiler.h>
#include <tessera/plat/time.h>
#include <tessera/time_vvar.h>
#include "time_internal.h"

/* A page of its own: it is mapped into programs. */
static union {
	struct time_vvar v;
	char page[4096];
} vvar __aligned(4096);

static void write_begin(void)
{
	WRITE_ONCE(vvar.v.seq, vvar.v.seq + 1);
	barrier();
}

static void write_end(void)
{
	barrier();
	WRITE_ONCE(vvar.v.seq, vvar.v.seq + 1);
}

int64_t vvar_realtime_offset(void)
{
	return vvar.v.realtime_offset_ns;
}

void vvar_set_realtime_offset(int64_t ns)
{
	write_begin();
	vvar.v.realtime_offset_ns = ns;
	write_end();
}

void vvar_publish_tsc(void)
{
	uint64_t tsc_at_zero, ns_mult;

	if (vvar.v.tsc_valid || !plat_clock_tsc(&tsc_at_zero, &ns_mult))
		return;
	write_begin();
	vvar.v.tsc_at_zero = tsc_at_zero;
	vvar.v.ns_mult = ns_mult;
	vvar.v.tsc_valid = 1;
	write_end();
}

const void *time_vvar_page(void)
{
	vvar_publish_tsc();
	return vvar.page;
}
