import Foundation
import TestSupport
import Testing

/// `make install` and `make uninstall` for real, into a temporary PREFIX: the installed binary
/// runs (`--version`, `show`, the editor in tmux ended by SIGTERM), `man` reads the page, bash
/// completes a subcommand, and uninstalling leaves no file behind.
///
/// The release build is incremental: a no-op when `swift build -c release` has been run, a
/// whole release build (minutes) when it has not. `swift test` holds SwiftPM's lock on
/// `.build` while the tests run, so make's swift commands are given `--ignore-lock` (the
/// test run builds nothing meanwhile, and release products live apart from debug ones).
@Suite(.serialized, .enabled(if: installToolsPresent, "needs make, man (man-db), bash and tmux"))
struct InstallTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let subcommands = ["edit", "show", "check", "init", "add", "commit", "log"]

    @Test("make install puts a working binary, its man page and completions under PREFIX; make uninstall removes them")
    func installThenUninstall() async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("handoff-install-\(UUID().uuidString)")
        let prefix = scratch.appendingPathComponent("prefix")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }

        let install = try await run(["make", "install", "PREFIX=\(prefix.path)", "SWIFTPM_FLAGS=--ignore-lock"],
                                    in: Self.packageRoot)
        try #require(install.status == 0, "make install failed:\n\(install.stdout)\n\(install.stderr)")
        let installed = files(under: prefix)
        #expect(installed == ["bin/handoff-tui", "share/bash-completion/completions/handoff-tui",
                              "share/fish/vendor_completions.d/handoff-tui.fish", "share/man/man1/handoff-tui.1",
                              "share/zsh/site-functions/_handoff-tui"])
        let binary = prefix.appendingPathComponent("bin/handoff-tui")

        // --version: the number, and the commit of this checkout.
        let version = try await run([binary.path, "--version"], in: scratch)
        #expect(version.status == 0)
        let versionLine = version.stdout.trimmingCharacters(in: .newlines)
        #expect(versionLine.wholeMatch(of: /\d+\.\d+\.\d+( \([0-9a-f]{7}(-dirty)?\))?/) != nil, "\(versionLine)")
        if FileManager.default.fileExists(atPath: Self.packageRoot.appendingPathComponent(".git").path) {
            let head = try runGit(["rev-parse", "--short=7", "HEAD"], in: Self.packageRoot)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(versionLine.contains("(\(head)"), "\(versionLine) is not built from HEAD \(head)")
        }

        // show: the handoff as saved.
        try Data(sampleHandoff.utf8).write(to: scratch.appendingPathComponent("HANDOFF.md"))
        let show = try await run([binary.path, "show"], in: scratch)
        #expect(show.status == 0)
        #expect(show.stdout == sampleHandoff)

        // The editor: SIGTERM ends it at once with 143, the terminal restored.
        let editor = try TmuxEditor(content: sampleHandoff, binary: binary)
        editor.waitFor("1 Completed")
        let pid = try #require(editor.editorPID())
        #expect(kill(pid, SIGTERM) == 0)
        let seconds = TmuxEditor.secondsUntilExit(of: pid)
        #expect(seconds != nil && seconds! < 1, "exited after \(seconds.map { "\($0) s" } ?? "never (still running after 10 s)")")
        #expect(editor.exitStatus() == 143)
        #expect(editor.modesRestored)

        // The man page: rendered by man without complaint, naming every command.
        let page = prefix.appendingPathComponent("share/man/man1/handoff-tui.1")
        let man = try await run(["man", "-l", page.path], in: scratch,
                                environment: ["MANPAGER": "cat", "MANWIDTH": "80", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"])
        #expect(man.status == 0)
        #expect(man.stderr.isEmpty, "man: \(man.stderr)")
        #expect(man.stdout.contains("NAME"))
        #expect(man.stdout.contains("handoff-tui"))
        for command in Self.subcommands {
            #expect(man.stdout.contains("handoff-tui \(command)") || man.stdout.contains(" \(command) "),
                    "the man page does not mention \(command)")
        }

        // bash: the completion script loads and completes `handoff-tui sh` to `show`.
        let completion = prefix.appendingPathComponent("share/bash-completion/completions/handoff-tui")
        let script = #"""
            source "$1" || exit 1
            spec=$(complete -p handoff-tui) || exit 1
            function=${spec##*-F }; function=${function%% *}
            COMP_WORDS=(handoff-tui sh); COMP_CWORD=1; COMP_LINE="handoff-tui sh"; COMP_POINT=${#COMP_LINE}
            "$function" handoff-tui sh handoff-tui
            printf '%s\n' "${COMPREPLY[@]}"
            """#
        let bash = try await run(["bash", "--norc", "--noprofile", "-c", script, "bash", completion.path], in: scratch,
                                 environment: ["PATH": "\(prefix.path)/bin:/usr/bin:/bin"])
        #expect(bash.status == 0, "\(bash.stderr)")
        let completions = bash.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(completions.contains("show"), "completions of `handoff-tui sh`: \(completions) \(bash.stderr)")
        #expect(!completions.contains("check"))

        // make uninstall: no file is left under the prefix.
        let uninstall = try await run(["make", "uninstall", "PREFIX=\(prefix.path)"], in: Self.packageRoot)
        #expect(uninstall.status == 0, "\(uninstall.stderr)")
        #expect(files(under: prefix) == [], "left after make uninstall")
    }

    /// The files (not folders) under `dir`, as sorted relative paths.
    private func files(under dir: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: dir.path) else { return [] }
        var found: [String] = []
        while let path = walker.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent(path).path, isDirectory: &isFolder),
               !isFolder.boolValue {
                found.append(path)
            }
        }
        return found.sorted()
    }

    struct Ran {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs `argv` (found on PATH) in `dir` with the test's environment plus `environment`.
    /// The process is waited for on a thread of its own: `make install` takes from seconds to
    /// minutes, and blocking one of the test pool's threads (two on a 2-core machine) that
    /// long starves the tests running beside it.
    private func run(_ argv: [String], in dir: URL, environment: [String: String] = [:]) async throws -> Ran {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = argv
        p.currentDirectoryURL = dir
        var env = ProcessInfo.processInfo.environment
        for key in ["HANDOFF_FILE", "DESTDIR", "PREFIX", "MAKEFLAGS", "MAKELEVEL"] { env.removeValue(forKey: key) }
        env.merge(environment) { $1 }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let running = Running(process: p, out: out, err: err)
        return await withCheckedContinuation { (done: CheckedContinuation<Ran, Never>) in
            Thread { done.resume(returning: running.wait()) }.start()
        }
    }
}

/// A started process and its pipes, handed to the thread that waits for it (the test awaits
/// that thread, so the two never touch it at once).
private struct Running: @unchecked Sendable {
    let process: Process
    let out: Pipe
    let err: Pipe

    /// Both pipes drained before waiting: a build's output would fill one and stall make.
    func wait() -> InstallTests.Ran {
        let errBox = ErrBox()
        let group = DispatchGroup()
        group.enter()
        let err = self.err
        DispatchQueue.global().async { errBox.data = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return InstallTests.Ran(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                                stderr: String(decoding: errBox.data, as: UTF8.self))
    }
}

/// Carries stderr read on another thread back; the group's wait orders the accesses.
private final class ErrBox: @unchecked Sendable { var data = Data() }

private let installToolsPresent = ["make", "man", "bash", "tmux"].allSatisfy { tool in
    (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        .contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)") }
}
