/// What an undo step puts back: a run of lines of one pane, and where the cursor was.
struct UndoStep {
    enum Kind: Equatable { case typing, deleting, other }
    var pane: Int
    var start: Int
    /// The lines to put back, over `newCount` lines from `start`.
    var lines: [String]
    var newCount: Int
    var cursorBefore: Cursor
    var cursorAfter: Cursor
    var kind: Kind
}

/// Undo and redo across panes. A run of typing (or of deleting) on one line, with nothing
/// else in between, is one step.
struct UndoHistory {
    var undo: [UndoStep] = []
    var redo: [UndoStep] = []
    /// The kind of run the last input left open, and the one this input may continue.
    private var open: UndoStep.Kind?
    private var continuing: UndoStep.Kind?

    /// Called before each input: only an edit of the same kind keeps a run going.
    mutating func beginInput() {
        continuing = open
        open = nil
    }

    mutating func record(_ step: UndoStep, oneLine: Bool) {
        redo.removeAll()
        if step.kind != .other, oneLine, continuing == step.kind, let last = undo.last,
           last.pane == step.pane, last.start == step.start, last.newCount == 1,
           last.kind == step.kind, last.cursorAfter == step.cursorBefore {
            undo[undo.count - 1].cursorAfter = step.cursorAfter
        } else {
            undo.append(step)
        }
        open = step.kind == .other || !oneLine ? nil : step.kind
    }
}
