import ArgumentParser
import HandoffCore
import HandoffEditor
import HandoffFiles
import HandoffSession
import TerminalUI

struct Edit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the handoff in the six-pane editor (the default command)."
    )

    @Argument(help: "The handoff file (default: found from the work-tree root; created from the template when missing).")
    var file: String?

    func run() throws { try Edit.open(file) }

    /// The editor on `file`. Also reached without the argument parser (see `HandoffTUI.main`).
    static func open(_ file: String?) throws {
        guard isTerminal(0), isTerminal(1) else {
            throw fail("the editor needs a terminal on stdin and stdout; use `handoff-tui show` to read the handoff and `handoff-tui add SECTION TEXT` to write to it", status: ExitStatus.notATerminal)
        }
        let loaded = try loadHandoff(file, mustExist: false)
        let branch = loaded.locator.workTree?.branch
        let doc = loaded.document ?? HandoffDocument(HandoffDocument.template(date: today(), branch: branch))
        let display = loaded.locator.display(loaded.path)

        let terminal: Terminal
        do {
            terminal = try Terminal()
        } catch {
            throw fail(error.message, status: ExitStatus.notATerminal)
        }
        let editor = Editor(document: doc, fileName: display, branch: branch, size: terminal.size,
                            checkOptions: checkOptions(loaded, strict: false))
        if let notice = terminal.notice {
            editor.show(message: notice, isError: true)
        } else if loaded.document == nil {
            editor.show(message: "New handoff from the template: Ctrl-S creates \(display)")
        }
        // The host's side: saves that notice changes on disk, the recovery file, the quit
        // question, Ctrl-G. Made after the first paint: its snapshot hashes the whole file.
        let box = SessionBox()
        let hooks = EditorHooks(
            save: { _ in box.session.save() },
            quit: { _ in box.session.quit() == .quit },
            answered: { _, choice in box.session.answer(choice) == .quit },
            commit: { _ in box.session.startCommit() },
            commitConfirmed: { _, message in box.session.commit(message: message) },
            edited: { _ in box.session.noteInput() },
            tick: { _ in box.session.tick() },
            secondsUntilTick: { _ in box.value?.secondsUntilTick },
            signalled: { _, _ in box.session.signalled() },
            started: { editor in
                box.value = EditingSession(editor: editor, path: display, loadedBytes: loaded.document?.bytes,
                                           recovery: RecoveryStore(handoffPath: loaded.path))
                box.session.offerRecovery()
            })
        let status = EditorLoop.run(editor, on: terminal, hooks: hooks)
        if status != 0 { throw ExitCode(status) }
    }
}

/// The session, made once the first frame is on screen (`EditorHooks.started`).
private final class SessionBox {
    var value: EditingSession?
    var session: EditingSession { value! }
}
