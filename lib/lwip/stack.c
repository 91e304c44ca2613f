/*
 * Bringing lwIP up: its tcpip thread, an interface per network device, and
 * the first interface's IPv4 address from the kernel options net.ip=A/P and
 * net.gw=G (tessera run passes them), else from DHCP.  Boot waits for DHCP
 * for a few seconds, so that the program starts with an address.
 */
#include <string.h>
#include <tessera/boot.h>
#include <tessera/netdev.h>
#include <tessera/plat/time.h>
#include <tessera/printk.h>
#include <tessera/sched.h>
#include <tessera/semaphore.h>
#include "lwip/dhcp.h"
#include "lwip/init.h"
#include "lwip/netif.h"
#include "lwip/priv/tcp_priv.h"
#include "lwip/tcpip.h"
#include "lwip_port.h"

#define DHCP_WAIT_NS  (5 * NSEC_PER_SEC)
#define FLUSH_WAIT_NS (NSEC_PER_SEC)

static const char *option_ip, *option_gw;
static struct netdev *first_dev;
static struct semaphore ready, addressed;

static int set_ip(const char *value)
{
	option_ip = value;
	return 0;
}
KERNEL_PARAM("net.ip", set_ip, "the first interface's IPv4 address: ADDR/PREFIX (default: DHCP)");

static int set_gw(const char *value)
{
	option_gw = value;
	return 0;
}
KERNEL_PARAM("net.gw", set_gw, "the default gateway's IPv4 address");

/* "10.0.2.15/24" into an address and its netmask. */
static int parse_ip_prefix(const char *text, ip4_addr_t *addr, ip4_addr_t *mask)
{
	char buf[IP4ADDR_STRLEN_MAX];
	const char *slash = strchr(text, '/');
	unsigned int prefix = 0;

	if (!slash || (size_t)(slash - text) >= sizeof(buf) || !slash[1])
		return -1;
	memcpy(buf, text, slash - text);
	buf[slash - text] = '\0';
	for (const char *p = slash + 1; *p; p++) {
		if (*p < '0' || *p > '9' || (prefix = prefix * 10 + (*p - '0')) > 32)
			return -1;
	}
	if (!prefix || !ip4addr_aton(buf, addr))
		return -1;
	ip4_addr_set_u32(mask, lwip_htonl(~0u << (32 - prefix)));
	return 0;
}

static void report(const char *name, struct netif *netif)
{
	char addr[IP4ADDR_STRLEN_MAX], mask[IP4ADDR_STRLEN_MAX], gw[IP4ADDR_STRLEN_MAX];

	ip4addr_ntoa_r(netif_ip4_addr(netif), addr, sizeof(addr));
	ip4addr_ntoa_r(netif_ip4_netmask(netif), mask, sizeof(mask));
	ip4addr_ntoa_r(netif_ip4_gw(netif), gw, sizeof(gw));
	pr_info("net: %s: %s netmask %s gateway %s\n", name, addr, mask, gw);
}

static void status_changed(struct netif *netif)
{
	if (!ip4_addr_isany_val(*netif_ip4_addr(netif)))
		semaphore_up(&addressed);
}

/* In the tcpip thread: interfaces for every device; the first one configured. */
static void bring_up(void *arg)
{
	struct netif *first = NULL;
	ip4_addr_t addr, mask, gw;
	bool *dhcp = arg;

	for (struct netdev *dev = netdev_next(NULL); dev; dev = netdev_next(dev)) {
		struct netif *netif = lwip_port_add_device(dev);

		if (netif && !first) {
			first = netif;
			first_dev = dev;
		}
	}
	if (first) {
		netif_set_default(first);
		if (option_ip) {
			if (parse_ip_prefix(option_ip, &addr, &mask)) {
				pr_err("net: invalid net.ip=%s: give ADDR/PREFIX\n", option_ip);
			} else {
				ip4_addr_set_zero(&gw);
				if (option_gw && !ip4addr_aton(option_gw, &gw))
					pr_err("net: invalid net.gw=%s\n", option_gw);
				netif_set_addr(first, &addr, &mask, &gw);
				report(first_dev->name, first);
			}
		} else {
			netif_set_status_callback(first, status_changed);
			*dhcp = dhcp_start(first) == ERR_OK;
		}
	}
	semaphore_up(&ready);
}

static bool data_in_flight(void)
{
	bool busy = false;

	LOCK_TCPIP_CORE();
	for (struct tcp_pcb *pcb = tcp_active_pcbs; pcb && !busy; pcb = pcb->next)
		busy = pcb->unsent || pcb->unacked;
	UNLOCK_TCPIP_CORE();
	return busy;
}

/*
 * The program has exited: what it wrote to TCP connections would still be
 * delivered by a Linux kernel, so let the stack send it before the machine
 * stops (within a second).
 */
static void flush_at_exit(int status)
{
	uint64_t give_up = plat_clock_ns() + FLUSH_WAIT_NS;

	(void)status;
	while (data_in_flight() && plat_clock_ns() < give_up)
		thread_sleep_ns(NSEC_PER_MSEC);
}

static int net_init(void)
{
	bool dhcp = false;

	semaphore_init(&ready, 0);
	semaphore_init(&addressed, 0);
	tcpip_init(bring_up, &dhcp);
	semaphore_down(&ready);
	if (dhcp) {
		if (semaphore_down_until(&addressed, plat_clock_ns() + DHCP_WAIT_NS))
			pr_warn("net: no DHCP answer yet; the program starts without an address\n");
		else
			report(first_dev->name, netif_default);
	}
	kernel_atexit(flush_at_exit);
	return 0;
}
INITCALL(net_init, INIT_LATE);
