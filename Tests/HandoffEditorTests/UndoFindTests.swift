import Testing
import HandoffCore
@testable import HandoffEditor

@Suite("Undo and redo")
struct UndoTests {
    @Test func typedRunIsOneStep() {
        let e = gotchas("x")
        e.press(.end)
        e.type(" hello world")
        e.press(.left)
        e.type("!")
        #expect(e.text(of: .gotchas) == "x hello worl!d")
        e.press(.ctrl("z"))
        #expect(e.text(of: .gotchas) == "x hello world")
        e.press(.ctrl("z"))
        #expect(e.text(of: .gotchas) == "x")
        #expect(e.panes[5].cursor == Cursor(line: 0, column: 1))
        e.press(.ctrl("y"))
        #expect(e.text(of: .gotchas) == "x hello world")
        e.press(.ctrl("y"))
        #expect(e.text(of: .gotchas) == "x hello worl!d")
        #expect(e.panes[5].cursor == Cursor(line: 0, column: 13))
    }

    @Test func deletesRunAsOneStepApartFromTyping() {
        let e = gotchas("abc")
        e.press(.end)
        e.type("def")
        e.press(.backspace, times: 4)
        #expect(e.text(of: .gotchas) == "ab")
        e.press(.ctrl("z"))
        #expect(e.text(of: .gotchas) == "abcdef")
        e.press(.ctrl("z"))
        #expect(e.text(of: .gotchas) == "abc")
    }

    @Test func pasteIsOneStepAndLiteral() {
        let e = gotchas("- a")
        e.press(.end)
        e.handle(.paste("\n- b\r\n- c"))
        #expect(e.text(of: .gotchas) == "- a\n- b\n- c")
        e.handle(.paste("\n"))   // no list continuation in a paste
        #expect(e.text(of: .gotchas) == "- a\n- b\n- c\n")
        e.press(.ctrl("z"), .ctrl("z"))
        #expect(e.text(of: .gotchas) == "- a")
        e.press(.ctrl("y"))
        #expect(e.text(of: .gotchas) == "- a\n- b\n- c")
    }

    @Test func undoWorksAcrossPanesAndFocusesTheEditedOne() {
        let e = makeEditor()
        e.type("A")
        e.press(.alt("4"))
        e.type("B")
        e.press(.alt("6"))
        e.press(.ctrl("z"))
        #expect(e.focusedSection == .decisions)
        #expect(e.text(of: .decisions).hasPrefix("- No"))
        e.press(.ctrl("z"))
        #expect(e.focusedSection == .completed)
        #expect(e.text(of: .completed) == "- [x] Parser\n- [ ] Serializer")
        e.press(.ctrl("z"))
        #expect(e.screen.lines[22].hasPrefix(" Nothing to undo"))
        e.press(.ctrl("y"), .ctrl("y"))
        #expect(e.text(of: .completed).hasPrefix("A- [x]"))
        #expect(e.text(of: .decisions).hasPrefix("B- No"))
    }

    @Test func newEditDropsRedo() {
        let e = gotchas("a")
        e.type("b")
        e.press(.ctrl("z"))
        e.type("c")
        e.press(.ctrl("y"))
        #expect(e.text(of: .gotchas) == "ca")
    }

    @Test func listMovesAndTogglesUndo() {
        let e = gotchas("- a\n- b")
        e.press(.down, .altUp, .ctrl("x"), .altRight)
        #expect(e.text(of: .gotchas) == "  - [ ] b\n- a")
        e.press(.ctrl("z"), .ctrl("z"), .ctrl("z"))
        #expect(e.text(of: .gotchas) == "- a\n- b")
    }

    /// Each of these edits is an undo step of its own, which keeps the line as it was. The
    /// line must be copied at its own size: copied at the last copy's capacity and more,
    /// these 12,000 steps took 50 MB instead of 3, and every key touched fresh memory.
    @Test func separateEditsOfOneLineTakeMemoryInProportion() throws {
        let line = "  - retry commit session refactor: keep the handler thin, move the retries out"
        let e = gotchas(line)
        e.press(.right, .right, .right, .right)
        let before = try residentBytes()
        for _ in 0..<6000 {
            e.type("x")
            e.press(.backspace)
        }
        let grown = try residentBytes() - before
        #expect(e.text(of: .gotchas) == line)
        // The bound leaves room for what a test running alongside allocates.
        #expect(grown < 16 << 20, "resident memory grew by \(grown >> 20) MB")
        e.press(.ctrl("z"))
        #expect(e.text(of: .gotchas) == "  - xretry commit session refactor: keep the handler thin, move the retries out")
    }
}

@Suite("Find")
struct FindTests {
    @Test func matchesAreHighlightedAndWrapAround() {
        let e = makeEditor("# H\n\n## Done\n\n- foo here\n\n## Gotchas\n\nfoo there, FOO\n", columns: 80, rows: 24)
        e.press(.ctrl("f"))
        #expect(e.screen.lines[22].hasPrefix("Find: "))
        e.type("foo")
        #expect(e.focusedSection == .completed)
        #expect(e.panes[0].cursor == Cursor(line: 0, column: 2))
        let f = e.render()
        #expect(f[2, 3].role == .currentMatch)
        #expect(f[16, 41].role == .match)   // Gotchas, first row
        e.press(.down)
        #expect(e.focusedSection == .gotchas)
        #expect(e.panes[5].cursor == Cursor(line: 0, column: 0))
        e.press(.down)
        #expect(e.panes[5].cursor == Cursor(line: 0, column: 11))   // lower-case query matches FOO
        e.press(.down)
        #expect(e.focusedSection == .completed)   // wrapped around
        e.press(.up)
        #expect(e.focusedSection == .gotchas)
        #expect(e.panes[5].cursor == Cursor(line: 0, column: 11))
        // Capitals match exactly.
        e.press(.backspace, .backspace, .backspace)
        e.type("FOO")
        #expect(e.panes[5].cursor == Cursor(line: 0, column: 11))
    }

    @Test func notFoundSaysSo() {
        let e = makeEditor(columns: 80, rows: 24)
        e.press(.ctrl("f"))
        e.type("qqq")
        #expect(e.screen.lines[22].contains("Not found: qqq"))
        e.press(.escape)
        e.type("q")
        #expect(e.text(of: .completed).hasPrefix("q- [x]"))
    }
}
