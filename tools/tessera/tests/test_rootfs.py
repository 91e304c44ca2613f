"""`tessera rootfs`: what goes into the archive, its layout, and its errors.

The archive is checked against tools that do not share its code: readelf for
what a program needs, GNU cpio for listing and unpacking, and a few lines here
that walk the newc headers to find where each file's data starts.
"""
import os
import re
import resource
import shutil
import stat
import struct
import subprocess
import sys
from pathlib import Path

import pytest

TOP = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(TOP / "tools" / "tessera"))
import newc  # noqa: E402
from rootfs import ETC  # noqa: E402

PAGE = 4096


def tessera_rootfs(*args, env=None):
    return subprocess.run([str(TOP / "tessera"), "rootfs", *map(str, args)],
                          capture_output=True, text=True, env=env)


def pack(elf, out, *args):
    """Pack elf into out; returns the manifest as {path: (kind, mode, target, size)}."""
    r = tessera_rootfs(elf, "-o", out, "--print-manifest", *args)
    assert r.returncode == 0, r.stderr
    manifest = {}
    for line in r.stdout.splitlines():
        assert re.fullmatch(r"[fdlcbps] [0-7]{4} /\S* (-> \S+ )?\d+", line), line
        words = line.split(" ")
        target = words[4] if len(words) == 6 else None
        manifest[words[2]] = (words[0], int(words[1], 8), target, int(words[-1]))
    return manifest


def resolve(manifest, path):
    """The manifest path that opening `path` in the guest reaches, following its symlinks."""
    todo, here = path.strip("/").split("/"), ""
    for _ in range(100):
        if not todo:
            return here or "/"
        name = todo.pop(0)
        if name in ("", "."):
            continue
        if name == "..":
            here = here.rsplit("/", 1)[0]
            continue
        candidate = f"{here}/{name}"
        kind, _, target, _ = manifest.get(candidate, (None,) * 4)
        if kind is None:
            return None
        if kind == "l":
            here = "" if target.startswith("/") else here
            todo = target.strip("/").split("/") + todo
        else:
            here = candidate
    raise AssertionError(f"symlink loop at {path}")


def members(archive):
    """(name, mode, data offset, size) of each newc entry, read from the headers."""
    data, off, out = Path(archive).read_bytes(), 0, []
    while True:
        assert data[off:off + 6] == b"070701"
        fields = [int(data[off + 6 + 8 * i:off + 14 + 8 * i], 16) for i in range(13)]
        mode, size, namesize = fields[1], fields[6], fields[11]
        name = data[off + 110:off + 110 + namesize].split(b"\0")[0].decode()
        start = (off + 110 + namesize + 3) & ~3
        if name == "TRAILER!!!":
            return out
        out.append((name, mode, start, size))
        off = (start + size + 3) & ~3


def elf_needs(path):
    """NEEDED names and interpreter, as readelf sees them."""
    dyn = subprocess.run(["readelf", "-dW", path], capture_output=True, text=True).stdout
    seg = subprocess.run(["readelf", "-lW", path], capture_output=True, text=True).stdout
    interp = re.search(r"Requesting program interpreter: (\S+)\]", seg)
    return re.findall(r"\(NEEDED\)\s+Shared library: \[(.+)\]", dyn), interp and interp.group(1)


def extract(archive, into):
    """cpio -idmv into a new directory; -v lists each name, and nothing else may be said."""
    into.mkdir()
    r = subprocess.run(["cpio", "-idmv", "--quiet"], stdin=open(archive, "rb"), cwd=into,
                       capture_output=True, text=True)
    assert r.returncode == 0 and "cpio:" not in r.stderr, r.stderr
    assert set(r.stderr.splitlines()) == {name for name, *_ in members(archive)}
    return into


def gcc(*args, cwd):
    subprocess.run(["gcc", *map(str, args)], cwd=cwd, check=True)


