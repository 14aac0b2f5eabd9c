#if canImport(Glibc)
import Glibc
#endif
/// Edits that rebuild the bytes around one section and leave every other byte in place.
extension HandoffDocument {
    /// The section's body as the editor shows it: its lines without line endings, from
    /// the first to the last non-blank line. Empty when the section is missing or empty.
    public func body(of key: SectionKey) -> String {
        guard let section = section(key), let content = contentLines(of: section) else { return "" }
        var out = [UInt8]()
        for l in content {
            if l > content.lowerBound { out.append(0x0A) }
            var r = source.contentRange(ofLine: l)
            if l == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { r = (r.lowerBound + 3)..<r.upperBound }
            out.append(contentsOf: bytes[r])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The body lines from the first to the last non-blank one, if any.
    func contentLines(of section: Section) -> Range<Int>? {
        var first = section.bodyLines.lowerBound
        var last = section.bodyLines.upperBound
        while first < last, isBlankLine(first) { first += 1 }
        while last > first, isBlankLine(last - 1) { last -= 1 }
        return first < last ? first..<last : nil
    }

    func isBlankLine(_ l: Int) -> Bool {
        source.contentRange(ofLine: l).allSatisfy { bytes[$0] == 0x20 || bytes[$0] == 0x09 }
    }

    /// Replaces the section's body text (the part `body(of:)` returns) and keeps the blank
    /// lines around it. A missing section that gets text is inserted at its canonical place
    /// with a heading in the document's own style. Line endings follow the document's.
    public func replacingBody(of key: SectionKey, with newText: String) -> HandoffDocument {
        let text = Self.trimBlankLines(newText)
        if text == body(of: key) { return self }
        let eol = Array(source.dominantLineEnding.rawValue.utf8)
        let lines = text.isEmpty ? [] : Self.splitLines(text)
        // Under `- **Blockers:** none` the section is that list item: a later line written at
        // the margin would start a new item outside it, so it goes under the item's text.
        let nestColumn = section(key).flatMap { $0.heading.form == .itemLabel ? $0.labelContentColumn : nil }
        var encoded = [UInt8]()
        for (n, line) in lines.enumerated() {
            if n > 0 { encoded.append(contentsOf: eol) }
            if n > 0, let nestColumn, !line.allSatisfy({ $0 == " " || $0 == "\t" }),
               line.prefix(while: { $0 == " " }).count < nestColumn, line.first != "\t" {
                encoded.append(contentsOf: [UInt8](repeating: 0x20, count: nestColumn))
            }
            encoded.append(contentsOf: line.utf8)
        }

        guard let section = section(key) else {
            if text.isEmpty { return self }
            return inserting(key, bodyBytes: encoded, eol: eol)
        }
        if let content = contentLines(of: section) {
            // A label is a line of a paragraph: text right after the section (no blank line
            // between) could join it or the new text. A blank line keeps them apart.
            let next = content.upperBound
            let keepApart = (section.heading.form == .label || section.heading.form == .inlineLabel)
                && next < source.lineCount && !isBlankLine(next)
                && (!headingLines.contains(next) || isSetextHeading(atLine: next))
            if text.isEmpty {
                // Drop the text and the blank lines before it; the blank lines after it stay
                // to separate the heading from the next one.
                let from = source.offset(ofLine: section.bodyLines.lowerBound)
                let to = source.offset(ofLine: content.upperBound)
                return replacing(from..<to, with: keepApart ? eol : [])
            }
            var from = source.offset(ofLine: content.lowerBound)
            if content.lowerBound == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { from += 3 }
            let to = source.contentRange(ofLine: content.upperBound - 1).upperBound
            if isSetextHeading(atLine: content.upperBound) || keepApart {
                // The text ran right up to a setext heading (after code, say). New text ending in a
                // paragraph or list item would take the heading's text in as a lazy line and turn
                // its underline into a thematic break: keep them apart with a blank line.
                return replacing(from..<to, with: encoded + eol, keepingHeadingAt: section.bodyLines.upperBound)
            }
            return replacing(from..<to, with: encoded, keepingHeadingAt: section.bodyLines.upperBound)
        }
        // An empty section: the text goes after the heading, a blank line on either side
        // as the document's other sections have it.
        let gap = blankLineAfterHeadings
        var insert = [UInt8]()
        let at: Int
        let headingEnd = section.heading.endLineIndex
        if source.fullRange(ofLine: headingEnd).upperBound == bytes.count, source.lacksFinalNewline {
            insert.append(contentsOf: eol)
        }
        if gap { insert.append(contentsOf: eol) }
        insert.append(contentsOf: encoded)
        insert.append(contentsOf: eol)
        at = source.offset(ofLine: headingEnd + 1)
        let bodyHasBlank = !section.bodyLines.isEmpty
        let followedByHeading = section.bodyLines.upperBound < source.lineCount
        if followedByHeading && !bodyHasBlank { insert.append(contentsOf: eol) }
        // With a blank line in the body, the existing one stays after the new text.
        return replacing(at..<at, with: insert, keepingHeadingAt: section.bodyLines.upperBound)
    }

    /// Whether a top-level setext heading starts at line `l` (0-based).
    func isSetextHeading(atLine l: Int) -> Bool {
        let headings = [title].compactMap { $0 } + sections.compactMap { $0?.heading } + otherSections
        return headings.contains { $0.lineIndex == l && $0.isSetext }
    }

    /// Bytes that close a fence or HTML block the text leaves open at its end, so that what is
    /// appended after it is read as Markdown again (an unclosed fence runs to the end of the
    /// document, so closing it changes nothing in how the document renders). Empty when nothing
    /// is open.
    func closingOpenBlock(eol: [UInt8]) -> [UInt8] {
        guard let closer = closerAtEnd else { return [] }
        var out = [UInt8]()
        if source.lacksFinalNewline { out.append(contentsOf: eol) }
        out.append(contentsOf: closer.utf8)
        out.append(contentsOf: eol)
        return out
    }

    /// Whether the document's sections leave a blank line after their heading (default yes).
    var blankLineAfterHeadings: Bool {
        var withGap = 0, without = 0
        for case let s? in sections where s.isHeading {
            guard let content = contentLines(of: s) else { continue }
            if content.lowerBound > s.bodyLines.lowerBound { withGap += 1 } else { without += 1 }
        }
        return withGap >= without
    }

    /// Inserts a missing section with its body, after the nearest earlier section in
    /// canonical order (or before the nearest later one, or at the end).
    private func inserting(_ key: SectionKey, bodyBytes: [UInt8], eol: [UInt8]) -> HandoffDocument {
        var before = SectionKey.allCases[..<key.index].reversed().compactMap { section($0) }.first
        var after = SectionKey.allCases[(key.index + 1)...].compactMap { section($0) }.first
        let gap = blankLineAfterHeadings
        // The style comes from a real heading; a label is no model for one.
        let model = [before, after].compactMap { $0 }.first { $0.isHeading }
            ?? sections.compactMap { $0 }.first { $0.isHeading }
        if sections.contains(where: { $0.map { !$0.isHeading } ?? false }) {
            // Labels end at the next heading: a heading put among them would take in the labels
            // after it. At the end of the file it takes in nothing.
            before = nil
            after = nil
        }

        // Heading in the style of its neighbours.
        let level = model?.heading.level ?? ((title?.level ?? 1) + 1)
        var titleText = key.canonicalTitle
        if let m = model {
            let t = m.heading.text
            // Not for a setext heading: `3. Blocked` over `---` is a list item and a thematic break.
            if !m.heading.isSetext, let numbering = Self.numberingStyle(t) { titleText = "\(key.index + 1)\(numbering) " + titleText }
            if t.hasSuffix(":") { titleText += ":" }
        }
        var block = [UInt8]()
        if let m = model, m.heading.isSetext, level <= 2 {
            block.append(contentsOf: titleText.utf8)
            block.append(contentsOf: eol)
            let underline = UInt8(ascii: level == 1 ? "=" : "-")
            block.append(contentsOf: [UInt8](repeating: underline, count: max(3, titleText.count)))
        } else {
            block.append(contentsOf: [UInt8](repeating: UInt8(ascii: "#"), count: level))
            block.append(0x20)
            block.append(contentsOf: titleText.utf8)
        }
        block.append(contentsOf: eol)
        if gap { block.append(contentsOf: eol) }
        block.append(contentsOf: bodyBytes)
        block.append(contentsOf: eol)

        if before == nil, let next = after, next.isHeading {
            // Before the next section's heading, a blank line between them.
            block.append(contentsOf: eol)
            var at = source.offset(ofLine: next.heading.lineIndex)
            // A byte-order mark stays first: before the heading, not in front of the mark
            // (where it would make the heading line start with U+FEFF, so no heading).
            if at == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { at = 3 }
            return replacing(at..<at, with: block, keepingHeadingAt: next.heading.lineIndex)
        }
        // After the earlier section's body (or at the end of the document).
        let endLine = before?.bodyLines.upperBound ?? source.lineCount
        let at = source.offset(ofLine: endLine)
        var prefix = [UInt8]()
        if at == bytes.count {
            if closerAtEnd != nil {
                // The document ends inside a fence or HTML block: close it, or the new section is code.
                prefix.append(contentsOf: closingOpenBlock(eol: eol))
                prefix.append(contentsOf: eol)
                return replacing(at..<at, with: prefix + block, keepingHeadingAt: source.lineCount)
            }
            if source.lacksFinalNewline { prefix.append(contentsOf: eol) }
            if source.lineCount > 0, !isBlankLine(source.lineCount - 1) { prefix.append(contentsOf: eol) }
        } else {
            // A heading follows: keep a blank line between the new body and it.
            if endLine > 0, !isBlankLine(endLine - 1) { prefix.append(contentsOf: eol) }
            block.append(contentsOf: eol)
        }
        return replacing(at..<at, with: prefix + block, keepingHeadingAt: endLine)
    }

    /// "." or ")" when the heading text starts with a number like `2.` or `2)`.
    static func numberingStyle(_ text: String) -> String? {
        var sawDigit = false
        for ch in text.unicodeScalars {
            if ch.properties.numericType != nil, ch.isASCII { sawDigit = true; continue }
            if sawDigit, ch == "." || ch == ")" { return String(ch) }
            if !sawDigit, !ch.properties.isAlphabetic, ch != " " { continue }   // leading emoji
            return nil
        }
        return nil
    }

    /// `replacing(range, with:)` for an edit that puts text before the heading at line `next`
    /// (0-based; `lineCount` when there is none), with only blank lines between.
    ///
    /// A heading may be indented by up to three spaces; after new text that ends in a list item
    /// (`- a`, content at column 2) such a heading (`  ## Next`) would become part of the item,
    /// even across blank lines, and its section would vanish. When the edit loses the heading
    /// that way, it is made again with that heading's indentation removed, which renders the same.
    func replacing(_ range: Range<Int>, with replacement: [UInt8], keepingHeadingAt next: Int) -> HandoffDocument {
        let edited = replacing(range, with: replacement)
        // A heading, or the block that ends a label's section (docs/FORMAT.md "Labels"): both
        // are what keeps the section's end where it was.
        func endsLabel(_ doc: HandoffDocument, _ line: Int) -> Bool {
            doc.sections.contains { $0.map { !$0.isHeading && $0.bodyLines.upperBound == line } ?? false }
        }
        guard next < source.lineCount else { return edited }
        let isHeading = headingLines.contains(next)
        guard isHeading || endsLabel(self, next) else { return edited }
        var line = source.contentRange(ofLine: next)
        if next == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { line = (line.lowerBound + 3)..<line.upperBound }
        guard range.upperBound <= line.lowerBound else { return edited }
        // Where the heading is after the edit: shifted by the line endings added and removed.
        let removed = bytes[range].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        let added = replacement.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        let moved = next + added - removed
        if isHeading ? edited.headingLines.contains(moved) : endsLabel(edited, moved) { return edited }
        var indentEnd = line.lowerBound
        while indentEnd < line.upperBound, bytes[indentEnd] == 0x20 || bytes[indentEnd] == 0x09 { indentEnd += 1 }
        guard indentEnd > line.lowerBound else { return edited }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count + replacement.count)
        out.append(contentsOf: bytes[..<range.lowerBound])
        out.append(contentsOf: replacement)
        out.append(contentsOf: bytes[range.upperBound..<line.lowerBound])
        out.append(contentsOf: bytes[indentEnd...])
        return HandoffDocument(trustedBytes: out, mapping: mapping)
    }

    /// The document with `range` of its bytes replaced.
    public func replacing(_ range: Range<Int>, with replacement: [UInt8]) -> HandoffDocument {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count - range.count + replacement.count)
        out.append(contentsOf: bytes[..<range.lowerBound])
        out.append(contentsOf: replacement)
        out.append(contentsOf: bytes[range.upperBound...])
        return HandoffDocument(trustedBytes: out, mapping: mapping)
    }

