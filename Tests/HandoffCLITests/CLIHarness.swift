import Foundation
import TestSupport
import Testing

/// Runs the real `handoff-tui` binary that `swift test` built beside the test bundle.
struct CLI {
    struct Result {
        let status: Int32
        let stdout: Data
        let stderr: String
        var out: String { String(decoding: stdout, as: UTF8.self) }
    }

    static let binary = builtProduct("handoff-tui")

    static func run(_ args: [String], in dir: URL, env: [String: String] = [:], stdin: Data? = nil) throws -> Result {
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "HANDOFF_FILE")
        environment["NO_COLOR"] = "1"
        for (k, v) in env { environment[k] = v }
        // An empty, closed stdin unless given: the binary must not wait for a terminal.
        return try runProcess(binary, args, in: dir, environment: environment, stdin: stdin ?? Data())
    }

    /// Runs `executable` and returns what it printed and how it ended. `stdin` nil: /dev/null.
    static func runProcess(_ executable: URL, _ args: [String], in dir: URL, environment: [String: String],
                           stdin: Data?) throws -> Result {
        let p = Process()
        p.executableURL = executable
        p.arguments = args
        p.currentDirectoryURL = dir
        p.environment = environment
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        if let stdin {
            let input = Pipe()
            p.standardInput = input
            try p.run()
            if !stdin.isEmpty { input.fileHandleForWriting.write(stdin) }
            try input.fileHandleForWriting.close()
        } else {
            p.standardInput = FileHandle.nullDevice
            try p.run()
        }
        // Read both pipes before waiting, so a large output cannot fill a pipe and stall.
        let outBox = DataBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { outBox.data = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: outBox.data, stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// Carries the stdout read on another thread back; the group's wait orders the accesses.
final class DataBox: @unchecked Sendable { var data = Data() }

/// A fresh folder, optionally a git repository, removed at the end of the test.
final class Scratch {
    let url: URL

    init(git: Bool = false, branch: String = "main") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("handoff-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        if git { try sh("git", "init", "-q", "-b", branch) }
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> URL { url.appendingPathComponent(name) }

    func write(_ name: String, _ text: String) throws { try write(name, Data(text.utf8)) }

    func write(_ name: String, _ data: Data) throws {
        let u = path(name)
        try FileManager.default.createDirectory(at: u.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: u)
    }

    func read(_ name: String) throws -> Data { try Data(contentsOf: path(name)) }
    func text(_ name: String) throws -> String { String(decoding: try read(name), as: UTF8.self) }

    @discardableResult
    func sh(_ args: String...) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        p.currentDirectoryURL = url
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    func run(_ args: String..., env: [String: String] = [:], stdin: String? = nil, in sub: String? = nil) throws -> CLI.Result {
        try CLI.run(args, in: sub.map { path($0) } ?? url, env: env, stdin: stdin.map { Data($0.utf8) })
    }
}

/// A handoff such as an agent writes at the end of a session.
let sampleHandoff = """
    # Session handoff — 2026-11-24 (feature/auth)

    ## ✅ Completed
    - [x] Login form posts to `/api/session` (src/auth/login.ts:12)
    - [x] Unit tests for the token cache

    ## In Progress
    - Refactor session refresh in `src/auth/sessions.ts:42-60`
      - still calls the old `refresh()` twice

    ## Blocked
    - Staging deploy: waiting on the DB credentials from ops

    ## Decisions
    - Keep JWTs in memory, not localStorage, because of XSS exposure

    ## Next Steps
    1. Finish the refresh refactor
    2. Run the e2e suite

    ## Gotchas
    - `npm test` needs `TZ=UTC` or the date tests fail

    """
