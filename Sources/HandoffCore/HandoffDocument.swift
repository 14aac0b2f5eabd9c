/// A handoff document: its exact bytes, and the six sections found in them.
///
/// The bytes are the truth; sections, items and headings are views onto them. Serializing
/// an untouched document gives back the input byte for byte, and an edit of one section
/// rebuilds the bytes around that section only.
public struct HandoffDocument: Sendable {
    public let source: SourceText
    /// The first level-1 heading that is not one of the six sections.
    public let title: Heading?
    /// The six sections, in canonical order; nil where the document has none.
    public let sections: [Section?]
    /// Top-level headings outside the six sections (duplicates of a section included).
    public let otherSections: [Heading]
    /// Headings and labels that name a section already found earlier (an appended session;
    /// reported by `check`), in document order.
    public let duplicateSections: [Section]
    /// How each top-level heading and each label was read (`--explain`), in document order.
    public let readings: [Reading]
    /// The repository's own names for sections, applied before the rules.
    public let mapping: SectionMapping?
    /// Lines of YAML or TOML front matter at the top.
    public let frontMatterLines: Range<Int>
    /// The line that closes a fence or HTML block left open at the end (see BlockScanner).
    let closerAtEnd: String?
    /// 0-based first lines of the top-level headings (sections, title, others), in order.
    let headingLines: [Int]

    public var bytes: [UInt8] { source.bytes }

    /// Parses bytes already known to be valid UTF-8 without NUL.
    public init(trustedBytes bytes: [UInt8], mapping: SectionMapping? = nil) {
        self.init(source: SourceText(bytes: bytes), mapping: mapping)
    }

    /// Checks the bytes (UTF-8, no NUL), then parses them.
    public init(validating bytes: [UInt8], mapping: SectionMapping? = nil) throws(DocumentError) {
        try TextValidation.validate(bytes)
        self.init(trustedBytes: bytes, mapping: mapping)
    }

    public init(_ text: String, mapping: SectionMapping? = nil) {
        self.init(trustedBytes: Array(text.utf8), mapping: mapping)
    }

    /// The section for a key. For the second key of a heading that names two ("Blockers /
    /// Gotchas"), the first key's section, with `sharedFrom` set.
    /// Whether a heading below the first one, before the next level-1 heading, names a section.
    static func holdsSections(_ headings: [BlockScanner.Heading], mapping: SectionMapping?) -> Bool {
        for h in headings.dropFirst() {
            if h.level == 1 { return false }
            if !Recognition.read(h.text, mapping: mapping).keys.isEmpty { return true }
        }
        return false
    }

    public func section(_ key: SectionKey) -> Section? { sections[key.index] }

