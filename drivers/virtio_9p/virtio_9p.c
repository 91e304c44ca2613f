/*
 * virtio-9p (virtio 1.x, section 5.11): 9P over a single request queue.
 * Each exchange is a chain of two buffers, the request (read by the device)
 * and room for the response (written by it); the virtio core waits for the
 * device to return the chain.  The mount tag comes from configuration space.
 */
#include <errno.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/boot.h>
#include <tessera/p9_transport.h>
#include <tessera/printk.h>
#include <tessera/virtio.h>

#define VIRTIO_9P_F_MOUNT_TAG 0
#define CONFIG_TAG_LEN        0 /* le16, then the tag's bytes (not NUL-terminated) */
#define CONFIG_TAG            2
#define REQUEST_QUEUE         0

struct p9_channel {
	struct virtqueue *vq;
	struct list_head link;
	char tag[]; /* NUL-terminated */
};

static LIST_HEAD(channels);

struct p9_channel *p9_channel_find(const char *tag)
{
	struct p9_channel *chan;

	list_for_each_entry(chan, &channels, link) {
		if (!strcmp(chan->tag, tag))
			return chan;
	}
	return NULL;
}

struct p9_channel *p9_channel_next(struct p9_channel *prev)
{
	struct list_head *next = prev ? prev->link.next : channels.next;

	return next == &channels ? NULL : list_entry(next, struct p9_channel, link);
}

const char *p9_channel_tag(const struct p9_channel *chan)
{
	return chan->tag;
}

long p9_transport_rpc(struct p9_channel *chan, const void *req, size_t req_len, void *resp,
		      size_t resp_cap)
{
	struct virtio_sg sg[2] = {{req, req_len}, {resp, resp_cap}};

	if (req_len > UINT32_MAX || resp_cap > UINT32_MAX)
		return -EINVAL;
	return virtio_request(chan->vq, sg, 1, 1);
}

static int virtio_9p_probe(struct virtio_device *vdev)
{
	struct p9_channel *chan;
	uint16_t len;

	if (!virtio_has_feature(vdev, VIRTIO_9P_F_MOUNT_TAG))
		return -ENODEV; /* a channel without a name cannot be asked for */
	virtio_read_config(vdev, CONFIG_TAG_LEN, &len, sizeof(len));
	chan = alloc_malloc(alloc_default(), sizeof(*chan) + len + 1);
	if (!chan)
		return -ENOMEM;
	virtio_read_config(vdev, CONFIG_TAG, chan->tag, len);
	chan->tag[len] = '\0';
	chan->vq = virtio_setup_request_queue(vdev, REQUEST_QUEUE);
	if (!chan->vq) {
		alloc_free(alloc_default(), chan);
		return -ENODEV;
	}
	list_add_tail(&chan->link, &channels);
	pr_info("virtio-9p: %s: mount tag '%s'\n", vdev->name, chan->tag);
	return 0;
}

static struct virtio_driver virtio_9p_driver = {
	.name = "virtio-9p",
	.device_id = VIRTIO_ID_9P,
	.features = 1ULL << VIRTIO_9P_F_MOUNT_TAG,
	.probe = virtio_9p_probe,
};

static int virtio_9p_init(void)
{
	virtio_register_driver(&virtio_9p_driver);
	return 0;
}
INITCALL(virtio_9p_init, INIT_DRIVER);
