# crm — one top-level make. `make`, `make check`, `make demo`, `make bench`,
# `make lint`, `make install`. SANITIZE=1 builds into build-san/ with
# AddressSanitizer and UndefinedBehaviorSanitizer.

VERSION = 0.1.0
PREFIX ?= /usr/local
BINDIR = $(PREFIX)/bin
LOCALEDIR = $(PREFIX)/share/locale
MANDIR = $(PREFIX)/share/man
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR = $(PREFIX)/share/zsh/site-functions
FISHCOMPDIR = $(PREFIX)/share/fish/vendor_completions.d

CC ?= cc
CFLAGS ?= -O2 -g
# After the user's CFLAGS, so that they cannot be dropped.
WARN = -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow \
	-Wstrict-prototypes -Wmissing-prototypes -Wvla

PKGS = sqlite3 yaml-0.1 xlsxwriter
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lsqlite3 -lyaml -lxlsxwriter -lz)
# libcsv ships no pkg-config file.
LIBS = $(PKG_LIBS) -lcsv -lm
CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)

ifeq ($(SANITIZE),1)
B = build-san
SAN = -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
else
B = build
SAN =
endif

# Quiet unless V=1.
ifeq ($(V),1)
Q =
say = @true
else
Q = @
say = @printf '  %-6s %s\n'
endif

# -pthread: an import reads on a second thread (lib/import-pipe.c).
ALL_CFLAGS = $(CFLAGS) $(WARN) $(SAN) -pthread -Iinclude $(PKG_CFLAGS) \
	-DCRM_VERSION='"$(VERSION)"' -DCRM_LOCALEDIR='"$(LOCALEDIR)"'
ALL_LDFLAGS = $(LDFLAGS) $(SAN) -pthread

