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
        // Only with --strict:
        case unorderedNextSteps = "unordered-next-steps"
        case refWithoutLine = "ref-without-line"
        case placeholderText = "placeholder-text"
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
        var out: [Problem] = []
        for key in SectionKey.allCases {
            guard let section = section(key) else {
                out.append(Problem(key: key, line: nil, code: .missingSection,
                                   message: "no \(key.canonicalTitle) section\(Self.emptyHint(key))"))
                continue
            }
            let headingLine = section.heading.line
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
                for (item, lines) in top where !lines.contains(where: { !refs(inLine: $0).isEmpty }) {
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
                for (item, lines) in top where !isPlaceholder(item.text(in: self)) && !lines.contains(where: { Self.saysWhatIsNeeded(lineText($0)) }) {
                    out.append(Problem(key: key, line: item.line, code: .blockedWithoutNeed,
                                       message: "blocked item does not say what it needs or waits for (\"needs …\", \"waiting on …\")"))
                }
            case .decisions:
                for (item, lines) in top where !lines.contains(where: { Self.givesReason(lineText($0)) }) {
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
            if options.strict {
                for item in section.items where Self.isPlaceholderText(item.text(in: self)) {
                    out.append(Problem(key: key, line: item.line, code: .placeholderText,
                                       message: "item holds placeholder text: '\(item.text(in: self))'"))
                }
            }
            if let exists = options.fileExists, key != .completed {
                for item in section.items {
                    for ref in item.refs(in: self) where !exists(ref.path) {
                        out.append(Problem(key: key, line: item.line, code: .missingFile,
                                           message: "'\(ref.path)' does not exist"))
                    }
                }
            }
        }
        for dup in duplicateSections {
            let first = section(dup.key)!.heading.line
            out.append(Problem(key: dup.key, line: dup.heading.line, code: .duplicateSection,
                               message: "second \(dup.key.canonicalTitle) section (the first is at line \(first)); its content is not read as \(dup.key.canonicalTitle)"))
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
        for l in section.bodyLines {
            var t = Substring(lineText(l))
            while !t.isEmpty {
                if inComment {
                    guard let end = t.indexAfter("-->") else { t = ""; break }
                    t = t[end...]
                    inComment = false
                } else {
                    t = t.drop { $0 == " " || $0 == "\t" }
                    if t.hasPrefix("<!--") { inComment = true; t = t.dropFirst(4); continue }
                    if !t.isEmpty { return true }
                }
            }
        }
        return false
    }

    /// Top-level items with the lines they span (their nested items and continuation lines).
    func topLevelItems(_ section: Section) -> [(item: Item, lines: ClosedRange<Int>)] {
        guard let minDepth = section.items.map(\.depth).min() else { return [] }
        return section.items.filter { $0.depth == minDepth }.map { ($0, $0.lineIndex...max($0.lineIndex, $0.lastLineIndex)) }
    }

    /// A line's text without its indentation, list marker and checkbox.
    func lineText(_ l: Int) -> String {
        var t = Substring(source.lineText(l)).drop { $0 == " " || $0 == "\t" }
        if let f = t.first, "-*+".contains(f), t.dropFirst().first == " " {
            t = t.dropFirst(2)
        } else {
            let digits = t.prefix { $0.isASCII && $0.isNumber }
            let rest = t.dropFirst(digits.count)
            if !digits.isEmpty, let d = rest.first, d == "." || d == ")", rest.dropFirst().first == " " {
                t = rest.dropFirst(2)
            }
        }
        t = t.drop { $0 == " " }
        for box in ["[ ] ", "[x] ", "[X] "] where t.hasPrefix(box) { t = t.dropFirst(4) }
        return String(t)
    }

    func refs(inLine l: Int) -> [FileReference] {
        FileReference.scan(source.bytes, source.contentRange(ofLine: l))
    }

    static func saysWhatIsNeeded(_ text: String) -> Bool {
        let t = " " + text.lowercased() + " "
        let markers = ["need", "waiting", "wait for", "waits for", "await", "requires", "require ", "required",
                       "until", "blocked on", "blocked by", "depends on", "dependent on", "pending", "ask ",
                       "asked", "approval", "review", "access", "permission", "once ", "after ", "@"]
        return markers.contains { t.contains($0) }
    }

    static func givesReason(_ text: String) -> Bool {
        let t = " " + text.lowercased() + " "
        let markers = ["because", " since ", " so that", " so we", " so it", " so the", "to avoid", "to keep",
                       "to allow", "to make", "to prevent", "to reduce", "to support", "in order to", "due to",
                       "given ", " as it", " as the", " as we", "instead of", "rather than", "reason", "rationale",
                       "why:", "why ", "otherwise", "trade-off", "tradeoff", " → ", " -> ", " — ", " – ", " -- ", " - ", ": ", "("]
        return markers.contains { t.contains($0) }
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
