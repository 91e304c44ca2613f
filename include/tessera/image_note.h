/*
 * The ELF note by which an image tells `tessera run` what it is, beside
 * Xen's PVH note: name "Tessera", no descriptor.  Shared by the kernel,
 * which emits it, and the launcher, which reads it.
 */
#ifndef TESSERA_IMAGE_NOTE_H
#define TESSERA_IMAGE_NOTE_H

#define TESSERA_NOTE_NAME "Tessera"
/* The image runs a Linux-ABI program: give it an environment, a root file system, framed stdin. */
#define TESSERA_NOTE_RUNS_PROGRAM 1

#endif
