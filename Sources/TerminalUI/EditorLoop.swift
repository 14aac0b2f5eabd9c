import HandoffEditor

/// What the host does for the actions that leave the editor core: writing the file, and
/// what happens when a signal ends the session.
public struct EditorHooks {
    /// Writes `editor.document()`; calls `didSave` or `show(message:isError: true)`.
    /// Returns whether the file was written.
    public var save: (Editor) -> Bool
    /// Ctrl-G.
    public var commit: (Editor) -> Void
    /// The commit dialog was confirmed with this message.
    public var commitConfirmed: (Editor, String) -> Void
    /// A question the host asked through `editor.ask` was answered (the quit question is
    /// the loop's own and does not come here).
    public var answered: (Editor, Character) -> Void
    /// SIGINT, SIGTERM or SIGHUP arrived; called after the terminal is restored, before
    /// the exit (a recovery file for unsaved changes belongs here).
    public var signalled: (Editor, Int32) -> Void

    public init(save: @escaping (Editor) -> Bool,
                commit: @escaping (Editor) -> Void = { $0.show(message: "Commit is not available yet", isError: true) },
                commitConfirmed: @escaping (Editor, String) -> Void = { _, _ in },
                answered: @escaping (Editor, Character) -> Void = { _, _ in },
                signalled: @escaping (Editor, Int32) -> Void = { _, _ in }) {
        self.save = save
        self.commit = commit
        self.commitConfirmed = commitConfirmed
        self.answered = answered
        self.signalled = signalled
    }
}

/// The editor on a terminal: input in, actions done, frames drawn, until quit or a signal.
public enum EditorLoop {
    /// Runs until the user quits (returns 0) or a signal ends it (returns 128 + signal).
    /// The terminal is restored before this returns.
    public static func run(_ editor: Editor, on terminal: Terminal, hooks: EditorHooks) -> Int32 {
        defer { terminal.end() }
        var askingToQuit = false
        terminal.draw(editor.render())
        while true {
            if let sig = terminal.pendingSignal {
                terminal.end()
                hooks.signalled(editor, sig)
                return 128 + sig
            }
            // Idle work (rechecking edited panes) waits for a pause in the typing.
            guard let input = terminal.read(timeout: editor.needsIdle ? 150 : 500) else {
                if editor.needsIdle, editor.idle() { terminal.draw(editor.render()) }
                continue
            }
            switch editor.handle(input) {
            case .none: break
            case .save: _ = hooks.save(editor)
            case .commit: hooks.commit(editor)
            case .commitConfirmed(let message): hooks.commitConfirmed(editor, message)
            case .quit:
                guard editor.isModified else { return 0 }
                askingToQuit = true
                editor.ask("Save changes?", choices: [Choice("y", "yes"), Choice("n", "no"), Choice("c", "cancel")])
            case .answered(let choice):
                guard askingToQuit else {
                    hooks.answered(editor, choice)
                    break
                }
                askingToQuit = false
                switch choice {
                case "y": if hooks.save(editor) { return 0 }
                case "n": return 0
                default: break  // cancel, or Esc
                }
            }
            // A burst already decoded (typed ahead, pasted) is drawn once, after it.
            if !terminal.hasPendingInput { terminal.draw(editor.render()) }
        }
    }
}
