/* Reading a bundle's config.json and the Tessera image's configuration (see spec.h). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "spec.h"

#define MIB                (1024LL * 1024)
#define MIN_MEMORY_MIB     2
#define SANDBOX_ANNOTATION "io.kubernetes.cri.container-type"
#define TESSERA_CONFIG     "tessera/config.json"

static json_t *load(const char *path, char *error)
{
	json_error_t err;
	json_t *root = json_load_file(path, 0, &err);

	if (!root)
		snprintf(error, SPEC_ERROR_LEN, "%s: %s", path, err.text);
	else if (!json_is_object(root))
		snprintf(error, SPEC_ERROR_LEN, "%s: not a JSON object", path);
	else
		return root;
	json_decref(root);
	return NULL;
}

static char *string_at(json_t *object, const char *key)
{
	const char *value = json_string_value(json_object_get(object, key));

	return value ? strdup(value) : NULL;
}

/* A JSON array of strings into out (at most max); -1 when it is something else. */
static int strings(json_t *array, char **out, int max, int *n)
{
	size_t i;
	json_t *item;

	*n = 0;
	if (!array)
		return 0;
	if (!json_is_array(array) || json_array_size(array) > (size_t)max)
		return -1;
	json_array_foreach(array, i, item) {
		if (!json_is_string(item))
			return -1;
		out[(*n)++] = strdup(json_string_value(item));
	}
	return 0;
}

static char *join_path(const char *dir, const char *path)
{
	char *joined;

	if (path[0] == '/')
		return strdup(path);
	if (asprintf(&joined, "%s/%s", dir, path) < 0)
		return NULL;
	return joined;
}

static void load_mounts(struct oci_spec *spec, json_t *mounts)
{
	size_t i;
	json_t *m;

	json_array_foreach(mounts, i, m) {
		struct spec_mount *out = &spec->mounts[spec->nr_mounts];
		const char *type = json_string_value(json_object_get(m, "type"));
		json_t *options = json_object_get(m, "options"), *o;
		size_t j;

		if (spec->nr_mounts == SPEC_MAX_MOUNTS)
			break;
		out->source = string_at(m, "source");
		out->destination = string_at(m, "destination");
		if (!out->source || !out->destination) {
			free(out->source);
			free(out->destination);
			*out = (struct spec_mount){0};
			continue;
		}
		out->bind = type && !strcmp(type, "bind");
		json_array_foreach(options, j, o) {
			const char *opt = json_string_value(o);

			if (opt && (!strcmp(opt, "bind") || !strcmp(opt, "rbind")))
				out->bind = true;
			if (opt && !strcmp(opt, "ro"))
				out->read_only = true;
		}
		spec->nr_mounts++;
	}
}

/* linux.namespaces' network entry's path: a namespace to join (a new, empty one has no path). */
static char *network_namespace(json_t *namespaces)
{
	size_t i;
	json_t *ns;

	json_array_foreach(namespaces, i, ns) {
		const char *type = json_string_value(json_object_get(ns, "type"));

		if (type && !strcmp(type, "network"))
			return string_at(ns, "path");
	}
	return NULL;
}

int spec_load(struct oci_spec *spec, const char *bundle, char *error)
{
	char path[4096];
	json_t *root, *process, *memory, *linux_;
	const char *root_path, *type;

	memset(spec, 0, sizeof(*spec));
	snprintf(path, sizeof(path), "%s/config.json", bundle);
	root = load(path, error);
	if (!root)
		return -1;
	process = json_object_get(root, "process");
	root_path = json_string_value(json_object_get(json_object_get(root, "root"), "path"));
	if (!json_is_object(process) || !root_path) {
		snprintf(error, SPEC_ERROR_LEN, "%s: no process or root.path", path);
		goto fail;
	}
	spec->root = join_path(bundle, root_path);
	if (strings(json_object_get(process, "args"), spec->args, SPEC_MAX_ARGS, &spec->nr_args) ||
	    !spec->nr_args) {
		snprintf(error, SPEC_ERROR_LEN, "%s: process.args must be 1 to %d strings", path,
			 SPEC_MAX_ARGS);
		goto fail;
	}
	if (strings(json_object_get(process, "env"), spec->env, SPEC_MAX_ENV, &spec->nr_env)) {
		snprintf(error, SPEC_ERROR_LEN, "%s: process.env must be at most %d strings", path,
			 SPEC_MAX_ENV);
		goto fail;
	}
	spec->cwd = string_at(process, "cwd");
	spec->terminal = json_is_true(json_object_get(process, "terminal"));
	spec->hostname = string_at(root, "hostname");
	linux_ = json_object_get(root, "linux");
	spec->cgroups_path = string_at(linux_, "cgroupsPath");
	spec->netns = network_namespace(json_object_get(linux_, "namespaces"));
	memory = json_object_get(json_object_get(json_object_get(linux_, "resources"), "memory"),
				 "limit");
	if (json_is_integer(memory) && json_integer_value(memory) > 0) {
		spec->memory_limit = json_integer_value(memory);
		if (spec->memory_limit < MIN_MEMORY_MIB * MIB) {
			snprintf(error, SPEC_ERROR_LEN, "memory limit %lld bytes: a guest needs at "
				 "least %d MiB", spec->memory_limit, MIN_MEMORY_MIB);
			goto fail;
		}
	}
	type = json_string_value(json_object_get(json_object_get(root, "annotations"),
						 SANDBOX_ANNOTATION));
	spec->sandbox = type && !strcmp(type, "sandbox");
	load_mounts(spec, json_object_get(root, "mounts"));
	json_decref(root);
	return 0;
fail:
	json_decref(root);
	spec_free(spec);
	return -1;
}

