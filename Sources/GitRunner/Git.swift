import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How git is started: which executable, with what time limits. The one place in the
/// project that starts a git process is `Git.run`.
public struct Git: Sendable {
    /// Seconds each kind of command may take before git is ended.
    public struct Timeouts: Sendable {
        /// Read-only queries: rev-parse, status, log, show, diff.
        public var query: Int
        /// `add` and the index clean-up after a failed commit.
        public var update: Int
        /// `commit`: hooks (a test suite in pre-commit) and signing can be slow.
        public var commit: Int
        /// `push`: the network, and the remote's own hooks.
        public var push: Int

        public init(query: Int = 30, update: Int = 60, commit: Int = 600, push: Int = 600) {
            self.query = query
            self.update = update
            self.commit = commit
            self.push = push
        }
    }

    /// A path to the git executable, or nil to find `git` on PATH.
    public var executable: String?
    /// Variables set (a value) or removed (nil) for git, on top of the fixed ones; tests
    /// use it for an identity or a PATH without git.
    public var environment: [String: String?]
    public var timeouts: Timeouts

    public init(executable: String? = nil, environment: [String: String?] = [:], timeouts: Timeouts = Timeouts()) {
        self.executable = executable
        self.environment = environment
        self.timeouts = timeouts
    }

    /// What a finished git printed and how it ended.
    struct Output: Sendable {
        let status: Int32
        let stdout: [UInt8]
        let stderr: String
        var succeeded: Bool { status == 0 }
        var text: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// Runs `git <arguments>` in `directory` as a child process (never through a shell).
    ///
    /// The environment fixes what would change output that is parsed or make git wait for a
    /// person: `LC_ALL=C` (untranslated messages), `GIT_TERMINAL_PROMPT=0` (fail instead of
    /// asking for credentials), `GIT_LITERAL_PATHSPECS=1` (a file named `*.md` is that file),
    /// and `GIT_OPTIONAL_LOCKS=0` for read-only queries (a status must not take the index
    /// lock a user's own git is waiting for). `core.quotepath=off` keeps non-ASCII paths as
    /// they are. After `timeout` seconds git gets SIGTERM, then SIGKILL two seconds later.
    func run(
        _ arguments: [String],
        in directory: String?,
        timeout seconds: Int,
        readOnly: Bool = false,
        literalPathspecs: Bool = true,
        outputLimit: Int = 4 << 20,
        input: [UInt8]? = nil
    ) async throws(GitError) -> Output {
        let args = ["-c", "core.quotepath=off"] + arguments
        // For messages: a commit message argument is shown as "…".
        let display = arguments.map { $0.contains("\n") || $0.count > 60 ? "…" : $0 }.joined(separator: " ")
        var env: [Environment.Key: String?] = [
            "LC_ALL": "C",
            "GIT_TERMINAL_PROMPT": "0",
        ]
        // check-ignore takes paths and refuses the literal magic outright.
        if literalPathspecs { env["GIT_LITERAL_PATHSPECS"] = "1" }
        if readOnly { env["GIT_OPTIONAL_LOCKS"] = "0" }
        for (k, v) in environment { env[Environment.Key(stringLiteral: k)] = v }

        // Found here once rather than by `.name("git")`, which starts a child for every PATH
        // entry until one runs (milliseconds each, on every call).
        let searchPath: String? = if let override = environment["PATH"] { override } else { Self.processPath() }
        guard let path = executable ?? Self.find("git", in: searchPath) else {
            throw GitError.gitNotInstalled("git: not found in PATH")
        }
        let exe: Executable = .path(FilePath(path))
        var options = PlatformOptions()
        // No new process group: a gpg passphrase prompt must still reach the terminal.
        // A hook's own children may outlive git; git's exit ends the wait all the same.
        options.teardownSequence = [.send(signal: .terminate, allowedDurationToNextStep: .seconds(2))]
        let configuration = Configuration(
            executable: exe,
            arguments: Arguments(args),
            environment: .inherit.updating(env),
            workingDirectory: directory.map { FilePath($0) },
            platformOptions: options
        )

        // Input goes through an unlinked temporary file, never a pipe: writing to a git that
        // exited early (a held index.lock) would raise SIGPIPE in this process.
        var inputFile: FileDescriptor? = nil
        if let input {
            guard let fd = Self.temporaryFile(holding: input) else {
                throw GitError.failed(command: display, status: -1, stderr: "could not write git's input to a temporary file")
            }
            inputFile = fd
        }
        defer { try? inputFile?.close() }
        let stdinFile = inputFile

        // nil from the group means the timer won.
        let outcome: Output?
        do {
            outcome = try await withThrowingTaskGroup(of: Output?.self) { group in
                group.addTask {
                    // Subprocess reserves the whole output limit up front: keep it near what
                    // each command prints (a large limit costs milliseconds per run).
                    let r = if let stdinFile {
                        try await Subprocess.run(configuration, input: .fileDescriptor(stdinFile, closeAfterSpawningProcess: false),
                                                 output: .bytes(limit: outputLimit), error: .string(limit: 4 << 20))
                    } else {
                        // No input: git's stdin is /dev/null.
                        try await Subprocess.run(configuration, input: .none,
                                                 output: .bytes(limit: outputLimit), error: .string(limit: 4 << 20))
                    }
                    let status: Int32
                    switch r.terminationStatus {
                    case .exited(let code): status = Int32(code)
                    case .signaled(let signal): status = 128 + Int32(signal)
                    }
                    return Output(status: status, stdout: r.standardOutput, stderr: r.standardError)
                }
                group.addTask {
                    try await Task.sleep(for: .seconds(seconds))
                    return nil
                }
                let first = try await group.next() ?? nil
                group.cancelAll()   // ends git (teardown) or the timer, whichever is left
                return first
            }
        } catch let error as SubprocessError {
            throw Self.launchError(error, display: display)
        } catch {
            throw GitError.failed(command: display, status: -1, stderr: "\(error)")
        }
        guard let outcome else { throw GitError.timedOut(command: display, seconds: seconds) }
        if !outcome.succeeded, Self.isNotARepository(outcome.stderr) {
            throw GitError.notARepository(outcome.stderr.trimmedLines)
        }
        return outcome
    }

