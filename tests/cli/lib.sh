# The TAP helper of the CLI tests. A test file sources it and gets a
# scratch folder (the working directory) with its own database path,
# the built binaries first on PATH and the clock fixed; then it runs
# steps:
#
#	t 'what it checks' '
#		crm user add li.lei --name 李雷 --role rep &&
#		crm user list >out &&
#		grep -q li.lei out
#	'
#
# A step is a shell snippet run with `set -e` in a subshell; its output
# is shown only when it fails. Every command counts, not only the last:
# one that may rightly fail is tested (`code N cmd`, `! cmd`, `if`).
# `code N cmd ...` runs cmd, keeps its stdout in ./out and stderr in
# ./err, and fails unless it exits with N.
set -u
: "${CRM_BUILD:?run the tests through make check}"
PATH=$CRM_BUILD/bin:$PATH
TESTS=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/crm-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1
export CRM_DB="$T/crm.db" CRM_NOW=2026-11-24T09:00:00 NO_COLOR=1
export CRM_LOCALEDIR="$CRM_BUILD/locale"
export CRM_BUSY_TIMEOUT_MS=5000 LC_ALL=C.UTF-8 TZ=UTC
unset CRM_USER CRM_FORMAT XDG_DATA_HOME LANGUAGE LANG LC_MESSAGES
ME=$(id -un)
n=0
failed=0

# T_ONLY=NAME runs only the test of that name (the others skip); with
# T_TRACE=1 a failing test's log shows each command (set -x).
t() {
	n=$((n + 1))
	if [ -n "${T_ONLY:-}" ] && [ "$1" != "$T_ONLY" ]; then
		echo "ok $n - $1 # SKIP T_ONLY"
		return
	fi
	# Not in an if: bash ignores set -e in a subshell whose status a
	# condition tests, and the step would count only its last command.
	local e=
	case $- in *e*) e=1; set +e ;; esac
	(set -e ${T_TRACE:+-x}; eval "$2") >"$T/.log" 2>&1
	local rc=$?
	[ -z "$e" ] || set -e
	if [ "$rc" -eq 0 ]; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		sed 's/^/#   /' "$T/.log"
		failed=$((failed + 1))
	fi
}

# code N cmd...: run cmd (stdout to ./out, stderr to ./err), expect N.
code() {
	want=$1
	shift
	set +e
	"$@" >out 2>err
	got=$?
	set -e
	if [ "$got" != "$want" ]; then
		echo "expected exit $want, got $got from: $*"
		echo "--- stdout"; cat out
		echo "--- stderr"; cat err
		return 1
	fi
}

# has FILE TEXT: FILE contains the fixed string TEXT.
has() {
	if ! grep -qF -- "$2" "$1"; then
		echo "'$2' not in $1:"
		cat "$1"
		return 1
	fi
}

# same EXPECTED ACTUAL: the files are equal (shows a diff if not).
same() {
	diff -u "$1" "$2"
}

done_testing() {
	echo "1..$n"
	[ "$failed" -eq 0 ]
}

# fake_sendmail: ./sendmail as CRM_SENDMAIL, a fake that checks its
# options and appends each message to ./mailbox, then a line "--- end".
fake_sendmail() {
	cat >"$T/sendmail" <<'SH'
#!/bin/sh
[ "$1" = -t ] && [ "$2" = -oi ] || exit 64
cat >>"$(dirname "$0")/mailbox"
echo "--- end" >>"$(dirname "$0")/mailbox"
SH
	chmod +x "$T/sendmail"
	export CRM_SENDMAIL="$T/sendmail"
}

# Access tests run commands as real OS users, as a team would: the
# database in a team folder (group crmtest), each login an OS account.
# CI runs as root, so useradd and runuser are there; elsewhere these
# steps fail and say why, never pass.
#
#	os_users li.lei wang.fang	# create the accounts (idempotent)
#	team_db				# CRM_DB in a group folder, crm init'd
#	as li.lei crm-customer list	# run as that OS user
TEAM_GROUP=crmtest

os_users() {
	if [ "$(id -u)" -ne 0 ] || ! command -v useradd >/dev/null ||
	    ! command -v runuser >/dev/null; then
		echo "os_users: access tests need root with useradd and runuser"
		return 1
	fi
	getent group "$TEAM_GROUP" >/dev/null ||
		groupadd "$TEAM_GROUP" 2>/dev/null ||
		getent group "$TEAM_GROUP" >/dev/null || return 1
	for u in "$@"; do
		id "$u" >/dev/null 2>&1 ||
			useradd -M -N -g "$TEAM_GROUP" -s /usr/sbin/nologin \
			    "$u" 2>/dev/null || id "$u" >/dev/null || return 1
	done
}

# A team folder (setgid, group crmtest) holding the database, and the
# scratch folder reachable by the accounts (they cd into it). Only admins
# may set CRM_NOW, so the database allows it (clock.allow_override) for
# the tests' fixed clock; a test of the refusal turns it off.
team_db() {
	os_users || return 1
	chmod 0711 "$T"
	export CRM_DB="$T/team/crm.db"
	crm init --group "$TEAM_GROUP" 2>/dev/null &&
	crm config set clock.allow_override true
}

# as LOGIN cmd...: cmd as the OS user LOGIN, with this test's clock,
# database and binaries.
as() {
	u=$1
	shift
	runuser -u "$u" -- env -i PATH="$PATH" CRM_DB="$CRM_DB" \
	    CRM_NOW="$CRM_NOW" NO_COLOR=1 LC_ALL=C.UTF-8 TZ=UTC HOME="$T" \
	    CRM_LOCALEDIR="$CRM_LOCALEDIR" \
	    CRM_BUSY_TIMEOUT_MS="$CRM_BUSY_TIMEOUT_MS" \
	    ${CRM_SENDMAIL:+CRM_SENDMAIL="$CRM_SENDMAIL"} "$@"
}

# held_import LINES FILE CMD...: CMD (its input the fifo in.csv) started
# in the background, its stderr in imp.err and its exit code in
# imp.code once it ends; the first LINES lines of FILE written to it and
# fd 3 kept open: the import is held there until held_rest.
held_import() {
	local lines=$1 file=$2
	shift 2
	rm -f in.csv
	mkfifo in.csv
	# (the step's set -e must not end it before its code is written)
	{ local rc=0; "$@" 2>imp.err || rc=$?; echo $rc >imp.code; } &
	exec 3>in.csv
	head -n "$lines" "$file" >&3
}

# held_rest LINES FILE: the rest of FILE written, the fifo closed, the
# import waited for.
held_rest() {
	tail -n +"$(($1 + 1))" "$2" >&3
	exec 3>&-
	wait
}
