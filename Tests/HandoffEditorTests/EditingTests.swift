import Testing
import HandoffCore
@testable import HandoffEditor

/// A document with one Gotchas body, opened in the Gotchas pane at a small size.
func gotchas(_ body: String, columns: Int = 30, rows: Int = 9) -> Editor {
    let e = makeEditor("# H\n\n## Gotchas\n\n" + body + "\n", columns: columns, rows: rows)
    e.press(.alt("6"))
    return e
}

/// The text rows of the single pane shown at small sizes (inside its border).
func paneRows(_ e: Editor) -> [String] {
    let lines = e.screen.lines
    return lines[3..<(lines.count - 3)].map { line in
        var s = line.dropFirst()   // left border
        if s.last == "║" || s.last == "│" { s = s.dropLast() }
        return VirtualScreen.trimTrailing(String(s))
    }
}

@Suite("Editing text")
struct EditingTests {
    @Test func typingInsertsAtTheCursorAndWritesBack() {
        let e = gotchas("Tabs stay tabs.")
        e.press(.end)
        e.type(" Always.")
        #expect(e.text(of: .gotchas) == "Tabs stay tabs. Always.")
        #expect(e.documentText == "# H\n\n## Gotchas\n\nTabs stay tabs. Always.\n")
        #expect(paneRows(e) == ["Tabs stay tabs. Always.", "", ""])
    }

    @Test func wideCharactersTakeTwoColumns() {
        let e = gotchas("漢字 and 🎉 done")
        let f = e.render()
        // Row 3 is the pane's first text row; column 1 the first inside the border.
        #expect(f[3, 1].text == "漢" && f[3, 1].width == 2)
        #expect(f[3, 2].isContinuation)
        #expect(f[3, 3].text == "字")
        #expect(f[3, 10].text == "🎉" && f[3, 10].width == 2)
        #expect(paneRows(e)[0] == "漢字 and 🎉 done")
        // The cursor moves one cluster, two columns, at a time.
        e.press(.right)
        #expect(e.render().cursor == Position(row: 3, column: 3))
        e.press(.right, times: 6)
        #expect(e.render().cursor == Position(row: 3, column: 10))
        e.press(.right)
        #expect(e.render().cursor == Position(row: 3, column: 12))
    }

    @Test func emojiSequencesAndFlagsAreOneCluster() {
        let e = gotchas("a👩‍💻b🇫🇷c❤️d")
        #expect(paneRows(e)[0] == "a👩‍💻b🇫🇷c❤️d")
        e.press(.end)
        e.press(.backspace, times: 2)   // "d", then the heart with its selector
        #expect(e.text(of: .gotchas) == "a👩‍💻b🇫🇷c")
        e.press(.left, times: 1)
        e.press(.backspace)              // the flag, both regional indicators
        #expect(e.text(of: .gotchas) == "a👩‍💻bc")
        e.press(.left)
        e.press(.backspace)              // the whole ZWJ sequence
        #expect(e.text(of: .gotchas) == "abc")
        // Wide: a, emoji(2), … the cursor after "a" is at column 2.
        #expect(e.render().cursor == Position(row: 3, column: 2))
    }

    @Test func combiningMarksAddNoWidth() {
        let e = gotchas("cafe\u{301} ok")
        e.press(.end)
        #expect(e.render().cursor == Position(row: 3, column: 8))   // 7 columns of text
        e.press(.left, times: 3)
        e.press(.backspace)   // deletes é whole
        #expect(e.text(of: .gotchas) == "caf ok")
        // A combining mark typed after a letter joins it; the cursor stays after the cluster.
        e.press(.left)
        e.type("\u{301}")
        #expect(e.text(of: .gotchas) == "cáf ok".replacingOccurrences("á", "a\u{301}"))
        #expect(e.render().cursor == Position(row: 3, column: 3))
    }

    @Test func tabsExpandOnScreenAndStayTabs() {
        let e = gotchas("a\tb\t\tc")
        #expect(paneRows(e)[0] == "a   b       c")
        e.press(.right, times: 2)
        #expect(e.render().cursor == Position(row: 3, column: 5))
        e.type("x")
        #expect(e.text(of: .gotchas) == "a\txb\t\tc")
        #expect(paneRows(e)[0] == "a   xb      c")
    }

    @Test func longLinesWrapAtWordsAndTheCursorFollows() {
        let e = gotchas("one two three four five six seven eight nine ten eleven")
        // The pane is 30 wide: 28 columns of text.
        #expect(paneRows(e) == ["one two three four five six", "seven eight nine ten eleven", ""])
        e.press(.right, times: 4)        // on "two"
        e.press(.down)
        #expect(e.render().cursor == Position(row: 4, column: 5))
        #expect(e.panes[5].cursor == Cursor(line: 0, column: 32))
        e.press(.up)
        #expect(e.panes[5].cursor == Cursor(line: 0, column: 4))
        e.press(.end)
        #expect(e.render().cursor == Position(row: 4, column: 28))
        // A word with no space breaks mid-word.
        let w = gotchas(String(repeating: "x", count: 60))
        #expect(paneRows(w) == [String(repeating: "x", count: 28), String(repeating: "x", count: 28), "xxxx"])
    }

