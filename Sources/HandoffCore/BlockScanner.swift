/// One pass over the lines that finds the block structure a handoff needs: headings at the
/// top level and list items, as CommonMark defines them. Containers (block quotes, list
/// items) and opaque leaves (fenced code, HTML blocks, front matter) are tracked so that a
/// heading-looking line inside them is not taken for a heading. Inline syntax is not parsed.
struct BlockScanner {
    struct Heading {
        var line: Int          // first line (setext: first line of the text)
        var endLine: Int       // last line (setext: the underline)
        var level: Int
        var text: String       // as written, without the `#` marks or the underline
        var isSetext: Bool
    }

    /// A list item, stored in 32-bit fields: a 10 MB handoff has ~100k of them, and their
    /// size decides the parser's peak memory. (Files over 2 GiB are refused before this.)
    struct Item: Sendable {
        private var _line: Int32
        private var _lastLine: Int32
        private var _textStart: Int32
        private var _textEnd: Int32
        private var _number: Int32
        private var _indentColumns: Int16
        private var _contentColumn: Int16
        private var _depth: Int16
        private var _checked: Int8      // -1 none, 0 unchecked, 1 checked
        let hasCheckbox: Bool
        let ordered: Bool
        let marker: UInt8               // '-', '*', '+', or '.', ')' for ordered

        init(line: Int, depth: Int, checked: Bool?, hasCheckbox: Bool, textRange: Range<Int>, lastLine: Int,
             ordered: Bool, number: Int, marker: UInt8, indentColumns: Int, contentColumn: Int) {
            _line = Int32(line); _lastLine = Int32(lastLine)
            _textStart = Int32(textRange.lowerBound); _textEnd = Int32(textRange.upperBound)
            _number = Int32(clamping: number)
            _indentColumns = Int16(clamping: indentColumns); _contentColumn = Int16(clamping: contentColumn)
            _depth = Int16(clamping: depth)
            _checked = checked.map { $0 ? 1 : 0 } ?? -1
            self.hasCheckbox = hasCheckbox
            self.ordered = ordered
            self.marker = marker
        }

        var line: Int { Int(_line) }
        var lastLine: Int { get { Int(_lastLine) } set { _lastLine = Int32(newValue) } }
        var textRange: Range<Int> { Int(_textStart)..<Int(_textEnd) }
        var number: Int { Int(_number) }
        var indentColumns: Int { Int(_indentColumns) }
        var contentColumn: Int { Int(_contentColumn) }
        var depth: Int { get { Int(_depth) } set { _depth = Int16(clamping: newValue) } }
        var checked: Bool? { _checked < 0 ? nil : _checked == 1 }
    }

    /// A line that may be a pseudo-heading (docs/FORMAT.md "Labels"): a bold or ALL-CAPS
    /// label at the top level. Whether it names a section is decided by the document.
    struct Label {
        enum Kind { case boldLine, capsLine, inlineParagraph, inlineItem }
        var line: Int
        var kind: Kind
        var text: String        // the label's words, without `**` and the colon
        var item: Int = -1      // for .inlineItem: the index in `items`
    }

    /// A top-level block that starts at `line`; `isList` for the first item of a list.
    struct BlockStart {
        private var _line: Int32
        let isList: Bool
        init(line: Int, isList: Bool) { _line = Int32(line); self.isList = isList }
        var line: Int { Int(_line) }
    }

    var headings: [Heading] = []
    var items: [Item] = []
    var labels: [Label] = []
    /// Where top-level blocks start (lists counted once, at their first item); a label's
    /// section ends at one of them.
    var blockStarts: [BlockStart] = []
    /// Lines of front matter at the top, if any (0..<n).
    var frontMatterLines: Range<Int> = 0..<0
    /// The line that would close a top-level fenced code block or HTML block of kinds 1–5 (raw
    /// `<pre>`/`<script>`…, comment, `<?`, `<!X`, CDATA) still open at the end of the text, which
    /// would otherwise swallow anything appended after it.
    var closerAtEnd: String? = nil

    private enum Container {
        case blockQuote
        case listItem(contentColumn: Int, item: Int, startedBlank: Bool, firstLine: Int)
    }

    private enum Leaf {
        case none
        case paragraph(startLine: Int)
        case fence(char: UInt8, count: Int, indent: Int)
        case html(endKind: Int)
    }

    static func scan(_ source: SourceText) -> BlockScanner {
        var scanner = BlockScanner()
        source.bytes.withUnsafeBufferPointer { buf in
            scanner.run(source, buf)
        }
        return scanner
    }

