/*
 * virtio: the device model every virtio driver and transport shares
 * (virtio 1.x, "modern" devices only).
 *
 * A transport (virtio-mmio; PCI later) finds devices and hands each to
 * virtio_register_device() with its transport operations; a driver registers
 * for a device ID with virtio_register_driver().  Whichever comes second
 * binds the two: the core resets the device, negotiates features
 * (VIRTIO_F_VERSION_1 always, plus what the driver understands), calls the
 * driver's probe(), which sets up its virtqueues, and sets DRIVER_OK.  The
 * transport's interrupt handler calls virtio_interrupt(), which runs the
 * callbacks of the device's virtqueues.
 */
#ifndef TESSERA_VIRTIO_H
#define TESSERA_VIRTIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <tessera/list.h>
#include <tessera/virtqueue.h>

/* Device IDs (section 5). */
#define VIRTIO_ID_NET   1
#define VIRTIO_ID_BLOCK 2
#define VIRTIO_ID_9P    9

/* Device status bits (section 2.1). */
#define VIRTIO_STATUS_ACKNOWLEDGE 1
#define VIRTIO_STATUS_DRIVER      2
#define VIRTIO_STATUS_DRIVER_OK   4
#define VIRTIO_STATUS_FEATURES_OK 8
#define VIRTIO_STATUS_NEEDS_RESET 64
#define VIRTIO_STATUS_FAILED      128

/* Feature bits every device type shares (section 6). */
#define VIRTIO_F_VERSION_1 32

/* Interrupt status bits. */
#define VIRTIO_ISR_QUEUE  1 /* a queue has used buffers */
#define VIRTIO_ISR_CONFIG 2 /* the configuration changed */

struct virtio_device;

struct virtio_transport_ops {
	uint64_t (*get_features)(struct virtio_device *vdev);
	void (*set_features)(struct virtio_device *vdev, uint64_t features);
	uint8_t (*get_status)(struct virtio_device *vdev);
	/* Writing 0 resets the device. */
	void (*set_status)(struct virtio_device *vdev, uint8_t status);
	/* The device-specific configuration space, accessed field by field. */
	void (*read_config)(struct virtio_device *vdev, unsigned int offset, void *buf, size_t len);
	void (*write_config)(struct virtio_device *vdev, unsigned int offset, const void *buf,
			     size_t len);
	/* Changes whenever the device changes its configuration space. */
	uint32_t (*config_generation)(struct virtio_device *vdev);
	/* The largest size of queue index; 0 when the device has no such queue. */
	unsigned int (*queue_max_size)(struct virtio_device *vdev, unsigned int index);
	/* Give the device queue index: num entries, its rings at these physical addresses. */
	int (*queue_setup)(struct virtio_device *vdev, unsigned int index, unsigned int num,
			   uint64_t desc, uint64_t avail, uint64_t used);
	void (*queue_notify)(struct virtio_device *vdev, unsigned int index);
	/* Read the interrupt status (VIRTIO_ISR_*) and acknowledge it. */
	uint32_t (*interrupt_ack)(struct virtio_device *vdev);
};

struct virtio_driver {
	const char *name;
	uint32_t device_id;
	uint64_t features; /* feature bits the driver can use, besides VIRTIO_F_VERSION_1 */
	/* Set the device up (its queues, its configuration): 0 or a negative errno. */
	int (*probe)(struct virtio_device *vdev);
	struct list_head link;
};

struct virtio_device {
	uint32_t id;    /* VIRTIO_ID_* */
	char name[40];  /* where it is, for messages: "virtio-mmio@0xfeb00e00" */
	const struct virtio_transport_ops *ops;
	const struct virtio_driver *driver; /* NULL while unbound */
	uint64_t features;                  /* negotiated */
	void *priv;                         /* the bound driver's */
	struct list_head vqs;
	struct list_head link;
};

/* For transports: vdev's id, name and ops are set; the device is bound if a driver wants it. */
void virtio_register_device(struct virtio_device *vdev);
void virtio_register_driver(struct virtio_driver *drv);

/* The registered devices in order: the first after prev (NULL: the first one), or NULL. */
struct virtio_device *virtio_next_device(struct virtio_device *prev);

bool virtio_has_feature(const struct virtio_device *vdev, unsigned int bit);

/* Read len bytes of configuration at offset, consistently even while the device changes it. */
void virtio_read_config(struct virtio_device *vdev, unsigned int offset, void *buf, size_t len);

/*
 * For probe(): set up queue index with the device's largest size (capped at
 * 256 entries); callback runs on its used buffers.  NULL when the device has
 * no such queue or memory is short.
 */
struct virtqueue *virtio_setup_queue(struct virtio_device *vdev, unsigned int index,
				     void (*callback)(struct virtqueue *vq));

/* Notify the device of new buffers on vq, unless it asked not to be. */
void virtio_kick(struct virtqueue *vq);

/* For transports' interrupt handlers. */
void virtio_interrupt(struct virtio_device *vdev);

/*
 * Synchronous requests, for request/response devices (9p, block): set up
 * queue index for virtio_request(), which sends a chain of out buffers (the
 * device reads them) then in buffers (it writes them) and returns, once the
 * device has used it, the number of bytes written, or a negative errno.
 * Threads may have requests in flight together; each waits for its own,
 * blocked on a wait queue when the scheduler is configured, else polling the
 * used ring.
 */
struct virtqueue *virtio_setup_request_queue(struct virtio_device *vdev, unsigned int index);
long virtio_request(struct virtqueue *vq, const struct virtio_sg *sg, unsigned int out,
		    unsigned int in);

#endif /* TESSERA_VIRTIO_H */
