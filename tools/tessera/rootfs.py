"""`tessera rootfs`: the root file system that runs a Linux program, as a cpio archive.

`tessera run ELF` hands it to QEMU as -initrd, and the kernel maps it as /.
Without ELF (a program linked into the image), it holds the rest only.
It holds what a container image would: the program at its host path (so that
argv[0] and AT_EXECFN name a real file), every file the kernel and dynamic
loader open to start it, under every path they open it by (symlinks on the
way stay symlinks), a minimal /etc and the usual empty directories.

Precedence, lowest first: the generated /etc and directories, the program
and its files, the --rootfs tree, the --add files.  Everything is owned by
root (a --rootfs archive keeps its owners) and dated SOURCE_DATE_EPOCH or 0,
and the entries are sorted, so the same inputs give the same bytes.
"""
import os
import posixpath
import stat
import sys

import deps
import newc
from errors import CliError
from newc import Entry
from output import replacing

ETC = {
    "passwd": "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n",
    "group": "root:x:0:\nnogroup:x:65534:\n",  # Debian names 65534 nogroup
    "hosts": "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n",
    "resolv.conf": "nameserver 10.0.2.3\n",  # QEMU user networking's DNS server
    "nsswitch.conf": "passwd: files\ngroup: files\nhosts: files dns\n",
}
# Merged-/usr links the host has (Debian: /bin -> usr/bin), so that /bin/sh and the like
# name the same files as on the host once /usr is there (a --rootfs tree, or -v /usr:/usr:ro).
USR_LINKS = ("bin", "sbin", "lib", "lib64")
DIRS = {"etc": 0o755, "tmp": 0o1777, "dev": 0o755, "proc": 0o555, "sys": 0o555, "root": 0o700}
KINDS = {stat.S_IFREG: "f", stat.S_IFDIR: "d", stat.S_IFLNK: "l", stat.S_IFCHR: "c",
         stat.S_IFBLK: "b", stat.S_IFIFO: "p", stat.S_IFSOCK: "s"}
MAX_SYMLINKS = 40  # as Linux


def host_entry(path):
    """The entry for host file `path` itself (a symlink is not followed)."""
    st = os.lstat(path)
    if stat.S_ISREG(st.st_mode):
        return Entry(st.st_mode, source=path, size=st.st_size)
    if stat.S_ISLNK(st.st_mode):
        return Entry(st.st_mode, os.fsencode(os.readlink(path)))
    return Entry(st.st_mode, rdev=st.st_rdev if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else 0)


class Tree:
    """The archive's paths (relative; "" is the root) and their entries."""

    def __init__(self):
        self.entries = {"": Entry(stat.S_IFDIR | 0o755)}

    def mirror(self, path):
        """Add host `path` so that the guest opens the same file by it."""
        self._resolve(path, follow_last=True)

    def add(self, path, entry, replace=False):
        """Put entry at `path` (through the tree's symlinks), over what is there if replace."""
        key = self._resolve(path, follow_last=False)
        old = self.entries.get(key)
        if old is not None and not replace:
            return
        if old is not None and stat.S_ISDIR(old.mode) and not stat.S_ISDIR(entry.mode):
            self.entries = {k: e for k, e in self.entries.items() if not k.startswith(key + "/")}
        self.entries[key] = entry

    def _resolve(self, path, follow_last):
        """The key `path` names, its symlinks followed as the guest kernel will follow
        them; what the tree lacks on the way is copied from the host (a symlink as a
        symlink, a directory with its mode), or made a directory if the host lacks it."""
        todo = path.split("/")
        key, hops = "", 0
        while todo:
            name = todo.pop(0)
            if name in ("", "."):
                continue
            if name == "..":
                key = posixpath.dirname(key)
                continue
            here = posixpath.join(key, name)
            if not todo and not follow_last:
                return here
            entry = self.entries.get(here)
            if entry is None:
                host = "/" + here
                entry = host_entry(host) if os.path.lexists(host) else Entry(stat.S_IFDIR | 0o755)
                self.entries[here] = entry
            if stat.S_ISLNK(entry.mode):
                hops += 1
                if hops > MAX_SYMLINKS:
                    raise CliError(f"{path}: too many levels of symbolic links")
                target = os.fsdecode(entry.data)
                if target.startswith("/"):
                    key = ""
                todo = target.split("/") + todo
            elif stat.S_ISDIR(entry.mode):
                key = here
            elif todo:
                raise CliError(f"{path}: /{here} is not a directory")
            else:
                return here
        return key

    def members(self):
        return [(key or ".", self.entries[key]) for key in sorted(self.entries)]


