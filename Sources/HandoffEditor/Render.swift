import HandoffCore

/// Building a frame. Only what is visible is touched: the panes' visible rows (from each
/// line's cached rendered form), the borders, the header and the footer.
extension Editor {
    /// Renders the screen at the current size. The frame's storage is reused between calls.
    public func render() -> Frame {
        frame.reset(to: size)
        let layout = self.layout
        if layout.kind == .tooSmall {
            drawTooSmall()
            return frame
        }
        drawHeader()
        if let bar = layout.tabBarRow { drawTabBar(row: bar) }
        for i in 0..<6 {
            guard let rect = layout.panes[i] else { continue }
            drawPane(i, in: rect)
        }
        drawMessageLine(row: layout.messageRow)
        drawFooter(row: layout.footerRow)
        if let offset = helpOffset { drawHelp(offset: offset) }
        return frame
    }

    /// Renders and hands the frame to a screen.
    public func draw(on screen: inout some Screen) {
        screen.draw(render())
    }

    private func drawTooSmall() {
        let lines = ["Terminal too small", "need \(Layout.minimum.columns)×\(Layout.minimum.rows),",
                     "have \(size.columns)×\(size.rows)"]
        let top = max(0, (size.rows - lines.count) / 2)
        for (n, line) in lines.enumerated() where top + n < size.rows {
            let col = max(0, (size.columns - line.count) / 2)
            frame.put(line, row: top + n, column: col, role: .errorMessage)
        }
    }

    private func drawHeader() {
        frame.fill(" ", row: 0, columns: 0..<size.columns, role: .header)
        var col = frame.put(" " + fileName, row: 0, column: 0, role: .header)
        if let branch, !branch.isEmpty {
            col = frame.put("  on " + branch, row: 0, column: col, role: .header)
        }
        if isModified {
            frame.put("  [modified]", row: 0, column: col, role: .modifiedMark)
        }
        let name = "handoff-tui "
        if size.columns - name.count > col + 14 {
            frame.put(name, row: 0, column: size.columns - name.count, role: .header)
        }
    }

    private func drawTabBar(row: Int) {
        for (i, tab) in TabBar.tabs(width: size.columns, focus: focus).enumerated() {
            var role: Role = i == focus ? .activeTab : .tab
            if panes[i].hasProblem, i != focus { role = .tab }
            frame.put(tab.label, row: row, column: tab.column - 1, role: role)
        }
    }

    private func drawPane(_ i: Int, in rect: Rect) {
        let focused = i == focus
        let border: Role = focused ? .focusedBorder : .border
        let (h, v, tl, tr, bl, br) = focused ? ("═", "║", "╔", "╗", "╚", "╝") : ("─", "│", "┌", "┐", "└", "┘")
        let top = rect.row, bottom = rect.row + rect.rows - 1
        let left = rect.column, right = rect.column + rect.columns - 1
        guard rect.rows >= 2, rect.columns >= 2 else { return }
        frame.fill(h, row: top, columns: left..<right + 1, role: border)
        frame.fill(h, row: bottom, columns: left..<right + 1, role: border)
        for r in (top + 1)..<bottom {
            frame.fill(v, row: r, columns: left..<left + 1, role: border)
            frame.fill(v, row: r, columns: right..<right + 1, role: border)
        }
        frame.fill(tl, row: top, columns: left..<left + 1, role: border)
        frame.fill(tr, row: top, columns: right..<right + 1, role: border)
        frame.fill(bl, row: bottom, columns: left..<left + 1, role: border)
        frame.fill(br, row: bottom, columns: right..<right + 1, role: border)

        // The title: number, name, item count, problem mark.
        let pane = panes[i]
        let limit = right - 1
        var col = frame.put(" \(i + 1) \(pane.key.canonicalTitle) ", row: top, column: left + 1, limit: limit,
                            role: focused ? .focusedTitle : .title)
        let count = pane.buffer.counts.label
        if !count.isEmpty {
            col = frame.put("(\(count)) ", row: top, column: col, limit: limit, role: focused ? .focusedTitle : .title)
        }
        if pane.hasProblem {
            col = frame.put("! ", row: top, column: col, limit: limit, role: .problemMark)
        }
        drawText(i, in: rect.inner, focused: focused)
    }

