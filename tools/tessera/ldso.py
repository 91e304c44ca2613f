"""What the dynamic loader opens to start a program, found by reading ELF headers.

The kernel maps the program and its PT_INTERP; the loader (glibc's ld.so, or
musl's) then loads the DT_NEEDED libraries breadth first, searching as it
would on this host.  Asking ldd or the loader itself would be simpler but
runs the program's code on the host, so this reads headers (pyelftools) and
repeats the loader's search:

glibc: the DT_RPATH of the requesting object and of each object that led to
it (unless the requester has a DT_RUNPATH), the requester's DT_RUNPATH,
/etc/ld.so.cache, then the default directories (neither of the last two if
the requester is DF_1_NODEFLIB).  In every directory, the glibc-hwcaps and
legacy hwcap subdirectories come first; which one the guest picks depends on
its CPU, so every variant that exists is taken.  $ORIGIN and $LIB are
expanded; LD_LIBRARY_PATH is ignored (the guest does not inherit ours).

musl: the rpath of the requester and of each object that led to it, then the
lines of /etc/ld-musl-x86_64.path or else /lib:/usr/local/lib:/usr/lib.
Names of libc's own parts (libc, libm, libpthread, ...) are libc itself.
"""
import functools
import os
import posixpath
import struct

from elftools.elf.elffile import ELFFile

from errors import CliError

# Debian's system directories, then the lib64 ones other distributions use.
GLIBC_DIRS = ("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu",
              "/lib64", "/usr/lib64", "/lib", "/usr/lib")
# Searched in each directory before the directory itself (glibc 2.36 on x86_64).
GLIBC_SUBDIRS = ("glibc-hwcaps/x86-64-v4", "glibc-hwcaps/x86-64-v3", "glibc-hwcaps/x86-64-v2",
                 "tls/x86_64/x86_64", "tls/x86_64", "tls", "x86_64/x86_64", "x86_64")
GLIBC_DST = {"ORIGIN": None, "LIB": "lib/x86_64-linux-gnu"}  # None: the object's own directory
LD_SO_CACHE = "/etc/ld.so.cache"
CACHE_X86_64 = 0x0303  # FLAG_ELF_LIBC6 | FLAG_X8664_LIB64
CACHE_HWCAPS = 1 << 62  # an entry in a glibc-hwcaps subdirectory
DF_1_NODEFLIB = 0x800

MUSL_DIRS = ("/lib", "/usr/local/lib", "/usr/lib")
MUSL_SELF = ("c", "pthread", "rt", "m", "dl", "util", "xnet")


class Unusable(Exception):
    """A file the loader would reject; the message says why."""


class Elf:
    """The parts of an ELF file that the kernel and the loader look at."""

    def __init__(self, path):
        try:
            f = open(path, "rb")
            magic = f.read(4)
        except OSError as e:
            raise Unusable(e.strerror.lower()) from None
        with f:
            if magic != b"\x7fELF":
                raise Unusable("not an ELF file")
            try:
                f.seek(0)
                self._read(ELFFile(f))
            except Unusable:
                raise
            except Exception as e:  # pyelftools fails in many ways on a corrupt file
                raise Unusable(f"malformed ELF file ({e})") from None

    def _read(self, elf):
        if elf.header.e_machine != "EM_X86_64" or elf.elfclass != 64 or not elf.little_endian:
            endian = "" if elf.little_endian else " big-endian"
            raise Unusable(f"{elf.elfclass}-bit{endian} {elf.get_machine_arch()} ELF, not x86_64")
        if elf.header.e_type not in ("ET_EXEC", "ET_DYN"):
            raise Unusable(f"not an executable or shared library ({elf.header.e_type})")
        self.interp = None
        self.needed, self.rpath, self.runpath = [], None, None
        self.soname, self.flags_1 = None, 0
        for seg in elf.iter_segments():
            if seg["p_type"] == "PT_INTERP":
                self.interp = seg.get_interp_name()
            elif seg["p_type"] == "PT_DYNAMIC":
                for tag in seg.iter_tags():
                    kind = tag.entry.d_tag
                    if kind == "DT_NEEDED":
                        self.needed.append(tag.needed)
                    elif kind == "DT_RPATH":
                        self.rpath = tag.rpath
                    elif kind == "DT_RUNPATH":
                        self.runpath = tag.runpath
                    elif kind == "DT_SONAME":
                        self.soname = tag.soname
                    elif kind == "DT_FLAGS_1":
                        self.flags_1 = tag["d_val"]
        if self.runpath is not None:
            self.rpath = None  # both loaders ignore DT_RPATH then


