import Foundation
import GitRunner

/// A real git repository in a temporary folder, removed at the end of the test. Setup runs
/// git directly (the product's code under test goes through GitRunner); the configuration
/// is isolated from the machine's (`GIT_CONFIG_GLOBAL`, no system file), with an identity.
final class TestRepository: @unchecked Sendable {
    let url: URL
    var path: String { url.path }
    let configFile: URL

    /// Set on top of the fixed variables (GNUPGHOME for a test's own keyring).
    var extraEnvironment: [String: String] = [:]

    /// The environment every git in the test sees, product and setup alike.
    var environment: [String: String] {
        [
            "GIT_CONFIG_GLOBAL": configFile.path,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CEILING_DIRECTORIES": url.deletingLastPathComponent().path,
            "GIT_AUTHOR_DATE": "2026-11-24T12:00:00Z",
            "GIT_COMMITTER_DATE": "2026-11-24T12:00:00Z",
        ].merging(extraEnvironment) { $1 }
    }

    /// The service as the tests use it.
    var git: Git { Git(environment: environment.mapValues { Optional($0) }) }

    init(initialize: Bool = true, commitFiles: [String: String]? = ["README.md": "readme\n"]) throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("gitrunner-\(UUID().uuidString)")
        url = base.appendingPathComponent("repo")
        configFile = base.appendingPathComponent("gitconfig")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try "[user]\n\tname = Test Person\n\temail = test@example.invalid\n[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n"
            .write(to: configFile, atomically: true, encoding: .utf8)
        guard initialize else { return }
        try sh("init", "-q", "-b", "main")
        if let files = commitFiles, !files.isEmpty {
            for (name, text) in files { try write(name, text) }
            try sh("add", "-A")
            try sh("commit", "-q", "-m", "initial")
        }
    }

    deinit { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }

    func write(_ name: String, _ text: String) throws {
        let u = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: u.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: u)
    }

    func read(_ name: String) throws -> String {
        String(decoding: try Data(contentsOf: url.appendingPathComponent(name)), as: UTF8.self)
    }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: url.appendingPathComponent(name).path) }

    /// An executable hook script in .git/hooks.
    func hook(_ name: String, _ script: String) throws {
        let u = url.appendingPathComponent(".git/hooks/\(name)")
        try FileManager.default.createDirectory(at: u.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(("#!/bin/sh\n" + script + "\n").utf8).write(to: u)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: u.path)
    }

    /// Runs git for setup or inspection; throws if it fails.
    @discardableResult
    func sh(_ args: String..., allowFailure: Bool = false) throws -> String {
        try run(args, allowFailure: allowFailure).out
    }

    @discardableResult
    func run(_ args: [String], allowFailure: Bool = false, in dir: URL? = nil) throws -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git"] + args
        p.currentDirectoryURL = dir ?? url
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let result = (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
        if !allowFailure && p.terminationStatus != 0 {
            throw SetupError(message: "git \(args.joined(separator: " ")) failed: \(result.2)")
        }
        return result
    }

    /// Everything about the user's other work: index entries (blob ids, modes), staged and
    /// unstaged diffs, status, and every file's bytes, all without the handoff.
    func snapshot(excluding handoff: String = "HANDOFF.md") throws -> [String] {
        let keep: (Substring) -> Bool = { !$0.contains(handoff) }
        var lines: [String] = []
        lines += try sh("ls-files", "-s").split(separator: "\n").filter(keep).map { "index " + $0 }
        lines += try sh("status", "--porcelain=v1", "--untracked-files=all").split(separator: "\n").filter(keep).map { "status " + $0 }
        lines.append("diff " + (try sh("diff", "--", ".", ":(exclude)\(handoff)")))
        lines.append("cached " + (try sh("diff", "--cached", "--", ".", ":(exclude)\(handoff)")))
        let files = try FileManager.default.subpathsOfDirectory(atPath: path).filter { !$0.hasPrefix(".git") && $0 != handoff }.sorted()
        for f in files {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.appendingPathComponent(f).path, isDirectory: &isDir), !isDir.boolValue {
                lines.append("file \(f): \(try read(f))")
            }
        }
        return lines
    }

    /// The paths the HEAD commit changed.
    func headChangedPaths() throws -> [String] {
        try sh("show", "--format=", "--name-only", "HEAD").split(separator: "\n").map(String.init)
    }

    func headSubject() throws -> String { try sh("log", "-1", "--format=%s").trimmingCharacters(in: .newlines) }

    func commitCount() throws -> Int {
        let r = try run(["rev-list", "--count", "HEAD"], allowFailure: true)
        return r.status == 0 ? Int(r.out.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 : 0
    }
}

struct SetupError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// A handoff such as an agent writes.
let handoffText = """
    # Session handoff — 2026-11-24 (main)

    ## Completed
    - [x] Login form posts to `/api/session` (src/auth/login.ts:12)
    - [x] Unit tests for the token cache

    ## In Progress
    - Refactor session refresh in `src/auth/sessions.ts:42-60`

    ## Blocked
    - Staging deploy: waiting on the DB credentials from ops

    ## Decisions
    - Keep JWTs in memory, because of XSS exposure

    ## Next Steps
    1. Finish the refresh refactor
    2. Run the e2e suite

    ## Gotchas
    - `npm test` needs `TZ=UTC`

    """
