"""Build configuration: a build directory keeps the choices made for it and
follows the defaults it did not choose, even when a Kconfig file changes them.

  /usr/bin/python3 -m pytest -q tests/integration/test_config.py
"""
import os
import subprocess
import sys

from conftest import TOP

TKCONFIG = os.path.join(TOP, "tools", "kconfig", "tkconfig.py")
APP = os.path.join(TOP, "apps", "elfloader")


def tkconfig(*args):
    subprocess.run([sys.executable, TKCONFIG, *args], check=True, capture_output=True, text=True)


def config(out):
    with open(os.path.join(out, ".config")) as f:
        return {line.strip() for line in f if line.startswith("CONFIG_")}


def test_a_choice_made_survives_sync(tmp_path):
    tkconfig("defconfig", APP, str(tmp_path), "--set", "SCHED_COOP=y")
    tkconfig("sync", APP, str(tmp_path))
    assert "CONFIG_SCHED_COOP=y" in config(tmp_path)


def test_an_unchosen_default_follows_kconfig(tmp_path):
    tkconfig("defconfig", APP, str(tmp_path))
    assert "CONFIG_SCHED_PREEMPT=y" in config(tmp_path)
    # As a directory configured when the cooperative scheduler was the default looks:
    # its .config names it, its record of choices does not.
    path = os.path.join(tmp_path, ".config")
    with open(path) as f:
        text = f.read().replace("CONFIG_SCHED_PREEMPT=y", "CONFIG_SCHED_COOP=y")
    with open(path, "w") as f:
        f.write(text)
    tkconfig("sync", APP, str(tmp_path))
    assert "CONFIG_SCHED_PREEMPT=y" in config(tmp_path)
