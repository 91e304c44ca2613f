srcs-$(CONFIG_DRV_UART16550) += $(d)/uart16550.c
