#!/bin/bash
# make demo: a day in the life of a small sales team, on a fresh database
# in a temporary folder. It never touches your own database.
set -eu
: "${CRM_BUILD:?run through make demo}"
PATH=$CRM_BUILD/bin:$PATH
dir=$(mktemp -d "${TMPDIR:-/tmp}/crm-demo.XXXXXX")
trap 'rm -rf "$dir"' EXIT
export CRM_DB="$dir/crm.db" CRM_NOW=2026-11-24T09:00:00
unset CRM_USER CRM_FORMAT
me=$(id -un)

step() {
	printf '\n\033[1m$ %s\033[0m\n' "$*"
	"$@"
}

echo "crm demo — database: $CRM_DB (deleted at the end)"
step crm init
step crm user add han.mei --name 韩梅梅 --role manager --region 华东 \
	--email han.mei@example.com
step crm user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
step crm user add wang.fang --name 王芳 --role rep --region 华南 --manager han.mei
step crm user list -f table
step crm config set recycle.followup_days '{A: 40, B: 25, C: 15, D: 10, E: 7}'
step crm config set pool.max_owned 150
step crm config get recycle.followup_days
step crm config set pool.max_owned lots || echo "(exit $? — nothing changed)"
step crm log -f table --entity setting
step crm undo 6
step crm config get pool.max_owned
step crm check -f table
echo
echo "demo done: $me ran the team's day on a throwaway database."
