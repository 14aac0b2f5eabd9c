import HandoffCore

/// The commit dialog: the generated message in an editable text area, the warnings that
/// need the user's eyes before confirming, and the keys. The message lives in a `Pane`, so
/// wrapping, cursor moves, scrolling and edits are the panes' own code; its undo history
/// is its own, so Ctrl-Z in the dialog never reaches the document.
struct CommitDialog {
    var text: Pane
    var warnings: [String]
    var history = UndoHistory()
    /// Why the last confirm was refused, shown in the status row until the next edit.
    var note: String?

    /// Git tools cut subjects at this length, and `git log --oneline` lines get long.
    static let subjectLimit = 72
    /// Rows the text area grows to, at most: a commit message is a subject and a few lines.
    static let maxTextRows = 12
    /// Narrower than this, the box is no help.
    static let minWidth = 30

    init(message: String, warnings: [String]) {
        // The key is unused: the pane only lends its text machinery to the dialog.
        text = Pane(key: .completed, buffer: TextBuffer(""))
        text.buffer.replace(0..<1, with: Editor.lines(of: message))
        text.cursor = Cursor(line: 0, column: text.buffer.length(0))
        self.warnings = warnings
    }

    /// The subject's length in characters (grapheme clusters), as `git log` counts them.
    mutating func subjectLength() -> Int { text.buffer.length(0) }
}

/// Where the dialog's parts go on a screen of a given size.
struct DialogBox: Equatable {
    var box: Rect
    var textArea: Rect
    var statusRow: Int
    /// The first warning row, and the warnings' rows: each warning wrapped to the box
    /// ("! " then its text, later rows under the text); when they do not all fit, the last
    /// row says how many are not shown.
    var warningsRow: Int
    var warningLines: [String]
    var warningRows: Int { warningLines.count }
    var keysRow: Int

    /// Centered between the header and the footer; nil when the screen is too small to
    /// show the text and at least one row of warnings.
    init?(size: Size, warnings: [String]) {
        let width = min(size.columns - 4, 80)
        // Rows 1 … rows-2: the header and the footer stay visible.
        let available = size.rows - 2
        // Borders, separator, status and keys: 5 rows; the text takes at least 3.
        let chrome = 5
        guard width >= CommitDialog.minWidth, available - chrome >= 3 else { return nil }
        let room = available - chrome - 3
        if !warnings.isEmpty, room < 1 { return nil }
        // One blank column either side of the text, inside the border.
        warningLines = DialogBox.fit(warnings, width: width - 4, rows: room)
        let textRows = min(CommitDialog.maxTextRows, available - chrome - warningLines.count)
        let height = textRows + chrome + warningLines.count
        let top = 1 + (available - height) / 2
        let left = (size.columns - width) / 2
        box = Rect(row: top, column: left, rows: height, columns: width)
        textArea = Rect(row: top + 1, column: left + 2, rows: textRows, columns: width - 4)
        statusRow = top + 1 + textRows + 1
        warningsRow = statusRow + 1
        keysRow = warningsRow + warningLines.count
    }

    /// Whole warnings, in order, while they fit in `rows`; the rest counted on the last row.
    /// A first warning taller than that shows what fits of it.
    static func fit(_ warnings: [String], width: Int, rows: Int) -> [String] {
        func more(_ n: Int) -> String {
            n == 1 ? "! 1 more warning: enlarge the window to read it"
                   : "! \(n) more warnings: enlarge the window to read them"
        }
        var lines: [String] = []
        for (i, warning) in warnings.enumerated() {
            let wrapped = wrap(warning, width: width)
            let others = warnings.count - i - 1
            // Room for this one, keeping a row to count the others should they not fit.
            let room = rows - lines.count - (others > 0 ? 1 : 0)
            if wrapped.count <= room {
                lines += wrapped
                continue
            }
            if lines.isEmpty {
                lines = Array(wrapped.prefix(max(1, room)))
                return others > 0 && lines.count < rows ? lines + [more(others)] : lines
            }
            return lines + [more(warnings.count - i)]
        }
        return lines
    }

    /// "! " and the warning, wrapped at `width` columns (after spaces where it can), later
    /// rows indented to the text.
    static func wrap(_ warning: String, width: Int) -> [String] {
        let layout = LineLayout(warning)
        // Not the empty row after a text that fills its last row exactly (the cursor's place).
        let starts = layout.rows(width: max(1, width - 2)).filter { $0 == 0 || $0 < layout.count }
        return starts.indices.map { n in
            let end = n + 1 < starts.count ? starts[n + 1] : layout.count
            var row = n == 0 ? "! " : "  "
            for k in starts[n]..<end { row += layout.cluster(k) }
            // The space the row broke after is not drawn.
            while row.count > 2, row.last == " " { row.removeLast() }
            return row
        }
    }
}

