/// Text edits on the focused pane. Every change goes through `apply`, which keeps undo,
/// the modified mark and the problem marks' staleness in step.
extension Editor {
    func apply(_ range: Range<Int>, with new: [String], cursor after: Cursor,
               kind: UndoStep.Kind = .other, pane p: Int? = nil) {
        let p = p ?? focus
        let before = panes[p].cursor
        let old = panes[p].buffer.replace(range, with: new)
        panes[p].cursor = after
        panes[p].goalX = nil
        panes[p].edited = true
        panes[p].problemsStale = true
        isModified = true
        history.record(UndoStep(pane: p, start: range.lowerBound, lines: old, newCount: new.count,
                                cursorBefore: before, cursorAfter: after, kind: kind),
                       oneLine: range.count == 1 && new.count == 1)
    }

    /// Inserts text without line breaks at the cursor.
    func insert(_ s: String, kind: UndoStep.Kind) {
        let c = panes[focus].cursor
        let line = panes[focus].line
        let at = Self.index(line, c.column)
        let headCount = line.utf8.distance(from: line.startIndex, to: at)
        var new = line
        new.insert(contentsOf: s, at: at)
        // Count clusters up to the end of what was typed: a combining mark joins the
        // cluster before it, so the cursor stays after that cluster.
        let end = new.utf8.index(new.startIndex, offsetBy: headCount + s.utf8.count)
        let column = new[..<end].count
        apply(c.line..<c.line + 1, with: [new], cursor: Cursor(line: c.line, column: column), kind: kind)
    }

    /// A bracketed paste: literal text, one undo step.
    func paste(_ text: String) {
        var parts: [String] = []
        var current = ""
        for ch in text {
            if ch == "\n" || ch == "\r\n" || ch == "\r" {
                parts.append(current)
                current = ""
            } else {
                current.append(ch)
            }
        }
        parts.append(current)
        if parts.count == 1 {
            insert(parts[0], kind: .other)
            return
        }
        let c = panes[focus].cursor
        let line = panes[focus].line
        let at = Self.index(line, c.column)
        let head = String(line[..<at]), tail = String(line[at...])
        var new = [head + parts[0]]
        new.append(contentsOf: parts[1..<(parts.count - 1)])
        let last = parts[parts.count - 1]
        new.append(last + tail)
        let column = last.count
        apply(c.line..<c.line + 1, with: new, cursor: Cursor(line: c.line + parts.count - 1, column: column))
    }

    func backspace() {
        let c = panes[focus].cursor
        let line = panes[focus].line
        if c.column > 0 {
            var new = line
            new.remove(at: Self.index(line, c.column - 1))
            apply(c.line..<c.line + 1, with: [new], cursor: Cursor(line: c.line, column: c.column - 1), kind: .deleting)
        } else if c.line > 0 {
            let prev = panes[focus].buffer[c.line - 1]
            let column = panes[focus].buffer.length(c.line - 1)
            apply((c.line - 1)..<(c.line + 1), with: [prev + line], cursor: Cursor(line: c.line - 1, column: column))
        }
    }

    func deleteForward() {
        let c = panes[focus].cursor
        let line = panes[focus].line
        if c.column < panes[focus].buffer.length(c.line) {
            var new = line
            new.remove(at: Self.index(line, c.column))
            apply(c.line..<c.line + 1, with: [new], cursor: c, kind: .deleting)
        } else if c.line + 1 < panes[focus].buffer.count {
            let next = panes[focus].buffer[c.line + 1]
            apply(c.line..<(c.line + 2), with: [line + next], cursor: c)
        }
    }

    /// Ctrl-K: cuts the cursor's line; cuts in a row gather into one cut.
    func cutLine(appending: Bool) {
        let c = panes[focus].cursor
        let line = panes[focus].line
        cutLines = appending ? cutLines + [line] : [line]
        let count = panes[focus].buffer.count
        if count == 1 {
            apply(0..<1, with: [""], cursor: Cursor(line: 0, column: 0))
        } else {
            apply(c.line..<c.line + 1, with: [], cursor: Cursor(line: min(c.line, count - 2), column: 0))
        }
        lastWasCut = true
    }

    /// Ctrl-U: puts the cut lines back above the cursor's line.
    func pasteCut() {
        guard !cutLines.isEmpty else {
            message = ("Nothing cut yet (Ctrl-K cuts a line)", false)
            return
        }
        let c = panes[focus].cursor
        let line = panes[focus].line
        if panes[focus].buffer.count == 1, line.isEmpty {
            apply(0..<1, with: cutLines, cursor: Cursor(line: cutLines.count - 1, column: cutLines.last!.count))
            return
        }
        apply(c.line..<c.line + 1, with: cutLines + [line], cursor: Cursor(line: c.line + cutLines.count, column: 0))
    }

    func undo() {
        guard let step = history.undo.popLast() else {
            message = ("Nothing to undo", false)
            return
        }
        history.redo.append(revert(step))
    }

    func redo() {
        guard let step = history.redo.popLast() else {
            message = ("Nothing to redo", false)
            return
        }
        history.undo.append(revert(step))
    }

    /// Puts a step's lines back and returns the step that reverses that.
    private func revert(_ step: UndoStep) -> UndoStep {
        let p = step.pane
        let replaced = panes[p].buffer.replace(step.start..<(step.start + step.newCount), with: step.lines)
        panes[p].cursor = step.cursorBefore
        panes[p].goalX = nil
        panes[p].edited = true
        panes[p].problemsStale = true
        isModified = true
        focus = p
        return UndoStep(pane: p, start: step.start, lines: replaced, newCount: step.lines.count,
                        cursorBefore: step.cursorAfter, cursorAfter: step.cursorBefore, kind: step.kind)
    }

    /// The string index of a cluster column (clamped to the end).
    static func index(_ line: String, _ column: Int) -> String.Index {
        line.index(line.startIndex, offsetBy: column, limitedBy: line.endIndex) ?? line.endIndex
    }

    /// The cluster column of a UTF-8 offset.
    static func column(_ line: String, utf8 offset: Int) -> Int {
        line[..<line.utf8.index(line.startIndex, offsetBy: min(offset, line.utf8.count))].count
    }
}