    // MARK: - The pass

    private mutating func run(_ source: SourceText, _ buf: UnsafeBufferPointer<UInt8>) {
        let lineCount = source.lineCount
        var first = 0
        var bomSkip = 0
        if buf.count >= 3, buf[0] == 0xEF, buf[1] == 0xBB, buf[2] == 0xBF { bomSkip = 3 }
        if lineCount > 0 {
            let fm = frontMatter(source, buf, bomSkip: bomSkip)
            frontMatterLines = 0..<fm
            first = fm
        }

        var containers: [Container] = []
        var leaf = Leaf.none
        var leafDepth = 0   // how many containers hold the open leaf
        var rawTag = ""     // the tag that opened an HTML block of kind 1 (`pre`, `script`, …)
        var inTopList = false   // the last top-level block is a list

        var lineIndex = first
        while lineIndex < lineCount {
            defer { lineIndex += 1 }
            let range = source.contentRange(ofLine: lineIndex)
            let start = lineIndex == 0 ? range.lowerBound + bomSkip : range.lowerBound
            let end = range.upperBound
            var pos = start
            var col = 0
            // Columns of the tab at `pos` already consumed by containers (a tab partly used as
            // indent: CommonMark expands tabs to the next multiple of 4 and lets a container take
            // only part of one). `col` is the column where the byte at `pos` starts, so the
            // indentation left after the containers is `skipSpaces(...).column - col - partial`.
            var partial = 0

            // 1. Which open containers does this line continue?
            var matched = 0
            let blank = Self.isBlank(buf, pos, end)
            matching: while matched < containers.count {
                switch containers[matched] {
                case .blockQuote:
                    let (p, c) = Self.skipSpaces(buf, pos, end, col)
                    if c - col - partial <= 3, p < end, buf[p] == UInt8(ascii: ">") {
                        pos = p + 1; col = c + 1; partial = 0
                        Self.skipOptionalSpace(buf, &pos, end, &col, &partial)
                        matched += 1
                    } else { break matching }
                case .listItem(let contentColumn, _, let startedBlank, let firstLine):
                    // Blank after the containers matched so far (`>` alone is blank inside a quote).
                    if Self.isBlank(buf, pos, end) {
                        // An item may begin with at most one blank line.
                        if startedBlank && firstLine == lineIndex - 1 { break matching }
                        matched += 1
                        continue
                    }
                    let (p, c) = Self.skipSpaces(buf, pos, end, col)
                    if c >= contentColumn {
                        // Consume exactly up to the content column.
                        var q = pos, qc = col
                        while q < p, qc < contentColumn {
                            let w = buf[q] == 0x09 ? 4 - (qc % 4) : 1
                            if qc + w > contentColumn { break }
                            qc += w; q += 1
                        }
                        // A tab that reaches past the content column is only partly consumed
                        // (`- a` then `\t- b`: the tab gives 2 columns to the item, 2 remain).
                        pos = q; col = qc; partial = qc < contentColumn ? contentColumn - qc : 0
                        matched += 1
                    } else { break matching }
                }
            }

            // 2. Inside an opaque leaf that all containers continue: look for its end only.
            if matched == containers.count || (matched >= leafDepth) {
                switch leaf {
                case .fence(let ch, let count, _) where matched >= leafDepth:
                    if Self.isClosingFence(buf, pos, end, col, partial, ch, count) { leaf = .none }
                    if matched < containers.count {
                        // The leaf lives in the matched part; deeper containers ended earlier.
                        containers.removeLast(containers.count - matched)
                    }
                    touch(&containers, lineIndex, blank)
                    continue
                case .html(let kind) where matched >= leafDepth:
                    if kind >= 6 {
                        // Ends at a line blank after its containers (`>` alone, in a quote).
                        if Self.isBlank(buf, pos, end) { leaf = .none }
                    } else if Self.htmlBlockEnds(buf, pos, end, kind) {
                        leaf = .none
                    }
                    if matched < containers.count { containers.removeLast(containers.count - matched) }
                    touch(&containers, lineIndex, blank)
                    continue
                default: break
                }
            }

            // 3. Lazy continuation: a paragraph line whose containers did not all match.
            if matched < containers.count {
                if case .paragraph = leaf, !blank,
                   !Self.startsBlock(buf, pos, end, col, partial) {
                    touch(&containers, lineIndex, blank)
                    continue
                }
                containers.removeLast(containers.count - matched)
                if leafDepth > matched { leaf = .none; leafDepth = matched }
            }
            if case .fence = leaf { leaf = .none }
            if case .html = leaf { leaf = .none }

            // 4. New containers.
            var paragraphOpen: Bool = { if case .paragraph = leaf, leafDepth == containers.count { return true }; return false }()
            opening: while true {
                let (p, c) = Self.skipSpaces(buf, pos, end, col)
                if c - col - partial >= 4 || p >= end { break }
                if buf[p] == UInt8(ascii: ">") {
                    pos = p + 1; col = c + 1; partial = 0
                    Self.skipOptionalSpace(buf, &pos, end, &col, &partial)
                    containers.append(.blockQuote)
                    leaf = .none; paragraphOpen = false
                    continue
                }
                if paragraphOpen, Self.isSetextUnderline(buf, p, end) != nil { break }
                if Self.isThematicBreak(buf, p, end) { break }
                guard let marker = Self.listMarker(buf, p, end, c, paragraphOpen: paragraphOpen) else { break }
                let inQuote = containers.contains { if case .blockQuote = $0 { return true }; return false }
                let depth = containers.reduce(0) { if case .listItem = $1 { return $0 + 1 }; return $0 }
                var itemIndex = -1
                if !inQuote {
                    itemIndex = items.count
                    if containers.isEmpty {
                        if !inTopList { blockStarts.append(BlockStart(line: lineIndex, isList: true)); inTopList = true }
                        if let label = Self.boldLabel(buf, Self.afterEmoji(buf, marker.text.lowerBound, marker.text.upperBound),
                                                      marker.text.upperBound, source), label.inline || label.wholeLine {
                            labels.append(Label(line: lineIndex, kind: .inlineItem, text: label.text, item: itemIndex))
                        }
                    }
                    items.append(Item(line: lineIndex, depth: depth, checked: marker.checked,
                                      hasCheckbox: marker.hasCheckbox, textRange: marker.text,
                                      lastLine: lineIndex, ordered: marker.ordered, number: marker.number,
                                      marker: marker.char, indentColumns: c, contentColumn: marker.contentColumn))
                }
                containers.append(.listItem(contentColumn: marker.contentColumn, item: itemIndex,
                                            startedBlank: marker.blankStart, firstLine: lineIndex))
                pos = marker.contentPos; col = marker.contentPosColumn; partial = marker.contentPartial
                leaf = .none; paragraphOpen = false
                if marker.blankStart { break }
            }

            // 5. The leaf block this line starts or continues.
            touch(&containers, lineIndex, blank)
            let topLevel = containers.isEmpty
            if Self.isBlank(buf, pos, end) {
                if case .paragraph = leaf { leaf = .none }
                continue
            }
            let (p, c) = Self.skipSpaces(buf, pos, end, col)
            let indent = c - col - partial
            if topLevel {
                if !paragraphOpen {
                    blockStarts.append(BlockStart(line: lineIndex, isList: false))
                    inTopList = false
                }
                if indent < 4, p < end {
                    let b = buf[p]
                    let q = Self.afterEmoji(buf, p, end)
                    if buf[q < end ? q : p] == UInt8(ascii: "*") || buf[q < end ? q : p] == UInt8(ascii: "_") {
                        if q < end, let label = Self.boldLabel(buf, q, end, source), label.inline || label.wholeLine {
                            labels.append(Label(line: lineIndex, kind: label.wholeLine ? .boldLine : .inlineParagraph, text: label.text))
                        }
                    } else if !paragraphOpen, (b >= 0x41 && b <= 0x5A) || b >= 0xC0, let text = Self.capsLabel(buf, p, end, source) {
                        labels.append(Label(line: lineIndex, kind: .capsLine, text: text))
                    }
                }
            }
            if indent >= 4 {
                // Indented code, or a paragraph's continuation: neither starts anything.
                if !paragraphOpen { leaf = .none }
                continue
            }
            if paragraphOpen, let level = Self.isSetextUnderline(buf, p, end) {
                if case .paragraph(let startLine) = leaf, topLevel {
                    var parts: [String] = []
                    for l in startLine..<lineIndex {
                        let r = source.contentRange(ofLine: l)
                        let s = l == 0 ? r.lowerBound + bomSkip : r.lowerBound
                        parts.append(Self.trimmed(source, s, r.upperBound))
                    }
                    headings.append(Heading(line: startLine, endLine: lineIndex, level: level,
                                            text: parts.joined(separator: " "), isSetext: true))
                }
                leaf = .none
                continue
            }
            if let (ch, count) = Self.fenceOpener(buf, p, end) {
                leaf = .fence(char: ch, count: count, indent: indent)
                leafDepth = containers.count
                continue
            }
            if let heading = Self.atxHeading(buf, p, end) {
                if topLevel {
                    headings.append(Heading(line: lineIndex, endLine: lineIndex, level: heading.level,
                                            text: Self.trimmed(source, heading.text.lowerBound, heading.text.upperBound),
                                            isSetext: false))
                }
                leaf = .none
                continue
            }
            if Self.isThematicBreak(buf, p, end) { leaf = .none; continue }
            if let kind = Self.htmlBlockStart(buf, p, end, paragraphOpen: paragraphOpen) {
                if kind < 6, Self.htmlBlockEnds(buf, p + 1, end, kind) {
                    leaf = .none
                } else {
                    if kind == 1 {
                        var q = p + 1
                        while q < end, (buf[q] | 0x20) >= 97, (buf[q] | 0x20) <= 122 { q += 1 }
                        rawTag = String(decoding: buf[(p + 1)..<q], as: UTF8.self).lowercased()
                    }
                    leaf = .html(endKind: kind)
                    leafDepth = containers.count
                }
                continue
            }
            if !paragraphOpen {
                leaf = .paragraph(startLine: lineIndex)
                leafDepth = containers.count
            }
        }
        if leafDepth == 0 {
            switch leaf {
            case .fence(let ch, let count, _): closerAtEnd = String(repeating: Character(UnicodeScalar(ch)), count: count)
            case .html(1): closerAtEnd = "</\(rawTag)>"
            case .html(2): closerAtEnd = "-->"
            case .html(3): closerAtEnd = "?>"
            case .html(4): closerAtEnd = ">"
            case .html(5): closerAtEnd = "]]>"
            default: break
            }
        }
    }

