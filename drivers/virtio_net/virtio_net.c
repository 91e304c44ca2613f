/*
 * virtio-net (virtio 1.x, section 5.1) behind the network-device API: queue
 * 0 receives, queue 1 transmits.
 *
 * Every packet travels behind a 12-byte virtio_net_hdr.  Receive buffers
 * are the stack's: each is one device-writable descriptor, and the device
 * writes the header at its start; with merged receive buffers a packet may
 * continue in further buffers (num_buffers says how many), without header.
 * A transmitted packet is a chain of the header, from a slot of the
 * driver's, then the packet's own segments.  Transmit completions are reaped
 * at the next burst, so the transmit queue never interrupts.
 *
 * Offloads, when the device offers them (QEMU does with a tap backend, not
 * with user networking): VIRTIO_NET_F_CSUM lets the stack leave TCP/UDP
 * checksums to the device, VIRTIO_NET_F_GUEST_CSUM reports received ones
 * as already checked or never computed.
 */
#include <errno.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/arch/irq.h>
#include <tessera/boot.h>
#include <tessera/netdev.h>
#include <tessera/printk.h>
#include <tessera/virtio.h>

#define VIRTIO_NET_F_CSUM       0
#define VIRTIO_NET_F_GUEST_CSUM 1
#define VIRTIO_NET_F_MAC        5
#define VIRTIO_NET_F_MRG_RXBUF  15
#define VIRTIO_NET_F_STATUS     16

#define VIRTIO_NET_HDR_F_NEEDS_CSUM 1
#define VIRTIO_NET_HDR_F_DATA_VALID 2
#define VIRTIO_NET_S_LINK_UP        1

#define CONFIG_MAC    0
#define CONFIG_STATUS 6

#define RX_QUEUE        0
#define TX_QUEUE        1
#define TX_MAX_SEGMENTS 16
#define ETH_MAX_FRAME   1514 /* without the frame check sequence */
#define ETH_MTU         1500

struct virtio_net_hdr {
	uint8_t flags;
	uint8_t gso_type;
	uint16_t hdr_len;
	uint16_t gso_size;
	uint16_t csum_start;
	uint16_t csum_offset;
	uint16_t num_buffers; /* receive, with merged buffers: buffers this packet takes */
};

struct tx_slot {
	struct virtio_net_hdr hdr;
	struct netbuf *pkt;
	struct tx_slot *next_free;
};

struct virtio_net {
	struct netdev ndev;
	struct virtio_device *vdev;
	struct virtqueue *rxq, *txq;
	struct netdev_rxq_conf rx_conf;
	struct tx_slot *tx_free;
};

static struct virtio_net *to_vnet(struct netdev *dev)
{
	return container_of(dev, struct virtio_net, ndev);
}

/* Give the device as many empty buffers as the queue has room for. */
static void rx_refill(struct virtio_net *vn)
{
	struct netbuf *bufs[32];
	bool added = false;

	while (vn->rxq->num_free) {
		unsigned int want = MIN(vn->rxq->num_free, ARRAY_SIZE(bufs));
		unsigned int got = vn->rx_conf.alloc(vn->rx_conf.alloc_ctx, bufs, want);

		for (unsigned int i = 0; i < got; i++) {
			struct virtio_sg sg = {bufs[i]->buf, bufs[i]->size};

			/* Room was checked: this cannot fail. */
			virtqueue_add(vn->rxq, &sg, 0, 1, bufs[i]);
		}
		added |= got > 0;
		if (got < want)
			break;
	}
	if (added)
		virtio_kick(vn->rxq);
}

static int vnet_rxq_configure(struct netdev *dev, unsigned int q,
			      const struct netdev_rxq_conf *conf)
{
	if (q != 0 || !conf->alloc)
		return -EINVAL;
	to_vnet(dev)->rx_conf = *conf;
	return 0;
}

static int vnet_start(struct netdev *dev)
{
	struct virtio_net *vn = to_vnet(dev);
	irq_flags_t flags;

	if (!vn->rx_conf.alloc)
		return -EINVAL;
	flags = irq_save();
	if (!vn->rx_conf.callback)
		virtqueue_disable_cb(vn->rxq);
	rx_refill(vn);
	irq_restore(flags);
	return 0;
}

/* Drop a packet whose buffers were taken: the stack gets them back one by one. */
static void rx_drop(struct virtio_net *vn, struct netbuf *pkt)
{
	while (pkt) {
		struct netbuf *next = pkt->next;

		pkt->next = NULL;
		netbuf_release(pkt);
		pkt = next;
	}
	vn->ndev.stats.rx_dropped++;
}

/* The next received packet, as a chain of netbufs, or NULL. */
static struct netbuf *rx_packet(struct virtio_net *vn)
{
	const size_t hdr_len = sizeof(struct virtio_net_hdr);
	struct virtio_net_hdr *hdr;
	struct netbuf *pkt, *tail;
	unsigned int buffers = 1;
	uint32_t len;

