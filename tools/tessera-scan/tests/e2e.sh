#!/bin/sh
# End-to-end checks of the tessera-scan command line. Each check asserts an
# outcome that a broken tool would get wrong. Run from tools/tessera-scan.
cd "$(dirname "$0")/.." || exit 1
scan=./tessera-scan
targets=build/tests
tmp=$(mktemp -d /tmp/tessera-scan-e2e.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export TESSERA_SCAN_CACHE="$tmp/cache"
passed=0
failed=0

check() {
	name=$1
	shift
	if "$@" >"$tmp/out" 2>&1; then
		passed=$((passed + 1))
		echo "ok   $name"
	else
		failed=$((failed + 1))
		echo "FAIL $name"
		sed 's/^/     /' "$tmp/out" | tail -n 15
	fi
}

# A command fails with the given exit code and exactly one line on stderr.
fails_with() {
	code=$1
	shift
	"$@" >/dev/null 2>"$tmp/err"
	rc=$?
	cat "$tmp/err"
	[ "$rc" = "$code" ] && [ "$(wc -l < "$tmp/err")" = 1 ]
}

has() {
	grep -q -- "$1" "$2"
}

# --- bad input -----------------------------------------------------------
check "no command" fails_with 2 $scan
check "unknown command" fails_with 2 $scan frobnicate
check "missing ELF" fails_with 2 $scan static /no/such/file
check "not an ELF" fails_with 2 $scan static tests/e2e.sh
check "unknown recipe" fails_with 2 $scan run no-such-app
check "missing command" fails_with 2 $scan run -- /no/such/program
check "bad --repeat" fails_with 2 $scan run --repeat zero busybox
alpha=tests/fixtures/results/alpha-suite.json
check "unknown report format" fails_with 2 $scan report --format pdf $alpha
check "not a result file" fails_with 2 $scan report data/musl-syscalls.json
check "missing Tessera table" fails_with 2 $scan gap --table /no/such.json $alpha
check "not a musl tree" fails_with 2 $scan musl-table tests

# --- tracing ---------------------------------------------------------------
trace_busybox_sh() {
	$scan trace 'busybox sh -c "cat /proc/self/stat /proc/1/comm >/dev/null; echo hi >out"' \
		> "$tmp/trace"
	has '^execve ' "$tmp/trace" && has '^openat ' "$tmp/trace" &&
		has 'special path: /proc/self/stat' "$tmp/trace" &&
		has 'special path: /proc/N/comm' "$tmp/trace" &&
		has 'special path: /dev/null' "$tmp/trace"
}
check "trace busybox sh (children followed, special paths)" trace_busybox_sh

trace_scope() {
	$scan trace --scope needs_result "exec $PWD/$targets/needs_result" > "$tmp/trace" &&
		has '^pipe2 ' "$tmp/trace" && ! has '^execve ' "$tmp/trace"
}
check "trace counts only the executables in scope" trace_scope

trace_timeout() {
	start=$(date +%s)
	! $scan trace --timeout 1 'sleep 30' 2>"$tmp/err" && has timeout "$tmp/err" &&
		[ $(($(date +%s) - start)) -lt 10 ]
}
check "a hanging command is stopped at its timeout" trace_timeout

# --- classification on targets with known answers ----------------------------
classify_targets() {
	$scan run --repeat 2 --jobs 2 --quiet --no-static --out "$tmp/results" \
		tests/recipes/targets.json &&
		$scan report --format csv "$tmp/results"/targets-*.json > "$tmp/targets.csv" &&
		has '^targets,getrlimit,suite,302,prlimit64,[0-9]*,fakeable,fail,pass' "$tmp/targets.csv" &&
		has '^targets,tolerant,suite,99,sysinfo,[0-9]*,both,pass,pass' "$tmp/targets.csv" &&
		has '^targets,pipe,suite,293,pipe2,[0-9]*,required,fail,fail' "$tmp/targets.csv"
}
check "getrlimit fakeable, sysinfo stubbable, pipe2 required" classify_targets

resume_from_cache() {
	$scan run --repeat 2 --jobs 2 --no-static --out "$tmp/again" \
		tests/recipes/targets.json:getrlimit 2> "$tmp/progress" &&
		grep -q 'trials (\([0-9]*\) from the cache)' "$tmp/progress" &&
		! grep -v '(cached)' "$tmp/progress" | grep -q '^\[targets/getrlimit [0-9]' &&
		cmp "$tmp/results/targets-getrlimit.json" "$tmp/again/targets-getrlimit.json"
}
check "a second run takes every trial from the cache" resume_from_cache

# Parallel trials bind the same port: only separate namespaces let both pass.
real_server_in_parallel() {
	$scan run --repeat 2 --jobs 2 --quiet --out "$tmp/results" tests/recipes/httpd.json &&
		$scan report --format csv "$tmp/results/httpd-get.json" > "$tmp/httpd.csv" &&
		has '"baseline_ok": true' "$tmp/results/httpd-get.json" &&
		has ',bind,[0-9]*,required,' "$tmp/httpd.csv" &&
		has ',accept\(4\)\?,[0-9]*,required,' "$tmp/httpd.csv" &&
		has '"static_binary"' "$tmp/results/httpd-get.json" &&
		[ "$(grep -c ',\(stubbable\|both\),' "$tmp/httpd.csv")" -gt 3 ]
}
check "busybox httpd studied with parallel trials" real_server_in_parallel

# The contract of "run -- CMD": DIR/results.json with a "syscalls" map, and a
# check that sees SCAN_STATUS, SCAN_STDOUT and SCAN_STDERR after each trial.
command_run() {
	$scan run --repeat 1 --quiet --out "$tmp/adhoc" \
		--check 'test "$SCAN_STATUS" = 0 && grep -q limit "$SCAN_STDOUT" && test -f "$SCAN_STDERR"' \
		-- "$PWD/$targets/getrlimit_abort" &&
		grep -A1 '"prlimit64": {' "$tmp/adhoc/results.json" | grep -q '"class": "fakeable"' &&
		grep -A1 '"write": {' "$tmp/adhoc/results.json" | grep -q '"class": "required"' &&
		$scan report --format csv "$tmp/adhoc" | grep -q ',prlimit64,[0-9]*,fakeable,fail,pass'
}
check "run -- CMD writes results.json for a checked command" command_run

check_sees_status() {
	$scan run --trace-only --repeat 1 --check 'test "$SCAN_STATUS" = 7' \
		-- /bin/sh -c 'exit 7' | grep -q 'baseline passes' &&
		$scan run --trace-only --repeat 1 -- /bin/sh -c 'exit 7' 2>&1 |
		grep -q 'baseline fails'
}
check "the check sees the exit status; without one, status 0 is success" check_sees_status

static_json() {
	$scan static --format json $targets/wrapper_calls > "$tmp/static.json" &&
		has '"syscalls": \[' "$tmp/static.json" && has '/libc.so.6"' "$tmp/static.json"
}
check "static --format json lists the syscalls of the binary and its libraries" static_json

# --- reports and gap -----------------------------------------------------------
reports() {
	set -- tests/fixtures/results
	$scan report "$@" > "$tmp/r.md" && $scan report --format json "$@" > "$tmp/r.json" &&
		$scan report --format svg "$@" > "$tmp/r.svg" &&
		has '| alpha | suite | suite | 6 | 5 | 3 | 4 | 2 | 1 | 0 | 1 | 50% |' "$tmp/r.md" &&
		has '| syscalls required by at least one app, test suites | 3 | 78 |' "$tmp/r.md" &&
		has '"required_suite": 3' "$tmp/r.json" && has '<svg' "$tmp/r.svg"
}
check "report md, json and svg agree with the fixtures" reports

gap() {
	$scan gap --table tests/fixtures/tessera-table.json tests/fixtures/results > "$tmp/gap" &&
		has '^implement  write .*tessera: stubbed .*alpha/suite' "$tmp/gap" &&
		has '^implement  openat .*tessera: absent .*beta/suite' "$tmp/gap" &&
		has '^fake       prlimit64 .*tessera: stubbed' "$tmp/gap" &&
		has '^7 traced syscalls: 2 to implement, 1 to fake, 4 covered' "$tmp/gap" &&
		has '^alpha/suite misses: write (1 of 2 required)' "$tmp/gap"
}
check "gap against a fixture Tessera table" gap

# By default gap reads "./tessera syscalls --json" at the repository root: it
# either uses that table or, when the command is missing or broken, says so on
# one line.
gap_with_the_repository_table() {
	$scan gap tests/fixtures/results/alpha-suite.json > "$tmp/gap" 2> "$tmp/err"
	case $? in
	0) has '^4 traced syscalls: ' "$tmp/gap" && [ ! -s "$tmp/err" ] ;;
	1) [ "$(wc -l < "$tmp/err")" = 1 ] && has 'tessera syscalls --json' "$tmp/err" ;;
	*) false ;;
	esac
}
check "gap with ./tessera syscalls --json, or a clear message" gap_with_the_repository_table

# --- static analyses through the command line --------------------------------
static_cli() {
	$scan static --no-libs $targets/asm_sites > "$tmp/static" &&
		has '^union: 3 syscalls, 2 unresolved sites' "$tmp/static" &&
		has '^getpid exit getuid$' "$tmp/static"
}
check "static on raw syscall sites" static_cli

source_cli() {
	$scan musl-table tests/fixtures/musl-mini > "$tmp/table.json" &&
		$scan source --table "$tmp/table.json" tests/fixtures/app-mini > "$tmp/source" &&
		has '^4 syscalls from 3 libc functions in 1 files' "$tmp/source"
}
check "musl-table and source on the fixtures" source_cli

echo "e2e: $passed passed, $failed failed"
[ "$failed" = 0 ]
