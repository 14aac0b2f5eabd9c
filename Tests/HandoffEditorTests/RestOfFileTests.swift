import Testing
import HandoffCore
@testable import HandoffEditor

/// A handoff as people and agents write them: front matter, a title, a summary, sections
/// outside the six, and an older session appended with the same section.
let realShaped = """
---
date: 2026-12-01
agent: claude-code
---
# Handoff: search indexer

Summary: the indexer now streams; the ranking change waits on review.

## Completed

- [x] Streaming indexer

## Key Files

- `Sources/Indexer/Stream.swift` — the new reader

## Next Steps

1. Land the ranking change

## Environment

Swift 6.3 on Debian

## Completed

- [x] Older session's work

"""

/// The document's bytes with one exact piece of text replaced (which must occur once).
func replacingOnce(_ text: String, _ old: String, _ new: String) -> [UInt8] {
    precondition(text.ranges(of: old).count == 1, "\(old) must occur once")
    return Array(text.replacing(old, with: new).utf8)
}

/// Moves the rest pane's cursor to the start of the line that reads `text`.
func goToRestLine(_ e: Editor, _ text: String) {
    if e.focusedSection != nil { e.press(.alt("7")) }
    let pane = e.panes[Editor.restPane]
    let line = (0..<pane.buffer.count).first { pane.buffer[$0] == text }!
    // Up to the first line (a line at a time: a wrapped line takes several rows), then down.
    while e.panes[Editor.restPane].cursor.line > 0 { e.press(.up) }
    e.press(.home)
    while e.panes[Editor.restPane].cursor.line < line { e.press(.down) }
    e.press(.home)
}

