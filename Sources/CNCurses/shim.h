// ncursesw for Swift: the wide-character API needs these before the include, and the macros and globals Swift
// cannot import get small accessors here. DocketTerminal is the only Swift that imports this module.
#ifndef DOCKET_CNCURSES_SHIM_H
#define DOCKET_CNCURSES_SHIM_H

#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

static inline WINDOW *docket_stdscr(void) { return stdscr; }
static inline int docket_lines(void) { return LINES; }
static inline int docket_cols(void) { return COLS; }
static inline void docket_set_escdelay(int ms) { set_escdelay(ms); }
static inline int docket_key_code_yes(void) { return KEY_CODE_YES; }
static inline int docket_wcwidth(wchar_t c) { return wcwidth(c); }
static inline int docket_setlocale_all(void) { return setlocale(LC_ALL, "") != NULL; }
/* Two colour pairs for QR codes, whatever the terminal's scheme: 1 black on white, 2 white on black (bright white
   when the terminal has 16 colours). The terminal's own colours stay the default for everything else. */
static inline int docket_init_colors(void) {
    if (!has_colors()) return 0;
    start_color();
    use_default_colors();
    short white = COLORS >= 16 ? 15 : COLOR_WHITE;
    init_pair(1, COLOR_BLACK, white);
    init_pair(2, white, COLOR_BLACK);
    return 1;
}
static inline void docket_set_pair(WINDOW *w, short pair) { wattr_set(w, A_NORMAL, pair, NULL); }

#endif