def load_base(tree, base):
    """--rootfs: a directory tree or a newc archive, entries taken as they are."""
    if os.path.isdir(base):
        for top, dirs, files in os.walk(base):
            for name in dirs + files:
                path = os.path.join(top, name)
                tree.entries[os.path.relpath(path, base)] = host_entry(path)
        return
    if not os.path.exists(base):
        raise CliError(f"--rootfs {base}: no such file or directory")
    for name, entry in newc.read(base):
        parts = [p for p in name.split("/") if p not in ("", ".")]
        if ".." in parts:
            raise CliError(f"{base}: {name} points outside the archive")
        key = "/".join(parts)
        tree.entries[key] = entry
        while key:  # an archive may leave out directories
            key = posixpath.dirname(key)
            tree.entries.setdefault(key, Entry(stat.S_IFDIR | 0o755))


def add_host(tree, host, guest):
    """--add: a host file, or a directory and all below it (symlinks in it kept)."""
    tree.add(guest, host_entry(host), replace=True)
    if os.path.isdir(host) and not os.path.islink(host):
        for name in os.listdir(host):
            add_host(tree, os.path.join(host, name), posixpath.join(guest, name))


def add_spec(tree, spec):
    host, _, guest = spec.partition(":")
    if not os.path.exists(host):
        raise CliError(f"--add {host}: no such file or directory")
    add_host(tree, os.path.realpath(host), guest or os.path.abspath(host))


def add_skeleton(tree):
    for name, mode in DIRS.items():
        tree.add(name, Entry(stat.S_IFDIR | mode))
    for name, text in ETC.items():
        tree.add("etc/" + name, Entry(stat.S_IFREG | 0o644, text.encode()))
    for name in USR_LINKS:
        if os.path.islink("/" + name):
            tree.add(name, host_entry("/" + name))


def manifest_line(name, entry):
    path = "/" + name if name != "." else "/"
    target = " -> " + os.fsdecode(entry.data) if stat.S_ISLNK(entry.mode) else ""
    return f"{KINDS[stat.S_IFMT(entry.mode)]} {stat.S_IMODE(entry.mode):04o} {path}{target} {entry.length}"


def source_date_epoch():
    value = os.environ.get("SOURCE_DATE_EPOCH", "0")
    if not value.isdigit() or int(value) >= 1 << 32:
        raise CliError(f"SOURCE_DATE_EPOCH={value}: not a time newc can store")
    return int(value)


def build_tree(elf, base, adds):
    import ldso

    tree = Tree()
    if base:
        load_base(tree, base)
    for path in ldso.files_to_start(elf) if elf else ():
        tree.mirror(path)
    add_skeleton(tree)
    for spec in adds:
        add_spec(tree, spec)
    return tree


def rootfs(elf, output, base=None, adds=(), print_manifest=False):
    """Write the archive that runs `elf` (None: a linked program) to output."""
    deps.ensure("rootfs")
    mtime = source_date_epoch()
    try:
        members = build_tree(elf, base, adds).members()
    except OSError as e:
        raise CliError(f"{e.filename}: {e.strerror.lower()}") from None

    with replacing(output) as out:
        newc.write(out, members, mtime)
    if print_manifest:
        sys.stdout.writelines(manifest_line(name, entry) + "\n" for name, entry in members)