    /// Records that the open list items reach this line (for an item's extent).
    private mutating func touch(_ containers: inout [Container], _ line: Int, _ blank: Bool) {
        guard !blank else { return }
        for c in containers {
            if case .listItem(_, let item, _, _) = c, item >= 0 { items[item].lastLine = line }
        }
    }

    // MARK: - Front matter

    private func frontMatter(_ source: SourceText, _ buf: UnsafeBufferPointer<UInt8>, bomSkip: Int) -> Int {
        let r0 = source.contentRange(ofLine: 0)
        let s0 = r0.lowerBound + bomSkip
        let opener = Self.trimmedBytes(buf, s0, r0.upperBound)
        let yaml = opener == [45, 45, 45]           // ---
        let toml = opener == [43, 43, 43]           // +++
        guard yaml || toml else { return 0 }
        for l in 1..<max(1, source.lineCount) {
            let r = source.contentRange(ofLine: l)
            let t = Self.trimmedBytes(buf, r.lowerBound, r.upperBound)
            if yaml, t == [45, 45, 45] || t == [46, 46, 46] { return l + 1 }
            if toml, t == [43, 43, 43] { return l + 1 }
        }
        return 0
    }

    // MARK: - Labels

    /// Past an emoji and the spaces after it (`✅ **Completed:**`): symbols U+2xxx and emoji
    /// U+1Fxxx, with their selectors. Elsewhere `p` itself.
    static func afterEmoji(_ buf: UnsafeBufferPointer<UInt8>, _ p: Int, _ end: Int) -> Int {
        guard p < end, buf[p] == 0xE2 || (buf[p] == 0xF0 && p + 1 < end && buf[p + 1] == 0x9F) else { return p }
        var q = p
        while q < end, buf[q] >= 0x80 { q += 1 }
        while q < end, buf[q] == 0x20 { q += 1 }
        return q
    }

