import Testing
import HandoffCore
@testable import HandoffEditor

@Suite("Lists")
struct ListTests {
    @Test func enterContinuesABulletInItsIndentation() {
        let e = gotchas("- one\n  - nested")
        e.press(.down, .end, .enter)
        e.type("more")
        #expect(e.text(of: .gotchas) == "- one\n  - nested\n  - more")
        #expect(paneRows(e) == ["- one", "  - nested", "  - more"])
    }

    @Test func enterContinuesCheckboxesUnchecked() {
        let e = gotchas("* [x] done")
        e.press(.end, .enter)
        e.type("next")
        #expect(e.text(of: .gotchas) == "* [x] done\n* [ ] next")
    }

    @Test func enterContinuesNumbers() {
        let e = gotchas("1. first\n9) ninth")
        e.press(.end, .enter)
        e.type("second")
        e.press(.down, .end, .enter)
        e.type("tenth")
        #expect(e.text(of: .gotchas) == "1. first\n2. second\n9) ninth\n10) tenth")
    }

    @Test func enterMidItemSplitsIntoTwoItems() {
        let e = gotchas("- alpha beta")
        e.press(.right, times: 8)
        e.press(.enter)
        #expect(e.text(of: .gotchas) == "- alpha\n- beta")
        #expect(e.panes[5].cursor == Cursor(line: 1, column: 2))
    }

    @Test func enterOnAnEmptyItemEndsTheList() {
        let e = gotchas("- [ ] one")
        e.press(.end, .enter)
        #expect(e.text(of: .gotchas) == "- [ ] one\n- [ ] ")
        e.press(.enter)
        #expect(e.text(of: .gotchas) == "- [ ] one\n")
        e.type("Prose.")
        #expect(e.text(of: .gotchas) == "- [ ] one\nProse.")
        #expect(e.documentText == "# H\n\n## Gotchas\n\n- [ ] one\nProse.\n")
    }

    @Test func enterOnPlainTextKeepsIndentation() {
        let e = gotchas("    code")
        e.press(.end, .enter)
        e.type("more")
        #expect(e.text(of: .gotchas) == "    code\n    more")
    }

    @Test func ctrlXTogglesAndAddsCheckboxes() {
        let e = gotchas("- [ ] a\n- [x] b\n- c\nplain\n1. d")
        e.press(.ctrl("x"))
        e.press(.down)
        e.press(.ctrl("x"))
        e.press(.down, .end)
        e.press(.ctrl("x"))
        #expect(e.panes[5].cursor == Cursor(line: 2, column: 7))   // stays after the text
        e.press(.down, .ctrl("x"), .down, .ctrl("x"))
        #expect(e.text(of: .gotchas) == "- [x] a\n- [ ] b\n- [ ] c\n- [ ] plain\n1. [ ] d")
        #expect(e.screen.lines[2].hasPrefix("╔ 6 Gotchas (1/5) "))
    }

    @Test func ctrlXOnAContinuationLineTogglesItsItem() {
        let e = gotchas("- [ ] long item\n  that goes on")
        e.press(.down, .ctrl("x"))
        #expect(e.text(of: .gotchas) == "- [x] long item\n  that goes on")
    }

    @Test func altUpDownMoveAnItemWithItsChildren() {
        let e = gotchas("- a\n  - a1\n  - a2\n- b\n  - b1\n- c")
        e.press(.down, .down, .down)   // on "- b"
        e.press(.altUp)
        #expect(e.text(of: .gotchas) == "- b\n  - b1\n- a\n  - a1\n  - a2\n- c")
        #expect(e.panes[5].cursor.line == 0)
        e.press(.altDown, .altDown)
        #expect(e.text(of: .gotchas) == "- a\n  - a1\n  - a2\n- c\n- b\n  - b1")
        #expect(e.panes[5].cursor.line == 4)
        // At the end of the list it stays put.
        e.press(.altDown)
        #expect(e.text(of: .gotchas) == "- a\n  - a1\n  - a2\n- c\n- b\n  - b1")
        // A child moves among its siblings only.
        e.press(.up, .up)   // "  - a2"
        e.press(.altUp)
        #expect(e.text(of: .gotchas) == "- a\n  - a2\n  - a1\n- c\n- b\n  - b1")
        e.press(.altUp)
        #expect(e.text(of: .gotchas) == "- a\n  - a2\n  - a1\n- c\n- b\n  - b1")
    }

    @Test func altRightLeftNestAndUnnest() {
        let e = gotchas("1. one\n2. two\n   - child")
        e.press(.down)
        e.press(.altRight)
        #expect(e.text(of: .gotchas) == "1. one\n   2. two\n      - child")
        e.press(.altLeft)
        #expect(e.text(of: .gotchas) == "1. one\n2. two\n   - child")
        e.press(.altLeft)   // already at the top level
        #expect(e.text(of: .gotchas) == "1. one\n2. two\n   - child")
        let b = gotchas("- a\n- b")
        b.press(.down, .end, .altRight)
        #expect(b.text(of: .gotchas) == "- a\n  - b")
        #expect(b.panes[5].cursor == Cursor(line: 1, column: 5))
    }

    @Test func itemCountsFollowEdits() {
        let e = gotchas("- [ ] a")
        #expect(e.screen.lines[2].hasPrefix("╔ 6 Gotchas (0/1) "))
        e.press(.end, .enter)
        e.type("b")
        e.press(.ctrl("x"))
        #expect(e.screen.lines[2].hasPrefix("╔ 6 Gotchas (1/2) "))
        e.press(.ctrl("k"))
        #expect(e.screen.lines[2].hasPrefix("╔ 6 Gotchas (0/1) "))
        e.press(.ctrl("z"))
        #expect(e.screen.lines[2].hasPrefix("╔ 6 Gotchas (1/2) "))
    }
}
