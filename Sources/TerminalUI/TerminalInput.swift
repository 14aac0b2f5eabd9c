import CNcurses
#if canImport(Glibc)
import Glibc
#endif
import HandoffEditor

/// Decoding what ncurses delivers into the editor's `Input`: keys by code, text by
/// grapheme cluster, Alt as ESC + key, and the sequences ncurses leaves raw (bracketed
/// paste, SGR mouse when terminfo expects another encoding, xterm modifier keys).
extension Terminal {
    /// The next input, waiting at most `timeout` ms; nil when none came.
    public func read(timeout: Int32) -> Input? {
        while true {
            if !queue.isEmpty { return queue.removeFirst() }
            guard let raw = readRaw(timeout: timeout) else { return nil }
            KeyTiming.mark(.read)
            if let input = decode(raw) { return input }
            // Something ignored (an unknown sequence, a mouse motion): try again.
        }
    }

    private func decode(_ raw: RawKey) -> Input? {
        switch raw {
        case .code(let code): return decode(code: code)
        case .char(let c):
            switch c {
            case 0x1B: return decodeEscape()
            case 0x0D, 0x0A: return .key(.enter)
            case 0x09: return .key(.tab)
            case 0x7F, 0x08: return .key(.backspace)
            case 0x01...0x1A: return .key(.ctrl(Character(Unicode.Scalar(c + 0x60)!)))
            case 0x00, 0x1C...0x1F, 0x80..<0xA0: return nil
            default: return decodeText(first: c)
            }
        }
    }

    private func decode(code: Int32) -> Input? {
        switch code {
        case KEY_RESIZE:
            size = Size(columns: Int(handoff_cols()), rows: Int(handoff_lines()))
            invalidate()
            return .resize(size)
        case KEY_MOUSE:
            var event = MEVENT()
            guard getmouse(&event) == OK else { return nil }
            let row = Int(event.y), column = Int(event.x)
            if event.bstate & handoff_button4_pressed() != 0 { return .wheel(row: row, column: column, lines: -3) }
            if event.bstate & handoff_button5_pressed() != 0 { return .wheel(row: row, column: column, lines: 3) }
            if event.bstate & handoff_button1_pressed() != 0 { return .click(row: row, column: column) }
            return nil
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_HOME: return .key(.home)
        case KEY_END: return .key(.end)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_DC: return .key(.delete)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_ENTER: return .key(.enter)
        case KEY_BTAB: return .key(.backTab)
        case handoff_key_f(1)...handoff_key_f(12): return .key(.function(Int(code - handoff_key_f(0))))
        case handoff_key_f(13)...handoff_key_f(24): return .key(.shiftFunction(Int(code - handoff_key_f(12))))
        default: return extendedKeys.first { $0.code == code }.map { .key($0.key) }
        }
    }

    /// Typed text: the characters already waiting are taken with it, so that a cluster
    /// (a letter and its accents, an emoji sequence) reaches the editor whole.
    private func decodeText(first: UInt32) -> Input? {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        let now = UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
        defer { lastTextAt = now }
        // Typing: a printable ASCII key well after the one before stands alone, so no poll for
        // more (a system call on nearly every key). A burst (typing ahead, a paste without
        // bracketed paste) sends its bytes together: its first is drawn alone, the rest are
        // gathered below. A combining mark that follows joins its letter in the editor.
        if first >= 0x20, first < 0x7F, now &- lastTextAt > 5_000_000 {
            return .key(.char(Character(Unicode.Scalar(UInt8(first)))))
        }
        guard let next = readRaw(timeout: 0) else {
            // One key typed, the common case: no cluster to gather, no String to build.
            return Unicode.Scalar(first).map { .key(.char(Character($0))) }
        }
        unread(next)
        var scalars = String.UnicodeScalarView()
        if let s = Unicode.Scalar(first) { scalars.append(s) }
        while let next = readRaw(timeout: 0) {
            guard case .char(let c) = next, c >= 0x20, c != 0x7F, let s = Unicode.Scalar(c) else {
                unread(next)
                break
            }
            scalars.append(s)
        }
        for ch in String(scalars) { queue.append(.key(.char(ch))) }
        return queue.isEmpty ? nil : queue.removeFirst()
    }

    /// ESC: alone it is Esc; ncurses has already waited ESCDELAY for what follows, so
    /// anything after it is part of the same key (Alt-x, or a sequence ncurses left raw).
    private func decodeEscape() -> Input? {
        guard let next = readRaw(timeout: 0) else { return .key(.escape) }
        switch next {
        case .char(0x5B): return decodeCSI()      // ESC [
        case .char(0x4F): return decodeSS3()      // ESC O
        case .char(let c) where c >= 0x20 && c != 0x7F:
            guard let s = Unicode.Scalar(c) else { return nil }
            return .key(.alt(Character(s)))
        case .code(KEY_UP): return .key(.altUp)
        case .code(KEY_DOWN): return .key(.altDown)
        case .code(KEY_LEFT): return .key(.altLeft)
        case .code(KEY_RIGHT): return .key(.altRight)
        default:
            unread(next)
            return .key(.escape)
        }
    }

