#!/bin/bash
# The wizard shows outside text by the engine's escape policy (engine/text.h): a resumed
# checklist whose group name holds U+202E RIGHT-TO-LEFT OVERRIDE shows it as \u202e in the
# group field, with the cursor after it, and every byte written to the terminal (tmux
# pipe-pane) is free of it. 77 without tmux.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
. "$top_srcdir/tests/dnslab/lab.sh"
. "$top_srcdir/tests/e2e/tmux.sh"

e2e_have_tmux || exit 77
command -v "${PYTHON3:-python3}" >/dev/null || exit 77
e2e_init || exit 99

IN=$LAB_DIR/rlo.json
RAW=$LAB_DIR/terminal.raw
"${PYTHON3:-python3}" - "$IN" <<'EOF' || exit 99
import json, sys
json.dump({"schema": "clusterdns-checklist/1", "kb": "Q263029",
           "created": "2026-11-25T12:00:00Z", "updated": "2026-11-25T12:00:00Z",
           "group": "EXVS1\u202eexe.txt",
           "symptoms": {"setup_hangs": True, "overlapped_io": True, "event_4058": True},
           "steps": [{"id": "symptoms", "status": "done",
                      "completed_at": "2026-11-25T12:00:00Z"}]},
          open(sys.argv[1], "w"), ensure_ascii=False)
EOF

e2e_begin "a group name with U+202E, resumed"
# Every byte written is logged from the first (E2E_LOG): the first frames show the name too.
E2E_LOG=$RAW e2e_start rlo 80x24 -- --load "$IN" --servers 127.0.0.1:9 --timeout 300 \
    --output "$LAB_DIR/out.json"
e2e_wait "Resumed: the finished steps were checked again." "$S: resumes" || e2e_abort
# The help over it and closed again: more frames with the name.
e2e_keys F1
sleep 0.3
e2e_keys F1
e2e_wait "Step 2 of 6" "$S: opens at the group step" || e2e_abort
e2e_wait 'EXVS1\u202eexe.txt' "$S: the override shown escaped" || e2e_abort
# The cursor stands after the whole escaped text: typing appends there.
e2e_type "X"
e2e_wait 'EXVS1\u202eexe.txtX' "$S: typed text goes after it" || e2e_abort
e2e_keys C-q
e2e_keys q
e2e_exit_wait 0 "$S: Ctrl-Q, then Q: leaves without saving" 
e2e_end

e2e_begin "the raw terminal output"
LC_ALL=C grep -aq "EXVS1" "$RAW" || e2e_fail_noscreen "$S: pipe-pane did not log the screens"
LC_ALL=C grep -aqP '\xe2\x80\xae' "$RAW" && e2e_fail_noscreen "$S: U+202E reached the terminal"
e2e_end

e2e_done
