#if canImport(Glibc)
import Glibc
#endif

/// "Read by NAME at TIME": who has read which version of the handoff, kept as git notes on
/// the handoff's commits under a ref of their own, so the file, HEAD and the branch's
/// history stay untouched.
public struct Acknowledgement: Sendable, Equatable {
    public let name: String
    public let email: String
    /// UTC, ISO 8601 (`2026-12-07T10:04:00Z`).
    public let date: String

    /// A note line: `read by Alice Liu <alice@example.com> at 2026-12-07T10:04:00Z`.
    var noteLine: String { "read by \(name) <\(email)> at \(date)" }

    init(name: String, email: String, date: String) {
        self.name = name
        self.email = email
        self.date = date
    }

    init?(noteLine line: Substring) {
        // "read by " NAME " <" EMAIL "> at " DATE; the date has no spaces.
        guard line.hasPrefix("read by "), let space = line.lastIndex(of: " ") else { return nil }
        let head = line[..<space]
        guard head.hasSuffix("> at"), let open = head.lastIndex(of: "<") else { return nil }
        let nameEnd = line.index(before: open)
        guard nameEnd > line.index(line.startIndex, offsetBy: 8) else { return nil }
        name = String(line[line.index(line.startIndex, offsetBy: 8)..<nameEnd])
        email = String(line[line.index(after: open)..<line.index(head.endIndex, offsetBy: -4)])
        date = String(line[line.index(after: space)...])
    }

    /// Every acknowledgement in a note's text (other lines are ignored).
    static func parse(note: some StringProtocol) -> [Acknowledgement] {
        note.split(separator: "\n").compactMap { Acknowledgement(noteLine: Substring($0)) }
    }
}

extension GitRepository {
    /// The notes ref the acknowledgements live under.
    public static let acknowledgementsRef = "refs/notes/handoff-ack"

    /// Records that the configured user (git's committer identity: user.name, user.email)
    /// has read `commit`. A second acknowledgement by the same e-mail adds nothing.
    public func acknowledge(_ commit: String) async throws(GitError) -> (acknowledgement: Acknowledgement, new: Bool) {
        let ident = try await run(["var", "GIT_COMMITTER_IDENT"], timeout: git.timeouts.query, readOnly: true)
        guard ident.succeeded, let me = Self.identity(ident.text) else {
            throw GitError.failed(command: "var GIT_COMMITTER_IDENT", status: ident.status, stderr: ident.stderr)
        }
        if let earlier = try await acknowledgements(of: commit).first(where: { $0.email == me.email }) {
            return (earlier, false)
        }
        let out = try await run(["notes", "--ref=\(Self.acknowledgementsRef)", "append", "-m", me.noteLine, commit],
                                timeout: git.timeouts.update)
        guard out.succeeded else { throw classify(out, command: "notes append \(commit)", path: nil) }
        return (me, true)
    }

    /// Who has read `commit`, in the order they did.
    public func acknowledgements(of commit: String) async throws(GitError) -> [Acknowledgement] {
        let out = try await run(["notes", "--ref=\(Self.acknowledgementsRef)", "show", commit],
                                timeout: git.timeouts.query, readOnly: true)
        return out.succeeded ? Acknowledgement.parse(note: out.text) : []
    }

    /// Brings the remote's acknowledgements in (merged line by line: git's `cat_sort_uniq`),
    /// then pushes the ref, so that teammates' and ours meet. The remote is the branch's
    /// upstream remote, else `origin`, else the only one.
    public func pushAcknowledgements() async throws(GitError) -> PushResult {
        let ref = Self.acknowledgementsRef
        let remote = try await defaultRemote()
        let theirs = ref + "-remote"
        let fetched = try await run(["fetch", "-q", remote, "+\(ref):\(theirs)"], timeout: git.timeouts.push)
        if fetched.succeeded {
            let hasOurs = try await run(["rev-parse", "--verify", "--quiet", ref], timeout: git.timeouts.query, readOnly: true).succeeded
            let merge = hasOurs
                ? try await run(["notes", "--ref=\(ref)", "merge", "-q", "-s", "cat_sort_uniq", theirs], timeout: git.timeouts.update)
                : try await run(["update-ref", ref, theirs], timeout: git.timeouts.update)
            guard merge.succeeded else { throw classify(merge, command: "notes merge \(theirs)", path: nil) }
        } else if !fetched.stderr.contains("couldn't find remote ref") {
            throw classify(fetched, command: "fetch \(remote) \(ref)", path: nil)
        }
        let out = try await run(["push", remote, "\(ref):\(ref)"], timeout: git.timeouts.push)
        guard out.succeeded else { throw classify(out, command: "push \(remote) \(ref)", path: nil) }
        return PushResult(output: (out.text + out.stderr).trimmedLines)
    }

    /// Whether any acknowledgement was recorded here.
    public func hasAcknowledgements() async -> Bool {
        (try? await run(["rev-parse", "--verify", "--quiet", Self.acknowledgementsRef], timeout: git.timeouts.query, readOnly: true))?.succeeded ?? false
    }

    func defaultRemote() async throws(GitError) -> String {
        let upstream = try await run(["rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}"],
                                     timeout: git.timeouts.query, readOnly: true)
        if upstream.succeeded, let slash = upstream.text.firstIndex(of: "/") { return String(upstream.text[..<slash]) }
        let remotes = try await run(["remote"], timeout: git.timeouts.query, readOnly: true).text.split(separator: "\n").map(String.init)
        guard let remote = remotes.contains("origin") ? "origin" : remotes.first else {
            throw GitError.failed(command: "push", status: 128, stderr: "fatal: no remote to push to (add one with `git remote add origin URL`)")
        }
        return remote
    }

    /// `Name <email> 1796637460 +0000` as an acknowledgement at that time (UTC).
    static func identity(_ ident: String) -> Acknowledgement? {
        let line = ident.trimmedLines
        guard let open = line.firstIndex(of: "<"), let close = line.lastIndex(of: ">"), open < close else { return nil }
        let name = line[..<open].trimmingSpaces
        let email = String(line[line.index(after: open)..<close])
        let rest = line[line.index(after: close)...].split(separator: " ")
        guard let seconds = rest.first.flatMap({ Int($0) }) else { return nil }
        var t = time_t(seconds)
        var parts = tm()
        gmtime_r(&t, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let date = "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
        return Acknowledgement(name: name, email: email, date: date)
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
