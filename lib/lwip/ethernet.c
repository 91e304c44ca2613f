/*
 * lwIP interfaces over network devices (<tessera/netdev.h>): one netif per
 * device, all driven by lwIP's tcpip thread under the core lock.
 *
 * Receive, without copies: the device fills buffers that are lwIP custom
 * pbufs (struct rx_buf), handed out by rx_alloc() and recycled when lwIP
 * frees them.  The device's receive interrupt posts one preallocated
 * message to the tcpip thread, which drains the queue in bursts.  When the
 * packets woke threads (a server's), it polls again once the next of them
 * has run, instead of re-arming the interrupt (as Linux's NAPI): under load
 * a burst of requests costs one interrupt, not one each.  It yields to the
 * next thread only, not to every thread wanting the CPU, so that a thread
 * computing beside the server does not hold packets back for its time
 * slice; a poll that woke nobody re-arms the interrupt.
 *
 * Transmit: linkoutput lends the pbuf chain to the device as a chain of
 * netbufs and takes it back when the device is done.  Telling the device
 * costs a trap to the hypervisor, so while the receive side polls, what
 * linkoutput queues waits for the poll's end, or for TX_BATCH_MAX packets:
 * the responses to a burst of requests leave with a few notifications, and
 * the host works on the first ones while the guest makes the rest.
 *
 * Checksums: with the device's transmit offload, lwIP leaves TCP checksums
 * to the device (this file stores the pseudo-header sum the device
 * completes); received packets that the device checked, or that come
 * unsummed from the same host, skip lwIP's check.  Packets an interface
 * loops back to itself were never summed either, so by default an
 * offloading interface does not check TCP checksums: checking is switched
 * on around each packet from the wire that needs it.
 */
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/arch/cpu.h>
#include <tessera/netdev.h>
#include <tessera/plat/time.h>
#include <tessera/printk.h>
#include <tessera/sched.h>
#include "lwip/etharp.h"
#include "netif/ethernet.h"
#include "lwip/ethip6.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "lwip/tcpip.h"
#include "inet.h"
#include "lwip_port.h"

#define RX_BURST        32
#define RX_SPARE_MAX    512 /* receive buffers kept for reuse */
#define TX_BATCH_MAX    4 /* queued packets that are told at once (see above) */
#define TX_FULL_TIMEOUT (NSEC_PER_SEC)
#define ETH_HLEN        14
#define ETHTYPE_IPV4    0x0800
#define ETHTYPE_IPV6    0x86dd
#define PROTO_TCP       6
#define TCP_CSUM_OFFSET 16

struct eth_port {
	struct netif netif;
	struct netdev *dev;
	struct tcpip_callback_msg *rx_msg;
	bool rx_scheduled; /* rx_msg is in the tcpip thread's mailbox */
	bool in_rx_poll;
	unsigned int tx_pending; /* packets queued that the device was not told of */
	u16_t checks; /* the interface's usual checksum flags */
	struct rx_buf *spare;
	unsigned int nr_spare;
};

struct rx_buf {
	struct pbuf_custom pc;
	struct netbuf nb;
	struct eth_port *port;
	struct rx_buf *next_spare;
	char data[] __aligned(16);
};

struct tx_packet {
	struct pbuf *p;
	struct netbuf segs[];
};

static void rx_buf_free(struct pbuf *p)
{
	struct rx_buf *rb = container_of((struct pbuf_custom *)p, struct rx_buf, pc);
	struct eth_port *port = rb->port;

	if (port->nr_spare >= RX_SPARE_MAX) {
		mem_free(rb);
		return;
	}
	rb->next_spare = port->spare;
	port->spare = rb;
	port->nr_spare++;
}

/* A buffer the device returned unused (a packet it dropped). */
static void rx_buf_release(struct netbuf *nb)
{
	rx_buf_free(&container_of(nb, struct rx_buf, nb)->pc.pbuf);
}

