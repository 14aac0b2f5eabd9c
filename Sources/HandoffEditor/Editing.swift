/// Text edits on the focused pane. Every change goes through `apply`, which keeps undo,
/// the modified mark and the problem marks' staleness in step.
/// A change to a run of lines and where the cursor goes after it. Computed from a pane's
/// text and applied either to a pane (with the editor's undo) or to the commit dialog's
/// message (with the dialog's own undo), so both edit text the same way.
struct LineEdit {
    var range: Range<Int>
    var lines: [String]
    var cursor: Cursor
    var kind: UndoStep.Kind = .other

    /// One line replaced by one: typing and deleting runs may merge into one undo step.
    var isOneLine: Bool { range.count == 1 && lines.count == 1 }
}

extension Pane {
    /// Makes the change; returns the undo step for it (`p` names the pane in the step).
    mutating func apply(_ e: LineEdit, pane p: Int) -> UndoStep {
        let before = cursor
        let old = buffer.replace(e.range, with: e.lines)
        shiftMarks(e.range, newCount: e.lines.count)
        cursor = e.cursor
        goalX = nil
        return UndoStep(pane: p, start: e.range.lowerBound, lines: old, newCount: e.lines.count,
                        cursorBefore: before, cursorAfter: e.cursor, kind: e.kind)
    }

    /// Puts a step's lines back and returns the step that reverses that.
    mutating func revert(_ step: UndoStep) -> UndoStep {
        let replaced = buffer.replace(step.start..<(step.start + step.newCount), with: step.lines)
        shiftMarks(step.start..<(step.start + step.newCount), newCount: step.lines.count)
        cursor = step.cursorBefore
        goalX = nil
        return UndoStep(pane: step.pane, start: step.start, lines: replaced, newCount: step.lines.count,
                        cursorBefore: step.cursorAfter, cursorAfter: step.cursorBefore, kind: step.kind)
    }

    /// Text without line breaks inserted at the cursor.
    func insertion(_ s: String, kind: UndoStep.Kind) -> LineEdit {
        let c = cursor
        let line = self.line
        let at = Editor.index(line, c.column)
        let headCount = line.utf8.distance(from: line.startIndex, to: at)
        let new = Editor.spliced(line, at..<at, with: s)
        // Count clusters up to the end of what was typed: a combining mark joins the
        // cluster before it, so the cursor stays after that cluster.
        let end = new.utf8.index(new.startIndex, offsetBy: headCount + s.utf8.count)
        let column = new[..<end].count
        return LineEdit(range: c.line..<c.line + 1, lines: [new], cursor: Cursor(line: c.line, column: column), kind: kind)
    }

    /// Literal text, line breaks (LF, CRLF, CR) included: a paste, or Enter in the dialog.
    func pasteEdit(_ text: String) -> LineEdit {
        let parts = Editor.lines(of: text)
        if parts.count == 1 { return insertion(parts[0], kind: .other) }
        let c = cursor
        let line = self.line
        let at = Editor.index(line, c.column)
        let head = String(line[..<at]), tail = String(line[at...])
        var new = [head + parts[0]]
        new.append(contentsOf: parts[1..<(parts.count - 1)])
        let last = parts[parts.count - 1]
        new.append(last + tail)
        return LineEdit(range: c.line..<c.line + 1, lines: new,
                        cursor: Cursor(line: c.line + parts.count - 1, column: last.count))
    }

    /// Backspace: the cluster before the cursor, or the line break before the line.
    mutating func backspaceEdit() -> LineEdit? {
        let c = cursor
        let line = self.line
        if c.column > 0 {
            let at = Editor.index(line, c.column - 1)
            let new = Editor.spliced(line, at..<line.index(after: at), with: "")
            return LineEdit(range: c.line..<c.line + 1, lines: [new],
                            cursor: Cursor(line: c.line, column: c.column - 1), kind: .deleting)
        } else if c.line > 0 {
            let prev = buffer[c.line - 1]
            let column = buffer.length(c.line - 1)
            return LineEdit(range: (c.line - 1)..<(c.line + 1), lines: [prev + line],
                            cursor: Cursor(line: c.line - 1, column: column))
        }
        return nil
    }