/// A question the host asked, answered by one key.
struct Question {
    var text: String
    var choices: [Choice]

    /// The question and its choices as one line, and the cluster ranges of the keys in it.
    var line: (text: String, keys: [Range<Int>]) {
        var s = text
        var keys: [Range<Int>] = []
        for choice in choices {
            s += s.isEmpty ? "" : "  "
            let start = s.count
            let label = choice.label
            if let first = label.first, first.lowercased() == choice.key.lowercased() {
                s += "(\(first))" + label.dropFirst()
            } else {
                s += "(\(choice.key)) " + label
            }
            keys.append(start..<(start + 3))
        }
        return (s, keys)
    }

    func choice(for c: Character) -> Choice? {
        choices.first { $0.key == c } ?? choices.first { $0.key.lowercased() == c.lowercased() }
    }
}

extension Editor {
    // MARK: - Commit dialog

    /// Opens the commit dialog over the panes with `message` to edit (the first line is the
    /// subject) and `warnings` to read before confirming (detached HEAD, possible secrets).
    /// Closes help and the find prompt. The answer comes back from `handle(_:)` as
    /// `.commitConfirmed(message:)`, or `.none` with "Commit cancelled" on Esc.
    public func openCommitDialog(message: String, warnings: [String] = []) {
        helpOffset = nil
        find.prompting = false
        dialog = CommitDialog(message: message, warnings: warnings)
        confirmedDialog = nil
        self.message = nil
    }

    /// After a commit: the message row shows `[abc1234] subject`.
    public func didCommit(shortHash: String, subject: String) {
        confirmedDialog = nil
        message = ("[\(shortHash)] \(subject)", false)
    }

    /// Whether the commit dialog is open (keys go to it).
    public var isCommitDialogOpen: Bool { dialog != nil }

    /// The message in the open dialog, as it stands.
    public var commitMessage: String? { dialog?.text.buffer.text }

    var dialogBox: DialogBox? { dialog.flatMap { DialogBox(size: size, warnings: $0.warnings) } }

    func handleDialog(_ key: Key) -> Action {
        dialog?.history.beginInput()
        let width = max(1, dialogBox?.textArea.columns ?? size.columns - 4)
        let height = max(1, dialogBox?.textArea.rows ?? 3)
        switch key {
        case .ctrl("g"), .ctrl("s"):
            return confirmCommit()
        case .escape:
            dialog = nil
            message = ("Commit cancelled", false)
        case .char(let c): dialogEdit(dialog?.text.insertion(String(c), kind: .typing))
        case .enter: dialogEdit(dialog?.text.pasteEdit("\n"))
        case .backspace: dialogEdit(dialog?.text.backspaceEdit())
        case .delete: dialogEdit(dialog?.text.deleteEdit())
        case .left: dialog?.text.moveLeft()
        case .right: dialog?.text.moveRight()
        case .up: dialog?.text.moveVertically(-1, width: width)
        case .down: dialog?.text.moveVertically(1, width: width)
        case .pageUp: dialog?.text.moveVertically(-max(1, height - 1), width: width)
        case .pageDown: dialog?.text.moveVertically(max(1, height - 1), width: width)
        case .home:
            dialog?.text.cursor.column = 0
            dialog?.text.goalX = nil
        case .end:
            if let line = dialog?.text.cursor.line, let end = dialog?.text.buffer.length(line) {
                dialog?.text.cursor.column = end
            }
            dialog?.text.goalX = nil
        case .ctrlLeft: dialog?.text.moveWord(forward: false)
        case .ctrlRight: dialog?.text.moveWord(forward: true)
        case .ctrl("z"):
            if let step = dialog?.history.undo.popLast(), let back = dialog?.text.revert(step) {
                dialog?.history.redo.append(back)
                dialog?.note = nil
            }
        case .ctrl("y"):
            if let step = dialog?.history.redo.popLast(), let back = dialog?.text.revert(step) {
                dialog?.history.undo.append(back)
                dialog?.note = nil
            }
        default:
            // Pane keys (Tab, Alt-1…7, F1, F2, Ctrl-K, Ctrl-Q …) do nothing while the
            // dialog is open: nothing behind it may change unseen.
            break
        }
        return .none
    }

