import Foundation
import TestSupport
import Testing

/// `log`, `show --rev`, `show --format prompt` and `init --from`: reading the committed
/// handoff with real git, in repositories where two people wrote it in turn.
@Suite(.endToEnd) struct HistoryCommandTests {
    /// Commits as `author` (name and e-mail), at a fixed date so that order is certain.
    func commit(_ s: Scratch, _ message: String, author: String, date: String) throws {
        try runGit(["add", "-A"], in: s.url)
        try runGit(["-c", "user.name=\(author)", "-c", "user.email=\(author.lowercased())@example.com",
                    "commit", "-q", "-m", message, "--date", date], in: s.url)
    }

    /// Three versions by Alice and Bob; the file starts as .session-state.md and is renamed
    /// to HANDOFF.md in the third.
    func history() throws -> Scratch {
        let s = try Scratch(git: true)
        try s.write("README.md", "project\n")
        try commit(s, "start", author: "Alice", date: "2026-12-01T09:00:00Z")
        try s.write(".session-state.md", "# Session handoff — 2026-12-01 (main)\n\n## Completed\n- [x] Scaffold\n\n## Next Steps\n1. Login form\n")
        try commit(s, "session: scaffold", author: "Alice", date: "2026-12-01T18:00:00Z")
        try s.write(".session-state.md", sampleHandoff)
        try commit(s, "session: login form", author: "Bob", date: "2026-12-02T18:00:00Z")
        try runGit(["mv", ".session-state.md", "HANDOFF.md"], in: s.url)
        try s.write("HANDOFF.md", sampleHandoff + "\n## Notes\n- moved to HANDOFF.md\n")
        try commit(s, "session: rename the handoff", author: "Alice", date: "2026-12-03T18:00:00Z")
        return s
    }

