/*
 * 9P2000.L message encoding and decoding (see <tessera/p9.h>).
 *
 * A writer and a reader carry a sticky failure, so that a message is written
 * or read field by field and checked once at the end.  The reader is bounded
 * by the smaller of the buffer and the message's own size field.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <tessera/p9.h>

struct writer {
	uint8_t *buf;
	size_t cap;
	size_t pos;
	int err;
};

struct reader {
	const uint8_t *buf;
	size_t len;
	size_t pos;
	bool bad;
};

static void put_bytes(struct writer *w, const void *src, size_t n)
{
	if (w->err)
		return;
	if (n > w->cap - w->pos) {
		w->err = -EMSGSIZE;
		return;
	}
	memcpy(w->buf + w->pos, src, n);
	w->pos += n;
}

static void put_le(struct writer *w, uint64_t v, unsigned int n)
{
	uint8_t b[8];

	for (unsigned int i = 0; i < n; i++)
		b[i] = v >> (8 * i);
	put_bytes(w, b, n);
}

#define put_u8(w, v)  put_le(w, v, 1)
#define put_u16(w, v) put_le(w, v, 2)
#define put_u32(w, v) put_le(w, v, 4)
#define put_u64(w, v) put_le(w, v, 8)

static void put_str(struct writer *w, struct p9_str s)
{
	if (s.len > UINT16_MAX && !w->err)
		w->err = -ENAMETOOLONG;
	put_u16(w, s.len);
	put_bytes(w, s.s, s.len);
}

/* The size field is filled in by finish(). */
static struct writer start(void *buf, size_t cap, enum p9_type type, uint16_t tag)
{
	struct writer w = {buf, cap, 0, 0};

	put_u32(&w, 0);
	put_u8(&w, type);
	put_u16(&w, tag);
	return w;
}

static ssize_t finish(struct writer *w)
{
	if (w->err)
		return w->err;
	if (w->pos > UINT32_MAX)
		return -EMSGSIZE;
	for (unsigned int i = 0; i < 4; i++)
		w->buf[i] = w->pos >> (8 * i);
	return w->pos;
}

ssize_t p9_tversion(void *buf, size_t cap, uint32_t msize, const char *version)
{
	struct writer w = start(buf, cap, P9_TVERSION, P9_NOTAG);

	put_u32(&w, msize);
	put_str(&w, (struct p9_str){version, strlen(version)});
	return finish(&w);
}

ssize_t p9_tattach(void *buf, size_t cap, uint16_t tag, uint32_t fid, uint32_t afid,
		   struct p9_str uname, struct p9_str aname, uint32_t n_uname)
{
	struct writer w = start(buf, cap, P9_TATTACH, tag);

	put_u32(&w, fid);
	put_u32(&w, afid);
	put_str(&w, uname);
	put_str(&w, aname);
	put_u32(&w, n_uname);
	return finish(&w);
}

ssize_t p9_twalk(void *buf, size_t cap, uint16_t tag, uint32_t fid, uint32_t newfid,
		 unsigned int nwname, const struct p9_str *wnames)
{
	struct writer w = start(buf, cap, P9_TWALK, tag);

	if (nwname > P9_MAXWELEM)
		return -EINVAL;
	put_u32(&w, fid);
	put_u32(&w, newfid);
	put_u16(&w, nwname);
	for (unsigned int i = 0; i < nwname; i++)
		put_str(&w, wnames[i]);
	return finish(&w);
}

ssize_t p9_tgetattr(void *buf, size_t cap, uint16_t tag, uint32_t fid, uint64_t mask)
{
	struct writer w = start(buf, cap, P9_TGETATTR, tag);

	put_u32(&w, fid);
	put_u64(&w, mask);
	return finish(&w);
}

