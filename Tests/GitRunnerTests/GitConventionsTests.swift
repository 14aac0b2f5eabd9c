import Foundation
import GitRunner
import HandoffCore
import Testing

/// git's own conventions at commit time, against real git: the commit template, hooks that
/// change the message (also from core.hooksPath), and signing.
@Suite("GitRunner: git's conventions")
struct GitConventionsTests {
    func prepare(_ repo: TestRepository, git: Git? = nil) async throws -> HandoffCommit.Prepared {
        try await HandoffCommit.prepare(file: repo.url.appendingPathComponent("HANDOFF.md").path, git: git ?? repo.git)
    }

    func committed(_ outcome: CommitOutcome) -> Commit? {
        if case .committed(let c) = outcome { return c }
        return nil
    }

    @Test("commit.template: a relative path is the work tree's, ~/ is HOME; comment prefix as configured")
    func templateConfiguration() async throws {
        let repo = try TestRepository(commitFiles: ["HANDOFF.md": handoffText])
        try repo.write("HANDOFF.md", handoffText + "- more\n")
        // Unset: no template, `#` comments.
        var c = try await prepare(repo).conventions
        #expect(c.templatePath == nil)
        #expect(try c.templateText() == nil)
        #expect(c.commentPrefix == "#")

        // Relative: to the work-tree root, wherever the handoff is.
        try repo.write(".gitmessage", "Refs: \n# say which\n")
        try repo.sh("config", "commit.template", ".gitmessage")
        try repo.sh("config", "core.commentChar", ";")
        try repo.write("docs/HANDOFF.md", handoffText)
        let fromSub = try await HandoffCommit.prepare(file: repo.url.appendingPathComponent("docs/HANDOFF.md").path, git: repo.git)
        c = fromSub.conventions
        #expect(c.templatePath.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
                == repo.url.appendingPathComponent(".gitmessage").resolvingSymlinksInPath().path)
        #expect(try c.templateText() == "Refs: \n# say which\n")
        #expect(c.commentPrefix == ";")