    @Test("log lists every version newest first, through the rename, with author, subject and items per section")
    func logText() throws {
        let s = try history()
        let r = try s.run("log")
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines.count == 6, "\(r.out)")
        #expect(lines[0].contains("Alice") && lines[0].hasSuffix("session: rename the handoff") && lines[0].contains("2026-12-03"))
        #expect(lines[2].contains("Bob") && lines[2].hasSuffix("session: login form"))
        #expect(lines[4].contains("Alice") && lines[4].hasSuffix("session: scaffold"))
        // sampleHandoff: 2 of 2 boxes done, 2 in progress (one nested), 1 blocked, 1 decision, 2 next, 1 gotcha.
        #expect(lines[3].trimmingCharacters(in: .whitespaces) == "2/2 done · 2 in progress · 1 blocked · 1 decisions · 2 next · 1 gotchas")
        #expect(lines[5].trimmingCharacters(in: .whitespaces) == "1/1 done · 1 next")
        let one = try s.run("log", "-n", "1")
        #expect(one.out.split(separator: "\n").count == 2)
    }

    @Test("log --format json: the versions, their paths before and after the rename, and the counts")
    func logJSON() throws {
        let s = try history()
        let r = try s.run("log", "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])
        #expect(json["path"] as? String == "HANDOFF.md")
        let entries = try #require(json["entries"] as? [[String: Any]])
        #expect(entries.map { $0["author"] as? String } == ["Alice", "Bob", "Alice"])
        #expect(entries.map { $0["path"] as? String } == ["HANDOFF.md", ".session-state.md", ".session-state.md"])
        let head = try runGit(["rev-parse", "HEAD"], in: s.url).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(entries[0]["commit"] as? String == head)
        let sections = try #require(entries[2]["sections"] as? [String: Any])
        #expect((sections["completed"] as? [String: Int]) == ["items": 1, "checked": 1, "boxes": 1])
        #expect(sections["blocked"] is NSNull)
    }

    @Test("show --rev prints the file as committed then, byte for byte, by hash, branch, tag and HEAD~n")
    func showRevision() throws {
        let s = try history()
        let older = try runGit(["show", "HEAD~1:.session-state.md"], in: s.url)
        #expect(older == sampleHandoff)
        let hash = try runGit(["rev-parse", "--short", "HEAD~1"], in: s.url).trimmingCharacters(in: .whitespacesAndNewlines)
        try runGit(["branch", "alice/auth", "HEAD~1"], in: s.url)
        try runGit(["tag", "v1", "HEAD~1"], in: s.url)
        // The working file is HANDOFF.md; at HEAD~1 it was .session-state.md: name it.
        for rev in [hash, "alice/auth", "v1", "HEAD~1"] {
            let r = try s.run("show", ".session-state.md", "--rev", rev)
            #expect(r.status == 0 && r.out == sampleHandoff, "\(rev): \(r.stderr)")
        }
        // With no file named, the usual names are looked up in the commit.
        let found = try s.run("show", "--rev", "HEAD~2")
        #expect(found.status == 0 && found.out.hasPrefix("# Session handoff — 2026-12-01"), "\(found.stderr)")
        // The working file's name at HEAD.
        let head = try s.run("show", "--rev", "HEAD", "--format", "json")
        #expect(head.status == 0 && head.out.contains("\"path\":\"HANDOFF.md\""))
    }

    @Test("a remote branch (origin/alice/auth) is a revision too")
    func remoteBranch() throws {
        let s = try history()
        let remote = try Scratch()
        try runGit(["init", "-q", "--bare", remote.url.path], in: remote.url)
        try runGit(["remote", "add", "origin", remote.url.path], in: s.url)
        try runGit(["push", "-q", "origin", "HEAD~1:refs/heads/alice/auth"], in: s.url)
        try runGit(["fetch", "-q", "origin"], in: s.url)
        let r = try s.run("show", ".session-state.md", "--rev", "origin/alice/auth")
        #expect(r.status == 0 && r.out == sampleHandoff, "\(r.stderr)")
    }

    @Test("bad input: one line and its status — a bad revision, a file absent then, not UTF-8, no commits, not a repository")
    func badInput() throws {
        let s = try history()
        let bad = try s.run("show", "--rev", "no-such-branch")
        #expect(bad.status == 7 && bad.stderr == "handoff-tui: 'no-such-branch' names no commit in this repository\n")
        let dash = try s.run("log", "--", "--output=/tmp/x")
        #expect(dash.status == 7, "a revision that looks like an option is not one: \(dash.stderr)")
        let absent = try s.run("show", "HANDOFF.md", "--rev", "HEAD~3")
        #expect(absent.status == 66 && absent.stderr.hasPrefix("handoff-tui: HEAD~3 (") && absent.stderr.hasSuffix(") has no HANDOFF.md\n"))
        try s.write("HANDOFF.md", Data([0x23, 0x20, 0xFF, 0xFE, 0x0A]))
        try commit(s, "binary", author: "Bob", date: "2026-12-04T18:00:00Z")
        let binary = try s.run("show", "--rev", "HEAD")
        #expect(binary.status == 65 && binary.stderr.contains("HANDOFF.md at HEAD: not valid UTF-8"), "\(binary.stderr)")
        let log = try s.run("log", "-n", "2")
        #expect(log.status == 0 && log.out.contains("not UTF-8 text"))

        let empty = try Scratch(git: true)
        try empty.write("HANDOFF.md", sampleHandoff)
        let none = try empty.run("show", "--rev", "HEAD")
        #expect(none.status == 66 && none.stderr == "handoff-tui: the repository has no commits yet\n", "\(none.stderr)")
        let noLog = try empty.run("log")
        #expect(noLog.status == 66 && noLog.stderr.split(separator: "\n").count == 1, "\(noLog.stderr)")

        let plain = try Scratch()
        try plain.write("HANDOFF.md", sampleHandoff)
        let outside = try plain.run("log")
        #expect(outside.status == 4 && outside.stderr.hasPrefix("handoff-tui: "))
    }

    @Test("show --format prompt: the handoff inside the start-of-session request, from the file or a revision")
    func prompt() throws {
        let s = try history()
        let r = try s.run("show", "--format", "prompt")
        #expect(r.status == 0)
        #expect(r.out.hasPrefix("This is the handoff from the previous session (HANDOFF.md)."))
        #expect(r.out.contains("<handoff>\n" + sampleHandoff + "\n## Notes\n- moved to HANDOFF.md\n</handoff>\n"))
        #expect(r.out.contains("Before changing any code:") && r.out.contains("Confirm the plan"))
        let old = try s.run("show", ".session-state.md", "--rev", "HEAD~1", "--format", "prompt")
        let short = try runGit(["rev-parse", "--short=7", "HEAD~1"], in: s.url).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(old.out.hasPrefix("This is the handoff from the previous session (.session-state.md at HEAD~1 (\(short)))."), "\(old.out.prefix(120))")
    }

    @Test("init --from: Completed emptied, the rest kept byte for byte, the title's date renewed; never overwrites")
    func initFrom() throws {
        let s = try history()
        let exists = try s.run("init", "--from", "HEAD")
        #expect(exists.status == 73)
        try FileManager.default.removeItem(at: s.path("HANDOFF.md"))
        let r = try s.run("init", "--from", "HEAD~1", "HANDOFF.md")
        // HANDOFF.md did not exist at HEAD~1: the file named is looked up in that commit.
        #expect(r.status == 66, "\(r.stderr)")
        let ok = try s.run("init", "--from", "HEAD")
        #expect(ok.status == 0, "\(ok.stderr)")
        let text = try s.text("HANDOFF.md")
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd"
        let date = f.string(from: Date())
        let expected = (sampleHandoff + "\n## Notes\n- moved to HANDOFF.md\n")
            .replacingOccurrences(of: "2026-11-24", with: date)
            .replacingOccurrences(of: "- [x] Login form posts to `/api/session` (src/auth/login.ts:12)\n- [x] Unit tests for the token cache\n", with: "")
        #expect(text == expected)
    }
}

