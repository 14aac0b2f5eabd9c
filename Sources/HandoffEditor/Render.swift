import HandoffCore

/// Building a f. Only what is visible is touched: the panes' visible rows (from each
/// line's cached rendered form), the borders, the header and the footer.
extension Editor {
    /// Renders the screen at the current size. The frame's storage is reused between calls.
    public func render() -> Frame {
        // Drawn into a local, handed back after: cells written through `inout` skip the
        // exclusivity checks a class's stored property costs on every access.
        var f = frame
        frame = Frame(size: Size(columns: 0, rows: 0))
        defer { frame = f }
        let layout = self.layout
        // What is as last drawn keeps its cells: a pane whose text, view, box and highlights
        // are the same (the focused one places the cursor, or redraws the lines typed in),
        // the header and the footer. A key then costs a line and the message row.
        let questionLine = question?.line
        let questionRows = questionLine.map { LineLayout($0.text).rows(width: max(1, size.columns - 2)).count } ?? 0
        let screenKey = ScreenKey(size: size, kind: layout.kind, help: helpOffset != nil,
                                  dialog: dialog != nil, questionRows: questionRows)
        let whole = screenKey != lastScreen || f.size != size
        lastScreen = screenKey
        f.beginGeneration()
        f.cursor = nil
        if whole {
            f.reset(to: size)
            drawnPanes = Array(repeating: nil, count: 7)
            drawnHeader = nil
            drawnFooter = nil
            drawnMessage = nil
        }
        if layout.kind == .tooSmall {
            drawTooSmall(&f)
            return f
        }
        let header = HeaderKey(fileName: fileName, branch: branch, modified: isModified, review: review?.subject.header)
        if header != drawnHeader {
            drawHeader(&f)
            drawnHeader = header
        }
        if let bar = layout.tabBarRow {
            f.fill(" ", row: bar, columns: 0..<size.columns, role: .text)
            drawTabBar(&f, row: bar)
        }
        let findKey = FindKey(query: find.query, shown: find.showMatches,
                              current: find.current.map {
                                  FindKey.Match(pane: $0.pane, line: $0.line, from: $0.columns.lowerBound, to: $0.columns.upperBound)
                              })
        for i in panes.indices {
            guard let rect = layout.panes[i] else {
                drawnPanes[i] = nil
                continue
            }
            let inner = rect.inner
            // The focused pane follows its cursor first, so that its key names the view drawn.
            if i == focus, inner.columns > 0, inner.rows > 0 {
                panes[i].scrollToCursor(width: inner.columns, height: inner.rows)
            }
            let key = PaneKey(version: panes[i].buffer.version, top: panes[i].top, rect: rect,
                              focused: i == focus, hasProblem: panes[i].hasProblem, find: findKey)
            if let drawn = drawnPanes[i], redrawEdited(&f, i, drawn: drawn, now: key) { continue }
            drawPane(&f, i, in: rect)
            drawnPanes[i] = key
        }
        drawMessageRow(&f, row: layout.messageRow)
        let footer = FooterKey(choices: question?.choices, dialog: dialog != nil,
                               review: review.map { $0.subject.approving ? 2 : 1 } ?? 0)
        if footer != drawnFooter {
            f.fill(" ", row: layout.footerRow, columns: 0..<size.columns, role: .text)
            drawFooter(&f, row: layout.footerRow)
            drawnFooter = footer
        }
        if let offset = helpOffset { drawHelp(&f, offset: offset) }
        if dialog != nil { drawDialog(&f, messageRow: layout.messageRow) }
        if let questionLine { drawQuestion(&f, questionLine, rows: questionRows, bottom: layout.messageRow) }
        return f
    }

    /// Renders and hands the frame to a screen.
    public func draw(on screen: inout some Screen) {
        screen.draw(render())
    }

