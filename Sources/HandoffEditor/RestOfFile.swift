import HandoffCore

/// Everything of a document outside the six sections, as the seventh pane ("Rest of the
/// file") shows it: the lines no section holds, in file order, with one read-only marker
/// line where each section stands, naming its pane.
///
/// The rest is the complement of the sections' line ranges (heading line to end of body),
/// not a list of kinds of headings, so it follows whatever the recognizer decides is a
/// section. Its pieces are: the head (the lines before the first section, kept even when
/// empty, so a title or summary can be typed in), then every run of lines between sections
/// (it starts with a heading, or its lines would be the section's body). Marker lines cannot
/// be edited or joined, so an edit stays inside its piece, and writing a piece back replaces
/// its lines' bytes only.
enum RestOfFile {
    /// A run of document lines, `first ..< end`, outside every section.
    struct Piece {
        var first: Int
        var end: Int
    }

    /// A place in the view that the pane of a section can jump to: a later occurrence of
    /// that section (appended sessions), by its view line.
    struct Anchor {
        var pane: Int
        var line: Int
    }

    /// The sections' spans in file order, one per heading (two keys on one heading share it).
    private static func spans(_ doc: HandoffDocument) -> [(first: Int, end: Int, panes: [Int])] {
        var spans: [(first: Int, end: Int, panes: [Int])] = []
        for case let s? in doc.sections {
            let first = s.heading.lineIndex
            let end = max(s.bodyLines.upperBound, s.heading.endLineIndex + 1)
            if let k = spans.firstIndex(where: { $0.first == first }) {
                spans[k].panes.append(s.key.index)
                spans[k].end = max(spans[k].end, end)
            } else {
                spans.append((first, end, [s.key.index]))
            }
        }
        spans.sort { $0.first < $1.first }
        return spans
    }

    /// The pieces of the rest, in file order; the first is the head, maybe empty.
    static func pieces(of doc: HandoffDocument) -> [Piece] {
        let all = spans(doc)
        var pieces = [Piece(first: 0, end: all.first?.first ?? doc.source.lineCount)]
        var at = pieces[0].end
        for span in all {
            if span.first > at { pieces.append(Piece(first: at, end: span.first)) }
            at = max(at, span.end)
        }
        if at < doc.source.lineCount { pieces.append(Piece(first: at, end: doc.source.lineCount)) }
        return pieces
    }

    /// The view: the pieces' lines (pointing into the document's bytes) with a marker line
    /// for each section; the markers' line indices; where later occurrences of a section
    /// (`duplicateSections`, which are rest) start.
    static func view(of doc: HandoffDocument) -> (buffer: TextBuffer, fixed: [Int], anchors: [Anchor]) {
        let source = doc.source
        let bytes = source.bytes
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        var buffer = TextBuffer(source: bytes)
        var fixed: [Int] = []
        var anchors: [Anchor] = []
        var duplicates = doc.duplicateSections.map { (line: $0.heading.lineIndex, pane: $0.key.index) }
        duplicates.sort { $0.line < $1.line }
        func add(_ piece: Piece) {
            if piece.first == piece.end {
                buffer.appendText("")
                return
            }
            for d in duplicates where d.line >= piece.first && d.line < piece.end {
                anchors.append(Anchor(pane: d.pane, line: buffer.count + d.line - piece.first))
            }
            for l in piece.first..<piece.end {
                var r = source.contentRange(ofLine: l)
                if l == 0, bom { r = (r.lowerBound + 3)..<r.upperBound }
                buffer.appendSource(r)
            }
        }
        let all = spans(doc)
        let head = Piece(first: 0, end: all.first?.first ?? source.lineCount)
        add(head)
        var at = head.end
        for span in all {
            if span.first > at { add(Piece(first: at, end: span.first)) }
            fixed.append(buffer.count)
            buffer.appendText(marker(span.panes, heading: span.first, in: doc))
            at = max(at, span.end)
        }
        if at < source.lineCount { add(Piece(first: at, end: source.lineCount)) }
        return (buffer, fixed, anchors)
    }

    /// "── 1 Completed (Alt-1): ## What we did ──": which pane holds the section, and its
    /// heading line as written (cut short when long).
    static func marker(_ panes: [Int], heading line: Int, in doc: HandoffDocument) -> String {
        var text = Substring(doc.source.lineText(line))
        while text.first == " " || text.first == "\t" || text.first == "\u{FEFF}" { text.removeFirst() }
        if text.count > 48 { text = text.prefix(47) + "…" }
        let names = panes.sorted().map { "\($0 + 1) \(SectionKey.allCases[$0].canonicalTitle) (Alt-\($0 + 1))" }
        return "── " + names.joined(separator: ", ") + ": " + text + " ──"
    }

    /// The view's line groups between its marker lines: the head's, then each non-empty one.
    static func groups(count: Int, fixed: [Int]) -> [Piece] {
        var groups: [Piece] = []
        var start = 0
        for f in fixed {
            if groups.isEmpty || f > start { groups.append(Piece(first: start, end: f)) }
            start = f + 1
        }
        if groups.isEmpty || count > start { groups.append(Piece(first: start, end: count)) }
        return groups
    }

    /// The document with the view's pieces written in. A piece whose text is as read keeps
    /// its bytes; an edited one replaces its lines' bytes, and nothing else: the lines read
    /// from the document keep their line endings, new ones take the document's usual one. A
    /// piece left as one empty line is written as no lines. Nil when the view's pieces are
    /// not the document's (the view was read from another version of it).
    static func writing(_ view: TextBuffer.Contents, fixed: [Int], into doc: HandoffDocument) -> HandoffDocument? {
        let groups = groups(count: view.count, fixed: fixed)
        let pieces = pieces(of: doc)
        guard groups.count == pieces.count else { return nil }
        let source = doc.source
        let bytes = source.bytes
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        let eol = Array(source.dominantLineEnding.rawValue.utf8)
        func content(_ l: Int) -> ArraySlice<UInt8> {
            var r = source.contentRange(ofLine: l)
            if l == 0, bom { r = (r.lowerBound + 3)..<r.upperBound }
            return bytes[r]
        }
        // The pieces' new bytes, then each put in with the model's own `replacing` (from the
        // last, so the earlier offsets hold), which keeps whatever the document was read with.
        var changes: [(from: Int, to: Int, bytes: [UInt8])] = []
        for (piece, group) in zip(pieces, groups) {
            let lines = group.end - group.first
            let asRead = piece.first == piece.end
                ? lines == 1 && view.line(group.first, equals: [])
                : lines == piece.end - piece.first
                    && (0..<lines).allSatisfy { view.line(group.first + $0, equals: content(piece.first + $0)) }
            if asRead { continue }
            let start = source.offset(ofLine: piece.first) + (piece.first == 0 && bom ? 3 : 0)
            let end = max(start, source.offset(ofLine: piece.end))
            // The piece's last line ends as the piece did: with a line ending unless it ran to
            // the end of a file without a final one.
            let endsLine = piece.end < source.lineCount || !source.lacksFinalNewline
            var out: [UInt8] = []
            if !(lines == 1 && view.line(group.first, equals: [])) {
                for l in group.first..<group.end {
                    view.append(line: l, to: &out)
                    guard l + 1 < group.end || endsLine else { continue }
                    if let own = view.originalEnding(l), !own.isEmpty { out.append(contentsOf: own) } else {
                        out.append(contentsOf: eol)
                    }
                }
            }
            changes.append((start, end, out))
        }
        return changes.reversed().reduce(doc) { $0.replacing($1.from..<$1.to, with: $1.bytes) }
    }
}
