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
        Entry(keys: "Tab / Shift-Tab", does: "Next / previous pane"),
        Entry(keys: "Alt-1 … Alt-6", does: "Go to pane 1 … 6"),
        Entry(keys: "F2 or Alt-Z", does: "Zoom pane / back"),
        Entry(keys: "Ctrl-Z / Ctrl-Y", does: "Undo / redo"),
        Entry(keys: "Ctrl-F", does: "Find in all panes"),
        Entry(keys: "Enter or Down", does: "(in Find) next match"),
        Entry(keys: "Up", does: "(in Find) previous match"),
        Entry(keys: "F3 / Shift-F3", does: "Next / previous match"),
        Entry(keys: "Mouse", does: "Click: focus, place cursor"),
        Entry(keys: "Wheel", does: "Scroll the pane under it"),
        Entry(keys: "F1", does: "This help"),
        Entry(keys: "Esc", does: "Close help, find"),
    ]

    /// The footer, nano-style: key, then what it does, most used first.
    static let footer: [(key: String, label: String)] = [
        ("F1", "Help"), ("^S", "Save"), ("^Q", "Quit"), ("^G", "Commit"), ("^F", "Find"),
        ("^Z", "Undo"), ("^Y", "Redo"), ("^K", "Cut"), ("^U", "Paste"), ("^X", "Check"),
        ("F2", "Zoom"), ("Tab", "Pane"),
    ]
}
