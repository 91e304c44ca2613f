/*
 * A 9P2000.L client over a transport channel (<tessera/p9_transport.h>).
 *
 * There is one client per channel, shared by all its users: Tversion starts
 * a new session and would cut off the others, so it is sent once.  Fids name
 * files on the server; the client hands out fresh ones (attach, walk) and
 * their holder clunks them.  Calls block until the server answers and may
 * run in several threads at once.  They return 0, or a count, or a negative
 * errno: the server's (from Rlerror), -EIO for a malformed response.
 */
#ifndef TESSERA_P9_CLIENT_H
#define TESSERA_P9_CLIENT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <tessera/p9.h>

struct p9_client;

/* The client for the channel with mount tag tag: -ENOENT if there is none. */
int p9_client_get(const char *tag, struct p9_client **out);
/* The message size both ends agreed on. */
uint32_t p9_client_msize(const struct p9_client *c);

/* A fid for the root of the server's tree aname ("" for its export). */
int p9_attach(struct p9_client *c, struct p9_str aname, uint32_t *fid, struct p9_qid *qid);
/*
 * A new fid for the file nwname names (at most P9_MAXWELEM) away from fid;
 * none is a copy of fid.  *qid (if not NULL) is the last name's.  -ENOENT
 * when only part of the path exists.
 */
int p9_walk(struct p9_client *c, uint32_t fid, unsigned int nwname, const struct p9_str *names,
	    uint32_t *newfid, struct p9_qid *qid);
int p9_getattr(struct p9_client *c, uint32_t fid, struct p9_attr *attr);
int p9_setattr(struct p9_client *c, uint32_t fid, const struct p9_setattr *attr);
/* Open fid for I/O with Linux's open flags; it can no longer be walked from. */
int p9_lopen(struct p9_client *c, uint32_t fid, uint32_t flags);
/* Create name in directory fid and open it: fid becomes the new file's. */
int p9_lcreate(struct p9_client *c, uint32_t fid, struct p9_str name, uint32_t flags,
	       uint32_t mode, uint32_t gid);
/*
 * Bytes read or written at offset, in as many messages as msize requires;
 * short at end of file.  buf may be the application's memory: a bad address
 * gives -EFAULT (or a short count).
 */
ssize_t p9_read(struct p9_client *c, uint32_t fid, uint64_t offset, void *buf, size_t len);
ssize_t p9_write(struct p9_client *c, uint32_t fid, uint64_t offset, const void *buf,
		 size_t len);
/* Directory entries from offset, one message's worth at most; walk them with p9_dirent_next(). */
ssize_t p9_readdir(struct p9_client *c, uint32_t fid, uint64_t offset, void *buf, size_t len);
int p9_mkdir(struct p9_client *c, uint32_t dfid, struct p9_str name, uint32_t mode,
	     uint32_t gid);
/* flags: 0, or P9_AT_REMOVEDIR for a directory. */
int p9_unlinkat(struct p9_client *c, uint32_t dfid, struct p9_str name, uint32_t flags);
int p9_renameat(struct p9_client *c, uint32_t olddfid, struct p9_str oldname, uint32_t newdfid,
		struct p9_str newname);
int p9_symlink(struct p9_client *c, uint32_t dfid, struct p9_str name, struct p9_str target,
	       uint32_t gid);
/* Copy at most len bytes of the target (no NUL); returns how many. */
ssize_t p9_readlink(struct p9_client *c, uint32_t fid, char *buf, size_t len);
int p9_link(struct p9_client *c, uint32_t dfid, uint32_t fid, struct p9_str name);
int p9_fsync(struct p9_client *c, uint32_t fid, int datasync);
int p9_clunk(struct p9_client *c, uint32_t fid);

#endif /* TESSERA_P9_CLIENT_H */
