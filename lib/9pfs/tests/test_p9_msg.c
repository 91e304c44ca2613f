/*
 * 9P2000.L messages: every request's bytes, every response decoded, and
 * malformed responses (truncated anywhere, a size field that lies, a wrong
 * tag or type, bad counts) rejected with -EIO.  Each response is decoded from
 * a heap buffer of exactly its length, so that AddressSanitizer catches any
 * read past it.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <tessera/p9.h>

#define TAG 0x1234

/* A message built by hand, field by field, as the protocol lays it out. */
struct msg {
	uint8_t b[1024];
	size_t n;
};

static void m_le(struct msg *m, uint64_t v, int n)
{
	for (int i = 0; i < n; i++)
		m->b[m->n++] = v >> (8 * i);
}

static void m_str(struct msg *m, const char *s)
{
	m_le(m, strlen(s), 2);
	memcpy(m->b + m->n, s, strlen(s));
	m->n += strlen(s);
}

static void m_qid(struct msg *m, uint8_t type, uint32_t version, uint64_t path)
{
	m_le(m, type, 1);
	m_le(m, version, 4);
	m_le(m, path, 8);
}

static void m_begin(struct msg *m, uint8_t type, uint16_t tag)
{
	m->n = 0;
	m_le(m, 0, 4);
	m_le(m, type, 1);
	m_le(m, tag, 2);
}

static void m_end(struct msg *m)
{
	for (int i = 0; i < 4; i++)
		m->b[i] = m->n >> (8 * i);
}

static struct p9_str str(const char *s)
{
	return (struct p9_str){s, strlen(s)};
}

/* Encode into buf, exactly the expected size, and compare; one byte less must not fit. */
#define CHECK_REQUEST(expected, encode_call)                                                       \
	do {                                                                                       \
		size_t cap = (expected)->n;                                                        \
		uint8_t *buf = calloc(1, cap);                                                     \
		assert_int_equal(encode_call, (ssize_t)(expected)->n);                             \
		assert_memory_equal(buf, (expected)->b, (expected)->n);                            \
		cap--;                                                                             \
		assert_int_equal(encode_call, -EMSGSIZE);                                          \
		free(buf);                                                                         \
	} while (0)

static void test_tversion_bytes(void **state)
{
	static const uint8_t expected[] = {21,  0,   0,   0,   100, 0xff, 0xff, 0x00, 0x00, 0x08,
					   0x00, 8, 0, '9', 'P', '2', '0',  '0',  '0',  '.',
					   'L'};
	uint8_t buf[64];

	(void)state;
	assert_int_equal(p9_tversion(buf, sizeof(buf), 512 * 1024, P9_VERSION), sizeof(expected));
	assert_memory_equal(buf, expected, sizeof(expected));
}

