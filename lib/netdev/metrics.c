/* Packets, bytes and drops of every network device, from the counters its driver keeps. */
#include <stddef.h>
#include <tessera/metrics.h>
#include <tessera/netdev.h>

static void collect(struct metrics_out *out, size_t field)
{
	for (struct netdev *dev = netdev_next(NULL); dev; dev = netdev_next(dev))
		metric_sample(out, dev->name, *(const uint64_t *)((const char *)&dev->stats + field));
}

#define NETDEV_METRIC(field, name, help)                                                           \
	static void collect_##field(struct metrics_out *out)                                       \
	{                                                                                          \
		collect(out, offsetof(struct netdev_stats, field));                                \
	}                                                                                          \
	METRIC_COLLECT(collect_##field, METRIC_COUNTER, name, help, "interface", 0)

NETDEV_METRIC(rx_packets, "tessera_net_receive_packets_total", "Packets received");
NETDEV_METRIC(rx_bytes, "tessera_net_receive_bytes_total", "Bytes received");
NETDEV_METRIC(rx_dropped, "tessera_net_receive_drops_total",
	      "Received packets dropped (no buffer, malformed)");
NETDEV_METRIC(tx_packets, "tessera_net_transmit_packets_total", "Packets sent");
NETDEV_METRIC(tx_bytes, "tessera_net_transmit_bytes_total", "Bytes sent");
NETDEV_METRIC(tx_dropped, "tessera_net_transmit_drops_total",
	      "Packets dropped instead of sent (queue full, too many segments)");
