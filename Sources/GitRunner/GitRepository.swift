#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A git work tree, and what the product asks of it. Paths given to its methods are
/// relative to `root` (as `open(forFile:)` returns them). Nothing here prints: results and
/// `GitError`s go back to the caller (the CLI, or the editor's commit dialog).
public struct GitRepository: Sendable {
    /// The work tree's top folder, as git reports it (absolute, symlinks resolved).
    public let root: String
    /// This work tree's git folder (for a linked work tree, its own one under the main repository).
    public let gitDirectory: String
    public let git: Git

    init(root: String, gitDirectory: String, git: Git) {
        self.root = root
        self.gitDirectory = gitDirectory
        self.git = git
    }

    /// The work tree holding `directory`.
    public static func open(directory: String, git: Git = Git()) async throws(GitError) -> GitRepository {
        try await locate(directory: directory, git: git).repository
    }

    /// The work tree holding `file`, and the file's path relative to its root. `file` may be
    /// relative to the current folder; it need not exist yet.
    public static func open(forFile file: String, git: Git = Git()) async throws(GitError) -> (repository: GitRepository, path: String) {
        let (directory, name) = split(file)
        let (repository, prefix) = try await locate(directory: directory, git: git)
        return (repository, prefix + name)
    }

    private static func locate(directory: String, git: Git) async throws(GitError) -> (repository: GitRepository, prefix: String) {
        if let found = discover(directory: directory, git: git) { return found }
        let out = try await git.run(["rev-parse", "--show-toplevel", "--absolute-git-dir", "--show-prefix"],
                                    in: directory, timeout: git.timeouts.query, readOnly: true)
        guard out.succeeded else {
            // A bare repository, or `.git` itself, has no work tree to commit from.
            if out.stderr.contains("must be run in a work tree") { throw GitError.notARepository(out.stderr.trimmedLines) }
            throw GitError.failed(command: "rev-parse --show-toplevel", status: out.status, stderr: out.stderr)
        }
        let lines = out.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 2, !lines[0].isEmpty else {
            throw GitError.notARepository("fatal: this operation must be run in a work tree")
        }
        let prefix = lines.count > 2 ? lines[2] : ""
        return (GitRepository(root: lines[0], gitDirectory: lines[1], git: git), prefix)
    }

    /// The work tree found as git finds it, by walking up from `directory` to a `.git` folder
    /// or `gitdir:` file, without starting git (this runs before every commit). Returns nil
    /// (and git is asked) when the environment changes discovery (GIT_DIR, GIT_WORK_TREE,
    /// GIT_COMMON_DIR) or nothing is found, so that git's own message reports it.
    static func discover(directory: String, git: Git) -> (repository: GitRepository, prefix: String)? {
        func variable(_ name: String) -> String? {
            if let override = git.environment[name] { return override }
            return getenv(name).map { String(cString: $0) }
        }
        for name in ["GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR"] where variable(name) != nil { return nil }
        guard let start = realPath(directory) else { return nil }
        let ceilings = Set((variable("GIT_CEILING_DIRECTORIES") ?? "").split(separator: ":").compactMap { realPath(String($0)) })
        var dir = start
        while true {
            let dotGit = join(dir, ".git")
            if isDirectory(dotGit) {
                if pathExists(join(dotGit, "HEAD")), pathExists(join(dotGit, "objects")) || pathExists(join(dotGit, "commondir")) {
                    return (GitRepository(root: dir, gitDirectory: dotGit, git: git), relative(start, to: dir))
                }
            } else if let text = readSmallFile(dotGit), text.hasPrefix("gitdir: ") {
                // A linked work tree or a submodule.
                let target = String(text.dropFirst(8))
                guard let gitDir = realPath(target.hasPrefix("/") ? target : join(dir, target)),
                      pathExists(join(gitDir, "HEAD")) else { return nil }
                return (GitRepository(root: dir, gitDirectory: gitDir, git: git), relative(start, to: dir))
            }
            guard dir != "/" else { return nil }
            let parent = String(dir[..<(dir.lastIndex(of: "/") ?? dir.startIndex)])
            let up = parent.isEmpty ? "/" : parent
            if ceilings.contains(up) { return nil }
            dir = up
        }
    }

