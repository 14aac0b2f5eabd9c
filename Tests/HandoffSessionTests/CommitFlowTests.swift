import Foundation
import TestSupport
import Testing
import HandoffCore
import HandoffEditor
import HandoffFiles
@testable import HandoffSession

/// git for setting up and reading back (not the code under test's way of running it).
@discardableResult
func git(_ args: String..., in dir: URL) throws -> String { try runGit(args, in: dir) }

func screen(_ editor: Editor) -> String {
    var s = VirtualScreen()
    editor.draw(on: &s)
    return s.text
}

@Suite("Ctrl-G: commit from the editor", .serialized)
struct CommitFlowTests {
    func repository() throws -> Fixture {
        let f = try Fixture("# Session handoff — 2026-11-25\n\n## Completed\n\n- a\n\n## In Progress\n\n- parser in src/p.swift:3\n")
        try git("init", "-q", "-b", "main", in: f.dir)
        try git("add", "HANDOFF.md", in: f.dir)
        try git("commit", "-qm", "first", in: f.dir)
        return f
    }

    @Test("saves, opens the dialog with a session: message, commits only the handoff on confirm")
    func commits() async throws {
        let f = try repository()
        try Data("unrelated work\n".utf8).write(to: f.dir.appendingPathComponent("other.txt"))
        try git("add", "other.txt", in: f.dir)
        f.type("b")
        #expect(f.editor.handle(.key(.ctrl("g"))) == .commit)
        await onOwnThread { f.session.startCommit() }
        #expect(!f.editor.isModified, "Ctrl-G saves first")
        #expect(f.editor.isCommitDialogOpen, "no dialog; the screen:\n\(screen(f.editor))")
        let message = try #require(f.editor.commitMessage)
        #expect(message.hasPrefix("session: "))
        #expect(screen(f.editor).contains("Other staged changes stay staged"))
        guard case .commitConfirmed(let confirmed) = f.editor.handle(.key(.ctrl("g"))) else {
            Issue.record("Ctrl-G in the dialog confirms"); return
        }
        await onOwnThread { f.session.commit(message: confirmed) }
        #expect(!f.editor.isCommitDialogOpen)
        let subject = try git("log", "-1", "--format=%s", in: f.dir).trimmingCharacters(in: .newlines)
        #expect(subject == message.split(separator: "\n").first.map(String.init))
        #expect(try git("show", "--stat", "--format=", "HEAD", in: f.dir).contains("HANDOFF.md"))
        #expect(try git("diff", "--cached", "--name-only", in: f.dir) == "other.txt\n", "the other staged file stays staged")
        let hash = try git("log", "-1", "--format=%h", in: f.dir).trimmingCharacters(in: .newlines)
        #expect(screen(f.editor).contains("[\(hash)]"))
    }

    @Test("secrets in the handoff are shown with their lines before anything is committed")
    func secrets() async throws {
        let f = try repository()
        f.type(" token ghp_abcdefghijklmnopqrstuvwxyz0123456789")
        await onOwnThread { f.session.startCommit() }
        #expect(f.editor.isCommitDialogOpen)
        let shown = screen(f.editor)
        #expect(shown.contains("Possible secrets"))
        let warning = try #require(shown.split(separator: "\n").first { $0.contains("line 5:") })
        #expect(warning.contains("ghp_"))
        #expect(!warning.contains("ghp_abcdefghij"), "the warning redacts the secret")
        _ = f.editor.handle(.key(.escape))
        #expect(try git("log", "--format=%s", in: f.dir) == "first\n", "cancelled: nothing committed")
    }

