/// The commit message for a handoff, in the form teams already use so that `git log` alone
/// tells the next person where things stand (docs/COMMIT.md):
///
///     session: <summary, at most 72 characters>
///
///     Completed: first item; second item.
///
///     In progress: … (one paragraph each for Completed, In progress, Blocked and Next,
///     wrapped at 72 columns; a missing or empty section is left out)
///
/// A pure function of the document: it knows nothing of git.
public struct CommitMessage: Sendable, Equatable {
    public static let width = 72
    /// Items quoted per paragraph; the rest are counted ("and 3 more").
    static let itemsPerParagraph = 5
    /// Characters kept of one item's text.
    static let itemLength = 100

    public var subject: String
    /// The paragraphs, each already wrapped, joined by blank lines; empty when there is nothing to say.
    public var body: String

    public init(subject: String, body: String) {
        self.subject = subject
        self.body = body
    }

    /// The message generated from the document. `subject`, when given, replaces the generated one.
    ///
    /// No wrapped line starts with `#` or with `commentPrefix` (a repository's configured
    /// comment character): wherever the message is later opened in an editor (git's own
    /// `commit --amend`, `rebase -i`, or a template's comments being removed), such a line
    /// would be taken for a comment and dropped.
    public init(document: HandoffDocument, subject: String? = nil, commentPrefix: String? = nil) {
        self.subject = subject ?? CommitMessage.subject(for: document)
        var avoid = ["#"]
        if let commentPrefix, !commentPrefix.isEmpty, commentPrefix != "#" { avoid.append(commentPrefix) }
        var paragraphs: [String] = []
        for (key, label) in [(SectionKey.completed, "Completed"), (.inProgress, "In progress"), (.blocked, "Blocked"), (.nextSteps, "Next")] {
            if let p = CommitMessage.paragraph(label, key, document) {
                paragraphs.append(CommitMessage.wrap(p, width: CommitMessage.width, avoidingLineStarts: avoid))
            }
        }
        body = paragraphs.joined(separator: "\n\n")
    }

    /// The whole message: subject, a blank line, the body; ends with a newline.
    public var text: String { body.isEmpty ? subject + "\n" : subject + "\n\n" + body + "\n" }

    // MARK: - Subject

    /// `session: ` and the document's title, or its first In Progress item when the title is
    /// only the template's "Session handoff — DATE (BRANCH)"; cut at a word to 72 characters.
    static func subject(for document: HandoffDocument) -> String {
        let title = document.title.map { plain($0.text) } ?? ""
        var summary = title
        if summary.isEmpty || isGenericTitle(summary) {
            let wip = document.section(.inProgress)?.items.first(where: { $0.depth == 0 }).map { plain($0.text(in: document)) }
            let done = document.section(.completed)?.items.first(where: { $0.depth == 0 }).map { plain($0.text(in: document)) }
            summary = [wip, done, title].compactMap { $0 }.first(where: { !$0.isEmpty }) ?? "update handoff"
        }
        return truncate("session: " + summary, to: width)
    }

