/*
 * The wall clock from the PC's MC146818 real-time clock (CMOS ports 0x70 and
 * 0x71), which QEMU's microvm and pc machines provide, set to the host's
 * time.  Read once at boot, when the command line gave no realtime=.
 */
#include <stdbool.h>
#include <tessera/arch/cpu.h>
#include <tessera/plat/time.h>

#define CMOS_INDEX  0x70
#define CMOS_DATA   0x71
#define REG_SECONDS 0x00
#define REG_MINUTES 0x02
#define REG_HOURS   0x04
#define REG_DAY     0x07
#define REG_MONTH   0x08
#define REG_YEAR    0x09
#define REG_A       0x0a
#define REG_B       0x0b
#define REG_CENTURY 0x32
#define A_UPDATING  0x80
#define B_24_HOUR   0x02
#define B_BINARY    0x04
#define HOUR_PM     0x80
#define MAX_POLLS   100000

struct rtc_time {
	unsigned int sec, min, hour, day, month, year, century;
};

static unsigned int cmos_read(unsigned int reg)
{
	outb(CMOS_INDEX, reg);
	return inb(CMOS_DATA);
}

static unsigned int from_bcd(unsigned int v)
{
	return (v >> 4) * 10 + (v & 0xf);
}

/* One reading, taken outside an update; false if the clock never leaves its update. */
static bool read_once(struct rtc_time *t)
{
	int polls = 0;

	while (cmos_read(REG_A) & A_UPDATING) {
		if (++polls > MAX_POLLS)
			return false;
	}
	*t = (struct rtc_time){cmos_read(REG_SECONDS), cmos_read(REG_MINUTES),
			       cmos_read(REG_HOURS),   cmos_read(REG_DAY),
			       cmos_read(REG_MONTH),   cmos_read(REG_YEAR),
			       cmos_read(REG_CENTURY)};
	return true;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian; Howard Hinnant's days_from_civil). */
static int64_t days_from_civil(int64_t y, unsigned int m, unsigned int d)
{
	int64_t era;
	unsigned int yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned int)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

bool plat_wall_clock(uint64_t *seconds)
{
	struct rtc_time t, again;
	unsigned int b = cmos_read(REG_B), pm;
	int tries = 0;

	/* Two equal readings in a row: none was torn by an update between its bytes. */
	do {
		if (++tries > 10 || !read_once(&t) || !read_once(&again))
			return false;
	} while (t.sec != again.sec || t.min != again.min || t.hour != again.hour ||
		 t.day != again.day || t.month != again.month || t.year != again.year);
	pm = t.hour & HOUR_PM;
	t.hour &= ~HOUR_PM;
	if (!(b & B_BINARY)) {
		t.sec = from_bcd(t.sec);
		t.min = from_bcd(t.min);
		t.hour = from_bcd(t.hour);
		t.day = from_bcd(t.day);
		t.month = from_bcd(t.month);
		t.year = from_bcd(t.year);
		t.century = from_bcd(t.century);
	}
	if (!(b & B_24_HOUR))
		t.hour = t.hour % 12 + (pm ? 12 : 0);
	/* No RTC reads as 0xff everywhere: out of range. */
	if (t.sec > 59 || t.min > 59 || t.hour > 23 || !t.day || t.day > 31 || !t.month ||
	    t.month > 12 || t.year > 99)
		return false;
	if (t.century < 19 || t.century > 99)
		t.century = 20;
	*seconds = (uint64_t)days_from_civil(t.century * 100 + t.year, t.month, t.day) * 86400 +
		   t.hour * 3600 + t.min * 60 + t.sec;
	return true;
}
