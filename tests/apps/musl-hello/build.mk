app-srcs-y += $(d)/main.c
