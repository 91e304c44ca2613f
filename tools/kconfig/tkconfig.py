#!/usr/bin/python3
"""Configure a Tessera build with Debian's kconfiglib.

  tkconfig.py defconfig  APPDIR OUTDIR [--set SYM=VAL]...  fresh .config from APPDIR/defconfig
  tkconfig.py sync       APPDIR OUTDIR                     refresh .config and config.h after Kconfig edits
  tkconfig.py menuconfig APPDIR OUTDIR                     interactive menu, then sync

OUTDIR receives .config (make syntax, included by the Makefile), include/tessera/config.h and
.config.min, the choices that differ from the defaults.  sync starts from .config.min, so that a
default changed in a Kconfig file reaches build directories made before the change (a full
.config would pin the old value), while every choice made in the menu or by defconfig stays.
"""
import os
import sys


def die(msg):
    print(f"tkconfig: {msg}", file=sys.stderr)
    sys.exit(1)


try:
    import kconfiglib
except ImportError:
    die("python3-kconfiglib is missing: apt-get install python3-kconfiglib")

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def load(appdir):
    os.environ["TESSERA_APP"] = os.path.relpath(os.path.abspath(appdir), TOP)
    os.environ.setdefault("srctree", TOP)
    kconf = kconfiglib.Kconfig(os.path.join(TOP, "Kconfig"), warn_to_stderr=False)
    return kconf


def report_warnings(kconf):
    for w in kconf.warnings:
        print(f"tkconfig: warning: {w}", file=sys.stderr)


def apply_assignment(kconf, assignment):
    name, sep, value = assignment.partition("=")
    name = name.removeprefix("CONFIG_")
    if not sep or name not in kconf.syms:
        die(f"bad --set '{assignment}': expected SYMBOL=VALUE with a known symbol")
    sym = kconf.syms[name]
    if not sym.set_value(value) or sym.str_value != value:
        die(f"--set {assignment}: refused (the symbol's dependencies are not met or the value is invalid)")


def write(kconf, outdir):
    os.makedirs(os.path.join(outdir, "include", "tessera"), exist_ok=True)
    kconf.write_config(os.path.join(outdir, ".config"), save_old=False)
    kconf.write_min_config(os.path.join(outdir, ".config.min"))
    kconf.write_autoconf(os.path.join(outdir, "include", "tessera", "config.h"))


def main(argv):
    if len(argv) < 3 or argv[0] not in ("defconfig", "sync", "menuconfig"):
        die(__doc__.strip())
    cmd, appdir, outdir = argv[0], argv[1], argv[2]
    if not os.path.isdir(appdir):
        die(f"no such app directory: {appdir}")
    kconf = load(appdir)
    config = os.path.join(outdir, ".config")
    if cmd == "defconfig":
        defconfig = os.path.join(appdir, "defconfig")
        if os.path.exists(defconfig):
            kconf.load_config(defconfig)
        rest = argv[3:]
        while rest:
            if rest[0] != "--set" or len(rest) < 2:
                die(f"unexpected argument: {rest[0]}")
            apply_assignment(kconf, rest[1])
            rest = rest[2:]
    else:
        if not os.path.exists(config):
            die(f"{config} does not exist: run defconfig first")
        minimal = config + ".min"
        kconf.load_config(minimal if cmd == "sync" and os.path.exists(minimal) else config)
    if cmd == "menuconfig":
        import menuconfig
        os.environ["KCONFIG_CONFIG"] = config
        menuconfig.menuconfig(kconf)
        kconf = load(appdir)
        kconf.load_config(config)
    report_warnings(kconf)
    write(kconf, outdir)


if __name__ == "__main__":
    main(sys.argv[1:])
