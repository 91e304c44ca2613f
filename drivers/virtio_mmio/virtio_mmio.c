/*
 * The virtio-mmio transport (virtio 1.x, section 4.2), version 2 only.
 *
 * Devices are found two ways: Linux's virtio_mmio.device= kernel option
 * (Firecracker's way), and by reading QEMU microvm's eight transport slots,
 * since QEMU tells a PVH kernel nothing about them.  A slot without a device
 * reads device ID 0.  QEMU 7.2 makes its transports legacy (version 1)
 * unless started with -global virtio-mmio.force-legacy=false, which
 * `tessera run` passes; legacy devices are reported and left alone.
 *
 * Each device's line is level-triggered: the handler acknowledges the
 * device's interrupt status before the LAPIC's end-of-interrupt re-arms it.
 */
#include <errno.h>
#include <tessera/alloc.h>
#include <tessera/arch/paging.h>
#include <tessera/boot.h>
#include <tessera/fmt.h>
#include <tessera/plat/irq.h>
#include <tessera/printk.h>
#include <tessera/virtio.h>
#include "window.h"

/* QEMU microvm without ACPI: slot i at base + i * size, on GSI 5 + i. */
#define MICROVM_SLOT_BASE  0xfeb00000
#define MICROVM_SLOT_SIZE  0x200
#define MICROVM_SLOTS      8
#define MICROVM_FIRST_GSI  5
#define MAX_OPTION_DEVICES 8

#define REG_MAGIC               0x000
#define REG_VERSION             0x004
#define REG_DEVICE_ID           0x008
#define REG_DEVICE_FEATURES     0x010
#define REG_DEVICE_FEATURES_SEL 0x014
#define REG_DRIVER_FEATURES     0x020
#define REG_DRIVER_FEATURES_SEL 0x024
#define REG_QUEUE_SEL           0x030
#define REG_QUEUE_NUM_MAX       0x034
#define REG_QUEUE_NUM           0x038
#define REG_QUEUE_READY         0x044
#define REG_QUEUE_NOTIFY        0x050
#define REG_INTERRUPT_STATUS    0x060
#define REG_INTERRUPT_ACK       0x064
#define REG_STATUS              0x070
#define REG_QUEUE_DESC          0x080 /* 64-bit addresses: low word, then high word */
#define REG_QUEUE_DRIVER        0x090
#define REG_QUEUE_DEVICE        0x0a0
#define REG_CONFIG_GENERATION   0x0fc
#define REG_CONFIG              0x100
#define MMIO_MAGIC              0x74726976 /* "virt" */
#define MMIO_VERSION            2

struct virtio_mmio {
	struct virtio_device vdev;
	volatile uint8_t *regs;
};

static struct virtio_mmio_window option_devices[MAX_OPTION_DEVICES];
static int nr_option_devices;

static struct virtio_mmio *to_mmio(struct virtio_device *vdev)
{
	return container_of(vdev, struct virtio_mmio, vdev);
}

static uint32_t mmio_read(struct virtio_device *vdev, unsigned int reg)
{
	return *(volatile uint32_t *)(to_mmio(vdev)->regs + reg);
}

static void mmio_write(struct virtio_device *vdev, unsigned int reg, uint32_t value)
{
	*(volatile uint32_t *)(to_mmio(vdev)->regs + reg) = value;
}

static void mmio_write64(struct virtio_device *vdev, unsigned int reg, uint64_t value)
{
	mmio_write(vdev, reg, (uint32_t)value);
	mmio_write(vdev, reg + 4, value >> 32);
}

static uint64_t mmio_get_features(struct virtio_device *vdev)
{
	uint64_t high;

	mmio_write(vdev, REG_DEVICE_FEATURES_SEL, 1);
	high = mmio_read(vdev, REG_DEVICE_FEATURES);
	mmio_write(vdev, REG_DEVICE_FEATURES_SEL, 0);
	return high << 32 | mmio_read(vdev, REG_DEVICE_FEATURES);
}

static void mmio_set_features(struct virtio_device *vdev, uint64_t features)
{
	mmio_write(vdev, REG_DRIVER_FEATURES_SEL, 1);
	mmio_write(vdev, REG_DRIVER_FEATURES, features >> 32);
	mmio_write(vdev, REG_DRIVER_FEATURES_SEL, 0);
	mmio_write(vdev, REG_DRIVER_FEATURES, (uint32_t)features);
}

static uint8_t mmio_get_status(struct virtio_device *vdev)
{
	return mmio_read(vdev, REG_STATUS);
}

static void mmio_set_status(struct virtio_device *vdev, uint8_t status)
{
	mmio_write(vdev, REG_STATUS, status);
}

/* Configuration fields are accessed at their own width: the widest aligned access that fits. */
static unsigned int access_width(unsigned int offset, size_t len)
{
	if (len >= 4 && IS_ALIGNED(offset, 4))
		return 4;
	if (len >= 2 && IS_ALIGNED(offset, 2))
		return 2;
	return 1;
}

static void mmio_read_config(struct virtio_device *vdev, unsigned int offset, void *buf,
			     size_t len)
{
	volatile uint8_t *config = to_mmio(vdev)->regs + REG_CONFIG;
	uint8_t *out = buf;

	for (unsigned int w; len; offset += w, out += w, len -= w) {
		w = access_width(offset, len);
		if (w == 4)
			*(uint32_t *)out = *(volatile uint32_t *)(config + offset);
		else if (w == 2)
			*(uint16_t *)out = *(volatile uint16_t *)(config + offset);
		else
			*out = config[offset];
	}
}

