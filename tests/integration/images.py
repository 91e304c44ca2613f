#!/usr/bin/python3
"""The images the integration tests boot, built once before they run.

  tests/integration/images.py     build every image (make test does this)
"""
import os
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.path.join(TOP, "build", "test")

# name: (application directory, Kconfig overrides)
IMAGES = {
    "hello": ("apps/hello", []),
    "hello-tlsf": ("apps/hello", ["CONFIG_ALLOC_DEFAULT_TLSF=y"]),
    "hello-sched": ("apps/hello", ["CONFIG_LIB_SCHED=y"]),
    "exit-status": ("apps/exit-status", []),
    "threads": ("apps/threads", []),
    "threads-tlsf": ("apps/threads", ["CONFIG_ALLOC_DEFAULT_TLSF=y"]),
    "faults": ("tests/apps/faults", []),
    "args": ("tests/apps/args", []),
    "virtio-probe": ("tests/apps/virtio-probe", []),
    "virtio-probe-poll": ("tests/apps/virtio-probe", ["CONFIG_LIB_SCHED=n"]),
    "9p-files": ("tests/apps/9p-files", []),
    "musl-hello": ("tests/apps/musl-hello", []),
    "lua": ("apps/lua", []),
}


def build_dir(name):
    return os.path.join(BUILD, name)


def image(name):
    appdir = IMAGES[name][0]
    return os.path.join(build_dir(name), os.path.basename(appdir) + ".elf")


def debug_image(name):
    return image(name)[: -len(".elf")] + ".dbg"


def build_all():
    for name, (appdir, settings) in IMAGES.items():
        cmd = [os.path.join(TOP, "tessera"), "build", appdir, "-o", build_dir(name)]
        for s in settings:
            cmd += ["--set", s]
        print(f"== image {name}", flush=True)
        if subprocess.run(cmd, stdout=subprocess.DEVNULL).returncode != 0:
            sys.exit(f"building test image {name} failed")


if __name__ == "__main__":
    build_all()