    /// A bold label at `p`: `**Completed**`, `**Completed:**`, `**Next step:** text`,
    /// `__Blockers__:`. `wholeLine` when nothing but a colon follows it; `inline` when text
    /// follows and a colon ends the label (inside or right after the bold).
    static func boldLabel(_ buf: UnsafeBufferPointer<UInt8>, _ p: Int, _ end: Int, _ source: SourceText)
        -> (text: String, wholeLine: Bool, inline: Bool)? {
        guard end - p >= 5 else { return nil }
        let m = buf[p]
        // Not a link (`**[Next Steps](#next-steps)**` in a table of contents).
        guard m == UInt8(ascii: "*") || m == UInt8(ascii: "_"), buf[p + 1] == m, buf[p + 2] != m,
              buf[p + 2] != 0x20, buf[p + 2] != UInt8(ascii: "[") else { return nil }
        var i = p + 2
        // A label is short; a long bold run is emphasis in a sentence.
        let limit = min(end, p + 2 + 160)
        while i + 1 < limit, !(buf[i] == m && buf[i + 1] == m) { i += 1 }
        guard i + 1 < limit, i > p + 2 else { return nil }
        var textEnd = i
        while textEnd > p + 2, buf[textEnd - 1] == 0x20 { textEnd -= 1 }
        var colon = false
        if buf[textEnd - 1] == UInt8(ascii: ":") { colon = true; textEnd -= 1 }
        else if textEnd - 3 >= p + 2, buf[textEnd - 3] == 0xEF, buf[textEnd - 2] == 0xBC, buf[textEnd - 1] == 0x9A {
            colon = true; textEnd -= 3   // full-width colon
        }
        var after = i + 2
        if after < end, buf[after] == UInt8(ascii: ":") { colon = true; after += 1 }
        else if after + 2 < end, buf[after] == 0xEF, buf[after + 1] == 0xBC, buf[after + 2] == 0x9A { colon = true; after += 3 }
        let rest = isBlank(buf, after, end)
        guard textEnd > p + 2 else { return nil }
        let text = source.string((p + 2)..<textEnd)
        return (text, rest, !rest && colon)
    }