ssize_t p9_tsetattr(void *buf, size_t cap, uint16_t tag, uint32_t fid,
		    const struct p9_setattr *attr)
{
	struct writer w = start(buf, cap, P9_TSETATTR, tag);

	put_u32(&w, fid);
	put_u32(&w, attr->valid);
	put_u32(&w, attr->mode);
	put_u32(&w, attr->uid);
	put_u32(&w, attr->gid);
	put_u64(&w, attr->size);
	put_u64(&w, attr->atime_sec);
	put_u64(&w, attr->atime_nsec);
	put_u64(&w, attr->mtime_sec);
	put_u64(&w, attr->mtime_nsec);
	return finish(&w);
}

ssize_t p9_tlopen(void *buf, size_t cap, uint16_t tag, uint32_t fid, uint32_t flags)
{
	struct writer w = start(buf, cap, P9_TLOPEN, tag);

	put_u32(&w, fid);
	put_u32(&w, flags);
	return finish(&w);
}

ssize_t p9_tlcreate(void *buf, size_t cap, uint16_t tag, uint32_t fid, struct p9_str name,
		    uint32_t flags, uint32_t mode, uint32_t gid)
{
	struct writer w = start(buf, cap, P9_TLCREATE, tag);

	put_u32(&w, fid);
	put_str(&w, name);
	put_u32(&w, flags);
	put_u32(&w, mode);
	put_u32(&w, gid);
	return finish(&w);
}

/* Tread and Treaddir share a layout. */
static ssize_t fid_offset_count(void *buf, size_t cap, enum p9_type type, uint16_t tag,
				uint32_t fid, uint64_t offset, uint32_t count)
{
	struct writer w = start(buf, cap, type, tag);

	put_u32(&w, fid);
	put_u64(&w, offset);
	put_u32(&w, count);
	return finish(&w);
}

ssize_t p9_tread(void *buf, size_t cap, uint16_t tag, uint32_t fid, uint64_t offset,
		 uint32_t count)
{
	return fid_offset_count(buf, cap, P9_TREAD, tag, fid, offset, count);
}

ssize_t p9_treaddir(void *buf, size_t cap, uint16_t tag, uint32_t fid, uint64_t offset,
		    uint32_t count)
{
	return fid_offset_count(buf, cap, P9_TREADDIR, tag, fid, offset, count);
}

ssize_t p9_twrite(void *buf, size_t cap, uint16_t tag, uint32_t fid, uint64_t offset,
		  uint32_t count)
{
	struct writer w = start(buf, cap, P9_TWRITE, tag);

	put_u32(&w, fid);
	put_u64(&w, offset);
	put_u32(&w, count);
	if (!w.err && count > w.cap - w.pos)
		w.err = -EMSGSIZE;
	w.pos += count; /* the caller's data */
	return finish(&w);
}

ssize_t p9_tmkdir(void *buf, size_t cap, uint16_t tag, uint32_t dfid, struct p9_str name,
		  uint32_t mode, uint32_t gid)
{
	struct writer w = start(buf, cap, P9_TMKDIR, tag);

	put_u32(&w, dfid);
	put_str(&w, name);
	put_u32(&w, mode);
	put_u32(&w, gid);
	return finish(&w);
}

ssize_t p9_tunlinkat(void *buf, size_t cap, uint16_t tag, uint32_t dfid, struct p9_str name,
		     uint32_t flags)
{
	struct writer w = start(buf, cap, P9_TUNLINKAT, tag);

	put_u32(&w, dfid);
	put_str(&w, name);
	put_u32(&w, flags);
	return finish(&w);
}

ssize_t p9_trenameat(void *buf, size_t cap, uint16_t tag, uint32_t olddfid,
		     struct p9_str oldname, uint32_t newdfid, struct p9_str newname)
{
	struct writer w = start(buf, cap, P9_TRENAMEAT, tag);

	put_u32(&w, olddfid);
	put_str(&w, oldname);
	put_u32(&w, newdfid);
	put_str(&w, newname);
	return finish(&w);
}

ssize_t p9_tsymlink(void *buf, size_t cap, uint16_t tag, uint32_t dfid, struct p9_str name,
		    struct p9_str target, uint32_t gid)
{
	struct writer w = start(buf, cap, P9_TSYMLINK, tag);

