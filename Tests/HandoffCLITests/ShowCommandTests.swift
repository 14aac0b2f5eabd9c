import Foundation
import TestSupport
import Testing

@Suite("show", .endToEnd)
struct ShowCommandTests {
    @Test("markdown gives back the file's exact bytes: CRLF, BOM, tabs, no final newline")
    func markdownIsByteExact() throws {
        let s = try Scratch()
        var bytes = Data([0xEF, 0xBB, 0xBF])
        bytes.append(Data("# T\r\n\r\n## Done\r\n-\t[x] a  \r\n\r\n## WIP\r\n- b src/x.swift:3".utf8))
        try s.write("HANDOFF.md", bytes)
        let r = try s.run("show")
        #expect(r.status == 0)
        #expect(r.stdout == bytes)
        #expect(r.stderr.isEmpty)
    }

    @Test("json follows the version 1 contract: six sections in canonical order, items with refs")
    func jsonContract() throws {
        let s = try Scratch()
        try s.write("HANDOFF.md", sampleHandoff)
        let r = try s.run("show", "--format", "json")
        #expect(r.status == 0)
        let root = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])
        #expect(root["version"] as? Int == 1)
        #expect(root["path"] as? String == "HANDOFF.md")
        #expect(root["title"] as? String == "Session handoff — 2026-11-24 (feature/auth)")
        let sections = try #require(root["sections"] as? [[String: Any]])
        #expect(sections.map { $0["key"] as? String } == ["completed", "in_progress", "blocked", "decisions", "next_steps", "gotchas"])
        #expect(sections[0]["title"] as? String == "✅ Completed")
        #expect(sections[0]["heading_line"] as? Int == 3)
        let wip = try #require(sections[1]["items"] as? [[String: Any]])
        #expect(wip.count == 2)
        #expect(wip[0]["line"] as? Int == 8)
        #expect(wip[1]["depth"] as? Int == 1)
        let refs = try #require(wip[0]["refs"] as? [[String: Any]])
        #expect(refs.first?["path"] as? String == "src/auth/sessions.ts")
        #expect(refs.first?["line"] as? Int == 42)
        let done = try #require(sections[0]["items"] as? [[String: Any]])
        #expect(done.allSatisfy { $0["checked"] as? Bool == true })
        let next = try #require(sections[4]["items"] as? [[String: Any]])
        #expect(next.map { $0["text"] as? String } == ["Finish the refresh refactor", "Run the e2e suite"])
        #expect(root["other_sections"] as? [Any] != nil)
        #expect(root["problems"] as? [Any] != nil)
    }

    @Test("json marks a missing section as absent with its canonical title")
    func jsonMissingSection() throws {
        let s = try Scratch()
        try s.write("HANDOFF.md", "# T\n\n## Done\n- a\n")
        let r = try s.run("show", "-f", "json")
        let root = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])
        let sections = try #require(root["sections"] as? [[String: Any]])
        #expect(sections.count == 6)
        #expect(sections[2]["present"] as? Bool == false)
        #expect(sections[2]["title"] as? String == "Blocked")
        #expect(sections[2]["heading_line"] is NSNull)
        let problems = try #require(root["problems"] as? [[String: Any]])
        #expect(problems.contains { $0["code"] as? String == "missing-section" && $0["key"] as? String == "blocked" })
    }

    @Test("text prints a summary with counts")
    func textSummary() throws {
        let s = try Scratch()
        try s.write("HANDOFF.md", sampleHandoff)
        let r = try s.run("show", "--format", "text")
        #expect(r.status == 0)
        #expect(r.out.contains("Completed  2/2"))
        #expect(r.out.contains("✓ Login form posts"))
        #expect(r.out.contains("1. Finish the refresh refactor"))
        #expect(!r.out.contains("\u{1B}["), "NO_COLOR is set, so no escape codes")
    }

    @Test("a missing file: exit 66 and one line on stderr")
    func missingFile() throws {
        let s = try Scratch()
        let r = try s.run("show", "nope.md")
        #expect(r.status == 66)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("handoff-tui: nope.md: no such file"))
        #expect(r.stderr.split(separator: "\n").count == 1)
        let none = try s.run("show")
        #expect(none.status == 66)
        #expect(none.stderr.contains("handoff-tui init"))
    }

    @Test("invalid UTF-8 and NUL bytes: exit 65, where the bad byte is, nothing on stdout")
    func badBytes() throws {
        let s = try Scratch()
        try s.write("bad.md", Data("# T\n\n## Done\n- caf".utf8) + Data([0xE9, 0x0A]))
        let r = try s.run("show", "bad.md")
        #expect(r.status == 65)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("not valid UTF-8"))
        #expect(r.stderr.contains("line 4"))
        try s.write("nul.md", Data("# T\n\u{0}\n".utf8))
        let n = try s.run("check", "nul.md")
        #expect(n.status == 65)
        #expect(n.stderr.contains("NUL byte at line 2"))
    }

    @Test("a folder given as the file is an I/O error, not a crash")
    func folderAsFile() throws {
        let s = try Scratch()
        try FileManager.default.createDirectory(at: s.path("dir.md"), withIntermediateDirectories: true)
        let r = try s.run("show", "dir.md")
        #expect(r.status == 74)
        #expect(r.stderr.contains("is a directory"))
    }

    @Test("--help works for every command")
    func help() throws {
        let s = try Scratch()
        for command in ["show", "check", "init", "add", "edit"] {
            let r = try CLI.run([command, "--help"], in: s.url)
            #expect(r.status == 0, "\(command) --help")
            #expect(r.out.contains("USAGE"), "\(command) --help")
        }
        let root = try s.run("--help")
        #expect(root.out.contains("show") && root.out.contains("check") && root.out.contains("add"))
    }

    @Test("every command named in --help runs as that command, never as a file for the editor")
    func commandsAreNotFiles() throws {
        // The editor's fast path (no argument parser) takes a lone word that is not a
        // command's name for a file: a command missing from its list would open the editor.
        let s = try Scratch()
        let help = try s.run("--help").out
        let listed = help.components(separatedBy: "SUBCOMMANDS:").last!
            .components(separatedBy: "\n\n").first!
            .split(separator: "\n").compactMap { line -> String? in
                guard line.hasPrefix("  "), !line.hasPrefix("   ") else { return nil }
                return line.split(separator: " ").first.map(String.init)
            }
        #expect(Set(listed).isSuperset(of: ["edit", "show", "check", "init", "add", "commit"]))
        for command in listed + ["help"] where command != "edit" {
            let r = try s.run(command)
            #expect(!r.stderr.contains("needs a terminal"), "handoff-tui \(command) opened the editor")
        }
    }

    @Test("the editor refuses a pipe with exit 2 and points to show and add")
    func editorNeedsATerminal() throws {
        let s = try Scratch()
        let r = try s.run()
        #expect(r.status == 2)
        #expect(r.stderr.contains("show"))
        #expect(r.stderr.contains("add"))
    }
}

/// Every command's help reads as prose: no line ends in a stray backslash (a `\\` at a line's
/// end in a Swift multi-line string is a backslash, not a join), and the text a man page is
/// generated from holds no backticks or characters the generator drops.
@Suite(.endToEnd) struct HelpTextTests {
    @Test("each subcommand's --help joins its lines and is plain ASCII", arguments: [
        "show", "check", "init", "add", "commit", "log", "diff", "ack", "review", "done", "status", "hooks",
    ])
    func helpText(command: String) throws {
        let s = try Scratch()
        let r = try s.run(command, "--help")
        #expect(r.status == 0)
        let lines = r.out.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(!lines.contains { $0.hasSuffix("\\") }, "\(command) --help:\n\(r.out)")
        let ascii = r.out.unicodeScalars.allSatisfy { $0.isASCII }
        #expect(ascii, "\(command) --help has non-ASCII text:\n\(r.out)")
    }
}
