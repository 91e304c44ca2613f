srcs-$(CONFIG_DRV_UART16550) += $(d)/uart16550.c
srcs-$(CONFIG_DRV_UART16550_RX_IRQ) += $(d)/uart16550_irq.c