@pytest.fixture(scope="session")
def progs(tmp_path_factory):
    """Small programs built for the tests (never run)."""
    d = tmp_path_factory.mktemp("progs")
    (d / "main.c").write_text("int gone(void); int main(void) { return gone(); }\n")
    (d / "lib.c").write_text("int gone(void) { return 0; }\n")
    (d / "hello.c").write_text('#include <math.h>\nint main(int c, char **v) { return (int)sqrt(c); }\n')
    gcc("-static", "-o", "static", "hello.c", "-lm", cwd=d)
    gcc("-shared", "-fPIC", "-o", "libgone.so", "lib.c", cwd=d)
    gcc("-o", "needs_gone", "main.c", "-L.", "-lgone", cwd=d)
    (d / "libgone.so").unlink()
    # $ORIGIN in DT_RUNPATH: app/bin/prog needs app/lib/libhere.so and libm
    (d / "app/bin").mkdir(parents=True)
    (d / "app/lib").mkdir()
    gcc("-shared", "-fPIC", "-Wl,-soname,libhere.so", "-o", "app/lib/libhere.so", "lib.c", cwd=d)
    gcc("-o", "app/bin/prog", "main.c", "-Wl,--no-as-needed", "-Lapp/lib", "-lhere", "-lm",
        "-Wl,-rpath,$ORIGIN/../lib", cwd=d)
    # rp/lib/liba.so needs libb.so next to it, but has no search path of its own
    (d / "rp/lib").mkdir(parents=True)
    gcc("-shared", "-fPIC", "-Wl,-soname,libb.so", "-o", "rp/lib/libb.so", "lib.c", cwd=d)
    gcc("-shared", "-fPIC", "-Wl,-soname,liba.so", "-o", "rp/lib/liba.so", "lib.c",
        "-Wl,--no-as-needed", "-Lrp/lib", "-lb", cwd=d)
    for tags in ("rpath", "runpath"):
        dtags = "--disable-new-dtags" if tags == "rpath" else "--enable-new-dtags"
        gcc("-o", f"rp/{tags}", "main.c", "-Lrp/lib", "-la", f"-Wl,-rpath-link,{d}/rp/lib",
            f"-Wl,{dtags},-rpath,{d}/rp/lib", cwd=d)
    # A musl-style program: its interpreter is named ld-musl-*, libc.so is the loader itself.
    (d / "musl/lib").mkdir(parents=True)
    (d / "musl/app").mkdir()
    (d / "start.c").write_text("int gone(void); void _start(void) { gone(); for (;;); }\n")
    gcc("-shared", "-fPIC", "-nostdlib", "-Wl,-soname,libc.so", "-o", "musl/lib/libc.so", "lib.c", cwd=d)
    shutil.copy(d / "musl/lib/libc.so", d / "musl/lib/ld-musl-x86_64.so.1")
    gcc("-nostdlib", "-o", "musl/app/prog", "start.c", "-Wl,--no-as-needed", "-Lmusl/lib", "-lc",
        "-Lapp/lib", "-lhere", f"-Wl,--dynamic-linker={d}/musl/lib/ld-musl-x86_64.so.1",
        "-Wl,-rpath,$ORIGIN/../../app/lib", cwd=d)
    return d


def test_glibc_program_gets_its_loader_libc_and_etc(tmp_path):
    m = pack("/bin/true", tmp_path / "r.cpio")
    needed, interp = elf_needs("/bin/true")
    assert needed == ["libc.so.6"] and interp
    assert m[resolve(m, interp)][0] == "f"
    assert m[resolve(m, "/bin/true")][0] == "f"
    assert any(p.endswith("/libc.so.6") for p in m)
    for name in ETC:
        assert m[f"/etc/{name}"][:2] == ("f", 0o644)
    assert m["/etc/ld.so.cache"][0] == "f"
    assert m["/tmp"][:2] == ("d", 0o1777)
    for d in ("/dev", "/proc", "/sys", "/root"):
        assert m[d][0] == "d"


def test_static_program_needs_only_itself(progs, tmp_path):
    m = pack(progs / "static", tmp_path / "r.cpio")
    files = {p for p, (kind, *_) in m.items() if kind == "f"}
    assert files == {str(progs / "static")} | {f"/etc/{name}" for name in ETC}
    assert all(kind == "d" for p, (kind, *_) in m.items() if p not in files)


@pytest.mark.parametrize("program", ["/bin/true", "/usr/bin/python3", "app/bin/prog"])
def test_everything_readelf_asks_for_is_there(progs, tmp_path, program):
    program = progs / program if not program.startswith("/") else Path(program)
    m = pack(program, tmp_path / "r.cpio")
    root = extract(tmp_path / "r.cpio", tmp_path / "x")
    names = {os.path.basename(p) for p in m}
    elves = [p for p, (kind, *_) in m.items()
             if kind == "f" and (root / p[1:]).read_bytes()[:4] == b"\x7fELF"]
    assert len(elves) >= 3
    for path in elves:
        needed, interp = elf_needs(root / path[1:])
        assert set(needed) <= names, path
        if interp:
            found = resolve(m, interp)
            assert found and (root / found[1:]).read_bytes() == Path(interp).read_bytes()


def test_origin_runpath_resolves_next_to_the_program(progs, tmp_path):
    m = pack(progs / "app/bin/prog", tmp_path / "r.cpio")
    assert m[str(progs / "app/lib/libhere.so")][0] == "f"
    assert any(p.endswith("/libm.so.6") for p in m)


