import Foundation
import TestSupport
import Testing

/// End to end: the real binary in a tmux pane. Serialized: each test is a live editor
/// process, and the machine's few cores are shared.
@Suite(.serialized, .endToEnd)
struct TerminalTests {
    /// TERMs a user may have: tmux's own, xterm's, and a plain vt100 (no colours, no mouse).
    static let terms = [TmuxEditor.tmuxTerm, "xterm-256color", "vt100"]

    @Test("typing in each of the six panes and saving", arguments: terms)
    func sixPanes(term: String) throws {
        let t = try TmuxEditor(content: sampleHandoff, term: term)
        t.waitFor("1 Completed")
        for n in 1...6 {
            // Alt-n focuses a pane; End, Enter continue its list; the text follows the marker.
            try t.keys("M-\(n)")
            t.waitForScreen("pane \(n) focused") { $0.contains("╔ \(n) ") }
            try t.keys("End", "Enter")
            try t.type("edited pane \(n)")
            t.waitFor("edited pane \(n)")
        }
        t.waitFor("[modified]")
        try t.save()
        let text = t.fileText
        #expect(section("Completed", in: text).hasSuffix("\n- [ ] edited pane 1"))
        #expect(section("In Progress", in: text).hasSuffix("\n- edited pane 2"))
        #expect(section("Blocked", in: text).hasSuffix("\n- edited pane 3"))
        #expect(section("Decisions", in: text).hasSuffix("\n- edited pane 4"))
        #expect(section("Next Steps", in: text).hasSuffix("\n2. edited pane 5"))
        #expect(section("Gotchas", in: text).hasSuffix("\n- edited pane 6"))
        // Everything else kept byte for byte.
        #expect(text.hasPrefix("# Session handoff — 2026-11-24 (feature/auth)\n\n## Completed\n- [x] Login form"))
        try t.keys("C-q")
        #expect(t.exitStatus() == 0)
        #expect(t.modesRestored)
    }

    @Test("problem marks follow the edits: a reference to a missing file marks its pane, undo clears it")
    func problemMarks() throws {
        // The checks run on a thread of their own; their marks still reach the screen.
        let t = try TmuxEditor(content: sampleHandoff)
        t.waitFor("1 Completed")
        t.waitFor("2 In Progress (1) !")   // src/auth/sessions.ts is not in the test's folder
        try t.keys("M-6", "End", "Enter")
        try t.type("see docs/missing.md:3")
        t.waitFor("6 Gotchas (2) !")
        try t.keys("C-z")
        t.waitForScreen("the mark gone with the reference") { $0.contains("6 Gotchas (2) ═") }
        try t.keys("C-q", "n")
        #expect(t.exitStatus() == 0)
    }

    @Test("a missing file opens from the template; Tab walks the panes and the rest; Ctrl-S creates it")
    func templateAndTab() throws {
        let t = try TmuxEditor(content: nil)
        t.waitFor("Ctrl-S creates HANDOFF.md")
        for n in 1...6 {
            t.waitForScreen("pane \(n) focused") { $0.contains("╔ \(n) ") }
            try t.type("- note \(n)")
            t.waitFor("- note \(n)")
            try t.keys("Tab")
        }
        // After pane 6, the rest of the file (here: the title and the six markers); then pane 1.
        t.waitForScreen("the rest of the file") { $0.contains("╔ 7 Rest of the file") }
        try t.keys("Tab")
        // Shift-Tab goes back: from pane 1 (Tab wrapped) through the rest to pane 6.
        t.waitForScreen("pane 1 focused") { $0.contains("╔ 1 ") }
        try t.keys("BTab")
        t.waitForScreen("the rest of the file") { $0.contains("╔ 7 Rest of the file") }
        try t.keys("BTab")
        t.waitForScreen("pane 6 focused") { $0.contains("╔ 6 ") }
        try t.save()
        let text = t.fileText
        for (n, title) in sectionTitles.enumerated() {
            #expect(section(title, in: text) == "- note \(n + 1)", "\(title) in:\n\(text)")
        }
        try t.keys("C-q")
        #expect(t.exitStatus() == 0)
    }

