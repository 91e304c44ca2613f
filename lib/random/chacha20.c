/*
 * The kernel's CSPRNG: ChaCha20 (RFC 8439 block function) in counter mode,
 * keyed from the hardware entropy source.  After each request the key is
 * replaced by fresh keystream (fast key erasure), so earlier outputs cannot
 * be recovered from the state; the key is re-mixed with new entropy every
 * RESEED_BYTES.
 */
#include <string.h>
#include <tessera/compiler.h>
#include <tessera/random.h>

#define RESEED_BYTES (1UL << 20)

static uint32_t key[8];
static uint64_t counter;
static size_t since_reseed = RESEED_BYTES; /* seed on first use */

static uint32_t rotl(uint32_t v, int n)
{
	return (v << n) | (v >> (32 - n));
}

#define QUARTER(a, b, c, d)                                                                        \
	do {                                                                                       \
		a += b, d ^= a, d = rotl(d, 16);                                                   \
		c += d, b ^= c, b = rotl(b, 12);                                                   \
		a += b, d ^= a, d = rotl(d, 8);                                                    \
		c += d, b ^= c, b = rotl(b, 7);                                                    \
	} while (0)

static void block(uint32_t out[16])
{
	static const uint32_t sigma[4] = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};
	uint32_t in[16], x[16];

	memcpy(in, sigma, sizeof(sigma));
	memcpy(in + 4, key, sizeof(key));
	in[12] = (uint32_t)counter;
	in[13] = (uint32_t)(counter >> 32);
	in[14] = in[15] = 0;
	counter++;
	memcpy(x, in, sizeof(x));
	for (int i = 0; i < 10; i++) {
		QUARTER(x[0], x[4], x[8], x[12]);
		QUARTER(x[1], x[5], x[9], x[13]);
		QUARTER(x[2], x[6], x[10], x[14]);
		QUARTER(x[3], x[7], x[11], x[15]);
		QUARTER(x[0], x[5], x[10], x[15]);
		QUARTER(x[1], x[6], x[11], x[12]);
		QUARTER(x[2], x[7], x[8], x[13]);
		QUARTER(x[3], x[4], x[9], x[14]);
	}
	for (int i = 0; i < 16; i++)
		out[i] = x[i] + in[i];
}

static void reseed(void)
{
	for (int i = 0; i < 8; i += 2) {
		uint64_t r = random_u64();

		key[i] ^= (uint32_t)r;
		key[i + 1] ^= (uint32_t)(r >> 32);
	}
	since_reseed = 0;
}

void random_bytes(void *buf, size_t len)
{
	uint32_t ks[16];
	char *out = buf;

	if (since_reseed >= RESEED_BYTES)
		reseed();
	since_reseed += len;
	while (len) {
		size_t n = MIN(len, sizeof(ks));

		block(ks);
		memcpy(out, ks, n);
		out += n;
		len -= n;
	}
	block(ks);
	memcpy(key, ks, sizeof(key));
	memset(ks, 0, sizeof(ks));
}
