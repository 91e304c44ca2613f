#!/bin/sh
# Runs the cmocka unit tests given as arguments; fails if any of them fails.
failed=0
for test in "$@"; do
	"$test" || failed=$((failed + 1))
done
echo "unit: $(($# - failed)) passed, $failed failed"
[ "$failed" = 0 ]