static void test_requests(void **state)
{
	struct p9_str names[2] = {str("dir"), str("file.txt")};
	struct p9_setattr sa = {.valid = P9_SETATTR_SIZE | P9_SETATTR_MODE, .mode = 0644,
				.uid = 1, .gid = 2, .size = 0x123456789, .atime_sec = 3,
				.atime_nsec = 4, .mtime_sec = 5, .mtime_nsec = 6};
	struct msg m;

	(void)state;
	m_begin(&m, P9_TATTACH, TAG), m_le(&m, 1, 4), m_le(&m, P9_NOFID, 4), m_str(&m, "root");
	m_str(&m, ""), m_le(&m, 0, 4), m_end(&m);
	CHECK_REQUEST(&m, p9_tattach(buf, cap, TAG, 1, P9_NOFID, str("root"), str(""), 0));

	m_begin(&m, P9_TWALK, TAG), m_le(&m, 1, 4), m_le(&m, 2, 4), m_le(&m, 2, 2);
	m_str(&m, "dir"), m_str(&m, "file.txt"), m_end(&m);
	CHECK_REQUEST(&m, p9_twalk(buf, cap, TAG, 1, 2, 2, names));

	m_begin(&m, P9_TWALK, TAG), m_le(&m, 1, 4), m_le(&m, 2, 4), m_le(&m, 0, 2), m_end(&m);
	CHECK_REQUEST(&m, p9_twalk(buf, cap, TAG, 1, 2, 0, NULL));

	m_begin(&m, P9_TGETATTR, TAG), m_le(&m, 7, 4), m_le(&m, P9_GETATTR_BASIC, 8), m_end(&m);
	CHECK_REQUEST(&m, p9_tgetattr(buf, cap, TAG, 7, P9_GETATTR_BASIC));

	m_begin(&m, P9_TSETATTR, TAG), m_le(&m, 7, 4), m_le(&m, sa.valid, 4), m_le(&m, 0644, 4);
	m_le(&m, 1, 4), m_le(&m, 2, 4), m_le(&m, 0x123456789, 8);
	for (int i = 3; i <= 6; i++)
		m_le(&m, i, 8);
	m_end(&m);
	CHECK_REQUEST(&m, p9_tsetattr(buf, cap, TAG, 7, &sa));

	m_begin(&m, P9_TLOPEN, TAG), m_le(&m, 7, 4), m_le(&m, 02, 4), m_end(&m);
	CHECK_REQUEST(&m, p9_tlopen(buf, cap, TAG, 7, 02));

	m_begin(&m, P9_TLCREATE, TAG), m_le(&m, 7, 4), m_str(&m, "new"), m_le(&m, 0302, 4);
	m_le(&m, 0600, 4), m_le(&m, 9, 4), m_end(&m);
	CHECK_REQUEST(&m, p9_tlcreate(buf, cap, TAG, 7, str("new"), 0302, 0600, 9));

	m_begin(&m, P9_TREAD, TAG), m_le(&m, 7, 4), m_le(&m, 1ULL << 40, 8), m_le(&m, 4096, 4);
	m_end(&m);
	CHECK_REQUEST(&m, p9_tread(buf, cap, TAG, 7, 1ULL << 40, 4096));

	m_begin(&m, P9_TREADDIR, TAG), m_le(&m, 7, 4), m_le(&m, 99, 8), m_le(&m, 8192, 4);
	m_end(&m);
	CHECK_REQUEST(&m, p9_treaddir(buf, cap, TAG, 7, 99, 8192));

	/* Twrite: the header, with the data's room; the caller copies the data in. */
	m_begin(&m, P9_TWRITE, TAG), m_le(&m, 7, 4), m_le(&m, 10, 8), m_le(&m, 5, 4);
	assert_int_equal(m.n, P9_TWRITE_HEADER_SIZE);
	memset(m.b + m.n, 0, 5), m.n += 5, m_end(&m);
	CHECK_REQUEST(&m, p9_twrite(buf, cap, TAG, 7, 10, 5));

	m_begin(&m, P9_TMKDIR, TAG), m_le(&m, 7, 4), m_str(&m, "d"), m_le(&m, 0755, 4);
	m_le(&m, 0, 4), m_end(&m);
	CHECK_REQUEST(&m, p9_tmkdir(buf, cap, TAG, 7, str("d"), 0755, 0));

	m_begin(&m, P9_TUNLINKAT, TAG), m_le(&m, 7, 4), m_str(&m, "d"), m_le(&m, 0x200, 4);
	m_end(&m);
	CHECK_REQUEST(&m, p9_tunlinkat(buf, cap, TAG, 7, str("d"), P9_AT_REMOVEDIR));

	m_begin(&m, P9_TRENAMEAT, TAG), m_le(&m, 7, 4), m_str(&m, "a"), m_le(&m, 8, 4);
	m_str(&m, "bb"), m_end(&m);
	CHECK_REQUEST(&m, p9_trenameat(buf, cap, TAG, 7, str("a"), 8, str("bb")));

	m_begin(&m, P9_TSYMLINK, TAG), m_le(&m, 7, 4), m_str(&m, "link"), m_str(&m, "../target");
	m_le(&m, 0, 4), m_end(&m);
	CHECK_REQUEST(&m, p9_tsymlink(buf, cap, TAG, 7, str("link"), str("../target"), 0));

	m_begin(&m, P9_TREADLINK, TAG), m_le(&m, 7, 4), m_end(&m);
	CHECK_REQUEST(&m, p9_treadlink(buf, cap, TAG, 7));

	m_begin(&m, P9_TLINK, TAG), m_le(&m, 7, 4), m_le(&m, 8, 4), m_str(&m, "hard"), m_end(&m);
	CHECK_REQUEST(&m, p9_tlink(buf, cap, TAG, 7, 8, str("hard")));

	m_begin(&m, P9_TFSYNC, TAG), m_le(&m, 7, 4), m_le(&m, 1, 4), m_end(&m);
	CHECK_REQUEST(&m, p9_tfsync(buf, cap, TAG, 7, 1));

	m_begin(&m, P9_TCLUNK, TAG), m_le(&m, 7, 4), m_end(&m);
	CHECK_REQUEST(&m, p9_tclunk(buf, cap, TAG, 7));
}