    /// An ALL-CAPS label line: `NEXT STEPS:`, `GOTCHAS`, `СДЕЛАНО:`. Short, no lower-case
    /// letter, at least three upper-case ones, no Markdown markup; a colon may end it.
    static func capsLabel(_ buf: UnsafeBufferPointer<UInt8>, _ p: Int, _ end: Int, _ source: SourceText) -> String? {
        var e = end
        while e > p, buf[e - 1] == 0x20 || buf[e - 1] == 0x09 { e -= 1 }
        guard e - p <= 80 else { return nil }
        var upper = 0
        var ascii = true
        for i in p..<e {
            let b = buf[i]
            if b >= 0x61 && b <= 0x7A { return nil }
            if b >= 0x41 && b <= 0x5A { upper += 1 }
            if b >= 0x80 { ascii = false }
            // Markup is no label's: `#`, `>`, `` ` ``, `|`, `<`, `[`, `*`, `=`, `~`, `_`, a tab.
            if b == 0x23 || b == 0x3E || b == 0x60 || b == 0x7C || b == 0x3C || b == 0x5B || b == 0x2A || b == 0x3D
                || b == 0x7E || b == 0x5F || b == 0x09 { return nil }
        }
        if buf[e - 1] == UInt8(ascii: ":") { e -= 1 }
        let text = source.string(p..<e)
        if !ascii {
            upper = 0
            for s in text.unicodeScalars {
                if s.properties.isLowercase { return nil }
                if s.properties.isUppercase { upper += 1 }
            }
        }
        return upper >= 3 ? text : nil
    }

    // MARK: - Line tests

    @inline(__always) static func isBlank(_ buf: UnsafeBufferPointer<UInt8>, _ from: Int, _ end: Int) -> Bool {
        var i = from
        while i < end {
            let b = buf[i]
            if b != 0x20 && b != 0x09 { return false }
            i += 1
        }
        return true
    }

    /// The optional space after `>` (or after a list marker followed by indented code): a space
    /// is consumed whole, a tab gives one column and keeps the rest (tracked in `partial`).
    @inline(__always) static func skipOptionalSpace(_ buf: UnsafeBufferPointer<UInt8>, _ pos: inout Int, _ end: Int,
                                                    _ col: inout Int, _ partial: inout Int) {
        guard pos < end else { return }
        if buf[pos] == 0x20 { pos += 1; col += 1 }
        else if buf[pos] == 0x09 {
            if 4 - (col % 4) == 1 { pos += 1; col += 1 } else { partial = 1 }
        }
    }

    /// Skips spaces and tabs; returns the position after them and the column there.
    @inline(__always) static func skipSpaces(_ buf: UnsafeBufferPointer<UInt8>, _ from: Int, _ end: Int, _ col: Int) -> (Int, Int) {
        var i = from, c = col
        while i < end {
            let b = buf[i]
            if b == 0x20 { c += 1 } else if b == 0x09 { c += 4 - (c % 4) } else { break }
            i += 1
        }
        return (i, c)
    }