def test_rpath_serves_the_libraries_below_but_runpath_does_not(progs, tmp_path):
    m = pack(progs / "rp/rpath", tmp_path / "r.cpio")
    assert m[str(progs / "rp/lib/libb.so")][0] == "f"
    r = tessera_rootfs(progs / "rp/runpath", "-o", tmp_path / "r.cpio")
    assert r.stderr == f"tessera: libb.so: library not found (needed by {progs}/rp/lib/liba.so)\n"


def test_musl_loader_searches_its_way(progs, tmp_path):
    m = pack(progs / "musl/app/prog", tmp_path / "r.cpio")
    assert m[str(progs / "musl/lib/ld-musl-x86_64.so.1")][0] == "f"
    assert m[str(progs / "app/lib/libhere.so")][0] == "f"
    assert str(progs / "musl/lib/libc.so") not in m  # the loader is libc
    assert "/etc/ld.so.cache" not in m


def test_every_file_starts_on_a_page(tmp_path):
    tree = tmp_path / "many"
    tree.mkdir()
    for i in range(200):
        (tree / f"file{i}").write_bytes(bytes([i]) * ((i * 7919) % 9000 + 1))
    pack("/bin/true", tmp_path / "r.cpio", "--add", tree)
    regular = [(name, start) for name, mode, start, size in members(tmp_path / "r.cpio")
               if stat.S_ISREG(mode) and size]
    assert len(regular) > 200
    assert [name for name, start in regular if start % PAGE] == []


def test_filler_entries_keep_alignment_and_cpio_happy(tmp_path):
    """Data ending just past a page leaves a gap too big for the name field alone."""
    fillers = 0
    for size in range(3700, 4096, 7):
        archive = tmp_path / f"{size}.cpio"
        with open(archive, "wb") as out:
            newc.write(out, [(".", newc.Entry(stat.S_IFDIR | 0o755)),
                             ("a", newc.Entry(stat.S_IFREG | 0o644, b"a" * size)),
                             ("b" * 200, newc.Entry(stat.S_IFREG | 0o644, b"b"))], 0)
        found = members(archive)
        fillers += len(found) - 3
        assert all(start % PAGE == 0 for name, mode, start, size in found if stat.S_ISREG(mode))
        x = extract(archive, tmp_path / f"x{size}")
        assert (x / "a").read_bytes() == b"a" * size and (x / ("b" * 200)).read_bytes() == b"b"
    assert fillers > 0


def test_cpio_lists_and_unpacks_the_same_files(tmp_path):
    m = pack("/bin/true", tmp_path / "r.cpio")
    listed = subprocess.run(["cpio", "-it", "--quiet"], stdin=open(tmp_path / "r.cpio", "rb"),
                            capture_output=True, text=True, check=True).stdout.split("\n")[:-1]
    assert set(listed) == {p[1:] or "." for p in m}
    root = extract(tmp_path / "r.cpio", tmp_path / "x")
    for path, (kind, mode, target, size) in m.items():
        got = root / path[1:]
        if kind == "l":
            assert os.readlink(got) == target
            continue
        assert stat.S_IMODE(os.lstat(got).st_mode) == mode, path
        if kind == "f":
            name = path.removeprefix("/etc/")
            want = ETC[name].encode() if name in ETC else Path(path).read_bytes()
            assert got.read_bytes() == want, path


def test_same_input_same_bytes(tmp_path):
    pack("/bin/true", tmp_path / "a.cpio")
    pack("/bin/true", tmp_path / "b.cpio")
    assert (tmp_path / "a.cpio").read_bytes() == (tmp_path / "b.cpio").read_bytes()
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    assert tessera_rootfs("/bin/true", "-o", tmp_path / "c.cpio", env=env).returncode == 0
    head = (tmp_path / "c.cpio").read_bytes()[:110]
    assert int(head[46:54], 16) == 1700000000


def test_fast(tmp_path):
    """CPU time, not wall time: other jobs may share the machine."""
    def cpu():
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime
    start = cpu()
    pack("/usr/bin/python3", tmp_path / "r.cpio")
    assert cpu() - start < 0.5


def test_rootfs_dir_wins_and_program_is_added(tmp_path):
    base = tmp_path / "base"
    (base / "etc").mkdir(parents=True)
    (base / "etc/passwd").write_text("root:x:0:0::/:/bin/false\n")
    (base / "srv").mkdir()
    (base / "srv/data").write_text("data\n")
    os.symlink("srv/data", base / "data")
    m = pack("/bin/true", tmp_path / "r.cpio", "--rootfs", base)
    root = extract(tmp_path / "r.cpio", tmp_path / "x")
    assert (root / "etc/passwd").read_text() == "root:x:0:0::/:/bin/false\n"
    assert (root / "etc/hosts").read_text() == ETC["hosts"]
    assert (root / "srv/data").read_text() == "data\n"
    assert m["/data"] == ("l", 0o777, "srv/data", 8)
    assert m[resolve(m, "/bin/true")][0] == "f"


