/*
 * 9P2000.L messages: encoding requests and decoding responses, as pure
 * functions over byte buffers (little-endian fields; strings are a 16-bit
 * length and bytes, not NUL-terminated).
 *
 * Encoders write a whole message, header included, and return its length,
 * -EMSGSIZE when it does not fit in cap, -ENAMETOOLONG for a string over
 * 65535 bytes, or -EINVAL for a walk of more than P9_MAXWELEM names.
 * Decoders check a response of len bytes against the request's tag and the
 * expected type; they return 0, the negated errno of an Rlerror, or -EIO for
 * anything malformed (short, too long, wrong tag or type), and never read
 * outside the buffer.  Strings and data they return point into the buffer.
 */
#ifndef TESSERA_P9_H
#define TESSERA_P9_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define P9_VERSION            "9P2000.L"
#define P9_HEADER_SIZE        7  /* size[4] type[1] tag[2] */
#define P9_IOHDRSZ            24 /* what a message adds to the data of a read or write */
#define P9_TWRITE_HEADER_SIZE 23
#define P9_RREAD_HEADER_SIZE  11 /* also Rreaddir's */
#define P9_NOTAG              0xffff
#define P9_NOFID              0xffffffffu
#define P9_MAXWELEM           16 /* names in one walk */
/* Bytes that hold any response without data: the largest is Rwalk with 16 qids (219 bytes). */
#define P9_SMALL_RESPONSE 256

enum p9_type {
	P9_RLERROR = 7,
	P9_TLOPEN = 12,
	P9_RLOPEN,
	P9_TLCREATE = 14,
	P9_RLCREATE,
	P9_TSYMLINK = 16,
	P9_RSYMLINK,
	P9_TREADLINK = 22,
	P9_RREADLINK,
	P9_TGETATTR = 24,
	P9_RGETATTR,
	P9_TSETATTR = 26,
	P9_RSETATTR,
	P9_TREADDIR = 40,
	P9_RREADDIR,
	P9_TFSYNC = 50,
	P9_RFSYNC,
	P9_TLINK = 70,
	P9_RLINK,
	P9_TMKDIR = 72,
	P9_RMKDIR,
	P9_TRENAMEAT = 74,
	P9_RRENAMEAT,
	P9_TUNLINKAT = 76,
	P9_RUNLINKAT,
	P9_TVERSION = 100,
	P9_RVERSION,
	P9_TATTACH = 104,
	P9_RATTACH,
	P9_TWALK = 110,
	P9_RWALK,
	P9_TREAD = 116,
	P9_RREAD,
	P9_TWRITE = 118,
	P9_RWRITE,
	P9_TCLUNK = 120,
	P9_RCLUNK,
};

/* qid.type bits */
#define P9_QTDIR     0x80
#define P9_QTSYMLINK 0x02

/* Tgetattr's request mask: the fields of struct stat. */
#define P9_GETATTR_BASIC 0x7ffULL

/* Tsetattr's valid bits. */
#define P9_SETATTR_MODE      0x001
#define P9_SETATTR_UID       0x002
#define P9_SETATTR_GID       0x004
#define P9_SETATTR_SIZE      0x008
#define P9_SETATTR_ATIME     0x010 /* to the server's time, or with ATIME_SET, the one given */
#define P9_SETATTR_MTIME     0x020
#define P9_SETATTR_CTIME     0x040
#define P9_SETATTR_ATIME_SET 0x080
#define P9_SETATTR_MTIME_SET 0x100

/* Tunlinkat's flag for directories (Linux's AT_REMOVEDIR). */
#define P9_AT_REMOVEDIR 0x200

/* A string of a message: not NUL-terminated. */
struct p9_str {
	const char *s;
	size_t len;
};

struct p9_qid {
	uint8_t type;
	uint32_t version;
	uint64_t path; /* unique per file on the server */
};

struct p9_attr {
	uint64_t valid;
	struct p9_qid qid;
	uint32_t mode, uid, gid;
	uint64_t nlink, rdev, size, blksize, blocks;
	uint64_t atime_sec, atime_nsec, mtime_sec, mtime_nsec, ctime_sec, ctime_nsec;
};

struct p9_setattr {
	uint32_t valid; /* P9_SETATTR_* */
	uint32_t mode, uid, gid;
	uint64_t size;
	uint64_t atime_sec, atime_nsec, mtime_sec, mtime_nsec;
};

struct p9_dirent {
	struct p9_qid qid;
	uint64_t offset; /* where the next entry starts, for Treaddir */
	uint8_t type;    /* DT_* */
	struct p9_str name;
};

