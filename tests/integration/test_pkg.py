"""tessera pkg: OCI image layouts, checked against the image-spec's rules (containerd imports them
in test_containerd.py)."""
import gzip
import hashlib
import io
import json
import os
import tarfile

import pytest

import images
from conftest import tessera

BUSYBOX = "/bin/busybox"


def pkg(tmp_path, target, *args, name="tessera/test:1", out="image.tar"):
    path = tmp_path / out
    r = tessera("pkg", target, "--name", name, "-o", str(path), *args, timeout=300)
    assert r.returncode == 0, r.stderr
    return path, r.stdout.strip()


def sha256(data):
    return "sha256:" + hashlib.sha256(data).hexdigest()


class Layout:
    """An image layout tar, every reference followed and checked."""

    def __init__(self, path):
        with tarfile.open(path) as tar:
            self.members = tar.getnames()
            self.files = {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}
        assert json.loads(self.files["oci-layout"]) == {"imageLayoutVersion": "1.0.0"}
        self.index = json.loads(self.files["index.json"])
        assert self.index["schemaVersion"] == 2
        [entry] = self.index["manifests"]
        self.manifest = json.loads(self.blob(entry))
        assert self.manifest["mediaType"] == "application/vnd.oci.image.manifest.v1+json"
        self.config = json.loads(self.blob(self.manifest["config"]))
        self.layers = [self.blob(d) for d in self.manifest["layers"]]
        tars = [gzip.decompress(layer) for layer in self.layers]
        assert self.config["rootfs"]["diff_ids"] == [sha256(t) for t in tars]
        self.rootfs = {}
        for t in tars:
            with tarfile.open(fileobj=io.BytesIO(t)) as layer:
                for m in layer.getmembers():
                    assert (m.uid, m.gid, m.mtime) == (0, 0, 0)
                    if m.isfile():
                        self.rootfs[m.name] = layer.extractfile(m).read()
        self.runtime = json.loads(self.rootfs["tessera/config.json"])

    def blob(self, descriptor):
        """A descriptor's blob, its digest and size checked."""
        algorithm, digest = descriptor["digest"].split(":")
        data = self.files[f"blobs/{algorithm}/{digest}"]
        assert (sha256(data), len(data)) == (descriptor["digest"], descriptor["size"])
        return data


def test_tessera_image(tmp_path):
    path, reference = pkg(tmp_path, images.image("exit-status"), "-m", "8", "--", "3",
                          name="exit:v1")
    assert reference == "docker.io/library/exit:v1"
    image = Layout(path)
    assert image.index["manifests"][0]["annotations"] == {
        "io.containerd.image.name": "docker.io/library/exit:v1",
        "org.opencontainers.image.ref.name": "v1"}
    config = image.config["config"]
    assert (config["Entrypoint"], config["Cmd"]) == (["exit-status"], ["3"])
    assert config["Labels"]["org.tessera.memory-mib"] == "8"
    assert image.manifest["annotations"] == config["Labels"]
    assert (image.config["architecture"], image.config["os"]) == ("amd64", "linux")
    with open(images.image("exit-status"), "rb") as f:
        assert image.rootfs["tessera/kernel.elf"] == f.read()
    assert "tessera/rootfs.cpio" not in image.rootfs  # it runs no program
    assert image.runtime == {"kernel": "/tessera/kernel.elf", "loader": False, "memory_mib": 8,
                             "kernel_options": "", "ports": []}


def test_linux_program(tmp_path):
    path, _ = pkg(tmp_path, BUSYBOX, "-p", "8080", "-p", "53/udp", "-e", "A=b",
                  "--append", "loglevel=info", "--", "sh", "-c", "echo hi")
    image = Layout(path)
    config = image.config["config"]
    assert config["Entrypoint"] == [BUSYBOX]
    assert config["Cmd"] == ["sh", "-c", "echo hi"]
    assert config["Env"] == ["A=b"]
    assert config["ExposedPorts"] == {"53/udp": {}, "8080/tcp": {}}
    assert image.runtime["loader"] is True
    assert image.runtime["rootfs"] == "/tessera/rootfs.cpio"
    assert image.runtime["ports"] == ["53/udp", "8080/tcp"]
    assert image.runtime["kernel_options"] == "loglevel=info"
    assert image.rootfs["tessera/rootfs.cpio"].startswith(b"070701")  # newc, as `tessera rootfs`
    assert len(image.layers) == 2


def test_same_inputs_same_bytes(tmp_path):
    first, _ = pkg(tmp_path, BUSYBOX, out="a.tar")
    second, _ = pkg(tmp_path, BUSYBOX, out="b.tar")
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize("args, message", [
    (["--name", "Bad:Name"], "invalid --name 'Bad:Name'"),
    (["--name", "x", "-m", "1"], "invalid memory size '1'"),
    (["--name", "x", "-p", "99999"], "invalid -p '99999'"),
    (["--name", "x", "-e", "novalue"], "invalid -e 'novalue'"),
    (["--name", "x", "-e", "A=b"], "-e and --rootfs are for Linux programs"),
])
def test_bad_input(tmp_path, args, message):
    r = tessera("pkg", images.image("hello"), "-o", str(tmp_path / "x.tar"), *args)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"tessera: {message}"), r.stderr
    assert not (tmp_path / "x.tar").exists()


def test_missing_target(tmp_path):
    r = tessera("pkg", "nope.elf", "--name", "x", "-o", str(tmp_path / "x.tar"))
    assert r.returncode == 1
    assert r.stderr == "tessera: no such image, application directory or program: nope.elf\n"
