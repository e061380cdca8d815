/* The terminal: curses set up, and put back on every way out (a normal end, a signal, a
 * crash, a suspend); bracketed paste turned on while the wizard runs and off whenever the
 * shell gets the terminal back; every key that is waiting read in one batch. */
#ifndef CLUSTERDNS_TUI_TERM_H
#define CLUSTERDNS_TUI_TERM_H

#include <stdbool.h>
#include <stddef.h>

#include "keys.h"

#define TERM_BATCH_MAX 4096 /* keys read in one go; the rest waits for the next read */

/* Takes the terminal: signal handlers (SIGINT, SIGTERM, SIGHUP, SIGQUIT noted for the loop; SIGTSTP
 * suspends; SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT put the terminal back and go on to the
 * handler that was there, such as a sanitizer's), curses in raw mode, bracketed paste on. */
void term_start(void);
/* Gives the terminal back: curses ended, bracketed paste off. Safe to call twice. */
void term_stop(void);
/* SIGINT, SIGTERM, SIGHUP or SIGQUIT when one arrived (the loop ends on it), else 0. */
int term_signal(void);
/* A SIGTSTP (or Ctrl-Z) waits: gives the terminal back, stops, and takes it again when
 * continued (the screen is drawn again by the caller). Returns true when it stopped. */
bool term_suspend_if_asked(void);
/* Asks for a suspend, as SIGTSTP does (Ctrl-Z in raw mode reaches us as a key). */
void term_ask_suspend(void);
/* Reads every key waiting now, mapped to tui keys, into keys (at most max): one batch. */
size_t term_read(struct tui_key_event *keys, size_t max);
/* Drops whatever input waits unread (typed ahead of a question). */
void term_flush_input(void);
/* Takes the terminal's size now, before a resize's key is read: nothing is drawn for a
 * stale size. */
void term_sync_size(void);
/* Milliseconds on a monotonic clock. */
long term_now_ms(void);

#endif