static unsigned int rx_alloc(void *ctx, struct netbuf **bufs, unsigned int n)
{
	struct eth_port *port = ctx;
	unsigned int size = port->dev->info.rx_buf_size, i;

	for (i = 0; i < n; i++) {
		struct rx_buf *rb = port->spare;

		if (rb) {
			port->spare = rb->next_spare;
			port->nr_spare--;
		} else {
			rb = mem_malloc(sizeof(*rb) + size);
			if (!rb)
				break;
		}
		rb->port = port;
		rb->pc.custom_free_function = rx_buf_free;
		rb->nb = (struct netbuf){.buf = rb->data, .size = size,
					 .release = rx_buf_release, .owner = rb};
		bufs[i] = &rb->nb;
	}
	return i;
}

/* The received packet as a pbuf chain over its own buffers. */
static struct pbuf *rx_pbuf(struct netbuf *pkt)
{
	struct pbuf *head = NULL;

	for (struct netbuf *nb = pkt, *next; nb; nb = next) {
		struct rx_buf *rb = nb->owner;
		struct pbuf *p;

		next = nb->next;
		p = pbuf_alloced_custom(PBUF_RAW, nb->len, PBUF_REF, &rb->pc, nb->data, nb->len);
		if (head)
			pbuf_cat(head, p);
		else
			head = p;
	}
	return head;
}

static void rx_deliver(struct eth_port *port, struct netbuf *pkt)
{
	bool checked = pkt->flags & (NETBUF_F_CSUM_VALID | NETBUF_F_CSUM_PARTIAL);
	struct pbuf *p = rx_pbuf(pkt);

	NETIF_SET_CHECKSUM_CTRL(&port->netif,
				checked ? port->checks & ~(NETIF_CHECKSUM_CHECK_TCP |
							   NETIF_CHECKSUM_CHECK_UDP)
					: port->checks | NETIF_CHECKSUM_CHECK_TCP);
	if (port->netif.input(p, &port->netif) != ERR_OK)
		pbuf_free(p);
	NETIF_SET_CHECKSUM_CTRL(&port->netif, port->checks);
}

static void tx_flush(struct eth_port *port)
{
	if (port->tx_pending) {
		port->tx_pending = 0;
		netdev_tx_flush(port->dev, 0);
	}
}

/*
 * Run rx_poll again after the next thread, with the interrupt still off;
 * false if the mailbox is full.  The yield drops the core lock that the
 * tcpip thread holds, so that the thread can use the stack.
 */
static bool poll_after_next_thread(struct eth_port *port)
{
	WRITE_ONCE(port->rx_scheduled, true);
	if (tcpip_callbackmsg_trycallback(port->rx_msg) != ERR_OK) {
		WRITE_ONCE(port->rx_scheduled, false);
		return false;
	}
	UNLOCK_TCPIP_CORE();
	thread_yield_to_next();
	LOCK_TCPIP_CORE();
	return true;
}

/* In the tcpip thread: drain the receive queue, then poll again or let it interrupt. */
static void rx_poll(void *ctx)
{
	struct eth_port *port = ctx;
	struct netbuf *pkts[RX_BURST];
	uint64_t wakeups;
	unsigned int n;

	port->in_rx_poll = true;
	do {
		WRITE_ONCE(port->rx_scheduled, false);
		wakeups = sched_wakeups();
		while ((n = netdev_rx_burst(port->dev, 0, pkts, RX_BURST))) {
			for (unsigned int i = 0; i < n; i++)
				rx_deliver(port, pkts[i]);
		}
		tx_flush(port);
		if (sched_wakeups() != wakeups && poll_after_next_thread(port))
			break;
	} while (!netdev_rx_intr_enable(port->dev, 0));
	port->in_rx_poll = false;
	tx_flush(port);
}

