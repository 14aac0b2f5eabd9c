/// Every key the editor knows, as the help overlay lists them (docs/KEYS.md says the same).
enum KeyBindings {
    struct Entry: Sendable {
        let keys: String
        let does: String
    }

    static let help: [Entry] = [
        Entry(keys: "Ctrl-S", does: "Save"),
        Entry(keys: "Ctrl-Q", does: "Quit"),
        Entry(keys: "Ctrl-G", does: "Commit the handoff"),
        Entry(keys: "Arrows", does: "Move (through wrapped rows)"),
        Entry(keys: "Home / End", does: "Start / end of line"),
        Entry(keys: "PgUp / PgDn", does: "Move a pane's height"),
        Entry(keys: "Ctrl-Left/Right", does: "Previous / next word"),
        Entry(keys: "Backspace / Del", does: "Delete before / at cursor"),
        Entry(keys: "Enter", does: "New line; continues a list"),
        Entry(keys: "", does: "(Enter on an empty item ends it)"),
        Entry(keys: "Ctrl-K", does: "Cut line (again: add to cut)"),
        Entry(keys: "Ctrl-U", does: "Paste cut lines"),
        Entry(keys: "Ctrl-X", does: "Toggle the item's checkbox"),
        Entry(keys: "Alt-Up / Alt-Down", does: "Move item with children"),
        Entry(keys: "Alt-Right / Left", does: "Indent / outdent item"),
        Entry(keys: "Tab / Shift-Tab", does: "Next / previous pane (7: Rest)"),
        Entry(keys: "Alt-1 … Alt-6", does: "Go to pane 1 … 6"),
        Entry(keys: "Alt-7", does: "Rest of the file (not in 1…6)"),
        Entry(keys: "", does: "(Alt-7 again: next later copy"),
        Entry(keys: "", does: "of the section you came from)"),
        Entry(keys: "F2 or Alt-Z", does: "Zoom pane / back"),
        Entry(keys: "Ctrl-Z / Ctrl-Y", does: "Undo / redo"),
        Entry(keys: "Ctrl-F", does: "Find in all panes and Rest"),
        Entry(keys: "Enter or Down", does: "(in Find) next match"),
        Entry(keys: "Up", does: "(in Find) previous match"),
        Entry(keys: "F3 / Shift-F3", does: "Next / previous match"),
        Entry(keys: "Mouse", does: "Click: focus, place cursor"),
        Entry(keys: "Wheel", does: "Scroll the pane under it"),
        Entry(keys: "F1", does: "This help"),
        Entry(keys: "Esc", does: "Close help, find"),
        Entry(keys: "Ctrl-G or Ctrl-S", does: "(in Commit) commit"),
        Entry(keys: "Esc", does: "(in Commit) cancel"),
        Entry(keys: "Enter", does: "(in Commit) new line"),
        Entry(keys: "Ctrl-Z / Ctrl-Y", does: "(in Commit) undo / redo there"),
        Entry(keys: "(y) (n) …", does: "Answer a question; Esc cancels"),
    ]

    /// `review`: read-only, so these come first in the help; the moving, pane, find and help
    /// keys below work as in the editor.
    static let review: [Entry] = [
        Entry(keys: "(Review)", does: "Read-only: typing changes nothing"),
        Entry(keys: "Alt-Left / Alt-Right", does: "Older / newer version"),
        Entry(keys: "Ctrl-Y", does: "Copy the item into my handoff"),
        Entry(keys: "Ctrl-A", does: "Adopt: start mine from this one"),
        Entry(keys: "Ctrl-R", does: "Acknowledge: I have read it"),
        Entry(keys: "Ctrl-Q", does: "Quit the review"),
        Entry(keys: "Marks", does: "+ added ~ changed ✓ checked"),
        Entry(keys: "", does: "○ unchecked − removed (dim)"),
    ]

    /// `review --working`: each marked item of the draft.
    static let approving: [Entry] = [
        Entry(keys: "(Approve)", does: "Decide each marked item:"),
        Entry(keys: "a", does: "Accept (a removed item: let go)"),
        Entry(keys: "d", does: "Drop (changed: committed text;"),
        Entry(keys: "", does: "removed: restore it)"),
        Entry(keys: "e", does: "Edit the item's text, Enter keeps"),
        Entry(keys: "Ctrl-S", does: "Save the decisions (asks first)"),
        Entry(keys: "Ctrl-Q", does: "Quit without saving"),
        Entry(keys: "Marks", does: "? undecided = accepted ✗ dropped"),
        Entry(keys: "", does: "↺ restored ✎ edited"),
    ]

    /// The footer while reviewing a committed handoff.
    static let reviewFooter: [(key: String, label: String)] = [
        ("F1", "Help"), ("M-←", "Older"), ("M-→", "Newer"), ("^Y", "Copy"), ("^A", "Adopt"),
        ("^R", "Ack"), ("^Q", "Quit"), ("^F", "Find"), ("Tab", "Pane"), ("M-7", "Rest"),
    ]

    /// The footer while approving a draft.
    static let approvingFooter: [(key: String, label: String)] = [
        ("F1", "Help"), ("a", "Accept"), ("d", "Drop"), ("e", "Edit"), ("^S", "Save"), ("^Q", "Quit"),
        ("^F", "Find"), ("Tab", "Pane"),
    ]

    /// The footer, nano-style: key, then what it does, most used first.
    static let footer: [(key: String, label: String)] = [
        ("F1", "Help"), ("^S", "Save"), ("^Q", "Quit"), ("^G", "Commit"), ("^F", "Find"),
        ("^Z", "Undo"), ("^Y", "Redo"), ("^K", "Cut"), ("^U", "Paste"), ("^X", "Check"),
        ("F2", "Zoom"), ("Tab", "Pane"), ("M-7", "Rest"),
    ]

    /// The footer while the commit dialog is open.
    static let dialogFooter: [(key: String, label: String)] = [
        ("^G", "Commit"), ("Esc", "Cancel"), ("Enter", "New line"), ("^Z", "Undo"), ("^Y", "Redo"),
    ]
}
