libs-$(CONFIG_DRV_VIRTIO) += $(d)
srcs-$(CONFIG_DRV_VIRTIO) += $(addprefix $(d)/,virtio.c virtqueue.c request.c \
	$(if $(CONFIG_LIB_SCHED),wait_sched.c,wait_poll.c))