static void test_request_limits(void **state)
{
	struct p9_str names[P9_MAXWELEM + 1];
	static char long_name[70000];
	uint8_t buf[128];

	(void)state;
	for (int i = 0; i <= P9_MAXWELEM; i++)
		names[i] = str("x");
	assert_int_equal(p9_twalk(buf, sizeof(buf), TAG, 1, 2, P9_MAXWELEM + 1, names), -EINVAL);
	memset(long_name, 'a', sizeof(long_name));
	assert_int_equal(p9_tmkdir(buf, sizeof(buf), TAG, 1,
				   (struct p9_str){long_name, sizeof(long_name)}, 0755, 0),
			 -ENAMETOOLONG);
	assert_int_equal(p9_tclunk(buf, 3, TAG, 1), -EMSGSIZE);
}

/* Decode m from a heap copy of exactly its length. */
typedef int (*decode_fn)(const void *buf, size_t len);

static int decode_copy(decode_fn decode, const uint8_t *bytes, size_t len)
{
	uint8_t *copy = malloc(len ? len : 1);
	int ret;

	memcpy(copy, bytes, len);
	ret = decode(copy, len);
	free(copy);
	return ret;
}

/* Every way of cutting or lying about a good message fails cleanly. */
static void check_malformed_variants(decode_fn decode, const struct msg *good)
{
	struct msg m = *good;

	for (size_t n = 0; n < good->n; n++)
		assert_int_equal(decode_copy(decode, good->b, n), -EIO);
	/* The size field says less than the fields need (and more than the buffer holds). */
	for (size_t size = 0; size < good->n; size++) {
		m = *good;
		for (int i = 0; i < 4; i++)
			m.b[i] = size >> (8 * i);
		assert_int_equal(decode_copy(decode, m.b, m.n), -EIO);
	}
	m = *good;
	m.b[0]++;
	assert_int_equal(decode_copy(decode, m.b, m.n), -EIO);
	/* Trailing bytes inside the message. */
	m = *good;
	m_le(&m, 0, 1), m_end(&m);
	assert_int_equal(decode_copy(decode, m.b, m.n), -EIO);
	/* Another tag, another type. */
	m = *good;
	m.b[5] ^= 1;
	assert_int_equal(decode_copy(decode, m.b, m.n), -EIO);
	m = *good;
	m.b[4] += 2;
	assert_int_equal(decode_copy(decode, m.b, m.n), -EIO);
	/* A well-formed message with bytes after it in the buffer is fine. */
	m = *good;
	m.b[m.n++] = 0xee;
	assert_int_equal(decode_copy(decode, m.b, m.n), 0);
	assert_int_equal(decode_copy(decode, good->b, good->n), 0);
}

static uint32_t msize;
static struct p9_str version;
static struct p9_qid qid, qids[P9_MAXWELEM];
static unsigned int nwqid;
static uint32_t iounit, count;
static struct p9_attr attr;
static const void *data;
static struct p9_str target;

static int dec_rversion(const void *b, size_t n) { return p9_rversion(b, n, &msize, &version); }
static int dec_rattach(const void *b, size_t n) { return p9_rqid(b, n, TAG, P9_RATTACH, &qid); }
static int dec_rmkdir(const void *b, size_t n) { return p9_rqid(b, n, TAG, P9_RMKDIR, &qid); }
static int dec_rsymlink(const void *b, size_t n) { return p9_rqid(b, n, TAG, P9_RSYMLINK, &qid); }
static int dec_rwalk(const void *b, size_t n)
{
	return p9_rwalk(b, n, TAG, qids, P9_MAXWELEM, &nwqid);
}
static int dec_rlopen(const void *b, size_t n)
{
	return p9_ropen(b, n, TAG, P9_RLOPEN, &qid, &iounit);
}
static int dec_rlcreate(const void *b, size_t n)
{
	return p9_ropen(b, n, TAG, P9_RLCREATE, &qid, &iounit);
}
static int dec_rgetattr(const void *b, size_t n) { return p9_rgetattr(b, n, TAG, &attr); }
static int dec_rread(const void *b, size_t n)
{
	return p9_rdata(b, n, TAG, P9_RREAD, &data, &count);
}
static int dec_rreaddir(const void *b, size_t n)
{
	return p9_rdata(b, n, TAG, P9_RREADDIR, &data, &count);
}
static int dec_rwrite(const void *b, size_t n) { return p9_rwrite(b, n, TAG, &count); }
static int dec_rreadlink(const void *b, size_t n) { return p9_rreadlink(b, n, TAG, &target); }
static int dec_rclunk(const void *b, size_t n) { return p9_rempty(b, n, TAG, P9_RCLUNK); }

