/*
 * Interface ioctls on inet sockets, as programs use them to list interfaces
 * and their addresses: SIOCGIFCONF, SIOCGIFFLAGS, SIOCGIFADDR,
 * SIOCGIFNETMASK, SIOCGIFBRDADDR, SIOCGIFHWADDR, SIOCGIFMTU, SIOCGIFINDEX,
 * SIOCGIFNAME.  Read-only: addresses come from the kernel command line or
 * DHCP.
 */
#include <errno.h>
#include <linux/sockios.h>
#include <string.h>
#include <tessera/uaccess.h>
#include "lwip/netif.h"
#include "lwip/tcpip.h"
#include "inet.h"

#define IFNAMSIZ         16
#define IFF_UP           0x1
#define IFF_BROADCAST    0x2
#define IFF_LOOPBACK     0x8
#define IFF_RUNNING      0x40
#define IFF_MULTICAST    0x1000
#define ARPHRD_ETHER     1
#define ARPHRD_LOOPBACK  772

struct user_sockaddr {
	uint16_t sa_family;
	char sa_data[14];
};

/* struct ifreq of the ABI: a name, then one of these (24 bytes). */
struct user_ifreq {
	char name[IFNAMSIZ];
	union {
		struct user_sockaddr addr;
		int ivalue;
		char newname[IFNAMSIZ];
		char pad[24];
	};
};

struct user_ifconf {
	int len;
	struct user_ifreq *req;
};

static struct netif *find_by_name(const char *name)
{
	struct netif *netif;

	NETIF_FOREACH(netif) {
		if (!strncmp(lwip_port_ifname(netif), name, IFNAMSIZ))
			return netif;
	}
	return NULL;
}

static void put_ip4(struct user_sockaddr *sa, const ip4_addr_t *ip)
{
	struct sockaddr_in *in = (struct sockaddr_in *)sa;

	memset(sa, 0, sizeof(*sa));
	in->sin_family = AF_INET;
	in->sin_addr.s_addr = ip4_addr_get_u32(ip);
}

static bool is_loopback(const struct netif *netif)
{
	return !(netif->flags & NETIF_FLAG_ETHARP);
}

static int if_conf(unsigned long arg)
{
	struct user_ifconf conf;
	struct netif *netif;
	int used = 0;

	if (copy_from_user(&conf, (void *)arg, sizeof(conf)))
		return -EFAULT;
	NETIF_FOREACH(netif) {
		struct user_ifreq r;

		if (ip4_addr_isany_val(*netif_ip4_addr(netif)))
			continue;
		if (conf.req) {
			if (used + (int)sizeof(r) > conf.len)
				break;
			memset(&r, 0, sizeof(r));
			strncpy(r.name, lwip_port_ifname(netif), IFNAMSIZ - 1);
			put_ip4(&r.addr, netif_ip4_addr(netif));
			if (copy_to_user((char *)conf.req + used, &r, sizeof(r)))
				return -EFAULT;
		}
		used += sizeof(r);
	}
	conf.len = used;
	return copy_to_user((void *)arg, &conf, sizeof(conf));
}

/* One interface's property into r. */
static int if_get(unsigned int cmd, struct netif *netif, struct user_ifreq *r)
{
	ip4_addr_t bcast;

	memset(&r->pad, 0, sizeof(r->pad));
	switch (cmd) {
	case SIOCGIFFLAGS:
		r->ivalue = (netif_is_up(netif) ? IFF_UP : 0) |
			    (netif_is_link_up(netif) ? IFF_RUNNING : 0) |
			    (is_loopback(netif) ? IFF_LOOPBACK : IFF_BROADCAST | IFF_MULTICAST);
		return 0;
	case SIOCGIFADDR:
		put_ip4(&r->addr, netif_ip4_addr(netif));
		return 0;
	case SIOCGIFNETMASK:
		put_ip4(&r->addr, netif_ip4_netmask(netif));
		return 0;
	case SIOCGIFBRDADDR:
		ip4_addr_set_u32(&bcast, ip4_addr_get_u32(netif_ip4_addr(netif)) |
					 ~ip4_addr_get_u32(netif_ip4_netmask(netif)));
		put_ip4(&r->addr, &bcast);
		return 0;
	case SIOCGIFHWADDR:
		r->addr.sa_family = is_loopback(netif) ? ARPHRD_LOOPBACK : ARPHRD_ETHER;
		memcpy(r->addr.sa_data, netif->hwaddr, netif->hwaddr_len);
		return 0;
	case SIOCGIFMTU:
		r->ivalue = is_loopback(netif) ? 65536 : netif->mtu;
		return 0;
	case SIOCGIFINDEX:
		r->ivalue = netif_get_index(netif);
		return 0;
	default:
		return -ENOTTY;
	}
}

long inet_ioctl_if(unsigned int cmd, unsigned long arg)
{
	struct user_ifreq r;
	struct netif *netif;
	long err;

	if (cmd != SIOCGIFCONF && cmd != SIOCGIFNAME &&
	    (cmd < SIOCGIFFLAGS || cmd > SIOCGIFINDEX))
		return -ENOTTY;
	LOCK_TCPIP_CORE();
	if (cmd == SIOCGIFCONF) {
		err = if_conf(arg);
		goto out;
	}
	err = -EFAULT;
	if (copy_from_user(&r, (void *)arg, sizeof(r)))
		goto out;
	if (cmd == SIOCGIFNAME) {
		netif = netif_get_by_index(r.ivalue);
		err = -ENODEV;
		if (netif) {
			memset(r.name, 0, sizeof(r.name));
			strncpy(r.name, lwip_port_ifname(netif), IFNAMSIZ - 1);
			err = 0;
		}
	} else {
		r.name[IFNAMSIZ - 1] = '\0';
		netif = find_by_name(r.name);
		err = netif ? if_get(cmd, netif, &r) : -ENODEV;
	}
	if (!err && copy_to_user((void *)arg, &r, sizeof(r)))
		err = -EFAULT;
out:
	UNLOCK_TCPIP_CORE();
	return err;
}
