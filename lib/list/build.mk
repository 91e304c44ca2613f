libs-$(CONFIG_LIB_LIST) += $(d)
