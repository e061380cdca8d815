/* The input decoder without a terminal: escape sequences read whole (the variants of
 * xterm, rxvt, the Linux console, PuTTY, screen and tmux), bracketed pastes, and input
 * that arrives faster than typing taken as a paste; and the question dialog's answers. */
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

#include "dialog.h"
#include "input.h"

#define EVENTS_MAX 64

struct seen {
    struct input_event ev[EVENTS_MAX];
    char text[EVENTS_MAX][256];
    size_t n;
};

static void collect(void *ctx, const struct input_event *ev)
{
    struct seen *s = ctx;

    assert_true(s->n < EVENTS_MAX);
    s->ev[s->n] = *ev;
    snprintf(s->text[s->n], sizeof s->text[s->n], "%s", ev->text ? ev->text : "");
    s->ev[s->n].text = s->text[s->n];
    s->n++;
}

/* keys from a string as curses hands them over when it decodes nothing: ESC, characters,
 * Enter, Tab. */
static size_t keys_of(const char *s, struct tui_key_event *k)
{
    size_t n = 0;

    for (; *s; s++, n++) {
        k[n].ch = 0;
        switch (*s) {
        case '\033': k[n].key = TK_ESC; break;
        case '\r': case '\n': k[n].key = TK_ENTER; break;
        case '\t': k[n].key = TK_TAB; break;
        case ' ': k[n].key = TK_SPACE; k[n].ch = L' '; break;
        case 0x11: k[n].key = TK_CTRL_Q; break;
        default: k[n].key = TK_CHAR; k[n].ch = (wchar_t)(unsigned char)*s; break;
        }
    }
    return n;
}

static void feed(struct input *in, struct seen *s, const char *text, long now)
{
    struct tui_key_event k[512];

    input_batch(in, k, keys_of(text, k), now, collect, s);
}

static void assert_key(const struct seen *s, size_t i, enum tui_key key, wchar_t ch)
{
    assert_true(i < s->n);
    assert_int_equal(s->ev[i].kind, INPUT_KEY);
    assert_int_equal(s->ev[i].key.key, key);
    assert_int_equal(s->ev[i].key.ch, ch);
}

static void test_sequences_curses_did_not_decode_are_read_whole(void **state)
{
    /* PuTTY, screen and the Linux console under TERM=xterm: Home and End as ESC [ 1 ~ and
     * ESC [ 4 ~; rxvt's ESC [ 7 ~ / 8 ~; F10 as ESC [ 21 ~; the console's F1 ESC [ [ A;
     * application mode ESC O H; xterm's Ctrl-Left ESC [ 1 ; 5 D. Each one key, never Esc. */
    static const struct {
        const char *seq;
        enum tui_key key;
        wchar_t ch;
    } t[] = {
        {"\033[1~", TK_HOME, 0},  {"\033[4~", TK_END, 0},     {"\033[7~", TK_HOME, 0},
        {"\033[8~", TK_END, 0},   {"\033[3~", TK_DELETE, 0},  {"\033[5~", TK_PGUP, 0},
        {"\033[6~", TK_PGDN, 0},  {"\033[21~", TK_F10, 0},    {"\033[11~", TK_F1, 0},
        {"\033[12~", TK_F2, 0},   {"\033[15~", TK_FKEY, 5},   {"\033[[A", TK_F1, 0},
        {"\033[[B", TK_F2, 0},    {"\033[[E", TK_FKEY, 5},    {"\033OP", TK_F1, 0},
        {"\033OQ", TK_F2, 0},     {"\033OH", TK_HOME, 0},     {"\033OF", TK_END, 0},
        {"\033[H", TK_HOME, 0},   {"\033[F", TK_END, 0},      {"\033[A", TK_UP, 0},
        {"\033[1;5D", TK_CTRL_LEFT, 0}, {"\033[1;5C", TK_CTRL_RIGHT, 0},
        {"\033Od", TK_CTRL_LEFT, 0},    {"\033Oc", TK_CTRL_RIGHT, 0},
        {"\033[Z", TK_BTAB, 0},   {"\033[3;5~", TK_DELETE, 0},
    };

    (void)state;
    for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
        struct input in;
        struct seen s = {0};

        input_init(&in);
        feed(&in, &s, t[i].seq, 0);
        assert_int_equal(s.n, 1);
        assert_key(&s, 0, t[i].key, t[i].ch);
        input_fini(&in);
    }
}