	put_u32(&w, dfid);
	put_str(&w, name);
	put_str(&w, target);
	put_u32(&w, gid);
	return finish(&w);
}

/* Treadlink and Tclunk: a fid alone. */
static ssize_t fid_only(void *buf, size_t cap, enum p9_type type, uint16_t tag, uint32_t fid)
{
	struct writer w = start(buf, cap, type, tag);

	put_u32(&w, fid);
	return finish(&w);
}

ssize_t p9_treadlink(void *buf, size_t cap, uint16_t tag, uint32_t fid)
{
	return fid_only(buf, cap, P9_TREADLINK, tag, fid);
}

ssize_t p9_tclunk(void *buf, size_t cap, uint16_t tag, uint32_t fid)
{
	return fid_only(buf, cap, P9_TCLUNK, tag, fid);
}

ssize_t p9_tlink(void *buf, size_t cap, uint16_t tag, uint32_t dfid, uint32_t fid,
		 struct p9_str name)
{
	struct writer w = start(buf, cap, P9_TLINK, tag);

	put_u32(&w, dfid);
	put_u32(&w, fid);
	put_str(&w, name);
	return finish(&w);
}

ssize_t p9_tfsync(void *buf, size_t cap, uint16_t tag, uint32_t fid, uint32_t datasync)
{
	struct writer w = start(buf, cap, P9_TFSYNC, tag);

	put_u32(&w, fid);
	put_u32(&w, datasync);
	return finish(&w);
}

/* Decoding ------------------------------------------------------------------ */

static const void *get_bytes(struct reader *r, size_t n)
{
	const void *p = r->buf + r->pos;

	if (r->bad || n > r->len - r->pos) {
		r->bad = true;
		return NULL;
	}
	r->pos += n;
	return p;
}

static uint64_t get_le(struct reader *r, unsigned int n)
{
	const uint8_t *b = get_bytes(r, n);
	uint64_t v = 0;

	for (unsigned int i = 0; b && i < n; i++)
		v |= (uint64_t)b[i] << (8 * i);
	return v;
}

#define get_u8(r)  ((uint8_t)get_le(r, 1))
#define get_u16(r) ((uint16_t)get_le(r, 2))
#define get_u32(r) ((uint32_t)get_le(r, 4))
#define get_u64(r) get_le(r, 8)

static struct p9_str get_str(struct reader *r)
{
	size_t len = get_u16(r);
	const char *s = get_bytes(r, len);

	return (struct p9_str){s, s ? len : 0};
}

static struct p9_qid get_qid(struct reader *r)
{
	struct p9_qid q;

	q.type = get_u8(r);
	q.version = get_u32(r);
	q.path = get_u64(r);
	return q;
}

/* An errno from the server: Linux's values, 1 to 4095. */
static int server_error(uint32_t ecode)
{
	return ecode && ecode < 4096 ? -(int)ecode : -EIO;
}

/*
 * Check the header: 0 with r at the body, bounded by the size field; the
 * server's error for an Rlerror; -EIO when malformed.
 */
static int begin(struct reader *r, const void *buf, size_t len, uint16_t tag, enum p9_type type)
{
	uint32_t size;
	uint8_t got;
	uint32_t ecode;

	*r = (struct reader){buf, len, 0, false};
	size = get_u32(r);
	got = get_u8(r);
	if (r->bad || size < P9_HEADER_SIZE || size > len || get_u16(r) != tag)
		return -EIO;
	r->len = size;
	if (got == P9_RLERROR) {
		ecode = get_u32(r);
		return r->bad || r->pos != r->len ? -EIO : server_error(ecode);
	}
	return got == type ? 0 : -EIO;
}

/* Every field read, nothing left over. */
static int end(const struct reader *r)
{
	return r->bad || r->pos != r->len ? -EIO : 0;
}

