/*
 * lwIP's mem.c includes <stdlib.h> for malloc() when MEM_LIBC_MALLOC is
 * set; its allocation functions are mapped to Tessera's in lwipopts.h, so
 * nothing is needed from here.  Only lwIP's own sources see this header.
 */
#ifndef TESSERA_LWIP_STDLIB_H
#define TESSERA_LWIP_STDLIB_H
#endif
