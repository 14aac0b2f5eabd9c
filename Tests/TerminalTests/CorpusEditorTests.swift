import Foundation
import TestSupport
import Testing

/// Real-shaped handoffs from the corpus (Tests/Fixtures/handoffs) in the editor: each pane
/// shows the section a reader finds there (its first item), the rest of the file is one key
/// away, and a save after one edit changes only that edit's bytes.
@Suite(.serialized, .endToEnd)
struct CorpusEditorTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/handoffs")

    static let keys = ["completed", "in_progress", "blocked", "decisions", "next_steps", "gotchas"]

    /// A German umbrella, Japanese bilingual numbered headings, bold pseudo-headings, a
    /// newest-first appended file, a French CRLF file, ALL-CAPS label lines.
    @Test("each pane shows the reader's section; Alt-7 the rest; one edit saved changes only its bytes",
          arguments: ["de-cc-umbrella", "ja-bilingual-numbered", "bold-pseudo-headings", "appended-newest-first",
                      "fr-human-crlf", "caps-label-lines"])
    func corpusFile(name: String) throws {
        let bytes = try Data(contentsOf: Self.fixtures.appendingPathComponent(name + ".md"))
        let expected = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: Self.fixtures.appendingPathComponent(name + ".expected.json"))) as? [String: Any])
        let sections = try #require(expected["sections"] as? [String: Any])
        let text = String(decoding: bytes, as: UTF8.self)
        // ("\r\n" is one Character: split the CRLF file after making its endings LF.)
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")

        let t = try TmuxEditor(content: nil, bytes: Array(bytes), columns: 160, rows: 45)
        t.waitFor("1 ")
        for (n, key) in Self.keys.enumerated() {
            try t.keys("M-\(n + 1)", "F2")
            let zoomed = t.waitForScreen("pane \(n + 1) zoomed") { Self.zoomed(n + 1, $0) }
            if let s = sections[key] as? [String: Any], let line = s["line"] as? Int, (s["top_items"] as? Int ?? 0) > 0,
               let first = Self.firstItem(after: line, in: lines) {
                #expect(zoomed.contains(first), "\(name): pane \(n + 1) (\(key)) should show “\(first)”:\n\(zoomed)")
            } else if sections[key] is NSNull {
                // A reader finds no such section: the pane is empty (its title has no count).
                let title = zoomed.components(separatedBy: "\n").first { $0.contains("╔ \(n + 1) ") } ?? ""
                #expect(!title.contains("("), "\(name): pane \(n + 1) (\(key)) should be empty: \(title)")
            }
            try t.keys("F2")
            t.waitForScreen("pane \(n + 1) back in the grid") { $0.contains("╔ \(n + 1) ") && !Self.zoomed(n + 1, $0) }
        }
        // The rest of the file: the title line, which is in no section.
        try t.keys("M-7")
        let rest = t.waitFor("7 Rest of the file")
        let title = try #require(lines.first { !$0.isEmpty && !$0.hasPrefix("---") && !$0.hasPrefix("\u{FEFF}") })
        #expect(rest.contains(String(title.prefix(20))), "\(name): the rest should show the title “\(title)”:\n\(rest)")

        // One new item after Completed's first item (or Next Steps' where Completed is empty).
        let key = ((sections["completed"] as? [String: Any])?["top_items"] as? Int ?? 0) > 0 ? 0 : 4
        let section = try #require(sections[Self.keys[key]] as? [String: Any])
        let firstLine = try #require(Self.firstItemLine(after: section["line"] as! Int, in: lines))
        try t.keys("M-\(key + 1)")
        t.waitForScreen("pane \(key + 1) focused") { $0.contains("╔ \(key + 1) ") }
        // The pane's cursor starts on its first line: down to the first item, then its end.
        let paneFirst = try #require(Self.firstContentLine(after: section["line"] as! Int, in: lines))
        for _ in 0..<(firstLine - paneFirst) { try t.keys("Down") }
        try t.keys("End", "Enter")
        try t.type("added in the corpus test")
        t.waitFor("added in the corpus test")
        try t.save()
        // Expected: the same bytes with one line after that item, in the item's marker style
        // and the file's line ending.
        let crlf = text.contains("\r\n")
        var out = lines
        let item = lines[firstLine]
        let indent = item.prefix { $0 == " " }
        let rest2 = item.dropFirst(indent.count)
        var marker = String(rest2.prefix { !$0.isWhitespace }) + " "
        if let n = Int(marker.dropLast(2)), marker.dropLast().hasSuffix(".") || marker.dropLast().hasSuffix(")") {
            marker = "\(n + 1)" + String(marker.dropLast().last!) + " "
        }
        let box = rest2.dropFirst(marker.count).hasPrefix("[") ? "[ ] " : ""
        out.insert(indent + marker + box + "added in the corpus test", at: firstLine + 1)
        let joined = out.joined(separator: crlf ? "\r\n" : "\n")
        let saved = String(decoding: try Data(contentsOf: t.file), as: UTF8.self)
        #expect(saved == joined, "\(name): the save changed more than the new line")
        try t.keys("C-q")
        #expect(t.exitStatus() == 0)
    }

    /// Whether pane `n` fills the window: its title row holds no other pane's border.
    static func zoomed(_ n: Int, _ screen: String) -> Bool {
        guard let row = screen.components(separatedBy: "\n").first(where: { $0.contains("╔ \(n) ") }) else { return false }
        return !row.contains("┌") && row.filter { $0 == "╗" }.count == 1
    }

    /// The 0-based line of the first list item after a heading or label at 1-based `line`.
    static func firstItemLine(after line: Int, in lines: [String]) -> Int? {
        var i = line  // the line after the heading (0-based `line`)
        while i < lines.count {
            let t = lines[i].drop { $0 == " " }
            if t.hasPrefix("- ") || t.hasPrefix("* ") || t.hasPrefix("+ ") { return i }
            if let dot = t.firstIndex(where: { $0 == "." || $0 == ")" }), !t[..<dot].isEmpty,
               t[..<dot].allSatisfy(\.isNumber), t[t.index(after: dot)...].hasPrefix(" ") { return i }
            if t.hasPrefix("#") { return nil }
            i += 1
        }
        return nil
    }

    /// The first non-blank line after the heading at 1-based `line`: the pane's first line.
    static func firstContentLine(after line: Int, in lines: [String]) -> Int? {
        var i = line
        while i < lines.count, lines[i].trimmingCharacters(in: .whitespaces).isEmpty { i += 1 }
        return i < lines.count ? i : nil
    }

    /// The first item's text as the pane shows it: after the marker and box, Markdown kept,
    /// at most 24 characters (so that it fits one row).
    static func firstItem(after line: Int, in lines: [String]) -> String? {
        guard let i = firstItemLine(after: line, in: lines) else { return nil }
        var t = Substring(lines[i].drop { $0 == " " })
        t = t.drop { !$0.isWhitespace }.dropFirst()
        if t.hasPrefix("[ ] ") || t.hasPrefix("[x] ") || t.hasPrefix("[X] ") { t = t.dropFirst(4) }
        return String(t.prefix(24))
    }
}
