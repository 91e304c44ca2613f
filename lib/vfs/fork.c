/*
 * Descriptors and the current directory across fork and exec (see
 * <tessera/process_state.h>): at fork the child gets copies (the same open
 * files, as dup would), the parent's are put aside and come back when the
 * child has ended; exec closes the descriptors marked close-on-exec.
 */
#include <errno.h>
#include <tessera/alloc.h>
#include <tessera/fdtable.h>
#include <tessera/process_state.h>
#include "vfs_internal.h"

static int files_save(unsigned int shares, void **saved)
{
	if (shares & PROCESS_SHARES_FILES) {
		*saved = NULL;
		return 0;
	}
	*saved = fd_table_fork();
	return *saved ? 0 : -ENOMEM;
}

static void files_restore(void *saved)
{
	fd_table_restore(saved);
}

static void files_exec(void)
{
	for (int fd = fd_highest(); fd >= 0; fd--) {
		if (fd_get_cloexec(fd) > 0)
			fd_close(fd);
	}
}
PROCESS_STATE(files, files_save, files_restore, files_exec);

static int fs_save(unsigned int shares, void **saved)
{
	if (shares & PROCESS_SHARES_FS) {
		*saved = NULL;
		return 0;
	}
	*saved = cwd_save();
	return *saved ? 0 : -ENOMEM;
}
PROCESS_STATE(fs, fs_save, cwd_restore, NULL);
