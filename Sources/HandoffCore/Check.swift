#if canImport(Glibc)
import Glibc
#endif
/// What `check` finds missing in a handoff: the things the next session needs and free-form
/// handoffs tend to leave out. The codes are part of the JSON contract (docs/FORMAT.md).
public struct Problem: Sendable, Equatable {
    public enum Code: String, Sendable, CaseIterable {
        case missingSection = "missing-section"
        case emptySection = "empty-section"
        case duplicateSection = "duplicate-section"
        case missingRef = "missing-ref"
        case missingRationale = "missing-rationale"
        case blockedWithoutNeed = "blocked-without-need"
        case uncheckedCompleted = "unchecked-completed"
        case missingFile = "missing-file"
        case placeholderText = "placeholder-text"
        // Only with --strict:
        case unorderedNextSteps = "unordered-next-steps"
        case refWithoutLine = "ref-without-line"
    }

    public let key: SectionKey?
    /// 1-based line, nil for a missing section.
    public let line: Int?
    public let code: Code
    public let message: String
}

public struct CheckOptions: Sendable {
    /// Adds the stricter checks: numbered Next Steps, line numbers in In Progress
    /// references, no placeholder text.
    public var strict: Bool
    /// Answers whether a referenced path exists; nil skips the missing-file check.
    public var fileExists: (@Sendable (String) -> Bool)?

    public init(strict: Bool = false, fileExists: (@Sendable (String) -> Bool)? = nil) {
        self.strict = strict
        self.fileExists = fileExists
    }
}

extension HandoffDocument {
    public func problems(_ options: CheckOptions = CheckOptions()) -> [Problem] {
        problems(options, references: ReferenceTable(self))
    }

