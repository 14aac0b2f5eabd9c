/// The lines of one pane. Lines nobody has touched stay ranges into the document's bytes
/// (shared, not copied), so opening a 10 MB document costs one small entry per line; a
/// line becomes a `String` when it is edited. Rendered forms are cached per line index.
struct TextBuffer {
    private enum Line {
        case source(Range<Int>)
        case text(String)
    }

    private let source: [UInt8]
    private var lines: [Line]
    private(set) var counts = ItemCounts()
    /// Goes up on every change, so the renderer can tell an unchanged pane.
    private(set) var version = 0
    private var layouts: [Int: LineLayout] = [:]

    init(_ text: String) {
        source = []
        let parts = text.isEmpty ? [""] : text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines = parts.map { .text($0) }
        for p in parts { counts.add(ItemCounts.kind(ListPrefix.parse(p)), 1) }
    }

    /// Lines as ranges of `source` (each without its line ending).
    init(source: [UInt8], ranges: [Range<Int>]) {
        self.source = source
        if ranges.isEmpty {
            lines = [.text("")]
            return
        }
        lines = []
        lines.reserveCapacity(ranges.count)
        var counts = ItemCounts()
        source.withUnsafeBufferPointer { buf in
            for r in ranges {
                lines.append(.source(r))
                let slice = UnsafeBufferPointer(rebasing: buf[r])
                counts.add(ItemCounts.kind(ListPrefix.parse(bytes: slice)), 1)
            }
        }
        self.counts = counts
    }

    var count: Int { lines.count }

    subscript(i: Int) -> String {
        switch lines[i] {
        case .text(let s): return s
        case .source(let r): return String(decoding: source[r], as: UTF8.self)
        }
    }

    /// The whole text, lines joined by LF, as the pane is written back.
    var text: String {
        var out = [UInt8]()
        for i in 0..<lines.count {
            if i > 0 { out.append(0x0A) }
            switch lines[i] {
            case .text(let s): out.append(contentsOf: s.utf8)
            case .source(let r): out.append(contentsOf: source[r])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Replaces a run of lines; returns the lines it replaced. There is always one line.
    @discardableResult
    mutating func replace(_ range: Range<Int>, with new: [String]) -> [String] {
        let old = range.map { self[$0] }
        version += 1
        for s in old { counts.add(ItemCounts.kind(ListPrefix.parse(s)), -1) }
        for s in new { counts.add(ItemCounts.kind(ListPrefix.parse(s)), 1) }
        if range.count == 1, new.count == 1 {
            lines[range.lowerBound] = .text(new[0])
            layouts[range.lowerBound] = nil
        } else {
            lines.replaceSubrange(range, with: new.map { .text($0) })
            // Indices moved; cached forms are cheap to rebuild for the visible lines.
            layouts.removeAll(keepingCapacity: true)
        }
        if lines.isEmpty {
            lines = [.text("")]
        }
        return old
    }

    /// The line's rendered form, built on first use.
    mutating func layout(_ i: Int) -> LineLayout {
        if let l = layouts[i] { return l }
        let l = LineLayout(self[i])
        // Keep the cache to about what a few screens show; scrolling far rebuilds it.
        if layouts.count > 4096 { layouts.removeAll(keepingCapacity: true) }
        layouts[i] = l
        return l
    }

    /// Clusters in line `i`.
    mutating func length(_ i: Int) -> Int { layout(i).count }
}