int p9_rversion(const void *buf, size_t len, uint32_t *msize, struct p9_str *version)
{
	struct reader r;
	int err = begin(&r, buf, len, P9_NOTAG, P9_RVERSION);

	if (err)
		return err;
	*msize = get_u32(&r);
	*version = get_str(&r);
	return end(&r);
}

int p9_rqid(const void *buf, size_t len, uint16_t tag, enum p9_type type, struct p9_qid *qid)
{
	struct reader r;
	int err = begin(&r, buf, len, tag, type);

	if (err)
		return err;
	*qid = get_qid(&r);
	return end(&r);
}

int p9_rwalk(const void *buf, size_t len, uint16_t tag, struct p9_qid *qids, unsigned int max,
	     unsigned int *nwqid)
{
	struct reader r;
	int err = begin(&r, buf, len, tag, P9_RWALK);

	if (err)
		return err;
	*nwqid = get_u16(&r);
	if (*nwqid > max)
		return -EIO;
	for (unsigned int i = 0; i < *nwqid; i++)
		qids[i] = get_qid(&r);
	return end(&r);
}

int p9_ropen(const void *buf, size_t len, uint16_t tag, enum p9_type type, struct p9_qid *qid,
	     uint32_t *iounit)
{
	struct reader r;
	int err = begin(&r, buf, len, tag, type);

	if (err)
		return err;
	*qid = get_qid(&r);
	*iounit = get_u32(&r);
	return end(&r);
}

int p9_rgetattr(const void *buf, size_t len, uint16_t tag, struct p9_attr *a)
{
	struct reader r;
	int err = begin(&r, buf, len, tag, P9_RGETATTR);

	if (err)
		return err;
	a->valid = get_u64(&r);
	a->qid = get_qid(&r);
	a->mode = get_u32(&r);
	a->uid = get_u32(&r);
	a->gid = get_u32(&r);
	a->nlink = get_u64(&r);
	a->rdev = get_u64(&r);
	a->size = get_u64(&r);
	a->blksize = get_u64(&r);
	a->blocks = get_u64(&r);
	a->atime_sec = get_u64(&r);
	a->atime_nsec = get_u64(&r);
	a->mtime_sec = get_u64(&r);
	a->mtime_nsec = get_u64(&r);
	a->ctime_sec = get_u64(&r);
	a->ctime_nsec = get_u64(&r);
	get_bytes(&r, 4 * 8); /* btime, gen, data_version: reserved for future use */
	return end(&r);
}

int p9_rdata(const void *buf, size_t len, uint16_t tag, enum p9_type type, const void **data,
	     uint32_t *count)
{
	struct reader r;
	int err = begin(&r, buf, len, tag, type);

	if (err)
		return err;
	*count = get_u32(&r);
	*data = get_bytes(&r, *count);
	return end(&r);
}

int p9_rwrite(const void *buf, size_t len, uint16_t tag, uint32_t *count)
{
	struct reader r;
	int err = begin(&r, buf, len, tag, P9_RWRITE);

	if (err)
		return err;
	*count = get_u32(&r);
	return end(&r);
}

int p9_rreadlink(const void *buf, size_t len, uint16_t tag, struct p9_str *target)
{
	struct reader r;
	int err = begin(&r, buf, len, tag, P9_RREADLINK);

	if (err)
		return err;
	*target = get_str(&r);
	return end(&r);
}

int p9_rempty(const void *buf, size_t len, uint16_t tag, enum p9_type type)
{
	struct reader r;
	int err = begin(&r, buf, len, tag, type);

	return err ? err : end(&r);
}

int p9_dirent_next(const void *data, size_t len, size_t *pos, struct p9_dirent *ent)
{
	struct reader r = {data, len, *pos, false};

	if (*pos >= len)
		return 0;
	ent->qid = get_qid(&r);
	ent->offset = get_u64(&r);
	ent->type = get_u8(&r);
	ent->name = get_str(&r);
	if (r.bad)
		return -EIO;
	*pos = r.pos;
	return 1;
}
