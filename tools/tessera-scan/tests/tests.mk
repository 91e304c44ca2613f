# Tests of tessera-scan, included by ../Makefile.
# Targets with known answers, cmocka unit tests, and shell end-to-end checks.

TEST_BUILD := $(BUILD)/tests
TARGETS := getrlimit_abort enosys_tolerant needs_result asm_sites wrapper_calls wrapper_calls_noplt
UNIT_TESTS := $(patsubst tests/unit/%.c,$(TEST_BUILD)/%,$(wildcard tests/unit/test_*.c))
TEST_CFLAGS := $(CFLAGS) -Isrc -DTARGET_DIR='"$(abspath $(TEST_BUILD))"' \
	-DFIXTURE_DIR='"$(abspath tests/fixtures)"' \
	-DDATA_DIR='"$(abspath data)"'

.PHONY: test unit-test e2e-test test-programs
test: unit-test e2e-test

test-programs: all $(addprefix $(TEST_BUILD)/,$(TARGETS)) $(UNIT_TESTS)

unit-test: test-programs
	./tests/run_unit.sh $(UNIT_TESTS)

e2e-test: test-programs
	./tests/e2e.sh

$(TEST_BUILD):
	mkdir -p $@

# Static, so that a trial traces only the program and not the loader.
$(TEST_BUILD)/%: tests/targets/%.c | $(TEST_BUILD)
	$(CC) -O2 -Wall -Wextra -Werror -static -o $@ $<

$(TEST_BUILD)/asm_sites: tests/targets/asm_sites.S | $(TEST_BUILD)
	$(CC) -nostdlib -static -o $@ $<

# Dynamic on purpose: calls reach syscall() through the PLT, or the GOT.
$(TEST_BUILD)/wrapper_calls: tests/targets/wrapper_calls.c | $(TEST_BUILD)
	$(CC) -O2 -Wall -Wextra -Werror -o $@ $<

$(TEST_BUILD)/wrapper_calls_noplt: tests/targets/wrapper_calls.c | $(TEST_BUILD)
	$(CC) -O2 -fno-plt -Wall -Wextra -Werror -o $@ $<

$(TEST_BUILD)/test_%: tests/unit/test_%.c $(LIB_OBJS) | $(TEST_BUILD)
	$(CC) $(TEST_CFLAGS) -o $@ $< $(LIB_OBJS) $(LDLIBS) -lcmocka
