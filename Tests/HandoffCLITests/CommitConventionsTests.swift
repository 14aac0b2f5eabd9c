import Foundation
import TestSupport
import Testing

/// `handoff-tui commit` and git's own conventions: the commit template, hooks that change
/// the message (core.hooksPath too), signing. Part of the `commit` suite.
extension CommitCommandTests {
    /// The sample handoff with a Next Steps item that, wrapped at 72 columns the plain way,
    /// puts `#1234` at the start of a body line.
    var handoffWithIssueNumber: String {
        sampleHandoff.replacingOccurrences(of: "2. Run the e2e suite",
                                           with: "2. Run the e2e suite and then merge the #1234 refresh fix after review")
    }

    /// The message `commit` generates for the handoff on disk (its dry run, no template set).
    func generatedMessage(_ s: Scratch) throws -> String {
        let dry = try s.run("commit", "--dry-run", env: env)
        #expect(dry.status == 0, "\(dry.stderr)")
        let parts = dry.out.components(separatedBy: "\n\n")
        return parts.dropFirst().joined(separator: "\n\n")
    }

    @Test("commit.template: its text after the generated message, its comment lines gone, the rest intact")
    func template() throws {
        let s = try Scratch(git: true)
        try s.write("HANDOFF.md", handoffWithIssueNumber)
        let generated = try generatedMessage(s)
        #expect(generated.contains("\nthe #1234 refresh fix after review.\n"), "kept off a line's start:\n\(generated)")
        try s.write(".gitmessage", """
            Ticket: AUTH-7

            # Name the ticket above; keep the trailer below.
            # Lines starting with '#' are left out.
            Reviewed-by: Auth Team <auth@example.com>

            """)
        try git(s, "config", "commit.template", ".gitmessage")
        // Even with git set to strip every comment line, the generated text stays whole.
        try git(s, "config", "commit.cleanup", "strip")
        let expected = generated + "\nTicket: AUTH-7\n\nReviewed-by: Auth Team <auth@example.com>\n"
        let dry = try s.run("commit", "--dry-run", env: env)
        #expect(dry.out.hasSuffix("\n\n" + expected), "the dry run shows what would be committed:\n\(dry.out)")

        let r = try s.run("commit", "HANDOFF.md", env: env, in: nil)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try git(s, "log", "-1", "--format=%B") == expected + "\n")
        #expect(try git(s, "log", "-1", "--format=%(trailers:key=Reviewed-by,valueonly)").hasPrefix("Auth Team <auth@example.com>\n"), "a trailer git recognises")
        #expect(r.out == (try git(s, "log", "-1", "--format=[%h] %s")))
    }

    @Test("-m: no template, as with git commit -m; an unreadable template then does not matter")
    func templateWithSubject() throws {
        let s = try Scratch(git: true)
        try s.write("HANDOFF.md", sampleHandoff)
        try s.write(".gitmessage", "Ticket: \n# say which\n")
        try git(s, "config", "commit.template", ".gitmessage")
        let r = try s.run("commit", "-m", "docs: hand over", env: env)
        #expect(r.status == 0, "\(r.stderr)")
        let message = try git(s, "log", "-1", "--format=%B")
        #expect(message.hasPrefix("docs: hand over\n\nCompleted: "))
        #expect(!message.contains("Ticket"))

        try git(s, "config", "commit.template", "missing.txt")
        try s.write("HANDOFF.md", sampleHandoff + "- more\n")
        let again = try s.run("commit", "-m", "docs: once more", env: env)
        #expect(again.status == 0, "\(again.stderr)")
    }

    @Test("a template that cannot be read: status 5, one clear message, nothing committed")
    func templateUnreadable() throws {
        let s = try Scratch(git: true)
        try s.write("HANDOFF.md", sampleHandoff)
        try git(s, "config", "commit.template", "~/no-such-template.txt")
        let home = s.path("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let r = try s.run("commit", env: env.merging(["HOME": home.path]) { $1 })
        #expect(r.status == 5)
        #expect(r.stderr.hasPrefix("handoff-tui: could not read the commit template '\(home.path)/no-such-template.txt' "
            + "(git config commit.template): No such file or directory"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(r.out.isEmpty)
        #expect(try commitCount(s) == 0)
        #expect(try git(s, "status", "--porcelain") == "?? HANDOFF.md\n", "nothing staged, the handoff as it was")

        // Nothing to commit needs no template: that is still status 0.
        try git(s, "add", "HANDOFF.md")
        try git(s, "commit", "-qm", "by hand")   // -m: git reads no template either
        let nothing = try s.run("commit", env: env.merging(["HOME": home.path]) { $1 })
        #expect(nothing.status == 0, "\(nothing.stderr)")
        #expect(nothing.out == "nothing to commit: HANDOFF.md is unchanged since HEAD\n")
    }

    @Test("hooks in core.hooksPath change the message: the printed subject is the committed one")
    func hooksChangeTheMessage() throws {
        let s = try Scratch(git: true)
        try s.write("HANDOFF.md", sampleHandoff)
        try s.write("hooks/prepare-commit-msg", "#!/bin/sh\nprintf '\\nTicket: AUTH-7\\n' >> \"$1\"\n")
        try s.write("hooks/commit-msg", "#!/bin/sh\nsed -i '1s/^session: /AUTH-7 /' \"$1\"\n")
        for name in ["prepare-commit-msg", "commit-msg"] {
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: s.path("hooks/" + name).path)
        }
        try git(s, "config", "core.hooksPath", "hooks")
        let r = try s.run("commit", env: env)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.out.hasSuffix("] AUTH-7 Refactor session refresh in src/auth/sessions.ts:42-60\n"))
        #expect(r.out == (try git(s, "log", "-1", "--format=[%h] %s")))
        #expect(try git(s, "log", "-1", "--format=%B").hasSuffix("\n\nTicket: AUTH-7\n\n"))
    }

    @Test("commit.gpgsign with an ssh key signs; a key that cannot sign: status 5 with git's words", .enabled(if: sshKeygenPath != nil))
    func signing() throws {
        let s = try Scratch(git: true)
        let key = s.path("keys/id_ed25519")
        try FileManager.default.createDirectory(at: key.deletingLastPathComponent(), withIntermediateDirectories: true)
        #expect(try s.sh(try #require(sshKeygenPath), "-q", "-t", "ed25519", "-N", "", "-C", "test", "-f", key.path) == 0)
        try git(s, "config", "gpg.format", "ssh")
        try git(s, "config", "user.signingkey", key.path + ".pub")
        try git(s, "config", "commit.gpgsign", "true")
        try s.write("HANDOFF.md", sampleHandoff)
        let r = try s.run("commit", env: env)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try git(s, "cat-file", "-p", "HEAD").contains("\ngpgsig -----BEGIN SSH SIGNATURE-----\n"))
        let signers = s.path("keys/allowed_signers")
        try s.write("keys/allowed_signers", "* " + (try String(contentsOf: URL(fileURLWithPath: key.path + ".pub"), encoding: .utf8)))
        #expect(try git(s, "-c", "gpg.ssh.allowedSignersFile=\(signers.path)", "log", "-1", "--format=%G?") == "G\n",
                "a good signature")

        // The private key gone: git cannot sign, and says why.
        try FileManager.default.removeItem(at: key)
        try s.write("HANDOFF.md", sampleHandoff + "- more\n")
        let failed = try s.run("commit", env: env)
        #expect(failed.status == 5)
        #expect(failed.stderr.hasPrefix("handoff-tui: signing the commit failed:\n"), "\(failed.stderr)")
        #expect(failed.stderr.contains("No private key found for public key"))
        #expect(failed.out.isEmpty)
        #expect(try commitCount(s) == 1)
        #expect(try git(s, "status", "--porcelain") == " M HANDOFF.md\n?? keys/\n", "the handoff on disk, uncommitted")
        #expect(try s.text("HANDOFF.md") == sampleHandoff + "- more\n")
    }
}

/// ssh-keygen, if installed: git signs with it (`ssh-keygen -Y sign`) when gpg.format is ssh.
let sshKeygenPath: String? = ["/usr/bin/ssh-keygen", "/usr/local/bin/ssh-keygen", "/opt/homebrew/bin/ssh-keygen"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }
