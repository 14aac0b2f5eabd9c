#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What git's configuration says a commit message should look like, as far as the product
/// must honour it itself: the message goes to git with `-m`, and git applies
/// `commit.template` only when it opens an editor.
public struct CommitConventions: Sendable, Equatable {
    /// `commit.template` as git resolves it (`~/` expanded; a relative path is relative to
    /// the work-tree root, where `git commit` runs); nil when unset.
    public let templatePath: String?
    /// What a comment line starts with: `core.commentChar` (or `core.commentString`, newer
    /// git's name; the last one set wins), `#` by default. nil for `auto`: git then picks a
    /// character that no line of the message starts with, so no line is a comment.
    public let commentPrefix: String?
    /// The template's text, or why it could not be read; nil when no template is set.
    let template: Result<String, GitError>?

    public init(templatePath: String? = nil, commentPrefix: String? = "#") {
        self.templatePath = templatePath
        self.commentPrefix = commentPrefix
        self.template = templatePath.map(Self.readTemplate)
    }

    /// The template's text (nil when none is configured). A template that is configured
    /// but cannot be read throws `templateUnreadable`, as git refuses to commit then.
    public func templateText() throws(GitError) -> String? {
        try template?.get()
    }

    static func readTemplate(_ path: String) -> Result<String, GitError> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(.templateUnreadable(path: path, reason: systemError(errno))) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16384)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(.templateUnreadable(path: path, reason: systemError(errno)))   // a folder: EISDIR
            }
            if n == 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
        }
        return .success(String(decoding: bytes, as: UTF8.self))
    }

    private static func systemError(_ code: Int32) -> String {
        strerror(code).map { String(cString: $0) } ?? "error \(code)"
    }
}

extension GitRepository {
    /// `commit.template` and the comment prefix, from git's configuration (every scope,
    /// includes and `-c`/environment overrides, as git itself reads them): one `git config`
    /// query, and one more to resolve the template's path when one is set.
    public func commitConventions() async throws(GitError) -> CommitConventions {
        let keys = "^(commit\\.template|core\\.commentchar|core\\.commentstring)$"
        let out = try await run(["config", "-z", "--get-regexp", keys], timeout: git.timeouts.query, readOnly: true)
        // Status 1: none of them is set.
        guard out.succeeded || out.status == 1 else {
            throw GitError.failed(command: "config --get-regexp", status: out.status, stderr: out.stderr)
        }
        var template: String? = nil
        var comment: String? = nil
        // -z: "key\nvalue\0" per entry, in the order git reads them; the last one wins.
        for entry in out.stdout.split(separator: 0) {
            let text = String(decoding: entry, as: UTF8.self)
            guard let newline = text.firstIndex(of: "\n") else { continue }
            let key = text[..<newline], value = String(text[text.index(after: newline)...])
            if key == "commit.template" { template = value } else { comment = value }
        }
        var prefix: String? = "#"
        if let comment, !comment.isEmpty {
            prefix = comment.lowercased() == "auto" ? nil : comment
        }
        guard let template, !template.isEmpty else { return CommitConventions(templatePath: nil, commentPrefix: prefix) }
        // git's own path rules (`~/`, `~user/`, `%(prefix)/`), rather than a copy of them.
        let resolved = try await run(["config", "--type=path", "--get", "commit.template"], timeout: git.timeouts.query, readOnly: true)
        guard resolved.succeeded else {
            throw GitError.failed(command: "config --type=path commit.template", status: resolved.status, stderr: resolved.stderr)
        }
        let path = String(resolved.text.dropLast(resolved.text.hasSuffix("\n") ? 1 : 0))
        return CommitConventions(templatePath: join(root, path), commentPrefix: prefix)
    }
}
