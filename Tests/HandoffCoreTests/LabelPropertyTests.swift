import Foundation
import Testing
@testable import HandoffCore

// Random handoffs written with labels instead of headings (the shapes of docs/FORMAT.md
// "Labels"), edited through the model: the edited section says what was written, every other
// section keeps its text, and nothing else moves. Seeded, so a failure names its document.
@Suite struct LabelPropertyTests {
    static let labelForms: [@Sendable (SectionKey) -> String] = [
        { "**\($0.canonicalTitle):**" }, { "**\($0.canonicalTitle)**" }, { $0.canonicalTitle.uppercased() + ":" },
        { "✅ **\($0.canonicalTitle)**" },
    ]
    static let bodies = ["- a\n- b", "1. one\n2. two", "Some prose\nover two lines.", "- [x] done\n  - nested",
                         "```\ncode\n```", "None", "- item\n\n- loose item", "   indented para"]
    static let fillers = ["Closing words.", "## Notes\n\nkept", "---", "> quoted", "   ```\n   fenced\n   ```", ""]

    static func document(_ r: inout SplitMix) -> (String, [SectionKey]) {
        var out = "# Handoff\n\n"
        var keys: [SectionKey] = []
        for key in SectionKey.allCases.shuffled(using: &r) where Bool.random(using: &r) || keys.isEmpty {
            keys.append(key)
            if Int.random(in: 0..<4, using: &r) == 0 {
                // A bold label opening a paragraph or a list item.
                out += Bool.random(using: &r) ? "**\(key.canonicalTitle):** inline text\n" : "- **\(key.canonicalTitle):** inline text\n"
            } else {
                out += labelForms.randomElement(using: &r)!(key) + (Bool.random(using: &r) ? "\n" : "\n\n")
                out += bodies.randomElement(using: &r)! + "\n"
            }
            out += Bool.random(using: &r) ? "\n" : "\n\n"
            if Int.random(in: 0..<3, using: &r) == 0 { out += fillers.randomElement(using: &r)! + "\n\n" }
        }
        return (out, keys)
    }

    @Test func editsThroughLabelsKeepEverythingElse() {
        var r = SplitMix(seed: 0x1AB_E15)
        var checked = 0
        for _ in 0..<400 {
            let (text, _) = Self.document(&r)
            let doc = HandoffDocument(text)
            #expect(doc.bytes == Array(text.utf8))
            for key in SectionKey.allCases {
                guard let section = doc.section(key), !section.isHeading else { continue }
                checked += 1
                // The label's own line is content for an inline label: keep it in the new text.
                let keep = section.heading.form == .heading || section.heading.form == .label ? "" : doc.source.lineText(section.heading.lineIndex) + "\n"
                let written = Self.bodies.randomElement(using: &r)!
                let newBody = keep + written
                let edited = doc.replacingBody(of: key, with: newBody)
                // Under an item label, the lines after the label's go under its text.
                let nested = section.heading.form == .itemLabel
                    ? keep + Generate.trimmed(written).split(separator: "\n", omittingEmptySubsequences: false)
                        .map { $0.isEmpty || $0.hasPrefix("  ") ? String($0) : "  " + $0 }.joined(separator: "\n")
                    : newBody
                #expect(edited.body(of: key) == Generate.trimmed(nested), "\(text.debugDescription) \(key)")
                for other in SectionKey.allCases where other != key && doc.section(other) != nil {
                    #expect(edited.body(of: other) == doc.body(of: other), "\(text.debugDescription) \(key) → \(other)")
                }
                // Only the section's lines changed: the bytes before its body are the same.
                let before = doc.source.offset(ofLine: section.bodyLines.lowerBound)
                #expect(Array(edited.bytes.prefix(before)) == Array(doc.bytes.prefix(before)), "\(text.debugDescription) \(key)")

                let added = doc.appendingItem("added item", to: key)
                let last = added.section(key)?.items.last.map { $0.text(in: added) }
                #expect(last == "added item", "\(text.debugDescription) \(key)")
                for other in SectionKey.allCases where other != key && doc.section(other) != nil {
                    #expect(added.body(of: other) == doc.body(of: other), "\(text.debugDescription) add \(key) → \(other)")
                }
            }
        }
        #expect(checked > 300)
    }
}
