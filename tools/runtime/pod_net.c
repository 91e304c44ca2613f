/* A pod's veth joined to the guest's tap with tc mirred redirects (see pod_net.h). */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <linux/if_tun.h>
#include <netinet/in.h>
#include <sched.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "pod_net.h"

static int failed(char *error, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(error, len, fmt, ap);
	va_end(ap);
	return -1;
}

/* The namespace's first interface with an IPv4 address, other than loopback. */
static int find_veth(char *ifname, struct pod_net *net)
{
	struct ifaddrs *all, *a;
	int found = -1;

	if (getifaddrs(&all))
		return -1;
	for (a = all; a && found; a = a->ifa_next) {
		struct sockaddr_in *addr = (struct sockaddr_in *)a->ifa_addr;
		struct sockaddr_in *mask = (struct sockaddr_in *)a->ifa_netmask;
		char text[INET_ADDRSTRLEN];

		if (!addr || addr->sin_family != AF_INET || (a->ifa_flags & IFF_LOOPBACK) || !mask)
			continue;
		inet_ntop(AF_INET, &addr->sin_addr, text, sizeof(text));
		snprintf(net->ip, sizeof(net->ip), "%s/%d", text,
			 __builtin_popcount(mask->sin_addr.s_addr));
		snprintf(ifname, IF_NAMESIZE, "%s", a->ifa_name);
		found = 0;
	}
	freeifaddrs(all);
	return found;
}

/* The default route's gateway, from the namespace's /proc/net/route ("" without one). */
static void find_gateway(struct pod_net *net)
{
	FILE *f = fopen("/proc/self/net/route", "re");
	char line[256], dev[IF_NAMESIZE + 1];
	unsigned int dest, gw, flags;

	net->gw[0] = '\0';
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%16s %x %x %x", dev, &dest, &gw, &flags) == 4 && dest == 0 &&
		    (flags & 0x2 /* RTF_GATEWAY */)) {
			inet_ntop(AF_INET, &gw, net->gw, sizeof(net->gw));
			break;
		}
	}
	fclose(f);
}

static int interface_ioctl(unsigned long request, struct ifreq *ifr)
{
	int sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), err;

	if (sock < 0)
		return -1;
	err = ioctl(sock, request, ifr);
	close(sock);
	return err;
}

static int read_mac(const char *ifname, struct pod_net *net)
{
	struct ifreq ifr = {0};
	const unsigned char *m = (const unsigned char *)ifr.ifr_hwaddr.sa_data;

	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	if (interface_ioctl(SIOCGIFHWADDR, &ifr))
		return -1;
	snprintf(net->mac, sizeof(net->mac), "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2],
		 m[3], m[4], m[5]);
	return 0;
}

/* A persistent tap (QEMU opens it by name), up, with the veth's MTU. */
static int make_tap(const char *name, const char *veth)
{
	struct ifreq ifr = {.ifr_flags = IFF_TAP | IFF_NO_PI};
	int fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC), err;

	if (fd < 0)
		return -1;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	err = ioctl(fd, TUNSETIFF, &ifr) || ioctl(fd, TUNSETPERSIST, 1);
	close(fd);
	if (err)
		return -1;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", veth);
	if (interface_ioctl(SIOCGIFMTU, &ifr))
		return -1;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	if (interface_ioctl(SIOCSIFMTU, &ifr) || interface_ioctl(SIOCGIFFLAGS, &ifr))
		return -1;
	ifr.ifr_flags |= IFF_UP;
	return interface_ioctl(SIOCSIFFLAGS, &ifr);
}

/* Run tc with args, its output discarded: its exit status, or -1 when it did not run. */
static int tc(char *const args[])
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);

		dup2(null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
		execvp("tc", args);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Every frame that arrives on from leaves through to. */
static int redirect(const char *from, const char *to)
{
	char *replace[] = {"tc", "qdisc", "replace", "dev", (char *)from, "ingress", NULL};
	char *filter[] = {"tc", "filter", "replace", "dev", (char *)from, "parent", "ffff:",
			  "protocol", "all", "u32", "match", "u8", "0", "0", "action", "mirred",
			  "egress", "redirect", "dev", (char *)to, NULL};

	return tc(replace) || tc(filter) ? -1 : 0;
}

/* Whether fd is the namespace this process is in (the host's, for a host-network pod). */
static bool current_namespace(int fd)
{
	struct stat target, self;

	return !fstat(fd, &target) && !stat("/proc/self/ns/net", &self) &&
	       target.st_dev == self.st_dev && target.st_ino == self.st_ino;
}

int pod_net_enter(const char *path, char *error, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), err;

	if (fd < 0)
		return failed(error, len, "network namespace %s: %s", path, strerror(errno));
	if (current_namespace(fd)) {
		close(fd);
		return 1;
	}
	err = setns(fd, CLONE_NEWNET);
	close(fd);
	if (err)
		return failed(error, len, "cannot enter network namespace %s: %s", path,
			      strerror(errno));
	return 0;
}

int pod_net_join(const char *path, struct pod_net *net, char *error, size_t len)
{
	char veth[IF_NAMESIZE];
	int entered = pod_net_enter(path, error, len);

	if (entered)
		return entered;
	if (find_veth(veth, net))
		return failed(error, len, "network namespace %s has no IPv4 interface", path);
	find_gateway(net);
	snprintf(net->tap, sizeof(net->tap), "%s", POD_NET_TAP);
	if (read_mac(veth, net) || make_tap(net->tap, veth))
		return failed(error, len, "cannot create tap %s in %s: %s", net->tap, path,
			      strerror(errno));
	if (redirect(veth, net->tap) || redirect(net->tap, veth))
		return failed(error, len, "tc could not join %s to %s in %s (is iproute2 installed?)",
			      net->tap, veth, path);
	return 0;
}