    @Test("resize from 120×40 to 60×15 and back: the layout follows, nothing typed is lost")
    func resize() throws {
        let t = try TmuxEditor(content: sampleHandoff)
        t.waitFor("3 Blocked")
        #expect(t.lines[1].contains("1 Completed") && t.lines[1].contains("3 Blocked"))  // three columns
        try t.keys("M-2", "End", "Enter")
        try t.type("before resize")
        t.waitFor("before resize")
        try t.resize(columns: 60, rows: 15)
        // One pane at a time under a tab bar.
        let small = t.waitForScreen("the 60×15 layout") { $0.contains("1 Done  2 WIP") && !$0.contains("6 Gotchas (") }
        #expect(small.components(separatedBy: "\n").allSatisfy { displayWidth($0) <= 60 })
        #expect(small.components(separatedBy: "\n").count <= 16)
        try t.type(" during")
        try t.resize(columns: 120, rows: 40)
        try t.type(" after")
        t.waitFor("before resize during after")
        let big = t.waitForScreen("the 120×40 layout") { $0.components(separatedBy: "\n")[1].contains("3 Blocked") }
        #expect(big.contains("6 Gotchas"))
        try t.save()
        #expect(section("In Progress", in: t.fileText).hasSuffix("\n- before resize during after"))
        // Below the minimum: the core's message, and typing still goes into the text.
        try t.resize(columns: 20, rows: 6)
        t.waitFor("too small")
        try t.type("!")
        try t.resize(columns: 120, rows: 40)
        t.waitFor("before resize during after!")
    }

    @Test("CJK, emoji and accents are typed, shown in the right columns and saved")
    func wideText() throws {
        let t = try TmuxEditor(content: sampleHandoff)
        t.waitFor("1 Completed")
        let text = "日本語のテスト 🎉 café ok"
        try t.keys("M-4", "End", "Enter")
        try t.type(text)
        let s = t.waitFor(text)
        // The line holding the text is exactly 120 columns: the pane borders did not move.
        let line = s.components(separatedBy: "\n").first { $0.contains(text) } ?? ""
        #expect(displayWidth(line) == 120, "\(line)")
        #expect(line.hasPrefix("║") && line.hasSuffix("│") && line.contains("║│"))  // pane 4 focused
        // Cursor movement steps over clusters: Backspace after Left removes the space before "ok".
        try t.keys("Left", "Left", "BSpace")
        t.waitFor("日本語のテスト 🎉 caféok")
        // A letter and a combining accent in one burst after a pause: the letter is decoded
        // alone (no poll for more while typing), the accent joins it in the editor, and one
        // Backspace takes the whole cluster.
        try t.keys("End")
        try t.type(" ne\u{301}")
        t.waitFor("caféok né")
        try t.keys("BSpace")
        try t.type("e\u{301}e")
        t.waitFor("caféok n\u{E9}e")
        try t.save()
        #expect(section("Decisions", in: t.fileText).hasSuffix("\n- 日本語のテスト 🎉 caféok ne\u{301}e"))
    }

    @Test("a mouse click focuses the pane under it and places the cursor; the wheel scrolls")
    func mouse() throws {
        let t = try TmuxEditor(content: sampleHandoff)
        t.waitFor("1 Completed")
        // The first text row of the bottom panes; pane 5 spans columns 40–79, its text from 41.
        let row = t.lines.firstIndex { $0.contains("5 Next Steps") }.map { $0 + 1 } ?? 22
        try t.click(row: row, column: 44)
        t.waitForScreen("pane 5 focused") { $0.contains("╔ 5 ") }
        // The cursor went where the click was: on the "F" of "1. Finish".
        try t.type("[at]")
        t.waitFor("1. [at]Finish the refresh refactor")
        // Past the end of the text: the end of the line.
        try t.click(row: row, column: 78)
        try t.type("!")
        t.waitFor("refresh refactor!")
        try t.save()
        #expect(section("Next Steps", in: t.fileText) == "1. [at]Finish the refresh refactor!")

        // The wheel: a long pane scrolled back to its top.
        try t.keys("M-6", "End", "Enter")
        try t.paste((1...60).map { "line \($0)" }.joined(separator: "\n"))
        t.waitFor("line 60")
        let gotchasRow = t.lines.firstIndex { $0.contains("6 Gotchas") }.map { $0 + 2 } ?? 23
        for _ in 0..<25 { try t.click(row: gotchasRow, column: 100, button: 64) }  // wheel up
        t.waitFor("npm test")
    }

    @Test("a 500-line bracketed paste goes in literally, as one undo step")
    func paste() throws {
        let t = try TmuxEditor(content: sampleHandoff)
        t.waitFor("2 In Progress")
        try t.keys("M-2", "End", "Enter")
        t.waitFor("Ln 2/2")
        // Typed, Enter would continue the list ("- " after the "- " line). Pasted, it must not.
        // A tab, typed, would move to the next pane; pasted, it is text.
        let pasted = (1...500).map { "- pasted line \($0)\t`src/x.swift:\($0)`" }.joined(separator: "\n")
        try t.paste(pasted)
        t.waitFor("pasted line 500")
        t.waitFor("Ln 501/501")
        try t.save()
        let body = section("In Progress", in: t.fileText)
        #expect(body == "- Refactor session refresh in `src/auth/sessions.ts:42-60`\n- " + pasted)
        // One undo removes all of it.
        try t.keys("C-z")
        t.waitFor("Ln 2/2")
        t.waitForGone("pasted line")
        try t.keys("C-y")
        t.waitFor("pasted line 500")
    }

