import Foundation
import TestSupport
import Testing

/// `done` and `status`: the commands an agent calls mid-session.
@Suite(.endToEnd) struct DoneCommandTests {
    let handoff = """
        # Handoff

        ## Next Steps
        1. [ ] Finish the refresh refactor
        2. Run the e2e suite
           - on staging too
        3. Run the load test

        ## Completed
        * [x] Token cache
        """

    @Test("done by number and by text: only the box changes; an item without one gets [x]")
    func checkOff() throws {
        let s = try Scratch()
        try s.write("HANDOFF.md", handoff)
        let one = try s.run("done", "next", "1")
        #expect(one.status == 0 && one.out == "Checked off: Finish the refresh refactor (HANDOFF.md:4)\n")
        #expect(try s.text("HANDOFF.md") == handoff.replacingOccurrences(of: "1. [ ] Finish", with: "1. [x] Finish"))
        // "2" is the second top-level step, not the nested item.
        let two = try s.run("done", "next_steps", "2")
        #expect(two.status == 0, "\(two.stderr)")
        #expect(try s.text("HANDOFF.md") == handoff.replacingOccurrences(of: "1. [ ] Finish", with: "1. [x] Finish")
                    .replacingOccurrences(of: "2. Run the e2e", with: "2. [x] Run the e2e"))
        let text = try s.run("done", "Next Steps", "LOAD", "test")
        #expect(text.status == 0 && text.out.hasPrefix("Checked off: Run the load test"))
        let again = try s.run("done", "next", "1")
        #expect(again.status == 0 && again.out.hasPrefix("Already checked: Finish the refresh refactor"))
    }

    @Test("an ambiguous text lists the candidates; no match, a bad number, an unknown section: status 64, nothing written")
    func refusals() throws {
        let s = try Scratch()
        try s.write("HANDOFF.md", handoff)
        let ambiguous = try s.run("done", "next", "run")
        #expect(ambiguous.status == 64)
        #expect(ambiguous.stderr == """
            handoff-tui: 'run' names 2 items of Next Steps; give more of the text, or the number:
            HANDOFF.md:5: Run the e2e suite
            HANDOFF.md:7: Run the load test

            """)
        #expect(try s.run("done", "next", "deploy").status == 64)
        #expect(try s.run("done", "next", "4").status == 64)
        #expect(try s.run("done", "blocked", "1").status == 64)
        #expect(try s.run("done", "nonsense", "1").status == 64)
        #expect(try s.text("HANDOFF.md") == handoff)
        #expect(try Scratch().run("done", "next", "1").status == 66)
    }

    @Test("CRLF and a byte-order mark survive: one byte changes")
    func exactBytes() throws {
        let s = try Scratch()
        let crlf = "\u{FEFF}" + handoff.replacingOccurrences(of: "\n", with: "\r\n")
        try s.write("HANDOFF.md", crlf)
        #expect(try s.run("done", "next", "1").status == 0)
        let after = try s.read("HANDOFF.md"), before = Data(crlf.utf8)
        #expect(after.count == before.count)
        #expect(zip(after, before).filter { $0 != $1 }.count == 1)
    }
}

@Suite(.endToEnd) struct StatusCommandTests {
    func repository() throws -> Scratch {
        let s = try Scratch(git: true)
        try s.write("src/a.ts", (1...50).map { "line \($0)" }.joined(separator: "\n") + "\n")
        try s.write("HANDOFF.md", """
            # Handoff

            ## In Progress
            - Refactor in `src/a.ts:40-45`

            """)
        try runGit(["add", "-A"], in: s.url)
        try runGit(["commit", "-q", "-m", "session: start"], in: s.url)
        return s
    }

    func json(_ r: CLI.Result) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])
    }

    @Test("up to date right after the commit; stale once code is committed; current again when the handoff is edited after")
    func staleness() throws {
        let s = try repository()
        let fresh = try s.run("status")
        #expect(fresh.status == 0 && fresh.out.hasPrefix("HANDOFF.md: up to date\n"), "\(fresh.out)")
        try s.write("src/b.ts", "new\n")
        try runGit(["add", "-A"], in: s.url)
        try runGit(["commit", "-q", "-m", "code"], in: s.url)
        let stale = try s.run("status")
        #expect(stale.status == 1)
        #expect(stale.out.hasPrefix("HANDOFF.md: stale — 1 commit changed 1 file since it was last committed\n"))
        #expect(stale.out.contains("  changed since: src/b.ts\n"))
        let j = try json(try s.run("status", "--format", "json"))
        #expect(j["stale"] as? Bool == true && j["commits_since"] as? Int == 1)
        #expect(j["files_changed_since"] as? [String] == ["src/b.ts"])
        // The handoff edited after that commit: current, not committed yet.
        sleep(1)
        #expect(try s.run("add", "completed", "src/b.ts added").status == 0)
        let edited = try s.run("status")
        #expect(edited.status == 0 && edited.out.hasPrefix("HANDOFF.md: up to date (edited since its last commit; not committed yet)"), "\(edited.out)")
        // Uncommitted code newer than the handoff: stale again.
        sleep(1)
        try s.write("src/c.ts", "more\n")
        let dirty = try s.run("status")
        #expect(dirty.status == 1 && dirty.out.contains("1 file has uncommitted changes newer than it"), "\(dirty.out)")
    }

    @Test("references to a file or a line that is gone at HEAD make it stale")
    func references() throws {
        let s = try repository()
        try s.write("src/a.ts", "short\n")
        try runGit(["commit", "-q", "-am", "shrink a.ts"], in: s.url)
        #expect(try s.run("add", "wip", "Port the parser in src/parse.ts").status == 0)
        let r = try s.run("status", "--format", "json")
        #expect(r.status == 1)
        let missing = try #require(try json(r)["missing_references"] as? [[String: Any]])
        #expect(missing.map { $0["path"] as? String } == ["src/a.ts", "src/parse.ts"])
        #expect(missing.map { $0["reason"] as? String } == ["the file has 1 line at HEAD", "no such file at HEAD"])
        let text = try s.run("status")
        #expect(text.out.contains("HANDOFF.md:4: src/a.ts:40-45: the file has 1 line at HEAD\n"))
    }

    @Test("never committed, no commits at all, no file, not a repository")
    func edges() throws {
        let s = try Scratch(git: true)
        try s.write("HANDOFF.md", "# H\n")
        let none = try s.run("status")
        #expect(none.status == 1 && none.out.contains("the repository has no commits yet"))
        try s.write("x.txt", "x\n")
        try runGit(["add", "x.txt"], in: s.url)
        try runGit(["commit", "-q", "-m", "x"], in: s.url)
        let never = try s.run("status")
        #expect(never.status == 1 && never.out.contains("it has never been committed"), "\(never.out)")
        #expect(try Scratch(git: true).run("status").status == 66)
        let plain = try Scratch()
        try plain.write("HANDOFF.md", "# H\n")
        #expect(try plain.run("status").status == 4)
    }
}
