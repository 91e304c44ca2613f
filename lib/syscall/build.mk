libs-$(CONFIG_LIB_SYSCALL) += $(d)
srcs-$(CONFIG_LIB_SYSCALL) += $(d)/dispatch.c
gen-srcs-$(CONFIG_LIB_SYSCALL) += $(O)/gen/syscall_names.c

$(O)/gen/syscall_names.c: $(d)/gen-names.py $(UAPI_DIR)/asm/unistd_64.h
	@mkdir -p $(dir $@)
	$(Q)$(PY) $< < $(UAPI_DIR)/asm/unistd_64.h > $@
srcs-$(and $(CONFIG_LIB_SYSCALL),$(CONFIG_LIB_METRICS)) += $(d)/metrics.c
