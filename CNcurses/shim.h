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

// Signals. The state below is `static` in a header: each Swift file that calls these may get
// its own copy in a debug build, so TerminalUI calls them from Signals.swift only.
//
// SIGINT/SIGTERM/SIGHUP only set a flag (async-signal-safe); the input loop sees it within
// one input timeout and leaves through the normal restore path. Crashes (SIGSEGV, a Swift
// trap's SIGILL/SIGTRAP, ...) cannot return to the loop: their handler writes the saved
// reset bytes and the saved termios (both async-signal-safe), then re-raises through the
// handler that was there before (the Swift runtime's backtracer, or the default).
// (Function-local statics: Swift's importer does not emit a header's file-scope statics.)
struct handoff_signal_state {
    volatile sig_atomic_t seen;
    volatile size_t reset_length;
    volatile int have_termios;
    char reset_bytes[512];
    struct termios saved_termios;
    struct sigaction previous_fatal[32];
    // A SIGWINCH came (cleared by handoff_take_resized), and the handler ncurses installed
    // for it, which ours calls.
    volatile sig_atomic_t resized;
    struct sigaction curses_winch;
    // stderr while curses owns the screen (see handoff_capture_stderr).
    volatile int capturing;
    int real_stderr;
    int captured;
};

static inline struct handoff_signal_state *handoff_signal_state(void) {
    static struct handoff_signal_state state;
    return &state;
}

static void handoff_on_exit_signal(int sig) {
    struct handoff_signal_state *st = handoff_signal_state();
    if (st->seen == 0) st->seen = sig;
}

// ncurses learns of a resize in its SIGWINCH handler but hands it over only when a read
// returns: the loop must know of one that came while it was drawing, before it waits long.
static void handoff_on_winch(int sig) {
    struct handoff_signal_state *st = handoff_signal_state();
    st->resized = 1;
    void (*curses)(int) = st->curses_winch.sa_handler;
    if (!(st->curses_winch.sa_flags & SA_SIGINFO) && curses != SIG_DFL && curses != SIG_IGN) curses(sig);
}

static inline int handoff_take_resized(void) {
    struct handoff_signal_state *st = handoff_signal_state();
    int r = st->resized;
    st->resized = 0;
    return r;
}

// Gives stderr back and writes out what was written to it meanwhile. Plain system calls,
// so the crash handler can call it too; does nothing the second time.
static inline void handoff_release_stderr(void) {
    struct handoff_signal_state *st = handoff_signal_state();
    if (!st->capturing) return;
    st->capturing = 0;
    dup2(st->real_stderr, 2);
    close(st->real_stderr);
    if (lseek(st->captured, 0, SEEK_SET) == 0) {
        char buf[4096];
        ssize_t n;
        while ((n = read(st->captured, buf, sizeof buf)) > 0) {
            ssize_t ignored = write(2, buf, (size_t)n);
            (void)ignored;
        }
    }
    close(st->captured);
}

// While the editor owns the screen, what is written to stderr (a library's warning, the
// Swift runtime's "Fatal error: …" before a crash) would garble the panes, then vanish
// with the alternate screen. It goes to an unlinked temporary file instead, written out
// on the restored terminal. Returns 0, or -1 when stderr is left as it was.
static inline int handoff_capture_stderr(void) {
    struct handoff_signal_state *st = handoff_signal_state();
    if (st->capturing) return 0;
    const char *dir = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/handoff-tui-stderr-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0) return -1;
    unlink(path);
    int real = dup(2);
    if (real < 0 || dup2(fd, 2) < 0) {
        if (real >= 0) close(real);
        close(fd);
        return -1;
    }
    st->real_stderr = real;
    st->captured = fd;
    st->capturing = 1;
    return 0;
}

static void handoff_on_fatal_signal(int sig) {
    struct handoff_signal_state *st = handoff_signal_state();
    size_t n = st->reset_length;
    if (n > 0) { ssize_t ignored = write(1, st->reset_bytes, n); (void)ignored; }
    if (st->have_termios) tcsetattr(0, TCSANOW, &st->saved_termios);
    handoff_release_stderr();
    if (sig > 0 && sig < 32) sigaction(sig, &st->previous_fatal[sig], NULL);
    else signal(sig, SIG_DFL);
    raise(sig);
}

// Saves the terminal state from before curses, for the crash path.
static inline void handoff_save_termios(void) {
    struct handoff_signal_state *st = handoff_signal_state();
    if (tcgetattr(0, &st->saved_termios) == 0) st->have_termios = 1;
}

// What the crash path writes: reset the attributes and the keypad (application cursor
// keys) mode, leave the alternate screen, show the cursor, turn off bracketed paste and
// mouse reporting.
static inline void handoff_set_reset_bytes(const char *bytes) {
    struct handoff_signal_state *st = handoff_signal_state();
    size_t n = strlen(bytes);
    if (n >= sizeof st->reset_bytes) n = sizeof st->reset_bytes - 1;
    st->reset_length = 0;
    memcpy(st->reset_bytes, bytes, n);
    st->reset_length = n;
}

static inline void handoff_install_signal_handlers(void) {
    struct handoff_signal_state *st = handoff_signal_state();
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    // No SA_RESTART: a blocking read returns, so the loop sees the flag at once.
    sa.sa_handler = handoff_on_exit_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    // Around ncurses' own SIGWINCH handler (installed by newterm), not instead of it.
    if (sigaction(SIGWINCH, NULL, &st->curses_winch) == 0 && !(st->curses_winch.sa_flags & SA_SIGINFO)) {
        struct sigaction winch;
        memset(&winch, 0, sizeof winch);
        sigemptyset(&winch.sa_mask);
        winch.sa_handler = handoff_on_winch;
        sigaction(SIGWINCH, &winch, NULL);
    }
    // A parent may have left them blocked (a test runner, a server that forked us): the
    // editor must see them, and SIGWINCH, which ncurses handles for resizes.
    sigset_t wanted;
    sigemptyset(&wanted);
    sigaddset(&wanted, SIGINT);
    sigaddset(&wanted, SIGTERM);
    sigaddset(&wanted, SIGHUP);
    sigaddset(&wanted, SIGWINCH);
    sigprocmask(SIG_UNBLOCK, &wanted, NULL);
    // A stack overflow is a SIGSEGV with no stack left to run a handler on: give the
    // crash handler a stack of its own (it only writes bytes and calls tcsetattr).
    static char crash_stack[65536];
    stack_t alt;
    memset(&alt, 0, sizeof alt);
    alt.ss_sp = crash_stack;
    alt.ss_size = sizeof crash_stack;
    int on_own_stack = sigaltstack(&alt, NULL) == 0 ? SA_ONSTACK : 0;
    int fatal[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP };
    for (unsigned i = 0; i < sizeof fatal / sizeof fatal[0]; i++) {
        struct sigaction f;
        memset(&f, 0, sizeof f);
        sigemptyset(&f.sa_mask);
        f.sa_handler = handoff_on_fatal_signal;
        f.sa_flags = SA_RESETHAND | SA_NODEFER | on_own_stack;
        sigaction(fatal[i], &f, &st->previous_fatal[fatal[i]]);
    }
}

// The signal that asked the editor to leave (SIGINT, SIGTERM, SIGHUP), or 0.
static inline int handoff_pending_signal(void) { return handoff_signal_state()->seen; }

// Turns the crash path off again once curses has restored the terminal itself.
static inline void handoff_clear_reset_bytes(void) {
    struct handoff_signal_state *st = handoff_signal_state();
    st->reset_length = 0;
    st->have_termios = 0;
}

#endif