    /// Delete: the cluster at the cursor, or the line break after the line.
    mutating func deleteEdit() -> LineEdit? {
        let c = cursor
        let line = self.line
        if c.column < buffer.length(c.line) {
            let at = Editor.index(line, c.column)
            let new = Editor.spliced(line, at..<line.index(after: at), with: "")
            return LineEdit(range: c.line..<c.line + 1, lines: [new], cursor: c, kind: .deleting)
        } else if c.line + 1 < buffer.count {
            return LineEdit(range: c.line..<(c.line + 2), lines: [line + buffer[c.line + 1]], cursor: c)
        }
        return nil
    }
}

/// Text edits on the focused pane. Every change goes through `apply`, which keeps undo,
/// the modified mark and the problem marks' staleness in step.
extension Editor {
    /// The other panes whose key reads the same section as pane `p`'s (docs/FORMAT.md, "A
    /// heading naming two keys"). Usually none; six look-ups a key.
    func panesSharingSection(with p: Int) -> [Int] {
        guard let key = panes[p].key, let mine = base.section(key) else { return [] }
        var out: [Int] = []
        for q in panes.indices where q != p {
            guard let otherKey = panes[q].key, let other = base.section(otherKey), other.heading.lineIndex == mine.heading.lineIndex,
                  other.sharedFrom != nil || mine.sharedFrom != nil else { continue }
            out.append(q)
        }
        return out
    }

    func apply(_ range: Range<Int>, with new: [String], cursor after: Cursor,
               kind: UndoStep.Kind = .other, pane p: Int? = nil) {
        apply(LineEdit(range: range, lines: new, cursor: after, kind: kind), pane: p ?? focus)
    }

    func apply(_ e: LineEdit, pane p: Int) {
        // The rest view's markers stand for sections: an edit may not change or join them,
        // so a piece of the rest never runs into a section or another piece.
        if panes[p].touchesFixedLine(e.range) {
            message = ("That line stands for a section: edit it in its pane (Alt-1…6)", false)
            return
        }
        let step = panes[p].apply(e, pane: p)
        panes[p].edited = true
        panes[p].problemsStale = true
        // A pane showing the same section (one heading naming two keys) gets the same edit, so
        // that the two never disagree about the one body they write back.
        for q in panesSharingSection(with: p) {
            _ = panes[q].apply(e, pane: q)
            panes[q].edited = true
            panes[q].problemsStale = true
        }
        isModified = true
        history.record(step, oneLine: e.isOneLine)
    }

    /// Inserts text without line breaks at the cursor.
    func insert(_ s: String, kind: UndoStep.Kind) {
        apply(panes[focus].insertion(s, kind: kind), pane: focus)
    }

    /// A bracketed paste: literal text, one undo step.
    func paste(_ text: String) {
        apply(panes[focus].pasteEdit(text), pane: focus)
    }

    func backspace() {
        if let e = panes[focus].backspaceEdit() { apply(e, pane: focus) }
    }

    func deleteForward() {
        if let e = panes[focus].deleteEdit() { apply(e, pane: focus) }
    }

    /// Text split at LF, CRLF and CR (one part when there is none).
    static func lines(of text: String) -> [String] {
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
        return parts
    }

    /// Ctrl-K: cuts the cursor's line; cuts in a row gather into one cut. A numbered step
    /// cut from steps in sequence takes its number with it: the ones after count on from it.
    func cutLine(appending: Bool) {
        let c = panes[focus].cursor
        let line = panes[focus].line
        if panes[focus].isFixed(c.line) {
            message = ("That line stands for a section: edit it in its pane (Alt-1…6)", false)
            return
        }
        cutLines = appending ? cutLines + [line] : [line]
        let count = panes[focus].buffer.count
        if count == 1 || panes[focus].isOnlyLineOfItsPiece(c.line) {
            // A piece of the rest keeps a line to type in.
            apply(c.line..<c.line + 1, with: [""], cursor: Cursor(line: c.line, column: 0))
        } else if let item = ListPrefix.parse(line), let n = item.number,
                  let after = numberedSiblings(from: c.line + 1, like: item, after: n, from: n) {
            apply(c.line..<c.line + 1 + after.count, with: after, cursor: Cursor(line: c.line, column: 0))
        } else {
            apply(c.line..<c.line + 1, with: [], cursor: Cursor(line: min(c.line, count - 2), column: 0))
        }
        lastWasCut = true
    }

