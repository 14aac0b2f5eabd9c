/// The checked-out branch and commit.
public struct Head: Sendable, Equatable {
    /// The branch name (`main`, `feature/x`); nil when HEAD is detached.
    public let branch: String?
    /// The commit HEAD points at; nil on a branch with no commits yet.
    public let commit: String?

    public init(branch: String?, commit: String?) {
        self.branch = branch
        self.commit = commit
    }

    public var isDetached: Bool { branch == nil }
}

/// One file's state, from `git status`.
public enum FileState: Sendable, Equatable {
    /// Tracked, and the same in HEAD, the index and the work tree.
    case unchanged
    /// Tracked and changed: git's two status letters (index, work tree), `.` for unchanged.
    case changed(index: Character, workTree: Character)
    /// Not known to git and not ignored.
    case untracked
    /// Not known to git, and matched by an ignore rule.
    case ignored
    /// Unmerged: conflict markers may be in it.
    case conflicted
    /// Neither in the work tree nor known to git.
    case absent
}

/// One commit in a file's history.
public struct LogEntry: Sendable, Equatable {
    public let hash: String
    public let shortHash: String
    public let author: String
    /// Strict ISO 8601 author date.
    public let date: String
    public let subject: String
}

/// Something the user should hear about a commit that still went through.
public enum GitWarning: Sendable, Equatable {
    /// HEAD was detached: the commit is on no branch and is easy to lose.
    case detachedHead(at: String)

    public var message: String {
        switch self {
        case .detachedHead(let at):
            "HEAD is detached (at \(at.prefix(7))): the commit is on no branch; "
                + "`git switch -c NAME` keeps it"
        }
    }
}

/// A commit that was made.
public struct Commit: Sendable, Equatable {
    public let hash: String
    public let shortHash: String
    public let subject: String
    /// The branch it went on; nil for a detached HEAD.
    public let branch: String?
    public let warnings: [GitWarning]
    /// What git and the hooks printed on stderr (hook warnings the user may want to see).
    public let output: String
}

public enum CommitOutcome: Sendable, Equatable {
    case committed(Commit)
    /// The file is the same as in HEAD: there is nothing to commit, which is not a failure.
    case nothingToCommit(path: String)
}

public struct PushResult: Sendable, Equatable {
    /// git's report of what was pushed where.
    public let output: String
}
