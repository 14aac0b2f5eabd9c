/// A team's commit template (git's `commit.template`): its text goes after the generated
/// message, so its conventions (a ticket line, trailers, its comment lines saying what to
/// write) are there to fill in; its comment lines are removed before the commit.
///
/// Only the template's own comment lines are removed, never a line merely starting with
/// the comment prefix (which is what git's `--cleanup=strip` would do): the generated text
/// and what the user types are committed as written, so an issue number such as `#123` at
/// the start of a line is not lost. A pure value: the text and the prefix come from git's
/// configuration, read by the caller.
public struct CommitTemplate: Sendable, Equatable {
    public let text: String
    /// What a comment line starts with (`#` unless configured); nil when no line is a
    /// comment (git's `core.commentChar=auto` picks one that no line starts with).
    public let commentPrefix: String?

    public init(text: String, commentPrefix: String?) {
        self.text = text
        self.commentPrefix = commentPrefix
    }

    /// The template's comment lines, without trailing blanks.
    public var commentLines: [Substring] {
        guard let prefix = commentPrefix, !prefix.isEmpty else { return [] }
        return text.split(whereSeparator: CommitTemplate.isLineEnd)
            .map(CommitTemplate.trimmingEnd)
            .filter { $0.hasPrefix(prefix) }
    }

    /// The message to start from: the generated one, a blank line, then the template as
    /// written (its leading blank lines dropped), ending with a newline.
    public func appended(to message: String) -> String {
        var template = Substring(text)
        while let first = template.first, first.isNewline { template.removeFirst() }
        guard !template.isEmpty else { return message }
        var head = Substring(message)
        while let last = head.last, last.isNewline { head.removeLast() }
        return head + "\n\n" + template + (template.last?.isNewline == true ? "" : "\n")
    }

    /// `message` without the lines that are one of the template's comment lines (compared
    /// without trailing blanks, so an editor that trims them changes nothing). Every other
    /// line is kept as it is; git's default clean-up of a given message then folds the
    /// blank lines left behind.
    public func removingComments(from message: String) -> String {
        let comments = commentLines
        guard !comments.isEmpty else { return message }
        var kept: [Substring] = []
        for line in message.split(omittingEmptySubsequences: false, whereSeparator: CommitTemplate.isLineEnd) {
            let trimmed = CommitTemplate.trimmingEnd(line)
            if let prefix = commentPrefix, trimmed.hasPrefix(prefix), comments.contains(trimmed) { continue }
            kept.append(line)
        }
        return kept.joined(separator: "\n")
    }

    /// `\n`, and `\r\n` (one Character in Swift).
    private static func isLineEnd(_ c: Character) -> Bool { c == "\n" || c == "\r\n" }

    private static func trimmingEnd(_ line: Substring) -> Substring {
        var l = line
        while let last = l.last, last == " " || last == "\t" || last == "\r" { l.removeLast() }
        return l
    }
}
