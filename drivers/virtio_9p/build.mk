libs-$(CONFIG_DRV_VIRTIO_9P) += $(d)
srcs-$(CONFIG_DRV_VIRTIO_9P) += $(d)/virtio_9p.c
