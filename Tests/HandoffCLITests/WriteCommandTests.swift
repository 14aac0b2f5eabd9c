import Foundation
import TestSupport
import Testing

@Suite("init and add", .endToEnd)
struct WriteCommandTests {
    @Test("init writes the six sections with the date and the branch, then refuses to overwrite")
    func initTemplate() throws {
        let s = try Scratch(git: true, branch: "feature/handoff")
        let r = try s.run("init")
        #expect(r.status == 0)
        let text = try s.text("HANDOFF.md")
        let date = ISO8601DateFormatter.string(from: Date(), timeZone: .current, formatOptions: [.withFullDate])
        #expect(text.hasPrefix("# Session handoff — \(date) (feature/handoff)\n"))
        for title in ["Completed", "In Progress", "Blocked", "Decisions", "Next Steps", "Gotchas"] {
            #expect(text.contains("\n## \(title)\n"))
        }
        try s.write("HANDOFF.md", "mine")
        let again = try s.run("init")
        #expect(again.status == 73)
        #expect(again.stderr.contains("already exists"))
        #expect(try s.text("HANDOFF.md") == "mine")
    }

    @Test("init outside a repository has no branch; a .claude folder gets the handoff")
    func initPlacement() throws {
        let s = try Scratch()
        try FileManager.default.createDirectory(at: s.path(".claude"), withIntermediateDirectories: true)
        #expect(try s.run("init").status == 0)
        let text = try s.text(".claude/session-handoff.md")
        #expect(!text.split(separator: "\n")[0].contains("("))
        #expect(try s.run("init", "docs/notes/h.md").status == 0, "parent folders are created")
        #expect(FileManager.default.fileExists(atPath: s.path("docs/notes/h.md").path))
    }

    @Test("add appends in the section's own style and leaves every other byte alone")
    func addFollowsStyle() throws {
        let s = try Scratch()
        let original = "# T\r\n\r\n## Done\r\n* [x] one\r\n\r\n## Next\r\n1) first\r\n2) second\r\n\r\n## Notes\r\ntail"
        try s.write("HANDOFF.md", original)
        #expect(try s.run("add", "next_steps", "third").status == 0)
        #expect(try s.run("add", "completed", "two", "words", "--checked").status == 0)
        let after = try s.text("HANDOFF.md")
        #expect(after == "# T\r\n\r\n## Done\r\n* [x] one\r\n* [x] two words\r\n\r\n## Next\r\n1) first\r\n2) second\r\n3) third\r\n\r\n## Notes\r\ntail")
    }

    @Test("add creates the file from the template, and a missing section in place")
    func addCreates() throws {
        let s = try Scratch(git: true)
        let r = try s.run("add", "wip", "Port the parser", "(src/parse.c:10)")
        #expect(r.status == 0)
        #expect(r.out.contains("Created HANDOFF.md"))
        let text = try s.text("HANDOFF.md")
        #expect(text.contains("## In Progress\n\n- Port the parser (src/parse.c:10)\n\n## Blocked"))

        try s.write("h.md", "# T\n\n## Completed\n\n- a\n\n## Next Steps\n\n1. b\n")
        #expect(try s.run("add", "gotchas", "x", "--file", "h.md").status == 0)
        #expect(try s.run("add", "Blocked", "waiting on y", "--file", "h.md").status == 0)
        #expect(try s.text("h.md") == "# T\n\n## Completed\n\n- a\n\n## Blocked\n\n- waiting on y\n\n## Next Steps\n\n1. b\n\n## Gotchas\n\n- x\n")
    }

    @Test("add replaces a 'None' placeholder and reads the text from stdin with -")
    func addPlaceholderAndStdin() throws {
        let s = try Scratch()
        try s.write("HANDOFF.md", "## Blocked\n\nNone\n\n## Gotchas\n")
        #expect(try s.run("add", "blockers", "-", stdin: "needs a review from @sam\n").status == 0)
        #expect(try s.text("HANDOFF.md") == "## Blocked\n\n- needs a review from @sam\n\n## Gotchas\n")
    }

    @Test("add refuses an unknown section with exit 64 and changes nothing")
    func addUnknownSection() throws {
        let s = try Scratch()
        try s.write("HANDOFF.md", "x\n")
        let r = try s.run("add", "someday", "x")
        #expect(r.status == 64)
        #expect(r.stderr.contains("unknown section 'someday'"))
        #expect(try s.text("HANDOFF.md") == "x\n")
    }

    @Test("add refuses a file that is not UTF-8 and leaves it as it was")
    func addBadFile() throws {
        let s = try Scratch()
        let bad = Data([0x23, 0x20, 0xFF, 0x0A])
        try s.write("HANDOFF.md", bad)
        let r = try s.run("add", "done", "x")
        #expect(r.status == 65)
        #expect(try s.read("HANDOFF.md") == bad)
    }

    @Test("add keeps the file's mode and writes through a symlink")
    func addKeepsModeAndLink() throws {
        let s = try Scratch()
        try s.write("real/h.md", "## Completed\n- a\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: s.path("real/h.md").path)
        try FileManager.default.createSymbolicLink(atPath: s.path("HANDOFF.md").path, withDestinationPath: "real/h.md")
        #expect(try s.run("add", "done", "b").status == 0)
        #expect(try s.text("real/h.md") == "## Completed\n- a\n- b\n")
        let attrs = try FileManager.default.attributesOfItem(atPath: s.path("real/h.md").path)
        #expect(attrs[.posixPermissions] as? Int == 0o640)
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: s.path("HANDOFF.md").path)
        #expect(link == "real/h.md")
    }
}

@Suite("finding the handoff", .endToEnd)
struct DiscoveryTests {
    @Test("the documented order: .claude/session-handoff.md before .session-state.md before HANDOFF.md")
    func order() throws {
        let s = try Scratch(git: true)
        try s.write("HANDOFF.md", "## Completed\n- from HANDOFF\n")
        try s.write(".session-state.md", "## Completed\n- from session-state\n")
        #expect(try s.run("show").out.contains("from session-state"))
        try s.write(".claude/session-handoff.md", "## Completed\n- from claude\n")
        #expect(try s.run("show").out.contains("from claude"))
    }

    @Test("found from the work-tree root when run in a subfolder")
    func fromSubfolder() throws {
        let s = try Scratch(git: true)
        try s.write("HANDOFF.md", "## Completed\n- root\n")
        try FileManager.default.createDirectory(at: s.path("a/b"), withIntermediateDirectories: true)
        let r = try s.run("show", in: "a/b")
        #expect(r.status == 0)
        #expect(r.out.contains("- root"))
    }

    @Test("$HANDOFF_FILE overrides the search")
    func environmentOverride() throws {
        let s = try Scratch()
        try s.write("HANDOFF.md", "## Completed\n- default\n")
        try s.write("elsewhere.md", "## Completed\n- override\n")
        let r = try s.run("show", env: ["HANDOFF_FILE": "elsewhere.md"])
        #expect(r.out.contains("override"))
        #expect(try s.run("add", "done", "x", env: ["HANDOFF_FILE": "new.md"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: s.path("new.md").path))
    }
}
