/// The six sections of a handoff, in their canonical order.
public enum SectionKey: String, CaseIterable, Sendable, Hashable, Codable {
    case completed
    case inProgress = "in_progress"
    case blocked
    case decisions
    case nextSteps = "next_steps"
    case gotchas

    /// The title used when the tool writes the heading itself.
    public var canonicalTitle: String {
        switch self {
        case .completed: "Completed"
        case .inProgress: "In Progress"
        case .blocked: "Blocked"
        case .decisions: "Decisions"
        case .nextSteps: "Next Steps"
        case .gotchas: "Gotchas"
        }
    }

    /// Position in the canonical order, 0 to 5.
    public var index: Int { SectionKey.allCases.firstIndex(of: self)! }

    /// Normalized titles (see `SectionKey.normalize`) that name this section.
    /// The list is documented in docs/FORMAT.md; keep the two in step.
    public var synonyms: [String] {
        switch self {
        case .completed:
            ["completed", "complete", "done", "finished", "accomplished", "shipped",
             "completed work", "work completed", "what was done", "what got done", "done so far"]
        case .inProgress:
            ["in progress", "wip", "work in progress", "in flight", "ongoing", "current work",
             "current state", "current status", "status", "underway", "partially done", "partial"]
        case .blocked:
            ["blocked", "blockers", "blocker", "blocking", "blocked on", "blocked by",
             "impediments", "waiting on", "waiting for", "open questions"]
        case .decisions:
            ["decisions", "decision", "decisions made", "key decisions", "design decisions",
             "decision log", "architecture decisions", "choices made"]
        case .nextSteps:
            ["next steps", "next step", "next", "next up", "what's next", "whats next", "todo",
             "to do", "todos", "next actions", "action items", "remaining work", "remaining"]
        case .gotchas:
            ["gotchas", "gotcha", "pitfalls", "pitfall", "caveats", "caveat", "warnings",
             "watch out", "watch outs", "traps", "known issues", "lessons learned", "notes for next session"]
        }
    }

    /// Every name a section goes by. A list, searched: a handful of headings look names up,
    /// and a `[String: SectionKey]` would have the runtime search all of the binary's
    /// conformances for `String: Hashable` on the way to the editor's first paint (~0.1 ms).
    private static let names: [(name: String, key: SectionKey)] =
        SectionKey.allCases.flatMap { key in key.synonyms.map { ($0, key) } + [(key.rawValue, key)] }

    private static func lookup(_ name: String) -> SectionKey? {
        names.first { $0.name == name }?.key
    }

    /// The section a heading's text names, if any: case-insensitive, ignoring numbering
    /// (`1.`, `1)`), leading emoji or symbols, emphasis marks and a trailing colon.
    public init?(headingText: some StringProtocol) {
        guard let key = SectionKey.lookup(SectionKey.normalize(headingText)) else { return nil }
        self = key
    }

    /// Accepts what a user types on the command line: the key (`in_progress`, `in-progress`),
    /// the title or any synonym.
    public init?(argument: String) {
        let spaced = argument.replacingUnderscoresAndDashes()
        guard let key = SectionKey.lookup(SectionKey.normalize(spaced)) ?? SectionKey.lookup(argument.lowercased()) else {
            return nil
        }
        self = key
    }

    /// Lower-cases and strips what decorates a title but does not name it.
    static func normalize(_ text: some StringProtocol) -> String {
        var scalars = Array(text.unicodeScalars)
        // Leading decoration: emoji, symbols, punctuation, spaces, numbering like "1." or "2)".
        var start = 0
        while start < scalars.count {
            let s = scalars[start]
            if s.properties.isAlphabetic { break }
            if s.properties.numericType != nil {
                // Digits are numbering only when followed by '.', ')' or ':' (or a space run).
                var end = start
                while end < scalars.count, scalars[end].properties.numericType != nil { end += 1 }
                if end < scalars.count, ".):-".unicodeScalars.contains(scalars[end]) || scalars[end] == " " {
                    start = end + 1
                    continue
                }
                // A keycap emoji ("1️⃣" is 1, U+FE0F, U+20E3) numbers a section like "1." does.
                if end < scalars.count, scalars[end] == "\u{FE0F}" || scalars[end] == "\u{20E3}" {
                    start = end + 1
                    continue
                }
                break
            }
            start += 1
        }
        var end = scalars.count
        while end > start {
            let s = scalars[end - 1]
            if s.properties.isAlphabetic || s.properties.numericType != nil || s == "'" { break }
            end -= 1
        }
        guard start < end else { return "" }
        scalars = Array(scalars[start..<end])
        var out = ""
        var pendingSpace = false
        for s in scalars {
            if s.properties.isWhitespace || s == "_" || s == "*" || s == "`" {
                // Emphasis marks inside (`**Next** steps`) and runs of space fold to one space.
                // Any Unicode space counts: titles pasted from a web page carry U+00A0.
                if s.properties.isWhitespace { pendingSpace = !out.isEmpty }
                continue
            }
            if s == "-" || s == "–" || s == "—" {
                pendingSpace = !out.isEmpty
                continue
            }
            if s == "’" { if pendingSpace { out.append(" "); pendingSpace = false }; out.append("'"); continue }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.unicodeScalars.append(contentsOf: s.properties.lowercaseMapping.unicodeScalars)
        }
        return out
    }
}

extension String {
    fileprivate func replacingUnderscoresAndDashes() -> String {
        String(map { $0 == "_" || $0 == "-" ? " " : $0 })
    }
}
