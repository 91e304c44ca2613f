"""`tessera pkg`: an OCI image (an image-layout tar) that container platforms can import and run.

The image holds two layers:
  1. tessera/kernel.elf      the Tessera image QEMU boots (the ELF loader for a Linux program);
  2. tessera/rootfs.cpio     the root file system `run` would make (when the image runs a
                             program: a Linux ELF, or one linked in), and
     tessera/config.json     what tessera-runtime needs beyond the OCI runtime spec:
                             {"kernel", "rootfs", "loader", "memory_mib", "kernel_options", "ports"}.
The image configuration carries the same defaults where container tools look: Entrypoint and Cmd
(the program and its arguments), Env, ExposedPorts, and org.tessera.* labels; the manifest carries
them as annotations.  Every file is owned by root and dated SOURCE_DATE_EPOCH (or 0), JSON keys
are sorted and gzip carries no name or time, so the same inputs give the same bytes.
"""
import gzip
import hashlib
import io
import json
import os
import re
import sys
import tarfile
import tempfile

import build
import deps
import rootfs
from errors import CliError
from output import replacing
from paths import TOP

MEDIA_INDEX = "application/vnd.oci.image.index.v1+json"
MEDIA_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
MEDIA_CONFIG = "application/vnd.oci.image.config.v1+json"
MEDIA_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip"
GUEST_DIR = "tessera"
DEFAULT_MEMORY_MIB = 64  # as run's
# A reference as docker writes it: [DOMAIN/]PATH[:TAG] (see distribution/reference).
NAME_RE = re.compile(r"^(?:(?P<domain>[a-zA-Z0-9.-]+(?::[0-9]+)?)/)?"
                     r"(?P<path>[a-z0-9]+(?:[._-]+[a-z0-9]+)*(?:/[a-z0-9]+(?:[._-]+[a-z0-9]+)*)*)"
                     r"(?::(?P<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?$")
PORT_RE = re.compile(r"^([0-9]{1,5})(/(tcp|udp))?$")
MEMORY_RE = re.compile(r"^([0-9]+)(M|MiB|G|GiB)?$", re.IGNORECASE)


def image_reference(name):
    """NAME[:TAG] as containerd stores it (docker's normalisation) and its tag."""
    m = NAME_RE.match(name)
    if not m:
        raise CliError(f"invalid --name '{name}': give NAME[:TAG], e.g. tessera/hello:1.0", 2)
    domain, path, tag = m.group("domain"), m.group("path"), m.group("tag") or "latest"
    if domain and "." not in domain and ":" not in domain and domain != "localhost":
        path, domain = f"{domain}/{path}", None  # "user/app": a path, not a host
    if not domain:
        domain = "docker.io"
        if "/" not in path:
            path = "library/" + path
    return f"{domain}/{path}:{tag}", tag


def parse_memory(text):
    m = MEMORY_RE.match(text)
    mib = int(m.group(1)) * (1024 if m.group(2) and m.group(2)[0] in "gG" else 1) if m else 0
    if mib < 2:
        raise CliError(f"invalid memory size '{text}': give at least 2 MiB, e.g. 64, 64M or 1G", 2)
    return mib


def parse_port(text):
    m = PORT_RE.match(text)
    if not m or not 1 <= int(m.group(1)) <= 65535:
        raise CliError(f"invalid -p '{text}': give the guest's PORT[/tcp|/udp], e.g. 80", 2)
    return f"{int(m.group(1))}/{m.group(3) or 'tcp'}"


def image_notes(path):
    """The owners of the ELF notes in path's note segments, or None when it is no ELF."""
    from elftools.common.exceptions import ELFError
    from elftools.elf.elffile import ELFFile

    try:
        with open(path, "rb") as f:
            elf = ELFFile(f)
            return {note["n_name"] for seg in elf.iter_segments() if seg["p_type"] == "PT_NOTE"
                    for note in seg.iter_notes()}
    except ELFError:
        return None
    except OSError as e:
        raise CliError(f"cannot open {path}: {e.strerror.lower()}") from None


class Target:
    """What is being packaged: the kernel to boot, and how it runs its program."""

    def __init__(self, spec):
        if not os.path.exists(spec):
            raise CliError(f"no such image, application directory or program: {spec}")
        self.elf = None  # a Linux program, run by the ELF loader
        if os.path.isdir(spec):
            self.kernel = build.build(spec, log=sys.stderr)
            self.name = os.path.basename(os.path.abspath(spec))
        else:
            self.kernel, self.name = spec, os.path.basename(spec).removesuffix(".elf")
        notes = image_notes(self.kernel)
        if notes is None:
            raise CliError(f"{self.kernel} is not an ELF image")
        if "Xen" not in notes:  # no PVH entry: a Linux program
            self.elf = os.path.abspath(spec)  # mirrored with its symlinks, as the guest opens it
            self.kernel = build.build(os.path.join(TOP, "apps", "elfloader"), log=sys.stderr)
        self.runs_program = self.elf is not None or "Tessera" in notes

    def entrypoint(self):
        """The program a container runs: a Linux program's path, or the image's own name."""
        return [self.elf] if self.elf else [self.name]