static void test_rversion(void **state)
{
	struct msg m;

	(void)state;
	m_begin(&m, P9_RVERSION, P9_NOTAG), m_le(&m, 65536, 4), m_str(&m, "9P2000.L"), m_end(&m);
	assert_int_equal(dec_rversion(m.b, m.n), 0);
	assert_int_equal(msize, 65536);
	assert_int_equal(version.len, 8);
	assert_memory_equal(version.s, "9P2000.L", 8);
	check_malformed_variants(dec_rversion, &m);
}

static void test_qid_responses(void **state)
{
	static const struct {
		uint8_t type;
		decode_fn decode;
	} cases[] = {{P9_RATTACH, dec_rattach}, {P9_RMKDIR, dec_rmkdir}, {P9_RSYMLINK, dec_rsymlink}};
	struct msg m;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		m_begin(&m, cases[i].type, TAG), m_qid(&m, P9_QTDIR, 7, 0x1122334455667788), m_end(&m);
		assert_int_equal(cases[i].decode(m.b, m.n), 0);
		assert_int_equal(qid.type, P9_QTDIR);
		assert_int_equal(qid.version, 7);
		assert_int_equal(qid.path, 0x1122334455667788);
		check_malformed_variants(cases[i].decode, &m);
	}
}

static void test_rwalk(void **state)
{
	struct msg m;

	(void)state;
	m_begin(&m, P9_RWALK, TAG), m_le(&m, 2, 2), m_qid(&m, P9_QTDIR, 1, 10);
	m_qid(&m, 0, 2, 20), m_end(&m);
	assert_int_equal(dec_rwalk(m.b, m.n), 0);
	assert_int_equal(nwqid, 2);
	assert_int_equal(qids[0].path, 10);
	assert_int_equal(qids[1].path, 20);
	assert_int_equal(qids[1].version, 2);
	check_malformed_variants(dec_rwalk, &m);
	/* More qids than asked for. */
	m_begin(&m, P9_RWALK, TAG), m_le(&m, 2, 2), m_qid(&m, 0, 1, 10), m_qid(&m, 0, 2, 20);
	m_end(&m);
	assert_int_equal(p9_rwalk(m.b, m.n, TAG, qids, 1, &nwqid), -EIO);
	/* A count the body does not hold. */
	m_begin(&m, P9_RWALK, TAG), m_le(&m, 3, 2), m_qid(&m, 0, 1, 10), m_end(&m);
	assert_int_equal(dec_rwalk(m.b, m.n), -EIO);
	m_begin(&m, P9_RWALK, TAG), m_le(&m, 0, 2), m_end(&m);
	assert_int_equal(dec_rwalk(m.b, m.n), 0);
	assert_int_equal(nwqid, 0);
}

static void test_open_responses(void **state)
{
	struct msg m;

	(void)state;
	m_begin(&m, P9_RLOPEN, TAG), m_qid(&m, 0, 3, 42), m_le(&m, 8192, 4), m_end(&m);
	assert_int_equal(dec_rlopen(m.b, m.n), 0);
	assert_int_equal(qid.path, 42);
	assert_int_equal(iounit, 8192);
	check_malformed_variants(dec_rlopen, &m);
	m_begin(&m, P9_RLCREATE, TAG), m_qid(&m, 0, 3, 43), m_le(&m, 0, 4), m_end(&m);
	assert_int_equal(dec_rlcreate(m.b, m.n), 0);
	assert_int_equal(qid.path, 43);
	check_malformed_variants(dec_rlcreate, &m);
}

