import Foundation
import PropertyBased
import Testing
@testable import HandoffCore

/// Generators on top of the snippet grammar. Each draws one seed from the property checker's
/// generator and builds the value with `SplitMix`, so the checker's printed seed reproduces it.
enum Generate {
    static let scalars: [String] = ["a", "Z", " ", "\t", "#", "-", "*", ">", "`", "~", "<", "é", "中", "😀",
                                    "\u{2028}", "\u{FEFF}", "\u{301}", "\r", "\n", "\r\n", "[x]", "1.", "    "]

    /// Valid UTF-8 that stresses the model: snippets, mixed line endings (LF, CRLF, lone CR),
    /// a BOM, no final newline, random characters spliced in.
    static func text(_ r: inout SplitMix) -> [UInt8] {
        var doc = Snippets.document(&r, snippets: 0...12)
        switch Int.random(in: 0..<4, using: &r) {
        case 0: doc = doc.replacingOccurrences(of: "\n", with: "\r\n")
        case 1:
            doc = doc.split(separator: "\n", omittingEmptySubsequences: false)
                .map { String($0) + ["\n", "\r\n", "\r", "\n"].randomElement(using: &r)! }.joined()
        default: break
        }
        var chars = Array(doc.unicodeScalars).map { String($0) }
        for _ in 0..<Int.random(in: 0...6, using: &r) {
            let at = Int.random(in: 0...chars.count, using: &r)
            if Bool.random(using: &r) {
                chars.insert(scalars.randomElement(using: &r)!, at: at)
            } else {
                // Any scalar but NUL: one to four UTF-8 bytes, controls and private use included.
                var v = UInt32.random(in: 1...0x10FFFF, using: &r)
                if (0xD800...0xDFFF).contains(v) { v -= 0x800 }
                chars.insert(String(UnicodeScalar(v)!), at: at)
            }
        }
        var out = chars.joined()
        if Int.random(in: 0..<4, using: &r) == 0 { out = "\u{FEFF}" + out }
        if Bool.random(using: &r) { while out.hasSuffix("\n") || out.hasSuffix("\r") { out.removeLast() } }
        return Array(out.utf8)
    }

    static var textGen: Generator<[UInt8], Shrink.None<[UInt8]>> {
        Generator { rng in
            var r = SplitMix(seed: rng.next())
            return text(&r)
        }
    }

    static let titles: [SectionKey: [String]] = [
        .completed: ["Completed", "Done", "✅ Completed:"], .inProgress: ["In Progress", "WIP"],
        .blocked: ["Blocked", "Blockers"], .decisions: ["Decisions", "Key decisions"],
        .nextSteps: ["Next Steps", "Next"], .gotchas: ["Gotchas", "⚠️ Pitfalls"],
    ]

    /// A handoff: a title, sections (some missing, some repeated, unknown ones between) in a
    /// random heading style, bodies made of snippets.
    static func handoff(_ r: inout SplitMix) -> String {
        let level = Int.random(in: 2...3, using: &r)
        let setext = Int.random(in: 0..<4, using: &r) == 0
        let numbered = Bool.random(using: &r)
        let colon = Bool.random(using: &r)
        let gap = Bool.random(using: &r) ? "\n" : ""
        func heading(_ title: String) -> String {
            setext ? title + "\n" + String(repeating: "-", count: max(3, title.count)) : String(repeating: "#", count: level) + " " + title
        }
        var out = "# Handoff\n\n"
        var keys = SectionKey.allCases.filter { _ in Int.random(in: 0..<5, using: &r) > 0 }
        if Int.random(in: 0..<5, using: &r) == 0 { keys.shuffle(using: &r) }
        if Int.random(in: 0..<6, using: &r) == 0, let k = keys.randomElement(using: &r) { keys.append(k) }
        for (n, key) in keys.enumerated() {
            var title = titles[key]!.randomElement(using: &r)!
            if numbered { title = "\(n + 1). " + title }
            if colon { title += ":" }
            out += heading(title) + "\n" + gap
            for _ in 0..<Int.random(in: 0...3, using: &r) {
                out += bodyLine(&r) + "\n"
            }
            if Int.random(in: 0..<5, using: &r) == 0 { out += Snippets.random(&r) + "\n" }
            out += "\n"
            if Int.random(in: 0..<8, using: &r) == 0 { out += heading("Notes") + "\n\nfree text\n\n" }
        }
        if Bool.random(using: &r) { out = out.replacingOccurrences(of: "\n", with: "\r\n") }
        if Bool.random(using: &r) { while out.hasSuffix("\n") || out.hasSuffix("\r") { out.removeLast() } }
        return out
    }

    static let bodyLines = [
        "- item", "- [x] done in src/a.swift:42", "- [ ] open", "1. first", "2) second", "  - nested", "None",
        "Some prose with `code` and **bold**.", "    indented", "\tx", "- é 😀", "* star", "+ plus", "trailing  ",
        "- waiting on ops because reasons",
    ]