    /// `path` below `root`, as git's --show-prefix gives it: "" or "a/b/".
    private static func relative(_ path: String, to root: String) -> String {
        guard path != root else { return "" }
        let base = root == "/" ? "/" : root + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) + "/" : ""
    }

    private static func split(_ file: String) -> (directory: String, name: String) {
        guard let slash = file.lastIndex(of: "/") else { return (".", file) }
        let dir = String(file[..<slash])
        return (dir.isEmpty ? "/" : dir, String(file[file.index(after: slash)...]))
    }

    // MARK: - Queries

    /// The checked-out branch and commit.
    public func head() async throws(GitError) -> Head {
        try await statusAndHead(path: nil).head
    }

    /// The file's state relative to HEAD and the index.
    public func status(of path: String) async throws(GitError) -> FileState {
        try await statusAndHead(path: path).state
    }

    /// The branch, the commit and one file's state, from one `git status` (one process:
    /// this runs before every commit).
    public func statusAndHead(path: String?) async throws(GitError) -> (head: Head, state: FileState) {
        // One path needs no index preloading threads (they cost more than they save here).
        var args = ["-c", "core.preloadIndex=false", "status", "--porcelain=v2", "--branch", "-z"]
        if let path { args += ["--untracked-files=all", "--ignored=matching", "--", path] } else {
            // Only the branch lines are wanted: a pathspec that matches nothing (git never
            // tracks ".git") keeps status from looking at the work tree at all.
            args += ["--untracked-files=no", "--", ".git"]
        }
        let out = try await run(args, timeout: git.timeouts.query, readOnly: true)
        var branch: String? = nil
        var commit: String? = nil
        var state: FileState = .unchanged
        var sawEntry = false
        for record in out.stdout.split(separator: 0, omittingEmptySubsequences: true) {
            let line = String(decoding: record, as: UTF8.self)
            if line.hasPrefix("# branch.oid ") {
                let oid = String(line.dropFirst(13))
                commit = oid == "(initial)" ? nil : oid
            } else if line.hasPrefix("# branch.head ") {
                let name = String(line.dropFirst(14))
                branch = name == "(detached)" ? nil : name
            } else if line.hasPrefix("1 ") || line.hasPrefix("2 ") {
                guard !sawEntry else { continue }   // a rename's second record is its old path
                sawEntry = true
                let xy = Array(line.dropFirst(2).prefix(2))
                state = .changed(index: xy.first ?? ".", workTree: xy.count > 1 ? xy[1] : ".")
            } else if line.hasPrefix("u ") {
                sawEntry = true
                state = .conflicted
            } else if line.hasPrefix("? ") {
                sawEntry = true
                state = .untracked
            } else if line.hasPrefix("! ") {
                sawEntry = true
                state = .ignored
            }
        }
        if let path, !sawEntry, !pathExists(join(root, path)) { state = .absent }
        return (Head(branch: branch, commit: commit), state)
    }

    /// Which operation, if any, is under way: read from git's own state files in the git folder.
    public func operationInProgress() -> GitError.Operation? {
        if pathExists(join(gitDirectory, "MERGE_HEAD")) { return .merge }
        if pathExists(join(gitDirectory, "rebase-merge")) { return .rebase }
        if pathExists(join(gitDirectory, "rebase-apply")) {
            return pathExists(join(gitDirectory, "rebase-apply/applying")) ? .am : .rebase
        }
        if pathExists(join(gitDirectory, "CHERRY_PICK_HEAD")) { return .cherryPick }
        if pathExists(join(gitDirectory, "REVERT_HEAD")) { return .revert }
        return nil
    }

    /// The commits that changed the file, newest first.
    public func log(of path: String, limit: Int = 50) async throws(GitError) -> [LogEntry] {
        let out = try await run(["log", "-n", "\(limit)", "--format=%H%x1f%h%x1f%an%x1f%aI%x1f%s%x1e", "--", path],
                                timeout: git.timeouts.query, readOnly: true)
        guard out.succeeded else {
            // An unborn branch has no history yet.
            if out.stderr.contains("does not have any commits yet") { return [] }
            throw GitError.failed(command: "log -- \(path)", status: out.status, stderr: out.stderr)
        }
        return out.text.split(separator: "\u{1e}").compactMap { record in
            let f = record.drop(while: { $0 == "\n" }).split(separator: "\u{1f}", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 5 else { return nil }
            return LogEntry(hash: f[0], shortHash: f[1], author: f[2], date: f[3], subject: f[4])
        }
    }

    /// The file's bytes at a revision (`HEAD`, a hash, `HEAD~2`); nil if it did not exist there.
    public func contents(of path: String, at revision: String) async throws(GitError) -> [UInt8]? {
        let out = try await git.run(["show", "\(revision):\(path)"], in: root, timeout: git.timeouts.query,
                                    readOnly: true, outputLimit: 64 << 20)
        guard out.succeeded else {
            if out.stderr.contains("does not exist in") || out.stderr.contains("exists on disk, but not in") { return nil }
            throw GitError.failed(command: "show \(revision):\(path)", status: out.status, stderr: out.stderr)
        }
        return out.stdout
    }

    /// The unified diff of the file between two revisions; `to` nil means the work tree.
    public func diff(of path: String, from: String, to: String? = nil) async throws(GitError) -> String {
        var args = ["diff", "--no-color", "--no-ext-diff", from]
        if let to { args.append(to) }
        args += ["--", path]
        let out = try await run(args, timeout: git.timeouts.query, readOnly: true)
        guard out.succeeded else {
            throw GitError.failed(command: args.joined(separator: " "), status: out.status, stderr: out.stderr)
        }
        return out.text
    }

    // MARK: - Changes

    /// Stages the file (`git add -- path`).
    public func add(_ path: String) async throws(GitError) {
        let out = try await run(["add", "--", path], timeout: git.timeouts.update)
        guard out.succeeded else { throw classify(out, command: "add -- \(path)", path: path) }
    }

    /// Commits this one file's work-tree content and nothing else.
    ///
    /// When nothing else is staged this is `git commit --include -- path`: the file is staged
    /// and committed in one process, as fast as `git add` plus `git commit`. Otherwise
    /// `git commit --only -- path` builds the commit from HEAD plus this file, so the user's
    /// other staged and unstaged changes stay exactly as they were. Either way a failed
    /// commit leaves the index as it was (git does not write it). A new file is added first
    /// (a path-limited commit accepts only files git knows), and that add is undone if the
    /// commit fails.
    public func commit(_ path: String, message: String) async throws(GitError) -> CommitOutcome {
        let plan = try await plan(for: path)
        return try await commit(path, message: message, state: plan.state, staged: plan.staged)
    }

    /// The file's state and the staged paths, asked side by side (both only read).
    func plan(for path: String) async throws(GitError) -> (state: FileState, staged: [String]?) {
        async let state = capture { () async throws(GitError) in try await statusAndHead(path: path).state }
        async let staged = capture { () async throws(GitError) in try await stagedPaths() }
        let (st, sp) = await (state, staged)
        return (try st.get(), try sp.get())
    }

    func commit(_ path: String, message: String, state: FileState, staged: [String]?) async throws(GitError) -> CommitOutcome {
        if let kind = operationInProgress() {
            throw GitError.operationInProgress(kind: kind, message: "")
        }
        let head = readHead()
        // Without a HEAD commit there is no staged list: take the path-limited commit.
        let othersStaged = staged.map { $0.contains { $0 != path } } ?? true
        var addedHere = false
        // The message as one argument (a handoff message is far below the kernel's 128 KiB).
        let args: [String]
        switch state {
        case .unchanged:
            return .nothingToCommit(path: path)
        case .ignored:
            throw GitError.ignored(path: path, message: await ignoreRule(path))
        case .conflicted:
            throw GitError.operationInProgress(kind: .merge, message: "\(path) has unresolved conflicts")
        case .untracked:
            try await add(path)
            addedHere = true
            args = othersStaged ? ["commit", "--only", "-m", message, "--", path] : ["commit", "-m", message]
        case .changed, .absent:
            // An absent file: git says "pathspec did not match" in its own words.
            args = othersStaged ? ["commit", "--only", "-m", message, "--", path] : ["commit", "--include", "-m", message, "--", path]
        }
        let out = try await run(args, timeout: git.timeouts.commit)
        guard out.succeeded else {
            if addedHere { await unstage(path, headExists: head.commit != nil) }
            // The file matched HEAD after all (say, its staged copy differed but not its content).
            let all = out.text + out.stderr
            if all.contains("nothing to commit") || all.contains("no changes added to commit") {
                return .nothingToCommit(path: path)
            }
            throw await classifyCommit(out, command: "commit -- \(path)", path: path)
        }
        // What was committed, as git reports it: hooks (prepare-commit-msg, commit-msg) may
        // have changed the message passed in.
        let hash: String, shortHash: String, subject: String
        if let summary = Self.parseSummary(out.text) {
            (shortHash, subject) = summary
            hash = try await resolvedHead(startingWith: shortHash)
        } else {
            (hash, shortHash, subject) = try await headCommitSummary()
        }
        var warnings: [GitWarning] = []
        if head.branch == nil { warnings.append(.detachedHead(at: head.commit ?? hash)) }
        return .committed(Commit(hash: hash, shortHash: shortHash, subject: subject,
                                 branch: head.branch, warnings: warnings, output: out.stderr))
    }

    /// Paths whose index entry differs from HEAD (staged changes); nil without a HEAD commit.
    func stagedPaths() async throws(GitError) -> [String]? {
        let out = try await run(["diff-index", "--cached", "--name-only", "-z", "HEAD", "--"], timeout: git.timeouts.query, readOnly: true)
        guard out.succeeded else { return nil }
        return out.stdout.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    /// git's own line naming the rule that ignores the path: `.gitignore:2:HANDOFF.md	HANDOFF.md`.
    private func ignoreRule(_ path: String) async -> String {
        let out = try? await run(["check-ignore", "-v", "--", path], timeout: git.timeouts.query, readOnly: true, literalPathspecs: false)
        return out?.text.trimmedLines ?? ""
    }

    /// `[main 1a2b3c4] subject` (also `[main (root-commit) …]`, `[detached HEAD …]`): the
    /// short hash and the subject as git stored it.
    /// nil when git printed something else (then `headCommitSummary` asks).
    static func parseSummary(_ stdout: String) -> (shortHash: String, subject: String)? {
        guard stdout.hasPrefix("["), let close = stdout.firstRange(of: "] ") else { return nil }
        let inside = stdout[stdout.index(after: stdout.startIndex)..<close.lowerBound]
        let hash = inside.split(separator: " ").last.map(String.init)
        let subject = stdout[close.upperBound...].prefix { $0 != "\n" }
        guard let hash, !hash.isEmpty, hash.allSatisfy(\.isHexDigit) else { return nil }
        return (hash, String(subject))
    }

    /// HEAD's hash, short hash and subject, from git.
    private func headCommitSummary() async throws(GitError) -> (hash: String, shortHash: String, subject: String) {
        let out = try await run(["log", "-1", "--format=%H%x00%h%x00%s", "HEAD"], timeout: git.timeouts.query, readOnly: true)
        let fields = out.text.trimmedLines.split(separator: "\0", omittingEmptySubsequences: false).map(String.init)
        guard out.succeeded, fields.count == 3 else {
            throw GitError.failed(command: "log -1 HEAD", status: out.status, stderr: out.stderr)
        }
        return (fields[0], fields[1], fields[2])
    }

    /// HEAD's full commit id: read from the ref files when they hold it, else from git.
    private func resolvedHead(startingWith short: String?) async throws(GitError) -> String {
        if let id = readHeadCommit(), short.map({ id.hasPrefix($0) }) ?? true { return id }
        let out = try await run(["rev-parse", "--verify", "HEAD"], timeout: git.timeouts.query, readOnly: true)
        guard out.succeeded else { throw GitError.failed(command: "rev-parse HEAD", status: out.status, stderr: out.stderr) }
        return out.text.trimmedLines
    }

    /// The branch (or, detached, the commit) from the HEAD file: no process needed.
    func readHead() -> Head {
        guard let text = readSmallFile(join(gitDirectory, "HEAD")) else { return Head(branch: nil, commit: nil) }
        if text.hasPrefix("ref: ") {
            let ref = String(text.dropFirst(5))
            return Head(branch: ref.hasPrefix("refs/heads/") ? String(ref.dropFirst(11)) : ref, commit: readHeadCommit())
        }
        return Head(branch: nil, commit: text)
    }

    /// The commit HEAD points at, from a loose ref or packed-refs; nil if neither has it.
    func readHeadCommit() -> String? {
        guard let text = readSmallFile(join(gitDirectory, "HEAD")) else { return nil }
        guard text.hasPrefix("ref: ") else { return text }
        let ref = String(text.dropFirst(5))
        let common = commonDirectory()
        if let id = readSmallFile(join(common, ref)), id.count >= 40, id.allSatisfy(\.isHexDigit) { return id }
        if let packed = readSmallFile(join(common, "packed-refs"), limit: 1 << 24) {
            for line in packed.split(separator: "\n") where line.hasSuffix(" " + ref) {
                return String(line.prefix { $0 != " " })
            }
        }
        return nil
    }

    /// The main repository's git folder: a linked work tree keeps its refs there.
    func commonDirectory() -> String {
        guard let rel = readSmallFile(join(gitDirectory, "commondir")) else { return gitDirectory }
        return rel.hasPrefix("/") ? rel : join(gitDirectory, rel)
    }

    /// Pushes the current branch: to its upstream when it has one, else to `origin` (or the
    /// only remote) with `--set-upstream`; with no remote git explains what to configure.
    public func push() async throws(GitError) -> PushResult {
        let (head, _) = try await statusAndHead(path: nil)
        var args = ["push"]
        let upstream = try await run(["rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}"],
                                     timeout: git.timeouts.query, readOnly: true)
        if !upstream.succeeded, let branch = head.branch {
            let remotes = try await run(["remote"], timeout: git.timeouts.query, readOnly: true)
            let names = remotes.text.split(separator: "\n").map(String.init)
            if let remote = names.contains("origin") ? "origin" : names.first {
                args += ["--set-upstream", remote, "refs/heads/\(branch)"]
            }
        }
        let out = try await run(args, timeout: git.timeouts.push)
        guard out.succeeded else { throw classify(out, command: args.joined(separator: " "), path: nil) }
        return PushResult(output: (out.text + out.stderr).trimmedLines)
    }

    // MARK: - Internals

    func run(_ args: [String], timeout: Int, readOnly: Bool = false, literalPathspecs: Bool = true,
             outputLimit: Int = 4 << 20) async throws(GitError) -> Git.Output {
        try await git.run(args, in: root, timeout: timeout, readOnly: readOnly, literalPathspecs: literalPathspecs,
                          outputLimit: outputLimit)
    }

    /// Puts the index entry back as HEAD has it (or drops it on an unborn branch).
    private func unstage(_ path: String, headExists: Bool) async {
        let args = headExists ? ["reset", "-q", "--", path] : ["rm", "--cached", "-q", "--", path]
        _ = try? await run(args, timeout: git.timeouts.update)
    }

    /// Turns a failed git into the error that names what happened, keeping git's words.
    func classify(_ out: Git.Output, command: String, path: String?) -> GitError {
        let err = out.stderr
        if Git.isNotARepository(err) { return .notARepository(err.trimmedLines) }
        if err.contains("index.lock"), err.contains("File exists") {
            return .indexLocked(path: quoted(in: err, endingWith: "index.lock") ?? join(gitDirectory, "index.lock"), message: err)
        }
        if err.contains("paths are ignored by one of your .gitignore files"), let path {
            return .ignored(path: path, message: err.trimmedLines)
        }
        if err.contains("cannot do a partial commit during a merge") || err.contains("You have not concluded your merge") {
            return .operationInProgress(kind: .merge, message: err)
        }
        if err.contains("cannot do a partial commit during a cherry-pick") { return .operationInProgress(kind: .cherryPick, message: err) }
        if err.contains("cannot do a partial commit during a rebase") { return .operationInProgress(kind: .rebase, message: err) }
        return .failed(command: command, status: out.status, stderr: err.isEmpty ? out.text : err)
    }

    /// `classify`, plus what only a commit can hit: signing and hooks.
    func classifyCommit(_ out: Git.Output, command: String, path: String) async -> GitError {
        let general = classify(out, command: command, path: path)
        guard case .failed = general else { return general }
        let err = out.stderr
        if err.contains("failed to sign") || err.contains("gpg failed") || err.contains("signing failed") {
            return .signingFailed(err)
        }
        // ssh signing fails in words of its own ("Couldn't load public key", "No private key
        // found", "cannot run ssh-keygen"), each followed by this line; asked on failure only.
        if err.contains("failed to write commit object"), await signingConfigured() {
            return .signingFailed(err)
        }
        // A rejecting hook makes git exit 1 without a word of its own: if commit hooks are
        // installed and git printed no "fatal:", the output is the hooks'.
        let hooks = await installedCommitHooks()
        if !hooks.isEmpty, !err.split(separator: "\n").contains(where: { $0.hasPrefix("fatal:") }) {
            return .hookRejected(hook: hooks.joined(separator: " or "), output: out.text + err)
        }
        return general
    }

    /// Whether commits are signed (`commit.gpgsign`).
    private func signingConfigured() async -> Bool {
        let out = try? await run(["config", "--type=bool", "--get", "commit.gpgsign"], timeout: git.timeouts.query, readOnly: true)
        return out?.text.trimmedLines == "true"
    }

    /// The commit hooks that would run. `--git-path hooks` resolves core.hooksPath and linked
    /// work trees as git does; this costs a process on the failure path only.
    private func installedCommitHooks() async -> [String] {
        guard let out = try? await run(["rev-parse", "--git-path", "hooks"], timeout: git.timeouts.query, readOnly: true),
              out.succeeded else { return [] }
        let dir = join(root, out.text.trimmedLines)
        return ["pre-commit", "prepare-commit-msg", "commit-msg"].filter { isExecutableFile(join(dir, $0)) }
    }

    private func quoted(in text: String, endingWith suffix: String) -> String? {
        for part in text.split(separator: "'") where part.hasSuffix(suffix) { return String(part) }
        return nil
    }
}

func join(_ a: String, _ b: String) -> String {
    if b.hasPrefix("/") { return b }
    return a.hasSuffix("/") ? a + b : a + "/" + b
}

/// An operation's outcome as a value, so two can run side by side with `async let`.
func capture<T: Sendable>(_ operation: () async throws(GitError) -> T) async -> Result<T, GitError> {
    do throws(GitError) { return .success(try await operation()) } catch { return .failure(error) }
}
