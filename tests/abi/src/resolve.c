// SPDX-License-Identifier: MIT
/*
 * Name resolution through the C library: getaddrinfo and getnameinfo for
 * "localhost" and numeric hosts, from /etc/hosts (which every root file
 * system, Tessera's included, maps localhost in), and the errors for an
 * unknown service.
 */
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "abi.h"

static void lookup(const char *name, const char *host, const char *service, int family,
		   const char *want_addr, int want_port)
{
	struct addrinfo hints = {.ai_family = family, .ai_socktype = SOCK_STREAM}, *res = NULL;
	char text[INET6_ADDRSTRLEN] = "", label[96];
	int err = getaddrinfo(host, service, &hints, &res);

	snprintf(label, sizeof(label), "getaddrinfo %s", name);
	check_int(label, err, 0);
	if (err)
		return;
	if (res->ai_family == AF_INET) {
		struct sockaddr_in *in = (struct sockaddr_in *)res->ai_addr;

		inet_ntop(AF_INET, &in->sin_addr, text, sizeof(text));
		snprintf(label, sizeof(label), "%s port", name);
		check_int(label, ntohs(in->sin_port), want_port);
	} else {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)res->ai_addr;

		inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof(text));
		snprintf(label, sizeof(label), "%s port", name);
		check_int(label, ntohs(in6->sin6_port), want_port);
	}
	snprintf(label, sizeof(label), "%s address", name);
	check_str(label, text, want_addr);
	snprintf(label, sizeof(label), "%s socket type", name);
	check_int(label, res->ai_socktype, SOCK_STREAM);
	freeaddrinfo(res);
}

int main(void)
{
	struct addrinfo hints = {.ai_family = AF_INET, .ai_socktype = SOCK_STREAM}, *res;
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(8080)};
	char host[64], serv[16];

	abi_begin("resolve");
	lookup("localhost v4", "localhost", "80", AF_INET, "127.0.0.1", 80);
	lookup("numeric v4", "127.0.0.1", "8080", AF_INET, "127.0.0.1", 8080);
	lookup("numeric v6", "::1", "443", AF_INET6, "::1", 443);
	hints.ai_flags = AI_NUMERICSERV;
	check_int("unknown service", getaddrinfo("localhost", "no-such-service", &hints, &res),
		  EAI_NONAME);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	check_int("getnameinfo numeric",
		  getnameinfo((struct sockaddr *)&a, sizeof(a), host, sizeof(host), serv, sizeof(serv),
			      NI_NUMERICHOST | NI_NUMERICSERV), 0);
	check_str("numeric host", host, "127.0.0.1");
	check_str("numeric service", serv, "8080");
	return abi_end();
}
