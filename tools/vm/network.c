/*
 * The guest's network as users write it: -p HOSTPORT:GUESTPORT[/udp]
 * (QEMU user networking with host forwards on the loopback address),
 * --net user|tap:IFNAME, --ip ADDR/PREFIX and --gw GATEWAY.  The kernel
 * learns its address from the options net.ip= and net.gw=; without them it
 * asks DHCP.  Under user networking the address is QEMU's fixed one, given
 * statically so that the guest serves without waiting for DHCP.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vm.h"

#define USER_NET_IP "10.0.2.15/24"
#define USER_NET_GW "10.0.2.2"

static int parse_port(const char *text, char **end)
{
	long port = strtol(text, end, 10);

	if (*end == text || port < 1 || port > 65535)
		return -1;
	return port;
}

int vm_parse_port_forward(const char *spec, struct vm_port_forward *out)
{
	char *end;

	out->host_port = parse_port(spec, &end);
	if (out->host_port < 0 || *end != ':')
		return -1;
	out->guest_port = parse_port(end + 1, &end);
	if (out->guest_port < 0)
		return -1;
	if (!*end || !strcmp(end, "/tcp"))
		out->udp = false;
	else if (!strcmp(end, "/udp"))
		out->udp = true;
	else
		return -1;
	return 0;
}

int vm_parse_net(const char *spec, struct vm_network *net)
{
	if (!strcmp(spec, "user")) {
		net->kind = VM_NET_USER;
		return 0;
	}
	if (!strncmp(spec, "tap:", 4) && spec[4] && strlen(spec + 4) < sizeof(net->ifname) &&
	    !strchr(spec + 4, ',')) {
		net->kind = VM_NET_TAP;
		strcpy(net->ifname, spec + 4);
		return 0;
	}
	return -1;
}

int vm_parse_ip_prefix(const char *text)
{
	char addr[INET_ADDRSTRLEN], *end;
	const char *slash = strchr(text, '/');
	struct in_addr in;
	long prefix;

	if (!slash || (size_t)(slash - text) >= sizeof(addr))
		return -1;
	memcpy(addr, text, slash - text);
	addr[slash - text] = '\0';
	prefix = strtol(slash + 1, &end, 10);
	if (inet_pton(AF_INET, addr, &in) != 1 || end == slash + 1 || *end || prefix < 1 ||
	    prefix > 32)
		return -1;
	return 0;
}

int vm_parse_ip(const char *text)
{
	struct in_addr in;

	return inet_pton(AF_INET, text, &in) == 1 ? 0 : -1;
}

char *vm_netdev_arg(const struct vm_network *net)
{
	char *arg, *more;

	if (net->kind == VM_NET_NONE)
		return NULL;
	if (net->kind == VM_NET_TAP) {
		/* An existing tap, as it is: no scripts; vhost-net is not used. */
		if (asprintf(&arg, "tap,id=net0,ifname=%s,script=no,downscript=no", net->ifname) < 0)
			return NULL;
		return arg;
	}
	arg = strdup("user,id=net0");
	for (int i = 0; arg && i < net->nr_forwards; i++) {
		const struct vm_port_forward *f = &net->forwards[i];

		/* -p forwards listen on the host's loopback address only. */
		if (asprintf(&more, "%s,hostfwd=%s:%s:%d-:%d", arg, f->udp ? "udp" : "tcp",
			     f->all_addresses ? "" : "127.0.0.1", f->host_port, f->guest_port) < 0)
			more = NULL;
		free(arg);
		arg = more;
	}
	return arg;
}

int vm_network_options(const struct vm_network *net, char **options)
{
	const char *ip = net->ip, *gw = net->gw;
	char word[64];

	if (net->kind == VM_NET_USER && !ip) {
		ip = USER_NET_IP;
		gw = USER_NET_GW;
	}
	if (ip) {
		snprintf(word, sizeof(word), "net.ip=%s", ip);
		if (vm_options_add(options, word))
			return -1;
	}
	if (gw) {
		snprintf(word, sizeof(word), "net.gw=%s", gw);
		if (vm_options_add(options, word))
			return -1;
	}
	return 0;
}
