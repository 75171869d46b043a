#!/bin/sh
# Run the unit test programs given as arguments; closes with a summary.
passed=0 failed=0
for t in "$@"; do
	if "$t"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $t"; fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
