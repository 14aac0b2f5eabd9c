// See TerminalSignals.h for why this is a C file of its own.
//
// SIGINT/SIGTERM/SIGHUP only set a flag (async-signal-safe); the input loop sees it within
// one wait and leaves through the normal restore path. Crashes (SIGSEGV, a Swift trap's
// SIGILL/SIGTRAP, ...) cannot return to the loop: their handler writes the saved reset
// bytes and the saved termios (both async-signal-safe), then re-raises through the handler
// that was there before (the Swift runtime's backtracer, or the default).
#include "TerminalSignals.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static struct {
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
} state;

static void on_exit_signal(int sig) {
    if (state.seen == 0) state.seen = sig;
}

// ncurses learns of a resize in its SIGWINCH handler but hands it over only when a read
// returns: the loop must know of one that came while it was drawing, before it waits long.
static void on_winch(int sig) {
    state.resized = 1;
    void (*curses)(int) = state.curses_winch.sa_handler;
    if (!(state.curses_winch.sa_flags & SA_SIGINFO) && curses != SIG_DFL && curses != SIG_IGN) curses(sig);
}

int handoff_take_resized(void) {
    int r = state.resized;
    state.resized = 0;
    return r;
}

int handoff_pending_signal(void) { return state.seen; }

// Plain system calls, so the crash handler can call it too.
void handoff_release_stderr(void) {
    if (!state.capturing) return;
    state.capturing = 0;
    dup2(state.real_stderr, 2);
    close(state.real_stderr);
    if (lseek(state.captured, 0, SEEK_SET) == 0) {
        char buf[4096];
        ssize_t n;
        while ((n = read(state.captured, buf, sizeof buf)) > 0) {
            ssize_t ignored = write(2, buf, (size_t)n);
            (void)ignored;
        }
    }
    close(state.captured);
}

// What is written to stderr while the panes are up (a library's warning, the Swift
// runtime's "Fatal error: …" before a crash) would garble them, then vanish with the
// alternate screen.
int handoff_capture_stderr(void) {
    if (state.capturing) return 0;
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
    state.real_stderr = real;
    state.captured = fd;
    state.capturing = 1;
    return 0;
}

static void on_fatal_signal(int sig) {
    size_t n = state.reset_length;
    if (n > 0) { ssize_t ignored = write(1, state.reset_bytes, n); (void)ignored; }
    if (state.have_termios) tcsetattr(0, TCSANOW, &state.saved_termios);
    handoff_release_stderr();
    if (sig > 0 && sig < 32) sigaction(sig, &state.previous_fatal[sig], NULL);
    else signal(sig, SIG_DFL);
    raise(sig);
}

void handoff_save_termios(void) {
    if (tcgetattr(0, &state.saved_termios) == 0) state.have_termios = 1;
}

void handoff_set_reset_bytes(const char *bytes) {
    size_t n = strlen(bytes);
    if (n >= sizeof state.reset_bytes) n = sizeof state.reset_bytes - 1;
    state.reset_length = 0;
    memcpy(state.reset_bytes, bytes, n);
    state.reset_length = n;
}

void handoff_install_signal_handlers(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    // No SA_RESTART: a blocking read returns, so the loop sees the flag at once.
    sa.sa_handler = on_exit_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    // Around ncurses' own SIGWINCH handler (installed by newterm), not instead of it.
    if (sigaction(SIGWINCH, NULL, &state.curses_winch) == 0 && !(state.curses_winch.sa_flags & SA_SIGINFO)) {
        struct sigaction winch;
        memset(&winch, 0, sizeof winch);
        sigemptyset(&winch.sa_mask);
        winch.sa_handler = on_winch;
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
        f.sa_handler = on_fatal_signal;
        f.sa_flags = SA_RESETHAND | SA_NODEFER | on_own_stack;
        sigaction(fatal[i], &f, &state.previous_fatal[fatal[i]]);
    }
}

void handoff_clear_reset_bytes(void) {
    state.reset_length = 0;
    state.have_termios = 0;
}