    @Test("a hook that rejects: git's words, the dialog back with the message, nothing lost")
    func hookRejects() async throws {
        let f = try repository()
        let hook = f.dir.appendingPathComponent(".git/hooks/pre-commit")
        try Data("#!/bin/sh\necho 'lint: handoff too short' >&2\nexit 1\n".utf8).write(to: hook)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)
        f.type("b")
        await onOwnThread { f.session.startCommit() }
        guard case .commitConfirmed(let message) = f.editor.handle(.key(.ctrl("g"))) else { Issue.record("confirm"); return }
        await onOwnThread { f.session.commit(message: message) }
        #expect(f.editor.isCommitDialogOpen, "the dialog comes back")
        #expect(f.editor.commitMessage == message)
        #expect(screen(f.editor).contains("lint: handoff too short"))
        #expect(f.fileText.contains("- ab"), "the save stands")
        #expect(try git("log", "--format=%s", in: f.dir) == "first\n")
    }

    @Test("unchanged since HEAD: says so; outside a repository: says why")
    func nothingAndNoRepository() async throws {
        let f = try repository()
        await onOwnThread { f.session.startCommit() }
        #expect(!f.editor.isCommitDialogOpen)
        #expect(screen(f.editor).contains("Nothing to commit"))
        let g = try Fixture()
        g.type("b")
        await onOwnThread { g.session.startCommit() }
        #expect(!g.editor.isCommitDialogOpen)
        #expect(screen(g.editor).contains("Cannot commit"))
        #expect(!g.editor.isModified, "the save happened all the same")
    }

    // MARK: - git's conventions

    @Test("commit.template: the dialog shows it after the message; its comment lines are not committed")
    func template() async throws {
        let f = try repository()
        try Data("# Name the ticket this session worked on.\n# Lines starting with '#' are left out.\nTicket: \n".utf8)
            .write(to: f.dir.appendingPathComponent(".gitmessage"))
        try git("config", "commit.template", ".gitmessage", in: f.dir)
        f.type("b")
        await onOwnThread { f.session.startCommit() }
        let generated = CommitMessage(document: f.editor.document()).text
        let shown = try #require(f.editor.commitMessage)
        #expect(shown == generated + "\n# Name the ticket this session worked on.\n# Lines starting with '#' are left out.\nTicket: \n")
        // Fill in the ticket on the template's last line, and add a line of one's own that
        // starts with '#': it is the user's, not the template's, so it stays.
        for _ in 0..<40 { _ = f.editor.handle(.key(.down)) }
        _ = f.editor.handle(.key(.up))
        _ = f.editor.handle(.key(.end))
        for ch in "AUTH-7" { _ = f.editor.handle(.key(.char(ch))) }
        _ = f.editor.handle(.key(.down))
        for ch in "#42 comes next" { _ = f.editor.handle(.key(.char(ch))) }
        guard case .commitConfirmed(let confirmed) = f.editor.handle(.key(.ctrl("g"))) else { Issue.record("confirm"); return }
        await onOwnThread { f.session.commit(message: confirmed) }
        #expect(!f.editor.isCommitDialogOpen)
        #expect(try git("log", "-1", "--format=%B", in: f.dir) == generated + "\nTicket: AUTH-7\n#42 comes next\n\n")
    }

    @Test("a template that cannot be read: says so, and no dialog opens")
    func templateUnreadable() async throws {
        let f = try repository()
        try git("config", "commit.template", "no-such-file", in: f.dir)
        f.type("b")
        await onOwnThread { f.session.startCommit() }
        #expect(!f.editor.isCommitDialogOpen)
        #expect(screen(f.editor).contains("Cannot commit: could not read the commit template"))
        #expect(!f.editor.isModified, "the save happened all the same")
        #expect(try git("log", "--format=%s", in: f.dir) == "first\n")
    }

    @Test("hooks that change the message: the status line shows what git committed")
    func hooksChangeTheMessage() async throws {
        let f = try repository()
        let hook = f.dir.appendingPathComponent(".git/hooks/commit-msg")
        try Data("#!/bin/sh\nsed -i '1s/^session: /AUTH-7 /' \"$1\"\n".utf8).write(to: hook)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)
        f.type("b")
        await onOwnThread { f.session.startCommit() }
        guard case .commitConfirmed(let confirmed) = f.editor.handle(.key(.ctrl("g"))) else { Issue.record("confirm"); return }
        #expect(confirmed.hasPrefix("session: parser in src/p.swift:3\n"))
        await onOwnThread { f.session.commit(message: confirmed) }
        let committed = try git("log", "-1", "--format=[%h] %s", in: f.dir).trimmingCharacters(in: .newlines)
        #expect(committed.hasSuffix("] AUTH-7 parser in src/p.swift:3"))
        #expect(screen(f.editor).contains(committed))
    }
}