    /// Whether a title says nothing but "session handoff", a date and a branch in parentheses.
    static func isGenericTitle(_ title: String) -> Bool {
        var t = title
        if let open = t.lastIndex(of: "("), t.hasSuffix(")") { t = String(t[..<open]) }
        let filler: Set<String> = ["session", "handoff", "hand-off", "hand", "off", "notes", "state", "the", "of", "for", "on"]
        for word in t.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "-" }) {
            let w = String(word)
            if filler.contains(w) { continue }
            if w.allSatisfy({ $0.isNumber || $0 == "-" }) { continue }   // a date: 2026-11-24
            return false
        }
        return true
    }

    // MARK: - Body

    /// "Label: a; b; c." for the section's top-level items, or its text when it has none.
    static func paragraph(_ label: String, _ key: SectionKey, _ document: HandoffDocument) -> String? {
        // A section another key owns (one heading naming two) is told once, under its owner.
        guard let section = document.section(key), section.sharedFrom == nil else { return nil }
        let top = section.items.filter { $0.depth == 0 }
        // The body text is built only when it can matter: no items, or a lone "- None".
        if top.count <= 1 {
            let body = document.body(of: key)
            if body.isEmpty { return nil }
            if document.isPlaceholder(body) { return "\(label): none." }
            if top.isEmpty {
                // Prose: its first lines, as one.
                let lines = body.split(separator: "\n").prefix(8).joined(separator: " ")
                let text = trimEnd(plain(String(lines.prefix(itemLength * 4))))
                return text.isEmpty ? nil : "\(label): \(truncate(text, to: itemLength * 2))."
            }
        }
        // Only the quoted items are cleaned up; a long section costs no more than a short one.
        var parts: [String] = []
        var counted = 0
        for item in top {
            if parts.count == itemsPerParagraph { counted += 1; continue }
            let text = trimEnd(plain(item.text(in: document)))
            if !text.isEmpty { parts.append(truncate(text, to: itemLength)) }
        }
        if parts.isEmpty { return nil }
        var shown = parts.joined(separator: "; ")
        if counted > 0 { shown += "; and \(counted) more" }
        return "\(label): \(shown)."
    }

    /// Greedy word wrap. A single word longer than `width` (a URL) keeps its own line. A word
    /// that starts with one of `avoidingLineStarts` never starts a line but the first: the
    /// word before it comes down with it, or, when that cannot help, it stays on the line
    /// before, past the width.
    public static func wrap(_ text: String, width: Int, avoidingLineStarts avoid: [String] = []) -> String {
        var lines: [String] = []
        var line: [Substring] = []
        var lineCount = 0
        func startsAvoided(_ word: Substring) -> Bool { avoid.contains { word.hasPrefix($0) } }
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let n = word.unicodeScalars.count
            if line.isEmpty || lineCount + 1 + n <= width {
                line.append(word)
                lineCount += (lineCount == 0 ? 0 : 1) + n
            } else if !startsAvoided(word) {
                lines.append(line.joined(separator: " "))
                line = [word]; lineCount = n
            } else if line.count > 1, let last = line.last, !startsAvoided(last) {
                line.removeLast()
                lines.append(line.joined(separator: " "))
                line = [last, word]
                lineCount = last.unicodeScalars.count + 1 + n
            } else {
                line.append(word)
                lineCount += 1 + n
            }
        }
        if !line.isEmpty { lines.append(line.joined(separator: " ")) }
        return lines.joined(separator: "\n")
    }

    // MARK: - Text

    /// Item or title text without Markdown: code spans, emphasis, links and images keep
    /// their words; stray markers go. Works on scalars: this runs for every quoted item.
    static func plain(_ text: String) -> String {
        let s = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var last: Unicode.Scalar = " "   // as if preceded by a space: leading spaces go
        func edge(_ c: Unicode.Scalar) -> Bool {
            // ASCII punctuation: ! " # … / : … @ [ … ` { … ~ (letters and digits are not edges).
            c == " " || (c.isASCII && c.value > 0x20 && c.value < 0x7F
                && !(c.value >= 0x30 && c.value <= 0x39) && !(c.value >= 0x41 && c.value <= 0x5A) && !(c.value >= 0x61 && c.value <= 0x7A))
        }
        func emit(_ c: Unicode.Scalar) {
            let c: Unicode.Scalar = c == "\t" ? " " : c
            if c == " " && last == " " { return }   // runs of spaces fold to one
            out.append(c)
            last = c
        }
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == "!", i + 1 < s.count, s[i + 1] == "[" { i += 1; continue }   // an image: keep its words
            // [words](url) keeps the words.
            if c == "[", let close = s[(i + 1)...].firstIndex(of: "]"), close + 1 < s.count, s[close + 1] == "(",
               let end = s[(close + 1)...].firstIndex(of: ")") {
                for w in s[(i + 1)..<close] where w != "`" { emit(w) }
                i = end + 1
                continue
            }
            if c == "`" { i += 1; continue }
            if c == "*" || c == "_" || c == "~" {
                // Emphasis marks sit at a word's edge; snake_case and a*b keep theirs.
                let before = i > 0 ? s[i - 1] : " "
                let after = i + 1 < s.count ? s[i + 1] : " "
                if edge(before) || edge(after) { i += 1; continue }
            }
            emit(c)
            i += 1
        }
        if last == " ", !out.isEmpty { out.removeLast() }
        return String(out)
    }

    /// Without trailing sentence punctuation, so "a." and "b;" join as "a; b.".
    static func trimEnd(_ s: String) -> String {
        var t = Substring(s)
        while let l = t.last, l == "." || l == ";" || l == "," || l == ":" || l == " " { t.removeLast() }
        return String(t)
    }

    /// Cut at a word boundary with "…" so the result has at most `limit` characters.
    static func truncate(_ s: String, to limit: Int) -> String {
        // On UTF-8 bytes: a scalar starts at every byte that is not a continuation byte.
        let bytes = Array(s.utf8)
        var scalars = 0
        var cut = bytes.count   // byte offset where scalar number limit-1 starts
        for (i, b) in bytes.enumerated() where b & 0xC0 != 0x80 {
            if scalars == limit - 1 { cut = i }
            scalars += 1
        }
        guard scalars > limit else { return s }
        var end = cut
        // Back to a space, unless that would keep less than half.
        if let space = bytes[..<cut].lastIndex(of: 0x20), space > cut / 2 { end = space }
        return trimEnd(String(decoding: bytes[..<end], as: UTF8.self)).trimmingSpaces() + "…"
    }
}

