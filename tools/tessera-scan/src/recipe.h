/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The app database: one JSON file per application in recipes/, naming
 * its binary, its Debian source package and its workloads (a bench or a
 * test suite), each a set of shell steps run in a scratch directory.
 */
#ifndef TS_RECIPE_H
#define TS_RECIPE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

enum workload_kind {
	KIND_BENCH, /* a load generator: a realistic but narrow workload */
	KIND_SUITE, /* a test suite or functional checks: wide coverage */
};

struct recipe;

struct workload {
	const struct recipe *recipe;
	const char *name;
	enum workload_kind kind;
	const char *prepare;	  /* untraced, once before any trial: builds what trials need */
	const char *setup;	  /* untraced, prepares the scratch directory */
	const char *app;	  /* traced: the application itself */
	const char *ready;	  /* untraced, polled until it succeeds */
	const char *client;	  /* untraced, drives the app; its exit code decides */
	const char *check;	  /* untraced, must succeed after the client */
	const char **scope;	  /* executables that count, NULL-terminated; NULL for all */
	unsigned timeout_s;	  /* of a whole trial */
	unsigned ready_timeout_s; /* for the ready probe to succeed */
	json_t *json;
};

struct recipe {
	json_t *root;
	const char *name;
	const char *description;
	const char *binary;	     /* for binary static analysis */
	const char *source_package;  /* Debian source package, for source analysis */
	const char **source_dirs;    /* subdirectories of the source to scan; NULL for all */
	const char **source_exclude; /* fnmatch patterns of files not in the binary */
	bool in_article;	     /* one of the five apps of the Unikraft study */
	struct workload *workloads;
	size_t nworkloads;
};

/* Reads r->root, already set; on failure writes a one-line reason to err. */
int recipe_from_json(struct recipe *r, char *err, size_t errlen);
/* Loads a recipe file; on failure writes a one-line reason to err. */
int recipe_load(const char *path, struct recipe *r, char *err, size_t errlen);
void recipe_free(struct recipe *r);
const struct workload *recipe_workload(const struct recipe *r, const char *name);
const char *workload_kind_name(enum workload_kind kind);

#endif
