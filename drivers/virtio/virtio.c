/*
 * The virtio core: device and driver registration, binding, feature
 * negotiation, queue set-up and interrupt dispatch.  See <tessera/virtio.h>.
 *
 * Binding follows the initialisation sequence of virtio 1.x, section 3.1.1:
 * reset, ACKNOWLEDGE (done at registration), DRIVER, features, FEATURES_OK
 * (and check the device kept it), the driver's set-up, DRIVER_OK.
 */
#include <errno.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/arch/cpu.h>
#include <tessera/arch/layout.h>
#include <tessera/printk.h>
#include <tessera/virtio.h>

#define QUEUE_SIZE_CAP 256

static LIST_HEAD(devices);
static LIST_HEAD(drivers);

static void add_status(struct virtio_device *vdev, uint8_t bits)
{
	vdev->ops->set_status(vdev, vdev->ops->get_status(vdev) | bits);
}

static void reset(struct virtio_device *vdev)
{
	vdev->ops->set_status(vdev, 0);
	/* The reset is complete when the device reads back 0. */
	while (vdev->ops->get_status(vdev))
		cpu_relax();
}

bool virtio_has_feature(const struct virtio_device *vdev, unsigned int bit)
{
	return vdev->features & (1ULL << bit);
}

static int negotiate_features(struct virtio_device *vdev, const struct virtio_driver *drv)
{
	uint64_t offered = vdev->ops->get_features(vdev);

	if (!(offered & (1ULL << VIRTIO_F_VERSION_1)))
		return -ENODEV; /* a legacy device */
	vdev->features = offered & (drv->features | 1ULL << VIRTIO_F_VERSION_1);
	vdev->ops->set_features(vdev, vdev->features);
	add_status(vdev, VIRTIO_STATUS_FEATURES_OK);
	if (!(vdev->ops->get_status(vdev) & VIRTIO_STATUS_FEATURES_OK))
		return -ENODEV; /* the device refused our subset */
	return 0;
}

static void bind(struct virtio_device *vdev, const struct virtio_driver *drv)
{
	int err;

	add_status(vdev, VIRTIO_STATUS_DRIVER);
	err = negotiate_features(vdev, drv);
	if (!err)
		err = drv->probe(vdev);
	if (err) {
		add_status(vdev, VIRTIO_STATUS_FAILED);
		pr_warn("virtio: %s: %s cannot drive it (error %d)\n", vdev->name, drv->name, err);
		return;
	}
	vdev->driver = drv;
	add_status(vdev, VIRTIO_STATUS_DRIVER_OK);
}

void virtio_register_device(struct virtio_device *vdev)
{
	struct virtio_driver *drv;

	list_init(&vdev->vqs);
	vdev->driver = NULL;
	reset(vdev);
	add_status(vdev, VIRTIO_STATUS_ACKNOWLEDGE);
	list_add_tail(&vdev->link, &devices);
	list_for_each_entry(drv, &drivers, link) {
		if (drv->device_id == vdev->id) {
			bind(vdev, drv);
			break;
		}
	}
}

void virtio_register_driver(struct virtio_driver *drv)
{
	struct virtio_device *vdev;

	list_add_tail(&drv->link, &drivers);
	list_for_each_entry(vdev, &devices, link) {
		if (!vdev->driver && vdev->id == drv->device_id)
			bind(vdev, drv);
	}
}

struct virtio_device *virtio_next_device(struct virtio_device *prev)
{
	struct list_head *next = prev ? prev->link.next : devices.next;

	return next == &devices ? NULL : list_entry(next, struct virtio_device, link);
}

void virtio_read_config(struct virtio_device *vdev, unsigned int offset, void *buf, size_t len)
{
	uint32_t generation;

	do {
		generation = vdev->ops->config_generation(vdev);
		vdev->ops->read_config(vdev, offset, buf, len);
	} while (generation != vdev->ops->config_generation(vdev));
}

/* The largest power of two not above n. */
static unsigned int round_down_pow2(unsigned int n)
{
	return 1u << (31 - __builtin_clz(n));
}

struct virtqueue *virtio_setup_queue(struct virtio_device *vdev, unsigned int index,
				     void (*callback)(struct virtqueue *vq))
{
	unsigned int max = vdev->ops->queue_max_size(vdev, index), num;
	struct virtqueue *vq;
	size_t pages;
	void *ring;

	if (!max)
		return NULL;
	num = round_down_pow2(MIN(MIN(max, VIRTQ_MAX_SIZE), QUEUE_SIZE_CAP));
	pages = ALIGN_UP(virtqueue_ring_size(num), PAGE_SIZE) / PAGE_SIZE;
	vq = alloc_calloc(alloc_default(), 1, virtqueue_struct_size(num));
	ring = page_alloc(pages);
	if (!vq || !ring)
		goto fail;
	memset(ring, 0, pages * PAGE_SIZE);
	virtqueue_init(vq, num, ring);
	vq->vdev = vdev;
	vq->index = index;
	vq->callback = callback;
	if (vdev->ops->queue_setup(vdev, index, num, virt_to_phys(vq->desc),
				   virt_to_phys(vq->avail), virt_to_phys(vq->used)))
		goto fail;
	list_add_tail(&vq->link, &vdev->vqs);
	return vq;
fail:
	if (ring)
		page_free(ring, pages);
	if (vq)
		alloc_free(alloc_default(), vq);
	return NULL;
}

void virtio_kick(struct virtqueue *vq)
{
	if (virtqueue_kick_prepare(vq))
		vq->vdev->ops->queue_notify(vq->vdev, vq->index);
}

void virtio_interrupt(struct virtio_device *vdev)
{
	uint32_t isr = vdev->ops->interrupt_ack(vdev);
	struct virtqueue *vq;

	if (!(isr & VIRTIO_ISR_QUEUE))
		return;
	list_for_each_entry(vq, &vdev->vqs, link) {
		if (vq->callback)
			vq->callback(vq);
	}
}
