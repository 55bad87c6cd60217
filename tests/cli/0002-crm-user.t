#!/bin/bash
# crm user: the team, roles, managers, import, visibility.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null

t 'add users and list them in every format' '
	crm user add han.mei --name 韩梅梅 --role manager --region 华东 \
		--email han@example.com &&
	crm user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei &&
	crm user list >users.csv &&
	has users.csv "li.lei,李雷,rep,华东,han.mei,,true," &&
	crm user list -f json >users.json &&
	has users.json "\"login\":\"li.lei\",\"name\":\"李雷\"" &&
	crm user list -f yaml >users.yaml &&
	has users.yaml "- login: li.lei" &&
	crm user list -f tsv >users.tsv &&
	has users.tsv "li.lei	李雷	rep"
'

t 'a bad role, email or login is 65 and adds nothing' '
	code 65 crm user add x.y --name X --role boss && has err "is not a role" &&
	code 65 crm user add x.y --name X --role rep --email nope &&
	has err "is not an email address" &&
	code 65 crm user add "bad login" --name X --role rep &&
	has err "is not a login" &&
	crm user list >users && ! grep -q x.y users
'

t 'name and role are required' '
	code 65 crm user add x.y --role rep && has err "needs a name" &&
	code 65 crm user add x.y --name X && has err "needs a role"
'

t 'a user cannot be added twice' '
	code 65 crm user add li.lei --name L --role rep &&
	has err "already exists"
'

t 'a manager must be a user, and no cycles' '
	code 65 crm user set li.lei --manager nobody && has err "is not a user" &&
	code 65 crm user set han.mei --manager li.lei &&
	has err "reports to" &&
	code 65 crm user set li.lei --manager li.lei
'

t 'a rep may not change the team (77) and sees only themselves' '
	code 77 crm --as li.lei user add z.z --name Z --role rep &&
	has err "only an admin may change the team" &&
	crm --as li.lei user list >mine &&
	test "$(wc -l <mine)" -eq 2 && has mine li.lei
'

t '--as needs an admin, and an active target' '
	code 77 crm --as nobody user list && has err "no such user" &&
	crm user add gone --name G --role rep &&
	crm user deactivate gone &&
	code 77 crm --as gone user list && has err "deactivated"
'

t 'deactivated users leave the list unless --all' '
	crm user list >active && ! grep -q "^gone," active &&
	crm user list --all >all && has all "gone,G,rep,,,,false"
'

t 'the last active admin cannot be deactivated or demoted' '
	code 65 crm user deactivate "$ME" && has err "no active admin" &&
	code 65 crm user set "$ME" --role rep
'

t 'set changes only the fields given, and clears with ""' '
	crm user set li.lei --email li@example.com --region "" &&
	crm user list >users &&
	has users "li.lei,李雷,rep,,han.mei,li@example.com,true"
'

t 'import adds and updates users, managers may come later in the file' '
	cat >team.csv <<-\EOF &&
	login,name,role,region,manager
	wang.wu,王五,rep,华南,zhao.liu
	zhao.liu,赵六,manager,华南,
	li.lei,李雷,rep,华东,han.mei
	EOF
	code 0 crm user import team.csv &&
	has err "2 users added, 1 updated" &&
	crm user list >users &&
	has users "wang.wu,王五,rep,华南,zhao.liu"
'

t 'import takes Chinese headers' '
	printf "用户名,姓名,角色,战区\nzhou.qi,周七,rep,华北\n" >cn.csv &&
	crm user import cn.csv && crm user list >users && has users "zhou.qi,周七,rep,华北"
'

t 'a bad import names every bad record and imports nothing' '
	cat >bad.csv <<-\EOF &&
	login,name,role
	ok.one,One,rep
	bad.two,Two,chief
	,Three,rep
	EOF
	crm user list --all >before &&
	code 65 crm user import bad.csv &&
	has err "bad.csv:3: field '\''role'\'': '\''chief'\'' is not a role" &&
	has err "bad.csv:4: field '\''login'\'': missing" &&
	has err "2 bad records" &&
	crm user list --all >after && same before after
'

t 'an unknown column is refused' '
	printf "login,name,role,phnoe\na,A,rep,1\n" >typo.csv &&
	code 65 crm user import typo.csv && has err "unknown column '\''phnoe'\''"
'

t 'user list | user import is the identity' '
	crm user list --all -f yaml >team.yaml &&
	crm user import team.yaml 2>/dev/null &&
	crm user list --all -f yaml >again.yaml && same team.yaml again.yaml
'

t 'deactivate reads ids from stdin' '
	crm user add a1 --name A1 --role rep && crm user add a2 --name A2 --role rep &&
	printf "a1\na2\n" | crm user deactivate - &&
	crm user list >users && ! grep -q "^a1," users && ! grep -q "^a2," users
'

t 'deactivate takes the csv or json of user list on stdin' '
	crm user add b1 --name B1 --role rep && crm user add b2 --name B2 --role rep &&
	crm user list | grep -E "^(login|b1|b2)," | crm user deactivate - &&
	crm user list >users && ! grep -q "^b1," users && ! grep -q "^b2," users &&
	crm user add b3 --name B3 --role rep &&
	crm user list -f json | grep -E "^\[|\"b3\"|^\]" | sed "s/},$/}/" |
		crm user deactivate - &&
	crm user list >users && ! grep -q "^b3," users
'

t 'a stdin record without an id or login column is 65' '
	printf "name,role\nx,rep\n" | code 65 crm user deactivate - &&
	has err "stdin:2: no id"
'

t 'a write error on stdout is 74, said once; a closed pipe is quiet' '
	rc=0 && crm user list >/dev/full 2>err || rc=$? &&
	test "$rc" -eq 74 &&
	test "$(grep -c "cannot write output" err)" -eq 1 &&
	for i in $(seq 1 2000); do echo "p$i,P$i,rep"; done |
		sed "1i login,name,role" >many.csv &&
	crm user import -q many.csv &&
	{ crm user list | head -1 >/dev/null; } 2>err && test ! -s err
'

t '--excel writes csv for Excel and defuses formulas; only with csv' '
	crm user add "eq" --name "=1+2" --role rep &&
	crm user list --excel -f csv >x.csv &&
	head -c 3 x.csv | od -An -tx1 | grep -q "ef bb bf" &&
	grep -q $'\''\r$'\'' x.csv &&
	has x.csv "eq,'\''=1+2,rep" &&
	code 64 crm user list --excel -f json && has err "--excel is for csv"
'

done_testing
