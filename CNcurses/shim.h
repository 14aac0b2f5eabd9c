// Shim for libncursesw. SwiftPM drops the -D flags of ncursesw.pc, so the wide-character API
// (wget_wch, cchar_t, ...) must be switched on here, before curses.h is read.
#ifndef HANDOFF_CNCURSES_SHIM_H
#define HANDOFF_CNCURSES_SHIM_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <signal.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

// Swift 6 rejects plain references to the global `stdscr` (shared mutable state), and
// the attribute and mouse macros do not import; these accessors stand in for them.
static inline WINDOW *handoff_stdscr(void) { return stdscr; }
static inline int handoff_lines(void) { return LINES; }
static inline int handoff_cols(void) { return COLS; }
static inline int handoff_colors(void) { return COLORS; }

static inline attr_t handoff_a_normal(void) { return A_NORMAL; }
static inline attr_t handoff_a_bold(void) { return A_BOLD; }
static inline attr_t handoff_a_dim(void) { return A_DIM; }
static inline attr_t handoff_a_reverse(void) { return A_REVERSE; }
static inline attr_t handoff_a_underline(void) { return A_UNDERLINE; }
static inline attr_t handoff_color_pair(int n) { return (attr_t)COLOR_PAIR(n); }

static inline mmask_t handoff_all_mouse_events(void) { return ALL_MOUSE_EVENTS | REPORT_MOUSE_POSITION; }
static inline mmask_t handoff_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t handoff_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t handoff_button4_pressed(void) { return BUTTON4_PRESSED; }
#if NCURSES_MOUSE_VERSION > 1
static inline mmask_t handoff_button5_pressed(void) { return BUTTON5_PRESSED; }
#else
static inline mmask_t handoff_button5_pressed(void) { return 0; }
#endif

// `stdout` and `stdin` are shared mutable globals to Swift 6 as well.
static inline SCREEN *handoff_newterm(const char *term) { return newterm(term, stdout, stdin); }

// KEY_F(n) is a macro.
static inline int handoff_key_f(int n) { return KEY_F(n); }

// The key code ncurses gives a terminfo key capability ("kUP3", ...), or 0 when the
// terminal lacks it. tigetstr returns (char *)-1 for a name that is not a string capability.
static inline int handoff_key_code(const char *capname) {
    char *s = tigetstr((NCURSES_CONST char *)capname);
    if (s == NULL || s == (char *)-1 || *s == 0) return 0;
    int code = key_defined(s);
    return code > 0 ? code : 0;
}

// A terminfo string capability, or NULL.
static inline const char *handoff_tigetstr(const char *capname) {
    char *s = tigetstr((NCURSES_CONST char *)capname);
    return (s == NULL || s == (char *)-1) ? NULL : s;
}

// One cell: setcchar and mvwadd_wch in one call.
static inline int handoff_put_cell(WINDOW *w, int y, int x, const wchar_t *text, attr_t attrs, short pair) {
    cchar_t c;
    if (setcchar(&c, text, attrs, pair, NULL) != OK) return ERR;
    return mvwadd_wch(w, y, x, &c);
}

#endif
