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
    /// Headings that name a section already found earlier (reported by `check`).
    public let duplicateSections: [Section]
    /// Lines of YAML or TOML front matter at the top.
    public let frontMatterLines: Range<Int>
    /// The line that closes a fence or HTML block left open at the end (see BlockScanner).
    let closerAtEnd: String?
    /// 0-based first lines of the top-level headings (sections, title, others), in order.
    let headingLines: [Int]

    public var bytes: [UInt8] { source.bytes }

    /// Parses bytes already known to be valid UTF-8 without NUL.
    public init(trustedBytes bytes: [UInt8]) {
        self.init(source: SourceText(bytes: bytes))
    }

    /// Checks the bytes (UTF-8, no NUL), then parses them.
    public init(validating bytes: [UInt8]) throws(DocumentError) {
        try TextValidation.validate(bytes)
        self.init(trustedBytes: bytes)
    }

    public init(_ text: String) {
        self.init(trustedBytes: Array(text.utf8))
    }

    public func section(_ key: SectionKey) -> Section? { sections[key.index] }

    private init(source: SourceText) {
        self.source = source
        let scan = BlockScanner.scan(source)
        frontMatterLines = scan.frontMatterLines
        closerAtEnd = scan.closerAtEnd
        headingLines = scan.headings.map(\.line)
        let allItems = scan.items

        var title: Heading? = nil
        var found = [Section?](repeating: nil, count: SectionKey.allCases.count)
        var others: [Heading] = []
        var duplicates: [Section] = []
        // The recognized section currently open, which nests deeper headings.
        var open: (key: SectionKey?, level: Int)? = nil
        var itemCursor = 0

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
            if let o = open, h.level > o.level { continue }   // a subheading inside a section
            open = nil
            let heading = Heading(text: h.text, level: h.level, lineIndex: h.line, endLineIndex: h.endLine, isSetext: h.isSetext)
            guard let key = SectionKey(headingText: h.text) else {
                if title == nil, h.level == 1, found.allSatisfy({ $0 == nil }), others.isEmpty {
                    title = heading
                } else {
                    others.append(heading)
                }
                continue
            }
            // The body runs to the next heading of the same or a higher level.
            let bodyEnd = bodyEnds[n]
            let body = (h.endLine + 1)..<max(h.endLine + 1, bodyEnd)
            while itemCursor < allItems.count, allItems[itemCursor].line < body.lowerBound { itemCursor += 1 }
            var k = itemCursor
            while k < allItems.count, allItems[k].line < body.upperBound { k += 1 }
            var items = [Item]()
            items.reserveCapacity(k - itemCursor)
            for var raw in allItems[itemCursor..<k] {
                // An item's extent ends with the section, whatever the list does after it.
                raw.lastLine = min(raw.lastLine, body.upperBound - 1)
                items.append(Item(raw: raw))
            }
            let section = Section(key: key, heading: heading, bodyLines: body, items: items)
            if found[key.index] == nil {
                found[key.index] = section
                open = (key, h.level)
            } else {
                duplicates.append(section)
                others.append(heading)
                open = (nil, h.level)   // its body is other content, not a section's
            }
        }
        self.title = title
        self.sections = found
        self.otherSections = others
        self.duplicateSections = duplicates
    }
}

/// A heading as written.
public struct Heading: Sendable, Equatable {
    /// The heading text as written, without `#` marks or setext underline.
    public let text: String
    public let level: Int
    /// 0-based first and last line (a setext heading spans its text and its underline).
    public let lineIndex: Int
    public let endLineIndex: Int
    public let isSetext: Bool
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
}

public struct Item: Sendable {
    let raw: BlockScanner.Item

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