/// `diff`: per-section item changes between versions, for people and for scripts.
@Suite(.endToEnd) struct DiffCommandTests {
    let history = HistoryCommandTests()

    @Test("diff with no revision: the last version against the one before, across the rename")
    func lastTwo() throws {
        let s = try history.history()
        var text = try s.text("HANDOFF.md")
        text = text.replacingOccurrences(of: "- Staging deploy: waiting on the DB credentials from ops\n", with: "")
            .replacingOccurrences(of: "2. Run the e2e suite", with: "2. Run the e2e suite on staging")
        try s.write("HANDOFF.md", text)
        try history.commit(s, "session: staging", author: "Bob", date: "2026-12-04T18:00:00Z")
        let r = try s.run("diff")
        #expect(r.status == 0, "\(r.stderr)")
        let hashes = try runGit(["log", "-2", "--format=%h"], in: s.url).split(separator: "\n")
        #expect(r.out == """
            HANDOFF.md: \(hashes[1]) (Alice, 2026-12-03) → \(hashes[0]) (Bob, 2026-12-04)
            session: staging

            Blocked
              - Staging deploy: waiting on the DB credentials from ops

            Next Steps
              ~ Run the e2e suite on staging
                  was: Run the e2e suite

            """)
    }

    @Test("diff REV: what that version changed; diff REV1 REV2; the first version is all added")
    func revisions() throws {
        let s = try history.history()
        // HEAD~1 (Bob's) against Alice's first version: a rewrite of the whole file.
        let r = try s.run("diff", "HEAD~1", "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])
        #expect((json["to"] as? [String: Any])?["author"] as? String == "Bob")
        #expect((json["from"] as? [String: Any])?["author"] as? String == "Alice")
        let sections = try #require(json["sections"] as? [String: [String: Any]])
        let completed = try #require(sections["completed"]?["items"] as? [[String: Any]])
        #expect(completed.map { $0["change"] as? String } == ["added", "added", "removed"])
        #expect(sections["blocked"]?["was_present"] as? Bool == false && sections["blocked"]?["present"] as? Bool == true)
        // Between two revisions given; the rename in between makes no difference to items.
        let two = try s.run("diff", "HEAD~1", "HEAD")
        #expect(two.status == 0 && two.out.hasSuffix("no changes in the six sections\n"), "\(two.out)")
        // The first version of the file: everything added.
        let first = try s.run("diff", "HEAD~2", "--file", ".session-state.md")
        #expect(first.status == 0 && first.out.contains("+ Scaffold") && first.out.contains("(none) →"), "\(first.out)\(first.stderr)")
    }

    @Test("diff --working: the draft an agent just wrote against HEAD")
    func working() throws {
        let s = try history.history()
        #expect(try s.run("add", "decisions", "Keep the rename: HANDOFF.md is what agents look for first").status == 0)
        #expect(try s.run("add", "gotchas", "Run migrations before the e2e suite").status == 0)
        let r = try s.run("diff", "--working")
        #expect(r.status == 0)
        #expect(r.out.hasPrefix("HANDOFF.md: ") && r.out.contains("→ working file\n"))
        #expect(r.out.contains("Decisions\n  + Keep the rename: HANDOFF.md is what agents look for first\n"))
        #expect(r.out.contains("Gotchas\n  + Run migrations before the e2e suite\n"))
    }

    @Test("a shallow clone without the previous version says so; a bad revision is status 7")
    func shallowAndBad() throws {
        let s = try history.history()
        let clone = try Scratch()
        try runGit(["clone", "-q", "--depth", "1", "file://" + s.url.path, clone.url.appendingPathComponent("c").path], in: clone.url)
        let r = try CLI.run(["diff"], in: clone.url.appendingPathComponent("c"))
        #expect(r.status == 66 && r.stderr.hasPrefix("handoff-tui: this is a shallow clone") && r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        let bad = try s.run("diff", "nope")
        #expect(bad.status == 7)
    }
}

/// `ack`: "read by NAME at TIME" as git notes on the handoff's commits.
@Suite(.endToEnd) struct AckCommandTests {
    let history = HistoryCommandTests()

    func identity(_ name: String) -> [String: String] {
        ["GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": "\(name.lowercased())@example.com"]
    }

    func note(_ s: Scratch, _ rev: String) throws -> String {
        try runGit(["notes", "--ref=refs/notes/handoff-ack", "show", rev], in: s.url, allowFailure: true)
    }

    @Test("ack notes the commit that last changed the handoff, touching neither the file nor HEAD; twice is once")
    func acknowledge() throws {
        let s = try history.history()
        try s.write("src/app.ts", "code\n")
        try history.commit(s, "code after the handoff", author: "Bob", date: "2026-12-04T09:00:00Z")
        let head = try runGit(["rev-parse", "HEAD"], in: s.url)
        let handoffCommit = try runGit(["rev-parse", "--short", "HEAD~1"], in: s.url).trimmingCharacters(in: .whitespacesAndNewlines)
        let r = try s.run("ack", env: identity("Carol"))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.out == "Acknowledged \(handoffCommit) (session: rename the handoff) as read by Carol\n")
        #expect(try note(s, "HEAD~1").hasPrefix("read by Carol <carol@example.com> at 20"))
        #expect(try note(s, "HEAD").isEmpty)
        #expect(try runGit(["rev-parse", "HEAD"], in: s.url) == head)
        #expect(try runGit(["status", "--porcelain"], in: s.url).isEmpty)
        let again = try s.run("ack", env: identity("Carol"))
        #expect(again.status == 0 && again.out.hasPrefix("\(handoffCommit) (session: rename the handoff) was already acknowledged by Carol at 20"))
        #expect(try note(s, "HEAD~1").split(separator: "\n").filter { !$0.isEmpty }.count == 1)
    }

    @Test("log shows who has read which version, in text and JSON")
    func shownInLog() throws {
        let s = try history.history()
        #expect(try s.run("ack", env: identity("Carol")).status == 0)
        #expect(try s.run("ack", env: identity("Dave")).status == 0)
        #expect(try s.run("ack", "HEAD~2", env: identity("Bob")).status == 0)
        let text = try s.run("log").out.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(text[2] == "read by Carol, Dave")
        #expect(text.last == "read by Bob")
        let json = try #require(try JSONSerialization.jsonObject(with: try s.run("log", "--format", "json").stdout) as? [String: Any])
        let entries = try #require(json["entries"] as? [[String: Any]])
        let readers = entries.map { ($0["acknowledged_by"] as? [[String: String]] ?? []).map { $0["email"] ?? "" } }
        #expect(readers == [["carol@example.com", "dave@example.com"], [], ["bob@example.com"]])
    }

    @Test("ack --push merges the remote's acknowledgements with ours; commit --push pushes them too")
    func push() throws {
        let s = try history.history()
        let remote = try Scratch()
        try runGit(["init", "-q", "--bare", "-b", "main", remote.url.path], in: remote.url)
        try runGit(["remote", "add", "origin", remote.url.path], in: s.url)
        try runGit(["push", "-q", "-u", "origin", "main"], in: s.url)
        // A teammate's clone acknowledges and pushes first.
        let other = try Scratch()
        let clone = other.url.appendingPathComponent("c")
        try runGit(["clone", "-q", remote.url.path, clone.path], in: other.url)
        let theirs = try CLI.run(["ack", "--push"], in: clone, env: identity("Erin"))
        #expect(theirs.status == 0, "\(theirs.stderr)")
        // Ours: merged with Erin's, not refused as a non-fast-forward.
        let ours = try s.run("ack", "--push", env: identity("Carol"))
        #expect(ours.status == 0, "\(ours.stderr)")
        let onRemote = try runGit(["--git-dir", remote.url.path, "notes", "--ref=refs/notes/handoff-ack", "show", "main"], in: remote.url)
        #expect(onRemote.contains("read by Erin <erin@example.com>") && onRemote.contains("read by Carol <carol@example.com>"), "\(onRemote)")
        // Another acknowledgement, of an older version, goes out with commit --push.
        #expect(try s.run("ack", "HEAD~1", env: identity("Carol")).status == 0)
        #expect(try s.run("add", "next", "Ship it").status == 0)
        let commit = try s.run("commit", "--push")
        #expect(commit.status == 0, "\(commit.stderr)")
        let older = try runGit(["--git-dir", remote.url.path, "notes", "--ref=refs/notes/handoff-ack", "show", "main~2"], in: remote.url)
        #expect(older.contains("read by Carol <carol@example.com>"), "\(older)")
    }

    @Test("ack with nothing committed: status 66; outside a repository: 4")
    func nothing() throws {
        let empty = try Scratch(git: true)
        try empty.write("README.md", "x\n")
        try runGit(["add", "-A"], in: empty.url)
        try runGit(["commit", "-q", "-m", "start"], in: empty.url)
        let r = try empty.run("ack")
        #expect(r.status == 66 && r.stderr == "handoff-tui: no committed handoff to acknowledge\n", "\(r.stderr)")
        let plain = try Scratch()
        #expect(try plain.run("ack").status == 4)
    }
}