    private func drawTooSmall(_ f: inout Frame) {
        let lines = ["Terminal too small", "need \(Layout.minimum.columns)×\(Layout.minimum.rows),",
                     "have \(size.columns)×\(size.rows)"]
        let top = max(0, (size.rows - lines.count) / 2)
        for (n, line) in lines.enumerated() where top + n < size.rows {
            let col = max(0, (size.columns - line.count) / 2)
            f.put(line, row: top + n, column: col, role: .errorMessage)
        }
    }

    private func drawHeader(_ f: inout Frame) {
        f.fill(" ", row: 0, columns: 0..<size.columns, role: .header)
        if let review {
            let what = review.subject.approving ? " APPROVE " : " REVIEW "
            let col = f.put(what, row: 0, column: 0, role: .modifiedMark)
            f.put(" " + review.subject.header, row: 0, column: col, limit: size.columns, role: .header)
            return
        }
        var col = f.put(" " + fileName, row: 0, column: 0, role: .header)
        if let branch, !branch.isEmpty {
            col = f.put("  on " + branch, row: 0, column: col, role: .header)
        }
        if isModified {
            f.put("  [modified]", row: 0, column: col, role: .modifiedMark)
        }
        let name = "handoff-tui "
        if size.columns - name.count > col + 14 {
            f.put(name, row: 0, column: size.columns - name.count, role: .header)
        }
    }

    private func drawTabBar(_ f: inout Frame, row: Int) {
        for (i, tab) in TabBar.tabs(width: size.columns, focus: focus).enumerated() {
            f.put(tab.label, row: row, column: tab.column, role: i == focus ? .activeTab : .tab)
        }
    }

    private func drawPane(_ f: inout Frame, _ i: Int, in rect: Rect) {
        let focused = i == focus
        let border: Role = focused ? .focusedBorder : .border
        let (h, v, tl, tr, bl, br) = focused ? ("═", "║", "╔", "╗", "╚", "╝") : ("─", "│", "┌", "┐", "└", "┘")
        let top = rect.row, bottom = rect.row + rect.rows - 1
        let left = rect.column, right = rect.column + rect.columns - 1
        guard rect.rows >= 2, rect.columns >= 2 else { return }
        // The inside is not blanked first: the text rows blank what they leave.
        f.fill(h, row: top, columns: left..<right + 1, role: border)
        f.fill(h, row: bottom, columns: left..<right + 1, role: border)
        for r in (top + 1)..<bottom {
            f.fill(v, row: r, columns: left..<left + 1, role: border)
            f.fill(v, row: r, columns: right..<right + 1, role: border)
        }
        f.fill(tl, row: top, columns: left..<left + 1, role: border)
        f.fill(tr, row: top, columns: right..<right + 1, role: border)
        f.fill(bl, row: bottom, columns: left..<left + 1, role: border)
        f.fill(br, row: bottom, columns: right..<right + 1, role: border)

        drawTitle(&f, i, in: rect)
        drawText(&f, i, in: rect.inner, focused: focused)
    }

    /// The title on the pane's top border: number, name, item count, problem mark.
    private func drawTitle(_ f: inout Frame, _ i: Int, in rect: Rect) {
        drawnCounts[i] = panes[i].shownCounts
        let focused = i == focus
        let left = rect.column, right = rect.column + rect.columns - 1
        let pane = (key: panes[i].key, counts: panes[i].shownCounts, hasProblem: panes[i].hasProblem)
        let limit = right - 1
        let role: Role = focused ? .focusedTitle : .title
        guard let key = pane.key else {
            // The rest of the file: what it is, and the way back where it fills the window.
            var col = f.put(" 7 Rest of the file ", row: rect.row, column: left + 1, limit: limit, role: role)
            if layout.tabBarRow == nil {
                col = f.put("(Alt-1…6: panes) ", row: rect.row, column: col, limit: limit, role: role)
            }
            if col < right {
                f.fill(focused ? "═" : "─", row: rect.row, columns: col..<right, role: focused ? .focusedBorder : .border)
            }
            return
        }
        var col = f.put(" \(i + 1) \(key.canonicalTitle) ", row: rect.row, column: left + 1, limit: limit, role: role)
        // A list item that is only the section's label (`- **Completed:**` over its items) is
        // no item of the section.
        var counts = pane.counts
        if counts.items > 1, panes[i].countsOverride == nil, panes[i].buffer.count > 0,
           ListPrefix.isLabelOnlyItem(panes[i].buffer[0]) { counts.items -= 1 }
        let count = counts.label
        if !count.isEmpty {
            col = f.put("(\(count)) ", row: rect.row, column: col, limit: limit, role: role)
        }
        // Appended sessions: this is the first occurrence; the later ones are in the rest.
        if laterOccurrences[i] > 0 {
            col = f.put("+\(laterOccurrences[i]) in Rest ", row: rect.row, column: col, limit: limit, role: role)
        }
        if pane.hasProblem {
            col = f.put("! ", row: rect.row, column: col, limit: limit, role: .problemMark)
        }
        // What a shorter title leaves of the one before is border again.
        if col < right {
            f.fill(focused ? "═" : "─", row: rect.row, columns: col..<right, role: focused ? .focusedBorder : .border)
        }
    }

