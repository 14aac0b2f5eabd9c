import Foundation
import HandoffCore
import Testing
@testable import HandoffEditor

/// `review`: the panes read-only over a committed version, each item marked with what
/// changed since the version before; `review --working`: decisions item by item.
@Suite struct ReviewTests {
    static let before = """
    # Handoff 2026-12-01

    ## Completed
    - Set up the repo

    ## In Progress
    - [ ] Auth flow
      - token refresh
    - [ ] Login page

    ## Blocked
    None

    ## Decisions
    - Use SQLite

    ## Next Steps
    1. Write tests
    2. Ship it

    ## Gotchas
    - Port 8080 is taken

    """

    static let after = """
    # Handoff 2026-12-02

    ## Completed
    - Set up the repo

    ## In Progress
    - [x] Auth flow
      - token refresh
    - [ ] Login page

    ## Blocked
    None

    ## Decisions
    - Use SQLite for storage

    ## Next Steps
    2. Ship it

    ## Gotchas
    - Port 8080 is taken
    - CI needs Node 20

    """

    func reviewing(approving: Bool = false, columns: Int = 120, rows: Int = 30) -> Editor {
        let e = Editor(document: HandoffDocument(Self.after), fileName: "HANDOFF.md", size: Size(columns: columns, rows: rows))
        e.showReview(ReviewSubject(document: HandoffDocument(Self.after), previous: HandoffDocument(Self.before),
                                   header: "abc1234 Bob 2026-12-02 session: auth done · not acknowledged", approving: approving))
        return e
    }

    @Test func marksEachChangeInItsPane() {
        let e = reviewing()
        #expect(e.text(of: .inProgress) == "✓ - [x] Auth flow\n    - token refresh\n  - [ ] Login page")
        #expect(e.text(of: .decisions) == "~ - Use SQLite for storage")
        #expect(e.text(of: .gotchas) == "  - Port 8080 is taken\n+ - CI needs Node 20")
        // The removed step stands where it stood, dim.
        #expect(e.text(of: .nextSteps) == "− 1. Write tests\n  2. Ship it")
        let screen = e.screen
        let text = screen.text
        #expect(text.contains("REVIEW  abc1234 Bob 2026-12-02 session: auth done · not acknowledged"))
        let row = screen.lines.firstIndex { $0.contains("− 1. Write tests") }!
        let col = screen.lines[row].distance(from: screen.lines[row].startIndex, to: screen.lines[row].range(of: "Write")!.lowerBound)
        #expect(screen.roles(row)[col] == .dim)
        // The marks of this version's items in the mark colour; the text as text.
        let added = screen.lines.firstIndex { $0.contains("+ - CI needs Node 20") }!
        let plus = screen.lines[added].distance(from: screen.lines[added].startIndex, to: screen.lines[added].range(of: "+ - CI")!.lowerBound)
        #expect(screen.roles(added)[plus] == .modifiedMark)
        #expect(screen.roles(added)[plus + 4] == .text)
        // The title counts the version's items, not the marks.
        #expect(text.contains("2 In Progress (1/2)"))
        #expect(text.contains("^Y Copy"))
    }

    @Test func typingChangesNothingAndSaysWhichKeysWork() {
        let e = reviewing()
        let before = e.text(of: .completed)
        for input: Input in [.key(.char("x")), .key(.enter), .key(.backspace), .key(.delete), .key(.ctrl("k")),
                             .key(.ctrl("u")), .key(.ctrl("x")), .key(.ctrl("z")), .key(.altUp), .paste("pasted"),
                             .key(.ctrl("s")), .key(.ctrl("g"))] {
            #expect(e.handle(input) == .none)
        }
        #expect(e.text(of: .completed) == before)
        #expect(!e.isModified)
        #expect(e.screenText.contains("Read-only: Alt-←/→ versions, ^Y copy item to yours, ^A adopt, ^R acknowledge"))
        #expect(e.document().bytes == Array(Self.after.utf8))
    }