def test_rootfs_cpio_keeps_hard_links(tmp_path):
    base = tmp_path / "base"
    (base / "opt").mkdir(parents=True)
    (base / "opt/one").write_text("linked\n")
    os.link(base / "opt/one", base / "opt/two")
    names = subprocess.run(["find", "."], cwd=base, capture_output=True, text=True, check=True).stdout
    with open(tmp_path / "base.cpio", "wb") as out:
        subprocess.run(["cpio", "-o", "-H", "newc", "--quiet"], cwd=base, input=names.encode(),
                       stdout=out, check=True)
    pack("/bin/true", tmp_path / "r.cpio", "--rootfs", tmp_path / "base.cpio")
    root = extract(tmp_path / "r.cpio", tmp_path / "x")
    assert (root / "opt/one").read_text() == (root / "opt/two").read_text() == "linked\n"


def test_add_files_and_trees(tmp_path):
    (tmp_path / "conf").write_text("conf\n")
    (tmp_path / "resolv").write_text("nameserver 192.0.2.1\n")
    tree = tmp_path / "tree"
    (tree / "sub").mkdir(parents=True)
    (tree / "sub/deep").write_text("deep\n")
    os.symlink("sub/deep", tree / "link")
    m = pack("/bin/true", tmp_path / "r.cpio", "--add", f"{tmp_path}/conf:/srv/app.conf",
             "--add", tree, "--add", f"{tmp_path}/resolv:/etc/resolv.conf")
    root = extract(tmp_path / "r.cpio", tmp_path / "x")
    assert (root / "srv/app.conf").read_text() == "conf\n"
    assert (root / str(tree)[1:] / "sub/deep").read_text() == "deep\n"
    assert m[f"{tree}/link"][:3] == ("l", 0o777, "sub/deep")
    assert (root / "etc/resolv.conf").read_text() == "nameserver 192.0.2.1\n"


def crafted_elf(path, bits, machine):
    """An ELF header and nothing else."""
    ident = b"\x7fELF" + bytes([bits // 32, 1, 1]) + bytes(9)
    if bits == 32:
        rest = struct.pack("<HHIIIIIHHHHHH", 2, machine, 1, 0, 0, 0, 0, 52, 32, 0, 40, 0, 0)
    else:
        rest = struct.pack("<HHIQQQIHHHHHH", 2, machine, 1, 0, 0, 0, 0, 64, 56, 0, 64, 0, 0)
    path.write_bytes(ident + rest)
    return path


@pytest.mark.parametrize("make, message", [
    (lambda d: d / "absent", "{d}/absent: no such file or directory"),
    (lambda d: d.joinpath("text").write_text("hello\n") and d / "text", "{d}/text: not an ELF file"),
    (lambda d: crafted_elf(d / "i386", 32, 3), "{d}/i386: 32-bit x86 ELF, not x86_64"),
    (lambda d: crafted_elf(d / "arm", 32, 40), "{d}/arm: 32-bit ARM ELF, not x86_64"),
    (lambda d: crafted_elf(d / "arm64", 64, 183), "{d}/arm64: 64-bit AArch64 ELF, not x86_64"),
    (lambda d: d.joinpath("cut").write_bytes(Path("/bin/true").read_bytes()[:2000]) and d / "cut",
     "{d}/cut: malformed ELF file"),
])
def test_bad_program_is_one_line(tmp_path, make, message):
    r = tessera_rootfs(make(tmp_path), "-o", tmp_path / "r.cpio")
    assert r.returncode == 1
    assert r.stderr.startswith("tessera: " + message.format(d=tmp_path)) and r.stderr.count("\n") == 1
    assert not (tmp_path / "r.cpio").exists()


def test_missing_library_names_it_and_who_needs_it(progs, tmp_path):
    r = tessera_rootfs(progs / "needs_gone", "-o", tmp_path / "r.cpio")
    assert r.returncode == 1
    assert r.stderr == f"tessera: libgone.so: library not found (needed by {progs}/needs_gone)\n"
    assert not (tmp_path / "r.cpio").exists()


def test_bad_rootfs_is_one_line(tmp_path):
    (tmp_path / "text").write_text("not an archive\n")
    r = tessera_rootfs("/bin/true", "-o", tmp_path / "r.cpio", "--rootfs", tmp_path / "text")
    assert (r.returncode, r.stderr) == (1, f"tessera: {tmp_path}/text: not a newc cpio archive\n")
    r = tessera_rootfs("/bin/true", "-o", tmp_path / "r.cpio", "--rootfs", tmp_path / "absent")
    assert r.returncode == 1
    assert r.stderr == f"tessera: --rootfs {tmp_path}/absent: no such file or directory\n"