    /// Ctrl-U: puts the cut lines back above the cursor's line. Numbered steps put among
    /// steps in sequence take the numbers of their place, and the ones after count on.
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
        let cursor = Cursor(line: c.line + cutLines.count, column: 0)
        if let (pasted, after) = numberedPaste(cutLines, at: c.line) {
            apply(c.line..<c.line + after.count, with: pasted + after, cursor: cursor)
        } else {
            apply(c.line..<c.line + 1, with: cutLines + [line], cursor: cursor)
        }
    }

    /// Numbered steps pasted above line `at`: the pasted lines with their steps numbered for
    /// their place, and the lines from `at` on through the last step renumbered after them
    /// (at least line `at`). Nil when the paste holds no numbered step, or its place is not
    /// among numbered steps of the same list (indentation and marker) that count in sequence
    /// (a list all of "1." is the writer's own numbering, and is left so).
    func numberedPaste(_ pasted: [String], at l: Int) -> ([String], [String])? {
        guard let item = pasted.lazy.compactMap({ ListPrefix.parse($0) }).first(where: { $0.number != nil }) else {
            return nil
        }
        let buffer = panes[focus].buffer
        func number(_ text: String) -> (ListPrefix, Int)? {
            guard let s = ListPrefix.parse(text), let n = s.number, s.marker == item.marker,
                  s.indentColumns == item.indentColumns else { return nil }
            return (s, n)
        }
        /// The numbers of the list's steps from line `k` on (`by` 1) or back (`by` -1), up to
        /// `limit` of them, past their children and blank lines.
        func steps(from k: Int, by step: Int, limit: Int) -> [Int] {
            var found: [Int] = []
            var k = k
            while k >= 0, k < buffer.count, found.count < limit {
                let ind = ListPrefix.indentation(buffer[k])
                if !ind.blank, ind.columns < item.indentColumns { break }
                if !ind.blank, ind.columns == item.indentColumns {
                    guard let (_, n) = number(buffer[k]) else { break }
                    found.append(n)
                }
                k += step
            }
            return found
        }
        // Two steps either side of the place must count on one by one.
        let before = steps(from: l - 1, by: -1, limit: 2), next = steps(from: l, by: 1, limit: 2)
        let around = before.reversed() + next
        guard !around.isEmpty, zip(around, around.dropFirst()).allSatisfy({ $1 == $0 + 1 }) else { return nil }
        let first = before.first.map { $0 + 1 } ?? next[0]
        var n = first
        let renumbered = pasted.map { text -> String in
            guard let (s, _) = number(text) else { return text }
            defer { n += 1 }
            return ListPrefix.numbered(text, s, n)
        }
        let after = numberedSiblings(from: l, like: item, after: first - 1, from: n) ?? [buffer[l]]
        return (renumbered, after)
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

    /// Undoes or redoes a step on its pane, and shows that pane.
    private func revert(_ step: UndoStep) -> UndoStep {
        let p = step.pane
        let back = panes[p].revert(step)
        panes[p].edited = true
        panes[p].problemsStale = true
        for q in panesSharingSection(with: p) {
            _ = panes[q].revert(step)
            panes[q].edited = true
            panes[q].problemsStale = true
        }
        isModified = true
        focus = p
        return back
    }

    /// `line` with `range` replaced by `text`, in a string of its own exact size. Mutating a
    /// copy instead (`var new = line; new.insert(…)`) makes the standard library allocate the
    /// new string at the old one's capacity plus a little, and the old line stays alive in the
    /// buffer or the undo history: a line edited N times in separate undo steps then held
    /// N strings of ever larger capacity (quadratic memory, and fresh pages on every key).
    static func spliced(_ line: String, _ range: Range<String.Index>, with text: String) -> String {
        let utf8 = line.utf8
        var new = String()
        new.reserveCapacity(utf8.count - utf8.distance(from: range.lowerBound, to: range.upperBound) + text.utf8.count)
        new += line[..<range.lowerBound]
        new += text
        new += line[range.upperBound...]
        return new
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