    /// The rest of a CSI sequence: parameters, then a final byte.
    private func decodeCSI() -> Input? {
        var params = ""
        while params.utf8.count < 32, let next = readRaw(timeout: 50) {
            guard case .char(let c) = next, let s = Unicode.Scalar(c) else {
                unread(next)
                return nil
            }
            if c >= 0x40 && c <= 0x7E {
                return csi(params: params, final: Character(s))
            }
            params.unicodeScalars.append(s)
        }
        return nil
    }

    private func csi(params: String, final: Character) -> Input? {
        if final == "~", params == "200" { return readPaste() }
        if params.hasPrefix("<"), final == "M" || final == "m" {
            let n = params.dropFirst().split(separator: ";").compactMap { Int($0) }
            guard n.count == 3 else { return nil }
            return mouse(button: n[0], column: n[1] - 1, row: n[2] - 1, press: final == "M")
        }
        if params.isEmpty, final == "M" {
            // X10 mouse: three bytes, each 32 + value (coordinates 1-based).
            var b = [Int]()
            for _ in 0..<3 {
                guard case .char(let c)? = readRaw(timeout: 50) else { return nil }
                b.append(Int(c) - 32)
            }
            return mouse(button: b[0], column: b[1] - 1, row: b[2] - 1, press: b[0] & 3 != 3)
        }
        let parts = params.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 1 }
        let modifier = parts.count > 1 ? parts[1] : 1
        switch final {
        case "A", "B", "C", "D":
            let alt = modifier == 3, ctrl = modifier == 5
            switch (final, alt, ctrl) {
            case ("A", true, _): return .key(.altUp)
            case ("B", true, _): return .key(.altDown)
            case ("C", true, _): return .key(.altRight)
            case ("D", true, _): return .key(.altLeft)
            case ("C", _, true): return .key(.ctrlRight)
            case ("D", _, true): return .key(.ctrlLeft)
            case ("A", _, _): return .key(.up)
            case ("B", _, _): return .key(.down)
            case ("C", _, _): return .key(.right)
            default: return .key(.left)
            }
        case "H": return .key(.home)
        case "F": return .key(.end)
        case "Z": return .key(.backTab)
        case "~":
            switch parts.first ?? 0 {
            case 1, 7: return .key(.home)
            case 4, 8: return .key(.end)
            case 3: return .key(.delete)
            case 5: return .key(.pageUp)
            case 6: return .key(.pageDown)
            case let n where (11...15).contains(n): return .key(.function(n - 10))
            case let n where (17...21).contains(n): return .key(.function(n - 11))
            case 23, 24: return .key(.function((parts.first ?? 0) - 12))
            default: return nil
            }
        default: return nil
        }
    }

    private func mouse(button: Int, column: Int, row: Int, press: Bool) -> Input? {
        guard press, button & 32 == 0 else { return nil }  // releases and motion
        if button & 64 != 0 { return .wheel(row: row, column: column, lines: button & 1 == 0 ? -3 : 3) }
        return button & 3 == 0 ? .click(row: row, column: column) : nil
    }

    private func decodeSS3() -> Input? {
        guard case .char(let c)? = readRaw(timeout: 50) else { return .key(.alt("O")) }
        switch c {
        case 0x41: return .key(.up)
        case 0x42: return .key(.down)
        case 0x43: return .key(.right)
        case 0x44: return .key(.left)
        case 0x48: return .key(.home)
        case 0x46: return .key(.end)
        case 0x50...0x53: return .key(.function(Int(c) - 0x4F))
        default: return nil
        }
    }

    /// After ESC [ 200 ~: everything up to ESC [ 201 ~, literally, as one paste.
    /// CR (what terminals send for a newline) becomes LF.
    private func readPaste() -> Input? {
        let end: [UInt32] = [0x5B, 0x32, 0x30, 0x31, 0x7E]  // [201~
        var text = String.UnicodeScalarView()
        var lastWasCR = false
        func add(_ c: UInt32) {
            if c == 0x0D { text.append("\n"); lastWasCR = true; return }
            if c == 0x0A, lastWasCR { lastWasCR = false; return }
            lastWasCR = false
            if let s = Unicode.Scalar(c) { text.append(s) }
        }
        // A paste whose end never comes ends after a second of silence.
        reading: while let raw = readRaw(timeout: 1000) {
            switch raw {
            case .char(0x1B):
                var matched: [UInt32] = []
                for expected in end {
                    guard case .char(let c)? = readRaw(timeout: 50) else { break }
                    matched.append(c)
                    if c != expected { break }
                }
                if matched == end { break reading }
                add(0x1B)
                matched.forEach(add)
            case .char(let c): add(c)
            case .code(KEY_ENTER): add(0x0D)
            case .code(KEY_RESIZE):
                _ = decode(code: KEY_RESIZE).map { queue.append($0) }
            case .code: continue  // a key sequence inside the paste: not text
            }
        }
        return .paste(String(text))
    }
}
