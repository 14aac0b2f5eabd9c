import Foundation
import Testing
@testable import HandoffCore

/// The scanner against cmark, the CommonMark reference implementation: random documents made of
/// risky snippets (see `Snippets`), comparing the top-level headings (line, level) and the start
/// and last non-blank lines of list items outside block quotes (`Item.lastLineIndex`, which
/// `check` and `appendingItem` rely on). A disagreement is minimized (lines dropped while it
/// persists) and printed, ready to become a named regression test.
@Suite(.enabled(if: Cmark.isAvailable, "needs cmark (the CommonMark reference implementation) on PATH"))
struct CmarkDifferentialTests {
    /// Fixed so failures reproduce; `HANDOFF_DIFF_SEED` / `HANDOFF_DIFF_CASES` explore further.
    static let seed: UInt64 = ProcessInfo.processInfo.environment["HANDOFF_DIFF_SEED"].flatMap { UInt64($0) }
        ?? 0x4841_4E44_4F46_4601
    static let cases = ProcessInfo.processInfo.environment["HANDOFF_DIFF_CASES"].flatMap { Int($0) } ?? 700

    @Test func scannerAgreesWithCmarkOnRandomDocuments() throws {
        var rng = SplitMix(seed: Self.seed)
        var failures = 0
        var headings = 0, items = 0
        for n in 0..<Self.cases {
            let doc = n % 3 == 2 ? Snippets.soup(&rng) : Snippets.document(&rng)
            // Some documents get CRLF endings, a BOM or no final newline: cmark handles all three.
            var text = doc
            switch n % 7 {
            case 1: text = text.replacingOccurrences(of: "\n", with: "\r\n")
            case 2: text = "\u{FEFF}" + text
            case 3: while text.hasSuffix("\n") { text.removeLast() }
            default: break
            }
            let bytes = Array(text.utf8)
            let expected = try Cmark.structure(bytes)
            let actual = BlockScanner.structure(bytes)
            headings += expected.headings.count
            items += expected.itemLines.count
            if expected != actual {
                failures += 1
                let small = try minimize(bytes)
                let shown = String(decoding: small, as: UTF8.self).debugDescription
                Issue.record("""
                    case \(n): scanner and cmark disagree; minimized: \(shown)
                    cmark:   \(try Cmark.structure(small))
                    scanner: \(BlockScanner.structure(small))
                    """)
                if failures >= 5 { return }
            }
        }
        // Not a vacuous comparison: the documents hold plenty of both.
        #expect(headings > Self.cases / 2 && items > Self.cases / 2, "headings \(headings), items \(items)")
    }

    /// Drops lines, each with its own ending (so CRLF, a BOM or a missing final newline stay
    /// as they were), while the disagreement persists.
    func minimize(_ bytes: [UInt8]) throws -> [UInt8] {
        func disagrees(_ lines: [ArraySlice<UInt8>]) throws -> Bool {
            let b = Array(lines.joined())
            return try Cmark.structure(b) != BlockScanner.structure(b)
        }
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { ArraySlice($0 + [0x0A]) }
        if bytes.last == 0x0A { lines.removeLast() } else if let last = lines.indices.last { lines[last].removeLast() }
        guard try disagrees(lines) else { return bytes }
        var changed = true
        while changed {
            changed = false
            var i = 0
            while i < lines.count {
                var shorter = lines
                shorter.remove(at: i)
                if try disagrees(shorter) { lines = shorter; changed = true } else { i += 1 }
            }
        }
        return Array(lines.joined())
    }
}
