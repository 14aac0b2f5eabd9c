import TerminalSignals

/// Signal handling. The state the handlers share with the loop is defined once, in the
/// TerminalSignals C target.
enum Signals {
    /// Saves the terminal modes for the crash path; call before curses changes them.
    static func saveTerminalModes() { handoff_save_termios() }

    /// Installs the handlers: SIGINT/SIGTERM/SIGHUP set a flag the loop reads; crashes
    /// restore the terminal from the saved bytes and modes, then re-raise.
    static func install(resetBytes: String) {
        handoff_set_reset_bytes(resetBytes)
        handoff_install_signal_handlers()
    }

    /// SIGINT, SIGTERM or SIGHUP if one arrived, else nil.
    static var pending: Int32? {
        let s = handoff_pending_signal()
        return s == 0 ? nil : s
    }

    /// Whether a SIGWINCH came since the last call.
    static func takeResized() -> Bool { handoff_take_resized() != 0 }

    /// Curses has restored the terminal: a later crash must not write the reset again, and
    /// what went to stderr meanwhile is written out.
    static func terminalRestored() {
        handoff_clear_reset_bytes()
        handoff_release_stderr()
    }

    /// From now until the terminal is restored, stderr is kept aside (see TerminalSignals.h).
    static func captureStandardError() { _ = handoff_capture_stderr() }
}
