"""Debian packages a subcommand needs (tools/deps.sh installs or names them)."""
import os
import subprocess

from errors import CliError
from paths import TOP


def ensure(group):
    if subprocess.run([os.path.join(TOP, "tools", "deps.sh"), group]).returncode != 0:
        raise CliError(f"missing Debian packages for '{group}' (see above)")
