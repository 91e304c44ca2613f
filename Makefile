# Tessera: compose a unikernel image from micro-libraries.
#
#   make [APP=apps/hello] [O=build/hello]   configure (from APP/defconfig, first time) and build
#   make test                               every test: host unit tests, then VM integration tests
#   make unit-test                          host unit tests only
#   make clean                              remove build/
#
# Each library folder holds Kconfig, build.mk, include/ and its sources.  A
# build.mk adds to three lists, guarded by its Kconfig symbol; $(d) is the
# fragment's folder:
#   libs-$(CONFIG_LIB_FOO) += $(d)             # public headers: $(d)/include
#   srcs-$(CONFIG_LIB_FOO) += $(d)/foo.c       # kernel sources (.c, .S)
#   app-srcs-y            += $(d)/main.c       # application sources (default gcc code model)
#   cflags-$(d)           := -I...             # extra flags for the kernel sources in $(d)
# and, for code built elsewhere (a C library, an app's own build system):
#   app-objs-y            += $(O)/foo/foo.a    # an app's objects and archives, with a rule
#   link-libs-$(CONFIG_LIB_FOO) += /usr/lib/.../libfoo.a   # archives linked last
# A library that is not selected contributes nothing: not compiled, not linked.

.DEFAULT_GOAL := image
SHELL := /bin/bash
PY := /usr/bin/python3
ARCH := x86_64

APP ?= apps/hello
APPNAME := $(notdir $(abspath $(APP)))
O ?= build/$(APPNAME)
CONFIG := $(O)/.config
CONFIG_H := $(O)/include/tessera/config.h
IMAGE := $(O)/$(APPNAME).elf

NON_IMAGE_GOALS := test unit-test integration-test clean
ifneq ($(filter-out $(NON_IMAGE_GOALS),$(or $(MAKECMDGOALS),image)),)
-include $(CONFIG)
endif

srcs-y :=
gen-srcs-y :=
app-srcs-y :=
libs-y :=
app-cflags-y :=
app-objs-y :=
link-libs-y :=

define include_fragment
d := $(patsubst %/,%,$(dir $(1)))
include $(1)
endef
# Linux's ABI headers (linux/, asm/, asm-generic/ from linux-libc-dev), and nothing else of the host's.
UAPI_DIR := $(O)/uapi
HOST_UAPI := /usr/include/linux /usr/include/x86_64-linux-gnu/asm /usr/include/asm-generic