    private init(source: SourceText, mapping: SectionMapping?) {
        self.source = source
        self.mapping = mapping
        let scan = BlockScanner.scan(source)
        frontMatterLines = scan.frontMatterLines
        closerAtEnd = scan.closerAtEnd
        headingLines = scan.headings.map(\.line)
        let allItems = scan.items

        var title: Heading? = nil
        var found = [Section?](repeating: nil, count: SectionKey.allCases.count)
        var others: [Heading] = []
        var duplicates: [Section] = []
        var readings: [Reading] = []
        // The recognized section currently open, which nests deeper headings.
        var open: (key: SectionKey?, level: Int)? = nil
        // Bodies of the sections (and duplicates) found from headings: labels inside are content.
        var headingBodies: [(range: Range<Int>, key: SectionKey)] = []
        var itemCursor = 0

        func items(in body: Range<Int>, from cursor: inout Int) -> [Item] {
            while cursor < allItems.count, allItems[cursor].line < body.lowerBound { cursor += 1 }
            var k = cursor
            while k < allItems.count, allItems[k].line < body.upperBound { k += 1 }
            var items = [Item]()
            items.reserveCapacity(k - cursor)
            for var raw in allItems[cursor..<k] {
                // An item's extent ends with the section, whatever the list does after it.
                raw.lastLine = min(raw.lastLine, body.upperBound - 1)
                items.append(Item(raw: raw))
            }
            return items
        }

        let headings = scan.headings
        // For each heading, the line of the next heading at the same or a higher level
        // (one backward pass, so many headings stay linear).
        var bodyEnds = [Int](repeating: source.lineCount, count: headings.count)
        var nextAtLevel = [Int](repeating: source.lineCount, count: 7)
        for n in stride(from: headings.count - 1, through: 0, by: -1) {
            let level = headings[n].level
            bodyEnds[n] = nextAtLevel[1...level].min()!
            nextAtLevel[level] = headings[n].line
        }
        for (n, h) in headings.enumerated() {
            let heading = Heading(text: h.text, level: h.level, lineIndex: h.line, endLineIndex: h.endLine,
                                  isSetext: h.isSetext, form: .heading)
            if let o = open, h.level > o.level {
                // A subheading inside a section.
                readings.append(Reading(heading: heading, recognition: nil, outcome: .inside(o.key)))
                continue
            }
            open = nil
            let recognition = Recognition.read(h.text, mapping: mapping)
            // A first level-1 heading over level-2 headings that name sections is the title,
            // whatever its words say ("# Where I left off" over "## Done", "## TODO").
            if n == 0, h.level == 1, !recognition.keys.isEmpty, Self.holdsSections(headings, mapping: mapping) {
                title = heading
                readings.append(Reading(heading: heading, recognition: recognition, outcome: .title))
                continue
            }
            guard !recognition.keys.isEmpty else {
                if title == nil, h.level == 1, found.allSatisfy({ $0 == nil }), others.isEmpty {
                    title = heading
                    readings.append(Reading(heading: heading, recognition: recognition, outcome: .title))
                } else {
                    others.append(heading)
                    readings.append(Reading(heading: heading, recognition: recognition, outcome: .other))
                }
                continue
            }
            // The body runs to the next heading of the same or a higher level.
            let body = (h.endLine + 1)..<max(h.endLine + 1, bodyEnds[n])
            let sectionItems = items(in: body, from: &itemCursor)
            let (outcome, isSection) = Self.place(recognition.keys, heading: heading, body: body, items: sectionItems,
                                                  found: &found, duplicates: &duplicates)
            readings.append(Reading(heading: heading, recognition: recognition, outcome: outcome))
            if isSection {
                open = (recognition.keys[0], h.level)
            } else {
                others.append(heading)
                open = (nil, h.level)   // its body is other content, not a section's
            }
            headingBodies.append((body, recognition.keys[0]))
        }

        // Labels (pseudo-headings), for keys no heading names.
        if !scan.labels.isEmpty {
            Self.readLabels(scan, source: source, mapping: mapping, headingBodies: headingBodies, allItems: allItems,
                            found: &found, duplicates: &duplicates, readings: &readings)
            readings.sort { $0.heading.lineIndex < $1.heading.lineIndex }
            duplicates.sort { $0.heading.lineIndex < $1.heading.lineIndex }
        }
        self.title = title
        self.sections = found
        self.otherSections = others
        self.duplicateSections = duplicates
        self.readings = readings
    }