@Suite("The rest of the file")
struct RestOfFileTests {
    @Test func showsEverythingOutsideTheSixInFileOrder() {
        let e = makeEditor(realShaped, columns: 80, rows: 26)
        e.press(.alt("7"))
        #expect(e.screenText == """
         HANDOFF.md                                                         handoff-tui
        ╔ 7 Rest of the file (Alt-1…6: panes) ═════════════════════════════════════════╗
        ║---                                                                           ║
        ║date: 2026-12-01                                                              ║
        ║agent: claude-code                                                            ║
        ║---                                                                           ║
        ║# Handoff: search indexer                                                     ║
        ║                                                                              ║
        ║Summary: the indexer now streams; the ranking change waits on review.         ║
        ║                                                                              ║
        ║── 1 Completed (Alt-1): ## Completed ──                                       ║
        ║## Key Files                                                                  ║
        ║                                                                              ║
        ║- `Sources/Indexer/Stream.swift` — the new reader                             ║
        ║                                                                              ║
        ║── 5 Next Steps (Alt-5): ## Next Steps ──                                     ║
        ║## Environment                                                                ║
        ║                                                                              ║
        ║Swift 6.3 on Debian                                                           ║
        ║                                                                              ║
        ║## Completed                                                                  ║
        ║                                                                              ║
        ║- [x] Older session's work                                                    ║
        ╚══════════════════════════════════════════════════════════════════════════════╝
         Completed appears 1 more time here: Alt-7 goes to it            Ln 1/21, Col 1
        F1 Help  ^S Save  ^Q Quit  ^G Commit  ^F Find  ^Z Undo  ^Y Redo  ^K Cut
        """)
        // The markers are not the file's text: drawn dim.
        #expect(e.screen.roles(10)[1] == .dim)
        #expect(e.screen.roles(11)[1] == .text)
        // Looking changes nothing.
        #expect(e.document().bytes == Array(realShaped.utf8))
    }

    @Test func aPaneSaysItsSectionAppearsAgainAndAlt7GoesThere() {
        let e = makeEditor(realShaped, columns: 80, rows: 24)
        #expect(e.screen.lines[1].hasPrefix("╔ 1 Completed (1/1) +1 in Rest ═"))
        #expect(e.screen.lines[1].contains("5 Next Steps") == false)
        e.press(.alt("7"))
        #expect(e.focusedSection == nil)
        #expect(e.panes[Editor.restPane].cursor.line == 0)
        e.press(.alt("7"))
        let rest = e.panes[Editor.restPane]
        #expect(rest.buffer[rest.cursor.line] == "## Completed")
        #expect(rest.cursor.line == 18)
        #expect(e.screenText.contains("Completed: occurrence 2 of 2 (Alt-7: next)"))
        // From a pane without later occurrences, Alt-7 twice stays where the rest was.
        e.press(.alt("5"), .alt("7"), .alt("7"))
        #expect(e.panes[Editor.restPane].cursor.line == 18)
    }

    @Test func editingALineChangesOnlyItsBytes() {
        let e = makeEditor(realShaped)
        goToRestLine(e, "Swift 6.3 on Debian")
        e.press(.end)
        e.type(" 13")
        #expect(e.isModified)
        #expect(e.document().bytes == replacingOnce(realShaped, "Swift 6.3 on Debian\n", "Swift 6.3 on Debian 13\n"))
        // The title and the front matter too.
        goToRestLine(e, "# Handoff: search indexer")
        e.press(.end)
        e.press(.backspace, times: 8)
        goToRestLine(e, "agent: claude-code")
        e.press(.end)
        e.type(" (opus)")
        var expected = realShaped.replacing("Swift 6.3 on Debian\n", with: "Swift 6.3 on Debian 13\n")
        expected = expected.replacing("# Handoff: search indexer\n", with: "# Handoff: search\n")
        expected = expected.replacing("agent: claude-code\n", with: "agent: claude-code (opus)\n")
        #expect(e.document().bytes == Array(expected.utf8))
        #expect(e.text(of: .completed) == "- [x] Streaming indexer")
    }

    @Test func crlfAndNoFinalNewlineStayAsTheyWere() {
        let text = "# T\r\n\r\nIntro\r\n\r\n## Completed\r\n\r\n- a\r\n\r\n## Notes\r\n\r\nlast line"
        let e = makeEditor(text)
        goToRestLine(e, "Intro")
        e.press(.end)
        e.type("!")
        e.press(.enter)
        e.type("More")
        goToRestLine(e, "last line")
        e.press(.end)
        e.type(".")
        #expect(e.document().bytes == Array("# T\r\n\r\nIntro!\r\nMore\r\n\r\n## Completed\r\n\r\n- a\r\n\r\n## Notes\r\n\r\nlast line.".utf8))
    }

    @Test func aPaneAndTheRestEditedTogetherThenUndoneAcross() {
        let e = makeEditor(realShaped)
        e.press(.alt("5"), .end, .enter)
        e.type("Tag the release")
        goToRestLine(e, "## Environment")
        e.press(.end)
        e.type(" (CI)")
        let both = realShaped
            .replacing("1. Land the ranking change\n", with: "1. Land the ranking change\n2. Tag the release\n")
            .replacing("## Environment\n", with: "## Environment (CI)\n")
        #expect(e.document().bytes == Array(both.utf8))
        e.didSave()
        #expect(e.screenText.contains("Saved"))
        // Undo goes back through both, showing the pane it changes.
        e.press(.ctrl("z"))
        #expect(e.focusedSection == nil)
        #expect(e.documentText == realShaped
            .replacing("1. Land the ranking change\n", with: "1. Land the ranking change\n2. Tag the release\n"))
        e.press(.ctrl("z"), .ctrl("z"))
        #expect(e.focusedSection == .nextSteps)
        #expect(e.document().bytes == Array(realShaped.utf8))
        e.press(.ctrl("y"), .ctrl("y"), .ctrl("y"))
        #expect(e.document().bytes == Array(both.utf8))
    }

    @Test func markersCannotBeEditedOrJoined() {
        let e = makeEditor(realShaped)
        goToRestLine(e, "## Key Files")
        // Backspace at the start of the line after a marker would join it to the marker.
        e.press(.backspace)
        #expect(e.screenText.contains("That line stands for a section"))
        e.press(.up)
        e.type("x")
        e.press(.enter, .ctrl("k"), .ctrl("x"), .delete)
        e.handle(.paste("pasted\ntext"))
        // Delete at the end of the line before a marker would join it to the marker.
        goToRestLine(e, "Summary: the indexer now streams; the ranking change waits on review.")
        e.press(.down, .end, .delete)
        #expect(e.panes[Editor.restPane].cursor.line == 7)
        #expect(e.document().bytes == Array(realShaped.utf8))
        #expect(!e.isModified)
        #expect(e.restText.contains("── 1 Completed (Alt-1): ## Completed ──\n## Key Files"))
    }

    @Test func cuttingAPieceAwayKeepsALineToTypeIn() {
        let text = "# T\n\n## Completed\n\n- a\n\n## Notes\n\n## Gotchas\n\n- g\n"
        let e = makeEditor(text)
        goToRestLine(e, "## Notes")
        e.press(.ctrl("k"), .ctrl("k"))
        #expect(e.restText == "# T\n\n── 1 Completed (Alt-1): ## Completed ──\n\n── 6 Gotchas (Alt-6): ## Gotchas ──")
        #expect(e.documentText == "# T\n\n## Completed\n\n- a\n\n## Gotchas\n\n- g\n")
    }

    @Test func aDocumentWithNoRest() {
        let text = "## Completed\n\n- a\n\n## Gotchas\n\n- b\n"
        let e = makeEditor(text, columns: 60, rows: 10)
        e.press(.alt("7"))
        #expect(e.screenText == """
         HANDOFF.md                                     handoff-tui
         1  2  3  4  5  6  7 Rest
        ╔ 7 Rest of the file ══════════════════════════════════════╗
        ║                                                          ║
        ║── 1 Completed (Alt-1): ## Completed ──                   ║
        ║── 6 Gotchas (Alt-6): ## Gotchas ──                       ║
        ║                                                          ║
        ╚══════════════════════════════════════════════════════════╝
                                                      Ln 1/3, Col 1
        F1 Help  ^S Save  ^Q Quit  ^G Commit  ^F Find  ^Z Undo
        """)
        #expect(e.document().bytes == Array(text.utf8))
        // The first line is a place for a title before the first section.
        e.type("# Handoff")
        e.press(.enter)
        #expect(e.documentText == "# Handoff\n\n" + text)
        let empty = makeEditor("")
        #expect(empty.restText == "")
        empty.press(.alt("7"))
        empty.type("# T")
        #expect(empty.documentText == "# T\n")
    }

    @Test func theRestAt30x8() {
        let e = makeEditor(realShaped, columns: 30, rows: 8)
        e.press(.alt("7"))
        #expect(e.screenText == """
         HANDOFF.md
         1  2  3  4  5  6  7 Rest
        ╔ 7 Rest of the file ════════╗
        ║---                         ║
        ║date: 2026-12-01            ║
        ╚════════════════════════════╝
         Completed app Ln 1/21, Col 1
        F1 Help  ^S Save  ^Q Quit
        """)
        goToRestLine(e, "Swift 6.3 on Debian")
        e.type("OS: ")
        #expect(e.screen.lines.contains("║OS: Swift 6.3 on Debian     ║"))
        #expect(e.document().bytes == replacingOnce(realShaped, "Swift 6.3 on Debian", "OS: Swift 6.3 on Debian"))
        // Tab cycles through the seven, the tab bar follows.
        e.press(.tab)
        #expect(e.focusedSection == .completed)
        #expect(e.screen.lines[1] == " 1 Completed  2  3  4  5  6  7")
    }

    @Test func anEditThatMovesTextIntoASectionIsShownAndSaid() {
        let e = makeEditor(realShaped)
        // Without its heading, the Key Files text is read as the end of Completed's body.
        goToRestLine(e, "## Key Files")
        e.press(.ctrl("k"))
        let expected = replacingOnce(realShaped, "## Key Files\n", "")
        #expect(e.document().bytes == expected)
        e.didSave()
        #expect(e.text(of: .completed) == "- [x] Streaming indexer\n\n\n- `Sources/Indexer/Stream.swift` — the new reader")
        #expect(e.screenText.contains("Saved; Completed shown as the file now reads it (see Alt-7)"))
        #expect(!e.restText.contains("Stream.swift"))
        // Typing a missing section's heading in the rest gives that pane its text.
        goToRestLine(e, "## Environment")
        e.press(.home)
        e.handle(.paste("## Gotchas\n\n- The index is rebuilt on start\n\n"))
        e.didSave()
        #expect(e.text(of: .gotchas) == "- The index is rebuilt on start")
        #expect(e.restText.contains("── 6 Gotchas (Alt-6): ## Gotchas ──\n## Environment"))
        // Undo of the rest's text is gone with the lines it named; the file is as saved.
        #expect(e.documentText.contains("## Gotchas\n\n- The index is rebuilt on start\n\n## Environment\n"))
    }

    @Test func aFileWithNoneOfTheSixOpensOnTheRest() {
        let text = "# Deploy notes\n\nThe cluster runs 1.31 since Friday.\n"
        let e = makeEditor(text, columns: 60, rows: 10)
        #expect(e.focusedSection == nil)
        #expect(e.screenText == """
         HANDOFF.md                                     handoff-tui
         1  2  3  4  5  6  7 Rest
        ╔ 7 Rest of the file ══════════════════════════════════════╗
        ║# Deploy notes                                            ║
        ║                                                          ║
        ║The cluster runs 1.31 since Friday.                       ║
        ║                                                          ║
        ╚══════════════════════════════════════════════════════════╝
         None of the six sections found: this is the  Ln 1/3, Col 1
        F1 Help  ^S Save  ^Q Quit  ^G Commit  ^F Find  ^Z Undo
        """)
        // The six panes are one key away, as always; the template's empty sections do not
        // count as none (they are sections), nor does an empty file.
        e.press(.alt("1"))
        #expect(e.focusedSection == .completed)
        #expect(makeEditor(HandoffDocument.template(date: "2026-12-07", branch: nil)).focusedSection == .completed)
        #expect(makeEditor("").focusedSection == .completed)
    }

    @Test func theTabBarAndZoomWithTheRest() {
        let e = makeEditor(realShaped, columns: 60, rows: 15)
        #expect(e.screen.lines[1] == " 1 Done  2 WIP  3 Blocked  4 Decided  5 Next  6 Gotchas  7")
        e.handle(.click(row: 1, column: 57))
        #expect(e.focusedSection == nil)
        #expect(e.screen.lines[1] == " 1  2  3  4  5  6  7 Rest")
        e.handle(.click(row: 1, column: 1))
        #expect(e.focusedSection == .completed)
        // The footer names the key where it has room.
        #expect(makeEditor(realShaped, columns: 130, rows: 30).screen.lines[29].hasSuffix("Tab Pane  M-7 Rest"))
        // In a grid the rest fills the window already: F2 leaves it so, and the grid comes back.
        let g = makeEditor(realShaped, columns: 80, rows: 24)
        g.press(.alt("7"), .function(2), .alt("2"))
        #expect(g.screen.lines[1].hasPrefix("┌ 1 Completed (1/1) +1 in Rest ─"))
        #expect(g.screen.lines[1].contains("╔ 2 In Progress ═"))
    }

    /// A pane re-read on saving is drawn again, though its new text has the version count
    /// of the text it replaces.
    @Test func aPaneReReadOnSavingIsDrawnAgain() {
        let e = makeEditor(realShaped, columns: 80, rows: 24)
        goToRestLine(e, "## Key Files")
        e.press(.ctrl("k"), .alt("5"))
        #expect(!e.screenText.contains("Stream.swift"))
        _ = e.document()
        e.didSave()
        #expect(e.screen.lines[5].hasPrefix("│- `Sources/Indexer/Stream.swift` —    │"))
    }

    /// A heading typed into a pane ends its section there: saved as typed, the pane then
    /// shows its section only, the heading is in the rest, and the next save does not write
    /// the heading's lines a second time (as it did when the pane kept showing them).
    @Test func aHeadingTypedIntoAPaneMovesToTheRestOnSaving() {
        let text = "# T\n\n## Completed\n\n- a\n\n## Gotchas\n\n- g\n"
        let e = makeEditor(text)
        e.press(.end, .enter)
        e.handle(.paste("b\n\n## Foo\n\nbar"))
        let once = "# T\n\n## Completed\n\n- a\n- b\n\n## Foo\n\nbar\n\n## Gotchas\n\n- g\n"
        #expect(e.documentText == once)
        e.didSave()
        #expect(e.text(of: .completed) == "- a\n- b")
        #expect(e.screenText.contains("Saved; Completed shown as the file now reads it (see Alt-7)"))
        #expect(e.restText == "# T\n\n── 1 Completed (Alt-1): ## Completed ──\n## Foo\n\nbar\n\n── 6 Gotchas (Alt-6): ## Gotchas ──")
        e.type("!")
        #expect(e.documentText == once.replacing("- b\n", with: "- b!\n"))
        // An unclosed fence typed into a pane makes the rest of the file code in that section.
        let f = makeEditor(text)
        f.press(.end, .enter, .backspace, .backspace)   // out of the list
        f.handle(.paste("```"))
        f.didSave()
        #expect(f.text(of: .completed) == "- a\n```\n\n## Gotchas\n\n- g")
        #expect(f.text(of: .gotchas) == "")
        f.press(.alt("1"))
        f.press(.down, times: 10)   // down past the last row: the end of the text
        f.type(" ok")
        #expect(f.documentText == "# T\n\n## Completed\n\n- a\n```\n\n## Gotchas\n\n- g ok\n")
    }

    @Test func findLooksInTheRest() {
        let e = makeEditor(realShaped)
        e.press(.ctrl("f"))
        e.type("debian")
        #expect(e.focusedSection == nil)
        let rest = e.panes[Editor.restPane]
        #expect(rest.buffer[rest.cursor.line] == "Swift 6.3 on Debian")
        // The markers' words are not the file's: "Alt-5" is found nowhere.
        e.press(.escape, .escape, .ctrl("f"))
        e.press(.backspace, times: 6)
        e.type("Alt-5")
        #expect(e.screenText.contains("Not found: Alt-5"))
    }

    @Test func theRecoverySnapshotHasTheRestsEdits() {
        let e = makeEditor(realShaped)
        goToRestLine(e, "Swift 6.3 on Debian")
        e.type("OS: ")
        e.press(.alt("2"))
        e.type("Ranking")
        let snapshot = e.snapshot().document().bytes
        #expect(snapshot == e.document().bytes)
        #expect(String(decoding: snapshot, as: UTF8.self).contains("OS: Swift 6.3 on Debian\n"))
    }

    @Test func aByteOrderMarkStaysFirst() {
        let text = "\u{FEFF}# T\n\n## Completed\n\n- a\n"
        let e = makeEditor(text)
        #expect(e.restText.hasPrefix("# T\n"))
        goToRestLine(e, "# T")
        e.press(.end)
        e.type("itle")
        #expect(e.documentText == "\u{FEFF}# Title\n\n## Completed\n\n- a\n")
        let headless = makeEditor("\u{FEFF}## Completed\n\n- a\n")
        headless.press(.alt("7"))
        headless.type("# T")
        headless.press(.enter)
        #expect(headless.documentText == "\u{FEFF}# T\n\n## Completed\n\n- a\n")
    }
}

@Suite("The rest of the file, written back")
struct RestWriteBackTests {
    /// Typed at the start of the rest's first line, a character lands at the start of the
    /// file (after a byte-order mark), whatever the document: every other byte stays.
    @Test(arguments: WriteBackTests.documents + [realShaped])
    func typingAtTheTopChangesOneByte(_ text: String) {
        let e = makeEditor(text)
        #expect(e.document().bytes == Array(text.utf8))
        e.press(.alt("7"))
        e.type("Z")
        let doc = HandoffDocument(text)
        var expected = Array(text.utf8)
        // A file that starts with a section has an empty head: "Z" comes as a line of its own.
        let head = RestOfFile.pieces(of: doc)[0]
        let typed = head.first == head.end ? "Z" + doc.source.dominantLineEnding.rawValue : "Z"
        expected.insert(contentsOf: typed.utf8, at: expected.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0)
        #expect(e.document().bytes == expected)
    }

    /// The rest is every line outside the six sections' ranges, computed from them: with the
    /// sections' lines, it makes up the whole file, each line once.
    @Test(arguments: WriteBackTests.documents + [realShaped])
    func theRestAndTheSectionsCoverTheFile(_ text: String) {
        let doc = HandoffDocument(text)
        // (Two keys may share one section: a line counts once for the sections.)
        var inSection = Array(repeating: false, count: doc.source.lineCount)
        for case let s? in doc.sections {
            for l in s.heading.lineIndex..<s.bodyLines.upperBound { inSection[l] = true }
        }
        var inRest = Array(repeating: 0, count: doc.source.lineCount)
        for p in RestOfFile.pieces(of: doc) {
            for l in p.first..<p.end { inRest[l] += 1 }
        }
        #expect((0..<doc.source.lineCount).allSatisfy { inRest[$0] == (inSection[$0] ? 0 : 1) })
    }
}