LIB_SRC = $(sort $(wildcard lib/*.c))
LIB_OBJ = $(LIB_SRC:lib/%.c=$(B)/lib/%.o) $(B)/lib/schema.gen.o
LIBCRM = $(B)/lib/libcrm.a

TOOLS = crm crm-customer crm-deal crm-lead crm-order crm-pay \
	crm-forecast crm-report

# Messages in Chinese: the strings marked _() N_() C_() P_() in lib/ and
# cmd/, their translations in po/zh_CN/*.po, one catalogue for gettext.
CMD_SRC = $(sort $(wildcard cmd/*.c cmd/*/*.c))
PO = $(sort $(wildcard po/zh_CN/*.po))
MO = $(B)/locale/zh_CN/LC_MESSAGES/crm.mo
XGETTEXT = xgettext --from-code=UTF-8 --package-name=crm --no-location --force-po \
	--add-comments=TRANSLATORS: \
	--keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
	--keyword=P_:1,2 --keyword=T_:2 --keyword=TP_:2,3 $(XGETTEXT_MSG)
# The functions that make messages translate their format themselves.
XGETTEXT_MSG = --keyword=crm_err_set:3 --flag=crm_err_set:3:c-format \
	--keyword=crm_err_prefix:2 --flag=crm_err_prefix:2:c-format \
	--keyword=crm_in_fail:4 --flag=crm_in_fail:4:c-format \
	--keyword=crm_report:2 --flag=crm_report:2:c-format \
	--keyword=crm_usage:2 --flag=crm_usage:2:c-format \
	--keyword=crm_note:2 --flag=crm_note:2:c-format \
	--keyword=crm_session_require:3
TOOL_BINS = $(TOOLS:%=$(B)/bin/%)
UNIT_SRC = $(sort $(wildcard tests/unit/test-*.c))
UNIT_BINS = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
SCHEMA = $(sort $(wildcard schema/[0-9][0-9][0-9]-*.sql))

.PHONY: all check unit cli demo bench lint install uninstall clean deps \
	completions po-check po-missing
.SUFFIXES:

all: $(TOOL_BINS) $(MO)

# The option macros' help, shared by the tools: the import options
# (cli-import.h), the chart options (cli-chart.h), the aging options
# (cli-pay.h) and the range options of every report
# (cmd/crm-report/report.h).
OPT_HEADERS = include/crm/cli-import.h include/crm/cli-chart.h \
	include/crm/cli-pay.h cmd/crm-report/report.h
$(B)/crm.pot: $(LIB_SRC) $(CMD_SRC) $(OPT_HEADERS)
	@mkdir -p $(@D)
	$(say) GEN $@
	$(Q)$(XGETTEXT) -o $@ $(LIB_SRC) $(CMD_SRC) $(OPT_HEADERS)

$(B)/zh_CN.po: $(PO)
	@mkdir -p $(@D)
	$(say) GEN $@
	$(Q)msgcat --use-first --force-po -o $@ $(PO)

$(MO): $(B)/zh_CN.po
	@mkdir -p $(@D)
	$(say) MSGFMT $@
	$(Q)msgfmt --check -o $@ $<

po-check: $(B)/crm.pot $(B)/zh_CN.po
	@sh tools/check-po.sh $(B)/crm.pot $(B)/zh_CN.po

# make po-missing FILES="lib/remind.c ...": what those files mark that
# has no Chinese yet, as a .po to fill in.
po-missing: $(B)/zh_CN.po
	@$(XGETTEXT) -o - $(FILES) | msgmerge --quiet --no-fuzzy-matching \
		$(B)/zh_CN.po - 2>/dev/null | msgattrib --untranslated \
		--no-obsolete

$(B)/lib/%.o: lib/%.c $(wildcard include/crm/*.h lib/*.h)
	@mkdir -p $(@D)
	$(say) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) -Ilib -c -o $@ $<

$(B)/lib/schema.gen.c: $(SCHEMA) tools/embed-schema.sh
	@mkdir -p $(@D)
	$(say) GEN $@
	$(Q)sh tools/embed-schema.sh $(SCHEMA) > $@.tmp && mv $@.tmp $@

$(B)/lib/schema.gen.o: $(B)/lib/schema.gen.c
	$(say) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(LIBCRM): $(LIB_OBJ)
	$(say) AR $@
	$(Q)rm -f $@
	$(Q)$(AR) rcs $@ $(LIB_OBJ)

# A tool is cmd/NAME.c or the files of cmd/NAME/.
.SECONDEXPANSION:
$(B)/bin/%: $$(wildcard cmd/$$*.c cmd/$$*/*.c cmd/$$*/*.h) $(LIBCRM) \
		$(wildcard include/crm/*.h)
	@mkdir -p $(@D)
	$(say) LINK $@
	$(Q)$(CC) $(ALL_CFLAGS) -Icmd -o $@ $(filter %.c,$^) $(LIBCRM) \
		$(ALL_LDFLAGS) $(LIBS)

$(B)/tests/test-%: tests/unit/test-%.c $(LIBCRM)
	@mkdir -p $(@D)
	$(say) LINK $@
	$(Q)$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes -o $@ $< $(LIBCRM) \
		$(ALL_LDFLAGS) $(LIBS) $(CMOCKA_LIBS)

# The test and benchmark data generators (not installed).
GENS = $(B)/tools/gen-customers $(B)/tools/gen-deals $(B)/tools/gen-orders \
	$(B)/tools/gen-series

# The benchmark programs (not installed), linked with the library.
BENCH_BINS = $(B)/tools/bench-forecast

$(B)/tools/bench-%: bench/bench-%.c $(LIBCRM)
	@mkdir -p $(@D)
	$(say) LINK $@
	$(Q)$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes -o $@ $< $(LIBCRM) \
		$(ALL_LDFLAGS) $(LIBS)

$(B)/tools/gen-%: bench/gen-%.c
	@mkdir -p $(@D)
	$(say) LINK $@
	$(Q)$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes -o $@ $< $(ALL_LDFLAGS) -lm

deps:
	@sh tools/deps.sh

unit: $(UNIT_BINS)
	CMOCKA_MESSAGE_OUTPUT=TAP prove --exec '' $(UNIT_BINS)

cli: all $(GENS)
	CRM_BUILD=$(CURDIR)/$(B) prove -j2 --exec bash tests/cli/*.t

check: deps
	@$(MAKE) --no-print-directory all $(UNIT_BINS) $(GENS)
	@$(MAKE) --no-print-directory po-check unit cli

demo: deps
	@$(MAKE) --no-print-directory all
	@CRM_BUILD=$(CURDIR)/$(B) bash demo/tour.sh

bench: all $(GENS) $(BENCH_BINS)
	@CRM_BUILD=$(CURDIR)/$(B) bash bench/run.sh

completions: all
	CRM_BUILD=$(CURDIR)/$(B) sh completions/generate.sh

lint:
	mandoc -Tlint -Wwarning man/*.[1-9] man/zh_CN/*.[1-9]
	sh tools/lint-man.sh man/*.[1-9] man/zh_CN/*.[1-9]
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability \
		--inline-suppr -Iinclude -Ilib --suppress=missingIncludeSystem \
		lib cmd
	@if grep -rnEi --include='*.c' \
		'"[^"]*\b(select|insert into|update [a-z_]+ set|delete from)\b' \
		cmd; then echo 'lint: SQL under cmd/ (it belongs in lib/)'; \
		exit 1; fi

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7 \
		$(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) \
		$(DESTDIR)$(FISHCOMPDIR)
	install -m 755 $(TOOL_BINS) $(DESTDIR)$(BINDIR)
	install -m 644 man/*.1 $(DESTDIR)$(MANDIR)/man1
	install -m 644 man/*.5 $(DESTDIR)$(MANDIR)/man5
	install -m 644 man/*.7 $(DESTDIR)$(MANDIR)/man7
	install -d $(DESTDIR)$(MANDIR)/zh_CN/man7
	install -m 644 man/zh_CN/*.7 $(DESTDIR)$(MANDIR)/zh_CN/man7
	install -d $(DESTDIR)$(LOCALEDIR)/zh_CN/LC_MESSAGES
	install -m 644 $(MO) $(DESTDIR)$(LOCALEDIR)/zh_CN/LC_MESSAGES/crm.mo
	for t in $(TOOLS); do \
		install -m 644 completions/bash/$$t $(DESTDIR)$(BASHCOMPDIR)/$$t; \
		install -m 644 completions/zsh/_$$t $(DESTDIR)$(ZSHCOMPDIR)/_$$t; \
		install -m 644 completions/fish/$$t.fish \
			$(DESTDIR)$(FISHCOMPDIR)/$$t.fish; \
	done

uninstall:
	for t in $(TOOLS); do \
		rm -f $(DESTDIR)$(BINDIR)/$$t $(DESTDIR)$(MANDIR)/man1/$$t.1 \
			$(DESTDIR)$(BASHCOMPDIR)/$$t $(DESTDIR)$(ZSHCOMPDIR)/_$$t \
			$(DESTDIR)$(FISHCOMPDIR)/$$t.fish; \
	done
	rm -f $(DESTDIR)$(MANDIR)/man5/crm-config.5 $(DESTDIR)$(MANDIR)/man7/crm.7
	rm -f $(DESTDIR)$(MANDIR)/zh_CN/man7/crm.7
	rm -f $(DESTDIR)$(LOCALEDIR)/zh_CN/LC_MESSAGES/crm.mo

clean:
	rm -rf build build-san
