// SPDX-License-Identifier: BSD-3-Clause
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "callgraph.h"
#include "result_doc.h"

static int by_address(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static bool in_code(const struct elf_image *img, uint64_t addr)
{
	for (size_t k = 0; k < img->ncode; k++)
		if (addr >= img->code[k].addr && addr < img->code[k].addr + img->code[k].size)
			return true;
	return false;
}

/* Calls f(img, section, offset, value) for every aligned 8-byte word of data. */
static void for_each_data_word(const struct elf_image *img,
			       void (*f)(void *ctx, uint64_t at, uint64_t value), void *ctx)
{
	for (size_t k = 0; k < img->ndata; k++) {
		const struct code_section *d = &img->data[k];

		for (size_t off = (8 - d->addr % 8) % 8; off + 8 <= d->size; off += 8) {
			uint64_t value;

			memcpy(&value, d->bytes + off, sizeof(value));
			f(ctx, d->addr + off, value);
		}
	}
}

struct start_list {
	const struct elf_image *img;
	uint64_t *starts;
	size_t count;
};

static void add_start(struct start_list *l, uint64_t addr)
{
	*ARRAY_PUSH(l->starts, l->count) = addr;
}

static void start_from_data(void *ctx, uint64_t at, uint64_t value)
{
	struct start_list *l = ctx;

	(void)at;
	if (in_code(l->img, value))
		add_start(l, value);
}

/* Symbols, call targets, code addresses in data, the entry and constructors start functions. */
static uint64_t *function_starts(const struct elf_image *img, const struct code_summary *sections,
				 size_t *n)
{
	struct start_list l = {.img = img};
	size_t k, i;

	for (i = 0; i < img->nsymbols; i++)
		add_start(&l, img->symbols[i].addr);
	for (k = 0; k < img->ncode; k++)
		for (i = 0; i < sections[k].n; i++)
			if (sections[k].insns[i].flow == FLOW_CALL &&
			    in_code(img, sections[k].insns[i].target))
				add_start(&l, sections[k].insns[i].target);
	for (i = 0; i < img->ninit; i++)
		add_start(&l, img->init_fns[i]);
	add_start(&l, img->entry);
	for_each_data_word(img, start_from_data, &l);
	qsort(l.starts, l.count, sizeof(*l.starts), by_address);
	*n = l.count;
	return l.starts;
}

static void pointer_from_data(void *ctx, uint64_t at, uint64_t value)
{
	struct object_graph *g = ((void **)ctx)[0];
	const struct elf_image *img = ((void **)ctx)[1];

	if (!in_code(img, value))
		return;
	*ARRAY_PUSH(g->pointers, g->npointers) =
		(struct data_pointer){at, graph_function_at(g, value)};
}

static int by_place(const void *a, const void *b)
{
	const struct data_pointer *x = a, *y = b;

	return x->at < y->at ? -1 : x->at > y->at;
}

/* Keeps what graph_add_reference() needs once the image is closed. */
static void note_layout(struct object_graph *g, const struct elf_image *img)
{
	void *ctx[2] = {g, (void *)img};

	for (size_t k = 0; k < img->ncode; k++) {
		*ARRAY_PUSH(g->code, g->ncode) = (struct address_range){
			img->code[k].addr, img->code[k].addr + img->code[k].size};
	}
	for (size_t i = 0; i < img->nobjects; i++) {
		*ARRAY_PUSH(g->objects, g->nobjects) = (struct address_range){
			img->objects[i].addr, img->objects[i].addr + img->objects[i].size};
	}
	for_each_data_word(img, pointer_from_data, ctx);
	qsort(g->pointers, g->npointers, sizeof(*g->pointers), by_place);
}

size_t graph_function_at(const struct object_graph *g, uint64_t addr)
{
	size_t lo = 0, hi = g->n;

	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (g->fns[mid].start <= addr)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static void add_root(struct object_graph *g, uint64_t addr)
{
	if (!addr)
		return;
	*ARRAY_PUSH(g->roots, g->nroots) = graph_function_at(g, addr);
}

void graph_init(struct object_graph *g, const struct elf_image *img,
		const struct code_summary *sections, bool is_root)
{
	size_t n, i;
	uint64_t *starts = function_starts(img, sections, &n);

	memset(g, 0, sizeof(*g));
	g->fns = calloc(n ? n : 1, sizeof(*g->fns));
	if (!g->fns)
		abort();
	for (i = 0; i < n; i++)
		if (!i || starts[i] != starts[i - 1])
			g->fns[g->n++].start = starts[i];
	if (!g->n)
		g->n = 1; /* one empty function stands for code without symbols */
	free(starts);
	for (i = 0; i < img->nsymbols; i++) {
		if (!img->symbols[i].exported || !img->symbols[i].name)
			continue;
		*ARRAY_PUSH(g->exports, g->nexports) = (struct fn_export){
			strdup(img->symbols[i].name), graph_function_at(g, img->symbols[i].addr)};
	}
	note_layout(g, img);
	for (i = 0; i < img->ninit; i++)
		add_root(g, img->init_fns[i]);
	if (!is_root)
		return;
	add_root(g, img->entry);
	for (i = 0; i < g->npointers; i++)
		add_root(g, g->fns[g->pointers[i].fn].start);
}

void graph_free(struct object_graph *g)
{
	for (size_t i = 0; i < g->n; i++) {
		for (size_t k = 0; k < g->fns[i].nimports; k++)
			free(g->fns[i].imports[k]);
		free(g->fns[i].imports);
		free(g->fns[i].callees);
	}
	for (size_t i = 0; i < g->nexports; i++)
		free(g->exports[i].name);
	free(g->exports);
	free(g->roots);
	free(g->pointers);
	free(g->code);
	free(g->objects);
	free(g->fns);
	memset(g, 0, sizeof(*g));
}

void graph_add_call(struct object_graph *g, size_t from, uint64_t target)
{
	size_t to = graph_function_at(g, target);
	struct fn_node *f = &g->fns[from];

	if (to == from)
		return; /* a branch inside the function */
	*ARRAY_PUSH(f->callees, f->ncallees) = to;
}

void graph_add_import(struct object_graph *g, size_t from, const char *name)
{
	struct fn_node *f = &g->fns[from];

	*ARRAY_PUSH(f->imports, f->nimports) = strdup(name);
}

static const struct address_range *range_of(const struct address_range *r, size_t n, uint64_t addr)
{
	for (size_t i = 0; i < n; i++)
		if (addr >= r[i].start && addr < r[i].end)
			return &r[i];
	return NULL;
}

void graph_add_reference(struct object_graph *g, size_t from, uint64_t addr)
{
	const struct address_range *table;
	size_t i;

	if (range_of(g->code, g->ncode, addr)) {
		graph_add_call(g, from, addr);
		return;
	}
	table = range_of(g->objects, g->nobjects, addr);
	if (!table)
		return;
	for (i = 0; i < g->npointers && g->pointers[i].at < table->end; i++)
		if (g->pointers[i].at >= table->start)
			graph_add_call(g, from, g->fns[g->pointers[i].fn].start);
}

/* Binding like the loader's global scope: the first object in load order wins. */
static bool lookup_export(struct object_graph *const *graphs, size_t n, const char *name,
			  size_t *obj, size_t *fn)
{
	for (size_t o = 0; o < n; o++) {
		for (size_t i = 0; i < graphs[o]->nexports; i++) {
			if (strcmp(graphs[o]->exports[i].name, name))
				continue;
			*obj = o;
			*fn = graphs[o]->exports[i].fn;
			return true;
		}
	}
	return false;
}

struct walk {
	struct object_graph *const *graphs;
	size_t n;
	bool **seen;
	size_t (*stack)[2];
	size_t depth;
	json_t *bound; /* import name -> [object, function], to look each name up once */
};

static void push(struct walk *w, size_t obj, size_t fn)
{
	size_t *slot;

	if (w->seen[obj][fn])
		return;
	w->seen[obj][fn] = true;
	slot = *ARRAY_PUSH(w->stack, w->depth);
	slot[0] = obj;
	slot[1] = fn;
}

static void push_import(struct walk *w, const char *name)
{
	json_t *b = json_object_get(w->bound, name);
	size_t obj, fn;

	if (!b) {
		if (!lookup_export(w->graphs, w->n, name, &obj, &fn))
			return;
		b = json_pack("[I, I]", (json_int_t)obj, (json_int_t)fn);
		json_object_set_new(w->bound, name, b);
	}
	push(w, json_integer_value(json_array_get(b, 0)), json_integer_value(json_array_get(b, 1)));
}

json_t *graph_reachable_json(struct object_graph *const *graphs, size_t n)
{
	struct walk w = {.graphs = graphs, .n = n, .bound = json_object()};
	struct sysset all = {0};
	int functions = 0, unresolved = 0;

	w.seen = calloc(n ? n : 1, sizeof(*w.seen));
	for (size_t o = 0; o < n; o++) {
		w.seen[o] = calloc(graphs[o]->n, sizeof(**w.seen));
		for (size_t r = 0; r < graphs[o]->nroots; r++)
			push(&w, o, graphs[o]->roots[r]);
	}
	while (w.depth) {
		size_t obj = w.stack[--w.depth][0], fn = w.stack[w.depth][1];
		const struct fn_node *f = &graphs[obj]->fns[fn];

		functions++;
		unresolved += f->unresolved;
		sysset_unite(&all, &f->syscalls);
		for (size_t k = 0; k < f->ncallees; k++)
			push(&w, obj, f->callees[k]);
		for (size_t k = 0; k < f->nimports; k++)
			push_import(&w, f->imports[k]);
	}
	for (size_t o = 0; o < n; o++)
		free(w.seen[o]);
	free(w.seen);
	free(w.stack);
	json_decref(w.bound);
	return json_pack("{s:i, s:o, s:i, s:i}", "count", sysset_count(&all), "syscalls",
			 sysset_to_json(&all), "functions", functions, "unresolved_sites",
			 unresolved);
}
