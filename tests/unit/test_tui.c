/* The wizard's logic without a terminal: the line editor, the focus ring, and the
 * controller's step rules driven by keys against a real session (no DNS is waited for). */
#include "config.h"

/* clang-format off */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "form.h"
#include "line_edit.h"
#include "screen.h"

static struct tui_key_event key(enum tui_key k)
{
    struct tui_key_event e = {k, k == TK_SPACE ? L' ' : 0};
    return e;
}

static struct tui_key_event ch(wchar_t c)
{
    struct tui_key_event e = {TK_CHAR, c};
    return e;
}

static void type(struct app *a, const char *s)
{
    for (; *s; s++) {
        struct tui_key_event e = *s == ' ' ? key(TK_SPACE) : ch((wchar_t)*s);
        assert_true(app_key(a, &e));
    }
}

static bool press(struct app *a, enum tui_key k)
{
    struct tui_key_event e = key(k);
    return app_key(a, &e);
}

/* --- line editor ---------------------------------------------------------------------- */

static void test_line_edit_round_trips_utf8_and_edits_at_the_cursor(void **state)
{
    struct line_edit e;
    struct tui_key_event k;
    char out[64];

    (void)state;
    line_edit_init(&e, 20);
    line_edit_set(&e, "Groupe \xc3\xa9t\xc3\xa9");
    assert_int_equal(e.len, 10);
    assert_string_equal(line_edit_get(&e, out, sizeof out), "Groupe \xc3\xa9t\xc3\xa9");
    k = key(TK_HOME);
    line_edit_key(&e, &k);
    k = ch(L'X');
    line_edit_key(&e, &k);
    k = key(TK_END);
    line_edit_key(&e, &k);
    k = key(TK_BACKSPACE);
    line_edit_key(&e, &k);
    assert_string_equal(line_edit_get(&e, out, sizeof out), "XGroupe \xc3\xa9t");
    k = key(TK_HOME);
    line_edit_key(&e, &k);
    k = key(TK_DELETE);
    line_edit_key(&e, &k);
    assert_string_equal(line_edit_get(&e, out, sizeof out), "Groupe \xc3\xa9t");
}

/* Ctrl-U and Ctrl-K, as in readline: replacing a path in "Save to" takes one key. */
static void test_line_edit_erases_to_the_start_and_to_the_end(void **state)
{
    struct line_edit e;
    struct tui_key_event k;
    char out[64];

    (void)state;
    line_edit_init(&e, 40);
    line_edit_set(&e, "/mnt/full/checklist.json");
    for (int i = 0; i < 14; i++) {
        k = key(TK_LEFT);
        line_edit_key(&e, &k);
    }
    k = key(TK_CTRL_U);
    assert_true(line_edit_key(&e, &k));
    assert_string_equal(line_edit_get(&e, out, sizeof out), "checklist.json");
    assert_int_equal(e.cursor, 0);
    k = key(TK_RIGHT);
    line_edit_key(&e, &k);
    k = key(TK_CTRL_K);
    assert_true(line_edit_key(&e, &k));
    assert_string_equal(line_edit_get(&e, out, sizeof out), "c");
    k = key(TK_CTRL_U);
    line_edit_key(&e, &k);
    assert_int_equal(e.len, 0);
    k = ch(L'x');
    line_edit_key(&e, &k);
    assert_string_equal(line_edit_get(&e, out, sizeof out), "x");
}

static void test_line_edit_stops_at_its_maximum_and_keeps_the_cursor_in_view(void **state)
{
    struct line_edit e;
    struct tui_key_event k = ch(L'a');

    (void)state;
    line_edit_init(&e, 15);
    for (int i = 0; i < 20; i++)
        assert_true(line_edit_key(&e, &k));
    assert_int_equal(e.len, 15);
    assert_int_equal(line_edit_view(&e, 10), 6); /* 9 characters and the cursor fit */
    k = key(TK_HOME);
    line_edit_key(&e, &k);
    assert_int_equal(line_edit_view(&e, 10), 0);
}

