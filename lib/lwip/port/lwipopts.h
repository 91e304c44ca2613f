/*
 * lwIP's options for Tessera: a server's TCP/IP stack.
 *
 * Threads: NO_SYS=0 with core locking.  lwIP's tcpip thread runs timers and
 * receives packets; sockets call the raw API directly under the core lock
 * (a Tessera mutex), without messages to that thread.  Only the raw API is
 * built: Tessera's socket library is the BSD socket layer (lwIP's
 * sockets/netconn layers would duplicate it with their own descriptors).
 *
 * Memory: lwIP's heap and pools come from the kernel allocator
 * (MEM_LIBC_MALLOC, MEMP_MEM_MALLOC), so connections, segments and pbufs
 * are limited by the guest's memory rather than by compile-time pool sizes.
 *
 * TCP is sized for servers: a 1460-byte MSS, a 256 KiB receive window
 * (window scaling) and a 64 KiB send buffer per connection; Nagle on unless
 * TCP_NODELAY; out-of-order segments queued; keepalive and SO_REUSEADDR
 * supported.  The device's checksum offload is used per interface.
 */
#ifndef TESSERA_LWIPOPTS_H
#define TESSERA_LWIPOPTS_H

/* Threads and locking. */
#define NO_SYS                          0
#define LWIP_TCPIP_CORE_LOCKING         1
#define LWIP_TCPIP_CORE_LOCKING_INPUT   0
#define SYS_LIGHTWEIGHT_PROT            1
#define LWIP_NETCONN                    0
#define LWIP_SOCKET                     0
#define LWIP_TCPIP_TIMEOUT              0
#define TCPIP_THREAD_NAME               "lwip"
#define TCPIP_THREAD_STACKSIZE          32768
#define TCPIP_THREAD_PRIO               0
#define TCPIP_MBOX_SIZE                 1024
#define DEFAULT_THREAD_STACKSIZE        32768

/* Memory. */
#define MEM_LIBC_MALLOC                 1
#define MEMP_MEM_MALLOC                 1
#define MEM_ALIGNMENT                   8
#define mem_clib_malloc                 lwip_port_malloc
#define mem_clib_calloc                 lwip_port_calloc
#define mem_clib_free                   lwip_port_free
#define MEMP_NUM_TCP_PCB                4096
#define MEMP_NUM_TCP_PCB_LISTEN         256
#define MEMP_NUM_UDP_PCB                1024
#define MEMP_NUM_TCP_SEG                65535
#define MEMP_NUM_SYS_TIMEOUT            64
#define PBUF_POOL_SIZE                  512
#define MEMP_NUM_PBUF                   4096
#define MEMP_NUM_REASSDATA              64
#define MEMP_NUM_FRAG_PBUF              64

/* Protocols. */
#define LWIP_IPV4                       1
#define LWIP_IPV6                       1
#define LWIP_ARP                        1
#define ARP_TABLE_SIZE                  64
#define ARP_QUEUEING                    1
#define ETHARP_SUPPORT_STATIC_ENTRIES   0
#define LWIP_ICMP                       1
#define LWIP_RAW                        0
#define LWIP_DHCP                       1
#define LWIP_DHCP_DOES_ACD_CHECK        0
#define DHCP_DOES_ARP_CHECK             0
#define LWIP_AUTOIP                     0
#define LWIP_IGMP                       0
#define LWIP_DNS                        0
#define LWIP_UDP                        1
#define LWIP_TCP                        1
#define IP_REASSEMBLY                   1
#define IP_FRAG                         1
#define LWIP_IPV6_FRAG                  1
#define LWIP_IPV6_REASS                 1
#define IPV6_FRAG_COPYHEADER            1 /* 64-bit pointers do not fit the header */
#define LWIP_IPV6_AUTOCONFIG            1
#define LWIP_IPV6_DHCP6                 0
#define LWIP_ALTCP                      0
#define SO_REUSE                        1
#define IP_SOF_BROADCAST                0

/* TCP. */
#define TCP_MSS                         1460
#define LWIP_WND_SCALE                  1
#define TCP_RCV_SCALE                   3
#define TCP_WND                         (256 * 1024)
#define TCP_SND_BUF                     (64 * 1024)
#define TCP_SND_QUEUELEN                ((4 * TCP_SND_BUF + TCP_MSS - 1) / TCP_MSS)
#define TCP_SNDLOWAT                    (TCP_SND_BUF / 4)
#define TCP_SNDQUEUELOWAT               (TCP_SND_QUEUELEN / 2)
#define TCP_QUEUE_OOSEQ                 1
#define TCP_OOSEQ_MAX_BYTES             (512 * 1024)
#define TCP_LISTEN_BACKLOG              1
#define TCP_DEFAULT_LISTEN_BACKLOG      128
#define LWIP_TCP_KEEPALIVE              1
#define TCP_MSL                         30000UL /* TIME_WAIT lasts 2 MSL: 60 s, as on Linux */
#define LWIP_TCP_TIMESTAMPS             0
#define LWIP_TCP_SACK_OUT               0
#define TCP_OVERSIZE                    TCP_MSS
#define LWIP_EVENT_API                  0
#define LWIP_CALLBACK_API               1

/* Interfaces. */
#define LWIP_NETIF_STATUS_CALLBACK      1
#define LWIP_NETIF_LINK_CALLBACK        0
#define LWIP_NETIF_HOSTNAME             1
#define LWIP_HAVE_LOOPIF                1
#define LWIP_NETIF_LOOPBACK             1
#define LWIP_LOOPBACK_MAX_PBUFS         0
#define LWIP_CHECKSUM_CTRL_PER_NETIF    1
#define LWIP_SINGLE_NETIF               0
#define ETH_PAD_SIZE                    0
#define LWIP_NUM_NETIF_CLIENT_DATA      0

/* Diagnostics. */
#define LWIP_STATS                      0
#define LWIP_DBG_TYPES_ON               0
#define LWIP_RAND()                     lwip_port_rand()

#endif /* TESSERA_LWIPOPTS_H */
