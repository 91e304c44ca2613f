"""Where things are: the source tree, build outputs and the user's cache."""
import os

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PYTHON = "/usr/bin/python3"


def cache_dir():
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = os.path.join(base, "tessera")
    os.makedirs(path, exist_ok=True)
    return path


def default_build_dir(appdir):
    return os.path.join(TOP, "build", os.path.basename(os.path.abspath(appdir)))
