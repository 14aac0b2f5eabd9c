import Testing
import HandoffCore
@testable import HandoffEditor

/// Keys in, whole screens out.
@Suite("Screens after key sequences")
struct ScreenTests {
    @Test func typingWideTextAndAListAt60x15() {
        let e = makeEditor("# H\n\n## Next Steps\n\n1. 漢字のテスト and a long line that wraps 🎉\n", columns: 60, rows: 15)
        e.press(.alt("5"), .end, .enter)
        e.type("日本 ✅ done")
        e.press(.ctrl("x"))
        #expect(e.screenText == """
         HANDOFF.md  [modified]                         handoff-tui
         1 Done  2 WIP  3 Blocked  4 Decided  5 Next  6 Gotchas  7
        ╔ 5 Next Steps (0/1) ══════════════════════════════════════╗
        ║1. 漢字のテスト and a long line that wraps 🎉             ║
        ║2. [ ] 日本 ✅ done                                       ║
        ║                                                          ║
        ║                                                          ║
        ║                                                          ║
        ║                                                          ║
        ║                                                          ║
        ║                                                          ║
        ║                                                          ║
        ╚══════════════════════════════════════════════════════════╝
                                                     Ln 2/2, Col 17
        F1 Help  ^S Save  ^Q Quit  ^G Commit  ^F Find  ^Z Undo
        """)
        #expect(e.render().cursor == Position(row: 4, column: 20))
        e.press(.ctrl("z"), .ctrl("z"), .ctrl("z"))
        #expect(e.screen.lines[4] == "║                                                          ║")
        #expect(e.documentText == "# H\n\n## Next Steps\n\n1. 漢字のテスト and a long line that wraps 🎉\n")
    }

    @Test func wrappedWideTextAt40x10() {
        let e = makeEditor("# H\n\n## Gotchas\n\n- 🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉 x\n", columns: 40, rows: 10)
        e.press(.alt("6"))
        #expect(e.screenText == """
         HANDOFF.md                 handoff-tui
         1  2  3  4  5  6 Gotchas  7
        ╔ 6 Gotchas (1) ═══════════════════════╗
        ║-                                     ║
        ║🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉║
        ║🎉 x                                  ║
        ║                                      ║
        ╚══════════════════════════════════════╝
                                  Ln 1/1, Col 1
        F1 Help  ^S Save  ^Q Quit  ^G Commit
        """)
        // The run of emoji has no space to break at: it wraps whole, after "- ".
        e.press(.end)
        #expect(e.render().cursor == Position(row: 5, column: 5))
        e.press(.up)
        #expect(e.render().cursor == Position(row: 4, column: 5))
        #expect(e.panes[5].cursor == Cursor(line: 0, column: 4))
    }

    /// The position is drawn from numbers on every key: when one gains or loses a digit, the
    /// field moves and nothing of the longer one is left on the row.
    @Test func positionFieldAcrossDigitCounts() {
        let e = makeEditor("# H\n\n## Gotchas\n\n" + String(repeating: "- item\n", count: 9), columns: 40, rows: 10)
        // The field ends one column short of the edge; `lines` trims that blank.
        func messageRow(_ label: String) -> String { String(repeating: " ", count: 39 - label.count) + label }
        e.press(.alt("6"))
        #expect(e.screen.lines[8] == messageRow("Ln 1/9, Col 1"))
        e.type("abcdefghi")
        #expect(e.screen.lines[8] == messageRow("Ln 1/9, Col 10"))
        e.press(.enter)
        #expect(e.screen.lines[8] == messageRow("Ln 2/10, Col 1"))
        e.press(.backspace)
        #expect(e.screen.lines[8] == messageRow("Ln 1/9, Col 10"))
        e.press(.backspace)
        #expect(e.screen.lines[8] == messageRow("Ln 1/9, Col 9"))
        for _ in 0..<8 { e.press(.down) }
        e.press(.end)
        #expect(e.screen.lines[8] == messageRow("Ln 9/9, Col 7"))
        // Drawn alone key after key, it is what a whole redraw draws.
        let kept = e.screen.lines[8]
        e.press(.alt("5"), .alt("6"))
        #expect(e.screen.lines[8] == kept)
    }
}

/// Problem marks come from checks a host may run on another thread: their results land
/// only on text that is still what was checked.
@Suite("Problem checks")
struct ProblemCheckTests {
    static let text = """
        # H

        ## Completed
        - [x] done

        ## In Progress
        - work in here.swift:3

        ## Blocked
        - none

        ## Decisions
        - kept it, because simpler

        ## Next Steps
        1. next

        ## Gotchas
        - none

        """

    func marked(_ e: Editor) -> Bool { e.screen.lines[1].contains("2 In Progress (1) !") }

    @Test func marksOfTextEditedSinceAreDropped() {
        let e = Editor(document: HandoffDocument(Self.text), fileName: "HANDOFF.md", size: Size(columns: 120, rows: 30),
                       checkOptions: CheckOptions(fileExists: { !$0.contains("gone") }))
        e.idle()
        #expect(e.screen.lines[1].contains("2 In Progress (1) ─"), "no marks on a clean handoff")
        e.press(.alt("2"), .end)
        e.type(" and gone/a.swift:1")
        let checks = e.takeProblemChecks()
        #expect(checks.count == 1)
        #expect(!e.needsIdle, "taken checks are not handed out twice")
        // Undone before the check's marks come back: they describe text no longer there.
        e.press(.ctrl("z"))
        #expect(!e.apply(checks[0].run()))
        #expect(!marked(e))
        // The text as it is now gets its own check.
        #expect(e.needsIdle)
        e.idle()
        #expect(!marked(e))
        // Redone: its check's marks are current, and show.
        e.press(.ctrl("y"))
        for check in e.takeProblemChecks() { #expect(e.apply(check.run())) }
        #expect(marked(e))
    }

    @Test func aSaveHandsOutOneCheckOfTheWholeDocumentInsteadOfCheckingOnCtrlS() {
        let e = Editor(document: HandoffDocument(Self.text), fileName: "HANDOFF.md", size: Size(columns: 120, rows: 30),
                       checkOptions: CheckOptions(fileExists: { !$0.contains("gone") }))
        e.idle()
        e.press(.alt("2"), .end)
        e.type(" and gone/a.swift:1")
        e.didSave()
        #expect(!marked(e), "not checked on the save itself")
        let checks = e.takeProblemChecks()
        #expect(checks.count == 1, "one check of the document as saved, not one per pane")
        #expect(e.apply(checks[0].run()))
        #expect(marked(e))
    }
}

/// Sections written as labelled list items (`- **Completed:**` over the items), as Codex writes.
@Suite struct LabelItemCountTests {
    @Test("a pane's count leaves out the item that is only its label; an item with text after the label counts")
    func labelItemNotCounted() {
        let e = makeEditor("""
            # Handoff

            - **Completed:**
              - presign endpoint
              - direct upload
            - **In progress:** the mobile client, `mobile/src/upload.ts:40`
            - **Next steps:**
              1. Switch mobile
            """, columns: 120, rows: 30)
        let titles = e.screenText.split(separator: "\n").filter { $0.contains("┌") || $0.contains("╔") }.joined()
        #expect(titles.contains("1 Completed (2)"), "\(titles)")
        #expect(titles.contains("2 In Progress (1)"), "\(titles)")
        #expect(titles.contains("5 Next Steps (1)"), "\(titles)")
        #expect(ListPrefixLabelCheck.cases.allSatisfy { $0.1 == ListPrefix.isLabelOnlyItem($0.0) })
    }
}

enum ListPrefixLabelCheck {
    static let cases: [(String, Bool)] = [
        ("- **Completed:**", true), ("* **Next steps**:", true), ("1. **Decisions**", true), ("  - **Blocked:**  ", true),
        ("- **In progress:** the client", false), ("- plain item", false), ("- ****", false), ("**Completed:**", false),
        ("- **a** and **b**", false),
    ]
}
