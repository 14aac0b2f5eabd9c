import Foundation
import TestSupport
import Testing

/// `handoff-tui commit`, run as a user would, against real git in temporary repositories.
@Suite("commit", .endToEnd)
struct CommitCommandTests {
    /// git for setup and inspection, with its output.
    @discardableResult
    func git(_ s: Scratch, _ args: String..., allowFailure: Bool = false) throws -> String {
        try runGit(args, in: s.url, allowFailure: allowFailure)
    }

    /// Keeps the tests off any repository above the temporary folder.
    var env: [String: String] { ["GIT_CEILING_DIRECTORIES": FileManager.default.temporaryDirectory.path] }

    func commitCount(_ s: Scratch) throws -> Int {
        Int(try git(s, "rev-list", "--count", "HEAD", allowFailure: true).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    @Test("commits the handoff alone with the generated message, then has nothing to commit")
    func commits() throws {
        let s = try Scratch(git: true)
        try s.write("HANDOFF.md", sampleHandoff)
        try s.write("other.txt", "staged\n")
        try git(s, "add", "other.txt")
        try s.write("loose.txt", "untracked\n")

        let r = try s.run("commit", env: env)
        #expect(r.status == 0, "\(r.stderr)")
        let subject = "session: Refactor session refresh in src/auth/sessions.ts:42-60"
        #expect(r.out.range(of: #"^\[[0-9a-f]{7,}\] "#, options: .regularExpression) != nil)
        #expect(r.out.hasSuffix("] \(subject)\n"))
        let message = try git(s, "log", "-1", "--format=%B")
        #expect(message == """
            \(subject)

            Completed: Login form posts to /api/session (src/auth/login.ts:12); Unit
            tests for the token cache.

            In progress: Refactor session refresh in src/auth/sessions.ts:42-60.

            Blocked: Staging deploy: waiting on the DB credentials from ops.

            Next: Finish the refresh refactor; Run the e2e suite.


            """)
        #expect(try git(s, "show", "--format=", "--name-only", "HEAD") == "HANDOFF.md\n")
        #expect(try git(s, "status", "--porcelain") == "A  other.txt\n?? loose.txt\n")

        let again = try s.run("commit", env: env)
        #expect(again.status == 0)
        #expect(again.out == "nothing to commit: HANDOFF.md is unchanged since HEAD\n")
        #expect(try commitCount(s) == 1)
    }

    @Test("-m replaces the subject; --dry-run prints the message and commits nothing")
    func subjectAndDryRun() throws {
        let s = try Scratch(git: true)
        try s.write("notes/h.md", sampleHandoff)
        let dry = try s.run("commit", "notes/h.md", "--dry-run", "-m", "docs: hand over", env: env)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.out.hasPrefix("would add and commit notes/h.md (new file) on main\n\ndocs: hand over\n\nCompleted: "))
        #expect(try commitCount(s) == 0)
        let r = try s.run("commit", "notes/h.md", "-m", "docs: hand over", env: env, in: "notes")
        #expect(r.status != 0, "notes/notes/h.md does not exist")
        let ok = try s.run("commit", "h.md", "-m", "docs: hand over", env: env, in: "notes")
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(try git(s, "log", "-1", "--format=%s") == "docs: hand over\n")
    }

    @Test("secrets stop the commit with their lines, redacted; --allow-secrets commits")
    func secrets() throws {
        let s = try Scratch(git: true)
        try s.write("HANDOFF.md", sampleHandoff + "- deploy with DB_PASSWORD=hunter2! and ghp_aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5\n")
        let r = try s.run("commit", env: env)
        #expect(r.status == 3)
        #expect(r.stderr.contains("nothing was committed"))
        #expect(r.stderr.contains("HANDOFF.md:23:27: credential assignment: DB_PASSWORD=hunt…"))
        #expect(r.stderr.contains("HANDOFF.md:23:40: GitHub token: ghp_…"))
        #expect(!r.stderr.contains("hunter2") && !r.out.contains("hunter2"))
        #expect(r.stderr.contains("--allow-secrets"))
        #expect(try commitCount(s) == 0)
        #expect(try git(s, "status", "--porcelain") == "?? HANDOFF.md\n")

        let allowed = try s.run("commit", "--allow-secrets", env: env)
        #expect(allowed.status == 0)
        #expect(allowed.stderr.contains("warning: 2 likely secrets committed"))
        #expect(try commitCount(s) == 1)
    }

    @Test("outside a repository: status 4 with git's words")
    func notARepository() throws {
        let s = try Scratch()
        try s.write("HANDOFF.md", sampleHandoff)
        let r = try s.run("commit", env: env)
        #expect(r.status == 4)
        #expect(r.stderr.contains("fatal: not a git repository"))
    }

    @Test("git not installed: status 69")
    func gitNotInstalled() throws {
        let s = try Scratch(git: true)
        try s.write("HANDOFF.md", sampleHandoff)
        let r = try s.run("commit", env: ["PATH": s.path("no-bin").path])
        #expect(r.status == 69)
        #expect(r.stderr.contains("git is not installed"))
    }

    @Test("a rejecting hook: status 5, its output shown, nothing committed")
    func hookRejects() throws {
        let s = try Scratch(git: true)
        let hook = s.path(".git/hooks/pre-commit")
        try s.write(".git/hooks/pre-commit", "#!/bin/sh\necho 'markdownlint: MD012 multiple blank lines' >&2\nexit 1\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)
        try s.write("HANDOFF.md", sampleHandoff)
        let r = try s.run("commit", env: env)
        #expect(r.status == 5)
        #expect(r.stderr.contains("the pre-commit hook rejected the commit"))
        #expect(r.stderr.contains("markdownlint: MD012 multiple blank lines"))
        #expect(try commitCount(s) == 0)
        #expect(try git(s, "status", "--porcelain") == "?? HANDOFF.md\n")
    }

    @Test("a detached HEAD commits with a warning")
    func detached() throws {
        let s = try Scratch(git: true)
        try s.write("HANDOFF.md", sampleHandoff)
        #expect(try s.run("commit", env: env).status == 0)
        try git(s, "checkout", "-q", "--detach")
        try s.write("HANDOFF.md", sampleHandoff + "- more\n")
        let r = try s.run("commit", env: env)
        #expect(r.status == 0)
        #expect(r.stderr.contains("warning: HEAD is detached"))
        #expect(try commitCount(s) == 2)
    }

    @Test("--push pushes to the remote; with no remote the commit stays and the status is 6")
    func push() throws {
        let s = try Scratch(git: true)
        let remote = s.path("remote.git")
        try git(s, "init", "-q", "--bare", remote.path)
        try git(s, "remote", "add", "origin", remote.path)
        try s.write(".gitignore", "remote.git/\n")
        try s.write("HANDOFF.md", sampleHandoff)
        let r = try s.run("commit", "--push", env: env)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try git(s, "--git-dir", remote.path, "log", "-1", "--format=%s", "main").hasPrefix("session: "))

        try git(s, "remote", "remove", "origin")
        try s.write("HANDOFF.md", sampleHandoff + "- after\n")
        let failed = try s.run("commit", "--push", env: env)
        #expect(failed.status == 6)
        #expect(failed.out.hasPrefix("["), "the commit is reported")
        #expect(failed.stderr.contains("push failed (the commit"))
        #expect(failed.stderr.contains("No configured push destination"))
        #expect(try commitCount(s) == 2)
    }

    @Test("an ignored handoff, and an index.lock left behind: status 5 with git's words")
    func refusals() throws {
        let s = try Scratch(git: true)
        try s.write(".gitignore", "HANDOFF.md\n")
        try s.write("HANDOFF.md", sampleHandoff)
        let ignored = try s.run("commit", env: env)
        #expect(ignored.status == 5)
        #expect(ignored.stderr.contains("HANDOFF.md is ignored by git"))
        #expect(ignored.stderr.contains(".gitignore:1:HANDOFF.md"))

        try s.write(".gitignore", "")
        try s.write(".git/index.lock", "")
        let locked = try s.run("commit", env: env)
        #expect(locked.status == 5)
        #expect(locked.stderr.contains("index.lock': File exists"))
    }
}
