/*
 * The console as Linux programs see it: a terminal (/dev/console, /dev/tty)
 * with termios and a line discipline (canonical mode with echo and erase,
 * ^D for end of file, as the host's terminal is left raw by QEMU), or a
 * plain stream when the host's end is a pipe or a file.  Output goes to the
 * console's stdout or stderr stream, unchanged.
 */
#include <asm/ioctls.h>
#include <asm/termios.h>
#include <errno.h>
#include <linux/fcntl.h>
#include <linux/poll.h>
#include <string.h>
#include <tessera/boot.h>
#include <tessera/console.h>
#include <tessera/uaccess.h>
#include "console_input.h"
#include "devfs_internal.h"

#define CTRL(c) ((c)&037)

static struct termios termios = {
	.c_iflag = ICRNL | IXON | IUTF8,
	.c_oflag = OPOST | ONLCR,
	.c_cflag = B38400 | CS8 | CREAD | HUPCL,
	.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
	.c_cc = {[VINTR] = CTRL('c'), [VQUIT] = CTRL('\\'), [VERASE] = 0177, [VKILL] = CTRL('u'),
		 [VEOF] = CTRL('d'), [VMIN] = 1, [VSTART] = CTRL('q'), [VSTOP] = CTRL('s'),
		 [VSUSP] = CTRL('z'), [VREPRINT] = CTRL('r'), [VWERASE] = CTRL('w'),
		 [VLNEXT] = CTRL('v')},
};
static struct winsize winsize = {.ws_row = 24, .ws_col = 80};

/* A line being edited, and a finished one being read out. */
static char line[4096];
static size_t line_len, line_read;
static bool line_done, line_eof;

static void echo(const char *s, size_t n)
{
	if (termios.c_lflag & ECHO)
		console_write(CONSOLE_STDOUT, s, n);
}

/* Take one input byte into the line; true when the line is complete. */
static bool edit(char c)
{
	if (c == '\r' && (termios.c_iflag & ICRNL))
		c = '\n';
	if (c == termios.c_cc[VERASE] || c == '\b') {
		if (line_len) {
			line_len--;
			echo("\b \b", 3);
		}
		return false;
	}
	if (c == termios.c_cc[VEOF]) {
		line_eof = line_len == 0;
		return true;
	}
	if (line_len < sizeof(line))
		line[line_len++] = c;
	echo(&c, 1);
	return c == '\n' || line_len == sizeof(line);
}

static ssize_t canonical_read(char *kbuf, size_t len, bool nonblock)
{
	size_t n;

	while (!line_done) {
		char c;
		long got = console_input_read(&c, 1, nonblock);

		if (got < 0)
			return got;
		if (got == 0) {
			line_done = true; /* the input itself ended */
			line_eof = line_len == 0;
			break;
		}
		line_done = edit(c);
	}
	if (line_eof) {
		line_done = line_eof = false;
		line_len = line_read = 0;
		return 0;
	}
	n = MIN(len, line_len - line_read);
	memcpy(kbuf, line + line_read, n);
	line_read += n;
	if (line_read == line_len) {
		line_done = false;
		line_len = line_read = 0;
	}
	return n;
}

static ssize_t console_read_file(struct file *file, void *buf, size_t len, uint64_t *pos)
{
	char kbuf[256];
	bool tty = file->inode->fops == &tty_fops;
	ssize_t n;

	(void)pos;
	len = MIN(len, sizeof(kbuf));
	if (tty && (termios.c_lflag & ICANON))
		n = canonical_read(kbuf, len, file->flags & O_NONBLOCK);
	else
		n = console_input_read(kbuf, len, file->flags & O_NONBLOCK);
	if (n > 0 && copy_to_user(buf, kbuf, n))
		return -EFAULT;
	return n;
}

static ssize_t console_write_file(struct file *file, const void *buf, size_t len, uint64_t *pos)
{
	enum console_stream stream = (enum console_stream)(uintptr_t)file->private;
	char kbuf[256];
	size_t done = 0;

	(void)pos;
	while (done < len) {
		size_t n = MIN(len - done, sizeof(kbuf));

		if (copy_from_user(kbuf, (const char *)buf + done, n))
			return done ? (ssize_t)done : -EFAULT;
		console_write(stream, kbuf, n);
		done += n;
	}
	return done;
}

static int console_open(struct inode *inode, struct file *file)
{
	(void)inode;
	file->private = (void *)(uintptr_t)CONSOLE_STDOUT;
	return 0;
}

static unsigned int console_poll(struct file *file, struct poll_table *pt)
{
	(void)file;
	console_input_poll_wait(pt);
	return POLLOUT | POLLWRNORM | (console_input_ready() ? POLLIN | POLLRDNORM : 0);
}

static long stream_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	int n;

	(void)file;
	if (cmd != FIONREAD)
		return -ENOTTY;
	n = console_input_pending();
	return copy_to_user((void *)arg, &n, sizeof(n));
}

static long tty_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	void *user = (void *)arg;
	int pgrp = 1;

	switch (cmd) {
	case TCGETS:
		return copy_to_user(user, &termios, sizeof(termios));
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return copy_from_user(&termios, user, sizeof(termios));
	case TIOCGWINSZ:
		return copy_to_user(user, &winsize, sizeof(winsize));
	case TIOCSWINSZ:
		return copy_from_user(&winsize, user, sizeof(winsize));
	case TIOCGPGRP:
	case TIOCGSID:
		return copy_to_user(user, &pgrp, sizeof(pgrp));
	case TIOCSPGRP:
	case TIOCSCTTY:
	case TIOCNOTTY:
	case TCFLSH:
	case TCXONC:
	case TCSBRK:
		return 0;
	default:
		return stream_ioctl(file, cmd, arg);
	}
}

const struct file_operations tty_fops = {
	.open = console_open,
	.read = console_read_file,
	.write = console_write_file,
	.ioctl = tty_ioctl,
	.poll = console_poll,
};

const struct file_operations stream_fops = {
	.open = console_open,
	.read = console_read_file,
	.write = console_write_file,
	.ioctl = stream_ioctl,
	.poll = console_poll,
};

/* console.cols= and console.rows=: the host terminal's size, for TIOCGWINSZ. */
static int parse_dimension(const char *value, unsigned short *out)
{
	unsigned int v = 0;

	for (const char *p = value; p && *p; p++) {
		if (*p < '0' || *p > '9' || v > 10000)
			return -EINVAL;
		v = v * 10 + (*p - '0');
	}
	if (!value || !v)
		return -EINVAL;
	*out = v;
	return 0;
}

static int set_cols(const char *value)
{
	return parse_dimension(value, &winsize.ws_col);
}
KERNEL_PARAM("console.cols", set_cols, "terminal width for TIOCGWINSZ");

static int set_rows(const char *value)
{
	return parse_dimension(value, &winsize.ws_row);
}
KERNEL_PARAM("console.rows", set_rows, "terminal height for TIOCGWINSZ");