	for (;;) {
		pkt = virtqueue_get_used(vn->rxq, &len);
		if (!pkt)
			return NULL;
		pkt->next = NULL;
		if (len >= hdr_len)
			break;
		rx_drop(vn, pkt); /* too short to be anything */
	}
	hdr = pkt->buf;
	pkt->data = (char *)pkt->buf + hdr_len;
	pkt->len = len - hdr_len;
	pkt->flags = 0;
	if (hdr->flags & VIRTIO_NET_HDR_F_NEEDS_CSUM) {
		pkt->flags = NETBUF_F_CSUM_PARTIAL;
		pkt->csum_start = hdr->csum_start;
		pkt->csum_offset = hdr->csum_offset;
	} else if (hdr->flags & VIRTIO_NET_HDR_F_DATA_VALID) {
		pkt->flags = NETBUF_F_CSUM_VALID;
	}
	if (virtio_has_feature(vn->vdev, VIRTIO_NET_F_MRG_RXBUF))
		buffers = hdr->num_buffers;
	vn->ndev.stats.rx_bytes += pkt->len;
	for (tail = pkt; --buffers > 0; tail = tail->next) {
		tail->next = virtqueue_get_used(vn->rxq, &len);
		if (!tail->next) {
			rx_drop(vn, pkt); /* the device promised more than it gave */
			return NULL;
		}
		tail->next->next = NULL;
		tail->next->data = tail->next->buf;
		tail->next->len = len;
		tail->next->flags = 0;
		vn->ndev.stats.rx_bytes += len;
	}
	vn->ndev.stats.rx_packets++;
	return pkt;
}

static unsigned int vnet_rx_burst(struct netdev *dev, unsigned int q, struct netbuf **pkts,
				  unsigned int n)
{
	struct virtio_net *vn = to_vnet(dev);
	irq_flags_t flags = irq_save();
	unsigned int got = 0;

	(void)q;
	while (got < n && (pkts[got] = rx_packet(vn)))
		got++;
	rx_refill(vn);
	irq_restore(flags);
	return got;
}

static bool vnet_rx_intr_enable(struct netdev *dev, unsigned int q)
{
	irq_flags_t flags = irq_save();
	bool idle = virtqueue_enable_cb(to_vnet(dev)->rxq);

	(void)q;
	irq_restore(flags);
	return idle;
}

static void rx_interrupt(struct virtqueue *vq)
{
	struct virtio_net *vn = vq->vdev->priv;

	if (!vn->rx_conf.callback)
		return;
	virtqueue_disable_cb(vq);
	vn->rx_conf.callback(&vn->ndev, 0, vn->rx_conf.callback_ctx);
}

static void tx_reap(struct virtio_net *vn)
{
	struct tx_slot *slot;
	uint32_t len;

	while ((slot = virtqueue_get_used(vn->txq, &len))) {
		netbuf_release(slot->pkt);
		slot->pkt = NULL;
		slot->next_free = vn->tx_free;
		vn->tx_free = slot;
	}
}

/* Put pkt on the transmit queue behind slot's header: 0, or -ENOSPC / -EINVAL. */
static int tx_add(struct virtio_net *vn, struct tx_slot *slot, struct netbuf *pkt)
{
	struct virtio_sg sg[TX_MAX_SEGMENTS + 1];
	unsigned int n = 1;
	uint32_t bytes = 0;

	memset(&slot->hdr, 0, sizeof(slot->hdr));
	if ((pkt->flags & NETBUF_F_CSUM_PARTIAL) &&
	    virtio_has_feature(vn->vdev, VIRTIO_NET_F_CSUM)) {
		slot->hdr.flags = VIRTIO_NET_HDR_F_NEEDS_CSUM;
		slot->hdr.csum_start = pkt->csum_start;
		slot->hdr.csum_offset = pkt->csum_offset;
	}
	sg[0] = (struct virtio_sg){&slot->hdr, sizeof(slot->hdr)};
	for (struct netbuf *seg = pkt; seg; seg = seg->next) {
		if (!seg->len)
			continue;
		if (n == ARRAY_SIZE(sg))
			return -EINVAL;
		sg[n++] = (struct virtio_sg){seg->data, seg->len};
		bytes += seg->len;
	}
	if (bytes > ETH_MAX_FRAME)
		return -EINVAL;
	slot->pkt = pkt;
	if (virtqueue_add(vn->txq, sg, n, 0, slot))
		return -ENOSPC;
	vn->ndev.stats.tx_packets++;
	vn->ndev.stats.tx_bytes += bytes;
	return 0;
}

static unsigned int vnet_tx_burst(struct netdev *dev, unsigned int q, struct netbuf **pkts,
				  unsigned int n)
{
	struct virtio_net *vn = to_vnet(dev);
	irq_flags_t flags = irq_save();
	unsigned int done = 0;

	(void)q;
	tx_reap(vn);
	for (; done < n && vn->tx_free; done++) {
		struct tx_slot *slot = vn->tx_free;
		int err = tx_add(vn, slot, pkts[done]);

		if (err == -ENOSPC)
			break;
		if (err) {
			/* Nothing the device could send: count it and let it go. */
			vn->ndev.stats.tx_dropped++;
			netbuf_release(pkts[done]);
			continue;
		}
		vn->tx_free = slot->next_free;
	}
	irq_restore(flags);
	return done;
}

static void vnet_tx_flush(struct netdev *dev, unsigned int q)
{
	irq_flags_t flags = irq_save();

	(void)q;
	virtio_kick(to_vnet(dev)->txq);
	irq_restore(flags);
}

static bool vnet_link_up(struct netdev *dev)
{
	struct virtio_net *vn = to_vnet(dev);
	uint16_t status;

	if (!virtio_has_feature(vn->vdev, VIRTIO_NET_F_STATUS))
		return true;
	virtio_read_config(vn->vdev, CONFIG_STATUS, &status, sizeof(status));
	return status & VIRTIO_NET_S_LINK_UP;
}

static const struct netdev_ops vnet_ops = {
	.rxq_configure = vnet_rxq_configure,
	.start = vnet_start,
	.rx_burst = vnet_rx_burst,
	.tx_burst = vnet_tx_burst,
	.tx_flush = vnet_tx_flush,
	.rx_intr_enable = vnet_rx_intr_enable,
	.link_up = vnet_link_up,
};

static void fill_info(struct virtio_net *vn)
{
	struct netdev_info *info = &vn->ndev.info;
	static const uint8_t fallback_mac[NETDEV_ETH_ALEN] = {0x52, 0x54, 0x00, 0x12, 0x34, 0x56};

	if (virtio_has_feature(vn->vdev, VIRTIO_NET_F_MAC))
		virtio_read_config(vn->vdev, CONFIG_MAC, info->mac, sizeof(info->mac));
	else
		memcpy(info->mac, fallback_mac, sizeof(info->mac));
	info->mtu = ETH_MTU;
	info->rx_queues = info->tx_queues = 1;
	info->rx_buf_size = sizeof(struct virtio_net_hdr) + ETH_MAX_FRAME;
	info->tx_max_segments = TX_MAX_SEGMENTS;
	info->features = 0;
	if (virtio_has_feature(vn->vdev, VIRTIO_NET_F_CSUM))
		info->features |= NETDEV_F_TX_CSUM;
	if (virtio_has_feature(vn->vdev, VIRTIO_NET_F_GUEST_CSUM))
		info->features |= NETDEV_F_RX_CSUM;
	if (virtio_has_feature(vn->vdev, VIRTIO_NET_F_MRG_RXBUF))
		info->features |= NETDEV_F_RX_MERGE;
	if (virtio_has_feature(vn->vdev, VIRTIO_NET_F_STATUS))
		info->features |= NETDEV_F_LINK;
}

static int virtio_net_probe(struct virtio_device *vdev)
{
	struct virtio_net *vn = alloc_calloc(alloc_default(), 1, sizeof(*vn));
	struct tx_slot *slots;

	if (!vn)
		return -ENOMEM;
	vn->vdev = vdev;
	vdev->priv = vn;
	vn->rxq = virtio_setup_queue(vdev, RX_QUEUE, rx_interrupt);
	vn->txq = virtio_setup_queue(vdev, TX_QUEUE, NULL);
	if (!vn->rxq || !vn->txq)
		return -ENODEV; /* a device without its queues is left failed */
	virtqueue_disable_cb(vn->txq);
	slots = alloc_calloc(alloc_default(), vn->txq->num, sizeof(*slots));
	if (!slots)
		return -ENOMEM;
	for (unsigned int i = 0; i < vn->txq->num; i++) {
		slots[i].next_free = vn->tx_free;
		vn->tx_free = &slots[i];
	}
	fill_info(vn);
	vn->ndev.ops = &vnet_ops;
	netdev_register(&vn->ndev);
	pr_info("virtio-net: %s: %s %02x:%02x:%02x:%02x:%02x:%02x, features %#x\n", vdev->name,
		vn->ndev.name, vn->ndev.info.mac[0], vn->ndev.info.mac[1], vn->ndev.info.mac[2],
		vn->ndev.info.mac[3], vn->ndev.info.mac[4], vn->ndev.info.mac[5],
		vn->ndev.info.features);
	return 0;
}

static struct virtio_driver virtio_net_driver = {
	.name = "virtio-net",
	.device_id = VIRTIO_ID_NET,
	.features = 1ULL << VIRTIO_NET_F_CSUM | 1ULL << VIRTIO_NET_F_GUEST_CSUM |
		    1ULL << VIRTIO_NET_F_MAC | 1ULL << VIRTIO_NET_F_MRG_RXBUF |
		    1ULL << VIRTIO_NET_F_STATUS,
	.probe = virtio_net_probe,
};

static int virtio_net_init(void)
{
	virtio_register_driver(&virtio_net_driver);
	return 0;
}
INITCALL(virtio_net_init, INIT_DRIVER);
