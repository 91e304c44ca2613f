MUSL_LIB := /usr/lib/x86_64-linux-musl
libs-$(CONFIG_LIB_MUSL) += $(d)
srcs-$(CONFIG_LIB_MUSL) += $(d)/start.c $(d)/internal_names.c
# With the kernel's stack protector, the kernel owns the canary (ssp_canary.c).
musl-ssp-$(CONFIG_LIB_SSP) := $(d)/ssp_canary.c
srcs-$(CONFIG_LIB_MUSL) += $(musl-ssp-y)
app-cflags-$(CONFIG_LIB_MUSL) += -I/usr/include/x86_64-linux-musl
link-libs-$(CONFIG_LIB_MUSL) += $(MUSL_LIB)/Scrt1.o $(MUSL_LIB)/libc.a

ifeq ($(CONFIG_LIB_MUSL),y)
$(MUSL_LIB)/Scrt1.o $(MUSL_LIB)/libc.a:
	@tools/deps.sh musl
endif