static void test_rgetattr(void **state)
{
	struct msg m;

	(void)state;
	m_begin(&m, P9_RGETATTR, TAG), m_le(&m, P9_GETATTR_BASIC, 8), m_qid(&m, 0, 1, 77);
	m_le(&m, 0100644, 4), m_le(&m, 1000, 4), m_le(&m, 1001, 4);
	for (uint64_t v = 1; v <= 11; v++) /* nlink ... ctime_nsec */
		m_le(&m, v * 100, 8);
	for (int i = 0; i < 4; i++) /* btime, gen, data_version */
		m_le(&m, 0xdead, 8);
	m_end(&m);
	assert_int_equal(m.n, 160);
	assert_int_equal(dec_rgetattr(m.b, m.n), 0);
	assert_int_equal(attr.valid, P9_GETATTR_BASIC);
	assert_int_equal(attr.qid.path, 77);
	assert_int_equal(attr.mode, 0100644);
	assert_int_equal(attr.uid, 1000);
	assert_int_equal(attr.gid, 1001);
	assert_int_equal(attr.nlink, 100);
	assert_int_equal(attr.rdev, 200);
	assert_int_equal(attr.size, 300);
	assert_int_equal(attr.blksize, 400);
	assert_int_equal(attr.blocks, 500);
	assert_int_equal(attr.atime_sec, 600);
	assert_int_equal(attr.atime_nsec, 700);
	assert_int_equal(attr.mtime_sec, 800);
	assert_int_equal(attr.mtime_nsec, 900);
	assert_int_equal(attr.ctime_sec, 1000);
	assert_int_equal(attr.ctime_nsec, 1100);
	check_malformed_variants(dec_rgetattr, &m);
}

static void test_data_responses(void **state)
{
	struct msg m;

	(void)state;
	m_begin(&m, P9_RREAD, TAG), m_le(&m, 5, 4);
	assert_int_equal(m.n, P9_RREAD_HEADER_SIZE);
	memcpy(m.b + m.n, "hello", 5), m.n += 5, m_end(&m);
	assert_int_equal(dec_rread(m.b, m.n), 0);
	assert_int_equal(count, 5);
	assert_memory_equal(data, "hello", 5);
	check_malformed_variants(dec_rread, &m);
	/* A count beyond the message. */
	m_begin(&m, P9_RREAD, TAG), m_le(&m, 6, 4);
	memcpy(m.b + m.n, "hello", 5), m.n += 5, m_end(&m);
	assert_int_equal(dec_rread(m.b, m.n), -EIO);
	m_begin(&m, P9_RREAD, TAG), m_le(&m, 0xffffffff, 4), m_end(&m);
	assert_int_equal(dec_rread(m.b, m.n), -EIO);
	m_begin(&m, P9_RREAD, TAG), m_le(&m, 0, 4), m_end(&m);
	assert_int_equal(dec_rread(m.b, m.n), 0);
	assert_int_equal(count, 0);

	m_begin(&m, P9_RREADDIR, TAG), m_le(&m, 3, 4), m.n += 3, m_end(&m);
	assert_int_equal(dec_rreaddir(m.b, m.n), 0);
	assert_int_equal(count, 3);
	check_malformed_variants(dec_rreaddir, &m);

	m_begin(&m, P9_RWRITE, TAG), m_le(&m, 4096, 4), m_end(&m);
	assert_int_equal(dec_rwrite(m.b, m.n), 0);
	assert_int_equal(count, 4096);
	check_malformed_variants(dec_rwrite, &m);
}

static void test_rreadlink(void **state)
{
	struct msg m;

	(void)state;
	m_begin(&m, P9_RREADLINK, TAG), m_str(&m, "../some/target"), m_end(&m);
	assert_int_equal(dec_rreadlink(m.b, m.n), 0);
	assert_int_equal(target.len, 14);
	assert_memory_equal(target.s, "../some/target", 14);
	check_malformed_variants(dec_rreadlink, &m);
	/* A string length beyond the message. */
	m_begin(&m, P9_RREADLINK, TAG), m_le(&m, 200, 2), m_str(&m, "x"), m_end(&m);
	assert_int_equal(dec_rreadlink(m.b, m.n), -EIO);
}

static void test_empty_responses(void **state)
{
	static const uint8_t types[] = {P9_RSETATTR, P9_RFSYNC,   P9_RLINK,
					P9_RRENAMEAT, P9_RUNLINKAT, P9_RCLUNK};
	struct msg m;

	(void)state;
	for (size_t i = 0; i < sizeof(types); i++) {
		m_begin(&m, types[i], TAG), m_end(&m);
		assert_int_equal(p9_rempty(m.b, m.n, TAG, types[i]), 0);
	}
	m_begin(&m, P9_RCLUNK, TAG), m_end(&m);
	check_malformed_variants(dec_rclunk, &m);
}

