libs-$(CONFIG_PLAT_KVM) += $(d)
srcs-$(CONFIG_PLAT_KVM) += $(addprefix $(d)/,pvh_entry.S pvh_boot.c shutdown.c tsc.c pit.c lapic.c \
	stop_request.c tlb_refresh.c rtc.c)
srcs-$(CONFIG_PLAT_IRQ) += $(d)/ioapic.c
