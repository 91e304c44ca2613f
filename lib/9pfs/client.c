/*
 * The 9P2000.L client (see <tessera/p9_client.h>).
 *
 * Every call allocates its own request and response buffers, sized for that
 * message, so that calls from several threads can be in flight at once, each
 * with its own tag; the transport needs them physically contiguous, which
 * the allocator's memory is.  A response buffer always has room for the
 * largest response the request can draw: the server cannot answer into less.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <tessera/alloc.h>
#include <tessera/compiler.h>
#include <tessera/list.h>
#include <tessera/metrics.h>
#include <tessera/p9_client.h>
#include <tessera/p9_transport.h>
#include <tessera/uaccess.h>

/* Fixed fields of any request (Tsetattr's 67 bytes are the most) and 16 string lengths. */
#define REQUEST_FIXED 128
/* Linux's PATH_MAX: the longest symlink target a server returns. */
#define READLINK_MAX 4096
#define MIN_MSIZE    4096

struct p9_client {
	struct p9_channel *chan;
	uint32_t msize;
	uint32_t next_fid;
	uint16_t next_tag;
	struct list_head link;
};

static LIST_HEAD(clients);

METRIC_COUNTERS(requests, "tessera_9p_requests_total", "9P requests sent, by message type", "type",
		[P9_TVERSION] = "version", [P9_TATTACH] = "attach", [P9_TWALK] = "walk",
		[P9_TLOPEN] = "lopen", [P9_TLCREATE] = "lcreate", [P9_TREAD] = "read",
		[P9_TWRITE] = "write", [P9_TREADDIR] = "readdir", [P9_TGETATTR] = "getattr",
		[P9_TSETATTR] = "setattr", [P9_TMKDIR] = "mkdir", [P9_TUNLINKAT] = "unlinkat",
		[P9_TRENAMEAT] = "renameat", [P9_TSYMLINK] = "symlink", [P9_TREADLINK] = "readlink",
		[P9_TLINK] = "link", [P9_TFSYNC] = "fsync", [P9_TCLUNK] = "clunk");
METRIC_COUNTER(errors, "tessera_9p_errors_total", "9P requests the server answered with an error");

/* One exchange: request and response buffers, and the tag that pairs them. */
struct call {
	struct p9_client *c;
	void *req;
	size_t req_cap;
	void *resp;
	size_t resp_cap;
	size_t resp_len;
	uint16_t tag;
};

static uint16_t new_tag(struct p9_client *c)
{
	if (c->next_tag == P9_NOTAG)
		c->next_tag = 0;
	return c->next_tag++;
}

static uint32_t new_fid(struct p9_client *c)
{
	if (c->next_fid == P9_NOFID)
		c->next_fid = 0;
	return c->next_fid++;
}

static void call_end(struct call *call)
{
	alloc_free(alloc_default(), call->req);
	alloc_free(alloc_default(), call->resp);
}

/* Buffers for a request of at most req_cap bytes and a response of at most resp_cap. */
static int call_begin(struct p9_client *c, struct call *call, size_t req_cap, size_t resp_cap)
{
	call->c = c;
	call->req = alloc_malloc(alloc_default(), req_cap);
	call->resp = alloc_malloc(alloc_default(), resp_cap);
	call->req_cap = req_cap;
	call->resp_cap = resp_cap;
	call->tag = new_tag(c);
	if (!call->req || !call->resp) {
		call_end(call);
		call->req = call->resp = NULL;
		return -ENOMEM;
	}
	return 0;
}

/* Send the request the encoder wrote (req_len, or its error) and receive the response. */
static int call_send(struct call *call, ssize_t req_len)
{
	long n;

	if (req_len < 0)
		return req_len;
	metric_add(requests[((uint8_t *)call->req)[4]], 1);
	n = p9_transport_rpc(call->c->chan, call->req, req_len, call->resp, call->resp_cap);
	if (n < 0)
		return n;
	if (n > 4 && ((uint8_t *)call->resp)[4] == P9_RLERROR)
		metric_add(errors, 1);
	call->resp_len = n;
	return 0;
}

static size_t small_request(size_t strings)
{
	return REQUEST_FIXED + strings;
}

