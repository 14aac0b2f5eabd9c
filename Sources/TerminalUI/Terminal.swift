import CNcurses
import HandoffEditor
#if canImport(Glibc)
import Glibc
#endif

/// Why the terminal could not be set up; the message says what to change.
public struct TerminalSetupError: Error, Sendable {
    public let message: String
}

/// The ncurses driver: the only code that calls ncurses. It sets the terminal up, decodes
/// keys, the mouse, pastes and resizes into `Input`, and draws `Frame`s by cells that
/// changed since the last one.
public final class Terminal: Screen {
    /// The terminal's size in cells.
    public internal(set) var size: Size
    /// A line for the message row about a fallback made at start-up (TERM), or nil.
    public let notice: String?
    /// The colour depth in use: "256", "8" or "none".
    public var colorDepth: String { styles.depth.rawValue }

    let window: UnsafeMutablePointer<WINDOW>
    private let styles: Styles
    /// What is on the screen, cell by cell; nil forces the next frame to be drawn whole.
    private var shown: [Cell] = []
    /// False: the next frame is drawn whole (after a resize).
    private var shownValid = false
    private var shownSize = Size(columns: 0, rows: 0)
    /// The generation of the frame drawn last (see `Frame.generation`).
    private var drawnGeneration = -1
    private var cursorVisible: Int32 = -1
    private var ended = false
    /// Input decoded ahead (a burst of typed text) or pushed back (a look-ahead byte).
    var queue: [Input] = []
    var lookahead: [RawKey] = []
    /// When the last typed text was decoded (CLOCK_MONOTONIC, ns): tells typing from a burst.
    var lastTextAt: UInt64 = 0
    private var currentTimeout: Int32 = -2
    /// Key codes of terminfo's extended keys (Alt- and Ctrl-arrows), found at start-up. Six
    /// pairs: an array (a dictionary's first use costs a conformance look-up at start-up).
    var extendedKeys: [(code: Int32, key: Key)] = []

    static let escapeDelay: Int32 = 25
    /// Modes set at start and reset at the end: bracketed paste everywhere; in an xterm,
    /// also Alt as an ESC prefix (mode 1036, saved and restored): a stock xterm otherwise
    /// sends Alt-3 as the 8-bit "³", and Alt-1…6, Alt-n, Alt-z would type text.
    private let modesOn: String
    private let modesOff: String