    @Test func reviewKeysAskTheHost() {
        let e = reviewing()
        #expect(e.handle(.key(.altLeft)) == .review(.older))
        #expect(e.handle(.key(.altRight)) == .review(.newer))
        #expect(e.handle(.key(.ctrl("a"))) == .review(.adopt))
        #expect(e.handle(.key(.ctrl("r"))) == .review(.acknowledge))
        #expect(e.handle(.key(.ctrl("q"))) == .quit)
        // The copy carries the item under the cursor with its nested items.
        e.press(.alt("2"))
        #expect(e.handle(.key(.ctrl("y"))) == .review(.copy(section: .inProgress, text: "Auth flow\n- token refresh", checked: true)))
        e.press(.down)
        #expect(e.handle(.key(.ctrl("y"))) == .review(.copy(section: .inProgress, text: "token refresh", checked: nil)))
        // A removed item can be copied back too.
        e.press(.alt("5"))
        #expect(e.handle(.key(.ctrl("y"))) == .review(.copy(section: .nextSteps, text: "Write tests", checked: nil)))
    }

    @Test func movingOntoAChangedItemSaysWhatItWas() {
        let e = reviewing()
        e.press(.alt("4"))
        #expect(e.screenText.contains("Was: Use SQLite"))
        e.press(.alt("6"), .down)
        #expect(e.screenText.contains("Added since the version before"))
    }

    @Test func anotherVersionMovesTheMarks() {
        let e = reviewing()
        e.showReview(ReviewSubject(document: HandoffDocument(Self.before), previous: nil, header: "def5678 Alice first"))
        #expect(e.text(of: .decisions) == "+ - Use SQLite")
        #expect(e.screenText.contains("def5678 Alice first"))
        e.setReviewHeader("def5678 Alice first · read by Carol")
        #expect(e.screenText.contains("read by Carol"))
    }

    @Test func helpAndFooterListTheReviewKeys() {
        let e = reviewing(columns: 100, rows: 60)
        e.press(.function(1))
        let text = e.screenText
        for entry in KeyBindings.review where !entry.does.isEmpty { #expect(text.contains(entry.does)) }
    }

    // MARK: - Approving a draft

    @Test func approvingWritesOnlyTheDecidedBytes() {
        let e = reviewing(approving: true)
        #expect(e.text(of: .gotchas) == "   - Port 8080 is taken\n+? - CI needs Node 20")
        // Accept the checked item, drop the added Gotcha, edit the reworded decision,
        // restore the removed step.
        e.press(.alt("2"))
        e.type("a")
        e.press(.alt("6"), .down)
        e.type("d")
        e.press(.alt("4"))
        e.type("e")
        #expect(e.screenText.contains("Edit item: Use SQLite for storage"))
        e.press(.backspace, times: 12)
        e.type(" (local only)")
        e.press(.enter)
        e.press(.alt("5"))
        e.type("d")
        #expect(e.reviewDecisionCount == 4)
        #expect(e.text(of: .decisions) == "~✎ - Use SQLite (local only)")
        #expect(e.text(of: .gotchas) == "   - Port 8080 is taken\n+✗ - CI needs Node 20")
        let result = String(decoding: e.approvedDocument().bytes, as: UTF8.self)
        let expected = Self.after
            .replacingOccurrences(of: "- Use SQLite for storage", with: "- Use SQLite (local only)")
            .replacingOccurrences(of: "- CI needs Node 20\n", with: "")
            .replacingOccurrences(of: "## Next Steps\n2. Ship it", with: "## Next Steps\n1. Write tests\n2. Ship it")
        #expect(result == expected)
    }

    @Test func approvingDropsAChangeBackToTheCommittedText() {
        let e = reviewing(approving: true)
        e.press(.alt("4"))
        e.type("d")
        e.press(.alt("2"))
        e.type("d")
        let result = String(decoding: e.approvedDocument().bytes, as: UTF8.self)
        #expect(result == Self.after.replacingOccurrences(of: "- Use SQLite for storage", with: "- Use SQLite")
            .replacingOccurrences(of: "- [x] Auth flow", with: "- [ ] Auth flow"))
        // Nothing decided: the bytes are the draft's.
        let untouched = reviewing(approving: true)
        #expect(untouched.approvedDocument().bytes == Array(Self.after.utf8))
        #expect(untouched.handle(.key(.ctrl("s"))) == .review(.confirm))
    }

