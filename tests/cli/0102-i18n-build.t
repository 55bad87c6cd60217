#!/bin/bash
# Chinese from a clone, before `make install`: a tool finds the catalogue
# make built beside it (build/locale for build/bin), through a symbolic
# link too, and CRM_LOCALEDIR still wins; a tool elsewhere uses its own
# folder's catalogue only when there is one.
. "$(dirname "$0")/lib.sh"
unset CRM_LOCALEDIR
crm init 2>/dev/null
crm -q user add li.lei --name 李雷 --role rep --region 华东
crm-customer -q add --name 星河科技 --owner li.lei >/dev/null

t 'built tools speak Chinese without CRM_LOCALEDIR or make install' '
	(unset LC_ALL; LANG=zh_CN.UTF-8 crm-customer --help) >h &&
	has h "用法：crm-customer" &&
	LANGUAGE=zh_CN crm --help >h && has h "用法：crm " &&
	LANGUAGE=zh_CN crm customer --help >h &&
	has h "用法：crm-customer" &&
	LANGUAGE=zh_CN crm-customer list -f table >l && has l "负责人" &&
	crm user set "$ME" --lang zh_CN && crm-customer list -f table >l &&
	has l "负责人" && crm user set "$ME" --lang en &&
	crm-customer --help >h && has h "usage: crm-customer"
'

t 'through a symbolic link to the built tool' '
	mkdir -p elsewhere/bin &&
	ln -s "$CRM_BUILD/bin/crm-customer" elsewhere/bin/crm-customer &&
	LANGUAGE=zh_CN elsewhere/bin/crm-customer --help >h &&
	has h "用法：crm-customer"
'

cat >copy.po <<'PO'
msgid ""
msgstr "Content-Type: text/plain; charset=UTF-8\n"

msgid "usage: %s VERB [OPTIONS] [ARGS]\n"
msgstr "COPY %s\n"
PO

# A copy with a catalogue of its own beside it: the copy's words, or
# those of CRM_LOCALEDIR when it is set.
t 'the catalogue beside the tool, and CRM_LOCALEDIR before it' '
	mkdir -p copy/bin copy/locale/zh_CN/LC_MESSAGES &&
	cp "$CRM_BUILD/bin/crm-customer" copy/bin/ &&
	msgfmt -o copy/locale/zh_CN/LC_MESSAGES/crm.mo copy.po &&
	LANGUAGE=zh_CN copy/bin/crm-customer --help >h &&
	has h "COPY crm-customer" &&
	LANGUAGE=zh_CN CRM_LOCALEDIR="$CRM_BUILD/locale" \
	    copy/bin/crm-customer --help >h && has h "用法：crm-customer"
'

t 'a locale folder beside the tool without a crm catalogue is not used' '
	mkdir -p other/bin other/locale/zh_CN/LC_MESSAGES &&
	cp "$CRM_BUILD/bin/crm-customer" other/bin/ &&
	cp copy/locale/zh_CN/LC_MESSAGES/crm.mo \
	    other/locale/zh_CN/LC_MESSAGES/not-crm.mo &&
	LANGUAGE=zh_CN CRM_LOCALEDIR="$PWD/copy/locale" \
	    other/bin/crm-customer --help >h && has h "COPY crm-customer" &&
	LANGUAGE=zh_CN other/bin/crm-customer --help >h &&
	! has h "COPY"
'

done_testing
