import Foundation
import TestSupport
import Testing

/// End to end in a real terminal emulator: the binary in an xterm on a private X server
/// (Xvfb), keys typed as X key events (xdotool, through XTEST, as a keyboard would), the
/// screen read back as text (xterm's print-immediate, bound to a key the editor never
/// sees), the file read from disk. Every wait polls until its condition holds or a timeout
/// passes; no fixed sleeps. Skipped where Xvfb, xterm or xdotool is missing (CI installs them).
@Suite(.serialized, .enabled(if: XtermEditor.toolsPresent, "needs Xvfb, xterm and xdotool"))
struct XtermTests {
    @Test("a stock xterm: text typed into all six panes (Tab between them and the rest, café and 日本語), F1 help, Ctrl-S, Ctrl-Q")
    func sixPanesInXterm() throws {
        let t = try XtermEditor(content: sampleHandoff)
        let first = t.waitFor("1 Completed", timeout: 30)
        // The layout is drawn: three columns over three, pane 1 focused (double border),
        // the key bar at the bottom, and TERM=xterm-256color was found in terminfo.
        let rows = first.components(separatedBy: "\n")
        #expect(rows.count > 1 && rows[1].contains("╔ 1 Completed") && rows[1].contains("3 Blocked"), "\(first)")
        #expect(first.contains("6 Gotchas") && first.contains("F1 Help"), "\(first)")
        #expect(!first.contains("not in terminfo"), "\(first)")

        let typed = ["xterm pane 1", "xterm pane 2", "xterm pane 3 café", "xterm pane 4 日本語",
                     "xterm pane 5", "xterm pane 6"]
        for (i, text) in typed.enumerated() {
            t.waitForScreen("pane \(i + 1) focused") { $0.contains("╔ \(i + 1) ") }
            // End, Enter continue the pane's list; the text follows the new item's marker.
            try t.keys("End", "Return")
            try t.type(text)
            let shown = t.waitFor(text)
            // xterm gives 日本語 two cells each, as the editor does: the borders stay put.
            let line = shown.components(separatedBy: "\n").first { $0.contains(text) } ?? ""
            #expect(displayWidth(line) == 120, "\(line)")
            try t.keys("Tab")
        }
        // Tab from pane 6 goes to the rest of the file (the whole window), then wraps to pane 1.
        t.waitForScreen("the rest of the file") { $0.contains("╔ 7 Rest of the file") }
        try t.keys("Tab")
        t.waitForScreen("pane 1 focused again") { $0.contains("╔ 1 ") }

        // A function key and a lone Esc, as xterm sends them.
        try t.keys("F1")
        t.waitFor("Alt-1")
        try t.keys("Escape")
        t.waitForGone("Alt-1")

        t.waitFor("[modified]")
        try t.keys("ctrl+s")
        t.waitFor("Saved HANDOFF.md")
        try t.keys("ctrl+q")
        #expect(t.exitStatus() == 0)

        let text = t.fileText
        #expect(section("Completed", in: text).hasSuffix("\n- [ ] xterm pane 1"), "\(text)")
        #expect(section("In Progress", in: text).hasSuffix("\n- xterm pane 2"), "\(text)")
        #expect(section("Blocked", in: text).hasSuffix("\n- xterm pane 3 café"), "\(text)")
        #expect(section("Decisions", in: text).hasSuffix("\n- xterm pane 4 日本語"), "\(text)")
        #expect(section("Next Steps", in: text).hasSuffix("\n2. xterm pane 5"), "\(text)")
        #expect(section("Gotchas", in: text).hasSuffix("\n- xterm pane 6"), "\(text)")
        #expect(text.hasPrefix("# Session handoff — 2026-11-24 (feature/auth)\n\n## Completed\n- [x] Login form"))
    }