/* Requests. */
ssize_t p9_tversion(void *buf, size_t cap, uint32_t msize, const char *version);
ssize_t p9_tattach(void *buf, size_t cap, uint16_t tag, uint32_t fid, uint32_t afid,
		   struct p9_str uname, struct p9_str aname, uint32_t n_uname);
ssize_t p9_twalk(void *buf, size_t cap, uint16_t tag, uint32_t fid, uint32_t newfid,
		 unsigned int nwname, const struct p9_str *wnames);
ssize_t p9_tgetattr(void *buf, size_t cap, uint16_t tag, uint32_t fid, uint64_t mask);
ssize_t p9_tsetattr(void *buf, size_t cap, uint16_t tag, uint32_t fid,
		    const struct p9_setattr *attr);
ssize_t p9_tlopen(void *buf, size_t cap, uint16_t tag, uint32_t fid, uint32_t flags);
ssize_t p9_tlcreate(void *buf, size_t cap, uint16_t tag, uint32_t fid, struct p9_str name,
		    uint32_t flags, uint32_t mode, uint32_t gid);
ssize_t p9_tread(void *buf, size_t cap, uint16_t tag, uint32_t fid, uint64_t offset,
		 uint32_t count);
/* The data, count bytes, goes at buf + P9_TWRITE_HEADER_SIZE: the caller copies it there. */
ssize_t p9_twrite(void *buf, size_t cap, uint16_t tag, uint32_t fid, uint64_t offset,
		  uint32_t count);
ssize_t p9_treaddir(void *buf, size_t cap, uint16_t tag, uint32_t fid, uint64_t offset,
		    uint32_t count);
ssize_t p9_tmkdir(void *buf, size_t cap, uint16_t tag, uint32_t dfid, struct p9_str name,
		  uint32_t mode, uint32_t gid);
ssize_t p9_tunlinkat(void *buf, size_t cap, uint16_t tag, uint32_t dfid, struct p9_str name,
		     uint32_t flags);
ssize_t p9_trenameat(void *buf, size_t cap, uint16_t tag, uint32_t olddfid,
		     struct p9_str oldname, uint32_t newdfid, struct p9_str newname);
ssize_t p9_tsymlink(void *buf, size_t cap, uint16_t tag, uint32_t dfid, struct p9_str name,
		    struct p9_str target, uint32_t gid);
ssize_t p9_treadlink(void *buf, size_t cap, uint16_t tag, uint32_t fid);
ssize_t p9_tlink(void *buf, size_t cap, uint16_t tag, uint32_t dfid, uint32_t fid,
		 struct p9_str name);
ssize_t p9_tfsync(void *buf, size_t cap, uint16_t tag, uint32_t fid, uint32_t datasync);
ssize_t p9_tclunk(void *buf, size_t cap, uint16_t tag, uint32_t fid);

/* Responses. */
int p9_rversion(const void *buf, size_t len, uint32_t *msize, struct p9_str *version);
/* Rattach, Rmkdir, Rsymlink: a qid. */
int p9_rqid(const void *buf, size_t len, uint16_t tag, enum p9_type type, struct p9_qid *qid);
/* At most max qids; more is malformed. */
int p9_rwalk(const void *buf, size_t len, uint16_t tag, struct p9_qid *qids, unsigned int max,
	     unsigned int *nwqid);
/* Rlopen, Rlcreate. */
int p9_ropen(const void *buf, size_t len, uint16_t tag, enum p9_type type, struct p9_qid *qid,
	     uint32_t *iounit);
int p9_rgetattr(const void *buf, size_t len, uint16_t tag, struct p9_attr *attr);
/* Rread, Rreaddir: count bytes at *data. */
int p9_rdata(const void *buf, size_t len, uint16_t tag, enum p9_type type, const void **data,
	     uint32_t *count);
int p9_rwrite(const void *buf, size_t len, uint16_t tag, uint32_t *count);
int p9_rreadlink(const void *buf, size_t len, uint16_t tag, struct p9_str *target);
/* Responses without a body: Rsetattr, Rfsync, Rlink, Rrenameat, Runlinkat, Rclunk. */
int p9_rempty(const void *buf, size_t len, uint16_t tag, enum p9_type type);

/*
 * The directory entry at *pos of Rreaddir's data, moving *pos past it: 1, 0
 * at the end of the data, -EIO when malformed.
 */
int p9_dirent_next(const void *data, size_t len, size_t *pos, struct p9_dirent *ent);

#endif /* TESSERA_P9_H */
