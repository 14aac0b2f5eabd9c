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

    @Test func aStepPutBetweenNumberedStepsRenumbersTheOnesAfter() {
        let e = gotchas("1. build\n2. ship\n   - to staging\n\n3. tell\nAfter the list.")
        e.press(.end, .enter)
        e.type("test")
        #expect(e.text(of: .gotchas) == "1. build\n2. test\n3. ship\n   - to staging\n\n4. tell\nAfter the list.")
        // The typing is one undo step; the new item with the renumbering, the one before.
        e.press(.ctrl("z"))
        #expect(e.text(of: .gotchas) == "1. build\n2. \n3. ship\n   - to staging\n\n4. tell\nAfter the list.")
        e.press(.ctrl("z"))
        #expect(e.text(of: .gotchas) == "1. build\n2. ship\n   - to staging\n\n3. tell\nAfter the list.")
        // Numbers not in sequence are the writer's own: left alone.
        let f = gotchas("1. a\n1. b\n1. c")
        f.press(.end, .enter)
        f.type("x")
        #expect(f.text(of: .gotchas) == "1. a\n2. x\n1. b\n1. c")
        // Nested numbers count on their own; the outer list's are not touched.
        let g = gotchas("1. a\n   1. a1\n   2. a2\n2. b")
        g.press(.down, .end, .enter)
        g.type("new")
        #expect(g.text(of: .gotchas) == "1. a\n   1. a1\n   2. new\n   3. a2\n2. b")
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

    @Test func movedNumberedItemsKeepTheNumbersOfTheirPlaces() {
        // Reordering Next Steps: the numbers stay 1, 2, 3 down the list.
        let e = gotchas("1. build\n   - with tests\n2. ship\n3. tell")
        e.press(.down, .down, .end)   // at the end of "2. ship"
        e.press(.altUp)
        #expect(e.text(of: .gotchas) == "1. ship\n2. build\n   - with tests\n3. tell")
        #expect(e.panes[5].cursor == Cursor(line: 0, column: 7))
        e.press(.altDown, .altDown)
        #expect(e.text(of: .gotchas) == "1. build\n   - with tests\n2. tell\n3. ship")
        e.press(.ctrl("z"))
        #expect(e.text(of: .gotchas) == "1. build\n   - with tests\n2. ship\n3. tell")
        // Across a change in digits the cursor stays on its text; a list all of "1." stays so.
        let f = gotchas("9) nine\n10) ten")
        f.press(.down, .end)
        f.press(.altUp)
        #expect(f.text(of: .gotchas) == "9) ten\n10) nine")
        #expect(f.panes[5].cursor == Cursor(line: 0, column: 6))
        let g = gotchas("1. a\n1. b")
        g.press(.altDown)
        #expect(g.text(of: .gotchas) == "1. b\n1. a")
        // A bullet has no number to trade: the numbered item keeps its own.
        let h = gotchas("3. a\n- b")
        h.press(.down, .altUp)
        #expect(h.text(of: .gotchas) == "- b\n3. a")
    }

    @Test func cutAndPasteKeepNumberedStepsInSequence() {
        // Ctrl-K on a step: the ones after it count on from its number (its child stays).
        let e = gotchas("1. build\n2. test\n   - unit\n3. ship\n4. tell")
        e.press(.down, .ctrl("k"))
        #expect(e.text(of: .gotchas) == "1. build\n   - unit\n2. ship\n3. tell")
        // Ctrl-U above "3. tell": the pasted step takes 3, and "tell" counts on.
        e.press(.down, .down, .ctrl("u"))
        #expect(e.text(of: .gotchas) == "1. build\n   - unit\n2. ship\n3. test\n4. tell")
        #expect(e.panes[5].cursor == Cursor(line: 4, column: 0))
        // Each is one undo step.
        e.press(.ctrl("z"))
        #expect(e.text(of: .gotchas) == "1. build\n   - unit\n2. ship\n3. tell")
        e.press(.ctrl("z"))
        #expect(e.text(of: .gotchas) == "1. build\n2. test\n   - unit\n3. ship\n4. tell")

        // Cuts in a row, pasted lower down; then at the top of the list.
        let f = gotchas("1. a\n2. b\n3. c\n4. d\n5. e")
        f.press(.down, .ctrl("k"), .ctrl("k"))
        #expect(f.text(of: .gotchas) == "1. a\n2. d\n3. e")
        f.press(.down, .ctrl("u"))
        #expect(f.text(of: .gotchas) == "1. a\n2. d\n3. b\n4. c\n5. e")
        f.press(.ctrl("k"))
        f.press(.up, .up, .up, .up, .ctrl("u"))
        #expect(f.text(of: .gotchas) == "1. e\n2. a\n3. d\n4. b\n5. c")

        // Numbers not in sequence are the writer's own: pasted steps keep theirs, nothing
        // after them changes.
        let g = gotchas("1. a\n1. b\n1. c\n\nAfter.")
        g.press(.ctrl("k"), .down, .ctrl("u"))
        #expect(g.text(of: .gotchas) == "1. b\n1. a\n1. c\n\nAfter.")
        g.press(.down, .down, .ctrl("u"))   // below the list: still its own "1."
        #expect(g.text(of: .gotchas) == "1. b\n1. a\n1. c\n\n1. a\nAfter.")
        // Below a list in sequence, a pasted step counts on from its last.
        let s = gotchas("1. a\n2. b\n\nAfter.\n7. x")
        s.press(.down, .down, .down, .down, .ctrl("k"), .ctrl("u"))
        #expect(s.text(of: .gotchas) == "1. a\n2. b\n\n3. x\nAfter.")
        // A nested step pasted into the outer list is not one of its steps.
        let h = gotchas("1. a\n   1. a1\n2. b")
        h.press(.down, .ctrl("k"), .ctrl("u"))
        #expect(h.text(of: .gotchas) == "1. a\n   1. a1\n2. b")
        // Bullets are cut and pasted as they are.
        let b = gotchas("- a\n- b\n- c")
        b.press(.ctrl("k"), .down, .ctrl("u"))
        #expect(b.text(of: .gotchas) == "- b\n- a\n- c")
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