    /// A stock xterm sends Alt-3 as the 8-bit character "³" (eightBitInput; in UTF-8 it
    /// arrives as U+00B3 and would be typed as text). The editor sets xterm's mode 1036
    /// (metaSendsEscape) while it runs, so Alt-n arrives as ESC n, as in other terminals.
    @Test("stock xterm: Alt-3 and Alt-5 focus panes; Ctrl-Q asks and y saves")
    func altKeysInXterm() throws {
        let t = try XtermEditor(content: sampleHandoff)
        t.waitFor("1 Completed", timeout: 30)
        try t.keys("alt+3")
        t.waitForScreen("pane 3 focused") { $0.contains("╔ 3 ") }
        try t.keys("End", "Return")
        try t.type("after Alt-3")
        t.waitFor("after Alt-3")
        try t.keys("alt+5")
        t.waitForScreen("pane 5 focused") { $0.contains("╔ 5 ") }
        try t.keys("End", "Return")
        try t.type("after Alt-5")
        t.waitFor("after Alt-5")
        try t.keys("ctrl+q")
        t.waitForScreen("the quit question") { $0.contains("Save changes") && $0.contains("(c)ancel") }
        try t.keys("y")
        #expect(t.exitStatus() == 0)
        let text = t.fileText
        #expect(section("Blocked", in: text).hasSuffix("\n- after Alt-3"), "\(text)")
        #expect(section("Next Steps", in: text).hasSuffix("\n2. after Alt-5"), "\(text)")
        #expect(!text.contains("³") && !text.contains("µ"), "Alt-n typed as an 8-bit character")
    }
}

struct XtermTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A long-lived child started with posix_spawn, as TmuxHarness starts tmux: no signal
/// blocked, stdin on /dev/null, stdout and stderr to `log`, every inherited descriptor above
/// 2 closed (so it holds no test's pipe open) except `passing`, which becomes its fd 3. Run
/// under `timeout`: should the test process itself die, the child still ends within
/// `lifetime` seconds. Stopped (SIGTERM, then SIGKILL) and reaped when released.
final class SpawnedProcess {
    let pid: pid_t
    private(set) var exitStatus: Int32?

    init(_ argv: [String], environment: [String: String], directory: String = "/", log: String = "/dev/null",
         passing fd: Int32? = nil, lifetime: Int = 300) throws {
        pid = try spawnClean(["timeout", "\(lifetime)"] + argv, environment: environment, directory: directory,
                             log: log, passing: fd)
    }

    deinit { stop() }

    /// Whether it is still running (reaps it if it has exited).
    var isRunning: Bool {
        guard exitStatus == nil else { return false }
        var status: Int32 = 0
        guard waitpid(pid, &status, WNOHANG) == pid else { return true }
        exitStatus = status
        return false
    }

    /// Waits up to `timeout` seconds for it to exit on its own.
    @discardableResult
    func waitForExit(timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while isRunning {
            if Date() > deadline { return false }
            usleep(20_000)
        }
        return true
    }

    /// SIGTERM (timeout passes it on to its child), then SIGKILL; reaped either way.
    func stop() {
        guard isRunning else { return }
        kill(pid, SIGTERM)
        if waitForExit(timeout: 5) { return }
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        exitStatus = status
    }
}

/// A private X server: Xvfb on a display number it finds free itself (`-displayfd`), so
/// runs beside other X servers on the machine never collide. `-noreset`: an X server resets
/// when its last client leaves, dropping any connection still being set up; an xdotool call
/// ending just as xterm connects would make xterm exit with "Can't open display" (seen about
/// once in a hundred starts without it). Killed when released.
final class VirtualDisplay {
    let server: SpawnedProcess
    /// ":N"
    let name: String

