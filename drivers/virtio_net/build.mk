srcs-$(CONFIG_DRV_VIRTIO_NET) += $(d)/virtio_net.c
