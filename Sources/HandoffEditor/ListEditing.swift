/// Markdown list behaviour: Enter continues a list, Ctrl-X toggles a checkbox, Alt-arrows
/// move and nest an item with its children.
extension Editor {
    /// Enter: splits the line. On a list item, the new line starts the next item in the
    /// same indentation (`- `, `- [ ] `, the next number); on an empty item, ends the list.
    func enter() {
        let c = panes[focus].cursor
        let line = panes[focus].line
        let at = Self.index(line, c.column)
        let offset = line.utf8.distance(from: line.startIndex, to: at)
        let head = String(line[..<at])
        let tail = String(line[at...])
        let bytes = Array(line.utf8)

        if let item = ListPrefix.parse(line), offset >= item.contentStart || (offset >= item.markerEnd && item.isEmpty) {
            if item.isEmpty || Self.isBlankText(bytes[item.contentStart...]) {
                // An empty item: Enter ends the list, leaving an empty line.
                apply(c.line..<c.line + 1, with: [""], cursor: Cursor(line: c.line, column: 0))
                return
            }
            let indent = String(decoding: bytes[..<item.indentLength], as: UTF8.self)
            let prefix = indent + item.markerText(next: true) + " " + (item.box != nil ? "[ ] " : "")
            let rest = String(tail.drop { $0 == " " })
            var kept = Substring(head)
            while kept.last == " " { kept.removeLast() }
            var lines = [String(kept), prefix + rest]
            // A step put between numbered steps: the ones after it count on from it.
            if let n = item.number, let after = numberedSiblings(from: c.line + 1, like: item, after: n, from: n + 2) {
                lines += after
            }
            apply(c.line..<c.line + lines.count - 1, with: lines,
                  cursor: Cursor(line: c.line + 1, column: prefix.count))
            return
        }
        // Other lines keep their indentation on the new line.
        let indent = ListPrefix.indentation(line)
        let keep = offset >= indent.bytes && !indent.blank ? String(decoding: bytes[..<indent.bytes], as: UTF8.self) : ""
        apply(c.line..<c.line + 1, with: [head, keep + tail], cursor: Cursor(line: c.line + 1, column: keep.count))
    }

    /// The lines from `l` on, the numbered siblings of `item` among them renumbered from
    /// `number` up, as long as they were numbered in sequence after `previous`; through the
    /// last line renumbered (their children and blank lines kept as they are). Nil when none is.
    func numberedSiblings(from l: Int, like item: ListPrefix, after previous: Int, from number: Int) -> [String]? {
        let buffer = panes[focus].buffer
        var lines: [String] = []
        var changed = 0
        var expected = previous + 1, next = number
        var k = l
        while k < buffer.count {
            let text = buffer[k]
            let ind = ListPrefix.indentation(text)
            if !ind.blank, ind.columns < item.indentColumns { break }
            if !ind.blank, ind.columns == item.indentColumns {
                guard let sibling = ListPrefix.parse(text), sibling.marker == item.marker,
                      sibling.number == expected else { break }
                lines.append(ListPrefix.numbered(text, sibling, next))
                changed = lines.count
                expected += 1
                next += 1
            } else {
                lines.append(text)
            }
            k += 1
        }
        return changed > 0 ? Array(lines.prefix(changed)) : nil
    }

