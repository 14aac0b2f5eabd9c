import Foundation
import TestSupport
import Testing

/// `review` end to end in tmux, in a real repository where Alice and Bob wrote the handoff
/// in turn and Carol reviews it.
extension TerminalTests {
    static let reviewV1 = """
        # Handoff 2026-12-01

        ## Completed
        - Scaffold

        ## In Progress
        - [ ] Auth flow

        ## Blocked
        None

        ## Decisions
        - Use SQLite

        ## Next Steps
        1. Login form

        ## Gotchas
        - Port 8080 is taken

        """

    static let reviewV2 = reviewV1
        .replacingOccurrences(of: "- [ ] Auth flow", with: "- [x] Auth flow\n  - token refresh")
        .replacingOccurrences(of: "- Use SQLite", with: "- Use SQLite for storage")

    static let reviewV3 = reviewV2
        .replacingOccurrences(of: "# Handoff 2026-12-01", with: "# Handoff 2026-12-03")
        .replacingOccurrences(of: "- Port 8080 is taken\n", with: "- Port 8080 is taken\n- CI needs Node 20\n")

    static func commitAs(_ author: String, _ message: String, in dir: URL) throws {
        try runGit(["add", "-A"], in: dir)
        try runGit(["-c", "user.name=\(author)", "-c", "user.email=\(author.lowercased())@example.com",
                    "commit", "-q", "-m", message], in: dir)
    }

    /// Three versions: Alice, Bob, Bob; the reviewer is Carol.
    static func teamRepository(_ dir: URL) throws {
        try runGit(["init", "-q", "-b", "main"], in: dir)
        try runGit(["config", "user.name", "Carol"], in: dir)
        try runGit(["config", "user.email", "carol@example.com"], in: dir)
        for (text, author, subject) in [(reviewV1, "Alice", "session: scaffold"), (reviewV2, "Bob", "session: auth works"),
                                        (reviewV3, "Bob", "session: CI notes")] {
            try Data(text.utf8).write(to: dir.appendingPathComponent("HANDOFF.md"))
            try commitAs(author, subject, in: dir)
        }
    }

    static func localToday() -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd"
        f.timeZone = .current
        return f.string(from: Date())
    }

    @Test("review: a teammate's commit, a version back, acknowledge, copy an item, adopt; the bytes on disk")
    func reviewTeammate() throws {
        // Carol's own working file, not committed: her In Progress is another task.
        let mine = Self.reviewV3.replacingOccurrences(of: "- [x] Auth flow\n  - token refresh\n", with: "- [ ] Payments page\n")
        let t = try TmuxEditor(content: nil, columns: 130, rows: 34, arguments: ["review"], prepare: { dir in
            try Self.teamRepository(dir)
            try Data(mine.utf8).write(to: dir.appendingPathComponent("HANDOFF.md"))
        })
        let v2 = try runGit(["rev-parse", "HEAD~1"], in: t.dir).trimmingCharacters(in: .whitespacesAndNewlines)
        var screen = t.waitFor("session: CI notes")
        #expect(screen.contains("REVIEW") && screen.contains("Bob") && screen.contains("not acknowledged"))
        #expect(screen.contains("+ - CI needs Node 20"))
        // Typing changes nothing.
        try t.type("x")
        t.waitFor("Read-only:")
        // A version back: Bob's auth commit, its own changes marked.
        try t.keys("M-Left")
        screen = t.waitFor("session: auth works")
        #expect(screen.contains("✓ - [x] Auth flow"))
        #expect(screen.contains("+   - token refresh"))
        #expect(screen.contains("~ - Use SQLite for storage"))
        #expect(!screen.contains("CI needs Node 20"))
        // Acknowledge: in the header at once, and as a git note on that commit.
        try t.keys("C-r")
        t.waitFor("read by Carol")
        let note = try runGit(["notes", "--ref=refs/notes/handoff-ack", "show", v2], in: t.dir)
        #expect(note.hasPrefix("read by Carol <carol@example.com> at "))
        // Copy the checked item (with its nested one) into my working handoff.
        try t.keys("M-2", "C-y")
        t.waitFor("Copied “Auth flow” to In Progress in HANDOFF.md")
        let copied = mine.replacingOccurrences(of: "- [ ] Payments page\n", with: "- [ ] Payments page\n- [x] Auth flow\n  - token refresh\n")
        #expect(try String(contentsOf: t.file, encoding: .utf8) == copied)
        // Twice: it is there already.
        try t.keys("C-y")
        t.waitFor("“Auth flow” is in In Progress in HANDOFF.md already: nothing copied")
        // Adopt this version as the start of mine: asks, keeps mine beside it.
        try t.keys("C-a")
        t.waitFor("Replace HANDOFF.md with this handoff")
        try t.keys("y")
        t.waitFor("yours is kept as HANDOFF.mine.md")
        let adopted = Self.reviewV2
            .replacingOccurrences(of: "2026-12-01", with: Self.localToday())
            .replacingOccurrences(of: "## Completed\n- Scaffold\n", with: "## Completed\n")
        #expect(try String(contentsOf: t.file, encoding: .utf8) == adopted)
        #expect(try String(contentsOf: t.dir.appendingPathComponent("HANDOFF.mine.md"), encoding: .utf8) == copied)
        // Nothing was committed, HEAD is where it was.
        #expect(try runGit(["rev-parse", "HEAD~1"], in: t.dir).trimmingCharacters(in: .whitespacesAndNewlines) == v2)
        try t.keys("C-q")
        #expect(t.exitStatus() == 0)
    }

    @Test("review --working: accept one item, edit one, drop one, confirm; only those bytes change")
    func approveDraft() throws {
        let draft = Self.reviewV1
            .replacingOccurrences(of: "- Use SQLite", with: "- Use SQLite for storage")
            .replacingOccurrences(of: "1. Login form\n", with: "1. Login form\n2. Deploy to staging\n")
            .replacingOccurrences(of: "- Port 8080 is taken\n", with: "- Port 8080 is taken\n- rm -rf build is safe\n")
        let t = try TmuxEditor(content: nil, columns: 130, rows: 34, arguments: ["review", "--working"], prepare: { dir in
            try runGit(["init", "-q", "-b", "main"], in: dir)
            try Data(Self.reviewV1.utf8).write(to: dir.appendingPathComponent("HANDOFF.md"))
            try Self.commitAs("Alice", "session: scaffold", in: dir)
            try Data(draft.utf8).write(to: dir.appendingPathComponent("HANDOFF.md"))
        })
        t.waitFor("APPROVE")
        // Accept the new step, edit the decision, drop the risky gotcha.
        try t.keys("M-5", "Down")
        try t.type("a")
        t.waitFor("Accepted; 1 of 3 decided")
        try t.keys("M-4")
        try t.type("e")
        t.waitFor("Edit item: Use SQLite for storage")
        try t.type(" (WAL mode)")
        try t.keys("Enter")
        t.waitFor("Edited; 2 of 3 decided")
        try t.keys("M-6", "Down")
        try t.type("d")
        t.waitFor("Dropped; 3 of 3 decided")
        // Nothing is written until confirmed.
        #expect(try String(contentsOf: t.file, encoding: .utf8) == draft)
        try t.keys("C-s")
        t.waitFor("Save 3 decision(s) to HANDOFF.md?")
        try t.keys("y")
        t.waitFor("Saved 3 decision(s) to HANDOFF.md; Ctrl-G commits it")
        let expected = draft
            .replacingOccurrences(of: "- Use SQLite for storage", with: "- Use SQLite for storage (WAL mode)")
            .replacingOccurrences(of: "- rm -rf build is safe\n", with: "")
        #expect(try String(contentsOf: t.file, encoding: .utf8) == expected)
        // Then the usual commit dialog.
        try t.keys("C-g")
        t.waitFor("Commit message")
        try t.keys("C-g")
        t.waitFor("] session:")
        #expect(try runGit(["show", "HEAD:HANDOFF.md"], in: t.dir) == expected)
        try t.keys("C-q")
        #expect(t.exitStatus() == 0)
    }
}