    /// Sets the terminal up: a UTF-8 locale, a terminfo entry, raw keys, mouse, bracketed
    /// paste, colours. Throws when the locale or the terminal cannot be used.
    public init(environment: [String: String]? = nil) throws(TerminalSetupError) {
        func env(_ name: String) -> String? {
            if let environment { return environment[name] }
            return getenv(name).map { String(cString: $0) }
        }
        try Terminal.setUTF8Locale()

        let given = env("TERM") ?? ""
        var candidates = given.isEmpty ? [] : [given]
        for fallback in ["xterm-256color", "vt100"] where fallback != given { candidates.append(fallback) }
        // The first that terminfo knows and that can address the cursor (a "dumb" cannot).
        var chosen: (term: String, window: UnsafeMutablePointer<WINDOW>)?
        Signals.saveTerminalModes()
        for term in candidates {
            guard let screen = handoff_newterm(term) else { continue }
            if handoff_tigetstr("cup") != nil, let window = handoff_stdscr() {
                chosen = (term, window)
                break
            }
            endwin()
            delscreen(screen)
        }
        guard let (term, window) = chosen else {
            throw TerminalSetupError(message: "no usable terminal description for TERM=\(given.isEmpty ? "(unset)" : given) "
                + "(nor xterm-256color or vt100); install ncurses-base or set TERM to your terminal's name, e.g. TERM=xterm-256color")
        }
        if term == given {
            notice = nil
        } else if given.isEmpty {
            notice = "TERM is not set: drawing as \(term). Set TERM to your terminal's name."
        } else {
            notice = "TERM=\(given) is not in terminfo here: drawing as \(term). Set TERM to your terminal's name."
        }
        self.window = window
        // Raw, not cbreak: Ctrl-S, Ctrl-Q, Ctrl-Z and Ctrl-C reach the editor as keys.
        raw()
        noecho()
        nonl()
        keypad(window, true)
        intrflush(window, false)
        set_escdelay(Terminal.escapeDelay)
        // No typeahead polls inside doupdate: a frame is small, and two polls per key cost more.
        typeahead(-1)
        // No insert/delete-line scrolling (ncurses' default, stated). This does not stop the
        // search for scrolled lines: doupdate hashes the screen's lines on every frame
        // whenever the terminal can scroll a region (~15,000 instructions a frame, by
        // callgrind), and no call turns that off.
        idlok(window, false)
        // Presses, not clicks: ncurses would otherwise wait to tell a click from a press.
        mouseinterval(0)
        mousemask(handoff_button1_pressed() | handoff_button4_pressed() | handoff_button5_pressed(), nil)
        styles = Styles(noColor: !(env("NO_COLOR") ?? "").isEmpty)
        size = Size(columns: Int(handoff_cols()), rows: Int(handoff_lines()))

        for (name, key) in [("kUP3", Key.altUp), ("kDN3", .altDown), ("kLFT3", .altLeft), ("kRIT3", .altRight),
                            ("kLFT5", .ctrlLeft), ("kRIT5", .ctrlRight)] {
            let code = handoff_key_code(name)
            if code > 0 { extendedKeys.append((code, key)) }
        }

        // Until curses has been suspended and resumed once, ncurses 6.4 flushes its output
        // after every cursor movement (it takes the screen for one a terminfo-level program
        // drives): a first paint went out in ~150 writes. One endwin + doupdate ends that.
        let xterm = term.hasPrefix("xterm")
        modesOn = "\u{1B}[?2004h" + (xterm ? "\u{1B}[?1036s\u{1B}[?1036h" : "")
        modesOff = "\u{1B}[?2004l" + (xterm ? "\u{1B}[?1036r" : "")
        endwin()
        doupdate()
        Terminal.writeRaw(modesOn)
        // What endwin would send, for the crash path: attributes off, the keypad back to
        // normal (keypad() turned on application cursor keys; left on, the shell after a
        // crash would get ESC O A for Up), the main screen, the cursor shown.
        var reset = handoff_tigetstr("sgr0").map { String(cString: $0) } ?? ""
        reset += handoff_tigetstr("rmkx").map { String(cString: $0) } ?? ""
        reset += handoff_tigetstr("rmcup").map { String(cString: $0) } ?? ""
        reset += handoff_tigetstr("cnorm").map { String(cString: $0) } ?? ""
        reset += modesOff + "\u{1B}[?1000l\u{1B}[?1006l\r\n"
        Signals.install(resetBytes: reset)
        Signals.captureStandardError()
    }

    deinit { end() }

    /// Restores the terminal: leaves curses mode, turns bracketed paste and the mouse off.
    /// Safe to call more than once.
    public func end() {
        guard !ended else { return }
        ended = true
        mousemask(0, nil)
        Terminal.writeRaw(modesOff)
        endwin()
        Signals.terminalRestored()
    }

    /// SIGINT, SIGTERM or SIGHUP, if one asked the editor to leave. A terminal that went
    /// away without a SIGHUP (its master closed) counts as SIGHUP.
    public var pendingSignal: Int32? { Signals.pending ?? (hungUp ? SIGHUP : nil) }
    private var hungUp = false

    /// Whether decoded input is waiting (then a redraw can wait for it).
    public var hasPendingInput: Bool { !queue.isEmpty || !lookahead.isEmpty }

