#!/bin/bash
# The harness itself: a step counts every command it runs, not only its
# last (bash ignores set -e in a subshell whose status an `if` tests),
# and running a step leaves the test file's own set -e as it was.
. "$(dirname "$0")/lib.sh"

# steps.sh: a test file of its own (in a child bash) with the steps given
steps() {
	{ echo "set -e"; echo ". \"$TESTS/lib.sh\""; cat
	  echo 'case $- in *e*) echo "errexit kept" ;; esac'
	  echo done_testing; } >steps.sh
}

t 'a step whose middle command fails is not ok' '
	steps <<-"EOF" &&
	t middle "false
	true"
	t last "true
	false"
	t all "true
	true"
	EOF
	code 1 bash steps.sh &&
	has out "not ok 1 - middle" && has out "not ok 2 - last" &&
	has out "ok 3 - all" && ! grep -q "not ok 3" out &&
	has out "errexit kept" && has out "1..3"
'

t 'a step runs on after a command that is allowed to fail' '
	steps <<-"EOF" &&
	t tested "! false
	false || true
	if false; then false; fi
	true"
	EOF
	code 0 bash steps.sh &&
	has out "ok 1 - tested" && ! grep -q "not ok" out
'

t 'T_ONLY runs only the step named' '
	steps <<-"EOF" &&
	t one "false"
	t two "true"
	EOF
	T_ONLY=two code 0 bash steps.sh &&
	has out "ok 1 - one # SKIP T_ONLY" && has out "ok 2 - two"
'

t 'T_TRACE shows the command that failed' '
	steps <<-"EOF" &&
	t traced "true
	test 1 = 2
	true"
	EOF
	T_TRACE=1 code 1 bash steps.sh &&
	has out "not ok 1 - traced" && has out "+ test 1 = 2"
'

done_testing