    init(log: String) throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        // Close-on-exec: no other child started meanwhile keeps the pipe open (its fd 3 in Xvfb is a dup).
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        defer { close(fds[0]) }
        do {
            server = try SpawnedProcess(["Xvfb", "-displayfd", "3", "-noreset", "-nolisten", "tcp",
                                         "-screen", "0", "1280x1024x24"],
                                        environment: ProcessInfo.processInfo.environment, log: log, passing: fds[1])
        } catch {
            close(fds[1])
            throw error
        }
        close(fds[1])
        // Xvfb writes the display number, then a newline, once it accepts clients; EOF if it died.
        var text = ""
        let deadline = Date().addingTimeInterval(30)
        while !text.contains("\n") {
            var p = pollfd(fd: fds[0], events: Int16(POLLIN), revents: 0)
            let left = Int32(deadline.timeIntervalSinceNow * 1000)
            guard left > 0, poll(&p, 1, left) > 0 else { throw XtermTestError("Xvfb gave no display number in 30 s") }
            var buffer = [UInt8](repeating: 0, count: 64)
            let n = read(fds[0], &buffer, buffer.count)
            guard n > 0 else {
                throw XtermTestError("Xvfb exited before it was ready: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
            }
            text += String(decoding: buffer[..<n], as: UTF8.self)
        }
        name = ":" + text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// The real `handoff-tui` in a 120×40 xterm on its own Xvfb. Keys go in through xdotool
/// (XTEST key events to the focused xterm window). The screen comes back through xterm's
/// print-immediate action, bound to Ctrl-Shift-F12 (consumed by xterm, never sent to the
/// editor): it writes the visible screen as UTF-8 text to `screen<timestamp>` in the folder.
final class XtermEditor: WatchedScreen {
    static let waitTimeout = 15.0

    static let binary = builtProduct("handoff-tui")

    static var toolsPresent: Bool { ["Xvfb", "xterm", "xdotool", "timeout"].allSatisfy(onPath) }

    static func onPath(_ name: String) -> Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(name)")
        }
    }

    let dir: URL
    let fileName = "HANDOFF.md"
    var file: URL { dir.appendingPathComponent(fileName) }
    let rows = 40
    private let display: VirtualDisplay
    private let xterm: SpawnedProcess
    private static let dumpPrefix = "screen-dump-"
    private static let dumpKey = "ctrl+shift+F12"

    /// Starts the editor on a file holding `content`; `resources` are more `-xrm` settings.
    init(content: String, resources: [String] = []) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("handoff-xterm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data(content.utf8).write(to: dir.appendingPathComponent(fileName))
        display = try VirtualDisplay(log: dir.appendingPathComponent("xvfb.log").path)

        var env = ProcessInfo.processInfo.environment
        for k in ["HANDOFF_FILE", "NO_COLOR", "TERM", "TMUX", "LC_ALL", "LC_CTYPE", "WINDOWID", "XAUTHORITY"] {
            env.removeValue(forKey: k)
        }
        env["DISPLAY"] = display.name
        env["LANG"] = "C.UTF-8"
        // Recovery files (written on signals) go to the test's folder, not the user's.
        env["XDG_STATE_HOME"] = dir.appendingPathComponent("state").path
        let settings = [
            "XTerm*utf8: 1",
            "XTerm*printFileImmediate: \(dir.appendingPathComponent(Self.dumpPrefix).path)",
            "XTerm*printOptsImmediate: 1",   // the visible screen, exactly `rows` lines
            "XTerm*printModeImmediate: 0",   // plain text, no attributes
            "XTerm*VT100.translations: #override Ctrl Shift <Key>F12: print-immediate()",
        ] + resources
        // Debian's xterm says TERM=xterm; xterm-256color is what users set (and README names).
        // The shell between xterm and the editor only records the editor's exit status and
        // its error messages (the editor draws on stdout; stderr is for messages only).
        let argv = ["xterm", "-geometry", "120x\(rows)", "-tn", "xterm-256color"]
            + settings.flatMap { ["-xrm", $0] }
            + ["-e", "sh", "-c", #""$0" "$@" 2>editor-stderr; echo $? > exit-status"#, Self.binary.path, fileName]
        xterm = try SpawnedProcess(argv, environment: env, directory: dir.path,
                                   log: dir.appendingPathComponent("xterm.log").path)
        try focusWindow()
    }

    deinit {
        xterm.stop()
        display.server.stop()
        try? FileManager.default.removeItem(at: dir)
    }

    /// Waits for xterm's window, gives it the keyboard focus (there is no window manager)
    /// and waits until a screen dump comes back, proving keys reach it.
    private func focusWindow() throws {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            guard xterm.isRunning else { throw XtermTestError("xterm exited at start: \(diagnostics)") }
            let windows = xdotool(["search", "--class", "xterm"]).split(separator: "\n")
            if let window = windows.first {
                _ = xdotool(["windowfocus", String(window)])
                if dump(timeout: 1) != nil { return }
            }
            usleep(50_000)
        }
        throw XtermTestError("no xterm window took the focus in 30 s: \(diagnostics)")
    }