class Loaded:
    """An object in the guest process: the path it was opened by and who needed it."""

    def __init__(self, path, elf, loader, origin=None):
        self.path, self.elf, self.loader = path, elf, loader
        self.origin = origin or posixpath.dirname(path)


def files_to_start(program):
    """Every path the kernel and loader open to start `program` (absolute, program first)."""
    path = os.path.abspath(program)
    exe = _elf(path, program)
    if exe.interp is None:
        return [path]
    interp = os.path.abspath(exe.interp)
    if not os.path.exists(interp):
        raise CliError(f"{exe.interp}: no such file (the interpreter of {program})")
    loader = (Musl if posixpath.basename(interp).startswith("ld-musl-") else Glibc)(interp)
    main = Loaded(path, exe, None, origin=os.path.dirname(os.path.realpath(path)))
    return [path] + loader.load(main, _elf(interp, f"{exe.interp} (the interpreter of {program})"))


@functools.lru_cache(maxsize=None)
def inspect(path):
    """Elf(path), or the Unusable that says why not; each file is read once."""
    try:
        return Elf(path)
    except Unusable as e:
        return e


def usable(path):
    return isinstance(inspect(path), Elf)


def _elf(path, what):
    elf = inspect(path)
    if isinstance(elf, Unusable):
        raise CliError(f"{what}: {elf}")
    return elf


class Loader:
    """Breadth-first loading of DT_NEEDED, as both loaders do it."""
    match_soname = True  # a name needed is loaded already if an object has it as DT_SONAME

    def __init__(self, interp):
        self.interp = interp
        self.by_name = {}

    def load(self, main, interp_elf):
        """The interpreter, libraries and loader configuration files that `main` needs."""
        opened = [self.interp] + self.config()
        self.remember(Loaded(self.interp, interp_elf, None), self.interp)
        self.remember(main, main.path)
        queue, seen = [main], {os.path.realpath(main.path), os.path.realpath(self.interp)}
        while queue:
            obj = queue.pop(0)
            for name in obj.elf.needed:
                if name in self.by_name or self.is_self(name):
                    continue
                paths = self.locate(name, obj)
                if not paths:
                    raise CliError(f"{name}: library not found (needed by {obj.path})")
                for path in paths:
                    lib = Loaded(path, _elf(path, f"{path} (needed by {obj.path})"), obj)
                    self.remember(lib, name)
                    opened.append(path)
                    if os.path.realpath(path) not in seen:
                        seen.add(os.path.realpath(path))
                        queue.append(lib)
        return opened

    def locate(self, name, requester):
        """A name with a slash is a path, opened as it is; others are searched for."""
        if "/" in name:
            path = os.path.abspath(name)
            return [path] if os.path.isfile(path) else []
        return self.find(name, requester)

    def remember(self, obj, name):
        self.by_name.setdefault(name, obj)
        if self.match_soname and obj.elf.soname:
            self.by_name.setdefault(obj.elf.soname, obj)

    def is_self(self, name):
        return False

    def in_dirs(self, dirs, name):
        """The paths of name in the first of dirs that has it."""
        for d in dirs:
            paths = self.in_dir(d, name)
            if paths:
                return paths
        return []