    /// A bracketed paste into the dialog: literal text, one undo step.
    func dialogPaste(_ text: String) {
        dialog?.history.beginInput()
        dialogEdit(dialog?.text.pasteEdit(text))
    }

    private func dialogEdit(_ e: LineEdit?) {
        guard let e, let step = dialog?.text.apply(e, pane: 0) else { return }
        dialog?.history.record(step, oneLine: e.isOneLine)
        dialog?.note = nil
    }

    private func confirmCommit() -> Action {
        guard let text = dialog?.text.buffer.text else { return .none }
        if text.allSatisfy(\.isWhitespace) {
            dialog?.note = "The message is empty: write a subject first"
            return .none
        }
        // Confirming what is not on screen (warnings included) is no confirmation.
        guard dialogBox != nil else { return .none }
        confirmedDialog = dialog
        dialog = nil
        return .commitConfirmed(message: text)
    }

    /// Git refused the commit (a hook, nothing staged …): reopens the dialog with the
    /// message as the user confirmed it, its undo history and warnings, and the error's
    /// first line in its status row, so nothing typed is lost. Without a confirmed dialog
    /// to go back to, shows the error in the message row.
    public func commitFailed(error: String) {
        let line = Self.lines(of: error).first { !$0.allSatisfy(\.isWhitespace) } ?? "The commit failed"
        guard var d = confirmedDialog else {
            message = (line, true)
            return
        }
        confirmedDialog = nil
        d.note = line
        helpOffset = nil
        find.prompting = false
        dialog = d
    }

    /// A click in the dialog's text puts the cursor there; elsewhere it does nothing.
    func dialogClick(row: Int, column: Int) {
        guard let area = dialogBox?.textArea, area.contains(row: row, column: column) else { return }
        dialog?.text.place(viewRow: row - area.row, x: column - area.column, width: area.columns)
    }

    func dialogWheel(lines: Int) {
        guard let area = dialogBox?.textArea else { return }
        dialog?.text.scroll(lines, width: max(1, area.columns), height: max(1, area.rows))
    }

    // MARK: - Questions

    /// Asks the user a question answered by one key, shown in the message row (wrapped
    /// upwards when long). Until answered, only the choices' keys (either case) and Esc
    /// (the last choice, by convention "cancel") are taken; `handle(_:)` then returns
    /// `.answered(key)`. Closes help and the find prompt; an open commit dialog stays.
    public func ask(_ question: String, choices: [Choice]) {
        precondition(!choices.isEmpty, "a question needs at least one choice")
        helpOffset = nil
        find.prompting = false
        self.question = Question(text: question, choices: choices)
    }

    /// Whether a question waits for its answer (keys go to it).
    public var isAsking: Bool { question != nil }

    func answer(_ key: Key) -> Action {
        guard let q = question else { return .none }
        let picked: Choice?
        switch key {
        case .char(let c): picked = q.choice(for: c)
        case .escape: picked = q.choices.last
        default: picked = nil
        }
        guard let picked else { return .none }
        question = nil
        return .answered(picked.key)
    }

    // MARK: - Reload

    /// Replaces the panes with `document`'s sections (the file changed on disk and the user
    /// chose to reload, or a recovery file's text). Clears undo: the old steps name lines
    /// of the old text. Marks the editor unmodified, or modified when `modified` (recovered
    /// text that is not in the file yet). Focus stays; each cursor stays at its line and
    /// column where the new text still has them, else at the nearest end; the views
    /// re-clamp on drawing. Shows "Reloaded from disk" (the host may show its own).
    public func reload(document doc: HandoffDocument, modified: Bool = false) {
        base = doc
        for i in panes.indices {
            if let key = panes[i].key {
                panes[i].buffer = Self.buffer(of: key, in: doc)
            } else if restIsRead {
                let view = RestOfFile.view(of: doc)
                panes[i].buffer = view.buffer
                panes[i].fixedLines = view.fixed
                panes[i].anchors = view.anchors
            }
            clampCursor(i)
            panes[i].edited = false
        }
        countLaterOccurrences()
        history = UndoHistory()
        lastWasCut = false
        find.current = nil
        isModified = modified
        fullCheckPending = true
        // New buffers restart their version count: draw every pane again.
        lastScreen = nil
        message = ("Reloaded from disk", false)
    }
}
