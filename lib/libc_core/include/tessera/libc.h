/*
 * The C library's side of starting the application: the boot sequence calls
 * libc_start_main() once everything is up, and whichever C library is
 * configured (nolibc, musl) sets itself up and calls main(argc, argv).
 * Its return value is the application's exit status.
 */
#ifndef TESSERA_LIBC_H
#define TESSERA_LIBC_H

int libc_start_main(int argc, char **argv);

#endif