    private func marks(for i: Int) -> TextMarks {
        var marks = TextMarks()
        marks.fixedLines = panes[i].fixedLines
        if let review, i < Self.restPane { marks.markColumns = review.subject.approving ? 2 : 1 }
        if find.showMatches, !find.query.isEmpty {
            marks.query = find.query
            marks.ignoresCase = find.ignoresCase
            if let c = find.current, c.pane == i { marks.current = (c.line, c.columns) }
        }
        return marks
    }

    private func drawText(_ f: inout Frame, _ i: Int, in area: Rect, focused: Bool) {
        let cursor = Self.drawText(&f, &panes[i], in: area, focused: focused, marks: marks(for: i),
                                   rows: &drawnRows[i])
        if let cursor, helpOffset == nil, !find.prompting { f.cursor = cursor }
    }

    /// Redraws only what changed in a pane drawn before at the same place and view: nothing
    /// when its text is the same (the focused pane then only places the cursor), else the
    /// rows of the lines edited in place since. Returns false when the pane must be drawn whole.
    private func redrawEdited(_ f: inout Frame, _ i: Int, drawn: PaneKey, now: PaneKey) -> Bool {
        guard drawn.top == now.top, drawn.rect == now.rect, drawn.focused == now.focused,
              drawn.hasProblem == now.hasProblem, drawn.find == now.find else { return false }
        let area = now.rect.inner
        let width = area.columns, height = area.rows
        guard width > 0, height > 0, drawnRows[i].count == height else { return drawn == now }
        if drawn.version != now.version {
            guard let edited = panes[i].buffer.linesEdited(after: drawn.version) else { return false }
            let marks = marks(for: i)
            var last = -1
            for line in edited.sorted() where line != last {
                last = line
                // The screen rows the line had; it must still take as many.
                guard let first = drawnRows[i].firstIndex(where: { $0.line == line }) else { continue }
                let shown = drawnRows[i][first...].prefix { $0.line == line }.count
                let fromRow = drawnRows[i][first].row
                let rows = panes[i].buffer.layout(line).rows(width: width).count
                guard rows - fromRow == shown || (first + shown == height && rows - fromRow >= shown) else { return false }
                Self.drawLine(&f, &panes[i], line, fromRow: fromRow, rows: shown, at: area.row + first,
                              in: area, marks: marks)
            }
            // The title shows the item counts: drawn again when they changed.
            if panes[i].shownCounts != drawnCounts[i] { drawTitle(&f, i, in: now.rect) }
        }
        drawnPanes[i] = now
        guard now.focused else { return true }
        // The cursor, from the rows as drawn.
        let cursorRow = panes[i].cursorRow(width: width)
        let line = panes[i].cursor.line
        guard let at = drawnRows[i].firstIndex(where: { $0.line == line && $0.row == cursorRow.row }) else {
            return false
        }
        if helpOffset == nil, !find.prompting {
            f.cursor = Position(row: area.row + at, column: min(area.column + cursorRow.x, area.column + width - 1))
        }
        return true
    }