    @Test("quitting with unsaved changes asks: cancel, no, yes")
    func quitAsks() throws {
        let t = try TmuxEditor.typingAnItem("unsaved work")
        t.waitFor("[modified]")
        try t.keys("C-q")
        t.waitForScreen("the quit question") { $0.contains("Save changes") && $0.contains("(c)ancel") }
        try t.keys("c")
        t.waitForGone("Save changes")
        try t.type(" more")
        t.waitFor("unsaved work more")
        try t.keys("C-q")
        t.waitFor("Save changes")
        try t.keys("n")
        #expect(t.exitStatus() == 0)
        #expect(t.fileText == sampleHandoff)

        let u = try TmuxEditor(content: sampleHandoff)
        u.waitFor("1 Completed")
        try u.keys("End", "Enter")
        try u.type("kept")
        u.waitFor("kept")
        try u.keys("C-q")
        u.waitFor("Save changes")
        try u.keys("y")
        #expect(u.exitStatus() == 0)
        #expect(section("Completed", in: u.fileText).hasSuffix("\n- [ ] kept"))
        #expect(u.modesRestored)
    }

    @Test("keys: F1 help and a snappy Esc, Alt-arrows move items, Ctrl-Z undoes", arguments: [TmuxEditor.tmuxTerm, "vt100"])
    func keys(term: String) throws {
        let t = try TmuxEditor(content: sampleHandoff, term: term)
        t.waitFor("1 Completed")
        try t.keys("F1")
        t.waitFor("Alt-1")
        try t.keys("Escape")
        t.waitForGone("Alt-1")
        try t.keys("M-5", "End", "Enter")
        try t.type("Second step")
        t.waitFor("2. Second step")
        func order(_ s: String) -> Bool {
            (s.range(of: "Second step")?.lowerBound ?? s.startIndex) < (s.range(of: "Finish the")?.lowerBound ?? s.endIndex)
        }
        // Alt-Up moves the item above its sibling (numbers are kept as written).
        try t.keys("M-Up")
        t.waitForScreen("the item moved up", order)
        try t.keys("C-z")
        t.waitForScreen("the move undone") { !order($0) }
        try t.keys("M-1", "M-5")
        t.waitForScreen("pane 5 focused") { $0.contains("╔ 5 ") }
        try t.save()
        #expect(section("Next Steps", in: t.fileText) == "1. Finish the refresh refactor\n2. Second step")
    }

    @Test("SIGTERM, SIGHUP and SIGINT restore the terminal, keep unsaved edits and exit with 128 + signal within a second",
          arguments: [SIGTERM, SIGHUP, SIGINT])
    func signals(sig: Int32) throws {
        let t = try TmuxEditor.typingAnItem("not saved yet")
        let pid = try #require(t.editorPID())
        #expect(kill(pid, sig) == 0)
        // (A release build once kept running here at 100% CPU: the handler's flag and the
        // loop's were two copies of one C static.)
        let seconds = TmuxEditor.secondsUntilExit(of: pid)
        #expect(seconds != nil && seconds! < 1, "exited after \(seconds.map { "\($0) s" } ?? "never (still running after 10 s)")")
        #expect(t.exitStatus() == 128 + Int(sig))
        #expect(t.modesRestored)
        #expect(!t.screen.contains("1 Completed"))  // the alternate screen is gone
        #expect(t.fileText == sampleHandoff)
        #expect(t.recoveryFiles.contains { $0.contains("- [ ] not saved yet") })
    }

    @Test("closing the terminal (the tmux server goes away) ends the editor within a second, edits in the recovery file")
    func terminalClosed() throws {
        let t = try TmuxEditor.typingAnItem("typed before the window closed")
        let pid = try #require(t.editorPID())
        _ = try t.tmux(["kill-server"], output: false)
        let seconds = TmuxEditor.secondsUntilExit(of: pid)
        #expect(seconds != nil && seconds! < 1, "exited after \(seconds.map { "\($0) s" } ?? "never (still running after 10 s)")")
        #expect(t.fileText == sampleHandoff)
        #expect(t.recoveryFiles.contains { $0.contains("- [ ] typed before the window closed") })
    }

