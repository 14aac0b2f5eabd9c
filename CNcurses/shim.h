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
#include <wchar.h>
#include <ncursesw/curses.h>

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

#endif