    /// Draws the rows of a pane's text that fit in `area`; a focused pane first scrolls to
    /// its cursor, whose screen position is returned. `rows` gets the line and wrapped row
    /// shown on each screen row. The panes and the commit dialog both draw their text with this.
    static func drawText(_ f: inout Frame, _ pane: inout Pane, in area: Rect, focused: Bool,
                         marks: TextMarks, rows shown: inout [ShownRow]) -> Position? {
        shown.removeAll(keepingCapacity: true)
        let width = area.columns, height = area.rows
        guard width > 0, height > 0 else { return nil }
        if focused {
            pane.scrollToCursor(width: width, height: height)
        } else {
            pane.clampTop(width: width)
        }
        let cursor = pane.cursor
        let cursorRow = focused ? pane.cursorRow(width: width) : (row: -1, x: 0)
        var cursorAt: Position?
        var line = pane.top.line
        var row = pane.top.column
        var screenRow = area.row
        while screenRow < area.row + height, line < pane.buffer.count {
            let count = min(pane.buffer.layout(line).rows(width: width).count - row, area.row + height - screenRow)
            drawLine(&f, &pane, line, fromRow: row, rows: count, at: screenRow, in: area, marks: marks)
            for r in row..<(row + count) { shown.append(ShownRow(line: line, row: r)) }
            if focused, line == cursor.line, cursorRow.row >= row, cursorRow.row < row + count {
                cursorAt = Position(row: screenRow + cursorRow.row - row,
                                    column: min(area.column + cursorRow.x, area.column + width - 1))
            }
            screenRow += count
            row = 0
            line += 1
        }
        // Below the last line.
        while screenRow < area.row + height {
            f.fill(" ", row: screenRow, columns: area.column..<(area.column + width), role: .text)
            shown.append(ShownRow(line: -1, row: 0))
            screenRow += 1
        }
        return cursorAt
    }

    /// Draws `rows` wrapped rows of one line, from its row `fromRow`, on the screen rows from
    /// `screenRow`, each blanked to the area's right edge.
    static func drawLine(_ f: inout Frame, _ pane: inout Pane, _ line: Int, fromRow: Int, rows: Int,
                         at screenRow: Int, in area: Rect, marks: TextMarks) {
        let width = area.columns
        let layout = pane.buffer.layout(line)
        let starts = layout.rows(width: width)
        let matches = marks.query.isEmpty
            ? [] : TextSearch.matches(of: marks.query, in: pane.buffer[line], ignoringCase: marks.ignoresCase)
        let longFrom = line == 0 ? marks.longFrom ?? Int.max : Int.max
        let plain: Role = marks.fixedLines.contains(line) ? .dim : .text
        let limit = area.column + width
        for n in 0..<rows {
            let row = fromRow + n
            let start = starts[row]
            let end = row + 1 < starts.count ? starts[row + 1] : layout.count
            var col = area.column
            var k = start
            while k < end {
                let w = Int(layout.widths[k])
                if col + w > limit { break }
                var role = plain
                if !matches.isEmpty, let m = matches.first(where: { $0.contains(k) }) {
                    let isCurrent = marks.current.map { $0.line == line && $0.columns == m } ?? false
                    role = isCurrent ? .currentMatch : .match
                } else if k >= longFrom {
                    role = .errorMessage
                } else if k < marks.markColumns, plain == .text {
                    role = .modifiedMark
                }
                if layout.isTab(k) {
                    for t in 0..<w { f.put(cluster: " ", width: 1, row: screenRow + n, column: col + t, role: role) }
                } else {
                    f.put(cluster: layout.cluster(k), width: w, row: screenRow + n, column: col, role: role)
                }
                col += w
                k += 1
            }
            if col < limit { f.fill(" ", row: screenRow + n, columns: col..<limit, role: .text) }
        }
    }

