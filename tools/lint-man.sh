#!/bin/sh
# make lint: every man page renders (-Tutf8 and -Tascii) without the
# traces of a markup slip that mandoc -Tlint cannot see: "---" (Fl Fl),
# a crontab's escaped % lost ("$(date +a)"), a roff escape printed as
# text, or a macro name left in the text as a word.
bs=$(printf '\b')
out=$(mktemp) || exit 1
trap 'rm -f "$out"' EXIT
status=0
for page in "$@"; do
	for t in utf8 ascii; do
		if ! mandoc -T"$t" "$page" >/dev/null 2>&1; then
			echo "$page: mandoc -T$t cannot render it"
			status=1
			continue
		fi
		mandoc -T"$t" "$page" | sed "s/.$bs//g" >"$out"
		if grep -nE -e '---' -e 'date \+[A-Za-z]' \
		    -e '\\[&e(-]|\\f[A-Z]' "$out" ||
		    grep -nwE '(Fl|Ar|Cm|Ns|Oo|Oc|Op|Pq|Po|Pc|Ql|Aq|Ev|Pa|Xr|Nm|Sq|Dq|Ic|Sy|Em|Bl|El|Bd|Ed|Dl|Ss|Sh|Ta|Xo|Xc)' \
		    "$out"; then
			echo "$page: the -T$t rendering above shows a markup slip"
			status=1
		fi
	done
done
exit $status