    /// Records a heading or label that names `keys`: the first key not yet found owns it, the
    /// other keys not yet found share it, keys found before make it a duplicate.
    private static func place(_ keys: [SectionKey], heading: Heading, body: Range<Int>, items: [Item],
                              labelContentColumn: Int? = nil,
                              found: inout [Section?], duplicates: inout [Section]) -> (Reading.Outcome, Bool) {
        var owner: SectionKey? = nil
        var shared: [SectionKey] = []
        var repeated: [SectionKey] = []
        for key in keys {
            if found[key.index] != nil { repeated.append(key) }
            else if owner == nil { owner = key }
            else { shared.append(key) }
        }
        for key in repeated {
            duplicates.append(Section(key: key, heading: heading, bodyLines: body, items: items,
                                      sharedFrom: nil, labelContentColumn: labelContentColumn))
        }
        guard let owner else {
            let first = found[repeated[0].index]!.heading.line
            return (.duplicate(repeated[0], firstLine: first), false)
        }
        found[owner.index] = Section(key: owner, heading: heading, bodyLines: body, items: items,
                                     sharedFrom: nil, labelContentColumn: labelContentColumn)
        for key in shared {
            found[key.index] = Section(key: key, heading: heading, bodyLines: body, items: items,
                                       sharedFrom: owner, labelContentColumn: labelContentColumn)
        }
        return (.section(owner, shared: shared), true)
    }

