/// What the agent hooks ask git: has the code moved since a point, which files a commit
/// touched, how far the handoff lags behind, where git's hooks live. Read-only.
extension GitRepository {
    /// The work tree's uncommitted changes (staged, unstaged, untracked), leaving out `excluding`
    /// (the handoff: editing it is not "code changed"): the changed paths and a fingerprint
    /// that changes when their content does (the diff against HEAD, hashed). Two calls give
    /// equal fingerprints when nothing changed in between. Untracked files count by name only.
    public func workingChanges(excluding: String?) async throws(GitError) -> (paths: [String], fingerprint: String) {
        let status = try await run(["status", "--porcelain=v1", "-z", "--untracked-files=all"], timeout: git.timeouts.query, readOnly: true)
        guard status.succeeded else { throw GitError.failed(command: "status --porcelain", status: status.status, stderr: status.stderr) }
        var paths: [String] = []
        var hash = FNV1a()
        var records = status.stdout.split(separator: 0, omittingEmptySubsequences: true)[...]
        while let record = records.popFirst() {
            guard record.count > 3 else { continue }
            let code = Array(record.prefix(2))
            let path = String(decoding: record.dropFirst(3), as: UTF8.self)
            // A rename or copy: the next record is the old name.
            if code.contains(UInt8(ascii: "R")) || code.contains(UInt8(ascii: "C")) { _ = records.popFirst() }
            guard path != excluding else { continue }
            paths.append(path)
            hash.add(Array(record))
        }
        // The content: the diff against HEAD (or the index on a branch with no commit yet).
        let head = try await hasCommits()
        let diffArgs = head ? ["diff", "--no-color", "--no-ext-diff", "--binary", "HEAD"] : ["diff", "--no-color", "--no-ext-diff", "--binary", "--cached"]
        if let diff = try? await run(diffArgs, timeout: git.timeouts.query, readOnly: true, outputLimit: 32 << 20), diff.succeeded {
            let skip = excluding.map { Array("diff --git a/\($0) b/\($0)\n".utf8) }
            var keep = true
            for line in diff.stdout.split(separator: 0x0A, omittingEmptySubsequences: false) {
                if line.starts(with: Array("diff --git ".utf8)) { keep = skip.map { Array(line) + [0x0A] != $0 } ?? true }
                if keep { hash.add(Array(line)); hash.add([0x0A]) }
            }
        }
        return (paths, hash.hex)
    }

    /// The files that differ between two commits.
    public func changedPaths(from: String, to: String) async throws(GitError) -> [String] {
        let out = try await run(["diff", "--name-only", "-z", "--no-renames", from, to], timeout: git.timeouts.query, readOnly: true)
        guard out.succeeded else { throw GitError.failed(command: "diff --name-only \(from) \(to)", status: out.status, stderr: out.stderr) }
        return out.stdout.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The files a commit changed (against its first parent; all of them for a root commit).
    public func pathsChanged(in revision: String) async throws(GitError) -> [String] {
        let out = try await run(["diff-tree", "--root", "--no-commit-id", "--name-only", "-r", "-z", "--no-renames", "-m", "--first-parent", revision],
                                timeout: git.timeouts.query, readOnly: true)
        guard out.succeeded else { throw GitError.failed(command: "diff-tree \(revision)", status: out.status, stderr: out.stderr) }
        return out.stdout.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    /// How many commits `to` has that `from` does not.
    public func commitCount(from: String, to: String) async throws(GitError) -> Int {
        let out = try await run(["rev-list", "--count", "\(from)..\(to)"], timeout: git.timeouts.query, readOnly: true)
        guard out.succeeded, let n = Int(out.text.trimmedLines) else {
            throw GitError.failed(command: "rev-list --count", status: out.status, stderr: out.stderr)
        }
        return n
    }

    /// The folder git runs hooks from: `core.hooksPath` when set, else the hooks folder of
    /// the repository (shared by its linked work trees). Absolute.
    public func hooksDirectory() async throws(GitError) -> String {
        let out = try await run(["rev-parse", "--git-path", "hooks"], timeout: git.timeouts.query, readOnly: true)
        let path = out.text.trimmedLines
        guard out.succeeded, !path.isEmpty else { throw GitError.failed(command: "rev-parse --git-path hooks", status: out.status, stderr: out.stderr) }
        return join(root, path)
    }
}

/// FNV-1a, 64 bits: a fingerprint to compare, not a defence against anyone.
struct FNV1a {
    private var value: UInt64 = 0xcbf29ce484222325
    mutating func add(_ bytes: [UInt8]) {
        for b in bytes { value = (value ^ UInt64(b)) &* 0x100000001b3 }
    }
    var hex: String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
