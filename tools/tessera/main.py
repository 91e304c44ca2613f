"""tessera: build and run Tessera unikernels.

  tessera build [APPDIR]           configure (defconfig) and build; prints the image path last
  tessera menuconfig APPDIR        the configuration menu
  tessera run [OPTIONS] IMAGE|APPDIR [-- ARGS]
                                   boot with QEMU -M microvm; exits with the program's status
  tessera accel [--refresh]        which accelerator `run` uses, and why
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from errors import CliError  # noqa: E402


def cmd_build(args):
    import build
    build.build(args.appdir, args.output, args.set, fresh=args.defconfig)


def cmd_menuconfig(args):
    import build
    build.menuconfig(args.appdir, args.output)


def resolve_image(target, log):
    """An image path as is; an application directory is built first."""
    import build
    if os.path.isdir(target):
        return build.build(target, log=log)
    if not os.path.exists(target):
        raise CliError(f"no such image or application directory: {target}")
    return target


def choose_accel(args):
    import accel
    if args.tcg:
        return "tcg"
    qemu = accel.qemu_binary()
    if args.kvm:
        if accel.choose(qemu)[0] != "kvm":
            raise CliError("--kvm: KVM is not usable on this host (see `tessera accel`)")
        return "kvm"
    return accel.choose(qemu)[0]


def cmd_run(args):
    import deps
    import vm
    mem = vm.parse_memory(args.memory)
    image = resolve_image(args.target, log=sys.stderr)
    vm.check_image(image)
    deps.ensure("run")
    name = os.path.basename(os.path.normpath(args.target))
    argv = [os.path.splitext(name)[0]] + args.app_args
    cmdline = vm.kernel_cmdline(args.append, argv)
    return vm.run(image, mem, choose_accel(args), cmdline, timeout=args.timeout,
                  icount=args.icount)


def cmd_accel(args):
    import accel
    import deps
    deps.ensure("run")
    verdict, reason = accel.choose(accel.qemu_binary(), refresh=args.refresh)
    print(f"{verdict}: {reason}")


def parser():
    p = argparse.ArgumentParser(prog="tessera", description=__doc__.splitlines()[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter,
                                epilog="Run `tessera COMMAND --help` for a command's options.")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    b = sub.add_parser("build", help="configure and build an application's image",
                       description="Configure APPDIR from its defconfig (first time, or with "
                       "--defconfig/--set) and build it. The last line printed is the image path.")
    b.add_argument("appdir", nargs="?", default="apps/hello", help="application directory (default apps/hello)")
    b.add_argument("-o", "--output", help="build directory (default build/APPNAME)")
    b.add_argument("--set", action="append", default=[], metavar="SYMBOL=VALUE",
                   help="override a Kconfig symbol (implies a fresh configuration)")
    b.add_argument("--defconfig", action="store_true", help="start again from APPDIR/defconfig")
    b.set_defaults(func=cmd_build)

    m = sub.add_parser("menuconfig", help="open the configuration menu",
                       description="Open the Kconfig menu for APPDIR's build configuration.")
    m.add_argument("appdir")
    m.add_argument("-o", "--output", help="build directory (default build/APPNAME)")
    m.set_defaults(func=cmd_menuconfig)

    r = sub.add_parser("run", help="boot an image (building an application directory first)",
                       description="Boot IMAGE, or build and boot APPDIR, under QEMU -M microvm. "
                       "The program's stdout and stdin are the terminal's, its stderr and the "
                       "kernel log go to stderr, and tessera exits with the program's status.")
    r.add_argument("-m", "--memory", default=str(64), metavar="MiB", help="guest memory (default 64)")
    acc = r.add_mutually_exclusive_group()
    acc.add_argument("--kvm", action="store_true", help="require KVM")
    acc.add_argument("--tcg", action="store_true", help="use TCG even where KVM works")
    r.add_argument("--append", default="", metavar="OPTIONS",
                   help="kernel options, e.g. 'loglevel=debug boottime'")
    r.add_argument("--timeout", type=float, metavar="SECONDS", help="stop the VM after this long")
    r.add_argument("--icount", action="store_true",
                   help="deterministic clock: one guest nanosecond per instruction (TCG only)")
    r.add_argument("target", metavar="IMAGE|APPDIR")
    r.add_argument("app_args", nargs=argparse.REMAINDER, metavar="-- ARGS",
                   help="arguments for the program")
    r.set_defaults(func=cmd_run)

    a = sub.add_parser("accel", help="show which accelerator run uses",
                       description="Probe KVM (cached) and say whether run uses KVM or TCG.")
    a.add_argument("--refresh", action="store_true", help="probe again")
    a.set_defaults(func=cmd_accel)
    return p


def main(argv):
    args = parser().parse_args(argv)
    if getattr(args, "app_args", None) and args.app_args[0] == "--":
        args.app_args = args.app_args[1:]
    if getattr(args, "icount", False) and args.kvm:
        raise CliError("--icount needs TCG", 2)
    if getattr(args, "icount", False):
        args.tcg = True
    return args.func(args) or 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except CliError as e:
        print(f"tessera: {e}", file=sys.stderr)
        sys.exit(e.status)
    except KeyboardInterrupt:
        sys.exit(130)
