/* The registry of network devices (see <tessera/netdev.h>). */
#include <tessera/fmt.h>
#include <tessera/netdev.h>

static LIST_HEAD(devices);
static unsigned int nr_devices;

void netdev_register(struct netdev *dev)
{
	fmt_snprintf(dev->name, sizeof(dev->name), "eth%u", nr_devices++);
	list_add_tail(&dev->link, &devices);
}

struct netdev *netdev_next(struct netdev *prev)
{
	struct list_head *next = prev ? prev->link.next : devices.next;

	return next == &devices ? NULL : list_entry(next, struct netdev, link);
}
