import Foundation
import TestSupport
import Testing

/// The crash path end to end: the real binary in tmux dies of a fatal signal. Its handler
/// (`on_fatal_signal` in Sources/TerminalSignals) must give the terminal back as endwin would, the
/// file must be as it was, and the next start must offer the edits from the recovery file.
/// Serialized: each test is a live editor process, and the machine's few cores are shared.
@Suite(.serialized, .endToEnd)
struct CrashTests {
    /// What a Swift trap (a failed precondition, a force-unwrapped nil, an overflow) raises:
    /// ud2 on x86_64 is SIGILL, brk on arm64 is SIGTRAP.
    static let swiftTrap: Int32 = {
        #if arch(x86_64)
        return SIGILL
        #else
        return SIGTRAP
        #endif
    }()

    @Test("a fatal signal restores the terminal; the next start offers the edits back and they save",
          arguments: [SIGSEGV, SIGABRT, swiftTrap])
    func killed(sig: Int32) throws {
        let t = try TmuxEditor(content: sampleHandoff)
        t.waitFor("1 Completed")
        let typed = "typed before signal \(sig)"
        try t.keys("End", "Enter")
        try t.type(typed)
        t.waitFor(typed)
        // Help on screen hides the cursor, so that the crash path has to show it again.
        let helpAsked = Date()
        try t.keys("F1")
        t.waitForScreen("help, with the cursor hidden") { $0.contains("Alt-1") && t.paneFlags["cursor_flag"] == "0" }
        // F1 is an input too: the recovery write it is followed by is the last one due.
        waitForRecovery(t, holding: typed, writtenAfter: helpAsked)
        expectEditorModes(t)

        let pid = try #require(t.editorPID())
        #expect(kill(pid, sig) == 0)

        expectTerminalRestored(t, status: 128 + Int(sig))
        #expect(t.fileText == sampleHandoff, "the file was never written")
        try expectRecovered(t, typed)
    }

    @Test("a Swift runtime fatal error (allocation failure) in the editor: the same, with SIGABRT")
    func swiftFatalError() throws {
        // A handoff large enough that saving it needs one allocation of over a megabyte.
        let long = (1...40_000).map { "- gotcha number \($0) with some words to make it longer" }.joined(separator: "\n")
        let big = sampleHandoff + long + "\n"
        // Fixed malloc thresholds: a large block always comes from a fresh mmap, never from
        // memory freed earlier, so it fails for certain under the address-space limit below.
        // xterm-256color: its mouse mode is SGR (1006), and its rmcup restores the title.
        let t = try TmuxEditor(content: big, term: "xterm-256color", environment: [
            "GLIBC_TUNABLES": "glibc.malloc.mmap_threshold=131072:glibc.malloc.trim_threshold=131072",
        ])
        t.waitFor("1 Completed", timeout: 30)
        let typed = "typed before the fatal error"
        try t.keys("End", "Enter")
        try t.type(typed)
        t.waitFor(typed)
        waitForRecovery(t, holding: typed, writtenAfter: nil, timeout: 30)
        expectEditorModes(t)
        #expect(t.paneFlags["mouse_sgr_flag"] == "1")

        // The editor may map only 512 KiB more: the next large allocation fails, and the
        // Swift runtime ends the process ("Fatal error: failed to allocate ...", abort()).
        let pid = try #require(t.editorPID())
        let mapped = try #require(virtualMemorySize(of: pid))
        #expect(limitAddressSpace(of: pid, to: mapped + 512 * 1024))
        // Ctrl-S builds the whole file's bytes before writing any of them.
        try t.keys("C-s")

        expectTerminalRestored(t, status: 128 + Int(SIGABRT), timeout: 30)
        // The runtime's last words were kept aside while the panes were up: now they show.
        #expect(t.screen.contains("Fatal error: failed to allocate"), "\(t.screen)")
        #expect(t.paneFlags["mouse_sgr_flag"] == "0")
        #expect(t.fileText == big, "the file was never written")
        try expectRecovered(t, typed, timeout: 30)
    }

    // MARK: - Checks

    /// Before the crash: tmux sees the modes the editor turned on, so their being off
    /// afterwards is the crash path's doing.
    func expectEditorModes(_ t: TmuxEditor, sourceLocation: SourceLocation = #_sourceLocation) {
        let flags = t.paneFlags
        for name in ["alternate_on", "keypad_cursor_flag", "keypad_flag", "mouse_any_flag"] {
            #expect(flags[name] == "1", "\(name) before the crash: \(flags)", sourceLocation: sourceLocation)
        }
    }

