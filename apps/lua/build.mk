# Lua, built from Debian's source by its own Makefile against musl (build.sh).
lua-out := $(O)/lua5.4
app-objs-y += $(lua-out)/src/lua.o $(lua-out)/src/liblua.a

$(lua-out)/src/liblua.a: $(d)/build.sh
	$(msg) PORT lua5.4
	+$(Q)$< $(lua-out)

$(lua-out)/src/lua.o: $(lua-out)/src/liblua.a