/* --- focus ring ------------------------------------------------------------------------ */

static void test_form_tab_wraps_and_enter_in_a_field_leaves_it(void **state)
{
    struct form f;
    size_t which;
    struct tui_key_event k;

    (void)state;
    form_init(&f);
    form_add(&f, ITEM_TEXT, "a", 0, 10);
    form_add(&f, ITEM_TOGGLE, "b", 1, 0);
    form_add(&f, ITEM_BUTTON, "c", 2, 0);
    k = key(TK_ENTER);
    assert_int_equal(form_key(&f, &k, &which), FORM_LEFT);
    assert_int_equal(which, 0);
    assert_int_equal(f.focus, 1);
    k = key(TK_SPACE);
    assert_int_equal(form_key(&f, &k, &which), FORM_TOGGLED);
    k = key(TK_TAB);
    form_key(&f, &k, &which);
    k = key(TK_ENTER);
    assert_int_equal(form_key(&f, &k, &which), FORM_PRESSED);
    assert_int_equal(which, 2);
    k = key(TK_TAB);
    form_key(&f, &k, &which);
    assert_int_equal(f.focus, 0); /* wrapped */
    k = key(TK_BTAB);
    form_key(&f, &k, &which);
    assert_int_equal(f.focus, 2);
}

/* --- the controller ---------------------------------------------------------------------- */

static int setup(void **state)
{
    static struct app a;
    static char out[256];
    struct session_options o = {0};
    struct cd_diag d;
    struct session *s;

    snprintf(out, sizeof out, "%s/clusterdns-tui-%d.json", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
             (int)getpid());
    o.servers = "127.0.0.1:1"; /* a closed port: lookups end at once, never waited for */
    o.output = out;
    o.timeout_ms = 200;
    s = session_new(&o, &d);
    assert_non_null(s);
    assert_true(app_init(&a, s));
    *state = &a;
    return 0;
}

static int teardown(void **state)
{
    struct app *a = *state;

    unlink(session_output(a->s));
    app_fini(a);
    session_free(a->s);
    return 0;
}

static void test_space_toggles_the_focused_symptom(void **state)
{
    struct app *a = *state;

    press(a, TK_SPACE);
    assert_int_equal(session_symptom(a->s, SYMPTOM_SETUP_HANGS), TRI_YES);
    press(a, TK_SPACE);
    assert_int_equal(session_symptom(a->s, SYMPTOM_SETUP_HANGS), TRI_NO);
    press(a, TK_TAB);
    press(a, TK_SPACE);
    assert_int_equal(session_symptom(a->s, SYMPTOM_OVERLAPPED_IO), TRI_YES);
}

static void test_f10_leaves_symptoms_even_when_they_do_not_match(void **state)
{
    struct app *a = *state;

    assert_true(press(a, TK_F10));
    assert_int_equal(a->step, STEP_GROUP);
}

static void test_f10_on_an_empty_group_says_why_and_stays(void **state)
{
    struct app *a = *state;

    press(a, TK_F10);
    press(a, TK_F10);
    assert_int_equal(a->step, STEP_GROUP);
    assert_int_equal(a->message_kind, MSG_ERROR);
    assert_non_null(strstr(a->message, "Exchange group"));
    type(a, "Exchange Group 1");
    press(a, TK_CTRL_N);
    assert_int_equal(a->step, STEP_NAMES);
    assert_string_equal(session_text(a->s, SF_GROUP), "Exchange Group 1");
}

static void test_tab_through_an_untouched_empty_field_says_nothing_until_f10(void **state)
{
    struct app *a = *state;

    press(a, TK_F10);
    assert_int_equal(a->step, STEP_GROUP);
    press(a, TK_TAB);
    assert_null(session_error(a->s, SF_GROUP));
    press(a, TK_BTAB);
    press(a, TK_F10);
    assert_non_null(session_error(a->s, SF_GROUP));
}

