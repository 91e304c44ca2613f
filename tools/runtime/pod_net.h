/*
 * Pod networking: a container whose spec names a network namespace (a CRI
 * pod's, where a CNI plugin put a veth holding the pod's address) gets its
 * guest on that veth, as Kata Containers does: a tap device in the same
 * namespace, and tc rules that redirect every frame arriving on either
 * device out of the other.  The guest takes the veth's MAC address, IPv4
 * address, prefix and default gateway; the namespace's own stack sees
 * nothing, so the pod IP is the guest's.
 */
#ifndef TESSERA_RUNTIME_POD_NET_H
#define TESSERA_RUNTIME_POD_NET_H

#include <net/if.h>
#include <stddef.h>

#define POD_NET_TAP "tessera0"

struct pod_net {
	char tap[IF_NAMESIZE];
	char mac[18];   /* "aa:bb:cc:dd:ee:ff" */
	char ip[24];    /* "10.88.0.5/16" */
	char gw[16];    /* "" when the namespace has no default route */
};

/*
 * Enter the namespace at path: this process, hence the monitor and QEMU it
 * starts, stays in it (a sandbox's monitor holds the pod's namespace, which
 * containerd gives the pod's containers as /proc/PID/ns/net).  0; 1 when it
 * is the namespace the runtime runs in (the host's: nothing to join, and
 * nothing of the host's is touched); -1 with a one-line reason in error.
 */
int pod_net_enter(const char *path, char *error, size_t len);
/* Enter it, find its veth and join a tap to it: as pod_net_enter. */
int pod_net_join(const char *path, struct pod_net *net, char *error, size_t len);

#endif
