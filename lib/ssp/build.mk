srcs-$(CONFIG_LIB_SSP) += $(d)/ssp.c
