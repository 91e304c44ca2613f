libs-$(CONFIG_LIB_9PFS_CLIENT) += $(d)
srcs-$(CONFIG_LIB_9PFS_CLIENT) += $(d)/p9_msg.c $(d)/client.c
srcs-$(CONFIG_LIB_9PFS) += $(addprefix $(d)/,super.c inode.c file.c page_cache.c boot_mount.c)
