/// A line's rendered form, kilo-style: where its grapheme clusters start and how wide each
/// is, built only for lines that are drawn or walked through, and its wrapped rows for the
/// last width asked for. Flat arrays of numbers, so building and dropping one is cheap.
final class LineLayout {
    private let bytes: [UInt8]
    /// UTF-8 offset where each cluster starts, and the line's length at the end.
    private let offsets: [Int32]
    /// Columns each cluster takes; a tab's width depends on where it stands in the line.
    let widths: [UInt8]
    private var wrapWidth = -1
    private var starts: [Int] = [0]

    var count: Int { widths.count }

    init(_ text: String) {
        let bytes = Array(text.utf8)
        let n = bytes.count
        var offsets: [Int32] = []
        var widths: [UInt8] = []
        offsets.reserveCapacity(n + 1)
        widths.reserveCapacity(n)
        var col = 0
        var i = 0
        while i < n {
            let b = bytes[i]
            offsets.append(Int32(i))
            // A printable ASCII byte followed by ASCII (or the end) is a cluster of its own:
            // grapheme breaking is only needed around other text.
            if b >= 0x20, b < 0x7F, i + 1 == n || bytes[i + 1] < 0x80 {
                widths.append(1)
                col += 1
                i += 1
                continue
            }
            let ch = text[text.utf8.index(text.utf8.startIndex, offsetBy: i)]
            let w: Int
            if ch == "\t" {
                w = DisplayWidth.tabStop - col % DisplayWidth.tabStop
            } else if let s = ch.unicodeScalars.first, s.value < 0x20 || s.value == 0x7F {
                w = 1   // a control character, shown as a marker
            } else {
                w = DisplayWidth.of(ch)
            }
            widths.append(UInt8(w))
            col += w
            i += ch.utf8.count
        }
        offsets.append(Int32(n))
        self.bytes = bytes
        self.offsets = offsets
        self.widths = widths
    }

    /// The text a cluster shows: itself, a tab as "\t", a control character as "\u{FFFD}".
    func cluster(_ k: Int) -> String {
        let a = Int(offsets[k]), b = Int(offsets[k + 1])
        let first = bytes[a]
        if b - a == 1 {
            return first < 0x20 && first != 0x09 || first == 0x7F ? "\u{FFFD}" : LineLayout.ascii[Int(first)]
        }
        if first < 0x20 { return "\u{FFFD}" }   // CR LF inside a line
        return String(decoding: bytes[a..<b], as: UTF8.self)
    }

    func isSpace(_ k: Int) -> Bool { offsets[k + 1] - offsets[k] == 1 && bytes[Int(offsets[k])] == 0x20 }
    func isTab(_ k: Int) -> Bool { offsets[k + 1] - offsets[k] == 1 && bytes[Int(offsets[k])] == 0x09 }

    /// Where each wrapped row starts (cluster indices), for a text area `width` wide.
    /// Rows break after a space when they can, else mid-word; a wide cluster is never split.
    /// A line that exactly fills its last row gets an empty row after it, where the cursor
    /// at the end of the line stands.
    func rows(width: Int) -> [Int] {
        if width == wrapWidth { return starts }
        var starts = [0]
        var col = 0
        var rowStart = 0
        var lastBreak = -1
        let n = widths.count
        var i = 0
        while i < n {
            let w = Int(widths[i])
            if col + w > width, i > rowStart {
                let s = lastBreak > rowStart ? lastBreak : i
                starts.append(s)
                rowStart = s
                col = 0
                for k in s..<i { col += Int(widths[k]) }
                lastBreak = -1
                if col + w > width, i > rowStart { continue }   // the carried-over part still overflows
            }
            col += w
            if isSpace(i) { lastBreak = i + 1 }
            i += 1
        }
        if col >= width, n > 0, width > 0 { starts.append(n) }
        self.starts = starts
        wrapWidth = width
        return starts
    }

    /// The row a cluster index falls in.
    func row(of column: Int, width: Int) -> Int {
        let starts = rows(width: width)
        var r = starts.count - 1
        while r > 0, starts[r] > column { r -= 1 }
        return r
    }

    /// Display columns from the row's start to a cluster index.
    func x(of column: Int, width: Int) -> Int {
        let starts = rows(width: width)
        let start = starts[row(of: column, width: width)]
        var x = 0
        for k in start..<min(column, count) { x += Int(widths[k]) }
        return x
    }

    /// The cluster index in row `r` nearest to display column `x` (not past the row's end).
    func column(inRow r: Int, x: Int, width: Int) -> Int {
        let starts = rows(width: width)
        let start = starts[r]
        let end = r + 1 < starts.count ? starts[r + 1] : count
        // The last index a row can hold: its end for the last row, else before the next row.
        let last = r + 1 < starts.count ? max(start, end - 1) : end
        var col = 0
        var k = start
        while k < last {
            let w = Int(widths[k])
            if col + w > x { break }
            col += w
            k += 1
        }
        return k
    }

    static let ascii: [String] = (0..<128).map { String(UnicodeScalar(UInt8($0))) }
}
