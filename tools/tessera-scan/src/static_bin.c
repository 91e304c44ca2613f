// SPDX-License-Identifier: BSD-3-Clause
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "callgraph.h"
#include "elf_image.h"
#include "fail.h"
#include "insn_summary.h"
#include "ldsearch.h"
#include "result_doc.h"
#include "static_bin.h"

#define WRAPPER_NAME "syscall"

#define MAX_UNRESOLVED_LISTED 24

struct object_scan {
	char *path;
	struct sysset syscalls;
	int sites; /* syscall instructions */
	int unresolved_sites;
	int wrapper_calls; /* calls to syscall() */
	int unresolved_wrapper_calls;
	char *unresolved_at[MAX_UNRESOLVED_LISTED];
	int nunresolved_at;
};

struct plt_stub {
	uint64_t addr;
	const char *name;
};

struct scanner {
	const struct elf_image *img;
	struct code_summary *sections; /* one per img->code entry */
	struct plt_stub *stubs;
	size_t nstubs;
	uint64_t own_wrapper; /* syscall() defined here (libc), or 0 */
	struct object_scan *out;
	struct object_graph *graph;
};

/* The value of reg just before insns[i], if its basic block sets it to a constant. */
static bool resolve_backward(const struct code_summary *s, size_t i, int reg, int64_t *value)
{
	while (!s->insns[i].leader && i > 0) {
		const struct insn_summary *p = &s->insns[--i];

		if (p->flow != FLOW_NEXT && p->flow != FLOW_SYSCALL)
			return false; /* control left the block here */
		if (!(p->writes & (1u << reg)))
			continue;
		if (p->set_reg != reg)
			return false;
		if (p->from_imm) {
			*value = p->imm;
			return true;
		}
		if (p->from_reg == GPR_NONE)
			return false;
		reg = p->from_reg;
	}
	return false;
}

static bool is_plt(const struct code_section *sec)
{
	return !strncmp(sec->name, ".plt", 4);
}

/* PLT stubs jump through the GOT slot of their function: stub address -> name. */
static void find_plt_stubs(struct scanner *sc)
{
	for (size_t k = 0; k < sc->img->ncode; k++) {
		const struct code_section *sec = &sc->img->code[k];
		const struct code_summary *s = &sc->sections[k];

		for (size_t i = 0; is_plt(sec) && i < s->n; i++) {
			const char *name;

			if (s->insns[i].flow != FLOW_JUMP_GOT)
				continue;
			name = elf_image_import_by_got(sc->img, s->insns[i].target);
			if (!name)
				continue;
			*ARRAY_PUSH(sc->stubs, sc->nstubs) = (struct plt_stub){
				sec->addr + (s->insns[i].addr - sec->addr) / sec->entry_size *
						    sec->entry_size,
				name,
			};
		}
	}
}

/* The function a call or jump reaches through the PLT or the GOT, if any. */
static const char *imported_target(const struct scanner *sc, const struct insn_summary *in)
{
	if (in->flow == FLOW_CALL_GOT || in->flow == FLOW_JUMP_GOT)
		return elf_image_import_by_got(sc->img, in->target);
	if (in->flow != FLOW_CALL && in->flow != FLOW_JUMP)
		return NULL;
	for (size_t i = 0; i < sc->nstubs; i++)
		if (sc->stubs[i].addr == in->target)
			return sc->stubs[i].name;
	return NULL;
}

static bool enters_wrapper(const struct scanner *sc, const struct insn_summary *in)
{
	const char *name = imported_target(sc, in);

	if (name)
		return !strcmp(name, WRAPPER_NAME);
	return (in->flow == FLOW_CALL || in->flow == FLOW_JUMP) && sc->own_wrapper &&
	       in->target == sc->own_wrapper;
}

