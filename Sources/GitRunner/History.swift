/// One committed version of a file: the commit, and the file's path in it (it may have been
/// renamed since).
public struct FileVersion: Sendable, Equatable {
    public let commit: LogEntry
    /// Relative to the work-tree root, as the file was named in that commit.
    public let path: String
    /// Who has read this version (`ack`).
    public let acknowledgements: [Acknowledgement]
}

/// Reading a file's history: which commits changed it, and its bytes in them. Read-only.
extension GitRepository {
    /// The full id of the commit `revision` names (a hash, a branch, `origin/alice/auth`, a
    /// tag, `HEAD~2`).
    public func commitID(of revision: String) async throws(GitError) -> String {
        let out = try await run(["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"],
                                timeout: git.timeouts.query, readOnly: true)
        let id = out.text.trimmedLines
        guard out.succeeded, id.count >= 40 else {
            if revision == "HEAD", try await !hasCommits() { throw GitError.noCommits }
            throw GitError.badRevision(revision)
        }
        return id
    }

    /// Whether this is a shallow clone: history before its cut is not here.
    public var isShallow: Bool { pathExists(join(commonDirectory(), "shallow")) }

    /// Whether HEAD's branch has a commit (false on a new repository).
    public func hasCommits() async throws(GitError) -> Bool {
        try await run(["rev-parse", "--verify", "--quiet", "HEAD"], timeout: git.timeouts.query, readOnly: true).succeeded
    }

    /// The commits that changed `path`, newest first, from `revision` back, following
    /// renames; each with the file's name in that commit. `limit` nil: all of them.
    public func versions(of path: String, from revision: String = "HEAD", limit: Int? = nil) async throws(GitError) -> [FileVersion] {
        // The notes (acknowledgements) may span lines: each record ends its fields with 0x1D,
        // and the file's name follows.
        var args = ["log", "--follow", "--name-only", "--notes=\(Self.acknowledgementsRef)",
                    "--format=%x1e%H%x1f%h%x1f%an%x1f%aI%x1f%s%x1f%N%x1d"]
        if let limit { args.append("-n\(limit)") }
        // The revision is checked by log itself (one process fewer than rev-parse first).
        args += ["--end-of-options", revision, "--", path]
        let out = try await run(args, timeout: git.timeouts.query, readOnly: true, outputLimit: 64 << 20)
        guard out.succeeded else {
            if out.stderr.contains("bad revision") || out.stderr.contains("unknown revision") {
                if revision == "HEAD", try await !hasCommits() { throw GitError.noCommits }
                throw GitError.badRevision(revision)
            }
            throw GitError.failed(command: "log --follow -- \(path)", status: out.status, stderr: out.stderr)
        }
        var versions: [FileVersion] = []
        for record in out.text.split(separator: "\u{1e}") {
            guard let end = record.firstIndex(of: "\u{1d}") else { continue }
            let f = record[..<end].split(separator: "\u{1f}", omittingEmptySubsequences: false)
            guard f.count == 6 else { continue }
            let entry = LogEntry(hash: String(f[0]), shortHash: String(f[1]), author: String(f[2]), date: String(f[3]), subject: String(f[4]))
            let name = record[record.index(after: end)...].split(separator: "\n").first.map(String.init) ?? path
            versions.append(FileVersion(commit: entry, path: name, acknowledgements: Acknowledgement.parse(note: f[5])))
        }
        return versions
    }

    /// The bytes of each `(commit, path)`, in one `git cat-file --batch`; nil for a file the
    /// commit does not have (or one that is not a file there).
    public func contents(of files: [(commit: String, path: String)]) async throws(GitError) -> [[UInt8]?] {
        // In batches: Subprocess reserves its whole output limit for every call.
        var all: [[UInt8]?] = []
        var start = 0
        while start < files.count {
            let end = min(start + 1024, files.count)
            all += try await batch(Array(files[start..<end]))
            start = end
        }
        return all
    }