    static func bodyLine(_ r: inout SplitMix) -> String {
        Int.random(in: 0..<6, using: &r) == 0 ? "" : bodyLines.randomElement(using: &r)!
    }

    /// New body text for an edit: lines that cannot open a heading, fence or HTML block.
    static func newBody(_ r: inout SplitMix) -> String {
        var lines: [String] = []
        for _ in 0..<Int.random(in: 0...5, using: &r) {
            lines.append(bodyLine(&r) + (Int.random(in: 0..<6, using: &r) == 0 ? "  " : ""))
        }
        return lines.joined(separator: Bool.random(using: &r) ? "\n" : "\r\n") + (Bool.random(using: &r) ? "\n" : "")
    }

    /// What `body(of:)` should give back for a new text: LF endings, no blank lines at either end.
    static func trimmed(_ text: String) -> String {
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
        let blank = { (l: String) in l.allSatisfy { $0 == " " || $0 == "\t" } }
        while let f = lines.first, blank(f) { lines.removeFirst() }
        while let l = lines.last, blank(l) { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// Whether an edit of another section left this section's body alone. The one allowed change:
    /// a fence (or HTML comment) the document left open at its end gets its closing line when
    /// something is appended after it; the section holding it then ends with that line.
    static func unchangedElsewhere(_ doc: HandoffDocument, _ edited: HandoffDocument, _ key: SectionKey) -> Bool {
        let before = doc.body(of: key), after = edited.body(of: key)
        if before == after { return true }
        guard let closer = doc.closerAtEnd, edited.closerAtEnd == nil, after.hasSuffix("\n" + closer) else { return false }
        // Without the closing line and the blank lines before it (byte-wise: a body may hold a
        // lone CR, which a String would merge with the next LF).
        var rest = Array(after.utf8.dropLast(closer.utf8.count + 1))
        while let nl = rest.lastIndex(of: 0x0A), rest[(nl + 1)...].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
            rest.removeSubrange(nl...)
        }
        return rest == Array(before.utf8)
    }

    static var editGen: Generator<(String, SectionKey, String), Shrink.None<(String, SectionKey, String)>> {
        Generator { rng in
            var r = SplitMix(seed: rng.next())
            // Mostly handoff-shaped documents; some of the raw mixes (odd scalars, BOM, CRLF) too,
            // with lone CRs made LFs: the model splits lines at LF only, where CommonMark also
            // splits at a lone CR (see `Snippets`), so a lone CR can hide a blank line from it.
            var raw = text(&r)
            for i in raw.indices where raw[i] == 0x0D && (i + 1 == raw.count || raw[i + 1] != 0x0A) { raw[i] = 0x0A }
            let doc = Int.random(in: 0..<4, using: &r) == 0 ? String(decoding: raw, as: UTF8.self) : handoff(&r)
            return (doc, SectionKey.allCases.randomElement(using: &r)!, newBody(&r))
        }
    }
}

@Suite struct PropertyTests {
    @Test func splittingLinesByBytesMatchesSplittingByCharacters() async throws {
        // The reference: characters split at "\n" and "\r\n", one trailing "\r" dropped.
        func byCharacters(_ text: String) -> [Substring] {
            text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map {
                $0.hasSuffix("\r") ? $0.dropLast() : $0
            }
        }
        let pieces = ["a", "\r", "\n", "\r\n", "\u{301}", "é", " ", "中", "\r\r", "\n\n", "😀"]
        let gen = Generator<String, Shrink.None<String>> { rng in
            var r = SplitMix(seed: rng.next())
            return (0..<Int.random(in: 0...24, using: &r)).map { _ in pieces.randomElement(using: &r)! }.joined()
        }
        await propertyCheck(count: 2000, input: gen) { text in
            #expect(HandoffDocument.splitLines(text).map(String.init) == byCharacters(text).map(String.init),
                    "\(Array(text.utf8))")
        }
        await propertyCheck(count: 300, input: Generate.textGen) { bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(HandoffDocument.splitLines(text).map(String.init) == byCharacters(text).map(String.init))
        }
    }

    @Test func serializeOfParseIsTheInput() async throws {
        await propertyCheck(count: 400, input: Generate.textGen) { bytes in
            let doc = try HandoffDocument(validating: bytes)
            #expect(doc.bytes == bytes)
        }
    }

    @Test func everyDocumentGivesAConsistentModelAndValidJSON() async throws {
        await propertyCheck(count: 300, input: Generate.textGen) { bytes in
            let doc = HandoffDocument(trustedBytes: bytes)
            for case let s? in doc.sections {
                #expect(s.bodyLines.lowerBound == s.heading.endLineIndex + 1)
                #expect(s.items.allSatisfy { s.bodyLines.contains($0.lineIndex) })
                #expect(s.items.map(\.lineIndex) == s.items.map(\.lineIndex).sorted())
                #expect(s.items.allSatisfy { $0.lastLineIndex >= $0.lineIndex && $0.lastLineIndex < s.bodyLines.upperBound })
                #expect(SectionKey(headingText: s.heading.text) == s.key)
            }
            let json = doc.jsonReport(path: "p", problems: doc.problems(CheckOptions(strict: true)))
            #expect((try? JSONSerialization.jsonObject(with: Data(json))) != nil, "\(String(decoding: json, as: UTF8.self))")
        }
    }

