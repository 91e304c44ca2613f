"""tessera: build and run Tessera unikernels.

  tessera build [APPDIR]           configure (defconfig) and build; prints the image path last
  tessera menuconfig APPDIR        the configuration menu
  tessera run [OPTIONS] IMAGE|APPDIR [-- ARGS]
                                   boot with QEMU -M microvm; exits with the program's status
  tessera accel [--refresh]        which accelerator `run` uses, and why
  tessera ps [-a]                  the instances `run -d` started
  tessera logs [-f] NAME           an instance's output
  tessera stop [-t SECONDS] NAME   stop an instance (SIGTERM, then SIGKILL)
  tessera rm [-f] NAME             remove an ended instance
                                   (these six are tools/vm, in C)
  tessera syscalls [--json]        every Linux syscall: implemented, faked or stubbed
  tessera rootfs [ELF] -o OUT.cpio the root file system `run` makes for a Linux program
  tessera pkg APPDIR|IMAGE|ELF --name NAME[:TAG] -o OUT.tar
                                   an OCI image for containerd and Kubernetes
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


def cmd_rootfs(args):
    import rootfs
    rootfs.rootfs(args.elf, args.output, args.rootfs, args.add, args.print_manifest)


def cmd_pkg(args):
    import pkg
    pkg.pkg(args.target, args.name, args.output, args.memory, args.publish, args.env, args.append,
            args.rootfs, args.args)


def cmd_syscalls(args):
    import syscalls
    syscalls.syscalls(args.json, args.image)


def cmd_vm(args):
    """run, accel and the instance commands live in tessera-vm (C); ./tessera calls it directly."""
    top = os.environ.get("TESSERA_TOP", os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__)))))
    os.execv(os.path.join(top, "tessera"), ["tessera", args.command, *args.rest])


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

    r = sub.add_parser("rootfs", help="pack a Linux program and what it needs into a root file system",
                       description="Write the root file system that runs ELF: the program, its loader "
                       "and libraries, a minimal /etc, as a newc cpio archive with page-aligned file data "
                       "(`run` hands it to QEMU as -initrd).")
    r.add_argument("elf", metavar="ELF", nargs="?",
                   help="a Linux x86_64 executable (none: only /etc, the directories and what "
                   "--rootfs and --add give, for a program linked into the image)")
    r.add_argument("-o", "--output", required=True, metavar="OUT.cpio", help="the archive to write")
    r.add_argument("--rootfs", metavar="DIR|CPIO", help="start from this tree or newc archive (its files win)")
    r.add_argument("--add", action="append", default=[], metavar="HOST[:GUEST]",
                   help="add a file or directory tree at GUEST (default: its host path); repeatable")
    r.add_argument("--print-manifest", action="store_true",
                   help="print each entry: type mode path [-> target] size")
    r.set_defaults(func=cmd_rootfs)

    k = sub.add_parser("pkg", help="package an image, application or Linux program as an OCI image",
                       description="Write an OCI image layout, as a tar archive that `ctr image import` "
                       "takes, holding the Tessera image, the root file system `run` would give its "
                       "program, and the defaults below; tessera-runtime boots it. Arguments after "
                       "-- are the program's default arguments. Prints the image's full name.")
    k.add_argument("target", metavar="APPDIR|IMAGE|ELF")
    k.set_defaults(args=[])  # the program's default arguments: what follows "--" (see main)
    k.add_argument("--name", required=True, metavar="NAME[:TAG]", help="the image's name (tag: latest)")
    k.add_argument("-o", "--output", required=True, metavar="OUT.tar", help="the archive to write")
    k.add_argument("-m", "--memory", metavar="MiB", help="default guest memory (default 64); a "
                   "container's memory limit overrides it")
    k.add_argument("-p", "--publish", action="append", default=[], metavar="PORT[/udp]",
                   help="a port the guest serves (repeatable)")
    k.add_argument("-e", "--env", action="append", default=[], metavar="NAME=VALUE",
                   help="the program's environment (repeatable)")
    k.add_argument("--append", default="", metavar="OPTIONS", help="kernel options")
    k.add_argument("--rootfs", metavar="DIR|CPIO", help="start the root file system from this tree or archive")
    k.set_defaults(func=cmd_pkg)

    sc = sub.add_parser("syscalls", help="list every Linux syscall and how Tessera handles it",
                        description="The Linux x86_64 syscall table with each call's state in "
                        "the image that runs Linux programs: implemented, faked (success without "
                        "effect) or stubbed (-ENOSYS).")
    sc.add_argument("--json", action="store_true",
                    help='a JSON array of {"nr": N, "name": "...", "state": "..."}')
    sc.add_argument("--image", help="report this image (its .dbg beside it) instead")
    sc.set_defaults(func=cmd_syscalls)

    for name, summary in (("run", "boot an image (building an application directory first)"),
                          ("accel", "show whether run uses KVM or TCG, and why"),
                          ("ps", "list the instances that run -d started"),
                          ("logs", "print an instance's output"),
                          ("stop", "stop an instance"),
                          ("rm", "remove an ended instance")):
        v = sub.add_parser(name, help=summary, add_help=False)
        v.add_argument("rest", nargs=argparse.REMAINDER)
        v.set_defaults(func=cmd_vm)
    return p


def main(argv):
    program_args = []
    if argv[:1] == ["pkg"] and "--" in argv:  # pkg TARGET [OPTIONS] -- ARGS
        cut = argv.index("--")
        argv, program_args = argv[:cut], argv[cut + 1:]
    args = parser().parse_args(argv)
    if program_args:
        args.args = program_args
    return args.func(args) or 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except CliError as e:
        print(f"tessera: {e}", file=sys.stderr)
        sys.exit(e.status)
    except KeyboardInterrupt:
        sys.exit(130)
