// The state shared by the editor's signal handlers and its loop, with one definition.
//
// It lives in a C file of its own, not in a header's statics: a `static` in a header gets
// a copy in every LLVM module that includes it, and a release build compiles one Swift
// module as several LLVM modules and inlines across files. The handler then set one copy
// of the exit flag while the loop read another, and a release binary ignored SIGTERM.
#ifndef HANDOFF_TERMINAL_SIGNALS_H
#define HANDOFF_TERMINAL_SIGNALS_H

// Saves the terminal modes from before curses, for the crash path.
void handoff_save_termios(void);

// What the crash path writes to stdout: reset the attributes and the keypad mode, leave
// the alternate screen, show the cursor, turn off bracketed paste and mouse reporting.
void handoff_set_reset_bytes(const char *bytes);

// SIGINT/SIGTERM/SIGHUP set a flag (no SA_RESTART, so a blocking read returns); SIGWINCH
// is noted around the handler ncurses installed; crashes (SIGSEGV, SIGBUS, SIGILL, SIGFPE,
// SIGABRT, SIGTRAP) write the reset bytes and modes, then re-raise through the handler
// that was there before. Call after newterm, which installs ncurses' SIGWINCH handler.
void handoff_install_signal_handlers(void);

// The signal that asked the editor to leave (SIGINT, SIGTERM, SIGHUP), or 0.
int handoff_pending_signal(void);

// Whether a SIGWINCH came since the last call (1 or 0); clears it.
int handoff_take_resized(void);

// While the editor owns the screen, stderr goes to an unlinked temporary file, written out
// on the restored terminal. Returns 0, or -1 when stderr is left as it was.
int handoff_capture_stderr(void);

// Gives stderr back and writes out what was held; does nothing the second time.
void handoff_release_stderr(void);

// Turns the crash path off again once curses has restored the terminal itself.
void handoff_clear_reset_bytes(void);

#endif