    @Test func wideCharactersWrapWhole() {
        let e = gotchas(String(repeating: "漢", count: 15))
        // 28 columns hold 14 wide characters; the 15th goes to the next row.
        #expect(paneRows(e)[0] == String(repeating: "漢", count: 14))
        #expect(paneRows(e)[1] == "漢")
    }

    @Test func scrollingKeepsTheCursorInView() {
        let body = (1...20).map { "line \($0)" }.joined(separator: "\n")
        let e = gotchas(body)
        e.press(.down, times: 6)
        #expect(paneRows(e) == ["line 5", "line 6", "line 7"])
        e.press(.pageDown)   // a page is the pane's height less one row
        #expect(e.panes[5].cursor.line == 8)
        #expect(paneRows(e) == ["line 7", "line 8", "line 9"])
        e.press(.pageUp, times: 5)
        #expect(paneRows(e) == ["line 1", "line 2", "line 3"])
        e.press(.pageDown, times: 20)
        #expect(e.panes[5].cursor == Cursor(line: 19, column: 7))
        #expect(paneRows(e) == ["line 18", "line 19", "line 20"])
    }

    @Test func homeEndAndWords() {
        let e = gotchas("- alpha beta_gamma, delta")
        e.press(.ctrlRight)
        #expect(e.panes[5].cursor.column == 7)
        e.press(.ctrlRight)
        #expect(e.panes[5].cursor.column == 18)
        e.press(.ctrlRight, .ctrlLeft)
        #expect(e.panes[5].cursor.column == 20)
        e.press(.ctrlLeft)
        #expect(e.panes[5].cursor.column == 8)
        e.press(.end)
        #expect(e.panes[5].cursor.column == 25)
        e.press(.home)
        #expect(e.panes[5].cursor.column == 0)
    }

    @Test func backspaceAndDeleteJoinLines() {
        let e = gotchas("ab\ncd")
        e.press(.down)
        e.press(.backspace)
        #expect(e.text(of: .gotchas) == "abcd")
        #expect(e.panes[5].cursor == Cursor(line: 0, column: 2))
        e.press(.delete)
        #expect(e.text(of: .gotchas) == "abd")
        e.press(.end)
        e.handle(.paste("\nef"))
        e.press(.up, .end, .delete)
        #expect(e.text(of: .gotchas) == "abdef")
    }

    @Test func cutAndPasteLines() {
        let e = gotchas("one\ntwo\nthree")
        e.press(.ctrl("k"), .ctrl("k"))
        #expect(e.text(of: .gotchas) == "three")
        e.press(.down, .end)
        e.press(.ctrl("u"))
        #expect(e.text(of: .gotchas) == "one\ntwo\nthree")
        e.press(.ctrl("z"))
        #expect(e.text(of: .gotchas) == "three")
    }

    @Test func panesSwitchWithTabAndAltNumber() {
        let e = makeEditor()
        e.press(.tab)
        #expect(e.focusedSection == .inProgress)
        e.press(.backTab, .backTab)
        #expect(e.focusedSection == nil)   // the rest of the file, after Gotchas
        e.press(.backTab)
        #expect(e.focusedSection == .gotchas)
        e.press(.alt("3"))
        #expect(e.focusedSection == .blocked)
        e.type("! ")
        #expect(e.text(of: .blocked) == "! None")
    }

    @Test func clickFocusesThePaneAndPlacesTheCursor() {
        let e = makeEditor(columns: 80, rows: 24)
        // Decisions is at rows 8-14, columns 40-79; its text starts at (9, 41).
        e.handle(.click(row: 10, column: 45))
        #expect(e.focusedSection == .decisions)
        #expect(e.panes[3].cursor == Cursor(line: 0, column: 35))   // second wrapped row, 4 in
        #expect(e.render().cursor == Position(row: 10, column: 45))
        // Past the end of the text: the end of the last line.
        e.handle(.click(row: 13, column: 2))
        #expect(e.focusedSection == .blocked)
        #expect(e.panes[2].cursor == Cursor(line: 0, column: 4))
    }

    @Test func wheelScrollsThePaneUnderThePointer() {
        let body = (1...20).map { "line \($0)" }.joined(separator: "\n")
        let e = makeEditor("# H\n\n## Done\n\nx\n\n## Gotchas\n\n" + body + "\n", columns: 80, rows: 24)
        e.handle(.wheel(row: 17, column: 50, lines: 3))
        #expect(e.screen.lines[16].hasSuffix("││line 4                                │"))
        #expect(e.focusedSection == .completed)
    }
}

extension String {
    func replacingOccurrences(_ a: String, _ b: String) -> String {
        var out = ""
        var rest = Substring(self)
        while let r = rest.firstRange(of: a) {
            out += rest[..<r.lowerBound] + b
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}