    /// An unlinked temporary file holding `bytes`, positioned at its start.
    static func temporaryFile(holding bytes: [UInt8]) -> FileDescriptor? {
        let dir = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((dir + "/handoff-tui-git-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return nil }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 { if errno == EINTR { continue }; close(fd); return nil }
            offset += n
        }
        guard lseek(fd, 0, SEEK_SET) == 0 else { close(fd); return nil }
        return FileDescriptor(rawValue: fd)
    }

    /// The first executable `name` in a PATH value.
    static func find(_ name: String, in path: String?) -> String? {
        for dir in (path ?? "").split(separator: ":", omittingEmptySubsequences: true) {
            let candidate = dir.hasSuffix("/") ? String(dir) + name : String(dir) + "/" + name
            var info = stat()
            if stat(candidate, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, access(candidate, X_OK) == 0 {
                return candidate
            }
        }
        return nil
    }

    static func processPath() -> String? {
        getenv("PATH").map { String(cString: $0) }
    }

    static func isNotARepository(_ stderr: String) -> Bool {
        stderr.contains("not a git repository") && stderr.contains("fatal:")
    }

    private static func launchError(_ error: SubprocessError, display: String) -> GitError {
        switch error.code {
        case .executableNotFound, .spawnFailed:
            return .gitNotInstalled("\(error)")
        case .failedToChangeWorkingDirectory:
            return .notARepository("\(error)")
        default:
            return .failed(command: display, status: -1, stderr: "\(error)")
        }
    }
}

/// Whether a path exists (used for git's state files, which are read, never started).
func pathExists(_ path: String) -> Bool { access(path, F_OK) == 0 }

func isExecutableFile(_ path: String) -> Bool { access(path, X_OK) == 0 }

func isDirectory(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
}

/// The absolute path with symlinks resolved, as git reports its top level.
func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
}

/// A small file's text without its trailing newline; nil if it cannot be read.
func readSmallFile(_ path: String, limit: Int = 1 << 16) -> String? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while bytes.count < limit {
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, 4096) }
        if n < 0 { if errno == EINTR { continue }; return nil }
        if n == 0 { break }
        bytes.append(contentsOf: buffer[0..<n])
    }
    return String(decoding: bytes, as: UTF8.self).trimmedLines
}
