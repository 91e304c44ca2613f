"""cpio "newc" archives whose regular files' data start on page boundaries.

The kernel maps file pages straight out of the initrd, so a file's data must
start at a multiple of 4096 bytes from the start of the archive.  newc puts
the data right after a 110-byte header and the NUL-terminated name, padded to
4 bytes; the name field's length (c_namesize) is in the header, and readers
take the name up to its first NUL.  So a file is aligned by padding its name
field with NULs (as dracut-cpio --data-align does): GNU cpio and Linux's
initramfs unpacker accept that as long as c_namesize stays within PATH_MAX
(4096; Linux skips longer entries).  When the gap to the next page is too big
for that, the root directory's entry is written once more first, its own
name field soaking up most of the gap: a directory entry repeated with the
same mode is harmless to every unpacker.  Ours (lib/initrd/cpio.c) ends a
name at its first NUL and skips ".".

A file's last page is shared with the header that follows it, so an
unpacker that maps pages in place must copy that page (or clear its tail).
"""
import os
import stat
from dataclasses import dataclass

from errors import CliError

PAGE = 4096
HEADER = 110
PATH_MAX = 4096
MAX_NAME = PATH_MAX - 128  # leaves a filler entry room for its header: see _align
TRAILER = "TRAILER!!!"


@dataclass
class Entry:
    """One member: st_mode, owner and device number, and its data: bytes (a symlink's
    target, generated files) or a host file copied when the archive is written."""
    mode: int
    data: bytes = b""
    source: str = ""
    size: int = 0  # of source
    uid: int = 0
    gid: int = 0
    rdev: int = 0

    @property
    def length(self):
        return self.size if self.source else len(self.data)


def _pad4(n):
    return -n % 4


class _Writer:
    def __init__(self, out, mtime):
        self.out, self.mtime = out, mtime
        self.off = 0
        self.ino = 0
        self.root = (1, Entry(stat.S_IFDIR | 0o755))  # its inode number and entry

    def add(self, name, entry):
        """Append name ("." for the root, no leading slash) and its entry."""
        raw = name.encode("utf-8", "surrogateescape") + b"\0"
        if len(raw) > MAX_NAME:
            raise CliError(f"/{name}: path too long for the archive")
        if entry.length >= 1 << 32:
            raise CliError(f"/{name}: 4 GiB or more, too big for a newc archive")
        namesize = len(raw)
        if stat.S_ISREG(entry.mode) and entry.length:
            namesize += self._align(len(raw))
        self.ino += 1
        if name == ".":
            self.root = (self.ino, entry)
        self._member(self.ino, raw, namesize, entry)

    def _align(self, namelen):
        """NULs to add after the name so the data starts on a page; may write a filler first."""
        gap = -(self.off + HEADER + namelen) % PAGE
        if namelen + gap > PATH_MAX:
            # The root's entry again, its name field ending a few bytes short of
            # the gap (entries start on 4 bytes); those few bytes are then ours.
            filler = gap - gap % 4
            self._member(self.root[0], b".\0", filler - HEADER, self.root[1])
            gap %= 4
        return gap

    def _member(self, ino, raw, namesize, entry):
        fields = (ino, entry.mode, entry.uid, entry.gid, 2 if stat.S_ISDIR(entry.mode) else 1,
                  self.mtime, entry.length, 0, 0, os.major(entry.rdev), os.minor(entry.rdev), namesize, 0)
        head = b"070701" + b"".join(b"%08X" % f for f in fields)
        self._write(head + raw + bytes(namesize - len(raw) + _pad4(HEADER + namesize)))
        if entry.source:
            self._copy(entry.source, entry.size)
        else:
            self._write(entry.data)
        self._write(bytes(_pad4(entry.length)))

    def _copy(self, path, size):
        try:
            with open(path, "rb") as f:
                left = size
                while left:
                    chunk = f.read(min(left, 1 << 20))
                    if not chunk:
                        raise CliError(f"{path}: changed while being archived")
                    self._write(chunk)
                    left -= len(chunk)
        except OSError as e:
            raise CliError(f"{path}: {e.strerror.lower()}") from None

    def _write(self, data):
        self.out.write(data)
        self.off += len(data)

    def finish(self):
        self._member(0, TRAILER.encode() + b"\0", len(TRAILER) + 1, Entry(0))


def write(out, members, mtime):
    """Write (name, Entry) pairs, in order, to the binary file out."""
    w = _Writer(out, mtime)
    for name, entry in members:
        w.add(name, entry)
    w.finish()


def read(path):
    """The (name, Entry) pairs of a newc archive, for starting from one. Hard-linked
    files get their data back (newc stores it with the last link only)."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise CliError(f"{path}: {e.strerror.lower()}") from None
    members, links, off = [], {}, 0
    while True:
        head = data[off:off + HEADER]
        if head[:6] not in (b"070701", b"070702"):
            what = "not a newc cpio archive" if off == 0 else f"malformed at byte {off}"
            raise CliError(f"{path}: {what}")
        try:
            ino, mode, uid, gid, nlink, _, size, _, _, rmajor, rminor, namesize, _ = (
                int(head[6 + 8 * i:14 + 8 * i], 16) for i in range(13))
        except ValueError:
            raise CliError(f"{path}: malformed header at byte {off}") from None
        start = off + HEADER + namesize + _pad4(HEADER + namesize)
        if start + size > len(data):
            raise CliError(f"{path}: truncated at byte {off}")
        name = data[off + HEADER:off + HEADER + namesize].split(b"\0")[0].decode("utf-8", "surrogateescape")
        if name == TRAILER:
            break
        entry = Entry(mode, data[start:start + size], uid=uid, gid=gid, rdev=os.makedev(rmajor, rminor))
        members.append((name, entry))
        if stat.S_ISREG(mode) and nlink > 1:
            links.setdefault(ino, []).append(entry)
        off = start + size + _pad4(size)
    for group in links.values():
        contents = max((e.data for e in group), key=len)
        for e in group:
            e.data = contents
    return members
