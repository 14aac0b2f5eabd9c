/// Committing a handoff, as the editor's Ctrl-G dialog and `handoff-tui commit` both do it:
/// find the work tree, commit that one file with the confirmed message, optionally push.
/// The caller has already saved the file, generated the message (`CommitMessage` in
/// HandoffCore) and cleared the secret scan; nothing here prints.
public enum HandoffCommit {
    /// What happened: the commit (or that there was nothing to commit), and the push's
    /// outcome when one was asked for. A failed push does not undo the commit.
    public struct Result: Sendable, Equatable {
        public let outcome: CommitOutcome
        /// The file as the caller named it.
        public let file: String
        public let push: Swift.Result<PushResult, GitError>?

        /// One line for the status bar: `[abc1234] session: …`, or that there was nothing to commit.
        public var statusLine: String {
            switch outcome {
            case .committed(let c): "[\(c.shortHash)] \(c.subject)"
            case .nothingToCommit: "nothing to commit: \(file) is unchanged since HEAD"
            }
        }
    }

    /// Commits `file` (a path relative to the current folder, or absolute) with `message`.
    /// Throws when nothing was committed; a push failure comes back in `Result.push`.
    public static func commit(file: String, message: String, push: Bool = false, git: Git = Git()) async throws(GitError) -> Result {
        try await prepare(file: file, git: git).commit(message: message, push: push)
    }

    /// The read-only half of a commit: the work tree, the file's path in it, HEAD and what
    /// else is staged. Start it while the message is being written (or the dialog is open),
    /// then call `commit` on the result.
    /// The configured commit template is read here too (`conventions`); a template that
    /// cannot be read is only an error once the caller asks for its text.
    public static func prepare(file: String, git: Git = Git()) async throws(GitError) -> Prepared {
        let (repository, path) = try await GitRepository.open(forFile: file, git: git)
        // All three only read: side by side.
        async let conventions = capture { () async throws(GitError) in try await repository.commitConventions() }
        let plan = try await repository.plan(for: path)
        return Prepared(repository: repository, path: path, file: file, state: plan.state, staged: plan.staged,
                        conventions: try await conventions.get())
    }

    public struct Prepared: Sendable {
        public let repository: GitRepository
        /// The file's path relative to the work-tree root.
        public let path: String
        let file: String
        /// The file's state when prepared: `.unchanged` means there will be nothing to commit.
        public let state: FileState
        let staged: [String]?
        /// `commit.template` and the comment prefix: the caller puts the template after the
        /// generated message and removes its comment lines before `commit(message:)`.
        public let conventions: CommitConventions

        /// The checked-out branch (nil when detached), read from the git folder.
        public var head: Head { repository.readHead() }

        /// Whether changes to other files are staged (they stay staged, uncommitted).
        public var othersStaged: Bool { staged.map { $0.contains { $0 != path } } ?? false }

        public func commit(message: String, push: Bool = false) async throws(GitError) -> Result {
            let outcome = try await repository.commit(path, message: message, state: state, staged: staged)
            var pushed: Swift.Result<PushResult, GitError>? = nil
            if push {
                do throws(GitError) {
                    var result = try await repository.push()
                    // Acknowledgements recorded here (`ack`) go along with the branch.
                    if await repository.hasAcknowledgements() {
                        let notes = try await repository.pushAcknowledgements()
                        result = PushResult(output: [result.output, notes.output].filter { !$0.isEmpty }.joined(separator: "\n"))
                    }
                    pushed = .success(result)
                } catch { pushed = .failure(error) }
            }
            return Result(outcome: outcome, file: file, push: pushed)
        }
    }

    /// What `commit` would do, without doing it: the repository-relative path, its state and HEAD.
    public static func preview(file: String, git: Git = Git()) async throws(GitError) -> (path: String, state: FileState, head: Head) {
        let (repository, path) = try await GitRepository.open(forFile: file, git: git)
        let (head, state) = try await repository.statusAndHead(path: path)
        return (path, state, head)
    }
}