static void test_an_unknown_sequence_is_reported_whole_and_is_no_key(void **state)
{
    struct input in;
    struct seen s = {0};

    (void)state;
    input_init(&in);
    feed(&in, &s, "\033[99~", 0);
    assert_int_equal(s.n, 1);
    assert_int_equal(s.ev[0].kind, INPUT_UNKNOWN);
    assert_string_equal(s.text[0], "ESC [ 9 9 ~");
    s.n = 0;
    feed(&in, &s, "\033x", 0); /* Alt-x: not Esc then x */
    assert_int_equal(s.n, 1);
    assert_int_equal(s.ev[0].kind, INPUT_UNKNOWN);
    s.n = 0;
    feed(&in, &s, "\033", 0); /* Esc alone is Esc */
    assert_key(&s, 0, TK_ESC, 0);
    input_fini(&in);
}

static void test_bracketed_paste_is_one_paste_without_control_characters(void **state)
{
    struct input in;
    struct seen s = {0};

    (void)state;
    input_init(&in);
    /* The markers as curses decodes them (define_key) or, undecoded, as sequences. */
    feed(&in, &s, "\033[200~Default Gateway . . : 1.2.3.4\ray\021\033[A\033[201~", 0);
    assert_int_equal(s.n, 1);
    assert_int_equal(s.ev[0].kind, INPUT_PASTE);
    assert_string_equal(s.text[0], "Default Gateway . . : 1.2.3.4\nay");
    input_fini(&in);
}

static void test_a_bracketed_paste_may_span_batches_and_ends_late_without_its_marker(void **state)
{
    struct input in;
    struct seen s = {0};

    (void)state;
    input_init(&in);
    feed(&in, &s, "\033[200~abc", 0);
    feed(&in, &s, "a", 10); /* one character: still the paste, not the key A */
    assert_int_equal(s.n, 0);
    assert_true(input_pasting(&in));
    assert_int_equal(input_timeout(&in, 10), INPUT_BRACKET_WAIT_MS);
    input_tick(&in, 10 + INPUT_BRACKET_WAIT_MS, collect, &s);
    assert_int_equal(s.n, 1);
    assert_string_equal(s.text[0], "abca");
    assert_false(input_pasting(&in));
    input_fini(&in);
}

static void test_many_characters_in_one_read_are_a_paste(void **state)
{
    struct input in;
    struct seen s = {0};

    (void)state;
    input_init(&in);
    feed(&in, &s, "Default Gateway", 0);
    assert_int_equal(s.n, 0); /* it may go on */
    feed(&in, &s, " . : 172.16.8.1\r", 20);
    assert_int_equal(input_timeout(&in, 20), INPUT_BURST_GAP_MS);
    input_tick(&in, 20 + INPUT_BURST_GAP_MS, collect, &s);
    assert_int_equal(s.n, 1);
    assert_int_equal(s.ev[0].kind, INPUT_PASTE);
    assert_string_equal(s.text[0], "Default Gateway . : 172.16.8.1\n");
    input_fini(&in);
}

static void test_keys_before_a_burst_are_keys_and_a_batch_without_characters_ends_it(void **state)
{
    struct input in;
    struct seen s = {0};
    struct tui_key_event k[8];

    (void)state;
    input_init(&in);
    k[0] = (struct tui_key_event){TK_F10, 0};
    keys_of("abc", k + 1);
    input_batch(&in, k, 4, 0, collect, &s);
    assert_int_equal(s.n, 1);
    assert_key(&s, 0, TK_F10, 0);
    k[0] = (struct tui_key_event){TK_F10, 0};
    input_batch(&in, k, 1, 5, collect, &s);
    assert_int_equal(s.n, 3); /* the paste, then F10 */
    assert_int_equal(s.ev[1].kind, INPUT_PASTE);
    assert_string_equal(s.text[1], "abc");
    assert_key(&s, 2, TK_F10, 0);
    input_fini(&in);
}