    /// What the processes left: xterm's wait status, the editor's exit status and messages, the logs.
    var diagnostics: String {
        "xterm wait status \(xterm.exitStatus.map(String.init) ?? "running"), editor exit status "
            + "\(log("exit-status").isEmpty ? "none" : log("exit-status")), editor stderr: \(log("editor-stderr")), "
            + "xterm log: \(log("xterm.log")), Xvfb (\(display.name)) log: \(log("xvfb.log"))"
    }

    private func log(_ name: String) -> String {
        (try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)) ?? ""
    }

    /// Runs xdotool on this display and returns its standard output.
    @discardableResult
    func xdotool(_ args: [String]) -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["xdotool"] + args
        var env = ProcessInfo.processInfo.environment
        env["DISPLAY"] = display.name
        p.environment = env
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return "" }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Named keys, as X keysyms with xdotool's modifiers: "Tab", "Return", "F1", "ctrl+s", "alt+3".
    func keys(_ names: String...) throws { xdotool(["key", "--delay", "20"] + names) }

    /// Literal text; characters with no key on the keyboard map (é, 日) are bound by xdotool
    /// to a spare keycode for the moment they are typed. On a loaded machine xterm now and
    /// then gets no character for such a key (the binding is undone before xterm reads the
    /// event: seen with 日): those go one at a time, and one that does not appear on screen
    /// within two seconds is typed again (three tries). What the editor does with what
    /// arrives is still checked, on screen and in the file.
    func type(_ text: String) throws {
        var typed = ""
        var run = ""
        func flush() {
            guard !run.isEmpty else { return }
            xdotool(["type", "--delay", "20", "--", run])
            typed += run
            run = ""
        }
        for c in text {
            guard !c.isASCII else { run.append(c); continue }
            flush()
            if !typed.isEmpty { waitFor(typed) }
            typed.append(c)
            for _ in 0..<3 {
                xdotool(["type", "--", String(c)])
                if shows(typed, within: 2) { break }
            }
        }
        flush()
    }

    /// The visible screen, one line per row; the filler xterm writes after a wide
    /// character's first cell (U+FFFF) removed. Nil if no complete dump came in time.
    private func dump(timeout: Double) -> String? {
        guard xterm.isRunning else { return nil }
        let fm = FileManager.default
        func dumps() -> [String] {
            ((try? fm.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasPrefix(Self.dumpPrefix) }
        }
        // The file is named by the second: remove the last one so a new one is never confused with it.
        for name in dumps() { try? fm.removeItem(at: dir.appendingPathComponent(name)) }
        xdotool(["key", Self.dumpKey])
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            for name in dumps() {
                let text = (try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)) ?? ""
                // Complete once all rows are in (xterm may still be writing it).
                if text.filter({ $0 == "\n" }).count >= rows {
                    return String(text.unicodeScalars.filter { $0 != "\u{FFFF}" }.map(Character.init))
                }
            }
            usleep(20_000)
        } while Date() < deadline
        return nil
    }

    var screen: String { dump(timeout: 5) ?? "" }

    /// Waits for xterm to exit (it does when the editor does) and returns the editor's exit status.
    func exitStatus(timeout: Double = 15, sourceLocation: SourceLocation = #_sourceLocation) -> Int? {
        guard xterm.waitForExit(timeout: timeout) else {
            Issue.record("xterm still running after \(timeout) s; screen:\n\(screen)\n\(diagnostics)", sourceLocation: sourceLocation)
            return nil
        }
        return Int(log("exit-status").trimmingCharacters(in: .whitespacesAndNewlines))
    }

    var fileText: String { (try? String(contentsOf: file, encoding: .utf8)) ?? "<no file>" }
}
