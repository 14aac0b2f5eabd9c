import Testing
import HandoffCore
@testable import HandoffEditor

/// Random key sequences over varied documents and sizes: nothing crashes, the cursor stays
/// on screen, each frame differs from the one before only where it says it wrote (the
/// terminal compares nothing else), and whatever was typed, undoing everything gives back
/// the input bytes.
@Suite("Random input")
struct RandomInputTests {
    struct Rng {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(state % UInt64(n))
        }
    }

    static let keys: [Key] = [
        .char("a"), .char(" "), .char("漢"), .char("🎉"), .char("e\u{301}"), .char("-"), .char("1"), .char("."),
        .enter, .tab, .backTab, .backspace, .delete, .up, .down, .left, .right, .home, .end, .pageUp, .pageDown,
        .ctrlLeft, .ctrlRight, .altUp, .altDown, .altLeft, .altRight, .ctrl("k"), .ctrl("u"), .ctrl("x"),
        .ctrl("z"), .ctrl("y"), .function(2), .alt("1"), .alt("4"), .alt("6"), .alt("7"), .alt("7"), .escape, .function(3),
    ]

    @Test(arguments: 0..<16)
    func randomSessions(seed: Int) {
        var rng = Rng(state: UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 | 1)
        let docs = WriteBackTests.documents + [realShaped, "# T\n\n## Completed\n\n- [ ] a\n  - b\n\t- c\n1. d\n\n## Gotchas\n\n漢字 🎉 tab\there\n"]
        let text = docs[seed % docs.count]
        let sizes = [Size(columns: 120, rows: 30), Size(columns: 80, rows: 24), Size(columns: 40, rows: 10),
                     Size(columns: 31, rows: 8), Size(columns: 10, rows: 3)]
        let e = Editor(document: HandoffDocument(text), fileName: "x", size: sizes[seed % sizes.count])
        var edits = 0
        var previous = e.render()
        for _ in 0..<400 {
            switch rng.next(20) {
            case 0: e.handle(.resize(sizes[rng.next(sizes.count)]))
            case 1: e.handle(.click(row: rng.next(30), column: rng.next(120)))
            case 2: e.handle(.wheel(row: rng.next(30), column: rng.next(120), lines: rng.next(7) - 3))
            case 3: e.handle(.paste(["x\ny", "- [ ] p\r\n", "\t", "🇫🇷"][rng.next(4)]))
            case 4:
                e.press(.ctrl("f"))
                e.type(["a", "x", "漢"][rng.next(3)])
                e.press(.enter, .escape)
            default: e.handle(.key(Self.keys[rng.next(Self.keys.count)]))
            }
            edits += 1
            let f = e.render()
            if let c = f.cursor {
                #expect(c.row >= 0 && c.row < f.size.rows && c.column >= 0 && c.column < f.size.columns)
            }
            #expect(f.generation == previous.generation + 1)
            if f.size == previous.size {
                for r in 0..<f.size.rows {
                    let written = f.writtenColumns(inRow: r)
                    for c in 0..<f.size.columns where !written.contains(c) && f[r, c] != previous[r, c] {
                        Issue.record("row \(r) column \(c) changed outside the columns written (\(written))")
                    }
                }
            }
            // What was redrawn in part (the lines typed in) is what drawing it whole gives.
            e.lastScreen = nil
            let whole = e.render()
            if whole != f {
                let rows = (0..<f.size.rows).filter { r in (0..<f.size.columns).contains { f[r, $0] != whole[r, $0] } }
                let cursors = "cursor \(String(describing: f.cursor)), whole \(String(describing: whole.cursor))"
                Issue.record("seed \(seed), input \(edits): redrawn in part, rows \(rows) differ from a whole redraw; \(cursors)")
            }
            previous = whole
            if edits % 50 == 0 { e.idle() }
        }
        // Undo all the way back: the document is the input again, byte for byte.
        for _ in 0..<2000 { e.press(.ctrl("z")) }
        let out = e.document()
        for key in SectionKey.allCases {
            #expect(out.body(of: key) == HandoffDocument(text).body(of: key))
        }
        #expect(out.bytes == HandoffDocument(text).bytes)
    }
}