static void note_unresolved(struct scanner *sc, uint64_t addr)
{
	struct object_scan *out = sc->out;
	char where[160];

	if (out->nunresolved_at == MAX_UNRESOLVED_LISTED)
		return;
	elf_image_describe(sc->img, addr, where, sizeof(where));
	out->unresolved_at[out->nunresolved_at++] = strdup(where);
}

/* Returns true when the site's number is known. */
static bool note_site(struct scanner *sc, const struct code_summary *s, size_t i, int reg,
		      struct fn_node *fn)
{
	int64_t nr;

	if (resolve_backward(s, i, reg, &nr) && syscall_nr_valid(nr)) {
		sysset_add(&sc->out->syscalls, (int)nr);
		sysset_add(&fn->syscalls, (int)nr);
		return true;
	}
	fn->unresolved++;
	note_unresolved(sc, s->insns[i].addr);
	return false;
}

static void note_edge(struct scanner *sc, const struct insn_summary *in, size_t fn)
{
	const char *name = imported_target(sc, in);

	if (name)
		graph_add_import(sc->graph, fn, name);
	else if (in->flow == FLOW_CALL || in->flow == FLOW_JUMP)
		graph_add_call(sc->graph, fn, in->target);
}

static void scan_section(struct scanner *sc, size_t k)
{
	const struct code_summary *s = &sc->sections[k];
	struct object_scan *out = sc->out;

	if (is_plt(&sc->img->code[k]))
		return;
	for (size_t i = 0; i < s->n; i++) {
		const struct insn_summary *in = &s->insns[i];
		size_t fn = graph_function_at(sc->graph, in->addr);

		if (in->flow == FLOW_SYSCALL) {
			out->sites++;
			out->unresolved_sites += !note_site(sc, s, i, GPR_RAX, &sc->graph->fns[fn]);
			continue;
		}
		if (enters_wrapper(sc, in)) {
			out->wrapper_calls++;
			out->unresolved_wrapper_calls +=
				!note_site(sc, s, i, GPR_RDI, &sc->graph->fns[fn]);
		}
		note_edge(sc, in, fn);
		if (in->ref)
			graph_add_reference(sc->graph, fn, in->ref);
	}
}

static int scan_image(const struct elf_image *img, bool is_root, struct object_scan *out,
		      struct object_graph *graph, char *err, size_t errlen)
{
	struct scanner sc = {.img = img, .out = out, .graph = graph};
	int rc = 0;

	sc.sections = calloc(img->ncode ? img->ncode : 1, sizeof(*sc.sections));
	if (!sc.sections)
		abort();
	for (size_t k = 0; k < img->ncode && rc == 0; k++)
		rc = summarize_code(&img->code[k], &sc.sections[k]);
	if (rc < 0) {
		snprintf(err, errlen, "capstone cannot disassemble x86_64");
	} else {
		graph_init(graph, img, sc.sections, is_root);
		sc.own_wrapper = elf_image_symbol_addr(img, WRAPPER_NAME);
		find_plt_stubs(&sc);
		for (size_t k = 0; k < img->ncode; k++)
			scan_section(&sc, k);
	}
	for (size_t k = 0; k < img->ncode; k++)
		code_summary_free(&sc.sections[k]);
	free(sc.sections);
	free(sc.stubs);
	return rc;
}

static void object_scan_free(struct object_scan *s)
{
	for (int i = 0; i < s->nunresolved_at; i++)
		free(s->unresolved_at[i]);
	free(s->path);
	memset(s, 0, sizeof(*s));
}

/* Objects in the order the loader maps them: breadth-first from the executable. */
struct queued_object {
	char *path;
	bool runs_first; /* the executable and the dynamic loader start running */
	struct object_graph graph;
};

struct load_queue {
	struct queued_object *objs;
	size_t n;
	json_t *missing;
};

/* Takes path; symlinks are resolved so one file is scanned once. */
static void enqueue(struct load_queue *q, char *path, bool runs_first)
{
	char *real = realpath(path, NULL);

	if (real) {
		free(path);
		path = real;
	}
	for (size_t i = 0; i < q->n; i++) {
		if (!strcmp(q->objs[i].path, path)) {
			free(path);
			return;
		}
	}
	*ARRAY_PUSH(q->objs, q->n) = (struct queued_object){.path = path, .runs_first = runs_first};
}

