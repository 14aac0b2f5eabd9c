/// The start of a Markdown list item line: indentation, marker, checkbox. Read from the
/// UTF-8 bytes, since every part of it is ASCII; offsets are byte offsets in the line.
struct ListPrefix: Equatable {
    enum Box: Equatable { case unchecked, checked }

    /// Bytes of leading spaces and tabs.
    var indentLength: Int
    /// Columns of the indentation (tabs to the next multiple of 4, as CommonMark does).
    var indentColumns: Int
    /// `-`, `*`, `+`, or `.`/`)` after a number.
    var marker: UInt8
    var number: Int?
    /// Where the marker ends (just past `-` or `12.`).
    var markerEnd: Int
    var box: Box?
    /// Where the checkbox's `[` is, when there is one.
    var boxStart: Int
    /// Where the item's text starts (after the marker, its space, and the checkbox).
    var contentStart: Int
    /// Bytes in the whole line.
    var lineLength: Int

    var isOrdered: Bool { number != nil }
    var isEmpty: Bool { contentStart >= lineLength }
    /// Column where the item's text starts, for nesting children under it.
    var contentColumn: Int { indentColumns + (markerEnd - indentLength) + 1 }

    /// The marker as written, with the next number for an ordered one when `next` is set.
    func markerText(next: Bool) -> String {
        if let number { return "\(next ? number + 1 : number)" + String(UnicodeScalar(marker)) }
        return String(UnicodeScalar(marker))
    }

    static func parse(_ line: String) -> ListPrefix? {
        var copy = line
        return copy.withUTF8 { parse(bytes: $0) }
    }

    static func parse(bytes: UnsafeBufferPointer<UInt8>) -> ListPrefix? {
        let n = bytes.count
        var i = 0
        var cols = 0
        while i < n, bytes[i] == 0x20 || bytes[i] == 0x09 {
            cols = bytes[i] == 0x09 ? (cols / 4 + 1) * 4 : cols + 1
            i += 1
        }
        let indentLength = i
        guard i < n else { return nil }
        var number: Int? = nil
        let marker: UInt8
        let b = bytes[i]
        if b == UInt8(ascii: "-") || b == UInt8(ascii: "*") || b == UInt8(ascii: "+") {
            marker = b
            i += 1
        } else if b >= 0x30, b <= 0x39 {
            var value = 0
            var digits = 0
            while i < n, bytes[i] >= 0x30, bytes[i] <= 0x39, digits < 9 {
                value = value * 10 + Int(bytes[i] - 0x30)
                i += 1
                digits += 1
            }
            guard i < n, bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: ")") else { return nil }
            marker = bytes[i]
            number = value
            i += 1
        } else {
            return nil
        }
        let markerEnd = i
        // The marker needs a space after it, or to end the line (an empty item).
        if i < n {
            guard bytes[i] == 0x20 || bytes[i] == 0x09 else { return nil }
            i += 1
        }
        var box: Box? = nil
        let boxStart = i
        if i + 2 < n, bytes[i] == UInt8(ascii: "["), bytes[i + 2] == UInt8(ascii: "]"),
           i + 3 == n || bytes[i + 3] == 0x20 {
            switch bytes[i + 1] {
            case 0x20: box = .unchecked
            case UInt8(ascii: "x"), UInt8(ascii: "X"): box = .checked
            default: break
            }
            if box != nil { i = min(n, i + 4) }
        }
        return ListPrefix(indentLength: indentLength, indentColumns: cols, marker: marker, number: number,
                          markerEnd: markerEnd, box: box, boxStart: boxStart, contentStart: i, lineLength: n)
    }

    /// `line`, an ordered item read as `prefix`, with its number replaced by `number`.
    static func numbered(_ line: String, _ prefix: ListPrefix, _ number: Int) -> String {
        let utf8 = Array(line.utf8)
        // The digits run from the indentation to the `.` or `)` that ends the marker.
        return String(decoding: utf8[..<prefix.indentLength], as: UTF8.self) + String(number)
            + String(decoding: utf8[(prefix.markerEnd - 1)...], as: UTF8.self)
    }

    /// Columns of leading whitespace in a line, and whether it is blank.
    static func indentation(_ line: String) -> (columns: Int, bytes: Int, blank: Bool) {
        var cols = 0, count = 0
        for b in line.utf8 {
            if b == 0x20 { cols += 1 } else if b == 0x09 { cols = (cols / 4 + 1) * 4 } else {
                return (cols, count, false)
            }
            count += 1
        }
        return (cols, count, true)
    }
}

/// Items in a pane, kept up to date line by line so a keystroke never recounts the pane.
extension ListPrefix {
    /// Whether `line` is a list item holding only a bold label: `- **Completed:**`,
    /// `* **Next steps**:`.
    static func isLabelOnlyItem(_ line: String) -> Bool {
        var t = Substring(line).drop { $0 == " " }
        guard let marker = t.first else { return false }
        if marker == "-" || marker == "*" || marker == "+" {
            t = t.dropFirst()
        } else {
            t = t.drop { $0.isNumber }
            guard t.first == "." || t.first == ")" else { return false }
            t = t.dropFirst()
        }
        guard t.first == " " else { return false }
        while t.last == " " { t = t.dropLast() }
        t = t.drop { $0 == " " }
        guard t.hasPrefix("**"), t.hasSuffix(":**") || t.hasSuffix("**:") || t.hasSuffix("**") else { return false }
        let inner = t.dropFirst(2).dropLast(t.hasSuffix("**:") ? 3 : 2)
        return !inner.isEmpty && !inner.contains("*")
    }
}

struct ItemCounts: Equatable {
    var items = 0
    var boxes = 0
    var checked = 0

    enum Kind { case none, item, unchecked, checked }

    static func kind(_ prefix: ListPrefix?) -> Kind {
        guard let prefix else { return .none }
        switch prefix.box {
        case nil: return .item
        case .unchecked: return .unchecked
        case .checked: return .checked
        }
    }

    mutating func add(_ kind: Kind, _ sign: Int) {
        switch kind {
        case .none: return
        case .item: items += sign
        case .unchecked: items += sign; boxes += sign
        case .checked: items += sign; boxes += sign; checked += sign
        }
    }

    /// "3/5" where there are checkboxes, "5" for plain items, "" for none.
    var label: String {
        if boxes > 0 { return "\(checked)/\(boxes)" }
        return items > 0 ? "\(items)" : ""
    }
}
