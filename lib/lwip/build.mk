# lwIP's own sources come from Debian's source package, unpacked into the
# build cache on first use; they are compiled into liblwip.a with the
# port's headers.  The port (this folder) is ordinary kernel code.
lwip-dir := $(d)
ifeq ($(CONFIG_LIB_LWIP),y)
lwip-src := $(shell tools/fetch-source.sh lwip)
ifeq ($(lwip-src),)
$(error cannot fetch the lwip source package (see the message above))
endif
endif
lwip-files := $(addprefix core/,init.c def.c inet_chksum.c ip.c mem.c memp.c netif.c pbuf.c \
	stats.c sys.c tcp.c tcp_in.c tcp_out.c timeouts.c udp.c) \
	$(addprefix core/ipv4/,dhcp.c etharp.c icmp.c ip4_frag.c ip4.c ip4_addr.c) \
	$(addprefix core/ipv6/,ethip6.c icmp6.c inet6.c ip6.c ip6_addr.c ip6_frag.c mld6.c nd6.c) \
	netif/ethernet.c api/tcpip.c
lwip-out := $(O)/lwip
lwip-objs := $(patsubst %.c,$(lwip-out)/%.o,$(lwip-files))
lwip-includes := -I$(lwip-dir)/port -I$(lwip-src)/src/include
# lwIP is not ours to change: its warnings are not errors here.
lwip-cflags = $(filter-out -Werror,$(KERNEL_CFLAGS)) $(lwip-includes) -Wno-unused-parameter \
	-Wno-sign-compare -Wno-address

srcs-$(CONFIG_LIB_LWIP) += $(addprefix $(d)/,sys_arch.c ethernet.c stack.c sock_inet.c \
	sock_tcp.c sock_udp.c ifioctl.c)
cflags-$(d) := $(lwip-includes)
link-libs-$(CONFIG_LIB_LWIP) += $(lwip-out)/liblwip.a

$(lwip-out)/%.o: $(lwip-src)/src/%.c $(CONFIG_H) $(lwip-dir)/port/lwipopts.h \
		$(wildcard $(lwip-dir)/port/arch/*.h) | $(UAPI_DIR)/asm/unistd_64.h
	@mkdir -p $(dir $@)
	$(msg) CC lwip/$*.c
	$(Q)gcc $(lwip-cflags) -MMD -MP -c $< -o $@

$(lwip-out)/liblwip.a: $(lwip-objs)
	$(msg) AR $@
	$(Q)rm -f $@ && ar rcs $@ $^

-include $(lwip-objs:.o=.d)
srcs-$(and $(CONFIG_LIB_LWIP),$(CONFIG_LIB_METRICS)) += $(d)/metrics.c