    /// The message row: a message on the left, the cursor's position on the right; the Find
    /// prompt while it is open; blank under the commit dialog. A key that only moved the
    /// position redraws the position.
    private func drawMessageRow(_ f: inout Frame, row: Int) {
        guard dialog == nil, !find.prompting, review?.editing == nil else {
            drawnMessage = nil
            f.fill(" ", row: row, columns: 0..<size.columns, role: .text)
            if let editing = review?.editing, dialog == nil {
                var col = f.put("Edit item: ", row: row, column: 0, role: .footerKey)
                col = f.put(String(editing.text[..<editing.cursor]), row: row, column: col, limit: size.columns, role: .message)
                f.cursor = Position(row: row, column: min(col, size.columns - 1))
                col = f.put(String(editing.text[editing.cursor...]), row: row, column: col, limit: size.columns, role: .message)
                f.put("  Enter keeps · Esc cancels", row: row, column: col + 1, limit: size.columns, role: .dim)
                return
            }
            // Under the commit dialog the pane's position means nothing.
            if dialog == nil { drawFindPrompt(&f, row: row) }
            return
        }
        let cursor = panes[focus].cursor
        let position = "Ln \(cursor.line + 1)/\(panes[focus].buffer.count), Col \(cursor.column + 1) "
        let posCol = size.columns - position.utf8.count
        let key = MessageKey(text: message?.text, isError: message?.isError ?? false, position: position)
        if let drawn = drawnMessage, drawn.text == key.text, drawn.isError == key.isError {
            if drawn.position == position { return }
            let drawnCol = size.columns - drawn.position.utf8.count
            // The message keeps the room it had (or there is none): only the position changes.
            if key.text == nil || drawnCol == posCol {
                f.fill(" ", row: row, columns: max(0, min(drawnCol, posCol))..<size.columns, role: .text)
                if posCol > 0 { f.put(position, row: row, column: posCol, role: .dim) }
                drawnMessage = key
                return
            }
        }
        f.fill(" ", row: row, columns: 0..<size.columns, role: .text)
        if let m = message {
            f.put(" " + m.text, row: row, column: 0, limit: posCol - 1, role: m.isError ? .errorMessage : .message)
        }
        if posCol > 0 { f.put(position, row: row, column: posCol, role: .dim) }
        drawnMessage = key
    }

    private func drawFindPrompt(_ f: inout Frame, row: Int) {
        var col = f.put("Find: ", row: row, column: 0, role: .footerKey)
        col = f.put(find.query, row: row, column: col, role: .message)
        f.cursor = Position(row: row, column: min(col, size.columns - 1))
        if let m = message, m.isError {
            f.put("  " + m.text, row: row, column: col + 1, role: .errorMessage)
        } else {
            f.put("  Enter/↓ next · ↑ previous · Esc close", row: row, column: col + 1, role: .dim)
        }
    }

    private func drawFooter(_ f: inout Frame, row: Int) {
        var col = 0
        // The footer names the keys that work now: a question's, the dialog's, or the panes'.
        let items = question.map { q in
            q.choices.map { (key: String($0.key), label: $0.label) } + [("Esc", q.choices.last!.label)]
        } ?? (dialog != nil ? KeyBindings.dialogFooter
              : review.map { $0.subject.approving ? KeyBindings.approvingFooter : KeyBindings.reviewFooter } ?? KeyBindings.footer)
        for (key, label) in items {
            let needed = key.count + 1 + label.count + 2
            if col + needed > size.columns { break }
            col = f.put(key, row: row, column: col, role: .footerKey)
            col = f.put(" " + label + "  ", row: row, column: col, role: .footer)
        }
    }