    static func trimmedBytes(_ buf: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> [UInt8] {
        var s = from, e = to
        while s < e, buf[s] == 0x20 || buf[s] == 0x09 { s += 1 }
        while e > s, buf[e - 1] == 0x20 || buf[e - 1] == 0x09 { e -= 1 }
        return Array(buf[s..<e])
    }

    static func trimmed(_ source: SourceText, _ from: Int, _ to: Int) -> String {
        var s = from, e = to
        let b = source.bytes
        while s < e, b[s] == 0x20 || b[s] == 0x09 { s += 1 }
        while e > s, b[e - 1] == 0x20 || b[e - 1] == 0x09 { e -= 1 }
        return source.string(s..<e)
    }

    /// Whether the line would start a block that ends a paragraph (so it is no lazy line).
    static func startsBlock(_ buf: UnsafeBufferPointer<UInt8>, _ pos: Int, _ end: Int, _ col: Int, _ partial: Int) -> Bool {
        let (p, c) = skipSpaces(buf, pos, end, col)
        if c - col - partial >= 4 || p >= end { return false }
        if buf[p] == UInt8(ascii: ">") { return true }
        if isThematicBreak(buf, p, end) { return true }
        if fenceOpener(buf, p, end) != nil { return true }
        if atxHeading(buf, p, end) != nil { return true }
        // The line is matched against the last matched container, not the paragraph (as cmark does),
        // so `2. b` under `1. a` starts an item rather than continuing the text.
        if listMarker(buf, p, end, c, paragraphOpen: false) != nil { return true }
        if let kind = htmlBlockStart(buf, p, end, paragraphOpen: true), kind < 7 { return true }
        return false
    }

    static func atxHeading(_ buf: UnsafeBufferPointer<UInt8>, _ p: Int, _ end: Int) -> (level: Int, text: Range<Int>)? {
        var i = p
        while i < end, buf[i] == UInt8(ascii: "#") { i += 1 }
        let level = i - p
        guard level >= 1, level <= 6 else { return nil }
        guard i == end || buf[i] == 0x20 || buf[i] == 0x09 else { return nil }
        var s = i
        while s < end, buf[s] == 0x20 || buf[s] == 0x09 { s += 1 }
        var e = end
        while e > s, buf[e - 1] == 0x20 || buf[e - 1] == 0x09 { e -= 1 }
        // An optional closing sequence of '#', preceded by a space (or making up the whole text).
        var h = e
        while h > s, buf[h - 1] == UInt8(ascii: "#") { h -= 1 }
        if h < e {
            if h == s { e = s }
            else if buf[h - 1] == 0x20 || buf[h - 1] == 0x09 {
                e = h
                while e > s, buf[e - 1] == 0x20 || buf[e - 1] == 0x09 { e -= 1 }
            }
        }
        return (level, s..<e)
    }

    /// `=` underline gives level 1, `-` level 2.
    static func isSetextUnderline(_ buf: UnsafeBufferPointer<UInt8>, _ p: Int, _ end: Int) -> Int? {
        guard p < end else { return nil }
        let ch = buf[p]
        guard ch == UInt8(ascii: "=") || ch == UInt8(ascii: "-") else { return nil }
        var i = p
        while i < end, buf[i] == ch { i += 1 }
        while i < end, buf[i] == 0x20 || buf[i] == 0x09 { i += 1 }
        guard i == end else { return nil }
        return ch == UInt8(ascii: "=") ? 1 : 2
    }

    static func isThematicBreak(_ buf: UnsafeBufferPointer<UInt8>, _ p: Int, _ end: Int) -> Bool {
        guard p < end else { return false }
        let ch = buf[p]
        guard ch == UInt8(ascii: "-") || ch == UInt8(ascii: "*") || ch == UInt8(ascii: "_") else { return false }
        var count = 0
        var i = p
        while i < end {
            let b = buf[i]
            if b == ch { count += 1 } else if b != 0x20 && b != 0x09 { return false }
            i += 1
        }
        return count >= 3
    }

    static func fenceOpener(_ buf: UnsafeBufferPointer<UInt8>, _ p: Int, _ end: Int) -> (UInt8, Int)? {
        guard p < end else { return nil }
        let ch = buf[p]
        guard ch == UInt8(ascii: "`") || ch == UInt8(ascii: "~") else { return nil }
        var i = p
        while i < end, buf[i] == ch { i += 1 }
        let count = i - p
        guard count >= 3 else { return nil }
        if ch == UInt8(ascii: "`") {
            while i < end { if buf[i] == ch { return nil }; i += 1 }
        }
        return (ch, count)
    }

    static func isClosingFence(_ buf: UnsafeBufferPointer<UInt8>, _ pos: Int, _ end: Int, _ col: Int, _ partial: Int,
                               _ ch: UInt8, _ count: Int) -> Bool {
        let (p, c) = skipSpaces(buf, pos, end, col)
        guard c - col - partial <= 3 else { return false }
        var i = p
        while i < end, buf[i] == ch { i += 1 }
        guard i - p >= count else { return false }
        while i < end, buf[i] == 0x20 || buf[i] == 0x09 { i += 1 }
        return i == end
    }

    struct Marker {
        var ordered: Bool
        var number: Int
        var char: UInt8
        var contentColumn: Int
        var contentPos: Int
        var contentPosColumn: Int
        /// Columns of a tab at `contentPos` that the marker already took (see `partial`).
        var contentPartial: Int
        var blankStart: Bool
        var checked: Bool?
        var hasCheckbox: Bool
        var text: Range<Int>
    }

    static func listMarker(_ buf: UnsafeBufferPointer<UInt8>, _ p: Int, _ end: Int, _ col: Int, paragraphOpen: Bool) -> Marker? {
        guard p < end else { return nil }
        var i = p
        var ordered = false
        var number = 0
        var char: UInt8
        let b = buf[p]
        if b == UInt8(ascii: "-") || b == UInt8(ascii: "*") || b == UInt8(ascii: "+") {
            char = b
            i += 1
        } else if b >= 0x30 && b <= 0x39 {
            while i < end, buf[i] >= 0x30, buf[i] <= 0x39, i - p < 9 {
                number = number * 10 + Int(buf[i] - 0x30); i += 1
            }
            guard i < end, buf[i] == UInt8(ascii: ".") || buf[i] == UInt8(ascii: ")") else { return nil }
            char = buf[i]
            ordered = true
            i += 1
        } else { return nil }
        let markerEndCol = col + (i - p)
        guard i == end || buf[i] == 0x20 || buf[i] == 0x09 else { return nil }
        let (s, sc) = skipSpaces(buf, i, end, markerEndCol)
        let blankRest = s == end
        if paragraphOpen {
            // Only a non-empty item, and an ordered one starting at 1, interrupts a paragraph.
            if blankRest { return nil }
            if ordered && number != 1 { return nil }
        }
        var contentColumn: Int
        var contentPos: Int
        var contentPosColumn: Int
        var contentPartial = 0
        if blankRest {
            contentColumn = markerEndCol + 1
            contentPos = end; contentPosColumn = sc
        } else if sc - markerEndCol >= 5 {
            // Indented code after the marker: the item takes one column of the whitespace; of a
            // tab (`-\t\tcode`) that is one column of it, the rest counts towards the code's indent.
            contentColumn = markerEndCol + 1
            if buf[i] == 0x09, 4 - (markerEndCol % 4) > 1 {
                contentPos = i; contentPosColumn = markerEndCol; contentPartial = 1
            } else {
                contentPos = i + 1; contentPosColumn = markerEndCol + 1
            }
        } else {
            contentColumn = sc
            contentPos = s; contentPosColumn = sc
        }
        // Checkbox and text.
        var t = s
        var checked: Bool? = nil
        var hasCheckbox = false
        if t + 2 < end, buf[t] == UInt8(ascii: "["), buf[t + 2] == UInt8(ascii: "]"),
           t + 3 == end || buf[t + 3] == 0x20 || buf[t + 3] == 0x09 {
            let m = buf[t + 1]
            if m == 0x20 { checked = false; hasCheckbox = true }
            else if m == UInt8(ascii: "x") || m == UInt8(ascii: "X") { checked = true; hasCheckbox = true }
            if hasCheckbox {
                t += 3
                while t < end, buf[t] == 0x20 || buf[t] == 0x09 { t += 1 }
            }
        }
        var e = end
        while e > t, buf[e - 1] == 0x20 || buf[e - 1] == 0x09 { e -= 1 }
        return Marker(ordered: ordered, number: number, char: char, contentColumn: contentColumn,
                      contentPos: contentPos, contentPosColumn: contentPosColumn, contentPartial: contentPartial,
                      blankStart: blankRest,
                      checked: checked, hasCheckbox: hasCheckbox, text: t..<e)
    }

    // MARK: - HTML blocks (CommonMark's seven kinds)

    private static let rawTags: [[UInt8]] = ["script", "pre", "style", "textarea"].map { Array($0.utf8) }
    private static let blockTags: Set<[UInt8]> = Set([
        "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center",
        "col", "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset",
        "figcaption", "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5",
        "h6", "head", "header", "hr", "html", "iframe", "legend", "li", "link", "main", "menu",
        "menuitem", "nav", "noframes", "ol", "optgroup", "option", "p", "param", "search", "section",
        "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "track", "ul",
    ].map { Array($0.utf8) })

    @inline(__always) private static func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }
    @inline(__always) private static func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) >= 97 && (b | 0x20) <= 122 }

    /// The kind (1–7) of HTML block this line starts, if any.
    static func htmlBlockStart(_ buf: UnsafeBufferPointer<UInt8>, _ p: Int, _ end: Int, paragraphOpen: Bool) -> Int? {
        guard p < end, buf[p] == UInt8(ascii: "<") else { return nil }
        let rest = p + 1
        if hasPrefix(buf, rest, end, Array("!--".utf8)) { return 2 }
        if hasPrefix(buf, rest, end, Array("?".utf8)) { return 3 }
        if hasPrefix(buf, rest, end, Array("![CDATA[".utf8)) { return 5 }
        if rest < end, buf[rest] == UInt8(ascii: "!"), rest + 1 < end, isAlpha(buf[rest + 1]) { return 4 }
        var i = rest
        let closing = i < end && buf[i] == UInt8(ascii: "/")
        if closing { i += 1 }
        let nameStart = i
        while i < end, isAlpha(buf[i]) || (i > nameStart && ((buf[i] >= 0x30 && buf[i] <= 0x39) || buf[i] == UInt8(ascii: "-"))) { i += 1 }
        guard i > nameStart else { return nil }
        let name = (nameStart..<i).map { lower(buf[$0]) }
        let after: UInt8? = i < end ? buf[i] : nil
        if !closing, rawTags.contains(name), after == nil || after == 0x20 || after == 0x09 || after == UInt8(ascii: ">") {
            return 1
        }
        if blockTags.contains(name) {
            if after == nil || after == 0x20 || after == 0x09 || after == UInt8(ascii: ">") { return 6 }
            if after == UInt8(ascii: "/"), i + 1 < end, buf[i + 1] == UInt8(ascii: ">") { return 6 }
        }
        if paragraphOpen || rawTags.contains(name) { return nil }
        // Kind 7: a complete open or closing tag and nothing else on the line.
        var j = i
        if closing {
            while j < end, buf[j] == 0x20 || buf[j] == 0x09 { j += 1 }
            guard j < end, buf[j] == UInt8(ascii: ">") else { return nil }
            j += 1
        } else {
            var quote: UInt8 = 0
            var closed = false
            while j < end {
                let b = buf[j]
                if quote != 0 { if b == quote { quote = 0 } }
                else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") { quote = b }
                else if b == UInt8(ascii: ">") { closed = true; j += 1; break }
                else if b == UInt8(ascii: "<") { return nil }
                j += 1
            }
            guard closed else { return nil }
            // The tag name must be followed by whitespace, '/' or '>'.
            guard after == 0x20 || after == 0x09 || after == UInt8(ascii: "/") || after == UInt8(ascii: ">") else { return nil }
        }
        return isBlank(buf, j, end) ? 7 : nil
    }

    static func htmlBlockEnds(_ buf: UnsafeBufferPointer<UInt8>, _ from: Int, _ end: Int, _ kind: Int) -> Bool {
        switch kind {
        case 1:
            return containsCaseless(buf, from, end, "</script>") || containsCaseless(buf, from, end, "</pre>")
                || containsCaseless(buf, from, end, "</style>") || containsCaseless(buf, from, end, "</textarea>")
        case 2: return containsCaseless(buf, from, end, "-->")
        case 3: return containsCaseless(buf, from, end, "?>")
        case 4: return containsCaseless(buf, from, end, ">")
        case 5: return containsCaseless(buf, from, end, "]]>")
        default: return false
        }
    }

    private static func hasPrefix(_ buf: UnsafeBufferPointer<UInt8>, _ p: Int, _ end: Int, _ prefix: [UInt8]) -> Bool {
        guard end - p >= prefix.count else { return false }
        for k in 0..<prefix.count where lower(buf[p + k]) != lower(prefix[k]) { return false }
        return true
    }

    private static func containsCaseless(_ buf: UnsafeBufferPointer<UInt8>, _ from: Int, _ end: Int, _ needle: StaticString) -> Bool {
        let n = needle.utf8CodeUnitCount
        guard end - from >= n else { return false }
        let np = needle.utf8Start
        var i = from
        while i + n <= end {
            var k = 0
            while k < n, lower(buf[i + k]) == np[k] { k += 1 }
            if k == n { return true }
            i += 1
        }
        return false
    }
}
