libs-$(CONFIG_LIB_LOCK) += $(d)
srcs-$(CONFIG_LIB_LOCK) += $(d)/mutex.c $(d)/semaphore.c