    /// A box with the border in the overlay role and its inside blanked.
    private func drawBox(_ f: inout Frame, _ rect: Rect) {
        let left = rect.column, top = rect.row
        let right = left + rect.columns - 1, bottom = top + rect.rows - 1
        for r in rect.row..<(rect.row + rect.rows) {
            f.fill(" ", row: r, columns: rect.column..<(rect.column + rect.columns), role: .overlay)
        }
        f.fill("─", row: top, columns: left..<right + 1, role: .overlay)
        f.fill("─", row: bottom, columns: left..<right + 1, role: .overlay)
        for r in (top + 1)..<bottom {
            f.fill("│", row: r, columns: left..<left + 1, role: .overlay)
            f.fill("│", row: r, columns: right..<right + 1, role: .overlay)
        }
        f.fill("┌", row: top, columns: left..<left + 1, role: .overlay)
        f.fill("┐", row: top, columns: right..<right + 1, role: .overlay)
        f.fill("└", row: bottom, columns: left..<left + 1, role: .overlay)
        f.fill("┘", row: bottom, columns: right..<right + 1, role: .overlay)
    }

    /// The commit dialog over the panes; a one-line notice when the screen is too small.
    private func drawDialog(_ f: inout Frame, messageRow: Int) {
        guard var d = dialog else { return }
        f.cursor = nil
        guard let g = DialogBox(size: size, warnings: d.warnings) else {
            f.fill(" ", row: messageRow, columns: 0..<size.columns, role: .errorMessage)
            f.put(" Too small to commit: enlarge, or Esc",
                  row: messageRow, column: 0, role: .errorMessage)
            return
        }
        // The dialog's text is drawn from a copy; the scroll position it settles on is kept.
        dialog = nil
        defer { dialog = d }
        let box = g.box
        let right = box.column + box.columns - 1
        drawBox(&f, box)
        f.put(" Commit message ", row: box.row, column: box.column + 2, limit: right, role: .overlayKey)
        let length = d.subjectLength()
        let long = length > CommitDialog.subjectLimit
        var marks = TextMarks()
        marks.longFrom = CommitDialog.subjectLimit
        for r in g.textArea.row..<(g.textArea.row + g.textArea.rows) {
            f.fill(" ", row: r, columns: (box.column + 1)..<right, role: .text)
        }
        var rows: [ShownRow] = []
        f.cursor = Self.drawText(&f, &d.text, in: g.textArea, focused: true, marks: marks, rows: &rows)
        // The separator under the text.
        let sep = g.textArea.row + g.textArea.rows
        f.fill("─", row: sep, columns: box.column..<(right + 1), role: .overlay)
        f.fill("├", row: sep, columns: box.column..<(box.column + 1), role: .overlay)
        f.fill("┤", row: sep, columns: right..<(right + 1), role: .overlay)
        // Status: the subject's length against the limit, or why a confirm was refused.
        let inner = box.column + 2
        if let note = d.note {
            f.put(note, row: g.statusRow, column: inner, limit: right - 1, role: .errorMessage)
        } else {
            let status = "Subject \(length)/\(CommitDialog.subjectLimit)"
                + (long ? " — too long, git tools cut it at \(CommitDialog.subjectLimit)" : "")
            f.put(status, row: g.statusRow, column: inner, limit: right - 1, role: long ? .errorMessage : .overlay)
        }
        for (n, line) in g.warningLines.enumerated() {
            f.put(line, row: g.warningsRow + n, column: inner, limit: right - 1, role: .errorMessage)
        }
        var col = inner
        let confirm = d.warnings.isEmpty ? "commit" : "commit anyway"
        for (key, label) in [("^G", confirm), ("Esc", "cancel"), ("Enter", "new line"), ("^Z", "undo")] {
            guard col + key.count + 1 + label.count <= right - 1 else { break }
            col = f.put(key, row: g.keysRow, column: col, role: .overlayKey)
            col = f.put(" " + label + "  ", row: g.keysRow, column: col, limit: right - 1, role: .overlay)
        }
    }