static void mmio_write_config(struct virtio_device *vdev, unsigned int offset, const void *buf,
			      size_t len)
{
	volatile uint8_t *config = to_mmio(vdev)->regs + REG_CONFIG;
	const uint8_t *in = buf;

	for (unsigned int w; len; offset += w, in += w, len -= w) {
		w = access_width(offset, len);
		if (w == 4)
			*(volatile uint32_t *)(config + offset) = *(const uint32_t *)in;
		else if (w == 2)
			*(volatile uint16_t *)(config + offset) = *(const uint16_t *)in;
		else
			config[offset] = *in;
	}
}

static uint32_t mmio_config_generation(struct virtio_device *vdev)
{
	return mmio_read(vdev, REG_CONFIG_GENERATION);
}

static unsigned int mmio_queue_max_size(struct virtio_device *vdev, unsigned int index)
{
	mmio_write(vdev, REG_QUEUE_SEL, index);
	if (mmio_read(vdev, REG_QUEUE_READY))
		return 0; /* already set up */
	return mmio_read(vdev, REG_QUEUE_NUM_MAX);
}

static int mmio_queue_setup(struct virtio_device *vdev, unsigned int index, unsigned int num,
			    uint64_t desc, uint64_t avail, uint64_t used)
{
	mmio_write(vdev, REG_QUEUE_SEL, index);
	mmio_write(vdev, REG_QUEUE_NUM, num);
	mmio_write64(vdev, REG_QUEUE_DESC, desc);
	mmio_write64(vdev, REG_QUEUE_DRIVER, avail);
	mmio_write64(vdev, REG_QUEUE_DEVICE, used);
	mmio_write(vdev, REG_QUEUE_READY, 1);
	return mmio_read(vdev, REG_QUEUE_READY) ? 0 : -EIO;
}

static void mmio_queue_notify(struct virtio_device *vdev, unsigned int index)
{
	mmio_write(vdev, REG_QUEUE_NOTIFY, index);
}

static uint32_t mmio_interrupt_ack(struct virtio_device *vdev)
{
	uint32_t status = mmio_read(vdev, REG_INTERRUPT_STATUS);

	mmio_write(vdev, REG_INTERRUPT_ACK, status);
	return status;
}

static const struct virtio_transport_ops mmio_ops = {
	.get_features = mmio_get_features,
	.set_features = mmio_set_features,
	.get_status = mmio_get_status,
	.set_status = mmio_set_status,
	.read_config = mmio_read_config,
	.write_config = mmio_write_config,
	.config_generation = mmio_config_generation,
	.queue_max_size = mmio_queue_max_size,
	.queue_setup = mmio_queue_setup,
	.queue_notify = mmio_queue_notify,
	.interrupt_ack = mmio_interrupt_ack,
};

static void mmio_interrupt(struct trap_frame *tf, void *arg)
{
	(void)tf;
	virtio_interrupt(arg);
}

static void probe(const struct virtio_mmio_window *w)
{
	volatile uint32_t *regs = pt_map_device(w->base, w->size);
	uint32_t id, version;
	struct virtio_mmio *m;
	int err;

	if (!regs || regs[REG_MAGIC / 4] != MMIO_MAGIC)
		return;
	id = regs[REG_DEVICE_ID / 4];
	version = regs[REG_VERSION / 4];
	if (!id)
		return; /* an empty slot */
	if (version != MMIO_VERSION) {
		pr_warn("virtio-mmio@%#lx: device %u is legacy (version %u), not supported: "
			"QEMU needs -global virtio-mmio.force-legacy=false\n",
			(unsigned long)w->base, id, version);
		return;
	}
	m = alloc_calloc(alloc_default(), 1, sizeof(*m));
	if (!m) {
		pr_err("virtio-mmio@%#lx: out of memory\n", (unsigned long)w->base);
		return;
	}
	m->regs = (volatile uint8_t *)regs;
	m->vdev.id = id;
	m->vdev.ops = &mmio_ops;
	fmt_snprintf(m->vdev.name, sizeof(m->vdev.name), "virtio-mmio@%#lx", (unsigned long)w->base);
	err = plat_irq_route(w->gsi, PLAT_IRQ_LEVEL, mmio_interrupt, &m->vdev);
	if (err) {
		pr_err("%s: cannot route GSI %u (error %d)\n", m->vdev.name, w->gsi, err);
		alloc_free(alloc_default(), m);
		return;
	}
	pr_info("%s: virtio device %u, GSI %u\n", m->vdev.name, id, w->gsi);
	virtio_register_device(&m->vdev);
}

static bool given_as_option(uintptr_t base)
{
	for (int i = 0; i < nr_option_devices; i++) {
		if (option_devices[i].base == base)
			return true;
	}
	return false;
}

static int virtio_mmio_init(void)
{
	for (int i = 0; i < nr_option_devices; i++)
		probe(&option_devices[i]);
	for (unsigned int i = 0; i < MICROVM_SLOTS; i++) {
		struct virtio_mmio_window slot = {MICROVM_SLOT_BASE + i * MICROVM_SLOT_SIZE,
						  MICROVM_SLOT_SIZE, MICROVM_FIRST_GSI + i};

		if (!given_as_option(slot.base))
			probe(&slot);
	}
	return 0;
}
INITCALL(virtio_mmio_init, INIT_DRIVER);

static int add_option_device(const char *value)
{
	if (nr_option_devices == MAX_OPTION_DEVICES)
		return -ENOSPC;
	if (virtio_mmio_parse_window(value, &option_devices[nr_option_devices]))
		return -EINVAL;
	nr_option_devices++;
	return 0;
}
KERNEL_PARAM("virtio_mmio.device", add_option_device,
	     "a virtio-mmio device: <size>@<base>:<gsi> (repeatable)");
