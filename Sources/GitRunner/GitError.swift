/// Everything that can go wrong when the product asks git for something. Each case keeps
/// git's own words (its stderr, or a hook's output) so that nothing is lost on the way to
/// the user; `message` is what to show.
public enum GitError: Error, Sendable, Equatable {
    /// The folder is not inside a git work tree (git's "fatal: not a git repository …").
    case notARepository(String)
    /// No git executable could be started (not on PATH, or the configured path is wrong).
    case gitNotInstalled(String)
    /// A hook (pre-commit, commit-msg, prepare-commit-msg) exited non-zero: `output` is
    /// everything the hook and git printed.
    case hookRejected(hook: String, output: String)
    /// Signing the commit failed (gpg, ssh or x509): git's message.
    case signingFailed(String)
    /// `commit.template` names a file that cannot be read (`path` as git resolves it,
    /// `reason` the system's words). git itself refuses to commit then.
    case templateUnreadable(path: String, reason: String)
    /// A merge, rebase, cherry-pick, revert or `git am` is under way: committing one file
    /// now would tangle the handoff into it.
    case operationInProgress(kind: Operation, message: String)
    /// `index.lock` exists: another git is running, or one crashed and left it behind.
    case indexLocked(path: String, message: String)
    /// The file is untracked and matched by an ignore rule; `message` is git's
    /// `check-ignore -v` line naming the rule.
    case ignored(path: String, message: String)
    /// git did not finish in time and was ended.
    case timedOut(command: String, seconds: Int)
    /// Any other failure: the command (without the `git` prefix), its exit status and stderr.
    case failed(command: String, status: Int32, stderr: String)
    /// A revision names no commit (a typo, a branch not fetched, a shallow clone's cut).
    case badRevision(String)
    /// The repository has no commits yet, so it has no history to read.
    case noCommits

    /// The operations that leave a repository mid-way.
    public enum Operation: String, Sendable, Equatable {
        case merge, rebase, cherryPick = "cherry-pick", revert, am = "am"
    }

    /// One or more lines for the user, carrying git's own output.
    public var message: String {
        switch self {
        case .notARepository(let m):
            return m.isEmpty ? "not a git repository" : m
        case .gitNotInstalled(let m):
            return "git is not installed or could not be started: \(m)"
        case .hookRejected(let hook, let output):
            let out = output.trimmedLines
            return "the \(hook) hook rejected the commit" + (out.isEmpty ? " (it printed nothing)" : ":\n\(out)")
        case .signingFailed(let m):
            return "signing the commit failed:\n\(m.trimmedLines)"
        case .templateUnreadable(let path, let reason):
            return "could not read the commit template '\(path)' (git config commit.template): \(reason); "
                + "fix or unset commit.template (git itself refuses to commit until then)"
        case .operationInProgress(let kind, let m):
            return "a \(kind.rawValue) is in progress; finish or abort it first" + (m.isEmpty ? "" : ":\n\(m.trimmedLines)")
        case .indexLocked(let path, let m):
            return "\(path) exists: another git process is running, or one crashed and left it behind "
                + "(remove it if no git is running)" + (m.isEmpty ? "" : ":\n\(m.trimmedLines)")
        case .ignored(let path, let m):
            return "\(path) is ignored by git, so it cannot be committed" + (m.isEmpty ? "" : " (\(m.trimmedLines))")
        case .timedOut(let command, let seconds):
            return "`git \(command)` did not finish within \(seconds) s and was stopped"
        case .failed(let command, let status, let stderr):
            let err = stderr.trimmedLines
            return "`git \(command)` failed (exit status \(status))" + (err.isEmpty ? "" : ":\n\(err)")
        case .badRevision(let revision):
            return "'\(revision)' names no commit in this repository"
        case .noCommits:
            return "the repository has no commits yet"
        }
    }
}

extension String {
    /// Without trailing newlines and spaces, so messages join cleanly.
    var trimmedLines: String {
        var s = Substring(self)
        while let l = s.last, l == "\n" || l == " " || l == "\r" || l == "\t" { s.removeLast() }
        while let f = s.first, f == "\n" || f == "\r" { s.removeFirst() }
        return String(s)
    }
}
