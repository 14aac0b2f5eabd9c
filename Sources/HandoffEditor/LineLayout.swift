/// A line's rendered form, kilo-style: its grapheme clusters as the screen shows them and
/// their widths, built only for lines that are drawn or walked through, and its wrapped
/// rows for the last width asked for.
final class LineLayout {
    /// Each cluster's display text; a tab is "\t" and drawn as spaces.
    let clusters: [String]
    /// Columns each cluster takes; a tab's width depends on where it stands in the line.
    let widths: [UInt8]
    private var wrapWidth = -1
    private var starts: [Int] = [0]

    var count: Int { clusters.count }

    init(_ text: String) {
        var clusters: [String] = []
        var widths: [UInt8] = []
        var isPlainASCII = true
        for b in text.utf8 where b < 0x20 || b >= 0x7F { isPlainASCII = false; break }
        if isPlainASCII {
            // Every byte is its own cluster of width one: no grapheme breaking needed.
            clusters.reserveCapacity(text.utf8.count)
            for b in text.utf8 { clusters.append(LineLayout.ascii[Int(b)]) }
            widths = [UInt8](repeating: 1, count: clusters.count)
        } else {
            var col = 0
            for ch in text {
                let w: Int
                var shown = String(ch)
                if ch == "\t" {
                    w = DisplayWidth.tabStop - col % DisplayWidth.tabStop
                } else if let s = ch.unicodeScalars.first, s.value < 0x20 || s.value == 0x7F || ch == "\r\n" {
                    // Control characters would move the terminal's cursor; show a marker.
                    shown = "\u{FFFD}"
                    w = 1
                } else {
                    w = DisplayWidth.of(ch)
                }
                clusters.append(shown)
                widths.append(UInt8(w))
                col += w
            }
        }
        self.clusters = clusters
        self.widths = widths
    }

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
            if clusters[i] == " " { lastBreak = i + 1 }
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
