import Foundation

/// What the test targets share: finding the executable `swift test` built, and running git
/// to set up and inspect repositories (never the code under test's way of running it).

/// A product built beside the test bundle (`.build/<triple>/debug/`), or, for the editor,
/// the binary `HANDOFF_TUI_BINARY` names: `.ci/run` runs the end-to-end suites a second time
/// on the release build, which is what users install.
public func builtProduct(_ name: String) -> URL {
    if name == "handoff-tui", let path = ProcessInfo.processInfo.environment["HANDOFF_TUI_BINARY"], !path.isEmpty {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        precondition(FileManager.default.isExecutableFile(atPath: url.path),
                     "HANDOFF_TUI_BINARY=\(path) is not an executable file")
        return url
    }
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = dir.appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        dir = dir.deletingLastPathComponent()
    }
    return URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        .deletingLastPathComponent().appendingPathComponent(name)
}

public struct GitFailed: Error, CustomStringConvertible {
    public let arguments: [String]
    public let status: Int32
    public var description: String { "git \(arguments.joined(separator: " ")) exited with \(status)" }
}

/// Runs git in `dir` with a test identity and returns its stdout. Throws on a non-zero
/// exit unless `allowFailure`.
@discardableResult
public func runGit(_ args: [String], in dir: URL, allowFailure: Bool = false) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com"] + args
    p.currentDirectoryURL = dir
    let out = Pipe()
    p.standardOutput = out
    p.standardError = FileHandle.nullDevice
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    if p.terminationStatus != 0 && !allowFailure { throw GitFailed(arguments: args, status: p.terminationStatus) }
    return String(decoding: data, as: UTF8.self)
}