    @Test func invalidBytesAreReportedWhereTheyAre() async throws {
        let bad: [[UInt8]] = [[0xFF], [0xC3], [0xE2, 0x28, 0xA1], [0xED, 0xB0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x00]]
        let gen = Generator<([UInt8], Int, [UInt8]), Shrink.None<([UInt8], Int, [UInt8])>> { rng in
            var r = SplitMix(seed: rng.next())
            let text = Generate.text(&r)
            return (text, Int.random(in: 0...text.count, using: &r), bad.randomElement(using: &r)!)
        }
        await propertyCheck(count: 200, input: gen) { text, at, badBytes in
            // Splice only between characters, so the text before stays valid.
            var cut = at
            while cut < text.count, text[cut] & 0xC0 == 0x80 { cut += 1 }
            let bytes = Array(text[..<cut]) + badBytes + Array(text[cut...])
            let line = text[..<cut].filter { $0 == 0x0A }.count + 1
            let column = cut - (text[..<cut].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0) + 1
            let expected: DocumentError = badBytes == [0] ? .nulByte(line: line, column: column) : .invalidUTF8(line: line, column: column)
            #expect(throws: expected) { try HandoffDocument(validating: bytes) }
        }
    }

    /// `replacingBody` rewrites the section's text and nothing else.
    @Test func replacingBodyTouchesOnlyThatSection() async throws {
        await propertyCheck(count: 400, input: Generate.editGen) { text, key, newBody in
            let doc = HandoffDocument(text)
            let edited = doc.replacingBody(of: key, with: newBody)
            let shown = "\(text.debugDescription) \(key) \(newBody.debugDescription) -> \(String(decoding: edited.bytes, as: UTF8.self).debugDescription)"
            let bodyIsNewText = edited.body(of: key) == Generate.trimmed(newBody)
            #expect(bodyIsNewText, "\(shown)")
            let othersUnchanged = SectionKey.allCases.allSatisfy { $0 == key || Generate.unchangedElsewhere(doc, edited, $0) }
            #expect(othersUnchanged, "\(shown)")
            guard let section = doc.section(key) else { return }
            let prefix = doc.bytes[..<doc.source.offset(ofLine: section.heading.endLineIndex + 1)]
            let suffix = doc.bytes[doc.source.offset(ofLine: section.bodyLines.upperBound)...]
            // The one allowed change after the body: an indented heading that the new text would
            // take into a list item loses its (insignificant) indentation. A label's section
            // (docs/FORMAT.md "Labels") ends at a block instead, which is kept apart the same way.
            let dedented = suffix.drop { $0 == 0x20 || $0 == 0x09 }
            let endsAtHeadingOrBlock = doc.headingLines.contains(section.bodyLines.upperBound) || !section.isHeading
            let endsWithSuffix = edited.bytes.reversed().starts(with: suffix.reversed())
                || (endsAtHeadingOrBlock && edited.bytes.reversed().starts(with: dedented.reversed()))
            let outsideUnchanged = edited.bytes.starts(with: prefix) && endsWithSuffix
                && edited.bytes.count >= prefix.count + dedented.count
            #expect(outsideUnchanged, "\(shown)")
            let sameHeading = edited.section(key)?.heading == section.heading
            #expect(sameHeading, "\(shown)")
        }
    }

    @Test func appendingItemAddsExactlyOneItem() async throws {
        await propertyCheck(count: 300, input: Generate.editGen) { text, key, _ in
            let doc = HandoffDocument(text)
            let edited = doc.appendingItem("added in src/new.swift", to: key)
            let shown = "\(text.debugDescription) \(key) -> \(String(decoding: edited.bytes, as: UTF8.self).debugDescription)"
            let addedItems = edited.section(key)?.items.filter { $0.text(in: edited).hasSuffix("added in src/new.swift") } ?? []
            #expect(addedItems.count == 1, "\(shown)")
            // In the style of the last top-level item: ordered lists go on counting.
            if let section = doc.section(key), let first = section.items.first, let new = addedItems.first,
               let last = section.items.last(where: { $0.depth == first.depth }), !doc.isPlaceholder(doc.body(of: key)) {
                let continues = new.ordered == last.ordered && (!last.ordered || new.number == last.number + 1)
                    && new.depth == last.depth
                #expect(continues, "\(shown)")
            }
            let othersUnchanged = SectionKey.allCases.allSatisfy { $0 == key || Generate.unchangedElsewhere(doc, edited, $0) }
            #expect(othersUnchanged, "\(shown)")
        }
    }
}