extension TerminalTests {
    @Test("review REV behind HEAD: newer versions are reached from HEAD's history; past the ends, a message")
    func reviewStepsNewer() throws {
        let t = try TmuxEditor(content: nil, columns: 130, rows: 34, arguments: ["review", "HEAD~2"], prepare: Self.teamRepository)
        var screen = t.waitFor("session: scaffold")
        #expect(screen.contains("first version"))
        // The first version: every item is new.
        #expect(screen.contains("+ - Use SQLite"))
        try t.keys("M-Left")
        t.waitFor("This is the first version of the handoff")
        try t.keys("M-Right")
        screen = t.waitFor("session: auth works")
        #expect(screen.contains("HANDOFF.md 2/3"))
        try t.keys("M-Right")
        t.waitFor("session: CI notes")
        try t.keys("M-Right")
        t.waitFor("This is the newest version here")
        try t.keys("C-q")
        #expect(t.exitStatus() == 0)
    }
}

extension TerminalTests {
    @Test("review in a shallow clone: the oldest version here says why every item is new")
    func reviewShallowClone() throws {
        let origin = FileManager.default.temporaryDirectory.appendingPathComponent("handoff-origin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: origin, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: origin) }
        try Self.teamRepository(origin)
        let t = try TmuxEditor(content: nil, columns: 130, rows: 34, arguments: ["review"], prepare: { dir in
            try runGit(["clone", "-q", "--depth", "1", "file://\(origin.path)", dir.path], in: origin)
        })
        let screen = t.waitFor("Shallow clone: the version before this one is not here")
        #expect(screen.contains("session: CI notes") && screen.contains("oldest here (shallow clone)"))
        try t.keys("M-Left")
        t.waitFor("Nothing older in this shallow clone")
        try t.keys("C-q")
        #expect(t.exitStatus() == 0)
    }
}

extension TerminalTests {
    @Test("review --working on a working file as committed: nothing to approve, and nothing written")
    func approveNothing() throws {
        let t = try TmuxEditor(content: nil, columns: 130, rows: 34, arguments: ["review", "--working"], prepare: Self.teamRepository)
        t.waitFor("No item changed since the last commit: nothing to approve")
        try t.keys("C-s")
        t.waitFor("Nothing decided yet")
        try t.keys("C-q")
        #expect(t.exitStatus() == 0)
        #expect(try String(contentsOf: t.file, encoding: .utf8) == Self.reviewV3)
    }
}