    /// Reads the labels outside the heading sections' bodies. A label's section ends at the
    /// next heading, the next label line, or the next top-level block that is not a list once
    /// the label's first block is past (docs/FORMAT.md "Labels").
    private static func readLabels(_ scan: BlockScanner, source: SourceText, mapping: SectionMapping?,
                                   headingBodies: [(range: Range<Int>, key: SectionKey)], allItems: [BlockScanner.Item],
                                   found: inout [Section?], duplicates: inout [Section], readings: inout [Reading]) {
        let headingKeys = found.compactMap { $0?.key }
        var headingBodies = headingBodies
        var bodyCursor = 0
        var headingCursor = 0
        var blockCursor = 0
        var labelSectionEnd = -1
        var labelSectionKey: SectionKey? = nil
        let labels = scan.labels
        let recognitions = labels.map { Recognition.read($0.text, mapping: mapping) }
        func startsBlock(_ l: Int) -> Bool {
            var lo = 0, hi = scan.blockStarts.count
            while lo < hi { let mid = (lo + hi) / 2; if scan.blockStarts[mid].line < l { lo = mid + 1 } else { hi = mid } }
            return lo < scan.blockStarts.count && scan.blockStarts[lo].line == l
        }
        func isBlank(_ l: Int) -> Bool {
            l >= source.lineCount || source.contentRange(ofLine: l).allSatisfy { source.bytes[$0] == 0x20 || source.bytes[$0] == 0x09 }
        }
        for (n, label) in labels.enumerated() {
            let line = label.line
            let form: Heading.Form = switch label.kind {
            case .boldLine, .capsLine: .label
            case .inlineParagraph: .inlineLabel
            case .inlineItem: .itemLabel
            }
            let heading = Heading(text: label.text, level: 0, lineIndex: line, endLineIndex: line, isSetext: false, form: form)
            // A heading line (a setext heading's text looks like a caps label) is no label.
            while headingCursor < scan.headings.count, scan.headings[headingCursor].endLine < line { headingCursor += 1 }
            if headingCursor < scan.headings.count, scan.headings[headingCursor].line <= line { continue }
            while bodyCursor < headingBodies.count, headingBodies[bodyCursor].range.upperBound <= line { bodyCursor += 1 }
            if bodyCursor < headingBodies.count, headingBodies[bodyCursor].range.contains(line) {
                let enclosing = headingBodies[bodyCursor]
                // A label on a line of its own for another key, which no heading names, ends the
                // section it is in (`## Done` … `**In Arbeit:**`): a reader sees a new section.
                let key = recognitions[n].key
                guard label.kind == .boldLine || label.kind == .capsLine, let key, key != enclosing.key,
                      !headingKeys.contains(key), found[key.index] == nil,
                      let owner = found[enclosing.key.index], owner.heading.lineIndex < line,
                      owner.bodyLines == enclosing.range else {
                    readings.append(Reading(heading: heading, recognition: nil, outcome: .inside(enclosing.key)))
                    continue
                }
                let cut = owner.bodyLines.lowerBound..<line
                for k in SectionKey.allCases where found[k.index]?.heading.lineIndex == owner.heading.lineIndex {
                    let s = found[k.index]!
                    found[k.index] = Section(key: s.key, heading: s.heading, bodyLines: cut,
                                             items: s.items.filter { $0.lineIndex < line }.map { $0.ending(before: line) },
                                             sharedFrom: s.sharedFrom, labelContentColumn: s.labelContentColumn)
                }
                headingBodies[bodyCursor].range = cut
            }
            if line < labelSectionEnd {
                readings.append(Reading(heading: heading, recognition: nil, outcome: .inside(labelSectionKey)))
                continue
            }
            let recognition = recognitions[n]
            guard let key = recognition.key else {
                readings.append(Reading(heading: heading, recognition: recognition, outcome: .other))
                continue
            }
            if headingKeys.contains(key) {
                readings.append(Reading(heading: heading, recognition: recognition,
                                        outcome: .superseded(key, headingLine: found[key.index]!.heading.line)))
                continue
            }
            // Where the label's section ends.
            let nextHeading = headingCursor < scan.headings.count ? scan.headings[headingCursor].line : source.lineCount
            var end = nextHeading
            let body: Range<Int>
            var contentColumn: Int? = nil
            if label.kind == .inlineItem {
                let item = allItems[label.item]
                end = min(end, item.lastLine + 1)
                body = line..<max(line + 1, end)
                contentColumn = item.contentColumn
            } else {
                // The next label line, or the next item label that names a section (an item
                // label that names none, `- **Auth:** done`, is an item of this one).
                for m in (n + 1)..<labels.count where labels[m].line > line
                    && (labels[m].kind != .inlineItem || recognitions[m].key != nil) {
                    end = min(end, labels[m].line); break
                }
                while blockCursor < scan.blockStarts.count, scan.blockStarts[blockCursor].line <= line { blockCursor += 1 }
                var b = blockCursor
                // A label on a line of its own owns the block after it, whatever it is; when the
                // next line continues the label's paragraph, that paragraph is the block.
                if label.kind != .inlineParagraph, b < scan.blockStarts.count, isBlank(line + 1) || startsBlock(line + 1) { b += 1 }
                while b < scan.blockStarts.count, scan.blockStarts[b].isList { b += 1 }
                if b < scan.blockStarts.count { end = min(end, scan.blockStarts[b].line) }
                body = (label.kind == .inlineParagraph ? line : line + 1)..<max(line + 1, end)
            }
            var cursor = 0
            var sectionItems: [Item] = []
            // Items of the body: an item label's own item is the label, its nested items are the section's.
            var lo = 0, hi = allItems.count
            while lo < hi { let mid = (lo + hi) / 2; if allItems[mid].line < body.lowerBound { lo = mid + 1 } else { hi = mid } }
            cursor = lo
            var k = cursor
            while k < allItems.count, allItems[k].line < body.upperBound {
                if k != label.item {
                    var raw = allItems[k]
                    raw.lastLine = min(raw.lastLine, body.upperBound - 1)
                    // Under an item label, its nested items are the section's top level.
                    if label.kind == .inlineItem { raw.depth -= 1 }
                    sectionItems.append(Item(raw: raw))
                }
                k += 1
            }
            let (outcome, isSection) = place(recognition.keys.filter { !headingKeys.contains($0) }, heading: heading,
                                             body: body, items: sectionItems, labelContentColumn: contentColumn,
                                             found: &found, duplicates: &duplicates)
            readings.append(Reading(heading: heading, recognition: recognition, outcome: outcome))
            labelSectionEnd = body.upperBound
            labelSectionKey = isSection ? key : nil
        }
    }
}

/// How one heading or label was read: for `--explain`.
public struct Reading: Sendable {
    public enum Outcome: Sendable, Equatable {
        /// The key's section; `shared` keys open the same section (a heading naming two).
        case section(SectionKey, shared: [SectionKey])
        /// Names a key found earlier in the file (an appended session).
        case duplicate(SectionKey, firstLine: Int)
        /// A label for a key a heading names (headings win).
        case superseded(SectionKey, headingLine: Int)
        /// Inside a section's body (nil: inside a duplicate's), so content.
        case inside(SectionKey?)
        case title
        /// Names no section.
        case other
    }