static void test_a_burst_whose_time_ran_out_ends_before_the_next_batch(void **state)
{
    struct input in;
    struct seen s = {0};

    (void)state;
    input_init(&in);
    feed(&in, &s, "172.16.8.31", 0);
    /* No tick in between (the loop was busy): the Tab, read 80 ms later, is a key. */
    feed(&in, &s, "\t", 80);
    assert_int_equal(s.n, 2);
    assert_int_equal(s.ev[0].kind, INPUT_PASTE);
    assert_string_equal(s.text[0], "172.16.8.31");
    assert_key(&s, 1, TK_TAB, 0);
    input_fini(&in);
}

static void test_two_characters_are_typing_and_a_ctrl_key_in_a_burst_is_dropped(void **state)
{
    struct input in;
    struct seen s = {0};

    (void)state;
    input_init(&in);
    feed(&in, &s, "ay", 0);
    assert_int_equal(s.n, 2);
    assert_key(&s, 0, TK_CHAR, L'a');
    assert_key(&s, 1, TK_CHAR, L'y');
    s.n = 0;
    feed(&in, &s, "q\021xyz", 100); /* Ctrl-Q inside a paste quits nothing */
    input_tick(&in, 1000, collect, &s);
    assert_int_equal(s.n, 1);
    assert_string_equal(s.text[0], "qxyz");
    input_fini(&in);
}

/* --- the question dialog ---------------------------------------------------------------- */

static void test_a_dialog_defaults_to_the_safe_answer_and_takes_only_its_keys(void **state)
{
    struct dialog d = {0};
    const struct dialog_button b[] = {{"Y  Send", "yj", 1}, {"N  Cancel", "n", 0}};
    struct tui_key_event k;

    (void)state;
    setlocale(LC_ALL, "C.UTF-8");
    dialog_open(&d, "Send?", strdup("body"), b, 2, 1, NULL, NULL, NULL);
    k = (struct tui_key_event){TK_ENTER, 0};
    assert_int_equal(dialog_key(&d, &k), 0); /* Enter on the default: cancel */
    k = (struct tui_key_event){TK_CHAR, L'a'};
    assert_int_equal(dialog_key(&d, &k), 0); /* any other key: the safe answer */
    k = (struct tui_key_event){TK_CHAR, L'J'};
    assert_int_equal(dialog_key(&d, &k), 1);
    k = (struct tui_key_event){TK_TAB, 0};
    assert_int_equal(dialog_key(&d, &k), DIALOG_NO_ANSWER);
    k = (struct tui_key_event){TK_ENTER, 0};
    assert_int_equal(dialog_key(&d, &k), 1);
    k = (struct tui_key_event){TK_ESC, 0};
    assert_int_equal(dialog_key(&d, &k), 0);
    dialog_paste(&d);
    assert_non_null(d.note);
    assert_true(d.open);
    dialog_close(&d);
    assert_false(d.open);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sequences_curses_did_not_decode_are_read_whole),
        cmocka_unit_test(test_an_unknown_sequence_is_reported_whole_and_is_no_key),
        cmocka_unit_test(test_bracketed_paste_is_one_paste_without_control_characters),
        cmocka_unit_test(test_a_bracketed_paste_may_span_batches_and_ends_late_without_its_marker),
        cmocka_unit_test(test_many_characters_in_one_read_are_a_paste),
        cmocka_unit_test(test_keys_before_a_burst_are_keys_and_a_batch_without_characters_ends_it),
        cmocka_unit_test(test_a_burst_whose_time_ran_out_ends_before_the_next_batch),
        cmocka_unit_test(test_two_characters_are_typing_and_a_ctrl_key_in_a_burst_is_dropped),
        cmocka_unit_test(test_a_dialog_defaults_to_the_safe_answer_and_takes_only_its_keys),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