    /// After the crash: the exit status, the termios, the main screen, the cursor, keypad,
    /// mouse and bracketed paste modes, as the shell after the editor sees them.
    func expectTerminalRestored(_ t: TmuxEditor, status: Int, timeout: Double = 10,
                                sourceLocation: SourceLocation = #_sourceLocation) {
        t.waitForScreen(timeout: timeout, "the editor to exit", sourceLocation: sourceLocation) { $0.contains("MODES=") }
        #expect(t.exitStatus(sourceLocation: sourceLocation) == status, sourceLocation: sourceLocation)
        #expect(t.modesRestored, "the saved termios is back (canonical mode)", sourceLocation: sourceLocation)
        let screen = t.screen
        #expect(!screen.contains("1 Completed") && !screen.contains("Next Steps"),
                "the alternate screen is gone:\n\(screen)", sourceLocation: sourceLocation)
        let flags = t.paneFlags
        #expect(flags["alternate_on"] == "0", "\(flags)", sourceLocation: sourceLocation)
        #expect(flags["cursor_flag"] == "1", "the cursor is shown: \(flags)", sourceLocation: sourceLocation)
        #expect(flags["keypad_cursor_flag"] == "0" && flags["keypad_flag"] == "0",
                "the keypad is back in normal mode: \(flags)", sourceLocation: sourceLocation)
        for name in ["mouse_any_flag", "mouse_standard_flag", "mouse_button_flag", "mouse_all_flag", "mouse_sgr_flag"] {
            #expect(flags[name] == "0", "mouse reporting is off: \(name) in \(flags)", sourceLocation: sourceLocation)
        }
        // tmux has no flag for bracketed paste; it brackets a paste (-p) only while the mode
        // is on, and the terminal, back in canonical mode with echo, shows ESC as ^[.
        try? t.paste("paste-probe")
        let probed = t.waitFor("paste-probe", sourceLocation: sourceLocation)
        #expect(!probed.contains("[200~"), "bracketed paste is off:\n\(probed)", sourceLocation: sourceLocation)
    }

    /// The next start asks; r restores the edits, Ctrl-S saves them and removes the recovery file.
    func expectRecovered(_ t: TmuxEditor, _ typed: String, timeout: Double = 10,
                         sourceLocation: SourceLocation = #_sourceLocation) throws {
        try t.restart()
        t.waitFor("were recovered: restore them?", timeout: timeout, sourceLocation: sourceLocation)
        try t.type("r")
        t.waitFor("Restored the unsaved edits", timeout: timeout, sourceLocation: sourceLocation)
        t.waitFor(typed, sourceLocation: sourceLocation)
        try t.keys("C-s")
        t.waitFor("Saved \(t.fileName)", timeout: timeout, sourceLocation: sourceLocation)
        #expect(section("Completed", in: t.fileText).hasSuffix("\n- [ ] \(typed)"), sourceLocation: sourceLocation)
        #expect(t.recoveryFiles.isEmpty, "a save removes the recovery file", sourceLocation: sourceLocation)
    }

    /// Waits until the recovery folder holds just the recovery file (no write under way),
    /// with `text` in it, written at least a second after `since` (the last input, if given):
    /// the editor writes one second after the last input, so no later write is due.
    func waitForRecovery(_ t: TmuxEditor, holding text: String, writtenAfter since: Date?, timeout: Double = 10,
                         sourceLocation: SourceLocation = #_sourceLocation) {
        let folder = t.dir.appendingPathComponent("state/handoff-tui/recovery")
        let deadline = Date().addingTimeInterval(timeout)
        var names: [String] = []
        while Date() < deadline {
            names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            if names.count == 1 {
                let url = folder.appendingPathComponent(names[0])
                let written = (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate]) as? Date
                // File times come from a coarse clock: a few milliseconds early.
                if let written, since.map({ written >= $0.addingTimeInterval(0.95) }) ?? true,
                   let content = try? String(contentsOf: url, encoding: .utf8), content.contains(text) { return }
            }
            usleep(50_000)
        }
        Issue.record("timed out waiting for the recovery file to hold \"\(text)\"; folder: \(names)", sourceLocation: sourceLocation)
    }

    /// Sets another process's RLIMIT_AS with prlimit(2), which Swift's Glibc module does not
    /// declare: looked up by name in the C library.
    func limitAddressSpace(of pid: Int32, to bytes: Int) -> Bool {
        typealias Prlimit = @convention(c) (pid_t, Int32, UnsafePointer<rlimit>?, UnsafeMutablePointer<rlimit>?) -> Int32
        guard let symbol = dlsym(nil, "prlimit") else { return false }
        var limit = rlimit(rlim_cur: rlim_t(bytes), rlim_max: rlim_t(bytes))
        return unsafeBitCast(symbol, to: Prlimit.self)(pid, Int32(RLIMIT_AS.rawValue), &limit, nil) == 0
    }

    /// A process's mapped address space in bytes (what RLIMIT_AS limits), from /proc.
    func virtualMemorySize(of pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmSize:") }),
              let kb = Int(line.split(whereSeparator: \.isWhitespace).dropFirst().first ?? "")
        else { return nil }
        return kb * 1024
    }
}

extension TmuxEditor {
    /// tmux's view of the pane's modes: alternate screen, cursor, keypad, mouse.
    var paneFlags: [String: String] {
        let names = ["alternate_on", "cursor_flag", "keypad_cursor_flag", "keypad_flag", "mouse_any_flag",
                     "mouse_standard_flag", "mouse_button_flag", "mouse_all_flag", "mouse_sgr_flag"]
        let format = names.map { "\($0)=#{\($0)}" }.joined(separator: " ")
        let out = (try? tmux("display-message", "-p", format)) ?? ""
        var flags: [String: String] = [:]
        for pair in out.split(whereSeparator: \.isWhitespace) {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { flags[String(parts[0])] = String(parts[1]) }
        }
        return flags
    }
}