def canonical_json(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":")).encode()


def tar_member(tar, name, data, mtime, mode=0o644):
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), mtime, mode
    tar.addfile(info, io.BytesIO(data))


def tar_dir(tar, name, mtime):
    info = tarfile.TarInfo(name)
    info.type, info.mtime, info.mode = tarfile.DIRTYPE, mtime, 0o755
    tar.addfile(info)


def make_layer(files, mtime):
    """A gzip'd tar of {guest path: bytes}; returns (its bytes, the uncompressed tar's digest)."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        tar_dir(tar, GUEST_DIR, mtime)
        for name in sorted(files):
            tar_member(tar, f"{GUEST_DIR}/{name}", files[name], mtime)
    compressed = io.BytesIO()
    with gzip.GzipFile(fileobj=compressed, mode="wb", mtime=0, filename="", compresslevel=9) as gz:
        gz.write(raw.getvalue())
    return compressed.getvalue(), "sha256:" + hashlib.sha256(raw.getvalue()).hexdigest()


def descriptor(media_type, data, annotations=None):
    d = {"mediaType": media_type, "digest": "sha256:" + hashlib.sha256(data).hexdigest(),
         "size": len(data)}
    if annotations:
        d["annotations"] = annotations
    return d


def pkg(spec, name, output, memory=None, ports=(), env=(), append="", base=None, args=()):
    reference, tag = image_reference(name)
    memory_mib = parse_memory(memory) if memory else DEFAULT_MEMORY_MIB
    ports = sorted({parse_port(p) for p in ports})
    for e in env:
        if "=" not in e or e.startswith("="):
            raise CliError(f"invalid -e '{e}': give NAME=VALUE", 2)
    mtime = rootfs.source_date_epoch()
    deps.ensure("rootfs")
    target = Target(spec)
    if not target.runs_program and (env or base):
        raise CliError(f"-e and --rootfs are for Linux programs; {target.kernel} is a Tessera "
                       "image without one", 2)

    runtime_config = {"kernel": f"/{GUEST_DIR}/kernel.elf", "loader": target.elf is not None,
                      "memory_mib": memory_mib, "kernel_options": append, "ports": ports}
    with open(target.kernel, "rb") as f:
        layers = [make_layer({"kernel.elf": f.read()}, mtime)]
    files = {}
    if target.runs_program:
        with tempfile.TemporaryDirectory() as tmp:
            cpio = os.path.join(tmp, "rootfs.cpio")
            rootfs.rootfs(target.elf, cpio, base)
            with open(cpio, "rb") as f:
                files["rootfs.cpio"] = f.read()
        runtime_config["rootfs"] = f"/{GUEST_DIR}/rootfs.cpio"
    files["config.json"] = json.dumps(runtime_config, sort_keys=True, indent=2).encode() + b"\n"
    layers.append(make_layer(files, mtime))

    labels = {"org.tessera.memory-mib": str(memory_mib), "org.tessera.kernel-options": append,
              "org.tessera.ports": ",".join(ports)}
    config = canonical_json({
        "architecture": "amd64", "os": "linux",
        "config": {"Entrypoint": target.entrypoint(), "Cmd": list(args), "Env": list(env),
                   "WorkingDir": "/", "ExposedPorts": {p: {} for p in ports}, "Labels": labels},
        "rootfs": {"type": "layers", "diff_ids": [diff_id for _, diff_id in layers]},
    })
    manifest = canonical_json({
        "schemaVersion": 2, "mediaType": MEDIA_MANIFEST,
        "config": descriptor(MEDIA_CONFIG, config),
        "layers": [descriptor(MEDIA_LAYER, blob) for blob, _ in layers],
        "annotations": labels,
    })
    index = canonical_json({
        "schemaVersion": 2, "mediaType": MEDIA_INDEX,
        "manifests": [descriptor(MEDIA_MANIFEST, manifest, {
            "io.containerd.image.name": reference, "org.opencontainers.image.ref.name": tag})],
    })
    blobs = {descriptor("", b)["digest"].split(":")[1]: b
             for b in [config, manifest] + [blob for blob, _ in layers]}
    write_layout(output, index, blobs, mtime)
    print(reference)


def write_layout(output, index, blobs, mtime):
    with replacing(output) as f, tarfile.open(fileobj=f, mode="w",
                                               format=tarfile.USTAR_FORMAT) as tar:
        tar_dir(tar, "blobs", mtime)
        tar_dir(tar, "blobs/sha256", mtime)
        for digest in sorted(blobs):
            tar_member(tar, f"blobs/sha256/{digest}", blobs[digest], mtime)
        tar_member(tar, "index.json", index, mtime)
        tar_member(tar, "oci-layout", canonical_json({"imageLayoutVersion": "1.0.0"}), mtime)