    /// The text's lines: split at LF and CRLF, a CR left at a line's end dropped. Works on
    /// the UTF-8 bytes (an LF is always a character of its own; CR LF is one character),
    /// giving what splitting the characters at "\n" and "\r\n" and then dropping one
    /// trailing "\r" gives, at memchr speed: a recovery snapshot splits a whole pane.
    static func splitLines(_ text: String) -> [Substring] {
        var text = text
        text.makeContiguousUTF8()
        let utf8 = text.utf8
        return utf8.withContiguousStorageIfAvailable { buf -> [Substring] in
            var out: [Substring] = []
            var start = 0
            let n = buf.count
            func line(_ from: Int, _ to: Int, terminated: Bool) -> Substring {
                var end = to
                // A CR before the LF belongs to the CRLF; one more CR before that, or a CR
                // ending the text, is the trailing one dropped.
                if terminated, end > from, buf[end - 1] == 0x0D { end -= 1 }
                if end > from, buf[end - 1] == 0x0D { end -= 1 }
                return text[utf8.index(utf8.startIndex, offsetBy: from)..<utf8.index(utf8.startIndex, offsetBy: end)]
            }
            while start < n, let hit = memchr(buf.baseAddress! + start, 0x0A, n - start) {
                let lf = buf.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                out.append(line(start, lf, terminated: true))
                start = lf + 1
            }
            out.append(line(start, n, terminated: false))
            return out
        }!
    }

