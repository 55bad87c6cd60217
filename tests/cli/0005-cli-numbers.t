#!/bin/bash
# Number options are parsed by one typed parser: a bad number is a usage
# error (64) that names the option, never a silent 0.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
crm -q user add li.lei --name 李雷 --role rep --region 华东
crm-customer add -q --name 甲公司 --owner li.lei >/dev/null

t 'recycle --warn abc is 64 naming --warn' '
	code 64 crm-customer recycle --warn abc && has err "--warn: '\''abc'\''" &&
	code 64 crm-customer recycle --warn -1 && has err "--warn" &&
	code 64 crm-customer recycle --warn 3x
'

t 'distribute --per-rep and --seed take whole numbers' '
	code 64 crm-customer distribute --pool 华东 --to li.lei --per-rep abc &&
	has err "--per-rep: '\''abc'\'' is not a whole number" &&
	code 64 crm-customer distribute --pool 华东 --to li.lei --seed 1.5 &&
	has err "--seed"
'

t 'list --stale, --dormant, --limit and history --limit' '
	code 64 crm-customer list --stale x && has err "--stale" &&
	code 64 crm-customer list --dormant "" && has err "--dormant" &&
	code 64 crm-customer list --limit 99999999999999999999 &&
	has err "--limit" &&
	code 64 crm-customer history 1 --limit -3 && has err "--limit" &&
	code 0 crm-customer list --limit 1
'

t 'a run number is checked the same way' '
	code 64 crm undo abc && has err "run: '\''abc'\''" &&
	code 64 crm log --run 0
'

t 'a number of milliseconds in the environment is checked too' '
	CRM_BUSY_TIMEOUT_MS=5s code 64 crm-customer list &&
	has err "CRM_BUSY_TIMEOUT_MS: '\''5s'\'' is not a number of milliseconds" &&
	CRM_SQL_PROFILE=-1 code 64 crm-customer list &&
	has err "CRM_SQL_PROFILE" &&
	CRM_BUSY_TIMEOUT_MS=2000 code 0 crm-customer list &&
	CRM_SQL_PROFILE=0 code 0 crm-customer list -f csv &&
	grep -q "^sql " err
'
done_testing
