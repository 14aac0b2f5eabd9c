import HandoffCore

/// A place in a pane's text: a line and a grapheme-cluster index in it.
struct Cursor: Hashable, Comparable {
    var line: Int
    var column: Int
    static func < (a: Cursor, b: Cursor) -> Bool { (a.line, a.column) < (b.line, b.column) }
}

/// One section's editable text, its cursor and its scroll position; or, with no key, the
/// rest of the file (see `RestOfFile`).
struct Pane {
    /// nil for the rest of the file.
    let key: SectionKey?
    var buffer: TextBuffer
    var cursor = Cursor(line: 0, column: 0)
    /// The display column up/down keep to, across short lines.
    var goalX: Int?
    /// The first line shown and the wrapped row of it that starts the view.
    var top = Cursor(line: 0, column: 0)
    /// Changed since the text was last written back into the model.
    var edited = false
    var hasProblem = false
    var problemsStale = false
    /// Lines that cannot be edited, ascending (the rest view's section markers).
    var fixedLines: [Int] = []
    /// Lines to jump to (the rest view: later occurrences of a section).
    var anchors: [RestOfFile.Anchor] = []
    /// The item counts the title shows, when not the text's own (a review's marked text).
    var countsOverride: ItemCounts?
    var shownCounts: ItemCounts { countsOverride ?? buffer.counts }

    init(key: SectionKey?, buffer: TextBuffer) {
        self.key = key
        self.buffer = buffer
    }

    /// Whether an edit of `range` would change or join a fixed line.
    func touchesFixedLine(_ range: Range<Int>) -> Bool {
        fixedLines.contains { range.contains($0) }
    }

    func isFixed(_ line: Int) -> Bool { fixedLines.contains(line) }

    /// Whether line `l` is the only one between fixed lines (or the text's ends).
    func isOnlyLineOfItsPiece(_ l: Int) -> Bool {
        (l == 0 || isFixed(l - 1)) && (l + 1 == buffer.count || isFixed(l + 1))
    }

    /// Keeps the fixed lines and anchors on their lines after `range` became `newCount` lines.
    /// Costs the number of markers (a handful), and nothing in the six section panes.
    mutating func shiftMarks(_ range: Range<Int>, newCount: Int) {
        guard !fixedLines.isEmpty || !anchors.isEmpty else { return }
        let delta = newCount - range.count
        for k in fixedLines.indices where fixedLines[k] >= range.upperBound { fixedLines[k] += delta }
        for k in anchors.indices {
            if anchors[k].line >= range.upperBound {
                anchors[k].line += delta
            } else if anchors[k].line >= range.lowerBound {
                anchors[k].line = min(anchors[k].line, range.lowerBound + max(0, newCount - 1))
            }
        }
    }

    var line: String { buffer[cursor.line] }

    // MARK: - Moving through wrapped rows

    /// Visual row of the cursor within its line and its display column there.
    mutating func cursorRow(width: Int) -> (row: Int, x: Int) {
        let layout = buffer.layout(cursor.line)
        return (layout.row(of: cursor.column, width: width), layout.x(of: cursor.column, width: width))
    }

    mutating func moveVertically(_ delta: Int, width: Int) {
        let here = cursorRow(width: width)
        let goal = goalX ?? here.x
        var line = cursor.line
        var row = here.row
        for _ in 0..<abs(delta) {
            if delta > 0 {
                if row + 1 < buffer.layout(line).rows(width: width).count {
                    row += 1
                } else if line + 1 < buffer.count {
                    line += 1
                    row = 0
                } else {
                    // Down on the last row goes to the end of the text.
                    cursor = Cursor(line: line, column: buffer.length(line))
                    goalX = goal
                    return
                }
            } else {
                if row > 0 {
                    row -= 1
                } else if line > 0 {
                    line -= 1
                    row = buffer.layout(line).rows(width: width).count - 1
                } else {
                    cursor = Cursor(line: 0, column: 0)
                    goalX = goal
                    return
                }
            }
        }
        cursor = Cursor(line: line, column: buffer.layout(line).column(inRow: row, x: goal, width: width))
        goalX = goal
    }

    mutating func moveLeft() {
        goalX = nil
        if cursor.column > 0 {
            cursor.column -= 1
        } else if cursor.line > 0 {
            cursor.line -= 1
            cursor.column = buffer.length(cursor.line)
        }
    }

    mutating func moveRight() {
        goalX = nil
        if cursor.column < buffer.length(cursor.line) {
            cursor.column += 1
        } else if cursor.line + 1 < buffer.count {
            cursor = Cursor(line: cursor.line + 1, column: 0)
        }
    }