        // ~/: git expands it (HOME as git sees it); commentChar auto: no line is a comment.
        let home = repo.url.deletingLastPathComponent().appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        try Data("Ticket: \n".utf8).write(to: home.appendingPathComponent("team.txt"))
        try repo.sh("config", "commit.template", "~/team.txt")
        try repo.sh("config", "core.commentChar", "auto")
        var withHome = repo.git
        withHome.environment["HOME"] = home.path
        c = try await prepare(repo, git: withHome).conventions
        #expect(c.templatePath == home.appendingPathComponent("team.txt").path)
        #expect(try c.templateText() == "Ticket: \n")
        #expect(c.commentPrefix == nil)
    }

    @Test("a template that cannot be read: git's refusal in the error, when its text is asked for")
    func templateUnreadable() async throws {
        let repo = try TestRepository(commitFiles: ["HANDOFF.md": handoffText])
        try repo.write("HANDOFF.md", handoffText + "- more\n")
        try repo.sh("config", "commit.template", "missing.txt")
        let prepared = try await prepare(repo)   // preparing still works: -m needs no template
        do {
            _ = try prepared.conventions.templateText()
            Issue.record("expected templateUnreadable")
        } catch {
            guard case .templateUnreadable(let path, let reason) = error else { Issue.record("got \(error)"); return }
            #expect(path.hasSuffix("/repo/missing.txt"))
            #expect(reason == "No such file or directory")
            #expect(error.message.contains("could not read the commit template"))
        }
        // git itself refuses as well, when it would use the template.
        let ownGit = try repo.run(["-c", "core.editor=true", "commit", "-a"], allowFailure: true)
        #expect(ownGit.status != 0 && ownGit.err.contains("could not read"))
    }

    @Test("hooks change the message: what is reported is what git committed")
    func hooksChangeTheMessage() async throws {
        let repo = try TestRepository(commitFiles: ["HANDOFF.md": handoffText])
        try repo.write("HANDOFF.md", handoffText + "- more\n")
        // prepare-commit-msg appends a trailer; commit-msg rewrites the subject.
        try repo.hook("prepare-commit-msg", "printf '\\nTicket: ABC-42\\n' >> \"$1\"")
        try repo.hook("commit-msg", "sed -i '1s/^session: /ABC-42 session: /' \"$1\"")
        let prepared = try await prepare(repo)
        let result = try await prepared.commit(message: "session: the handoff\n\nNext: ship.\n")
        let c = try #require(committed(result.outcome))
        #expect(c.subject == "ABC-42 session: the handoff")
        #expect(result.statusLine == "[\(c.shortHash)] ABC-42 session: the handoff")
        #expect(try repo.headSubject() == c.subject)
        #expect(try repo.sh("log", "-1", "--format=%H").trimmingCharacters(in: .newlines) == c.hash)
        #expect(try repo.sh("log", "-1", "--format=%B") == "ABC-42 session: the handoff\n\nNext: ship.\n\nTicket: ABC-42\n\n")
    }

    @Test("core.hooksPath: its hooks run, and a rejection there is reported as the hook's")
    func hooksPath() async throws {
        let repo = try TestRepository(commitFiles: ["HANDOFF.md": handoffText])
        try repo.write("HANDOFF.md", handoffText + "- more\n")
        let hooks = repo.url.appendingPathComponent(".githooks/commit-msg")
        try repo.write(".githooks/commit-msg", """
            #!/bin/sh
            grep -q '^Signed-off-by: ' "$1" || { echo 'team hook: a Signed-off-by line is required' >&2; exit 1; }
            sed -i '1s/$/ [checked]/' "$1"

            """)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hooks.path)
        try repo.sh("config", "core.hooksPath", ".githooks")
        let prepared = try await prepare(repo)
        do {
            _ = try await prepared.commit(message: "session: x\n")
            Issue.record("expected hookRejected")
        } catch {
            guard case .hookRejected(let hook, let output) = error else { Issue.record("got \(error)"); return }
            #expect(hook == "commit-msg")
            #expect(output.contains("team hook: a Signed-off-by line is required"))
        }
        #expect(try repo.commitCount() == 1)
        let result = try await prepared.commit(message: "session: x\n\nSigned-off-by: Test Person <test@example.invalid>\n")
        let c = try #require(committed(result.outcome))
        #expect(c.subject == "session: x [checked]")
        #expect(try repo.headSubject() == "session: x [checked]")
    }

    @Test("commit.gpgsign with an ssh key: the commit is signed", .enabled(if: sshKeygen != nil))
    func sshSigning() async throws {
        let repo = try TestRepository(commitFiles: ["HANDOFF.md": handoffText])
        let key = try makeSSHKey(in: repo)
        try repo.sh("config", "gpg.format", "ssh")
        try repo.sh("config", "user.signingkey", key.path + ".pub")
        try repo.sh("config", "commit.gpgsign", "true")
        try repo.write("HANDOFF.md", handoffText + "- more\n")
        let c = try #require(committed(try await prepare(repo).commit(message: "session: signed\n").outcome))
        let object = try repo.sh("cat-file", "-p", c.hash)
        #expect(object.contains("\ngpgsig -----BEGIN SSH SIGNATURE-----\n"))
        // git verifies it against the key.
        let signers = repo.url.deletingLastPathComponent().appendingPathComponent("allowed_signers")
        let pub = try String(contentsOf: URL(fileURLWithPath: key.path + ".pub"), encoding: .utf8)
        try Data("test@example.invalid \(pub)".utf8).write(to: signers)
        let verified = try repo.run(["-c", "gpg.ssh.allowedSignersFile=\(signers.path)", "verify-commit", c.hash])
        #expect(verified.err.contains("Good \"git\" signature for test@example.invalid"))
    }

    @Test("commit.gpgsign with a gpg key: the commit is signed", .enabled(if: gpgPath != nil))
    func gpgSigning() async throws {
        let repo = try TestRepository(commitFiles: ["HANDOFF.md": handoffText])
        // A keyring of the test's own, without a passphrase; its agent is ended afterwards.
        let home = repo.url.deletingLastPathComponent().appendingPathComponent("gnupg")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { _ = try? runTool("/usr/bin/env", ["gpgconf", "--kill", "gpg-agent"], environment: ["GNUPGHOME": home.path]) }
        #expect(try runTool(try #require(gpgPath), ["--batch", "--quiet", "--passphrase", "", "--quick-gen-key",
                                                     "Test Person <test@example.invalid>", "ed25519", "sign", "never"],
                            environment: ["GNUPGHOME": home.path]) == 0)
        repo.extraEnvironment["GNUPGHOME"] = home.path
        try repo.sh("config", "user.signingkey", "test@example.invalid")
        try repo.sh("config", "commit.gpgsign", "true")
        try repo.write("HANDOFF.md", handoffText + "- more\n")
        let c = try #require(committed(try await prepare(repo).commit(message: "session: signed\n").outcome))
        #expect(try repo.sh("cat-file", "-p", c.hash).contains("\ngpgsig -----BEGIN PGP SIGNATURE-----\n"))
        #expect(try repo.sh("log", "-1", "--format=%G? %GS", c.hash) == "G Test Person <test@example.invalid>\n")
    }

    @Test("ssh signing that fails: signingFailed with git's words, nothing committed", .enabled(if: sshKeygen != nil))
    func sshSigningFails() async throws {
        let repo = try TestRepository(commitFiles: ["HANDOFF.md": handoffText])
        let key = try makeSSHKey(in: repo)
        try FileManager.default.removeItem(at: key)   // the public key is left, its private key gone
        try repo.sh("config", "gpg.format", "ssh")
        try repo.sh("config", "user.signingkey", key.path + ".pub")
        try repo.sh("config", "commit.gpgsign", "true")
        try repo.write("HANDOFF.md", handoffText + "- more\n")
        let before = try repo.snapshot()
        let prepared = try await prepare(repo)
        do {
            _ = try await prepared.commit(message: "session: signed\n")
            Issue.record("expected signingFailed")
        } catch {
            guard case .signingFailed(let words) = error else { Issue.record("got \(error)"); return }
            #expect(words.contains("No private key found for public key"))
            #expect(error.message.hasPrefix("signing the commit failed:"))
        }
        #expect(try repo.snapshot() == before)
        #expect(try repo.commitCount() == 1)
        #expect(try repo.sh("status", "--porcelain", "--", "HANDOFF.md") == " M HANDOFF.md\n")
    }
}

/// ssh-keygen, if installed (ssh signing needs it: git runs `ssh-keygen -Y sign`).
let sshKeygen: String? = ["/usr/bin/ssh-keygen", "/usr/local/bin/ssh-keygen", "/opt/homebrew/bin/ssh-keygen"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

/// A new ed25519 key without a passphrase beside the repository; returns the private key's URL.
func makeSSHKey(in repo: TestRepository) throws -> URL {
    let key = repo.url.deletingLastPathComponent().appendingPathComponent("signing-key")
    let p = Process()
    p.executableURL = URL(fileURLWithPath: try #require(sshKeygen))
    p.arguments = ["-q", "-t", "ed25519", "-N", "", "-C", "test", "-f", key.path]
    p.standardOutput = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else { throw SetupError(message: "ssh-keygen failed") }
    return key
}

/// gpg, if installed.
let gpgPath: String? = ["/usr/bin/gpg", "/usr/local/bin/gpg", "/opt/homebrew/bin/gpg"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

/// Runs a tool for setup with extra environment variables; returns its exit status.
@discardableResult
func runTool(_ path: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Int32 {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = arguments
    p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    return p.terminationStatus
}
