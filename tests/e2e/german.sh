#!/bin/bash
# The wizard end to end in German: with LANG=de_DE.UTF-8 the title, the footer, the step's
# text, the quit dialog and the engine's error under a field come from locale/de.po (the
# expected text is looked up in the catalogue itself, so rewording a translation does not
# break the test, but an untranslated string does).  The catalogue is compiled from
# locale/de.po into the test's folder and found through CLUSTERDNS_LOCALEDIR.
# 77 without tmux, without NLS, or without the de_DE.UTF-8 locale (scripts/deps.sh
# generates it).
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
. "$top_srcdir/tests/dnslab/lab.sh"
. "$top_srcdir/tests/e2e/tmux.sh"

e2e_have_tmux || exit 77
grep -q '^#define ENABLE_NLS 1' "$top_builddir/config.h" 2>/dev/null ||
    { echo "german.sh: built without NLS, skipping" >&2; exit 77; }
locale -a 2>/dev/null | grep -qixE 'de_DE\.utf-?8' ||
    { echo "german.sh: no de_DE.UTF-8 locale (scripts/deps.sh generates it), skipping" >&2
      exit 77; }
e2e_init || exit 99

PO=$top_srcdir/locale/de.po
MO=$LAB_DIR/locale/de/LC_MESSAGES/clusterdns.mo
e2e_begin "the German catalogue"
if [ ! -f "$PO" ]; then
    e2e_fail_noscreen "$S: $PO is missing"
    e2e_abort
fi
mkdir -p "${MO%/*}"
if ! msgfmt -c -o "$MO" "$PO"; then
    e2e_fail_noscreen "$S: msgfmt -c $PO failed"
    e2e_abort
fi
e2e_end

E2E_MO=$MO

e2e_begin "first screen in German"
e2e_expect TITLE "clusterdns - KB Q263029 - Step %d of %d: %s" 1 6 Symptoms
e2e_expect HELP "Help"
e2e_expect QUIT "Quit"
e2e_expect NOT_CHECKED "[?] not checked"
e2e_expect SEEN "[x] seen"
OUT=$LAB_DIR/de.json
e2e_start de 80x24 LANG=de_DE.UTF-8 CLUSTERDNS_LOCALEDIR="$LAB_DIR/locale" -- \
    --servers "" --output "$OUT"
e2e_wait "Q263029" "$S: the first screen draws" || e2e_abort
e2e_wait_line 24 "F1" "$S: the footer draws" || e2e_abort
e2e_not_shows "Step 1 of 6" "$S: the title in English: the catalogue in $LAB_DIR/locale was \
not used (cli/main.c must honour CLUSTERDNS_LOCALEDIR)" || e2e_abort
e2e_not_shows "Next step" "$S: no English footer"
e2e_line_shows 1 "$TITLE" "$S: the title in German"
e2e_line_shows 24 "F1/^G $HELP  " "$S: the footer in German"
e2e_line_shows 24 "^Q $QUIT" "$S: the footer's last key, whole at 80 columns"
e2e_shows "$NOT_CHECKED" "$S: the symptoms' marks in German"
e2e_keys Space
e2e_wait "$SEEN" "$S: Space marks a symptom, in German"
e2e_end

e2e_begin "an engine error in German (step 3)"
e2e_expect LABEL "Exchange network name"
e2e_expect STEP3 "clusterdns - KB Q263029 - Step %d of %d: %s" 3 6 "Names and IPs"
e2e_keys F10
e2e_type "Exchange Group 1"
e2e_keys F10
e2e_wait "$STEP3" "$S: F10 twice reaches step 3" || e2e_abort
e2e_keys Tab
e2e_type EX_SRV
e2e_keys Tab
e2e_wait "! $LABEL: " "$S: the error under the field names the field in German"
e2e_not_shows "contains _" "$S: the rule in German, not English"
e2e_end

e2e_begin "a closed port in German, in the narrow zone column (step 4)"
lab_closed_port CLOSED
# The zone column's own words (msgctxt "zone column"), not the report's wider ones.
NARROW=$("$E2E_PYTHON" -c 'import gettext, sys
t = gettext.GNUTranslations(open(sys.argv[1], "rb"))
s = t.pgettext("zone column", "port closed")
sys.exit("not translated: port closed (zone column)") if s == "port closed" else print(s)' "$MO") ||
    e2e_fail_noscreen "$S: locale/de.po: $NARROW"
e2e_expect WIDE "port closed"
[ "$NARROW" != "$WIDE" ] || e2e_fail_noscreen "$S: the narrow text is the wide one ($WIDE)"
e2e_expect STEP4 "clusterdns - KB Q263029 - Step %d of %d: %s" 4 6 "DNS server order"
e2e_start de-closed 80x24 LANG=de_DE.UTF-8 CLUSTERDNS_LOCALEDIR="$LAB_DIR/locale" -- \
    --servers "127.0.0.1:$CLOSED" --timeout 500 --output "$LAB_DIR/de-closed.json"
e2e_wait "Q263029" "$S: the first screen draws" || e2e_abort
e2e_keys F10
e2e_type "Exchange Group 1"
e2e_keys F10
e2e_fill_names
e2e_keys F10
e2e_wait "$STEP4" "$S: step 4" || e2e_abort
e2e_wait_re "127\.0\.0\.1:$CLOSED +[^ ].* $NARROW" "$S: the closed port, in the zone column's words" ||
    e2e_abort
e2e_end

e2e_begin "the quit dialog in German"
e2e_expect DIALOG "Unsaved work"
e2e_keys C-q
e2e_wait "$DIALOG" "$S: Ctrl-Q asks in German" || e2e_abort
e2e_keys q
e2e_exit_wait 0 "$S: Q quits"
e2e_end

e2e_done
