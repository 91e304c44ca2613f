/* lwIP's compiler and platform definitions for Tessera (x86_64, little-endian). */
#ifndef TESSERA_LWIP_ARCH_CC_H
#define TESSERA_LWIP_ARCH_CC_H

#include <stddef.h>
#include <limits.h>
#include <stdint.h>
#include <sys/types.h>
#include <tessera/printk.h>

#define SSIZE_MAX LONG_MAX /* ssize_t comes from sys/types.h, not from lwIP */

#define BYTE_ORDER LITTLE_ENDIAN
#define LWIP_NO_STDIO_H 1 /* lwIP's debug formatting goes through printk */

#define lwip_htons(x) __builtin_bswap16(x)
#define lwip_htonl(x) __builtin_bswap32(x)

#define LWIP_PLATFORM_DIAG(x) pr_debug x
#define LWIP_PLATFORM_ASSERT(x) panic("lwip: %s (%s:%d)\n", x, __FILE__, __LINE__)

uint32_t lwip_port_rand(void);
void *lwip_port_malloc(size_t size);
void *lwip_port_calloc(size_t n, size_t size);
void lwip_port_free(void *ptr);

#endif
