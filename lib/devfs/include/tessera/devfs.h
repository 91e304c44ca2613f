/*
 * devfs: the device nodes programs expect in /dev (null, zero, full, random,
 * urandom, console, tty, and the stdin/stdout/stderr/fd links), and the
 * files behind descriptors 0, 1 and 2.
 */
#ifndef TESSERA_DEVFS_H
#define TESSERA_DEVFS_H

/*
 * Open the program's standard streams as descriptors 0, 1 and 2: each a
 * terminal or, when the host's was a pipe or file (kernel option
 * console.tty=, which tessera run sets), a plain stream, so that isatty()
 * answers as it would on the host.
 */
int devfs_open_stdio(void);

#endif