    @Test("idle, the editor sleeps until input, and still answers a resize and SIGTERM at once")
    func idleSleeps() throws {
        let t = try TmuxEditor.typingAnItem("typed")
        let pid = try #require(t.editorPID())
        // What an edit leaves to do (the pane's check, the recovery file a second later) gets done.
        let deadline = Date().addingTimeInterval(TmuxEditor.waitTimeout)
        while !t.recoveryFiles.contains(where: { $0.contains("typed") }), Date() < deadline { usleep(50_000) }
        #expect(t.recoveryFiles.contains { $0.contains("typed") })
        usleep(300_000)
        // Then the loop waits for input: its thread sleeps instead of waking every half second.
        func wakeUps() -> Int? {
            guard let status = try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/status", encoding: .utf8) else { return nil }
            return status.split(separator: "\n").filter { $0.contains("ctxt_switches:") }
                .compactMap { Int($0.split(separator: ":").last!.trimmingCharacters(in: .whitespaces)) }.reduce(0, +)
        }
        // (Up to three windows: on a loaded machine the pane's check may still be running.)
        var woke = Int.max
        for _ in 0..<3 where woke > 1 {
            let before = try #require(wakeUps())
            usleep(3_000_000)
            woke = try #require(wakeUps()) - before
        }
        #expect(woke <= 1, "the editor's thread woke \(woke) times in 3 s of idling")
        // A resize and a signal end the wait at once, not at its end.
        try t.resize(columns: 60, rows: 15)
        t.waitForScreen(timeout: 3, "the 60×15 layout") { $0.contains("1 Done  2 WIP") }
        let killed = Date()
        #expect(kill(pid, SIGTERM) == 0)
        #expect(t.exitStatus() == 128 + Int(SIGTERM))
        #expect(Date().timeIntervalSince(killed) < 3)
        #expect(t.recoveryFiles.contains { $0.contains("typed") })
    }

    @Test("colours: 256 in tmux, 8 in xterm, none with NO_COLOR or on a vt100")
    func colours() throws {
        let colourful = try TmuxEditor(content: sampleHandoff)
        colourful.waitForScreen("coloured borders") { _ in colourful.screenWithAttributes.contains("38;5;75") }
        let eight = try TmuxEditor(content: sampleHandoff, term: "xterm")
        eight.waitFor("1 Completed")
        #expect(usesColour(eight.screenWithAttributes) && !eight.screenWithAttributes.contains("38;5;"))
        for (term, env) in [(TmuxEditor.tmuxTerm, ["NO_COLOR": "1"]), ("vt100", [:])] {
            let plain = try TmuxEditor(content: sampleHandoff, term: term, environment: env)
            plain.waitFor("1 Completed")
            #expect(!usesColour(plain.screenWithAttributes), "\(term) \(env)")
        }
    }

    /// Whether SGR sequences set a foreground or background colour (39/49, the defaults, do not count).
    func usesColour(_ s: String) -> Bool {
        var rest = Substring(s)
        while let r = rest.range(of: "\u{1B}[") {
            let params = rest[r.upperBound...].prefix { $0.isNumber || $0 == ";" }
            if params.split(separator: ";").contains(where: {
                guard let n = Int($0) else { return false }
                return (30...38).contains(n) || (40...48).contains(n) || (90...107).contains(n)
            }) { return true }
            rest = rest[r.upperBound...]
        }
        return false
    }

    @Test("a file that is not UTF-8: one clear line on the restored terminal, exit 65, nothing written")
    func invalidUTF8() throws {
        // Read while the terminal is being set up: the message must not go to the editor's
        // screen, which is gone a moment later.
        let bytes = Array("# H\n\n## Completed\n- caf".utf8) + [0xE9] + Array(" latin-1\n".utf8)
        let t = try TmuxEditor(content: nil, bytes: bytes)
        #expect(t.exitStatus() == 65)
        #expect(t.modesRestored)
        t.waitFor("not valid UTF-8")
        #expect(!t.screen.contains("1 Completed"))
        #expect(try Data(contentsOf: t.file) == Data(bytes))
    }

    @Test("an unknown TERM falls back and says so")
    func unknownTerm() throws {
        let t = try TmuxEditor(content: sampleHandoff, term: "no-such-terminal")
        t.waitFor("TERM=no-such-terminal is not in terminfo here")
        try t.keys("M-3", "End", "Enter")
        try t.type("still works")
        try t.save()
        #expect(section("Blocked", in: t.fileText).hasSuffix("\n- still works"))
    }