class Glibc(Loader):
    def __init__(self, interp):
        super().__init__(interp)
        self.cache = read_ld_so_cache()

    def config(self):
        return [LD_SO_CACHE] if os.path.isfile(LD_SO_CACHE) else []

    def find(self, name, requester):
        obj = requester if requester.elf.runpath is None else None
        while obj:
            paths = self.in_dirs(self.expand(obj.elf.rpath, obj), name)
            if paths:
                return paths
            obj = obj.loader
        paths = self.in_dirs(self.expand(requester.elf.runpath, requester), name)
        if paths or requester.elf.flags_1 & DF_1_NODEFLIB:
            return paths
        return self.cached(name) or self.in_dirs(GLIBC_DIRS, name)

    @staticmethod
    def expand(search, obj):
        """A DT_RPATH/DT_RUNPATH's directories, dynamic string tokens replaced.
        Relative entries name the guest's working directory and are skipped."""
        dirs = []
        for d in (search or "").split(":"):
            for token, value in GLIBC_DST.items():
                d = d.replace("${%s}" % token, value or obj.origin).replace("$" + token, value or obj.origin)
            if d.startswith("/"):
                dirs.append(d)
        return dirs

    @staticmethod
    def in_dir(d, name):
        """glibc skips files that are missing or not x86_64 ELF and searches on."""
        return [p for p in (f"{d}/{sub}/{name}" for sub in GLIBC_SUBDIRS) if usable(p)] + \
            [p for p in (f"{d}/{name}",) if usable(p)]

    def cached(self, name):
        """ld.so.cache's entry for name, and its glibc-hwcaps variants."""
        base, variants = None, []
        for path, hwcap in self.cache.get(name, ()):
            if hwcap == 0 and base is None:
                base = path
            elif hwcap & CACHE_HWCAPS:
                variants.append(path)
        return [p for p in variants + [base] if p and usable(p)]


def read_ld_so_cache():
    """{library name: [(path, hwcap)]} from the glibc >= 2.32 cache format; {} if absent."""
    try:
        with open(LD_SO_CACHE, "rb") as f:
            data = f.read()
    except OSError:
        return {}
    if not data.startswith(b"glibc-ld.so.cache1.1"):
        return {}

    def string(offset):
        return data[offset:data.index(b"\0", offset)].decode("utf-8", "surrogateescape")

    cache = {}
    (count,) = struct.unpack_from("<I", data, 20)
    for i in range(count):
        flags, key, value, _, hwcap = struct.unpack_from("<iIIIQ", data, 48 + 24 * i)
        if flags == CACHE_X86_64:
            cache.setdefault(string(key), []).append((string(value), hwcap))
    return cache


class Musl(Loader):
    match_soname = False

    def config(self):
        path = self.path_file()
        return [path] if os.path.isfile(path) else []

    def path_file(self):
        """musl looks for it under the prefix of its own directory: /lib/ld-musl-* -> /etc."""
        prefix = posixpath.dirname(posixpath.dirname(self.interp)).rstrip("/")
        return f"{prefix}/etc/ld-musl-x86_64.path"

    def is_self(self, name):
        return name.startswith("lib") and any(name[3:].startswith(part + ".") for part in MUSL_SELF)

    def find(self, name, requester):
        obj = requester
        while obj:
            paths = self.in_dirs(self.expand(obj), name)
            if paths:
                return paths
            obj = obj.loader
        return self.in_dirs(self.system_dirs(), name)

    @staticmethod
    def expand(obj):
        """musl takes DT_RUNPATH like DT_RPATH; a token other than $ORIGIN voids it."""
        search = obj.elf.runpath or obj.elf.rpath
        if not search:
            return []
        search = search.replace("${ORIGIN}", obj.origin).replace("$ORIGIN", obj.origin)
        return [] if "$" in search else [d for d in search.split(":") if d.startswith("/")]

    def system_dirs(self):
        """The path file's directories; musl searches none if it exists but cannot be read."""
        try:
            with open(self.path_file()) as f:
                return [d for d in f.read().replace("\n", ":").split(":") if d.startswith("/")]
        except FileNotFoundError:
            return MUSL_DIRS
        except OSError:
            return []

    @staticmethod
    def in_dir(d, name):
        """musl takes the first file it can open."""
        path = f"{d}/{name}"
        return [path] if os.path.isfile(path) else []
