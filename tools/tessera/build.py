"""`tessera build`: configure an application directory and build its image."""
import os
import subprocess
import sys

import deps
from errors import CliError
from paths import PYTHON, TOP, default_build_dir


def check_appdir(appdir):
    if not os.path.isdir(appdir):
        raise CliError(f"no such application directory: {appdir}")
    if not os.path.exists(os.path.join(appdir, "build.mk")):
        raise CliError(f"{appdir} is not an application directory (it has no build.mk)")


def configure(appdir, outdir, settings):
    cmd = [PYTHON, os.path.join(TOP, "tools", "kconfig", "tkconfig.py"), "defconfig", appdir, outdir]
    for s in settings:
        cmd += ["--set", s]
    if subprocess.run(cmd).returncode != 0:
        raise CliError(f"configuration of {appdir} failed")


def build(appdir, outdir=None, settings=(), fresh=False, log=sys.stdout):
    """Build appdir; returns the image path. Make's output goes to log."""
    check_appdir(appdir)
    deps.ensure("build")
    appdir = os.path.abspath(appdir)
    outdir = os.path.abspath(outdir or default_build_dir(appdir))
    if fresh or settings or not os.path.exists(os.path.join(outdir, ".config")):
        configure(appdir, outdir, settings)
    cmd = ["make", "-C", TOP, "--no-print-directory", f"-j{os.cpu_count() or 1}",
           f"APP={appdir}", f"O={outdir}"]
    if subprocess.run(cmd, stdout=log).returncode != 0:
        raise CliError(f"build of {appdir} failed")
    return os.path.join(outdir, os.path.basename(appdir) + ".elf")


def menuconfig(appdir, outdir=None):
    check_appdir(appdir)
    deps.ensure("build")
    outdir = os.path.abspath(outdir or default_build_dir(appdir))
    if not os.path.exists(os.path.join(outdir, ".config")):
        configure(appdir, outdir, ())
    tool = os.path.join(TOP, "tools", "kconfig", "tkconfig.py")
    if subprocess.run([PYTHON, tool, "menuconfig", appdir, outdir]).returncode != 0:
        raise CliError("menuconfig failed")
