// SPDX-License-Identifier: BSD-3-Clause
/*
 * A Figure-5 style chart: per workload, a bar for each static analysis
 * and one traced bar split into required, stubbable and fakeable parts.
 */
#include "report.h"

#define PLOT_TOP    40
#define PLOT_HEIGHT 260
#define LEFT	    50
#define GROUP_WIDTH 74
#define BAR_WIDTH   20
#define TICK_STEP   50
#define LEGEND_STEP 160

static const char *const colors[] = {"#7f7f7f", "#9ecae1", "#b2182b", "#4daf4a", "#fdae61"};
static const char *const legend[] = {"binary static (reachable)", "source static",
				     "traced: required", "traced: stubbable", "traced: fakeable"};

static int axis_max(const struct report *r)
{
	int top = TICK_STEP;

	for (size_t i = 0; i < r->n; i++) {
		const struct report_row *row = &r->rows[i];
		int highest = row->traced;

		highest = row->static_bin > highest ? row->static_bin : highest;
		highest = row->static_src > highest ? row->static_src : highest;
		while (top < highest)
			top += TICK_STEP;
	}
	return top;
}

static void bar(FILE *out, int x, int base, int count, int max, int color)
{
	int h = count * PLOT_HEIGHT / max;

	if (count <= 0)
		return;
	fprintf(out,
		"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\">"
		"<title>%s: %d</title></rect>\n",
		x, PLOT_TOP + PLOT_HEIGHT - base - h, BAR_WIDTH, h, colors[color], legend[color],
		count);
}

static void group(FILE *out, const struct report_row *row, int x, int max)
{
	int base = 0;
	const int parts[] = {row->required, row->stubbable, row->fakeable};

	bar(out, x, 0, row->static_bin, max, 0);
	bar(out, x + BAR_WIDTH, 0, row->static_src, max, 1);
	for (int p = 0; p < 3; p++) {
		bar(out, x + 2 * BAR_WIDTH, base, parts[p], max, 2 + p);
		base += parts[p] * PLOT_HEIGHT / max;
	}
	fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
		x + 3 * BAR_WIDTH / 2, PLOT_TOP + PLOT_HEIGHT + 16, row->app);
	fprintf(out,
		"<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-style=\"italic\">%s</text>\n",
		x + 3 * BAR_WIDTH / 2, PLOT_TOP + PLOT_HEIGHT + 30, row->workload);
}

static void axis(FILE *out, int max, int width)
{
	for (int v = 0; v <= max; v += TICK_STEP) {
		int y = PLOT_TOP + PLOT_HEIGHT - v * PLOT_HEIGHT / max;

		fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>\n",
			LEFT, y, width - 10, y);
		fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%d</text>\n", LEFT - 4,
			y + 4, v);
	}
	fprintf(out,
		"<text x=\"12\" y=\"%d\" transform=\"rotate(-90 12 %d)\" "
		"text-anchor=\"middle\">syscalls</text>\n",
		PLOT_TOP + PLOT_HEIGHT / 2, PLOT_TOP + PLOT_HEIGHT / 2);
}

static void legend_row(FILE *out)
{
	for (int i = 0; i < 5; i++) {
		fprintf(out, "<rect x=\"%d\" y=\"10\" width=\"12\" height=\"12\" fill=\"%s\"/>\n",
			LEFT + i * LEGEND_STEP, colors[i]);
		fprintf(out, "<text x=\"%d\" y=\"21\">%s</text>\n", LEFT + i * LEGEND_STEP + 16,
			legend[i]);
	}
}

void report_svg(const struct report *r, FILE *out)
{
	int max = axis_max(r);
	int width = LEFT + (int)r->n * GROUP_WIDTH + 20;

	if (width < LEFT + 5 * LEGEND_STEP)
		width = LEFT + 5 * LEGEND_STEP;
	fprintf(out,
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
		"font-family=\"sans-serif\" font-size=\"11\">\n"
		"<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
		width, PLOT_TOP + PLOT_HEIGHT + 44);
	axis(out, max, width);
	legend_row(out);
	for (size_t i = 0; i < r->n; i++)
		group(out, &r->rows[i], LEFT + 8 + (int)i * GROUP_WIDTH, max);
	fputs("</svg>\n", out);
}
