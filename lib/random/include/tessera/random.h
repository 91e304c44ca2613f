/* Boot-time randomness for the stack canary and address-space randomisation. */
#ifndef TESSERA_RANDOM_H
#define TESSERA_RANDOM_H

#include <stdint.h>

#include <stddef.h>

/* 64 unpredictable bits: from the CPU's generator, or TSC timing jitter without one. */
uint64_t random_u64(void);
/* Cryptographically strong bytes (ChaCha20 keyed from random_u64), for getrandom and /dev/urandom. */
void random_bytes(void *buf, size_t len);

#endif
