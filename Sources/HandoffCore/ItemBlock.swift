/// An item as text to copy into another handoff (`review`'s copy).
extension HandoffDocument {
    /// The item's first-line text (after the marker and any checkbox), then its continuation
    /// lines and nested items with the item's own indentation taken off, so that
    /// `appendingItem` writes them nested again under the new marker. Blank lines at the end
    /// are left out.
    public func itemBlockText(_ item: Item) -> String {
        var lines = [item.text(in: self)]
        if item.lastLineIndex > item.lineIndex {
            for l in (item.lineIndex + 1)...item.lastLineIndex {
                lines.append(Self.droppingIndent(source.lineText(l), columns: item.contentColumn))
            }
        }
        while lines.count > 1, lines.last!.allSatisfy({ $0 == " " || $0 == "\t" }) { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// `line` without up to `columns` columns of leading spaces (a tab counts to the next
    /// multiple of 4).
    static func droppingIndent(_ line: String, columns: Int) -> String {
        var col = 0
        var rest = Substring(line)
        while col < columns, let c = rest.first, c == " " || c == "\t" {
            col = c == " " ? col + 1 : (col / 4 + 1) * 4
            rest.removeFirst()
        }
        return String(rest)
    }
}