static void enqueue_dependencies(struct load_queue *q, const struct elf_image *img)
{
	if (img->interp)
		enqueue(q, strdup(img->interp), true);
	for (size_t i = 0; i < img->nneeded; i++) {
		char *path = ldsearch_find(img->needed[i], img);

		if (path)
			enqueue(q, path, false);
		else
			json_array_append_new(q->missing, json_string(img->needed[i]));
	}
}

static json_t *object_json(const struct object_scan *s)
{
	json_t *where = json_array();

	for (int i = 0; i < s->nunresolved_at; i++)
		json_array_append_new(where, json_string(s->unresolved_at[i]));
	return json_pack("{s:s, s:i, s:o, s:i, s:i, s:i, s:i, s:o}", "path", s->path, "count",
			 sysset_count(&s->syscalls), "syscalls", sysset_to_json(&s->syscalls),
			 "sites", s->sites, "unresolved_sites", s->unresolved_sites,
			 "wrapper_calls", s->wrapper_calls, "unresolved_wrapper_calls",
			 s->unresolved_wrapper_calls, "unresolved_at", where);
}

/* Scans one queued object; returns -1 with err set if it is not usable ELF. */
static int scan_queued(struct load_queue *q, size_t i, bool with_libs, struct object_scan *s,
		       char *err, size_t errlen)
{
	struct queued_object *obj = &q->objs[i];
	struct elf_image img;
	int rc;

	memset(s, 0, sizeof(*s));
	s->path = strdup(obj->path);
	rc = elf_image_open(obj->path, &img, err, errlen);
	if (rc == 0)
		rc = scan_image(&img, obj->runs_first, s, &obj->graph, err, errlen);
	if (rc == 0 && with_libs)
		enqueue_dependencies(q, &img);
	elf_image_close(&img);
	return rc;
}

static json_t *reachable_json(struct load_queue *q)
{
	struct object_graph **graphs = calloc(q->n ? q->n : 1, sizeof(*graphs));
	json_t *reachable;

	if (!graphs)
		abort();
	for (size_t i = 0; i < q->n; i++)
		graphs[i] = &q->objs[i].graph;
	reachable = graph_reachable_json(graphs, q->n);
	free(graphs);
	return reachable;
}

static void load_queue_free(struct load_queue *q)
{
	for (size_t i = 0; i < q->n; i++) {
		graph_free(&q->objs[i].graph);
		free(q->objs[i].path);
	}
	free(q->objs);
}

json_t *static_bin_json(const char *binary, bool with_libs)
{
	struct load_queue q = {.missing = json_array()};
	json_t *objects = json_array(), *reachable;
	struct sysset all = {0};
	int unresolved = 0;
	char err[256];

	enqueue(&q, strdup(binary), true);
	for (size_t i = 0; i < q.n; i++) {
		struct object_scan s;

		if (scan_queued(&q, i, with_libs, &s, err, sizeof(err)) < 0) {
			if (i == 0)
				die(EXIT_BAD_INPUT, "%s", err);
			warn_line("skipping %s", err);
		} else {
			sysset_unite(&all, &s.syscalls);
			unresolved += s.unresolved_sites + s.unresolved_wrapper_calls;
			json_array_append_new(objects, object_json(&s));
		}
		object_scan_free(&s);
	}
	reachable = reachable_json(&q);
	load_queue_free(&q);
	return json_pack("{s:s, s:i, s:o, s:i, s:o, s:o, s:o}", "binary", binary, "count",
			 sysset_count(&all), "syscalls", sysset_to_json(&all), "unresolved",
			 unresolved, "reachable", reachable, "objects", objects,
			 "missing_libraries", q.missing);
}