    static func isBlankText(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    /// Ctrl-X: checks or unchecks the item under the cursor; adds `[ ]` to an item without
    /// one, and makes a plain line a `- [ ]` item.
    func toggleCheckbox() {
        let c = panes[focus].cursor
        let l = itemLine(containing: c.line) ?? c.line
        let line = panes[focus].buffer[l]
        var bytes = Array(line.utf8)
        var delta = 0   // clusters added before the cursor
        let cursorOffset = l == c.line ? line.utf8.distance(from: line.startIndex, to: Self.index(line, c.column)) : 0
        if let item = ListPrefix.parse(line) {
            switch item.box {
            case .unchecked: bytes[item.boxStart + 1] = UInt8(ascii: "x")
            case .checked: bytes[item.boxStart + 1] = 0x20
            case nil:
                var insert = Array("[ ] ".utf8)
                var at = item.boxStart
                if at == item.markerEnd {
                    // "-" alone at the end of the line: a space first.
                    insert = Array(" [ ]".utf8)
                    at = item.markerEnd
                }
                bytes.insert(contentsOf: insert, at: at)
                if cursorOffset >= at { delta = insert.count }
            }
        } else {
            let indent = ListPrefix.indentation(line)
            let insert = Array("- [ ] ".utf8)
            bytes.insert(contentsOf: insert, at: indent.bytes)
            if cursorOffset >= indent.bytes { delta = insert.count }
        }
        var cursor = c
        if l == c.line { cursor.column += delta }
        apply(l..<l + 1, with: [String(decoding: bytes, as: UTF8.self)], cursor: cursor)
    }

    /// The item a line belongs to: itself, or the item above whose text it continues.
    func itemLine(containing l: Int) -> Int? {
        let buffer = panes[focus].buffer
        if ListPrefix.parse(buffer[l]) != nil { return l }
        let own = ListPrefix.indentation(buffer[l])
        if own.blank { return nil }
        var k = l - 1
        while k >= 0 {
            let text = buffer[k]
            let ind = ListPrefix.indentation(text)
            if ind.blank { return nil }
            if let item = ListPrefix.parse(text) {
                return own.columns >= item.contentColumn || own.columns > item.indentColumns ? k : nil
            }
            k -= 1
        }
        return nil
    }

    /// The lines of the item at `l` with its children and continuation lines (a plain line alone).
    func itemBlock(at l: Int) -> Range<Int> {
        let buffer = panes[focus].buffer
        guard let item = ListPrefix.parse(buffer[l]) else { return l..<l + 1 }
        var end = l + 1
        while end < buffer.count {
            let ind = ListPrefix.indentation(buffer[end])
            if ind.blank || ind.columns <= item.indentColumns { break }
            end += 1
        }
        return l..<end
    }

    /// Alt-Up / Alt-Down: swaps the item (with its children) and its sibling.
    func moveItem(up: Bool) {
        let c = panes[focus].cursor
        let buffer = panes[focus].buffer
        let start = itemLine(containing: c.line) ?? c.line
        let block = itemBlock(at: start)
        let item = ListPrefix.parse(buffer[start])
        let other: Range<Int>
        if up {
            guard block.lowerBound > 0 else { return }
            if let item {
                // The sibling above: the nearest item at the same indentation, with only
                // deeper lines (its children) between.
                var k = block.lowerBound - 1
                var found: Int? = nil
                while k >= 0 {
                    let ind = ListPrefix.indentation(buffer[k])
                    if ind.blank || ind.columns < item.indentColumns { break }
                    if ind.columns == item.indentColumns {
                        if ListPrefix.parse(buffer[k]) != nil { found = k }
                        break
                    }
                    k -= 1
                }
                guard let found else { return }
                other = found..<block.lowerBound
            } else {
                other = (block.lowerBound - 1)..<block.lowerBound
            }
        } else {
            guard block.upperBound < buffer.count else { return }
            if let item {
                guard let next = ListPrefix.parse(buffer[block.upperBound]), next.indentColumns == item.indentColumns else { return }
                other = itemBlock(at: block.upperBound)
            } else {
                other = block.upperBound..<block.upperBound + 1
            }
        }
        var mine = block.map { buffer[$0] }
        var theirs = other.map { buffer[$0] }
        var column = c.column
        // Numbered siblings keep the numbers of their places ("1. b / 2. a", not "2. b / 1. a"):
        // the order of Next Steps is what the numbers say.
        if let item, let mineNumber = item.number, let them = ListPrefix.parse(theirs[0]),
           let theirNumber = them.number, them.marker == item.marker {
            mine[0] = ListPrefix.numbered(mine[0], item, theirNumber)
            theirs[0] = ListPrefix.numbered(theirs[0], them, mineNumber)
            // The cursor stays on the same text when the number gets more or fewer digits.
            if c.line == start, column >= item.markerEnd {
                column += String(theirNumber).count - String(mineNumber).count
            }
        }
        let range = min(block.lowerBound, other.lowerBound)..<max(block.upperBound, other.upperBound)
        let lines = up ? mine + theirs : theirs + mine
        let shift = up ? -theirs.count : theirs.count
        apply(range, with: lines, cursor: Cursor(line: c.line + shift, column: column))
    }

    /// Alt-Right / Alt-Left: nests the item (with its children) under the one above, or
    /// brings it back out a level.
    func indentItem(outdent: Bool) {
        let c = panes[focus].cursor
        let buffer = panes[focus].buffer
        let start = itemLine(containing: c.line) ?? c.line
        let block = itemBlock(at: start)
        let first = buffer[start]
        let own = ListPrefix.indentation(first)
        var delta = 2
        if let item = ListPrefix.parse(first) {
            // Nest under the item above at its text's column; come out to the parent's column.
            var k = start - 1
            while k >= 0 {
                let text = buffer[k]
                let ind = ListPrefix.indentation(text)
                if ind.blank { break }
                if let above = ListPrefix.parse(text) {
                    if !outdent, above.indentColumns == item.indentColumns {
                        delta = max(1, above.contentColumn - item.indentColumns)
                        break
                    }
                    if outdent, above.indentColumns < item.indentColumns {
                        delta = item.indentColumns - above.indentColumns
                        break
                    }
                }
                if ind.columns < item.indentColumns { break }
                k -= 1
            }
        }
        if outdent {
            delta = min(delta, own.columns)
            if delta == 0 { return }
        }
        var lines: [String] = []
        var cursorShift = 0
        for l in block {
            let text = buffer[l]
            if outdent {
                // Drop leading whitespace worth `delta` columns.
                var removed = 0, cols = 0
                for b in text.utf8 {
                    guard cols < delta, b == 0x20 || b == 0x09 else { break }
                    cols = b == 0x09 ? (cols / 4 + 1) * 4 : cols + 1
                    removed += 1
                }
                lines.append(String(text.utf8.dropFirst(removed))!)
                if l == c.line { cursorShift = -min(removed, c.column) }
            } else {
                let blank = ListPrefix.indentation(text).blank
                lines.append(blank ? text : String(repeating: " ", count: delta) + text)
                if l == c.line, !blank { cursorShift = delta }
            }
        }
        apply(block, with: lines, cursor: Cursor(line: c.line, column: c.column + cursorShift))
    }
}
