import Foundation
import TestSupport
import Testing

/// `review`: bad input is one line on stderr and its exit status, before any screen (the
/// tests run without a terminal, so a good review stops at the terminal check, status 2).
@Suite(.endToEnd) struct ReviewCommandTests {
    func commit(_ s: Scratch, _ message: String, author: String = "Alice") throws {
        try runGit(["add", "-A"], in: s.url)
        try runGit(["-c", "user.name=\(author)", "-c", "user.email=\(author.lowercased())@example.com",
                    "commit", "-q", "-m", message], in: s.url)
    }

    func expectOneLine(_ r: CLI.Result, status: Int32, containing text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status == status, "\(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.contains(text), "\(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stdout.isEmpty, sourceLocation: sourceLocation)
    }

    @Test("a good revision gets as far as the terminal check: 2, and nothing written")
    func noTerminal() throws {
        let s = try Scratch(git: true)
        try s.write("HANDOFF.md", sampleHandoff)
        try commit(s, "session: one")
        try runGit(["branch", "alice/auth"], in: s.url)
        for args in [["review"], ["review", "alice/auth"], ["review", "HEAD", "--file", "HANDOFF.md"], ["review", "--working"]] {
            let r = try CLI.run(args, in: s.url)
            expectOneLine(r, status: 2, containing: "terminal")
        }
        #expect(try s.text("HANDOFF.md") == sampleHandoff)
    }

    @Test("a revision that names no commit: 7")
    func badRevision() throws {
        let s = try Scratch(git: true)
        try s.write("HANDOFF.md", sampleHandoff)
        try commit(s, "session: one")
        expectOneLine(try s.run("review", "no-such-branch"), status: 7, containing: "no-such-branch")
        expectOneLine(try s.run("review", "origin/alice/auth"), status: 7, containing: "origin/alice/auth")
    }

    @Test("no commits, or no committed handoff: 66")
    func nothingCommitted() throws {
        let empty = try Scratch(git: true)
        try empty.write("HANDOFF.md", sampleHandoff)
        expectOneLine(try empty.run("review"), status: 66, containing: "no commits")
        let other = try Scratch(git: true)
        try other.write("README.md", "project\n")
        try commit(other, "start")
        expectOneLine(try other.run("review"), status: 66, containing: "no committed handoff")
        // --working needs a working file.
        expectOneLine(try other.run("review", "--working"), status: 66, containing: "no handoff file")
    }

    @Test("a committed handoff that is not UTF-8: 65")
    func notUTF8() throws {
        let s = try Scratch(git: true)
        try s.write("HANDOFF.md", Data([0x23, 0x20, 0xFF, 0xFE, 0x0A]))
        try commit(s, "session: binary")
        expectOneLine(try s.run("review"), status: 65, containing: "UTF-8")
    }

    @Test("outside a repository: 4")
    func notARepository() throws {
        let s = try Scratch()
        try s.write("HANDOFF.md", sampleHandoff)
        expectOneLine(try s.run("review"), status: 4, containing: "repository")
    }

    @Test("review is a command: its help names the keys")
    func help() throws {
        let s = try Scratch()
        let r = try s.run("review", "--help")
        #expect(r.status == 0)
        #expect(r.out.contains("Ctrl-Y") && r.out.contains("--working"))
        let top = try s.run("help")
        #expect(top.out.contains("review"))
    }
}

extension ReviewCommandTests {
    @Test("a remote branch and a tag are revisions too: the review loads (then stops at the terminal check)")
    func remoteBranchAndTag() throws {
        let remote = try Scratch()
        try runGit(["init", "-q", "--bare", "-b", "main", remote.url.path], in: remote.url)
        let s = try Scratch(git: true)
        try s.write("HANDOFF.md", sampleHandoff)
        try commit(s, "session: one", author: "Alice")
        try runGit(["remote", "add", "origin", remote.url.path], in: s.url)
        try runGit(["push", "-q", "origin", "main:alice/auth"], in: s.url)
        try runGit(["fetch", "-q", "origin"], in: s.url)
        try runGit(["tag", "v1"], in: s.url)
        for rev in ["origin/alice/auth", "v1"] {
            expectOneLine(try s.run("review", rev), status: 2, containing: "terminal")
        }
    }
}
