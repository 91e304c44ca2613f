/*
 * Network devices: what NIC drivers offer a network stack.
 *
 * A packet is a chain of netbufs (segments linked through next).  Buffers
 * belong to the stack: it hands empty ones to a receive queue through the
 * allocator it configured, and gets them back filled from netdev_rx_burst();
 * it lends packets to netdev_tx_burst(), and the driver calls
 * netbuf_release() on each once the device has sent it.  Receive and
 * transmit work in bursts, so that one notification of the device (and one
 * interrupt) serves many packets: queued packets wait for netdev_tx_flush(),
 * which the stack calls once it has queued what it had to send.
 *
 * Each receive queue runs in interrupt mode (its callback runs, interrupts
 * off, when packets arrive; the queue's interrupt is then off until
 * netdev_rx_intr_enable()) or in polling mode (no callback: the stack calls
 * netdev_rx_burst() when it likes).  A queue's burst calls are serialised by
 * the stack; drivers need no locks of their own for them.
 *
 * Offloads (NETDEV_F_*): with TX_CSUM, a packet flagged NETBUF_F_CSUM_PARTIAL
 * has its TCP/UDP checksum completed by the device (the field holds the
 * pseudo-header sum, as Linux's CHECKSUM_PARTIAL); with RX_CSUM, received
 * packets may come flagged NETBUF_F_CSUM_VALID (the device checked the
 * checksum) or NETBUF_F_CSUM_PARTIAL (sent from the same host, never
 * summed: the stack must not check it).
 */
#ifndef TESSERA_NETDEV_H
#define TESSERA_NETDEV_H

#include <stdbool.h>
#include <stdint.h>
#include <tessera/list.h>

#define NETDEV_NAME_MAX 16
#define NETDEV_ETH_ALEN 6

/* Device features. */
#define NETDEV_F_TX_CSUM  (1u << 0) /* completes partial TCP/UDP checksums on transmit */
#define NETDEV_F_RX_CSUM  (1u << 1) /* reports checksum state of received packets */
#define NETDEV_F_RX_MERGE (1u << 2) /* a received packet may span several buffers */
#define NETDEV_F_LINK     (1u << 3) /* reports link state */

/* Packet flags, on a packet's first netbuf. */
#define NETBUF_F_CSUM_PARTIAL (1u << 0)
#define NETBUF_F_CSUM_VALID   (1u << 1)

struct netbuf {
	struct netbuf *next; /* the packet's next segment, or NULL */
	void *data;          /* this segment's first byte of data */
	uint32_t len;        /* its bytes of data */
	uint16_t flags;      /* NETBUF_F_*: first segment only */
	uint16_t csum_start; /* CSUM_PARTIAL: sum from this offset in the packet ... */
	uint16_t csum_offset; /* ... to its end, stored this far after csum_start */
	void *buf;           /* the whole buffer: [buf, buf + size) holds data */
	uint32_t size;
	/* The stack's: releases the packet this netbuf heads (see netbuf_release). */
	void (*release)(struct netbuf *pkt);
	void *owner; /* the stack's, e.g. the object the buffer is part of */
};

static inline void netbuf_release(struct netbuf *pkt)
{
	pkt->release(pkt);
}

struct netdev_info {
	uint8_t mac[NETDEV_ETH_ALEN];
	uint16_t mtu;
	uint32_t features;       /* NETDEV_F_* */
	unsigned int rx_queues, tx_queues;
	unsigned int rx_buf_size; /* the smallest receive buffer the device can fill */
	unsigned int tx_max_segments; /* netbufs in one transmitted packet */
};

struct netdev_stats {
	uint64_t rx_packets, rx_bytes, rx_dropped;
	uint64_t tx_packets, tx_bytes, tx_dropped;
};

struct netdev;

struct netdev_rxq_conf {
	/* Give up to n empty buffers of at least info.rx_buf_size bytes; returns how many. */
	unsigned int (*alloc)(void *ctx, struct netbuf **bufs, unsigned int n);
	void *alloc_ctx;
	/* Interrupt mode: called, interrupts off, when packets wait.  NULL: polling mode. */
	void (*callback)(struct netdev *dev, unsigned int queue, void *ctx);
	void *callback_ctx;
};

struct netdev_ops {
	/* Set receive queue q up (before start): 0 or a negative errno. */
	int (*rxq_configure)(struct netdev *dev, unsigned int q, const struct netdev_rxq_conf *conf);
	/* Fill the receive queues and let the device run: 0 or a negative errno. */
	int (*start)(struct netdev *dev);
	/* Up to n received packets into pkts; returns how many.  Refills the queue. */
	unsigned int (*rx_burst)(struct netdev *dev, unsigned int q, struct netbuf **pkts,
				 unsigned int n);
	/*
	 * Queue up to n packets on transmit queue q; returns how many were
	 * taken (fewer when the queue is full).  The device is not told yet.
	 */
	unsigned int (*tx_burst)(struct netdev *dev, unsigned int q, struct netbuf **pkts,
				 unsigned int n);
	/* Have the device send what is queued on transmit queue q: one notification. */
	void (*tx_flush)(struct netdev *dev, unsigned int q);
	/* Interrupt mode: re-arm the queue's interrupt; false if packets already wait. */
	bool (*rx_intr_enable)(struct netdev *dev, unsigned int q);
	/* Whether the link is up (devices without NETDEV_F_LINK: always). */
	bool (*link_up)(struct netdev *dev);
};

struct netdev {
	char name[NETDEV_NAME_MAX]; /* set by netdev_register: eth0, eth1, ... */
	const struct netdev_ops *ops;
	struct netdev_info info;
	struct netdev_stats stats; /* kept by the driver */
	struct list_head link;
};

/* For drivers: ops and info are set.  Names the device ethN. */
void netdev_register(struct netdev *dev);

/* The registered devices in order: the first after prev (NULL: the first one), or NULL. */
struct netdev *netdev_next(struct netdev *prev);

static inline int netdev_rxq_configure(struct netdev *dev, unsigned int q,
				       const struct netdev_rxq_conf *conf)
{
	return dev->ops->rxq_configure(dev, q, conf);
}

static inline int netdev_start(struct netdev *dev)
{
	return dev->ops->start(dev);
}

static inline unsigned int netdev_rx_burst(struct netdev *dev, unsigned int q,
					   struct netbuf **pkts, unsigned int n)
{
	return dev->ops->rx_burst(dev, q, pkts, n);
}

static inline unsigned int netdev_tx_burst(struct netdev *dev, unsigned int q,
					   struct netbuf **pkts, unsigned int n)
{
	return dev->ops->tx_burst(dev, q, pkts, n);
}

static inline void netdev_tx_flush(struct netdev *dev, unsigned int q)
{
	dev->ops->tx_flush(dev, q);
}

static inline bool netdev_rx_intr_enable(struct netdev *dev, unsigned int q)
{
	return dev->ops->rx_intr_enable(dev, q);
}

static inline bool netdev_link_up(struct netdev *dev)
{
	return dev->ops->link_up(dev);
}

#endif /* TESSERA_NETDEV_H */
