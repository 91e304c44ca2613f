/*
 * Console routing: each stream goes to the highest-priority device that
 * serves it.  Devices register from their drivers' initcalls; until one
 * does, output is dropped (nothing prints before INIT_CONSOLE).
 */
#include <tessera/arch/irq.h>
#include <tessera/console.h>

static LIST_HEAD(devices);
static struct console_device *route[CONSOLE_NR_STREAMS];

void console_register(struct console_device *dev)
{
	irq_flags_t flags = irq_save();

	list_add_tail(&dev->link, &devices);
	for (int s = 0; s < CONSOLE_NR_STREAMS; s++) {
		if ((dev->streams & CONSOLE_SERVES(s)) &&
		    (!route[s] || route[s]->priority < dev->priority))
			route[s] = dev;
	}
	irq_restore(flags);
}

void console_write(enum console_stream stream, const char *buf, size_t len)
{
	struct console_device *dev = route[stream];

	if (dev && len)
		dev->write(dev, buf, len);
}

size_t console_read(char *buf, size_t len)
{
	struct console_device *dev = route[CONSOLE_STDIN];

	return dev && dev->read ? dev->read(dev, buf, len) : 0;
}

static void (*input_handler)(void);

void console_set_input_handler(void (*handler)(void))
{
	input_handler = handler;
}

void console_input_arrived(void)
{
	if (input_handler)
		input_handler();
}