/* Rlerror carries Linux's errno, whatever the expected response was. */
static void test_rlerror(void **state)
{
	struct msg m;

	(void)state;
	m_begin(&m, P9_RLERROR, TAG), m_le(&m, ENOENT, 4), m_end(&m);
	assert_int_equal(dec_rwalk(m.b, m.n), -ENOENT);
	assert_int_equal(dec_rgetattr(m.b, m.n), -ENOENT);
	assert_int_equal(dec_rclunk(m.b, m.n), -ENOENT);
	for (size_t n = 0; n < m.n; n++)
		assert_int_equal(decode_copy(dec_rclunk, m.b, n), -EIO);
	m_begin(&m, P9_RLERROR, TAG), m_le(&m, ENOTEMPTY, 4), m_end(&m);
	assert_int_equal(dec_rclunk(m.b, m.n), -ENOTEMPTY);
	m_begin(&m, P9_RLERROR, P9_NOTAG), m_le(&m, EINVAL, 4), m_end(&m);
	assert_int_equal(dec_rversion(m.b, m.n), -EINVAL);
	/* Not an errno: 0, or out of range. */
	m_begin(&m, P9_RLERROR, TAG), m_le(&m, 0, 4), m_end(&m);
	assert_int_equal(dec_rclunk(m.b, m.n), -EIO);
	m_begin(&m, P9_RLERROR, TAG), m_le(&m, 5000, 4), m_end(&m);
	assert_int_equal(dec_rclunk(m.b, m.n), -EIO);
	/* The wrong tag. */
	m_begin(&m, P9_RLERROR, TAG + 1), m_le(&m, ENOENT, 4), m_end(&m);
	assert_int_equal(dec_rclunk(m.b, m.n), -EIO);
}

static void test_directory_entries(void **state)
{
	struct msg m = {.n = 0};
	struct p9_dirent ent;
	size_t pos = 0;
	uint8_t *copy;

	(void)state;
	m_qid(&m, P9_QTDIR, 0, 1), m_le(&m, 10, 8), m_le(&m, 4, 1), m_str(&m, ".");
	m_qid(&m, 0, 0, 2), m_le(&m, 20, 8), m_le(&m, 8, 1), m_str(&m, "hello.txt");
	copy = malloc(m.n);
	memcpy(copy, m.b, m.n);
	assert_int_equal(p9_dirent_next(copy, m.n, &pos, &ent), 1);
	assert_int_equal(ent.qid.path, 1);
	assert_int_equal(ent.offset, 10);
	assert_int_equal(ent.type, 4);
	assert_int_equal(ent.name.len, 1);
	assert_memory_equal(ent.name.s, ".", 1);
	assert_int_equal(p9_dirent_next(copy, m.n, &pos, &ent), 1);
	assert_int_equal(ent.qid.path, 2);
	assert_int_equal(ent.offset, 20);
	assert_int_equal(ent.type, 8);
	assert_memory_equal(ent.name.s, "hello.txt", 9);
	assert_int_equal(pos, m.n);
	assert_int_equal(p9_dirent_next(copy, m.n, &pos, &ent), 0);
	free(copy);
	/* Cut anywhere inside the second entry. */
	for (size_t n = 27; n < m.n; n++) {
		copy = malloc(n);
		memcpy(copy, m.b, n);
		pos = 0;
		assert_int_equal(p9_dirent_next(copy, n, &pos, &ent), 1);
		assert_int_equal(p9_dirent_next(copy, n, &pos, &ent), -EIO);
		assert_int_equal(pos, 25);
		free(copy);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tversion_bytes),
		cmocka_unit_test(test_requests),
		cmocka_unit_test(test_request_limits),
		cmocka_unit_test(test_rversion),
		cmocka_unit_test(test_qid_responses),
		cmocka_unit_test(test_rwalk),
		cmocka_unit_test(test_open_responses),
		cmocka_unit_test(test_rgetattr),
		cmocka_unit_test(test_data_responses),
		cmocka_unit_test(test_rreadlink),
		cmocka_unit_test(test_empty_responses),
		cmocka_unit_test(test_rlerror),
		cmocka_unit_test(test_directory_entries),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
