import Foundation
import TestSupport
import Testing

/// The real `handoff-tui` binary, running in a tmux pane on a private server: keys go in
/// with `send-keys`, the screen comes back with `capture-pane`, the file is read from disk.
/// Every wait polls until the expected screen appears or a timeout passes; no fixed sleeps.
final class TmuxEditor: WatchedScreen {
    static let waitTimeout = 10.0

    static let binary = builtProduct("handoff-tui")

    /// A TERM whose terminfo entry exists here: tmux's own, else screen's.
    static let tmuxTerm: String = {
        for t in ["tmux-256color", "screen-256color", "screen"] where hasTerminfo(t) { return t }
        return "screen"
    }()

    static func hasTerminfo(_ term: String) -> Bool {
        ["/usr/share/terminfo", "/lib/terminfo", "/etc/terminfo"].contains {
            FileManager.default.fileExists(atPath: "\($0)/\(term.prefix(1))/\(term)")
        }
    }

    let socket = "handoff-test-\(UUID().uuidString.prefix(8))"
    let dir: URL
    let fileName: String
    var file: URL { dir.appendingPathComponent(fileName) }

    /// Starts the editor on `fileName` in a fresh folder (`content` nil: the file is missing);
    /// `binary` is the one `swift test` built unless told (an installed copy, for instance).
    init(content: String?, bytes: [UInt8]? = nil, fileName: String = "HANDOFF.md", term: String = TmuxEditor.tmuxTerm,
         columns: Int = 120, rows: Int = 40, environment: [String: String] = [:],
         binary: URL = TmuxEditor.binary, arguments: [String] = [], prepare: ((URL) throws -> Void)? = nil) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("handoff-tmux-\(UUID().uuidString)")
        self.fileName = fileName
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        if let content { try Data(content.utf8).write(to: dir.appendingPathComponent(fileName)) }
        if let bytes { try Data(bytes).write(to: dir.appendingPathComponent(fileName)) }
        // A repository, say, made in the folder before the editor starts.
        try prepare?(dir)
        // Recovery files (written on signals) go to the test's folder, not the user's.
        var env = ["TERM": term, "LANG": "C.UTF-8", "XDG_STATE_HOME": dir.appendingPathComponent("state").path]
        for (k, v) in environment { env[k] = v }
        let assignments = env.sorted { $0.key < $1.key }.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
        // After the editor: its exit status, and whether the terminal modes were restored.
        let command = "env -u HANDOFF_FILE -u NO_COLOR \(assignments) '\(binary.path)'\(arguments.map { " '\($0)'" }.joined()); echo EXIT=$?; "
            + "case $(stty -a) in *-icanon*) echo MODES=raw;; *) echo MODES=restored;; esac; sleep 600"
        startCommand = command
        try startServer(["new-session", "-d", "-x", "\(columns)", "-y", "\(rows)", "-c", dir.path, command])
    }

    /// The pane's command, for starting the editor again in the same folder.
    private var startCommand = ""

    /// Starts the editor again in the same pane and folder, as a user would after a crash.
    func restart() throws {
        _ = try tmux(["respawn-pane", "-k", "-c", dir.path, startCommand], output: false)
    }

    deinit {
        if let pid = editorPID() { kill(pid, SIGKILL) }
        _ = try? tmux(["kill-server"], output: false)
        try? FileManager.default.removeItem(at: dir)
    }

    /// Starts the tmux server (see `spawnClean`: the server lives on holding every
    /// descriptor it inherits); the client that starts it exits at once.
    private func startServer(_ args: [String]) throws {
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C.UTF-8"
        environment.removeValue(forKey: "TMUX")
        let pid = try spawnClean(["tmux", "-L", socket, "-f", "/dev/null"] + args, environment: environment,
                                 directory: FileManager.default.currentDirectoryPath)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }

    @discardableResult
    func tmux(_ args: String...) throws -> String { try tmux(args) }

    @discardableResult
    func tmux(_ args: [String], output: Bool = true) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["tmux", "-L", socket, "-f", "/dev/null"] + args
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C.UTF-8"
        environment.removeValue(forKey: "TMUX")
        p.environment = environment
        let out = Pipe()
        p.standardOutput = output ? out : FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = output ? out.fileHandleForReading.readDataToEndOfFile() : Data()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Named keys: "Tab", "C-s", "M-3", "BTab", "F1", "Escape", "Up".
    func keys(_ names: String...) throws { try tmux(["send-keys"] + names) }

    /// Literal text, typed as is.
    func type(_ text: String) throws { try tmux("send-keys", "-l", "--", text) }

    /// A mouse press at a 0-based cell, as an xterm SGR report.
    func click(row: Int, column: Int, button: Int = 0) throws {
        try type("\u{1B}[<\(button);\(column + 1);\(row + 1)M")
    }

    /// A bracketed paste of `text` (tmux sends newlines as CR, as terminals do).
    func paste(_ text: String) throws {
        let url = dir.appendingPathComponent("paste-buffer.txt")
        try Data(text.utf8).write(to: url)
        try tmux("load-buffer", "-b", "p", url.path)
        try tmux("paste-buffer", "-p", "-d", "-b", "p")
    }

    func resize(columns: Int, rows: Int) throws {
        try tmux("resize-window", "-x", "\(columns)", "-y", "\(rows)")
    }

    var screen: String { (try? tmux("capture-pane", "-p")) ?? "" }
    var screenWithAttributes: String { (try? tmux("capture-pane", "-p", "-e")) ?? "" }
    var lines: [String] { screen.components(separatedBy: "\n") }

    /// The editor on `sampleHandoff`, with `text` typed as a new item at the end of the
    /// Completed pane's first line, unsaved, and on screen.
    static func typingAnItem(_ text: String) throws -> TmuxEditor {
        let t = try TmuxEditor(content: sampleHandoff)
        t.waitFor("1 Completed")
        try t.keys("End", "Enter")
        try t.type(text)
        t.waitFor(text)
        return t
    }

    /// Saves with Ctrl-S and waits for the editor to say so.
    func save(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try keys("C-s")
        waitFor("Saved \(fileName)", sourceLocation: sourceLocation)
    }

    /// The editor's exit status, once it has exited (waits for it).
    func exitStatus(sourceLocation: SourceLocation = #_sourceLocation) -> Int? {
        let s = waitForScreen("the editor to exit", sourceLocation: sourceLocation) { $0.contains("MODES=") }
        guard let r = s.range(of: "EXIT=") else { return nil }
        return Int(s[r.upperBound...].prefix { $0.isNumber })
    }

    var modesRestored: Bool { screen.contains("MODES=restored") }

    /// The recovery files the editor left.
    var recoveryFiles: [String] {
        let d = dir.appendingPathComponent("state/handoff-tui/recovery")
        return ((try? FileManager.default.contentsOfDirectory(atPath: d.path)) ?? []).map {
            (try? String(contentsOfFile: d.appendingPathComponent($0).path, encoding: .utf8)) ?? ""
        }
    }

    var fileText: String { (try? String(contentsOf: file, encoding: .utf8)) ?? "<no file>" }

    /// The editor's process id: the child of the pane's shell.
    func editorPID() -> Int32? {
        let shell = screenPanePID()
        guard let shell,
              let children = try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
        else { return nil }
        return children.split(separator: " ").first.flatMap { Int32($0) }
    }

    /// Seconds until process `pid` is gone (or a zombie: exited, not yet reaped), or nil
    /// when it still runs after `timeout`. Polls every 10 ms.
    static func secondsUntilExit(of pid: Int32, timeout: Double = 10) -> Double? {
        let start = Date()
        while Date().timeIntervalSince(start) < timeout {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else {
                return Date().timeIntervalSince(start)
            }
            // The state follows the command name in parentheses: "1234 (handoff-tui) Z …".
            if let close = stat.range(of: ") ", options: .backwards), stat[close.upperBound...].hasPrefix("Z") {
                return Date().timeIntervalSince(start)
            }
            usleep(10_000)
        }
        return nil
    }

    private func screenPanePID() -> Int32? {
        Int32(((try? tmux("display-message", "-p", "#{pane_pid}")) ?? "").trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

/// The body of a `## Title` section in a Markdown file (up to the next `## `), trimmed.
func section(_ title: String, in text: String) -> String {
    var lines: [Substring] = []
    var inside = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.hasPrefix("## ") {
            inside = line.dropFirst(3).trimmingCharacters(in: .whitespaces).hasSuffix(title)
            continue
        }
        if inside { lines.append(line) }
    }
    return lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
}

/// Display columns of a screen line as tmux lays it out: East Asian wide and emoji take two.
func displayWidth(_ s: String) -> Int {
    s.unicodeScalars.reduce(0) { sum, u in
        let v = u.value
        if (0x0300...0x036F).contains(v) || v == 0x200D || (0xFE00...0xFE0F).contains(v) { return sum }
        let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v)
            || (0x1F300...0x1F64F).contains(v) || (0x1F900...0x1F9FF).contains(v) || (0x20000...0x3FFFD).contains(v)
        return sum + (wide ? 2 : 1)
    }
}

let sampleHandoff = """
    # Session handoff — 2026-11-24 (feature/auth)

    ## Completed
    - [x] Login form posts to `/api/session` (src/auth/login.ts:12)

    ## In Progress
    - Refactor session refresh in `src/auth/sessions.ts:42-60`

    ## Blocked
    - Staging deploy: waiting on the DB credentials from ops

    ## Decisions
    - Keep JWTs in memory, not localStorage, because of XSS exposure

    ## Next Steps
    1. Finish the refresh refactor

    ## Gotchas
    - `npm test` needs `TZ=UTC` or the date tests fail

    """

let sectionTitles = ["Completed", "In Progress", "Blocked", "Decisions", "Next Steps", "Gotchas"]