    /// Ctrl-Right: to the end of the next word; Ctrl-Left: to the start of the previous one.
    mutating func moveWord(forward: Bool) {
        goalX = nil
        let layout = buffer.layout(cursor.line)
        let n = layout.count
        func word(_ k: Int) -> Bool { Self.isWordCluster(layout.cluster(k)) }
        var c = cursor.column
        if forward {
            if c >= n {
                moveRight()
                return
            }
            while c < n, !word(c) { c += 1 }
            while c < n, word(c) { c += 1 }
        } else {
            if c == 0 {
                moveLeft()
                return
            }
            while c > 0, !word(c - 1) { c -= 1 }
            while c > 0, word(c - 1) { c -= 1 }
        }
        cursor.column = c
    }

    static func isWordCluster(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first else { return false }
        return first == "_" || first.properties.isAlphabetic || first.properties.numericType != nil
            || DisplayWidth.isWide(first)
    }

    // MARK: - Scrolling

    /// Moves `top` so the cursor's row is inside a view `height` rows tall. Walks at most
    /// `height` rows, so a jump across a long document costs no more than a screen.
    mutating func scrollToCursor(width: Int, height: Int) {
        guard height > 0, width > 0 else { return }
        clampTop(width: width)
        let row = cursorRow(width: width).row
        let here = Cursor(line: cursor.line, column: row)
        if here < top {
            top = here
            return
        }
        // Rows from top to the cursor, counted only while under a screen's worth.
        if cursor.line - top.line <= height {
            var rows = 0
            var l = top.line
            var r = top.column
            while l < cursor.line {
                rows += buffer.layout(l).rows(width: width).count - r
                r = 0
                l += 1
                if rows >= height { break }
            }
            rows += row - r
            if rows < height { return }
        }
        // Put the cursor's row on the last row of the view.
        var l = cursor.line
        var r = row
        var remaining = height - 1
        while remaining > 0 {
            if r >= remaining {
                r -= remaining
                remaining = 0
            } else {
                remaining -= r + 1
                if l == 0 {
                    r = 0
                    break
                }
                l -= 1
                r = buffer.layout(l).rows(width: width).count - 1
            }
        }
        top = Cursor(line: l, column: r)
    }

    /// Keeps `top` valid after lines went away or the width changed.
    mutating func clampTop(width: Int) {
        if top.line >= buffer.count { top = Cursor(line: max(0, buffer.count - 1), column: 0) }
        let rows = buffer.layout(top.line).rows(width: width).count
        if top.column >= rows { top.column = rows - 1 }
    }

    /// Scrolls the view by rows without moving the text, then keeps the cursor inside.
    mutating func scroll(_ delta: Int, width: Int, height: Int) {
        clampTop(width: width)
        if delta > 0 {
            for _ in 0..<delta {
                let rows = buffer.layout(top.line).rows(width: width).count
                if top.column + 1 < rows { top.column += 1 } else if top.line + 1 < buffer.count {
                    top = Cursor(line: top.line + 1, column: 0)
                }
            }
        } else {
            for _ in 0..<(-delta) {
                if top.column > 0 { top.column -= 1 } else if top.line > 0 {
                    top.line -= 1
                    top.column = buffer.layout(top.line).rows(width: width).count - 1
                }
            }
        }
        // The cursor follows into the view: to its first row if above, last if below.
        let row = cursorRow(width: width).row
        if Cursor(line: cursor.line, column: row) < top {
            cursor = Cursor(line: top.line, column: buffer.layout(top.line).rows(width: width)[top.column])
        } else if let last = visualPosition(ofViewRow: height - 1, width: width),
                  Cursor(line: cursor.line, column: row) > last {
            let layout = buffer.layout(last.line)
            cursor = Cursor(line: last.line, column: layout.column(inRow: last.column, x: 0, width: width))
        }
    }

    /// The (line, wrapped row) shown on view row `n`, nil past the end of the text.
    mutating func visualPosition(ofViewRow n: Int, width: Int) -> Cursor? {
        var l = top.line
        var r = top.column
        var left = n
        while l < buffer.count {
            let rows = buffer.layout(l).rows(width: width).count
            if r + left < rows { return Cursor(line: l, column: r + left) }
            left -= rows - r
            r = 0
            l += 1
        }
        return nil
    }

    /// Puts the cursor at a cell of the text area (a click).
    mutating func place(viewRow: Int, x: Int, width: Int) {
        goalX = nil
        guard let pos = visualPosition(ofViewRow: viewRow, width: width) else {
            let last = buffer.count - 1
            cursor = Cursor(line: last, column: buffer.length(last))
            return
        }
        cursor = Cursor(line: pos.line, column: buffer.layout(pos.line).column(inRow: pos.column, x: x, width: width))
    }
}
