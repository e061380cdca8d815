/* The wizard's frame around a step's screen: the title with the step and the DNS spinner;
 * the bar with the step's one-letter commands that work now and the [ Back ] and [ Next ]
 * buttons; the message, wrapped, never cut; the footer with every common key and its
 * letter alternative, only those that work here; help and questions over it all. Below
 * FRAME_MIN_COLS x FRAME_MIN_ROWS it says what is needed, wrapped to the width, and shows
 * an open question in words. */
#ifndef CLUSTERDNS_TUI_FRAME_H
#define CLUSTERDNS_TUI_FRAME_H

#include <stdbool.h>

#include "app.h"

#define FRAME_MIN_COLS 80
#define FRAME_MIN_ROWS 22

/* Paints everything (a->dirty is cleared). */
void frame_draw(struct app *a);
/* True when the terminal is smaller than the minimum now. */
bool frame_too_small(void);

#endif