void spec_free(struct oci_spec *spec)
{
	free(spec->root);
	for (int i = 0; i < spec->nr_args; i++)
		free(spec->args[i]);
	for (int i = 0; i < spec->nr_env; i++)
		free(spec->env[i]);
	free(spec->cwd);
	free(spec->hostname);
	free(spec->cgroups_path);
	free(spec->netns);
	for (int i = 0; i < spec->nr_mounts; i++) {
		free(spec->mounts[i].source);
		free(spec->mounts[i].destination);
	}
	memset(spec, 0, sizeof(*spec));
}

void tessera_image_free(struct tessera_image *image)
{
	free(image->kernel);
	free(image->rootfs);
	free(image->kernel_options);
	for (int i = 0; i < image->nr_ports; i++)
		free(image->ports[i]);
	memset(image, 0, sizeof(*image));
}

int tessera_image_load(struct tessera_image *image, const char *root, char *error)
{
	char path[4096];
	json_t *config, *memory, *ports, *port;
	const char *kernel, *rootfs;
	size_t i;

	memset(image, 0, sizeof(*image));
	snprintf(path, sizeof(path), "%s/%s", root, TESSERA_CONFIG);
	config = load(path, error);
	if (!config) {
		snprintf(error, SPEC_ERROR_LEN, "%s is not a Tessera image (tessera pkg makes them): "
			 "cannot read /%s", root, TESSERA_CONFIG);
		return -1;
	}
	kernel = json_string_value(json_object_get(config, "kernel"));
	rootfs = json_string_value(json_object_get(config, "rootfs"));
	memory = json_object_get(config, "memory_mib");
	ports = json_object_get(config, "ports");
	if (!kernel || kernel[0] != '/' || strstr(kernel, "..") ||
	    (rootfs && (rootfs[0] != '/' || strstr(rootfs, ".."))) ||
	    !json_is_integer(memory) || json_integer_value(memory) < MIN_MEMORY_MIB ||
	    (ports && (!json_is_array(ports) || json_array_size(ports) > SPEC_MAX_PORTS))) {
		snprintf(error, SPEC_ERROR_LEN, "%s: malformed (kernel, rootfs, memory_mib, ports)",
			 path);
		json_decref(config);
		return -1;
	}
	/* Paths inside the image stay inside the bundle's rootfs. */
	image->kernel = join_path(root, kernel + 1);
	image->rootfs = rootfs ? join_path(root, rootfs + 1) : NULL;
	image->loader = json_is_true(json_object_get(config, "loader"));
	image->memory_mib = (unsigned long)json_integer_value(memory);
	image->kernel_options = string_at(config, "kernel_options");
	if (!image->kernel_options)
		image->kernel_options = strdup("");
	json_array_foreach(ports, i, port) {
		if (json_is_string(port))
			image->ports[image->nr_ports++] = strdup(json_string_value(port));
	}
	json_decref(config);
	return 0;
}

unsigned long spec_memory_mib(const struct oci_spec *spec, const struct tessera_image *image)
{
	return spec->memory_limit ? (unsigned long)(spec->memory_limit / MIB) : image->memory_mib;
}
