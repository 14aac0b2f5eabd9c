/// The lines of one pane. Lines nobody has touched stay ranges into the document's bytes
/// (shared, not copied), so opening a 10 MB document costs one small entry per line; a
/// line becomes a `String` when it is edited. Rendered forms are cached per line index.
struct TextBuffer {
    fileprivate enum Line: Sendable {
        case source(Range<Int>)
        case text(String)
    }

    private let source: [UInt8]
    private var lines: [Line]
    private(set) var counts = ItemCounts()
    /// Goes up on every change, so the renderer can tell an unchanged pane.
    private(set) var version = 0
    /// Rendered forms of the lines drawn or walked through, direct-mapped: slot
    /// `line % layoutSlots` holds the line it was built for. A screen's lines are
    /// consecutive, so they never collide; scrolling far replaces them. (Not a dictionary:
    /// its first use at start-up has the runtime search the binary's conformances.)
    private var layouts: [(line: Int, layout: LineLayout)?] = []
    private static let layoutSlots = 1024
    /// The latest edits that replaced one line by one (version, line), and the version of
    /// the last edit that added, removed or moved lines: what a renderer needs to redraw
    /// only the lines typed in.
    private var inPlaceEdits: [(version: Int, line: Int)] = []
    private var lastStructuralVersion = 0

    init(_ text: String) {
        source = []
        let parts = text.isEmpty ? [""] : text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines = parts.map { .text($0) }
        for p in parts { counts.add(ItemCounts.kind(ListPrefix.parse(p)), 1) }
    }

    /// Lines `first ..< last` of a document, as ranges of `source` (each without its line
    /// ending) that `range` gives. (No array of ranges in between: its element type would be
    /// made at run time, with a conformance search, on the way to the first paint.)
    init(source: [UInt8], lines first: Int, _ last: Int, range: (Int) -> Range<Int>) {
        self.source = source
        if first >= last {
            lines = [.text("")]
            return
        }
        lines = []
        lines.reserveCapacity(last - first)
        var counts = ItemCounts()
        source.withUnsafeBufferPointer { buf in
            for l in first..<last {
                let r = range(l)
                lines.append(.source(r))
                let slice = UnsafeBufferPointer(rebasing: buf[r])
                counts.add(ItemCounts.kind(ListPrefix.parse(bytes: slice)), 1)
            }
        }
        self.counts = counts
    }

    /// A buffer over `source` filled line by line with `appendSource` and `appendText` (the
    /// rest view: document lines with marker lines between them). Empty until filled.
    init(source: [UInt8]) {
        self.source = source
        lines = []
    }

    /// Adds a document line (its text without the line ending, as a range of `source`).
    mutating func appendSource(_ r: Range<Int>) {
        lines.append(.source(r))
        source.withUnsafeBufferPointer { buf in
            counts.add(ItemCounts.kind(ListPrefix.parse(bytes: UnsafeBufferPointer(rebasing: buf[r]))), 1)
        }
    }

    /// Adds a line of text of the buffer's own.
    mutating func appendText(_ s: String) {
        lines.append(.text(s))
        counts.add(ItemCounts.kind(ListPrefix.parse(s)), 1)
    }

    var count: Int { lines.count }

    subscript(i: Int) -> String {
        switch lines[i] {
        case .text(let s): return s
        case .source(let r): return String(decoding: source[r], as: UTF8.self)
        }
    }

    /// The whole text, lines joined by LF, as the pane is written back.
    var text: String { contents.text }

    /// The lines as they stand: taking them costs nothing (the arrays are shared until the
    /// next edit), so a recovery snapshot joins them on another thread, not on a keystroke.
    var contents: Contents { Contents(source: source, lines: lines) }

    struct Contents: Sendable {
        fileprivate let source: [UInt8]
        fileprivate let lines: [Line]

        var count: Int { lines.count }

        /// Line `i`'s bytes, without a line ending.
        func append(line i: Int, to out: inout [UInt8]) {
            switch lines[i] {
            case .text(let s): out.append(contentsOf: s.utf8)
            case .source(let r): out.append(contentsOf: source[r])
            }
        }

        /// Whether line `i` has the bytes `other`.
        func line(_ i: Int, equals other: ArraySlice<UInt8>) -> Bool {
            switch lines[i] {
            case .text(let s): return s.utf8.elementsEqual(other)
            case .source(let r): return source[r].elementsEqual(other)
            }
        }

        /// The line ending a line read from the document had there (LF, CRLF; empty for a last
        /// line without one); nil for a line typed or changed since.
        func originalEnding(_ i: Int) -> ArraySlice<UInt8>? {
            guard case .source(let r) = lines[i] else { return nil }
            var end = r.upperBound
            while end < source.count, source[end] != 0x0A { end += 1 }
            return source[r.upperBound..<min(source.count, end + 1)]
        }

        /// The lines joined by LF.
        var text: String {
            var size = lines.count
            for line in lines {
                switch line {
                case .text(let s): size += s.utf8.count
                case .source(let r): size += r.count
                }
            }
            var out = [UInt8]()
            out.reserveCapacity(size)
            for i in 0..<lines.count {
                if i > 0 { out.append(0x0A) }
                switch lines[i] {
                case .text(let s): out.append(contentsOf: s.utf8)
                case .source(let r): out.append(contentsOf: source[r])
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
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
            forgetLayout(range.lowerBound)
            if inPlaceEdits.count == 16 { inPlaceEdits.removeFirst() }
            inPlaceEdits.append((version, range.lowerBound))
        } else {
            lines.replaceSubrange(range, with: new.map { .text($0) })
            // Indices moved; cached forms are cheap to rebuild for the visible lines.
            for k in layouts.indices { layouts[k] = nil }
            lastStructuralVersion = version
            inPlaceEdits.removeAll()
        }
        if lines.isEmpty {
            lines = [.text("")]
        }
        return old
    }

    /// The lines edited since `version`, when every edit since replaced one line by one;
    /// nil when lines were added, removed or moved since (or the record is too short).
    func linesEdited(after version: Int) -> [Int]? {
        if version == self.version { return [] }
        guard version >= lastStructuralVersion, let oldest = inPlaceEdits.first, oldest.version <= version + 1 else {
            return nil
        }
        return inPlaceEdits.filter { $0.version > version }.map(\.line)
    }

    /// The line's rendered form, built on first use.
    mutating func layout(_ i: Int) -> LineLayout {
        let slot = i % Self.layoutSlots
        if !layouts.isEmpty, let kept = layouts[slot], kept.line == i { return kept.layout }
        let l = LineLayout(self[i])
        if layouts.isEmpty { layouts = Array(repeating: nil, count: Self.layoutSlots) }
        layouts[slot] = (i, l)
        return l
    }

    private mutating func forgetLayout(_ i: Int) {
        let slot = i % Self.layoutSlots
        if !layouts.isEmpty, layouts[slot]?.line == i { layouts[slot] = nil }
    }

    /// Clusters in line `i`.
    mutating func length(_ i: Int) -> Int { layout(i).count }
}
