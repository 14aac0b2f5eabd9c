/// A key as the terminal driver decodes it. The editor core never sees escape sequences.
public enum Key: Hashable, Sendable {
    /// Printable text typed (one grapheme cluster).
    case char(Character)
    case enter, tab, backTab, backspace, delete, escape
    case up, down, left, right, home, end, pageUp, pageDown
    case ctrlLeft, ctrlRight
    case altUp, altDown, altLeft, altRight
    /// Ctrl with a letter, lower-case: `.ctrl("k")`.
    case ctrl(Character)
    /// Alt (Meta) with a character: `.alt("1")`.
    case alt(Character)
    /// Function key F1…F12, and with Shift.
    case function(Int)
    case shiftFunction(Int)
}

/// Everything the host feeds the editor: keys, a bracketed paste, the mouse, a new size.
public enum Input: Equatable, Sendable {
    case key(Key)
    /// A bracketed paste: inserted literally (no list continuation), one undo step.
    case paste(String)
    /// A mouse click at a screen cell (0-based).
    case click(row: Int, column: Int)
    /// The wheel over a screen cell; positive `lines` scrolls down.
    case wheel(row: Int, column: Int, lines: Int)
    /// The terminal's new size.
    case resize(Size)
}

/// What the host must do after an input. Everything else the editor does itself.
public enum Action: Equatable, Sendable {
    case none
    /// Ctrl-S: write `editor.document()` to the file, then call `editor.didSave(_:)`.
    case save
    /// Ctrl-Q: leave (when `editor.isModified`, the host asks first with `editor.ask`).
    case quit
    /// Ctrl-G: commit the handoff (git lives in the host). The host saves, generates a
    /// message and calls `editor.openCommitDialog(message:warnings:)`.
    case commit
    /// The commit dialog was confirmed with this message, exactly as edited. The host runs
    /// git, then calls `editor.didCommit(shortHash:subject:)`, or `editor.commitFailed(error:)`
    /// (which reopens the dialog) or `editor.show(message:isError:)` with git's error.
    case commitConfirmed(message: String)
    /// The question from `editor.ask(_:choices:)` was answered with this choice's key
    /// (Esc answers with the last choice's).
    case answered(Character)
    /// A review's key (see `ReviewRequest`): git and files are the host's.
    case review(ReviewRequest)
}

/// One answer to a question from `editor.ask(_:choices:)`: the key that picks it and a
/// label. A label starting with the key shows as `(o)verwrite`; others as `(k) label`.
public struct Choice: Equatable, Sendable {
    public var key: Character
    public var label: String
    public init(_ key: Character, _ label: String) {
        self.key = key
        self.label = label
    }
}

public struct Size: Hashable, Sendable {
    public var columns: Int
    public var rows: Int
    public init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }
}