static int negotiate_version(struct p9_client *c)
{
	struct p9_str version;
	struct call call;
	uint32_t msize;
	int err = call_begin(c, &call, small_request(sizeof(P9_VERSION)), P9_SMALL_RESPONSE);

	if (!err)
		err = call_send(&call,
				p9_tversion(call.req, call.req_cap, CONFIG_P9_MSIZE, P9_VERSION));
	if (!err)
		err = p9_rversion(call.resp, call.resp_len, &msize, &version);
	if (!err &&
	    (version.len != strlen(P9_VERSION) || memcmp(version.s, P9_VERSION, version.len)))
		err = -EPROTONOSUPPORT;
	if (!err && (msize < MIN_MSIZE || msize > CONFIG_P9_MSIZE))
		err = -EIO;
	call_end(&call);
	if (!err)
		c->msize = msize;
	return err;
}

int p9_client_get(const char *tag, struct p9_client **out)
{
	struct p9_channel *chan = p9_channel_find(tag);
	struct p9_client *c;
	int err;

	if (!chan)
		return -ENOENT;
	list_for_each_entry(c, &clients, link) {
		if (c->chan == chan) {
			*out = c;
			return 0;
		}
	}
	c = alloc_calloc(alloc_default(), 1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	c->chan = chan;
	err = negotiate_version(c);
	if (err) {
		alloc_free(alloc_default(), c);
		return err;
	}
	list_add_tail(&c->link, &clients);
	*out = c;
	return 0;
}

uint32_t p9_client_msize(const struct p9_client *c)
{
	return c->msize;
}

int p9_attach(struct p9_client *c, struct p9_str aname, uint32_t *fid, struct p9_qid *qid)
{
	/* The unikernel is root: user 0, by number (9P2000.L) and by name. */
	struct p9_str uname = {"root", 4};
	uint32_t newfid = new_fid(c);
	struct call call;
	int err = call_begin(c, &call, small_request(uname.len + aname.len), P9_SMALL_RESPONSE);

	if (!err)
		err = call_send(&call, p9_tattach(call.req, call.req_cap, call.tag, newfid,
						  P9_NOFID, uname, aname, 0));
	if (!err)
		err = p9_rqid(call.resp, call.resp_len, call.tag, P9_RATTACH, qid);
	call_end(&call);
	if (!err)
		*fid = newfid;
	return err;
}

int p9_walk(struct p9_client *c, uint32_t fid, unsigned int nwname, const struct p9_str *names,
	    uint32_t *newfid, struct p9_qid *qid)
{
	struct p9_qid qids[P9_MAXWELEM];
	uint32_t nfid = new_fid(c);
	unsigned int nwqid;
	size_t strings = 0;
	struct call call;
	int err;

	if (nwname > P9_MAXWELEM)
		return -EINVAL;
	for (unsigned int i = 0; i < nwname; i++)
		strings += names[i].len;
	err = call_begin(c, &call, small_request(strings), P9_SMALL_RESPONSE);
	if (!err)
		err = call_send(&call, p9_twalk(call.req, call.req_cap, call.tag, fid, nfid, nwname,
						names));
	if (!err)
		err = p9_rwalk(call.resp, call.resp_len, call.tag, qids, nwname, &nwqid);
	call_end(&call);
	if (err)
		return err;
	/* A partial walk leaves newfid unused. */
	if (nwqid < nwname)
		return -ENOENT;
	if (qid && nwname)
		*qid = qids[nwname - 1];
	*newfid = nfid;
	return 0;
}

int p9_getattr(struct p9_client *c, uint32_t fid, struct p9_attr *attr)
{
	struct call call;
	int err = call_begin(c, &call, small_request(0), P9_SMALL_RESPONSE);

	if (!err)
		err = call_send(&call, p9_tgetattr(call.req, call.req_cap, call.tag, fid,
						   P9_GETATTR_BASIC));
	if (!err)
		err = p9_rgetattr(call.resp, call.resp_len, call.tag, attr);
	call_end(&call);
	return err;
}

int p9_setattr(struct p9_client *c, uint32_t fid, const struct p9_setattr *attr)
{
	struct call call;
	int err = call_begin(c, &call, small_request(0), P9_SMALL_RESPONSE);

	if (!err)
		err = call_send(&call, p9_tsetattr(call.req, call.req_cap, call.tag, fid, attr));
	if (!err)
		err = p9_rempty(call.resp, call.resp_len, call.tag, P9_RSETATTR);
	call_end(&call);
	return err;
}

/* Rlopen and Rlcreate also give the file's qid and the server's preferred I/O size: unused. */
int p9_lopen(struct p9_client *c, uint32_t fid, uint32_t flags)
{
	struct p9_qid qid;
	struct call call;
	uint32_t iounit;
	int err = call_begin(c, &call, small_request(0), P9_SMALL_RESPONSE);

	if (!err)
		err = call_send(&call, p9_tlopen(call.req, call.req_cap, call.tag, fid, flags));
	if (!err)
		err = p9_ropen(call.resp, call.resp_len, call.tag, P9_RLOPEN, &qid, &iounit);
	call_end(&call);
	return err;
}

int p9_lcreate(struct p9_client *c, uint32_t fid, struct p9_str name, uint32_t flags, uint32_t mode,
	       uint32_t gid)
{
	struct p9_qid qid;
	struct call call;
	uint32_t iounit;
	int err = call_begin(c, &call, small_request(name.len), P9_SMALL_RESPONSE);

	if (!err)
		err = call_send(&call, p9_tlcreate(call.req, call.req_cap, call.tag, fid, name,
						   flags, mode, gid));
	if (!err)
		err = p9_ropen(call.resp, call.resp_len, call.tag, P9_RLCREATE, &qid, &iounit);
	call_end(&call);
	return err;
}

/* At most one message's worth of reading into buf (the application's memory, maybe). */
static ssize_t read_once(struct p9_client *c, uint32_t fid, uint64_t offset, void *buf,
			 uint32_t len)
{
	const void *data;
	uint32_t count;
	struct call call;
	int err = call_begin(c, &call, small_request(0), P9_RREAD_HEADER_SIZE + len);

	if (!err)
		err = call_send(&call,
				p9_tread(call.req, call.req_cap, call.tag, fid, offset, len));
	if (!err)
		err = p9_rdata(call.resp, call.resp_len, call.tag, P9_RREAD, &data, &count);
	if (!err && count > len)
		err = -EIO;
	if (!err && count) {
		/* A fault part-way keeps what was copied: the read is short. */
		count = copy_to_user_partial(buf, data, count);
		if (!count)
			err = -EFAULT;
	}
	call_end(&call);
	return err ? err : (ssize_t)count;
}

static ssize_t write_once(struct p9_client *c, uint32_t fid, uint64_t offset, const void *buf,
			  uint32_t len)
{
	uint32_t count;
	struct call call;
	int err = call_begin(c, &call, P9_TWRITE_HEADER_SIZE + len, P9_SMALL_RESPONSE);

	if (!err)
		err = copy_from_user((char *)call.req + P9_TWRITE_HEADER_SIZE, buf, len);
	if (!err)
		err = call_send(&call,
				p9_twrite(call.req, call.req_cap, call.tag, fid, offset, len));
	if (!err)
		err = p9_rwrite(call.resp, call.resp_len, call.tag, &count);
	if (!err && count > len)
		err = -EIO;
	call_end(&call);
	return err ? err : (ssize_t)count;
}

/* Move len bytes in messages of at most msize; stop early at a short transfer or an error. */
static ssize_t transfer(struct p9_client *c, uint32_t fid, uint64_t offset, char *buf, size_t len,
			bool write)
{
	size_t done = 0;

	while (done < len) {
		uint32_t want = MIN(len - done, c->msize - P9_IOHDRSZ);
		ssize_t n = write ? write_once(c, fid, offset + done, buf + done, want)
				  : read_once(c, fid, offset + done, buf + done, want);

		if (n < 0)
			return done ? (ssize_t)done : n;
		done += n;
		if ((uint32_t)n < want)
			break;
	}
	return done;
}

ssize_t p9_read(struct p9_client *c, uint32_t fid, uint64_t offset, void *buf, size_t len)
{
	return transfer(c, fid, offset, buf, len, false);
}

ssize_t p9_write(struct p9_client *c, uint32_t fid, uint64_t offset, const void *buf, size_t len)
{
	/* transfer() only reads buf when writing. */
	return transfer(c, fid, offset, (char *)buf, len, true);
}

ssize_t p9_readdir(struct p9_client *c, uint32_t fid, uint64_t offset, void *buf, size_t len)
{
	uint32_t want = MIN(len, c->msize - P9_IOHDRSZ), count;
	const void *data;
	struct call call;
	int err = call_begin(c, &call, small_request(0), P9_RREAD_HEADER_SIZE + want);

	if (!err)
		err = call_send(&call,
				p9_treaddir(call.req, call.req_cap, call.tag, fid, offset, want));
	if (!err)
		err = p9_rdata(call.resp, call.resp_len, call.tag, P9_RREADDIR, &data, &count);
	if (!err && count > want)
		err = -EIO;
	if (!err)
		memcpy(buf, data, count);
	call_end(&call);
	return err ? err : (ssize_t)count;
}

int p9_mkdir(struct p9_client *c, uint32_t dfid, struct p9_str name, uint32_t mode, uint32_t gid)
{
	struct p9_qid qid;
	struct call call;
	int err = call_begin(c, &call, small_request(name.len), P9_SMALL_RESPONSE);

	if (!err)
		err = call_send(&call,
				p9_tmkdir(call.req, call.req_cap, call.tag, dfid, name, mode, gid));
	if (!err)
		err = p9_rqid(call.resp, call.resp_len, call.tag, P9_RMKDIR, &qid);
	call_end(&call);
	return err;
}

int p9_unlinkat(struct p9_client *c, uint32_t dfid, struct p9_str name, uint32_t flags)
{
	struct call call;
	int err = call_begin(c, &call, small_request(name.len), P9_SMALL_RESPONSE);

	if (!err)
		err = call_send(&call,
				p9_tunlinkat(call.req, call.req_cap, call.tag, dfid, name, flags));
	if (!err)
		err = p9_rempty(call.resp, call.resp_len, call.tag, P9_RUNLINKAT);
	call_end(&call);
	return err;
}

int p9_renameat(struct p9_client *c, uint32_t olddfid, struct p9_str oldname, uint32_t newdfid,
		struct p9_str newname)
{
	struct call call;
	int err = call_begin(c, &call, small_request(oldname.len + newname.len), P9_SMALL_RESPONSE);

	if (!err)
		err = call_send(&call, p9_trenameat(call.req, call.req_cap, call.tag, olddfid,
						    oldname, newdfid, newname));
	if (!err)
		err = p9_rempty(call.resp, call.resp_len, call.tag, P9_RRENAMEAT);
	call_end(&call);
	return err;
}

int p9_symlink(struct p9_client *c, uint32_t dfid, struct p9_str name, struct p9_str target,
	       uint32_t gid)
{
	struct p9_qid qid;
	struct call call;
	int err = call_begin(c, &call, small_request(name.len + target.len), P9_SMALL_RESPONSE);

	if (!err)
		err = call_send(&call, p9_tsymlink(call.req, call.req_cap, call.tag, dfid, name,
						   target, gid));
	if (!err)
		err = p9_rqid(call.resp, call.resp_len, call.tag, P9_RSYMLINK, &qid);
	call_end(&call);
	return err;
}

ssize_t p9_readlink(struct p9_client *c, uint32_t fid, char *buf, size_t len)
{
	struct p9_str target;
	struct call call;
	int err = call_begin(c, &call, small_request(0), P9_HEADER_SIZE + 2 + READLINK_MAX);

	if (!err)
		err = call_send(&call, p9_treadlink(call.req, call.req_cap, call.tag, fid));
	if (!err)
		err = p9_rreadlink(call.resp, call.resp_len, call.tag, &target);
	if (!err) {
		len = MIN(len, target.len);
		memcpy(buf, target.s, len);
	}
	call_end(&call);
	return err ? err : (ssize_t)len;
}

int p9_link(struct p9_client *c, uint32_t dfid, uint32_t fid, struct p9_str name)
{
	struct call call;
	int err = call_begin(c, &call, small_request(name.len), P9_SMALL_RESPONSE);

	if (!err)
		err = call_send(&call, p9_tlink(call.req, call.req_cap, call.tag, dfid, fid, name));
	if (!err)
		err = p9_rempty(call.resp, call.resp_len, call.tag, P9_RLINK);
	call_end(&call);
	return err;
}

int p9_fsync(struct p9_client *c, uint32_t fid, int datasync)
{
	struct call call;
	int err = call_begin(c, &call, small_request(0), P9_SMALL_RESPONSE);

	if (!err)
		err = call_send(&call, p9_tfsync(call.req, call.req_cap, call.tag, fid, datasync));
	if (!err)
		err = p9_rempty(call.resp, call.resp_len, call.tag, P9_RFSYNC);
	call_end(&call);
	return err;
}

int p9_clunk(struct p9_client *c, uint32_t fid)
{
	struct call call;
	int err = call_begin(c, &call, small_request(0), P9_SMALL_RESPONSE);

	if (!err)
		err = call_send(&call, p9_tclunk(call.req, call.req_cap, call.tag, fid));
	if (!err)
		err = p9_rempty(call.resp, call.resp_len, call.tag, P9_RCLUNK);
	call_end(&call);
	return err;
}