    static func trimBlankLines(_ text: String) -> String {
        var lines = splitLines(text)
        while let f = lines.first, f.allSatisfy({ $0 == " " || $0 == "\t" }) { lines.removeFirst() }
        while let l = lines.last, l.allSatisfy({ $0 == " " || $0 == "\t" }) { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}

// MARK: - Adding an item

extension HandoffDocument {
    /// Appends one list item to a section, in the style of the section's last top-level item
    /// (marker, numbering, indentation, checkbox). Creates the section when missing.
    /// `checked`: true writes `[x]`, false `[ ]`, nil follows the section's items.
    public func appendingItem(_ text: String, to key: SectionKey, checked: Bool? = nil) -> HandoffDocument {
        let eol = Array(source.dominantLineEnding.rawValue.utf8)
        let textLines = Self.splitLines(Self.trimBlankLines(text))
        let section = section(key)
        let last = section?.items.last(where: { $0.depth == section!.items.first!.depth })

        // The marker.
        var marker: String
        var indent = 0
        if let last {
            indent = last.indentColumns
            if last.ordered {
                marker = "\(last.number + 1)" + String(UnicodeScalar(last.marker))
            } else {
                marker = String(UnicodeScalar(last.marker))
            }
        } else {
            marker = key == .nextSteps ? "1." : "-"
            // Under `- **Blockers:** none`: nested in the label's item.
            if let column = section?.labelContentColumn { indent = column }
        }
        var box = ""
        let wantsBox = checked ?? (last?.hasCheckbox == true ? false : nil)
        if let wantsBox { box = wantsBox ? "[x] " : "[ ] " }
        let first = String(repeating: " ", count: indent) + marker + " " + box + (textLines.first.map(String.init) ?? "")
        let continuation = String(repeating: " ", count: indent + marker.count + 1)
        var itemLines = [first]
        for l in textLines.dropFirst() { itemLines.append(l.isEmpty ? "" : continuation + l) }

        guard let section, let content = contentLines(of: section), !isPlaceholder(body(of: key)) else {
            return replacingBody(of: key, with: itemLines.joined(separator: "\n"))
        }
        var insert = [UInt8]()
        let lastContent = content.upperBound - 1
        var at = source.contentRange(ofLine: lastContent).upperBound
        // A list that ends the body continues; after other text, a blank line starts the list.
        let continuesList = last.map { $0.lastLineIndex >= lastContent } ?? (section.heading.form == .itemLabel)
        let closesOpenBlock = closerAtEnd != nil && section.bodyLines.upperBound == source.lineCount
        if closesOpenBlock {
            // The body ends in a fence or HTML block left open to the end: close it first (at
            // the very end, so the code keeps its trailing lines), or the item would be code.
            at = bytes.count
            insert.append(contentsOf: closingOpenBlock(eol: eol))
        } else {
            insert.append(contentsOf: eol)
        }
        if !continuesList { insert.append(contentsOf: eol) }
        for (n, l) in itemLines.enumerated() {
            if n > 0 { insert.append(contentsOf: eol) }
            insert.append(contentsOf: l.utf8)
        }
        if isSetextHeading(atLine: content.upperBound) {
            // Right before a setext heading: a blank line keeps the item from taking its text
            // in as a lazy continuation line (see replacingBody).
            insert.append(contentsOf: eol)
        }
        // The item now ends the text, which had a final newline: so does the item.
        if closesOpenBlock, !source.lacksFinalNewline { insert.append(contentsOf: eol) }
        return replacing(at..<at, with: insert, keepingHeadingAt: section.bodyLines.upperBound)
    }

    /// A body that only says there is nothing (`None`, `- n/a`), which an added item replaces.
    func isPlaceholder(_ body: String) -> Bool {
        // The longest placeholder is a dozen bytes; longer text is content.
        if body.utf8.count > 20 { return false }
        var t = body.lowercased()
        for prefix in ["- ", "* ", "+ "] where t.hasPrefix(prefix) { t.removeFirst(2) }
        t = String(t.filter { !"_*()[].`".contains($0) }).trimmingSpaces()
        return ["none", "nothing", "n/a", "na", "none yet", "nothing yet", "tbd", "-", ""].contains(t)
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return String(s)
    }
}
