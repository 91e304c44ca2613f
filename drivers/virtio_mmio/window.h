/* Where a virtio-mmio device is: its register window and interrupt line. */
#ifndef VIRTIO_MMIO_WINDOW_H
#define VIRTIO_MMIO_WINDOW_H

#include <stddef.h>
#include <stdint.h>

struct virtio_mmio_window {
	uintptr_t base; /* physical */
	size_t size;
	unsigned int gsi;
};

/*
 * Parse Linux's kernel option value "<size>@<base>:<gsi>[:<id>]": numbers in
 * C notation, size with an optional K, M or G suffix; the platform device
 * id is accepted and ignored.  0, or -EINVAL when malformed.
 */
int virtio_mmio_parse_window(const char *text, struct virtio_mmio_window *out);

#endif
