libs-$(CONFIG_LIB_VFS) += $(d)
srcs-$(CONFIG_LIB_VFS) += $(addprefix $(d)/,inode.c file.c fdtable.c mount.c path.c at.c cwd.c \
	open.c rw.c advice.c mount_calls.c stat.c namei.c attr.c xattr.c fd.c flock.c dir.c pipe.c special.c seals.c inotify.c poll.c fork.c anon.c)