    func problems(_ options: CheckOptions, references: ReferenceTable) -> [Problem] {
        var out: [Problem] = []
        // A handoff names the same few files many times: ask the file system once for each,
        // keyed by a cheap hash of the path's bytes (no String made for a path seen before).
        var known: [UInt64: [(path: ArraySlice<UInt8>, exists: Bool)]] = [:]
        func fileExists(_ path: ArraySlice<UInt8>) -> Bool {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in path { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            if let hit = known[h]?.first(where: { $0.path.elementsEqual(path) }) { return hit.exists }
            let answer = options.fileExists?(String(decoding: path, as: UTF8.self)) ?? true
            known[h, default: []].append((path, answer))
            return answer
        }
        for key in SectionKey.allCases {
            guard let section = section(key) else {
                out.append(Problem(key: key, line: nil, code: .missingSection,
                                   message: "no \(key.canonicalTitle) section\(Self.emptyHint(key))"))
                continue
            }
            let headingLine = section.heading.line
            // A heading naming two keys: its content is checked once, as the owner's.
            if section.sharedFrom != nil { continue }
            if !hasContent(section) {
                out.append(Problem(key: key, line: headingLine, code: .emptySection,
                                   message: "\(key.canonicalTitle) is empty\(Self.emptyHint(key))"))
                continue
            }
            let top = topLevelItems(section)
            switch key {
            case .completed:
                for item in section.items where item.checked == false {
                    out.append(Problem(key: key, line: item.line, code: .uncheckedCompleted,
                                       message: "unchecked box under Completed: is it done, or still in progress?"))
                }
            case .inProgress:
                for (n, item, lines) in top where !itemHasReference(section, n, lines, references) {
                    out.append(Problem(key: key, line: item.line, code: .missingRef,
                                       message: "In Progress item names no file (path/to/file:line): where should the next session look?"))
                }
                if options.strict {
                    for item in section.items {
                        for ref in item.refs(in: self) where ref.line == nil {
                            out.append(Problem(key: key, line: item.line, code: .refWithoutLine,
                                               message: "reference '\(ref.path)' has no line number (path:42)"))
                        }
                    }
                }
            case .blocked:
                for (_, item, lines) in top where !lines.contains(where: { lineMentions($0, Self.needMarkers) }) && !isPlaceholder(item.text(in: self)) {
                    out.append(Problem(key: key, line: item.line, code: .blockedWithoutNeed,
                                       message: "blocked item does not say what it needs or waits for (\"needs …\", \"waiting on …\")"))
                }
            case .decisions:
                for (_, item, lines) in top where !lines.contains(where: { lineMentions($0, Self.reasonMarkers) }) {
                    out.append(Problem(key: key, line: item.line, code: .missingRationale,
                                       message: "decision gives no reason (\"because …\", \"— …\"): the next session may undo it"))
                }
            case .nextSteps:
                if options.strict, let first = top.first?.item, !first.ordered {
                    out.append(Problem(key: key, line: first.line, code: .unorderedNextSteps,
                                       message: "Next Steps is not a numbered list: number the steps in the order to take them"))
                }
            case .gotchas:
                break
            }
            // Placeholders and template residue, by default: a handoff that still says "TODO"
            // or "<fill in>" tells the next session nothing.
            for l in placeholderLines(section) {
                let text = source.string(source.contentRange(ofLine: l)).trimmingSpaces()
                out.append(Problem(key: key, line: l + 1, code: .placeholderText,
                                   message: "placeholder left in: '\(text)'"))
            }
            if options.fileExists != nil, key != .completed {
                for (n, item) in section.items.enumerated() {
                    for span in references.spans(key, item: n) {
                        let path = bytes[span.path]
                        if fileExists(path) { continue }
                        let name = String(decoding: path, as: UTF8.self)
                        out.append(Problem(key: key, line: item.line, code: .missingFile,
                                           message: "'\(name)' does not exist"))
                    }
                }
            }
        }
        for dup in duplicateSections {
            let first = section(dup.key)!.heading.line
            let what = dup.isHeading ? "section" : "label"
            out.append(Problem(key: dup.key, line: dup.heading.line, code: .duplicateSection,
                               message: "\(dup.key.canonicalTitle) \(what) repeated from an earlier session: the first, at line \(first), is the one read as \(dup.key.canonicalTitle); this one's content is not"))
        }
        return out.sorted { ($0.line ?? 0, $0.key?.index ?? 0) < ($1.line ?? 0, $1.key?.index ?? 0) }
    }

    private static func emptyHint(_ key: SectionKey) -> String {
        switch key {
        case .blocked: "; write \"None\" if nothing is blocked"
        case .gotchas: "; write \"None\" if there is nothing to watch out for"
        case .decisions: "; write \"None\" if no decision was made"
        default: ""
        }
    }

    /// Whether a section has anything but blank lines and HTML comments.
    func hasContent(_ section: Section) -> Bool {
        var inComment = false
        let b = bytes
        for l in section.bodyLines {
            var i = source.contentRange(ofLine: l).lowerBound
            let end = source.contentRange(ofLine: l).upperBound
            while i < end {
                if inComment {
                    if b[i] == 0x2D, i + 2 < end, b[i + 1] == 0x2D, b[i + 2] == 0x3E { inComment = false; i += 3 } else { i += 1 }
                    continue
                }
                if b[i] == 0x20 || b[i] == 0x09 { i += 1; continue }
                if b[i] == 0x3C, i + 3 < end, b[i + 1] == 0x21, b[i + 2] == 0x2D, b[i + 3] == 0x2D { inComment = true; i += 4; continue }
                return true
            }
        }
        return false
    }

    /// Top-level items (with their index in `section.items`) and the lines they span:
    /// their nested items and continuation lines.
    func topLevelItems(_ section: Section) -> [(index: Int, item: Item, lines: ClosedRange<Int>)] {
        guard let minDepth = section.items.map(\.depth).min() else { return [] }
        return section.items.enumerated().filter { $0.element.depth == minDepth }.map {
            ($0.offset, $0.element, $0.element.lineIndex...max($0.element.lineIndex, $0.element.lastLineIndex))
        }
    }

    /// Whether the top-level item `n` or anything in its extent names a file: the items'
    /// references come from the table, other lines (continuations) are scanned.
    func itemHasReference(_ section: Section, _ n: Int, _ lines: ClosedRange<Int>, _ table: ReferenceTable) -> Bool {
        var k = n
        for l in lines {
            if k < section.items.count, section.items[k].lineIndex == l {
                if !table.spans(section.key, item: k).isEmpty { return true }
                // The item line's text after its first line's text (none) is covered above.
                k += 1
            } else if lineHasReference(l) {
                return true
            }
        }
        return false
    }

    /// A line's bytes without indentation, list marker and checkbox.
    func itemTextRange(_ l: Int) -> Range<Int> {
        let r = source.contentRange(ofLine: l)
        let b = bytes
        var i = r.lowerBound
        let end = r.upperBound
        while i < end, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
        if i + 1 < end, b[i] == 0x2D || b[i] == 0x2A || b[i] == 0x2B, b[i + 1] == 0x20 {
            i += 2
        } else {
            var d = i
            while d < end, b[d] >= 0x30, b[d] <= 0x39 { d += 1 }
            if d > i, d + 1 < end, b[d] == 0x2E || b[d] == 0x29, b[d + 1] == 0x20 { i = d + 2 }
        }
        while i < end, b[i] == 0x20 { i += 1 }
        if i + 3 < end, b[i] == 0x5B, b[i + 2] == 0x5D, b[i + 3] == 0x20, b[i + 1] == 0x20 || b[i + 1] | 0x20 == 0x78 { i += 4 }
        return i..<end
    }

    func lineHasReference(_ l: Int) -> Bool {
        FileReference.containsReference(bytes, source.contentRange(ofLine: l))
    }

    /// Whether the line's text (case-insensitive, without the list marker) holds one of the
    /// markers. Markers may start or end with a space to ask for a word edge; the text is
    /// read as if it had a space on each side.
    func lineMentions(_ l: Int, _ markers: MarkerSet) -> Bool {
        let r = itemTextRange(l)
        return bytes.withUnsafeBufferPointer { buf in
            @inline(__always) func at(_ i: Int) -> UInt8 {
                // Position -1 and r.count are the virtual spaces.
                if i < 0 || i >= r.count { return 0x20 }
                let c = buf[r.lowerBound + i]
                return c >= 0x41 && c <= 0x5A ? c + 32 : c
            }
            for i in -1...r.count {
                for m in markers.byFirstByte[Int(at(i))] {
                    var k = 1
                    while k < m.count, at(i + k) == m[k] { k += 1 }
                    if k == m.count { return true }
                }
            }
            return false
        }
    }

    /// Markers grouped by their first byte, so that each position of a line is tried only
    /// against the markers that can start there.
    struct MarkerSet: Sendable {
        let byFirstByte: [[[UInt8]]]
        init(_ words: [String]) {
            var table = [[[UInt8]]](repeating: [], count: 256)
            for w in words { let b = Array(w.utf8); table[Int(b[0])].append(b) }
            byFirstByte = table
        }
    }

    static let needMarkers = MarkerSet([
        "need", "waiting", "wait for", "waits for", "await", "requires", "require ", "required", "until",
        "blocked on", "blocked by", "depends on", "dependent on", "pending", "ask ", "asked", "approval",
        "review", "access", "permission", "once ", "after ", "@",
    ])

    static let reasonMarkers = MarkerSet([
        "because", " since ", " so that", " so we", " so it", " so the", "to avoid", "to keep", "to allow",
        "to make", "to prevent", "to reduce", "to support", "in order to", "due to", "given ", " as it",
        " as the", " as we", "instead of", "rather than", "reason", "rationale", "why:", "why ", "otherwise",
        "trade-off", "tradeoff", " → ", " -> ", " — ", " – ", " -- ", " - ", ": ", "(",
    ])

    /// Body lines that are a placeholder (`TODO`, `TBD`, `…`, `?` alone, after any list marker
    /// and checkbox) or hold a bracketed one (`[TODO]`, `<fill in>`). Works on
    /// the bytes: `show --format json` checks every line of a 10 MB file.
    func placeholderLines(_ section: Section) -> [Int] {
        var out: [Int] = []
        guard !section.bodyLines.isEmpty else { return out }
        bytes.withUnsafeBufferPointer { b in
            // Lines that are a placeholder: only their first bytes are looked at.
            for l in section.bodyLines {
                let r = source.contentRange(ofLine: l)
                var i = r.lowerBound
                let end = r.upperBound
                while i < end, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
                if i == end { continue }
                // A list marker and a checkbox.
                if b[i] == 0x2D || b[i] == 0x2A || b[i] == 0x2B, i + 1 < end, b[i + 1] == 0x20 { i += 2 }
                else {
                    var d = i
                    while d < end, b[d] >= 0x30, b[d] <= 0x39 { d += 1 }
                    if d > i, d + 1 < end, b[d] == 0x2E || b[d] == 0x29, b[d + 1] == 0x20 { i = d + 2 }
                }
                while i < end, b[i] == 0x20 { i += 1 }
                if i + 3 <= end, b[i] == 0x5B, b[i + 2] == 0x5D, b[i + 1] == 0x20 || b[i + 1] | 0x20 == 0x78 {
                    i += 3
                    while i < end, b[i] == 0x20 { i += 1 }
                }
                if end - i <= 8 {
                    // An empty item is no placeholder left in.
                    if i < end, Self.isPlaceholderText(source.string(i..<end)) { out.append(l) }
                } else if Self.startsWithCaseless(b, i, end, "todo:") || Self.startsWithCaseless(b, i, end, "tbd:") {
                    out.append(l)
                }
            }
            // Bracketed placeholders anywhere: memchr for `[` and `<` over the whole body.
            guard let base = b.baseAddress else { return }
            let from = source.offset(ofLine: section.bodyLines.lowerBound)
            let to = source.fullRange(ofLine: section.bodyLines.upperBound - 1).upperBound
            var hits: [Int] = []
            for opener in [0x5B, 0x3C] as [Int32] {
                var i = from
                while i < to, let hit = memchr(base + i, opener, to - i) {
                    let at = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
                    i = at + 1
                    if Self.placeholderToken(b, at, to) { hits.append(at) }
                }
            }
            for at in hits {
                // The line holding the offset: a binary search of the line starts.
                var lo = section.bodyLines.lowerBound, hi = section.bodyLines.upperBound - 1
                while lo < hi { let mid = (lo + hi + 1) / 2; if source.lineStarts[mid] <= at { lo = mid } else { hi = mid - 1 } }
                if !out.contains(lo) { out.append(lo) }
            }
        }
        return out.sorted()
    }

    /// `[TODO]`, `[TBD …]`, `[FILL IN]`, `<fill in>`, `<TODO: …>`, `<placeholder>` at `k`
    /// (closed before the line ends; `end` may lie past it).
    static let placeholderWords: [StaticString] = ["todo", "tbd", "fill in", "fill-in", "fixme", "placeholder"]

    static func placeholderToken(_ b: UnsafeBufferPointer<UInt8>, _ k: Int, _ end: Int) -> Bool {
        // Most brackets open a checkbox (`[ ]`, `[x]`) or a link: no placeholder word's first
        // letter (t, f, p) follows.
        guard k + 1 < end else { return false }
        let first = b[k + 1] | 0x20
        guard first == 0x74 || first == 0x66 || first == 0x70 else { return false }
        for w in placeholderWords {
            let n = w.utf8CodeUnitCount
            guard startsWithCaseless(b, k + 1, end, w) else { continue }
            // A whole word: `[TODO]`, `[TODO: x]`, not the link `[todos](#todos)`.
            if k + 1 + n < end, (b[k + 1 + n] | 0x20) >= 0x61, (b[k + 1 + n] | 0x20) <= 0x7A { continue }
            do {
                // The bracket must close on the line: `<fill in>`, not `a <b` in prose.
                let close: UInt8 = b[k] == 0x5B ? 0x5D : 0x3E
                var j = k + 1 + n
                while j < end, b[j] != close, b[j] != 0x0A { j += 1 }
                return j < end && b[j] == close
            }
        }
        return false
    }

    static func startsWithCaseless(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int, _ w: StaticString) -> Bool {
        let n = w.utf8CodeUnitCount
        guard i + n <= end else { return false }
        for m in 0..<n {
            let c = b[i + m]
            if (c >= 0x41 && c <= 0x5A ? c | 0x20 : c) != w.utf8Start[m] { return false }
        }
        return true
    }

    static func isPlaceholderText(_ text: String) -> Bool {
        let t = text.lowercased().trimmingSpaces()
        return t.isEmpty || ["todo", "tbd", "fixme", "...", "…", "xxx", "?", "tk"].contains(t)
            || t.hasPrefix("todo:") || t.hasPrefix("tbd:")
    }
}

extension Substring {
    /// The index just past the first occurrence of `needle`.
    func indexAfter(_ needle: String) -> Index? {
        var i = startIndex
        while i < endIndex {
            if self[i...].hasPrefix(needle) { return index(i, offsetBy: needle.count) }
            i = index(after: i)
        }
        return nil
    }
}
