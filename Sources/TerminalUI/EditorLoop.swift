import HandoffEditor

/// What the host does for the actions that leave the editor core: writing the file, and
/// what happens when a signal ends the session.
public struct EditorHooks {
    /// Writes `editor.document()`; calls `didSave` or `show(message:isError: true)`.
    /// Returns whether the file was written.
    public var save: (Editor) -> Bool
    /// Ctrl-G.
    public var commit: (Editor) -> Void
    /// SIGINT, SIGTERM or SIGHUP arrived; called after the terminal is restored, before
    /// the exit (a recovery file for unsaved changes belongs here).
    public var signalled: (Editor, Int32) -> Void

    public init(save: @escaping (Editor) -> Bool,
                commit: @escaping (Editor) -> Void = { $0.show(message: "Commit is not available yet", isError: true) },
                signalled: @escaping (Editor, Int32) -> Void = { _, _ in }) {
        self.save = save
        self.commit = commit
        self.signalled = signalled
    }
}

/// The editor on a terminal: input in, actions done, frames drawn, until quit or a signal.
public enum EditorLoop {
    static let quitPrompt = "Save changes? (y)es (n)o (c)ancel"

    /// Runs until the user quits (returns 0) or a signal ends it (returns 128 + signal).
    /// The terminal is restored before this returns.
    public static func run(_ editor: Editor, on terminal: Terminal, hooks: EditorHooks) -> Int32 {
        defer { terminal.end() }
        var asking = false
        terminal.draw(editor.render())
        while true {
            if let sig = terminal.pendingSignal {
                terminal.end()
                hooks.signalled(editor, sig)
                return 128 + sig
            }
            // Idle work (rechecking edited panes) waits for a pause in the typing.
            guard let input = terminal.read(timeout: editor.needsIdle ? 150 : 500) else {
                if editor.needsIdle, editor.idle(), !asking { terminal.draw(editor.render()) }
                continue
            }
            if asking {
                switch input {
                case .resize: editor.handle(input)
                case .key(.char("y")), .key(.char("Y")):
                    asking = false
                    if hooks.save(editor) { return 0 }
                case .key(.char("n")), .key(.char("N")):
                    return 0
                case .key(.char("c")), .key(.char("C")), .key(.escape), .key(.ctrl("c")):
                    asking = false
                    editor.show(message: "")
                default:
                    editor.show(message: quitPrompt)
                }
            } else {
                switch editor.handle(input) {
                case .none: break
                case .save: _ = hooks.save(editor)
                case .commit: hooks.commit(editor)
                case .quit:
                    guard editor.isModified else { return 0 }
                    asking = true
                    editor.show(message: quitPrompt)
                }
            }
            // A burst already decoded (typed ahead, pasted) is drawn once, after it.
            if !terminal.hasPendingInput { terminal.draw(editor.render()) }
        }
    }
}
