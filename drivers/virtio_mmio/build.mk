srcs-$(CONFIG_DRV_VIRTIO_MMIO) += $(d)/virtio_mmio.c $(d)/window.c
