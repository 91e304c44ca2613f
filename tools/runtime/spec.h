/*
 * What tessera-runtime takes from a bundle: the OCI runtime spec
 * (BUNDLE/config.json, as containerd writes it) and the Tessera image's
 * own configuration (ROOTFS/tessera/config.json, as `tessera pkg` writes
 * it).  Only the fields a unikernel can honour are read; the rest of the
 * spec (namespaces, capabilities, seccomp...) describes a Linux container
 * and has no meaning for a guest.
 */
#ifndef TESSERA_RUNTIME_SPEC_H
#define TESSERA_RUNTIME_SPEC_H

#include <stdbool.h>
#include <stddef.h>

#define SPEC_MAX_ARGS    256
#define SPEC_MAX_ENV     256
#define SPEC_MAX_MOUNTS  64
#define SPEC_MAX_PORTS   16
#define SPEC_ERROR_LEN   8448 /* room for two paths */

struct spec_mount {
	char *source;
	char *destination;
	bool bind;      /* type "bind", or a "bind"/"rbind" option */
	bool read_only; /* an "ro" option */
};

struct oci_spec {
	char *root;        /* root.path, absolute (made so against the bundle) */
	char *args[SPEC_MAX_ARGS + 1]; /* process.args, NULL-terminated */
	int nr_args;
	char *env[SPEC_MAX_ENV];
	int nr_env;
	char *cwd;
	bool terminal;
	char *hostname;    /* NULL when unset */
	long long memory_limit; /* linux.resources.memory.limit in bytes; 0: none */
	char *cgroups_path;     /* NULL when unset */
	bool sandbox;      /* a CRI pod's sandbox ("pause") container */
	char *netns;       /* the network namespace to join (a pod's), NULL when none is named */
	struct spec_mount mounts[SPEC_MAX_MOUNTS];
	int nr_mounts;
};

struct tessera_image {
	char *kernel;      /* absolute paths inside the bundle's rootfs */
	char *rootfs;      /* NULL: the image runs no program from a root file system */
	bool loader;       /* process.args[0] is a program the kernel loads (the ELF loader) */
	unsigned long memory_mib;
	char *kernel_options;
	char *ports[SPEC_MAX_PORTS]; /* "80/tcp" */
	int nr_ports;
};

/* Parse config.json of bundle: 0, or -1 with a one-line reason in error. */
int spec_load(struct oci_spec *spec, const char *bundle, char *error);
/* Parse the Tessera configuration under root: 0, or -1 with a reason in error. */
int tessera_image_load(struct tessera_image *image, const char *root, char *error);
void spec_free(struct oci_spec *spec);
void tessera_image_free(struct tessera_image *image);
/* The guest memory for spec and image, in MiB: the memory limit, else the image's default. */
unsigned long spec_memory_mib(const struct oci_spec *spec, const struct tessera_image *image);

#endif
