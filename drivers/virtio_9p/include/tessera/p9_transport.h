/*
 * 9P transports: channels to 9P servers, each named by its mount tag.  A
 * channel carries one message exchange per call; calls from several threads
 * may be in flight together (the client gives each its own tag).
 */
#ifndef TESSERA_P9_TRANSPORT_H
#define TESSERA_P9_TRANSPORT_H

#include <stddef.h>

struct p9_channel;

/* The channel with this mount tag, or NULL. */
struct p9_channel *p9_channel_find(const char *tag);
/* The channels in the order found: the one after prev (NULL: the first), or NULL. */
struct p9_channel *p9_channel_next(struct p9_channel *prev);
const char *p9_channel_tag(const struct p9_channel *chan);

/*
 * Send the request req[0..req_len) and receive the response into resp, at
 * most resp_cap bytes, which must hold the whole response.  Both buffers must
 * be physically contiguous: kernel memory, from the allocator or the image.
 * Returns the response's length, or a negative errno.
 */
long p9_transport_rpc(struct p9_channel *chan, const void *req, size_t req_len, void *resp,
		      size_t resp_cap);

#endif /* TESSERA_P9_TRANSPORT_H */