    @Test("without a terminal: exit 2, pointing to show and add")
    func notATerminal() throws {
        let p = Process()
        p.executableURL = TmuxEditor.binary
        p.arguments = []
        let err = Pipe()
        p.standardError = err
        p.standardOutput = Pipe()
        p.standardInput = Pipe()
        try p.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 2)
        #expect(message.contains("handoff-tui show") && message.contains("handoff-tui add"))
    }
}

/// Issue 5's fault and conflict tests: the real binary, killed or contradicted.
@Suite(.serialized, .endToEnd)
struct NothingLostTests {
    @Test("killed with SIGKILL while typing: the next start offers the edits back, and they save")
    func sigkillThenRecover() throws {
        let t = try TmuxEditor(content: sampleHandoff)
        t.waitFor("1 Completed")
        try t.keys("End", "Enter")
        try t.type("typed before the crash")
        t.waitFor("typed before the crash")
        // Within two seconds of the last edit the recovery file holds it.
        let deadline = Date().addingTimeInterval(3)
        while Date() < deadline, !t.recoveryFiles.contains(where: { $0.contains("typed before the crash") }) { usleep(50_000) }
        #expect(t.recoveryFiles.contains { $0.contains("typed before the crash") })
        let pid = try #require(t.editorPID())
        #expect(kill(pid, SIGKILL) == 0)
        _ = t.exitStatus()
        #expect(t.fileText == sampleHandoff, "the file was never written")
        try t.restart()
        t.waitFor("restore")
        try t.type("r")
        t.waitFor("typed before the crash")
        try t.save()
        #expect(t.fileText.contains("- [ ] typed before the crash"))
        #expect(t.recoveryFiles.isEmpty, "a save removes the recovery file")
    }

    @Test("the file changed on disk, then Ctrl-S: asks; keep both writes mine beside theirs")
    func conflictKeepBoth() throws {
        let t = try TmuxEditor(content: sampleHandoff)
        t.waitFor("1 Completed")
        try t.keys("End", "Enter")
        try t.type("mine")
        t.waitFor("mine")
        let theirs = sampleHandoff + "\n## Notes\n\nan agent wrote this\n"
        try Data(theirs.utf8).write(to: t.file)
        try t.keys("C-s")
        t.waitFor("changed on disk")
        #expect(t.fileText == theirs, "nothing written before the answer")
        try t.type("k")
        t.waitFor("HANDOFF.mine.md")
        #expect(t.fileText == theirs)
        let mine = try String(contentsOf: t.dir.appendingPathComponent("HANDOFF.mine.md"), encoding: .utf8)
        #expect(mine.contains("- [ ] mine"))
    }

    @Test("a read-only file: the status line says so, the editor stays open with the edits")
    func readOnly() throws {
        let t = try TmuxEditor(content: sampleHandoff)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: t.file.path)
        t.waitFor("1 Completed")
        try t.keys("End", "Enter")
        try t.type("kept")
        try t.keys("C-s")
        t.waitFor("read-only")
        #expect(t.screen.contains("kept"))
        #expect(t.fileText == sampleHandoff)
    }
}

@Suite(.serialized, .endToEnd)
struct CommitFromTheEditorTests {
    func git(_ args: String..., in dir: URL) throws -> String { try runGit(args, in: dir) }

    @Test("Ctrl-G saves, shows the session: message, commits only the handoff; the status line shows the hash")
    func ctrlG() throws {
        let t = try TmuxEditor(content: sampleHandoff,
                               environment: ["GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.com",
                                             "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@example.com"])
        _ = try git("init", "-q", "-b", "main", in: t.dir)
        _ = try git("add", "HANDOFF.md", in: t.dir)
        _ = try git("commit", "-qm", "first", in: t.dir)
        try Data("other work\n".utf8).write(to: t.dir.appendingPathComponent("other.txt"))
        _ = try git("add", "other.txt", in: t.dir)
        t.waitFor("1 Completed")
        try t.keys("End", "Enter")
        try t.type("committed from the editor")
        try t.keys("C-g")
        t.waitFor("session: ")
        #expect(t.fileText.contains("committed from the editor"), "Ctrl-G saved first")
        try t.keys("C-g")
        let hash = t.waitForScreen("the commit's hash in the status line") { $0.contains("] session: ") }
        let logged = try git("log", "-1", "--format=%h %s", in: t.dir).trimmingCharacters(in: .newlines)
        #expect(logged.contains(" session: "), "the generated subject went into git")
        #expect(hash.contains("[\(logged.prefix { $0 != " " })]"))
        #expect(try git("diff", "--cached", "--name-only", in: t.dir) == "other.txt\n", "the other staged file stays staged")
        #expect(try git("show", "--name-only", "--format=", "HEAD", in: t.dir) == "HANDOFF.md\n")
    }
}