    public let heading: Heading
    /// nil when the text was not read (inside a section).
    public let recognition: Recognition?
    public let outcome: Outcome
}

/// A heading as written.
public struct Heading: Sendable, Equatable {
    /// A real heading, or a label standing for one (docs/FORMAT.md "Labels").
    public enum Form: String, Sendable {
        case heading
        /// A bold or ALL-CAPS label on a line of its own: `**Completed:**`, `NEXT STEPS:`.
        case label
        /// A bold label opening a paragraph: `**Next step:** deploy v0.2.4` (the line is content).
        case inlineLabel = "inline-label"
        /// A bold label opening a top-level list item: `- **Blockers:** none`.
        case itemLabel = "item-label"
    }

    /// The heading text as written, without `#` marks or setext underline.
    public let text: String
    public let level: Int
    /// 0-based first and last line (a setext heading spans its text and its underline).
    public let lineIndex: Int
    public let endLineIndex: Int
    public let isSetext: Bool
    public let form: Form
    /// 1-based line of the heading.
    public var line: Int { lineIndex + 1 }
}

public struct Section: Sendable {
    public let key: SectionKey
    public let heading: Heading
    /// 0-based lines of the body: from after the heading to before the next heading of
    /// the same or a higher level.
    public let bodyLines: Range<Int>
    /// Every list item in the body, nested ones included, in document order.
    public let items: [Item]
    /// Set when this is another key's section: the heading names two keys ("Blockers /
    /// Gotchas") and the first named owns it. Edit it through the owner's pane.
    public let sharedFrom: SectionKey?
    /// For an item label: the column its nested items start at, where an added item goes.
    let labelContentColumn: Int?

    /// Whether the heading is a real heading (not a label).
    public var isHeading: Bool { heading.form == .heading }
}

public struct Item: Sendable {
    let raw: BlockScanner.Item

    /// The item with its extent cut before line `end` (a section that ends earlier).
    func ending(before end: Int) -> Item {
        var r = raw
        r.lastLine = min(r.lastLine, end - 1)
        return Item(raw: r)
    }

    public var lineIndex: Int { raw.line }
    /// 0 for a top-level item, 1 for one nested in it, and so on.
    public var depth: Int { raw.depth }
    /// true for `[x]`, false for `[ ]`, nil without a checkbox.
    public var checked: Bool? { raw.checked }
    var textRange: Range<Int> { raw.textRange }
    /// Last 0-based line the item (with its nested items) reaches.
    public var lastLineIndex: Int { raw.lastLine }
    public var ordered: Bool { raw.ordered }
    public var number: Int { raw.number }
    var marker: UInt8 { raw.marker }
    var indentColumns: Int { raw.indentColumns }
    var contentColumn: Int { raw.contentColumn }
    var hasCheckbox: Bool { raw.hasCheckbox }

    public var line: Int { lineIndex + 1 }

    /// The item's first-line text, after the marker and any checkbox.
    public func text(in document: HandoffDocument) -> String {
        document.source.string(textRange)
    }

    /// File references in the item's first-line text.
    public func refs(in document: HandoffDocument) -> [FileReference] {
        FileReference.scan(document.source.bytes, textRange)
    }
}

public enum DocumentError: Error, Equatable, Sendable {
    case invalidUTF8(line: Int, column: Int)
    case nulByte(line: Int, column: Int)

    public var message: String {
        switch self {
        case .invalidUTF8(let line, let column):
            "not valid UTF-8 (first bad byte at line \(line), byte \(column)); nothing was changed"
        case .nulByte(let line, let column):
            "holds a NUL byte at line \(line), byte \(column), so it is not a text file; nothing was changed"
        }
    }
}