/* Interrupt context: the queue's interrupt is off until rx_poll re-arms it. */
static void rx_interrupt(struct netdev *dev, unsigned int queue, void *ctx)
{
	struct eth_port *port = ctx;

	(void)dev, (void)queue;
	if (port->rx_scheduled)
		return;
	port->rx_scheduled = true;
	if (tcpip_callbackmsg_trycallback_fromisr(port->rx_msg) != ERR_OK) {
		/* The thread's mailbox is full: wait for the next packet's interrupt. */
		port->rx_scheduled = false;
		netdev_rx_intr_enable(port->dev, 0);
	}
}

static void tx_release(struct netbuf *nb)
{
	struct tx_packet *tp = nb->owner;

	pbuf_free(tp->p);
	mem_free(tp);
}

/* Sum of 16-bit words in memory order (for the pseudo-header). */
static u32_t sum_words(const void *data, size_t len)
{
	const u16_t *w = data;
	u32_t sum = 0;

	for (size_t i = 0; i < len / 2; i++)
		sum += w[i];
	return sum;
}

static u16_t fold(u32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return sum;
}

/*
 * A TCP segment whose checksum lwIP left to the device: store the
 * pseudo-header sum and where the device completes it.  False if p is not
 * such a segment in a form the device can complete.
 */
static bool tx_offload_tcp(struct pbuf *p, struct netbuf *pkt)
{
	const u8_t *frame = p->payload;
	u16_t type, l3_len, l4_len;
	u32_t sum;

	if (p->len < ETH_HLEN + 40)
		return false;
	type = frame[12] << 8 | frame[13];
	if (type == ETHTYPE_IPV4) {
		const u8_t *ip = frame + ETH_HLEN;

		l3_len = (ip[0] & 0xf) * 4;
		if (ip[9] != PROTO_TCP || (ip[6] & 0x3f) || ip[7])
			return false; /* not TCP, or a fragment */
		l4_len = (ip[2] << 8 | ip[3]) - l3_len;
		sum = sum_words(ip + 12, 8);
	} else if (type == ETHTYPE_IPV6) {
		const u8_t *ip = frame + ETH_HLEN;

		l3_len = 40;
		if (ip[6] != PROTO_TCP)
			return false;
		l4_len = ip[4] << 8 | ip[5];
		sum = sum_words(ip + 8, 32);
	} else {
		return false;
	}
	if (ETH_HLEN + l3_len + TCP_CSUM_OFFSET + 2 > p->len)
		return false;
	sum += lwip_htons(PROTO_TCP) + lwip_htons(l4_len);
	*(u16_t *)(frame + ETH_HLEN + l3_len + TCP_CSUM_OFFSET) = fold(sum);
	pkt->flags = NETBUF_F_CSUM_PARTIAL;
	pkt->csum_start = ETH_HLEN + l3_len;
	pkt->csum_offset = TCP_CSUM_OFFSET;
	return true;
}

static bool is_tcp_frame(const struct pbuf *p)
{
	const u8_t *f = p->payload;
	u16_t type;

	if (p->len < ETH_HLEN + 40)
		return false;
	type = f[12] << 8 | f[13];
	return (type == ETHTYPE_IPV4 && f[ETH_HLEN + 9] == PROTO_TCP) ||
	       (type == ETHTYPE_IPV6 && f[ETH_HLEN + 6] == PROTO_TCP);
}

static struct tx_packet *tx_packet(struct eth_port *port, struct pbuf *p)
{
	u16_t n = pbuf_clen(p);
	struct tx_packet *tp;
	unsigned int i = 0;

	if (n > port->dev->info.tx_max_segments) {
		p = pbuf_clone(PBUF_RAW, PBUF_RAM, p);
		if (!p)
			return NULL;
		n = 1;
	} else {
		pbuf_ref(p);
	}
	tp = mem_malloc(sizeof(*tp) + n * sizeof(struct netbuf));
	if (!tp) {
		pbuf_free(p);
		return NULL;
	}
	tp->p = p;
	for (struct pbuf *q = p; q; q = q->next, i++) {
		tp->segs[i] = (struct netbuf){.data = q->payload, .len = q->len,
					      .next = q->next ? &tp->segs[i + 1] : NULL,
					      .release = tx_release, .owner = tp};
	}
	return tp;
}