    /// Whether the terminal was resized (SIGWINCH) since the last call. ncurses hands a
    /// resize over only when a read returns: one that came while a frame was drawn would
    /// otherwise wait for the end of a long wait for input.
    public func takeResizeNotice() -> Bool { Signals.takeResized() }

    // MARK: - Start-up checks

    private static func isUTF8() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    /// The user's locale if it is UTF-8; C.UTF-8 when none is set (or the one set is not
    /// installed); an error for an explicit non-UTF-8 locale, whose terminal would show
    /// UTF-8 as garbage.
    static func setUTF8Locale() throws(TerminalSetupError) {
        // LC_CTYPE is all curses needs (wide characters); loading the other categories
        // costs start-up time.
        let applied = setlocale(LC_CTYPE, "") != nil
        if isUTF8() { return }
        let current = setlocale(LC_CTYPE, nil).map { String(cString: $0) } ?? "C"
        if applied, current != "C", current != "POSIX" {
            throw TerminalSetupError(message: "the locale \(current) is not UTF-8; set a UTF-8 locale, e.g. LANG=C.UTF-8")
        }
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] where setlocale(LC_CTYPE, name) != nil {
            if isUTF8() { return }
        }
        throw TerminalSetupError(message: "no UTF-8 locale is available; set LANG=C.UTF-8 (or install one with locale-gen)")
    }

    static func writeRaw(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { _ = write(1, $0.baseAddress, $0.count) }
    }

    // MARK: - Drawing

    /// Draws the cells that differ from what is on the screen, then one `doupdate`. When
    /// the frame is the generation after the one drawn last, only the columns it wrote
    /// can differ, and only those are compared.
    public func draw(_ frame: Frame) {
        let columns = frame.size.columns, rows = frame.size.rows
        let count = columns * rows
        var onlyWritten = shownValid && shownSize == frame.size && frame.generation == drawnGeneration &+ 1
        if !shownValid || shownSize != frame.size {
            // After werase the screen is blank: blank cells need no drawing.
            werase(window)
            shown = Array(repeating: .blank, count: count)
            shownSize = frame.size
            shownValid = true
            onlyWritten = false
        }
        drawnGeneration = frame.generation
        // Worked on as a local: through the optional-free local the buffer is neither
        // copied nor checked for exclusive access per cell.
        var old = shown
        shown = []
        defer { shown = old }
        let maxRow = min(rows, Int(handoff_lines())), maxColumn = min(columns, Int(handoff_cols()))
        frame.cells.withUnsafeBufferPointer { cells in
            old.withUnsafeMutableBufferPointer { old in
                let cp = UnsafeRawPointer(cells.baseAddress!), op = UnsafeRawPointer(old.baseAddress!)
                let stride = MemoryLayout<Cell>.stride, tail = Terminal.tailOffset
                /// Draws the cells in `from ..< to` (flat indices) that differ from `old`.
                func drawChanged(from: Int, to: Int) {
                    var i = from
                    while i < to {
                        // Unchanged by its bits: no String comparison, no reference counting.
                        // Equal bits are equal cells; equal cells in different bits (a long
                        // cluster in another buffer) are drawn again, and ncurses finds them unchanged.
                        let o = i &* stride
                        if cp.load(fromByteOffset: o, as: UInt64.self) == op.load(fromByteOffset: o, as: UInt64.self),
                           cp.load(fromByteOffset: o &+ 8, as: UInt64.self) == op.load(fromByteOffset: o &+ 8, as: UInt64.self),
                           cp.load(fromByteOffset: o &+ tail, as: UInt16.self) == op.load(fromByteOffset: o &+ tail, as: UInt16.self) {
                            i &+= 1
                            continue
                        }
                        var lead = i
                        if cells[i].isContinuation {
                            // A continuation is drawn with its wide cluster, from the cell before.
                            guard i > 0, cells[i - 1].width == 2 else { old[i] = cells[i]; i += 1; continue }
                            lead = i - 1
                        }
                        old[lead] = cells[lead]
                        let row = lead / columns, column = lead % columns
                        if row < maxRow, column < maxColumn { put(cells[lead], row: row, column: column) }
                        if cells[lead].width == 2, lead + 1 < count {
                            old[lead + 1] = cells[lead + 1]
                            i = lead + 2
                        } else {
                            i = lead + 1
                        }
                    }
                }
                if onlyWritten {
                    for r in 0..<rows {
                        let span = frame.writtenColumns(inRow: r)
                        if span.isEmpty { continue }
                        // One cell either side: a wide cluster's other half may stand there.
                        let from = max(0, span.lowerBound - 1), to = min(columns, span.upperBound + 1)
                        drawChanged(from: r * columns + from, to: r * columns + to)
                    }
                } else {
                    drawChanged(from: 0, to: count)
                }
            }
        }
        let wanted: Int32 = frame.cursor == nil ? 0 : 1
        if let c = frame.cursor, c.row < maxRow, c.column < maxColumn { wmove(window, Int32(c.row), Int32(c.column)) }
        if wanted != cursorVisible {
            curs_set(wanted)
            cursorVisible = wanted
        }
        KeyTiming.mark(.cellsPut)
        wnoutrefresh(window)
        doupdate()
        KeyTiming.mark(.updated)
    }

    /// Where a cell's width and role lie (two adjacent bytes after the text).
    private static let tailOffset: Int = {
        let w = MemoryLayout<Cell>.offset(of: \Cell.width)!, r = MemoryLayout<Cell>.offset(of: \Cell.role)!
        precondition(r == w + 1, "Cell layout: width and role are expected side by side")
        return w
    }()

    /// The screen may no longer hold what was drawn (a resize): draw the next frame whole.
    public func invalidate() { shownValid = false }

    private func put(_ cell: Cell, row: Int, column: Int) {
        let look = styles[cell.role]
        // Up to CCHARW_MAX (5) code points and a terminator, on the stack.
        var text: (wchar_t, wchar_t, wchar_t, wchar_t, wchar_t, wchar_t) = (0x20, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &text) { raw in
            let w = raw.bindMemory(to: wchar_t.self)
            var n = 0
            for scalar in cell.text.unicodeScalars {
                var v = scalar.value
                // A control character would be drawn as ^X, two cells wide: the layout would slip.
                if v < 0x20 || (v >= 0x7F && v < 0xA0) { v = 0x3F }
                w[n] = wchar_t(bitPattern: v)
                n += 1
                if n == 5 { break }
            }
            if n == 0 { n = 1 }
            w[n] = 0
            _ = handoff_put_cell(window, Int32(row), Int32(column), w.baseAddress, look.attrs, look.pair)
        }
    }

    // MARK: - Raw input

    /// One unit from ncurses: a character or a key code.
    enum RawKey: Equatable {
        case char(UInt32)
        case code(Int32)
    }

    /// The next unit, waiting at most `timeout` ms (0: only what is already there).
    func readRaw(timeout: Int32) -> RawKey? {
        if !lookahead.isEmpty { return lookahead.removeFirst() }
        // A signal that came since the loop last looked ends a wait before it begins.
        if timeout > 0, Signals.pending != nil { return nil }
        if timeout != currentTimeout {
            wtimeout(window, timeout)
            currentTimeout = timeout
        }
        var ch: wint_t = 0
        let r = wget_wch(window, &ch)
        if r == OK { return .char(UInt32(ch)) }
        if r == KEY_CODE_YES { return .code(Int32(bitPattern: ch)) }
        // ERR is a timeout, or a terminal gone: then every read fails at once, and the loop
        // would spin. poll tells them apart.
        var fds = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        if timeout > 0, poll(&fds, 1, 0) > 0, fds.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { hungUp = true }
        return nil
    }

    func unread(_ key: RawKey) { lookahead.insert(key, at: 0) }
}