FRAGMENTS := arch/$(ARCH)/build.mk $(sort $(wildcard plat/*/build.mk drivers/*/build.mk lib/*/build.mk)) \
	$(wildcard $(APP)/build.mk)
$(foreach f,$(FRAGMENTS),$(eval $(call include_fragment,$(f))))

GCC_INCLUDE := $(shell gcc -print-file-name=include)
INCLUDES := -Iinclude -I$(O)/include $(addprefix -I,$(addsuffix /include,$(libs-y))) \
	-isystem $(GCC_INCLUDE) -isystem $(UAPI_DIR)

# Shared by kernel and app code: no host headers, frame pointers for backtraces,
# a global stack canary that the kernel randomises at boot.
COMMON_CFLAGS := -std=gnu11 -O2 -g -nostdinc -ffreestanding -fno-strict-aliasing -mno-omit-leaf-frame-pointer \
	-fno-omit-frame-pointer -fno-asynchronous-unwind-tables -fno-unwind-tables \
	-ffunction-sections -fdata-sections -Wall -Wextra -Werror \
	-DTESSERA_APP_NAME=\"$(APPNAME)\" -include $(CONFIG_H) $(INCLUDES)
ifeq ($(CONFIG_LIB_SSP),y)
COMMON_CFLAGS += -fstack-protector-strong -mstack-protector-guard=global
else
COMMON_CFLAGS += -fno-stack-protector
endif
# Kernel code: top 2 GiB, no red zone (interrupts nest on its stacks), no
# SSE so that entering the kernel never clobbers an application's vector state.
KERNEL_CFLAGS := $(COMMON_CFLAGS) -fno-pie -fno-pic -mcmodel=kernel -mno-red-zone \
	-mgeneral-regs-only
# Link-time optimisation inlines across micro-libraries, which their split
# into files would otherwise forbid: under an emulator every call and return
# is an indirect jump through QEMU's lookup, and nginx served 7-16% more
# requests with it.  Initcalls of one level run in link order, which
# -fno-toplevel-reorder keeps through LTO.  The link compiles, so it gets the
# same flags.
ifeq ($(CONFIG_LTO),y)
KERNEL_CFLAGS += -flto -fno-toplevel-reorder
LTO_LDFLAGS := -flto=auto $(KERNEL_CFLAGS)
endif
# Application code: gcc's defaults (SSE, red zone, PIE code).  A C library's
# include directory (in app-cflags-y) comes before libc core's.
APP_CFLAGS := $(app-cflags-y) $(COMMON_CFLAGS)
ASFLAGS := -D__ASSEMBLY__ -Wa,--noexecstack $(INCLUDES) -include $(CONFIG_H)

LDSCRIPT := arch/$(ARCH)/kernel.ld
# The 32-bit boot segment is RWX by design: it is unmapped once paging_init() runs.
LDFLAGS := $(LTO_LDFLAGS) -nostdlib -static -no-pie -Wl,--gc-sections -Wl,-z,max-page-size=4096 -Wl,--no-warn-rwx-segments \
	-Wl,-z,noexecstack -Wl,--build-id=none -T $(LDSCRIPT)

# V=1 shows every command.
ifeq ($(V),1)
Q :=
msg := @true
else
Q := @
msg := @printf '  %-6s %s\n'
endif

OBJDIR := $(O)/obj
kobjs := $(patsubst %,$(OBJDIR)/%.o,$(basename $(srcs-y)))
aobjs := $(patsubst $(APP)/%,$(OBJDIR)/app/%.o,$(basename $(app-srcs-y)))
gobjs := $(patsubst $(O)/gen/%.c,$(OBJDIR)/gen/%.o,$(gen-srcs-y))
objs := $(kobjs) $(gobjs) $(aobjs)
# Archives after every object, so that the image's own definitions (libc
# core's string functions, say) win over a C library's; libgcc last.
link-inputs = $(objs) $(app-objs-y) $(link-libs-y) $(LIBGCC)
LIBGCC := $(shell gcc -print-libgcc-file-name)

.PHONY: image
image: $(IMAGE)
	@echo "$(IMAGE)"

# .config is an included makefile: remaking it (after a Kconfig change) makes make
# start again with the new selection, so that new libraries' sources are built.
# A newer APP/defconfig starts the configuration again from it.
KCONFIGS := Kconfig $(wildcard arch/*/Kconfig plat/*/Kconfig drivers/*/Kconfig lib/*/Kconfig \
	$(APP)/Kconfig)
DEFCONFIG := $(wildcard $(APP)/defconfig)
$(CONFIG): $(KCONFIGS) $(DEFCONFIG)
	$(Q)if [ -f $@ ] && [ ! "$(DEFCONFIG)" -nt $@ ]; then \
		$(PY) tools/kconfig/tkconfig.py sync $(APP) $(O); \
	else $(PY) tools/kconfig/tkconfig.py defconfig $(APP) $(O); fi
	@touch $@

$(CONFIG_H): $(CONFIG)
	$(Q)$(PY) tools/kconfig/tkconfig.py sync $(APP) $(O)
	@touch $@

$(UAPI_DIR)/asm/unistd_64.h:
	@mkdir -p $(UAPI_DIR)
	$(Q)for d in $(HOST_UAPI); do ln -sfn $$d $(UAPI_DIR)/$$(basename $$d); done

$(OBJDIR)/gen/%.o: $(O)/gen/%.c $(CONFIG_H)
	@mkdir -p $(dir $@)
	$(msg) CC $<
	$(Q)gcc $(KERNEL_CFLAGS) -MMD -MP -c $< -o $@

$(OBJDIR)/%.o: %.c $(CONFIG_H) Makefile $(FRAGMENTS) | $(UAPI_DIR)/asm/unistd_64.h
	@mkdir -p $(dir $@)
	$(msg) CC $<
	$(Q)gcc $(KERNEL_CFLAGS) $(cflags-$(patsubst %/,%,$(dir $<))) -MMD -MP -c $< -o $@

$(OBJDIR)/%.o: %.S $(CONFIG_H) Makefile $(FRAGMENTS) | $(UAPI_DIR)/asm/unistd_64.h
	@mkdir -p $(dir $@)
	$(msg) AS $<
	$(Q)gcc $(ASFLAGS) -MMD -MP -c $< -o $@

$(OBJDIR)/app/%.o: $(APP)/%.c $(CONFIG_H) Makefile $(FRAGMENTS) | $(UAPI_DIR)/asm/unistd_64.h
	@mkdir -p $(dir $@)
	$(msg) CC $<
	$(Q)gcc $(APP_CFLAGS) -MMD -MP -c $< -o $@

# Two links: the first tells where every function landed, the second embeds that
# table (placed after everything else, so it moves nothing) for backtraces.
$(O)/symbols-empty.o: tools/build/gen-symbols.py
	$(Q)$(PY) tools/build/gen-symbols.py < /dev/null | gcc -c -x assembler -o $@ -

$(O)/pass1.elf: $(objs) $(app-objs-y) $(link-libs-y) $(O)/symbols-empty.o $(LDSCRIPT)
	$(msg) LD $@
	$(Q)gcc $(LDFLAGS) -o $@ $(O)/symbols-empty.o $(link-inputs)

$(O)/symbols.o: $(O)/pass1.elf tools/build/gen-symbols.py
	$(msg) SYMS $@
	$(Q)nm -n --defined-only $< | $(PY) tools/build/gen-symbols.py | gcc -c -x assembler -o $@ -

$(O)/$(APPNAME).dbg: $(objs) $(app-objs-y) $(link-libs-y) $(O)/symbols.o $(LDSCRIPT)
	$(msg) LD $@
	$(Q)gcc $(LDFLAGS) -o $@ $(O)/symbols.o $(link-inputs)
	$(Q)cmp -s <(nm -n $(O)/pass1.elf | grep -v -e ' symbols_' -e ' _end$$') \
		<(nm -n $@ | grep -v -e ' symbols_' -e ' _end$$') || \
		{ echo "error: the symbol table moved code between links" >&2; exit 1; }

$(IMAGE): $(O)/$(APPNAME).dbg
	$(msg) STRIP $@
	$(Q)strip --strip-all -o $@ $<

-include $(objs:.o=.d)

# Tests ----------------------------------------------------------------------
.PHONY: test unit-test integration-test
test:
	@tools/deps.sh test
	$(MAKE) -f tests/unit/Makefile
	$(if $(wildcard tools/tessera-scan/Makefile),$(MAKE) -C tools/tessera-scan test)
	$(MAKE) integration-test

unit-test:
	@tools/deps.sh test
	$(MAKE) -f tests/unit/Makefile

# Images are built once; independent guests then boot two at a time.
integration-test:
	$(PY) tests/integration/images.py
	$(PY) -m pytest -n 2 -q tests/integration

.PHONY: clean
clean:
	rm -rf build