static void test_invalid_name_shows_its_error_and_blocks_f10(void **state)
{
    struct app *a = *state;

    press(a, TK_F10);
    type(a, "Exchange");
    press(a, TK_F10);
    assert_int_equal(a->step, STEP_NAMES);
    type(a, "fabrikam.local");
    press(a, TK_TAB);
    type(a, "EX_SRV");
    press(a, TK_TAB); /* leaving the field validates it */
    assert_non_null(session_error(a->s, SF_EXCHANGE_NAME));
    press(a, TK_F10);
    assert_int_equal(a->step, STEP_NAMES);
    assert_int_equal(a->message_kind, MSG_ERROR);
    assert_non_null(strstr(a->message, "Exchange network name"));
}

static void test_esc_goes_back_and_ctrl_p_too(void **state)
{
    struct app *a = *state;

    press(a, TK_F10);
    assert_int_equal(a->step, STEP_GROUP);
    press(a, TK_ESC);
    assert_int_equal(a->step, STEP_SYMPTOMS);
    press(a, TK_ESC);
    assert_int_equal(a->step, STEP_SYMPTOMS);
    press(a, TK_F10);
    press(a, TK_CTRL_P);
    assert_int_equal(a->step, STEP_SYMPTOMS);
}

static void test_ctrl_q_with_unsaved_work_asks_and_any_other_key_stays(void **state)
{
    struct app *a = *state;

    press(a, TK_SPACE); /* unsaved work */
    assert_true(press(a, TK_CTRL_Q));
    assert_true(a->dialog.open);
    assert_true(app_key(a, &(struct tui_key_event){TK_CHAR, L'x'}));
    assert_false(a->dialog.open);
    assert_true(press(a, TK_CTRL_Q));
    assert_false(app_key(a, &(struct tui_key_event){TK_CHAR, L'q'}));
}

static void test_ctrl_q_save_answer_saves_then_quits(void **state)
{
    struct app *a = *state;

    press(a, TK_SPACE);
    press(a, TK_CTRL_Q);
    assert_false(app_key(a, &(struct tui_key_event){TK_CHAR, L's'}));
    assert_false(session_unsaved(a->s));
    assert_int_equal(access(session_output(a->s), R_OK), 0);
}

static void test_ctrl_q_without_unsaved_work_quits_at_once(void **state)
{
    struct app *a = *state;
    struct cd_diag d;

    assert_int_equal(session_save(a->s, &d), CD_OK);
    assert_false(press(a, TK_CTRL_Q));
}

static void test_f1_opens_help_and_any_key_closes_it(void **state)
{
    struct app *a = *state;

    press(a, TK_F1);
    assert_true(a->help);
    press(a, TK_F10); /* closes help, does not move */
    assert_false(a->help);
    assert_int_equal(a->step, STEP_SYMPTOMS);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_line_edit_round_trips_utf8_and_edits_at_the_cursor),
        cmocka_unit_test(test_line_edit_erases_to_the_start_and_to_the_end),
        cmocka_unit_test(test_line_edit_stops_at_its_maximum_and_keeps_the_cursor_in_view),
        cmocka_unit_test(test_form_tab_wraps_and_enter_in_a_field_leaves_it),
        T(test_space_toggles_the_focused_symptom),
        T(test_f10_leaves_symptoms_even_when_they_do_not_match),
        T(test_f10_on_an_empty_group_says_why_and_stays),
        T(test_tab_through_an_untouched_empty_field_says_nothing_until_f10),
        T(test_invalid_name_shows_its_error_and_blocks_f10),
        T(test_esc_goes_back_and_ctrl_p_too),
        T(test_ctrl_q_with_unsaved_work_asks_and_any_other_key_stays),
        T(test_ctrl_q_save_answer_saves_then_quits),
        T(test_ctrl_q_without_unsaved_work_quits_at_once),
        T(test_f1_opens_help_and_any_key_closes_it),
    };

    setlocale(LC_ALL, "C.UTF-8");
    return cmocka_run_group_tests(tests, NULL, NULL);
}