    private func batch(_ files: [(commit: String, path: String)]) async throws(GitError) -> [[UInt8]?] {
        var request = [UInt8]()
        for f in files { request += Array("\(f.commit):\(f.path)\n".utf8) }
        let out = try await git.run(["cat-file", "--batch"], in: root, timeout: git.timeouts.query, readOnly: true,
                                    outputLimit: 64 << 20, input: request)
        guard out.succeeded else { throw GitError.failed(command: "cat-file --batch", status: out.status, stderr: out.stderr) }
        // Each answer: "<id> <type> <size>\n<bytes>\n", or "<request> missing\n" (or "ambiguous").
        var result: [[UInt8]?] = []
        let bytes = out.stdout
        var i = 0
        while result.count < files.count, i < bytes.count {
            guard let newline = bytes[i...].firstIndex(of: 10) else { break }
            let header = String(decoding: bytes[i..<newline], as: UTF8.self).split(separator: " ")
            i = newline + 1
            guard header.count == 3, let size = Int(header[2]) else { result.append(nil); continue }
            let end = min(i + size, bytes.count)
            result.append(header[1] == "blob" ? Array(bytes[i..<end]) : nil)
            i = end + 1
        }
        while result.count < files.count { result.append(nil) }
        return result
    }
}

/// What moved on in the repository since a commit: for telling whether the handoff is stale.
public struct ChangesSince: Sendable, Equatable {
    /// Commits on HEAD after the commit.
    public let commits: Int
    /// HEAD's committer time, in seconds since 1970.
    public let headTime: Int?
    /// Files that differ between the commit and HEAD.
    public let committedFiles: [String]
    /// Files with uncommitted changes (staged, unstaged or untracked).
    public let uncommittedFiles: [String]
}

extension GitRepository {
    /// What changed since `commit`, leaving out `path` (the handoff itself). Four read-only
    /// queries, side by side.
    public func changes(since commit: String, excluding path: String) async throws(GitError) -> ChangesSince {
        async let count = capture { () async throws(GitError) in
            try await self.run(["rev-list", "--count", "\(commit)..HEAD"], timeout: self.git.timeouts.query, readOnly: true)
        }
        async let time = capture { () async throws(GitError) in
            try await self.run(["log", "-1", "--format=%ct", "HEAD"], timeout: self.git.timeouts.query, readOnly: true)
        }
        async let committed = capture { () async throws(GitError) in
            try await self.run(["diff", "--name-only", "-z", "--no-renames", commit, "HEAD"], timeout: self.git.timeouts.query, readOnly: true)
        }
        async let status = capture { () async throws(GitError) in
            try await self.run(["status", "--porcelain", "-z", "--no-renames"], timeout: self.git.timeouts.query, readOnly: true)
        }
        let (c, t, d, s) = try await (count.get(), time.get(), committed.get(), status.get())
        for out in [c, t, d, s] where !out.succeeded {
            throw GitError.failed(command: "rev-list/log/diff/status since \(commit.prefix(7))", status: out.status, stderr: out.stderr)
        }
        let files = d.text.split(separator: "\0").map(String.init).filter { $0 != path }
        // Porcelain entries: "XY path".
        let uncommitted = s.text.split(separator: "\0").compactMap { entry -> String? in
            entry.count > 3 ? String(entry.dropFirst(3)) : nil
        }.filter { $0 != path }
        return ChangesSince(commits: Int(c.text.trimmedLines) ?? 0, headTime: Int(t.text.trimmedLines),
                            committedFiles: files, uncommittedFiles: uncommitted)
    }

    /// What each path is in `commit`: `blob`, `tree`, … or nil where it does not exist.
    public func objectTypes(of paths: [String], at commit: String) async throws(GitError) -> [String?] {
        guard !paths.isEmpty else { return [] }
        let request = Array(paths.map { "\(commit):\($0)\n" }.joined().utf8)
        let out = try await git.run(["cat-file", "--batch-check"], in: root, timeout: git.timeouts.query, readOnly: true,
                                    input: request)
        guard out.succeeded else { throw GitError.failed(command: "cat-file --batch-check", status: out.status, stderr: out.stderr) }
        let lines = out.text.split(separator: "\n", omittingEmptySubsequences: false)
        return paths.indices.map { i in
            guard i < lines.count else { return nil }
            let f = lines[i].split(separator: " ")
            return f.count == 3 ? String(f[1]) : nil
        }
    }
}