static err_t linkoutput(struct netif *netif, struct pbuf *p)
{
	struct eth_port *port = netif->state;
	uint64_t give_up = 0;
	struct tx_packet *tp = tx_packet(port, p);
	struct netbuf *pkt;

	if (!tp)
		return ERR_MEM;
	pkt = &tp->segs[0];
	if ((port->dev->info.features & NETDEV_F_TX_CSUM) && is_tcp_frame(tp->p) &&
	    !tx_offload_tcp(tp->p, pkt)) {
		pr_warn("lwip: %s: a TCP segment the device cannot checksum, dropped\n",
			port->dev->name);
		tx_release(pkt);
		return ERR_IF;
	}
	/* A full queue empties as the device sends: wait for it, within reason. */
	while (!netdev_tx_burst(port->dev, 0, &pkt, 1)) {
		tx_flush(port);
		if (!give_up)
			give_up = plat_clock_ns() + TX_FULL_TIMEOUT;
		else if (plat_clock_ns() > give_up) {
			port->dev->stats.tx_dropped++;
			tx_release(pkt);
			return ERR_IF;
		}
		cpu_relax();
	}
	/* A poll that is running or queued tells the device, of this and what follows. */
	if (++port->tx_pending >= TX_BATCH_MAX ||
	    (!port->in_rx_poll && !READ_ONCE(port->rx_scheduled)))
		tx_flush(port);
	return ERR_OK;
}

static err_t port_netif_init(struct netif *netif)
{
	struct eth_port *port = netif->state;
	const struct netdev_info *info = &port->dev->info;

	netif->name[0] = 'e';
	netif->name[1] = 't';
	netif->hwaddr_len = ETH_HWADDR_LEN;
	memcpy(netif->hwaddr, info->mac, ETH_HWADDR_LEN);
	netif->mtu = info->mtu;
	netif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET |
		       NETIF_FLAG_MLD6;
	netif->output = etharp_output;
	netif->output_ip6 = ethip6_output;
	netif->linkoutput = linkoutput;
	netif_set_hostname(netif, "tessera");
	port->checks = NETIF_CHECKSUM_ENABLE_ALL;
	if (info->features & NETDEV_F_TX_CSUM)
		port->checks &= ~(NETIF_CHECKSUM_GEN_TCP | NETIF_CHECKSUM_CHECK_TCP);
	NETIF_SET_CHECKSUM_CTRL(netif, port->checks);
	return ERR_OK;
}

struct netif *lwip_port_add_device(struct netdev *dev)
{
	struct eth_port *port = mem_calloc(1, sizeof(*port));
	struct netdev_rxq_conf conf = {.alloc = rx_alloc, .callback = rx_interrupt};
	int err;

	if (!port)
		return NULL;
	port->dev = dev;
	conf.alloc_ctx = conf.callback_ctx = port;
	port->rx_msg = tcpip_callbackmsg_new(rx_poll, port);
	if (!port->rx_msg || !netif_add(&port->netif, NULL, NULL, NULL, port, port_netif_init,
					ethernet_input)) {
		pr_err("lwip: %s: out of memory\n", dev->name);
		return NULL;
	}
	err = netdev_rxq_configure(dev, 0, &conf);
	if (!err)
		err = netdev_start(dev);
	if (err) {
		pr_err("lwip: %s: cannot start the device (error %d)\n", dev->name, err);
		netif_remove(&port->netif);
		return NULL;
	}
	netif_create_ip6_linklocal_address(&port->netif, 1);
	netif_set_ip6_autoconfig_enabled(&port->netif, 1);
	netif_set_up(&port->netif);
	if (netdev_link_up(dev))
		netif_set_link_up(&port->netif);
	return &port->netif;
}

const char *lwip_port_ifname(const struct netif *netif)
{
	if (netif->linkoutput != linkoutput)
		return "lo"; /* lwIP's loopback interface */
	return ((struct eth_port *)netif->state)->dev->name;
}
