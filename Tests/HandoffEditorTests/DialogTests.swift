import Testing
import HandoffCore
@testable import HandoffEditor

/// The commit dialog: keys in, screens and the confirmed message out.
@Suite("Commit dialog")
struct CommitDialogTests {
    static let generated = "session: parser done\n\n- Completed: 1/2"
    static let detached = "Detached HEAD: the commit will be on no branch"

    /// Ctrl-G as the host sees it, then the dialog the host opens.
    func opened(columns: Int = 60, rows: Int = 15, message: String = generated,
                warnings: [String] = [detached]) -> Editor {
        let e = makeEditor(columns: columns, rows: rows)
        #expect(e.handle(.key(.ctrl("g"))) == .commit)
        e.openCommitDialog(message: message, warnings: warnings)
        return e
    }

    @Test func editSubjectAndBodyWithWideTextThenConfirm() {
        let e = opened()
        #expect(e.screenText == """
         HANDOFF.md                                     handoff-tui
         1┌─ Commit message ─────────────────────────────────────┐
        ╔ │ session: parser done                                 │═╗
        ║-│                                                      │ ║
        ║-│ - Completed: 1/2                                     │ ║
        ║ │                                                      │ ║
        ║ │                                                      │ ║
        ║ │                                                      │ ║
        ║ │                                                      │ ║
        ║ ├──────────────────────────────────────────────────────┤ ║
        ║ │ Subject 20/72                                        │ ║
        ║ │ ! Detached HEAD: the commit will be on no branch     │ ║
        ╚═│ ^G commit anyway  Esc cancel  Enter new line         │═╝
          └──────────────────────────────────────────────────────┘
        ^G Commit  Esc Cancel  Enter New line  ^Z Undo  ^Y Redo
        """)
        // The cursor starts at the end of the subject.
        #expect(e.render().cursor == Position(row: 2, column: 24))
        e.type(", 漢字 ok")
        e.press(.down, .down, .end, .enter)
        e.type("- 日本 🎉 next")
        let lines = e.screen.lines
        #expect(lines[2] == "╔ │ session: parser done, 漢字 ok                        │═╗")
        #expect(lines[5] == "║ │ - 日本 🎉 next                                       │ ║")
        #expect(lines[10] == "║ │ Subject 27/72                                        │ ║")
        #expect(e.render().cursor == Position(row: 5, column: 18))
        // Backspace over the emoji (one cluster), Left over the wide characters.
        e.press(.backspace, times: 7)
        e.press(.left, .left)
        e.type("x")
        #expect(e.commitMessage == "session: parser done, 漢字 ok\n\n- Completed: 1/2\n- x日本")
        #expect(e.handle(.key(.ctrl("g"))) ==
                .commitConfirmed(message: "session: parser done, 漢字 ok\n\n- Completed: 1/2\n- x日本"))
        #expect(!e.isCommitDialogOpen)
        // The panes never saw any of it.
        #expect(e.documentText == sample)
        #expect(!e.isModified)
        #expect(e.screen.lines[2] == "╔ 1 Completed (1/2) ═══════════════════════════════════════╗")
    }

    @Test func ctrlSConfirmsTooAndTheTextIsExact() {
        // CRLF from the generator becomes lines; a trailing newline is kept as an empty line.
        let e = opened(message: "session: a\r\n\r\nbody\n", warnings: [])
        #expect(e.handle(.key(.ctrl("s"))) == .commitConfirmed(message: "session: a\n\nbody\n"))
    }

    @Test func escCancelsAndRestoresThePanes() {
        let e = opened()
        e.type("zzz")
        #expect(e.handle(.key(.escape)) == Action.none)
        #expect(!e.isCommitDialogOpen)
        #expect(e.screenText == """
         HANDOFF.md                                     handoff-tui
         1 Done  2 WIP  3 Blocked  4 Decided  5 Next  6 Gotchas  7
        ╔ 1 Completed (1/2) ═══════════════════════════════════════╗
        ║- [x] Parser                                              ║
        ║- [ ] Serializer                                          ║
        ║                                                          ║
        ║                                                          ║
        ║                                                          ║
        ║                                                          ║
        ║                                                          ║
        ║                                                          ║
        ║                                                          ║
        ╚══════════════════════════════════════════════════════════╝
         Commit cancelled                             Ln 1/2, Col 1
        F1 Help  ^S Save  ^Q Quit  ^G Commit  ^F Find  ^Z Undo
        """)
        #expect(e.documentText == sample)
        // Keys reach the panes again.
        e.type("A")
        #expect(e.text(of: .completed).hasPrefix("A- [x]"))
    }

    @Test func paneKeysDoNothingInTheDialog() {
        let e = opened(columns: 80, rows: 24)
        e.press(.tab, .backTab, .alt("3"), .function(2), .alt("z"), .function(1), .ctrl("k"), .ctrl("u"),
                .ctrl("x"), .ctrl("q"), .ctrl("f"), .function(3), .altUp, .altRight)
        e.handle(.click(row: 1, column: 1))
        #expect(e.isCommitDialogOpen)
        #expect(e.commitMessage == Self.generated)
        #expect(e.focusedSection == .completed)
        #expect(!e.zoomed && e.helpOffset == nil && !e.find.prompting)
        // A paste goes into the message, literally.
        e.handle(.paste("\n- 🇫🇷 pasted\r\nline"))
        #expect(e.commitMessage == Self.generated.replacingFirstLine { $0 + "\n- 🇫🇷 pasted\nline" })
        e.press(.escape)
        #expect(e.documentText == sample)
        #expect(!e.isModified)
    }

    @Test func undoInTheDialogIsTheDialogs() {
        let e = makeEditor(columns: 60, rows: 15)
        e.type("P")   // a pane edit, on the editor's undo
        e.openCommitDialog(message: "s", warnings: [])
        e.type("ubject")
        e.press(.enter)
        e.type("body")
        e.press(.ctrl("z"))
        #expect(e.commitMessage == "subject\n")
        e.press(.ctrl("z"), .ctrl("z"))
        #expect(e.commitMessage == "s")
        e.press(.ctrl("z"))   // nothing more in the dialog: the pane edit stays
        #expect(e.commitMessage == "s")
        e.press(.ctrl("y"))
        #expect(e.commitMessage == "subject")
        #expect(e.text(of: .completed).hasPrefix("P- [x]"))
        e.press(.escape)
        e.press(.ctrl("z"))
        #expect(e.text(of: .completed).hasPrefix("- [x]"))
        e.press(.ctrl("z"))
        #expect(e.screen.lines[13].hasPrefix(" Nothing to undo"))
    }

    @Test func longSubjectIsFlagged() {
        let subject = "session: " + String(repeating: "x", count: 71)   // 80 characters
        let e = opened(columns: 120, rows: 40, message: subject + "\n\nbody", warnings: [])
        let lines = e.screen.lines
        #expect(Array(lines[11...27]) == [
            "║                   ┌─ Commit message ─────────────────────────────────────────────────────────────┐                   │",
            "║                   │ session:                                                                     │                   │",
            "║                   │ xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx      │                   │",
            "║                   │                                                                              │                   │",
            "║                   │ body                                                                         │                   │",
            "║                   │                                                                              │                   │",
            "║                   │                                                                              │                   │",
            "║                   │                                                                              │                   │",
            "╚═══════════════════│                                                                              │───────────────────┘",
            "┌ 4 Decisions (1) ──│                                                                              │───────────────────┐",
            "│- No Foundation in │                                                                              │                   │",
            "│because startup tim│                                                                              │                   │",
            "│                   │                                                                              │                   │",
            "│                   ├──────────────────────────────────────────────────────────────────────────────┤                   │",
            "│                   │ Subject 80/72 — too long, git tools cut it at 72                             │                   │",
            "│                   │ ^G commit  Esc cancel  Enter new line  ^Z undo                               │                   │",
            "│                   └──────────────────────────────────────────────────────────────────────────────┘                   │",
        ])
        let f = e.render()
        #expect(f[25, 22].role == .errorMessage)
        // Characters 73… of the subject are marked, the first 72 are not.
        #expect(f[13, 22 + 62].role == .text)     // character 72 (the second row starts at character 10)
        #expect(f[13, 22 + 63].role == .errorMessage)
        #expect(f[13, 22 + 70].role == .errorMessage)
        #expect(f[15, 22].role == .text)          // the body is never marked
        e.press(.up, .up, .up, .end)
        e.press(.backspace, times: 8)
        #expect(e.screen.lines[25].contains("│ Subject 72/72   "))
        let g = e.render()
        #expect(g[25, 22].role == .overlay)
        #expect(g[13, 22 + 62].role == .text)
    }

    @Test func warningsAreShownAndTooManyAreCounted() {
        let secret = "line 12: GitHub token ghp_…"
        let e = opened(warnings: [Self.detached, secret])
        #expect(e.screen.lines[10] == "║ │ ! Detached HEAD: the commit will be on no branch     │ ║")
        #expect(e.screen.lines[11] == "║ │ ! line 12: GitHub token ghp_…                        │ ║")
        #expect(e.screen.lines[12] == "╚═│ ^G commit anyway  Esc cancel  Enter new line         │═╝")
        let many = opened(warnings: (1...9).map { "finding \($0)" })
        let lines = many.screen.lines
        #expect(lines[2] == "╔ │ session: parser done                                 │═╗")
        // Three rows of text stay; four warnings show, the fifth row counts the rest.
        #expect(lines[5] == "║ ├──────────────────────────────────────────────────────┤ ║")
        #expect(lines[7] == "║ │ ! finding 1                                          │ ║")
        #expect(lines[10] == "║ │ ! finding 4                                          │ ║")
        #expect(lines[11] == "║ │ ! 5 more warnings: enlarge the window to read them   │ ║")
    }

    @Test func longWarningsWrapInsteadOfBeingCut() {
        // What the secret scanner says can be longer than the box is wide: all of it is read.
        let long = "line 12 of the handoff: looks like an AWS access key (AKIA…): remove it, or commit with care"
        let e = opened(warnings: [long, Self.detached])
        let lines = e.screen.lines
        #expect(lines[9] == "║ │ ! line 12 of the handoff: looks like an AWS access   │ ║")
        #expect(lines[10] == "║ │   key (AKIA…): remove it, or commit with care        │ ║")
        #expect(lines[11] == "║ │ ! Detached HEAD: the commit will be on no branch     │ ║")
        #expect(lines[12] == "╚═│ ^G commit anyway  Esc cancel  Enter new line         │═╝")
        // Every word of the warning is on screen.
        let shown = lines[9...10].joined(separator: " ")
        for word in long.split(separator: " ") { #expect(shown.contains(word), "\(word)") }
    }

    @Test func warningsFitWholeOrAreCounted() {
        let two = "first warning, long enough to take two rows here"   // 2 rows at width 30
        // Room for three rows: the two-row warning and a one-row one; a third is counted.
        #expect(DialogBox.fit([two, "b"], width: 30, rows: 3) ==
                ["! first warning, long enough", "  to take two rows here", "! b"])
        #expect(DialogBox.fit([two, "b", "c"], width: 30, rows: 3) ==
                ["! first warning, long enough", "  to take two rows here", "! 2 more warnings: enlarge the window to read them"])
        #expect(DialogBox.fit(["a", two], width: 30, rows: 2) ==
                ["! a", "! 1 more warning: enlarge the window to read it"])
        // A first warning taller than the room shows what fits of it.
        #expect(DialogBox.fit([two], width: 30, rows: 1) == ["! first warning, long enough"])
        #expect(DialogBox.fit([two, "b"], width: 30, rows: 2) ==
                ["! first warning, long enough", "! 1 more warning: enlarge the window to read it"])
        // A text that fills its last row exactly takes no empty row after it.
        #expect(DialogBox.wrap(String(repeating: "x", count: 28), width: 30) == ["! " + String(repeating: "x", count: 28)])
    }

    @Test func tooSmallFallsBackToAMessageAndWillNotConfirm() {
        let e = opened(columns: 40, rows: 10, warnings: [Self.detached, "x"])
        #expect(e.screen.lines[8] == " Too small to commit: enlarge, or Esc")
        #expect(e.render().cursor == nil)
        #expect(e.handle(.key(.ctrl("g"))) == Action.none)
        #expect(e.isCommitDialogOpen)
        e.handle(.resize(Size(columns: 80, rows: 24)))
        #expect(e.screen.lines[18].hasPrefix("│ │ ! x "))
        #expect(e.handle(.key(.ctrl("g"))) == .commitConfirmed(message: Self.generated))
        // Without warnings the one-pane layout at 40×10 has room for it.
        let small = opened(columns: 40, rows: 10, warnings: [])
        #expect(small.screenText == """
         HANDOFF.md                 handoff-tui
         1┌─ Commit message ─────────────────┐
        ╔ │ session: parser done             │═╗
        ║-│                                  │ ║
        ║-│ - Completed: 1/2                 │ ║
        ║ ├──────────────────────────────────┤ ║
        ║ │ Subject 20/72                    │ ║
        ╚═│ ^G commit  Esc cancel            │═╝
          └──────────────────────────────────┘
        ^G Commit  Esc Cancel  Enter New line
        """)
    }

    @Test func anEmptyMessageIsRefused() {
        let e = opened(message: "", warnings: [])
        #expect(e.handle(.key(.ctrl("g"))) == Action.none)
        #expect(e.screen.lines[11] == "║ │ The message is empty: write a subject first          │ ║")
        e.type("s")
        #expect(e.screen.lines[11] == "║ │ Subject 1/72                                         │ ║")
        #expect(e.handle(.key(.ctrl("g"))) == .commitConfirmed(message: "s"))
    }

    @Test func didCommitShowsHashAndSubject() {
        let e = opened(columns: 80, rows: 24)
        guard case .commitConfirmed(let text) = e.handle(.key(.ctrl("g"))) else {
            Issue.record("not confirmed")
            return
        }
        e.didCommit(shortHash: "abc1234", subject: String(text.prefix { $0 != "\n" }))
        #expect(e.screen.lines[22] == " [abc1234] session: parser done                                   Ln 1/2, Col 1")
    }

    @Test func aFailedCommitReopensTheDialogAsConfirmed() {
        let e = opened(warnings: [])
        e.type(" (edited)")
        #expect(e.handle(.key(.ctrl("g"))) == .commitConfirmed(message: "session: parser done (edited)\n\n- Completed: 1/2"))
        e.commitFailed(error: "\nerror: pre-commit hook rejected the commit\nhint: see above")
        #expect(e.isCommitDialogOpen)
        #expect(e.commitMessage == "session: parser done (edited)\n\n- Completed: 1/2")
        #expect(e.screen.lines[11] == "║ │ error: pre-commit hook rejected the commit           │ ║")
        e.press(.ctrl("z"))   // the dialog's undo came back with it
        #expect(e.commitMessage == Self.generated)
        #expect(e.screen.lines[11] == "║ │ Subject 20/72                                        │ ║")
        e.press(.escape)
        // Nothing confirmed to go back to: the error goes to the message row.
        e.commitFailed(error: "fatal: not a git repository")
        #expect(!e.isCommitDialogOpen)
        #expect(e.screen.lines[13].hasPrefix(" fatal: not a git repository"))
    }

    @Test func clicksAndTheWheelStayInTheDialog() {
        let e = opened(message: (1...20).map { "line \($0)" }.joined(separator: "\n"), warnings: [])
        e.handle(.click(row: 4, column: 6))
        #expect(e.dialog?.text.cursor == Cursor(line: 2, column: 2))
        e.handle(.wheel(row: 4, column: 6, lines: 5))
        #expect(e.screen.lines[2] == "╔ │ line 6                                               │═╗")
        e.handle(.click(row: 0, column: 0))   // outside: nothing
        #expect(e.isCommitDialogOpen)
        e.press(.pageDown, .pageDown, .pageDown)
        #expect(e.dialog?.text.cursor == Cursor(line: 19, column: 7))
        #expect(e.documentText == sample)
    }

    @Test(arguments: 0..<4)
    func randomKeysInTheDialogNeverTouchTheDocument(seed: Int) {
        var rng = RandomInputTests.Rng(state: UInt64(seed + 1) &* 0x9E37_79B9_7F4A_7C15 | 1)
        let sizes = [Size(columns: 60, rows: 15), Size(columns: 120, rows: 40), Size(columns: 40, rows: 10),
                     Size(columns: 10, rows: 3)]
        let e = Editor(document: HandoffDocument(sample), fileName: "x", size: sizes[seed])
        e.openCommitDialog(message: Self.generated, warnings: seed % 2 == 0 ? [] : [Self.detached])
        for _ in 0..<300 {
            switch rng.next(10) {
            case 0: e.handle(.resize(sizes[rng.next(sizes.count)]))
            case 1: e.handle(.click(row: rng.next(40), column: rng.next(120)))
            case 2: e.handle(.paste(["x\ny", "🇫🇷", "\r\n"][rng.next(3)]))
            default:
                let keys = RandomInputTests.keys.filter { $0 != .escape }
                e.handle(.key(keys[rng.next(keys.count)]))
            }
            let f = e.render()
            if let c = f.cursor {
                #expect(c.row >= 0 && c.row < f.size.rows && c.column >= 0 && c.column < f.size.columns)
            }
        }
        #expect(e.isCommitDialogOpen)
        #expect(e.documentText == sample)
        #expect(!e.isModified)
    }
}

@Suite("Questions")
struct QuestionTests {
    static let quit = [Choice("y", "yes"), Choice("n", "no"), Choice("c", "cancel")]

    @Test func onlyTheChoicesAreAccepted() {
        let e = makeEditor(columns: 60, rows: 15)
        e.ask("Save changes before quitting?", choices: Self.quit)
        #expect(e.screen.lines[13] == " Save changes before quitting?  (y)es  (n)o  (c)ancel")
        #expect(e.screen.lines[14] == "y yes  n no  c cancel  Esc cancel")
        #expect(e.render().cursor == Position(row: 13, column: 54))
        // Not choices: ignored, and nothing reaches the panes.
        for key: Key in [.char("x"), .enter, .tab, .ctrl("s"), .ctrl("q"), .ctrl("g"), .alt("2"), .function(1)] {
            #expect(e.handle(.key(key)) == Action.none)
        }
        e.handle(.paste("pasted"))
        e.handle(.click(row: 3, column: 3))
        #expect(e.isAsking)
        #expect(e.documentText == sample)
        #expect(e.focusedSection == .completed)
        #expect(e.handle(.key(.char("N"))) == .answered("n"))   // either case
        #expect(!e.isAsking)
        #expect(e.screen.lines[14].hasPrefix("F1 Help"))
        e.ask("Save changes before quitting?", choices: Self.quit)
        #expect(e.handle(.key(.char("y"))) == .answered("y"))
    }

    @Test func escAnswersTheLastChoice() {
        let e = makeEditor(columns: 80, rows: 24)
        e.ask("HANDOFF.md changed on disk.", choices: [Choice("o", "overwrite"), Choice("r", "reload"),
                                                      Choice("k", "keep both"), Choice("c", "cancel")])
        #expect(e.screen.lines[22] == " HANDOFF.md changed on disk.  (o)verwrite  (r)eload  (k)eep both  (c)ancel")
        #expect(e.handle(.key(.escape)) == .answered("c"))
        #expect(!e.isAsking)
    }

    @Test func aLongQuestionWrapsUpwardsAndLabelsNeedNotStartWithTheKey() {
        let e = makeEditor(columns: 60, rows: 15)
        e.ask("A recovery file from 2024-05-01 10:22 was found:",
              choices: [Choice("r", "recover"), Choice("d", "discard"), Choice("l", "later")])
        let lines = e.screen.lines
        #expect(lines[11] == "║                                                          ║")
        #expect(lines[12] == " A recovery file from 2024-05-01 10:22 was found:")
        #expect(lines[13] == " (r)ecover  (d)iscard  (l)ater")
        let f = e.render()
        #expect(f[13, 2].role == .footerKey)
        #expect(f[13, 4].role == .message)
        #expect(e.handle(.key(.char("l"))) == .answered("l"))
        // The pane's bottom border comes back.
        #expect(e.screen.lines[12].hasPrefix("╚═══"))
        e.ask("Pick", choices: [Choice("1", "first"), Choice("x", "close")])
        #expect(e.screen.lines[13] == " Pick  (1) first  (x) close")
        #expect(e.handle(.key(.char("1"))) == .answered("1"))
    }

    @Test func aLongQuestionOnTheSmallestScreen() {
        let e = makeEditor(columns: 30, rows: 8)
        e.ask("HANDOFF.md changed on disk since it was read. What now?",
              choices: [Choice("o", "overwrite"), Choice("r", "reload"), Choice("k", "keep both"), Choice("c", "cancel")])
        #expect(Array(e.screen.lines[3...6]) == [
            " HANDOFF.md changed on disk",
            " since it was read. What",
            " now?  (o)verwrite  (r)eload",
            " (k)eep both  (c)ancel",
        ])
        #expect(e.render().cursor == Position(row: 6, column: 23))
        #expect(e.handle(.key(.char("R"))) == .answered("r"))
    }

    @Test func aQuestionOverTheDialogComesFirst() {
        let e = makeEditor(columns: 80, rows: 24)
        e.openCommitDialog(message: "s", warnings: [])
        e.ask("Really?", choices: [Choice("y", "yes"), Choice("n", "no")])
        #expect(e.handle(.key(.char("s"))) == Action.none)
        #expect(e.handle(.key(.escape)) == .answered("n"))
        #expect(e.isCommitDialogOpen)
        #expect(e.commitMessage == "s")
    }
}

@Suite("Reload")
struct ReloadTests {
    @Test func reloadReplacesPanesAndClearsModified() {
        let e = makeEditor(columns: 80, rows: 24)
        e.press(.alt("6"), .end)
        e.type(" Edited.")
        e.press(.alt("2"))
        _ = e.screenText   // panes drawn once: reload must draw them again
        #expect(e.isModified)
        var changed = sample.replacingOccurrences("Tabs stay tabs.", with: "Tabs.\nSecond line.")
        changed = changed.replacingOccurrences("- Editor core in Sources/HandoffEditor/Editor.swift:10",
                                               with: "- Driver")
        e.reload(document: HandoffDocument(changed))
        #expect(!e.isModified)
        #expect(e.focusedSection == .inProgress)
        #expect(e.text(of: .gotchas) == "Tabs.\nSecond line.")
        #expect(e.text(of: .inProgress) == "- Driver")
        #expect(e.documentText == changed)
        let lines = e.screen.lines
        #expect(lines[1].hasPrefix("┌ 1 Completed (1/2) ─"))   // focus stayed on In Progress
        #expect(lines[2] == "│- [x] Parser                          │║- Driver                              ║")
        #expect(lines[3] == "│- [ ] Serializer                      │║                                      ║")
        #expect(lines[16] == "│1. Terminal driver                    ││Tabs.                                 │")
        #expect(lines[17] == "│2. Release                            ││Second line.                          │")
        #expect(lines[22] == " Reloaded from disk                                               Ln 1/1, Col 1")
        #expect(lines[0] == " HANDOFF.md                                                         handoff-tui")
        // Undo history is gone: its steps named lines of the old text.
        e.press(.ctrl("z"))
        #expect(e.text(of: .gotchas) == "Tabs.\nSecond line.")
        #expect(e.screen.lines[22].hasPrefix(" Nothing to undo"))
    }

    @Test func recoveredTextIsMarkedModified() {
        let e = makeEditor(columns: 80, rows: 24)
        e.reload(document: HandoffDocument(sample + "\n## Extra\n"), modified: true)
        #expect(e.isModified)
        #expect(e.screen.lines[0].hasPrefix(" HANDOFF.md  [modified]"))
    }

    @Test func cursorsStayWhereTheNewTextAllows() {
        let e = makeEditor(columns: 80, rows: 24)
        e.press(.alt("5"), .down, .end)   // "2. Release", column 10
        e.press(.alt("6"), .end)          // "Tabs stay tabs.", column 15
        e.reload(document: HandoffDocument(sample
            .replacingOccurrences("1. Terminal driver\n2. Release", with: "1. Terminal driver and more\n2. Re")
            .replacingOccurrences("Tabs stay tabs.", with: "Tabs")))
        #expect(e.panes[4].cursor == Cursor(line: 1, column: 5))
        #expect(e.panes[5].cursor == Cursor(line: 0, column: 4))
        #expect(e.render().cursor == Position(row: 16, column: 45))
    }
}

extension String {
    /// Plain substring replacement: the editor's tests do without Foundation too.
    func replacingOccurrences(_ target: String, with replacement: String) -> String {
        var out = ""
        var rest = Substring(self)
        while let r = rest.firstRange(of: target) {
            out += rest[..<r.lowerBound] + replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }

    func replacingFirstLine(_ f: (String) -> String) -> String {
        // Appends at the end of the first line (where the cursor starts).
        let first = prefix { $0 != "\n" }
        return f(String(first)) + dropFirst(first.count)
    }
}
