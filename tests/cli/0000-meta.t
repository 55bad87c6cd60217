#!/bin/bash
# Every binary: --help works, a bad option is 64, every verb and option is
# in its man page and completions, and the completions are up to date.
. "$(dirname "$0")/lib.sh"
TOP=$(cd "$TESTS/../.." && pwd)
tools=$(cd "$CRM_BUILD/bin" && ls crm crm-* 2>/dev/null)

for tool in $tools; do
	t "$tool --help and no arguments print the verbs on stdout, exit 0" '
		code 0 $tool --help && test -s out && test ! -s err &&
		has out "usage: $tool" &&
		code 0 $tool && has out "usage: $tool"
	'
	t "$tool --version" '
		code 0 $tool --version && grep -qE "^$tool [0-9]+\.[0-9]+\.[0-9]+$" out
	'
	t "$tool: an unknown verb or option is 64 on stderr" '
		code 64 $tool no-such-verb && test ! -s out && has err "$tool:" &&
		verb=$($tool --dump-options | awk -F"\t" "\$1 == \"verb\" {print \$2}" |
			tail -1) &&
		code 64 $tool $verb --no-such-option && has err "unknown option"
	'
	t "$tool: every verb and option is in man/$tool.1" '
		$tool --dump-options >dump &&
		awk -F"\t" "\$1 == \"verb\" {print \$2}" dump >verbs &&
		while read -r v; do
			grep -qF "Cm $v" "$TOP/man/$tool.1" ||
				{ echo "verb \"$v\" not in man/$tool.1"; exit 1; }
			$tool $v --help >/dev/null ||
				{ echo "$tool $v --help failed"; exit 1; }
		done <verbs &&
		awk -F"\t" "\$1 == \"opt\" {print \$3}" dump | sort -u >opts &&
		while read -r o; do
			grep -qE "\\\\-${o#--}( |,|\$)" "$TOP/man/$tool.1" ||
				{ echo "option $o not in man/$tool.1"; exit 1; }
		done <opts
	'
	t "$tool: every verb is in the bash, zsh and fish completions" '
		awk -F"\t" "\$1 == \"verb\" {n = split(\$2, w, \" \"); print w[n]}" \
			dump | sort -u >words &&
		while read -r w; do
			for f in bash/$tool zsh/_$tool fish/$tool.fish; do
				grep -qw -- "$w" "$TOP/completions/$f" ||
					{ echo "\"$w\" not in completions/$f"; exit 1; }
			done
		done <words
	'
done

t 'the completions are what completions/generate.sh makes now' '
	sh "$TOP/completions/generate.sh" fresh &&
	diff -r "$TOP/completions/bash" fresh/bash &&
	diff -r "$TOP/completions/zsh" fresh/zsh &&
	diff -r "$TOP/completions/fish" fresh/fish
'

t 'the completion files parse (where the shells are installed)' '
	for f in "$TOP"/completions/bash/*; do bash -n "$f"; done &&
	if command -v zsh >/dev/null; then
		for f in "$TOP"/completions/zsh/_*; do zsh -n "$f"; done
	fi &&
	if command -v fish >/dev/null; then
		for f in "$TOP"/completions/fish/*.fish; do fish -n "$f"; done
	fi
'

t 'bash completion offers verbs, sub-verbs and option values' '
	cat >comp.sh <<-EOF &&
	source "$TOP/completions/bash/crm"
	c() { COMP_WORDS=("\$@"); COMP_CWORD=\$((\${#COMP_WORDS[@]} - 1)); _crm; echo "\${COMPREPLY[*]}"; }
	c crm us; c crm user ""; c crm user add x --role ""; c crm -f ""
	EOF
	bash comp.sh >got &&
	printf "%s\n" user "add list set import deactivate" \
		"admin manager rep finance marketing" \
		"table csv tsv yaml json jsonl" >want &&
	same want got
'

t 'an option of one verb completes its own values (--from: a format to import, a date to list)' '
	cat >comp2.sh <<-EOF &&
	source "$TOP/completions/bash/crm-pay"
	c() { COMP_WORDS=("\$@"); COMP_CWORD=\$((\${#COMP_WORDS[@]} - 1)); COMPREPLY=(); _crm_pay; echo "\${COMPREPLY[*]}"; }
	c crm-pay expense import --from ""; c crm-pay expense list --from ""
	EOF
	bash comp2.sh >got &&
	printf "%s\n" "csv tsv yaml json jsonl" "" >want &&
	same want got
'

t 'every setting is documented in crm-config.5' '
	crm init 2>/dev/null &&
	crm config list --no-header | cut -d, -f1 >keys &&
	test -s keys &&
	while read -r k; do
		grep -qF "Cm $k" "$TOP/man/crm-config.5" ||
			{ echo "$k not in crm-config.5"; exit 1; }
	done <keys
'

t 'crm NOUN runs crm-NOUN, and an unknown noun is 64' '
	code 64 crm nosuchnoun list && has err "unknown command" &&
	mkdir -p fakebin && printf "#!/bin/sh\necho ran \"\$@\"\n" >fakebin/crm-fake &&
	chmod +x fakebin/crm-fake &&
	PATH=$PWD/fakebin:$PATH crm --db x.db fake list -q >ran &&
	has ran "ran list -q --db x.db"
'

t 'SQL stays in lib/' '
	! grep -rnEi --include="*.c" \
		"\"[^\"]*\b(select|insert into|update [a-z_]+ set|delete from)\b" \
		"$TOP/cmd"
'

done_testing