    @Test func leavingTheReviewEditsAsUsual() {
        let e = reviewing(approving: true)
        e.endReview(document: HandoffDocument(Self.after))
        #expect(e.text(of: .decisions) == "- Use SQLite for storage")
        e.press(.alt("4"), .end)
        e.type("!")
        #expect(e.text(of: .decisions) == "- Use SQLite for storage!")
        #expect(e.handle(.key(.ctrl("g"))) == .commit)
    }
}

extension ReviewTests {
    @Test func theEditPromptMovesAndInsertsAtItsCursor() {
        let e = reviewing(approving: true)
        e.press(.alt("4"))
        e.type("e")
        e.press(.home)
        e.type("We ")
        e.press(.right, .left, .delete)
        e.type("u")
        e.press(.end)
        e.handle(.paste("!\n"))
        #expect(e.screenText.contains("Edit item: We use SQLite for storage!"))
        e.press(.enter)
        #expect(e.text(of: .decisions) == "~✎ - We use SQLite for storage!")
        // Esc leaves the decision as it was.
        e.type("e")
        e.type("xyz")
        e.press(.escape)
        #expect(e.text(of: .decisions) == "~✎ - We use SQLite for storage!")
    }

    @Test func droppingAnAddedItemDropsItsNestedAddedItems() {
        let draft = Self.before.replacingOccurrences(of: "- [ ] Login page\n", with: "- [ ] Login page\n- [ ] Payments\n  - Stripe keys\n  - Webhooks\n")
        let e = Editor(document: HandoffDocument(draft), fileName: "HANDOFF.md", size: Size(columns: 120, rows: 30))
        e.showReview(ReviewSubject(document: HandoffDocument(draft), previous: HandoffDocument(Self.before), header: "", approving: true))
        e.press(.alt("2"), .down, .down, .down, .down)
        e.type("a")   // "Stripe keys" accepted
        e.press(.up)
        e.type("d")   // drop "Payments": the undecided "Webhooks" goes with it, the accepted one stays
        #expect(e.text(of: .inProgress) == """
               - [ ] Auth flow
                 - token refresh
               - [ ] Login page
            +✗ - [ ] Payments
            +=   - Stripe keys
            +✗   - Webhooks
            """)
        #expect(e.approvedDocument().bytes == Array(Self.before.replacingOccurrences(of: "- [ ] Login page\n", with: "- [ ] Login page\n  - Stripe keys\n").utf8))
    }
}

extension ReviewTests {
    /// Random keys, pastes, clicks and sizes over a review: nothing crashes, the cursor's
    /// line is always one of the pane's, and the document is the reviewed version, byte for byte.
    @Test(arguments: 0..<6)
    func randomInputChangesNothing(seed: Int) {
        var rng = RandomInputTests.Rng(state: UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 | 1)
        let e = reviewing(approving: seed % 2 == 1, columns: [120, 80, 40][seed % 3], rows: [30, 24, 10][seed % 3])
        let sizes = [Size(columns: 120, rows: 30), Size(columns: 80, rows: 24), Size(columns: 31, rows: 8)]
        for _ in 0..<400 {
            switch rng.next(12) {
            case 0: e.handle(.resize(sizes[rng.next(sizes.count)]))
            case 1: e.handle(.click(row: rng.next(30), column: rng.next(120)))
            case 2: e.handle(.paste("pasted\ntext"))
            default: e.handle(.key(RandomInputTests.keys[rng.next(RandomInputTests.keys.count)]))
            }
            _ = e.render()
        }
        #expect(e.document().bytes == Array(Self.after.utf8))
        #expect(!e.isModified)
    }
}

extension ReviewTests {
    @Test func aLabelItemIsNotCountedInTheTitle() {
        let labelled = Self.after.replacingOccurrences(of: "## Gotchas\n- Port 8080 is taken\n- CI needs Node 20\n",
                                                       with: "## Gotchas\n- **Gotchas:**\n  - Port 8080 is taken\n  - CI needs Node 20\n")
        let e = Editor(document: HandoffDocument(labelled), fileName: "HANDOFF.md", size: Size(columns: 120, rows: 30))
        e.showReview(ReviewSubject(document: HandoffDocument(labelled), previous: HandoffDocument(labelled), header: ""))
        #expect(e.screenText.contains("6 Gotchas (2)"))
    }
}