    private func drawText(_ i: Int, in area: Rect, focused: Bool) {
        let width = area.columns, height = area.rows
        guard width > 0, height > 0 else { return }
        if focused {
            panes[i].scrollToCursor(width: width, height: height)
        } else {
            panes[i].clampTop(width: width)
        }
        let cursor = panes[i].cursor
        let cursorRow = focused ? panes[i].cursorRow(width: width) : (row: -1, x: 0)
        var line = panes[i].top.line
        var row = panes[i].top.column
        var screenRow = area.row
        let showMatches = find.showMatches && !find.query.isEmpty
        let ignoring = find.ignoresCase
        while screenRow < area.row + height, line < panes[i].buffer.count {
            let layout = panes[i].buffer.layout(line)
            let starts = layout.rows(width: width)
            let matches = showMatches
                ? TextSearch.matches(of: find.query, in: panes[i].buffer[line], ignoringCase: ignoring) : []
            while row < starts.count, screenRow < area.row + height {
                let start = starts[row]
                let end = row + 1 < starts.count ? starts[row + 1] : layout.count
                var col = area.column
                let limit = area.column + width
                var k = start
                while k < end {
                    let w = Int(layout.widths[k])
                    if col + w > limit { break }
                    var role = Role.text
                    if !matches.isEmpty, let m = matches.first(where: { $0.contains(k) }) {
                        let isCurrent = find.current.map { $0.pane == i && $0.line == line && $0.columns == m } ?? false
                        role = isCurrent ? .currentMatch : .match
                    }
                    let text = layout.clusters[k]
                    if text == "\t" {
                        for t in 0..<w { frame.put(cluster: " ", width: 1, row: screenRow, column: col + t, role: role) }
                    } else {
                        frame.put(cluster: text, width: w, row: screenRow, column: col, role: role)
                    }
                    col += w
                    k += 1
                }
                if focused, line == cursor.line, row == cursorRow.row, helpOffset == nil, !find.prompting {
                    frame.cursor = Position(row: screenRow, column: min(area.column + cursorRow.x, limit - 1))
                }
                screenRow += 1
                row += 1
            }
            row = 0
            line += 1
        }
    }

    private func drawMessageLine(row: Int) {
        if find.prompting {
            let prompt = "Find: "
            var col = frame.put(prompt, row: row, column: 0, role: .footerKey)
            col = frame.put(find.query, row: row, column: col, role: .message)
            frame.cursor = Position(row: row, column: min(col, size.columns - 1))
            let hint = "  Enter/↓ next · ↑ previous · Esc close"
            if let m = message, m.isError {
                frame.put("  " + m.text, row: row, column: col + 1, role: .errorMessage)
            } else {
                frame.put(hint, row: row, column: col + 1, role: .dim)
            }
            return
        }
        let pane = panes[focus]
        let position = "Ln \(pane.cursor.line + 1)/\(pane.buffer.count), Col \(pane.cursor.column + 1) "
        let posCol = size.columns - position.count
        if let m = message {
            frame.put(" " + m.text, row: row, column: 0, limit: posCol - 1, role: m.isError ? .errorMessage : .message)
        }
        if posCol > 0 { frame.put(position, row: row, column: posCol, role: .dim) }
    }

    private func drawFooter(row: Int) {
        var col = 0
        for (key, label) in KeyBindings.footer {
            let needed = key.count + 1 + label.count + 2
            if col + needed > size.columns { break }
            col = frame.put(key, row: row, column: col, role: .footerKey)
            col = frame.put(" " + label + "  ", row: row, column: col, role: .footer)
        }
    }

    private func drawHelp(offset: Int) {
        let entries = KeyBindings.help
        let keyWidth = entries.map(\.keys.count).max()! + 2
        let textWidth = entries.map(\.does.count).max()!
        let width = min(size.columns - 2, keyWidth + textWidth + 4)
        let height = min(size.rows - 2, entries.count + 3)
        let left = (size.columns - width) / 2, top = (size.rows - height) / 2
        let rect = Rect(row: top, column: left, rows: height, columns: width)
        for r in rect.row..<(rect.row + rect.rows) {
            frame.fill(" ", row: r, columns: rect.column..<(rect.column + rect.columns), role: .overlay)
        }
        let right = left + width - 1, bottom = top + height - 1
        frame.fill("─", row: top, columns: left..<right + 1, role: .overlay)
        frame.fill("─", row: bottom, columns: left..<right + 1, role: .overlay)
        for r in (top + 1)..<bottom {
            frame.fill("│", row: r, columns: left..<left + 1, role: .overlay)
            frame.fill("│", row: r, columns: right..<right + 1, role: .overlay)
        }
        frame.fill("┌", row: top, columns: left..<left + 1, role: .overlay)
        frame.fill("┐", row: top, columns: right..<right + 1, role: .overlay)
        frame.fill("└", row: bottom, columns: left..<left + 1, role: .overlay)
        frame.fill("┘", row: bottom, columns: right..<right + 1, role: .overlay)
        frame.put(" Keys — Esc closes ", row: top, column: left + 2, limit: right, role: .overlayKey)
        let rows = height - 2
        let first = min(offset, max(0, entries.count - rows))
        for n in 0..<rows where first + n < entries.count {
            let e = entries[first + n]
            let col = frame.put(" " + e.keys, row: top + 1 + n, column: left + 1, limit: right, role: .overlayKey)
            frame.put(e.does, row: top + 1 + n, column: max(col + 1, left + 1 + keyWidth), limit: right, role: .overlay)
        }
        if first + rows < entries.count {
            frame.put(" ↓ more ", row: bottom, column: right - 9, limit: right, role: .overlayKey)
        }
    }
}