    /// The question, wrapped upwards from the message row, its keys highlighted.
    private func drawQuestion(_ f: inout Frame, _ q: (text: String, keys: [Range<Int>]), rows: Int, bottom: Int) {
        let layout = LineLayout(q.text)
        let width = max(1, size.columns - 2)
        let starts = layout.rows(width: width)
        let top = bottom - rows + 1
        var col = 1
        for n in 0..<rows {
            let row = top + n
            f.fill(" ", row: row, columns: 0..<size.columns, role: .message)
            guard n < starts.count else { continue }
            let end = n + 1 < starts.count ? starts[n + 1] : layout.count
            var k = starts[n]
            // A row that starts at the second space between choices starts after it.
            while n > 0, k < end, layout.isSpace(k) { k += 1 }
            col = 1
            while k < end {
                let w = Int(layout.widths[k])
                let role: Role = q.keys.contains { $0.contains(k) } ? .footerKey : .message
                if row >= 0 { f.put(cluster: layout.cluster(k), width: w, row: row, column: col, role: role) }
                col += w
                k += 1
            }
        }
        f.cursor = Position(row: max(0, bottom), column: min(size.columns - 1, col + 1))
    }

    private func drawHelp(_ f: inout Frame, offset: Int) {
        let entries = helpEntries
        let keyWidth = entries.map(\.keys.count).max()! + 2
        let textWidth = entries.map(\.does.count).max()!
        let width = min(size.columns - 2, keyWidth + textWidth + 4)
        let height = min(size.rows - 2, entries.count + 3)
        let left = (size.columns - width) / 2, top = (size.rows - height) / 2
        drawBox(&f, Rect(row: top, column: left, rows: height, columns: width))
        let right = left + width - 1, bottom = top + height - 1
        f.put(" Keys — Esc closes ", row: top, column: left + 2, limit: right, role: .overlayKey)
        let rows = height - 2
        let first = min(offset, max(0, entries.count - rows))
        for n in 0..<rows where first + n < entries.count {
            let e = entries[first + n]
            let col = f.put(" " + e.keys, row: top + 1 + n, column: left + 1, limit: right, role: .overlayKey)
            f.put(e.does, row: top + 1 + n, column: max(col + 1, left + 1 + keyWidth), limit: right, role: .overlay)
        }
        if first + rows < entries.count {
            f.put(" ↓ more ", row: bottom, column: right - 9, limit: right, role: .overlayKey)
        }
    }
}

/// What a frame was drawn for, to tell when everything must be drawn again.
struct ScreenKey: Equatable {
    var size: Size
    var kind: Layout.Kind
    var help: Bool
    var dialog: Bool
    var questionRows: Int
}

/// A screen row of a pane's text area: the line shown there (-1: below the text) and
/// which of its wrapped rows.
struct ShownRow: Equatable {
    var line: Int
    var row: Int
}

/// What a pane's cells depend on.
struct PaneKey: Equatable {
    var version: Int
    var top: Cursor
    var rect: Rect
    var focused: Bool
    var hasProblem: Bool
    var find: FindKey
}

/// What to highlight in a text area: find matches, and a too-long first line (a commit
/// subject) from a cluster on.
struct TextMarks {
    /// Empty: no matches shown.
    var query = ""
    var ignoresCase = true
    var current: (line: Int, columns: Range<Int>)?
    var longFrom: Int?
    /// Lines drawn dim: the rest view's section markers, which are not the file's text.
    var fixedLines: [Int] = []
    /// A review's mark columns at the start of each line, drawn in the mark colour.
    var markColumns = 0
}

struct FindKey: Equatable {
    var query: String
    var shown: Bool
    /// The current match: pane, line, first and end cluster.
    var current: Match?

    struct Match: Equatable {
        var pane, line, from, to: Int
    }
}

/// What the header row shows (at the size the screen key holds).
struct HeaderKey: Equatable {
    var fileName: String
    var branch: String?
    var modified: Bool
    var review: String?
}

/// What the message row shows outside the Find prompt and the commit dialog.
struct MessageKey: Equatable {
    var text: String?
    var isError: Bool
    var position: String
}

/// What the footer row shows: a question's keys, the dialog's, or the panes'.
struct FooterKey: Equatable {
    var choices: [Choice]?
    var dialog: Bool
    /// 0: editing; 1: reviewing; 2: approving a draft.
    var review: Int
}
