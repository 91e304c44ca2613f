/* What lib/lwip's files share. */
#ifndef TESSERA_LWIP_PORT_H
#define TESSERA_LWIP_PORT_H

struct netdev;
struct netif;

/* Give lwIP an interface on dev (tcpip thread or core lock held); NULL on failure. */
struct netif *lwip_port_add_device(struct netdev *dev);

#endif
