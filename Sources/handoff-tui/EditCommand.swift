import ArgumentParser
import HandoffCore

struct Edit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the handoff in the six-pane editor (the default command)."
    )

    @Argument(help: "The handoff file (default: found from the work-tree root; created from the template when missing).")
    var file: String?

    func run() throws {
        guard isTerminal(0), isTerminal(1) else {
            throw fail("the editor needs a terminal on stdin and stdout; use `handoff-tui show` to read the handoff and `handoff-tui add SECTION TEXT` to write to it", status: ExitStatus.notATerminal)
        }
        let loaded = try loadHandoff(file, mustExist: false)
        let doc = loaded.document ?? HandoffDocument(HandoffDocument.template(date: today(), branch: loaded.locator.workTree?.branch))
        let problems = doc.problems(checkOptions(loaded, strict: false))
        writeOut(TextSummary(document: doc, path: loaded.path, problems: problems, color: useColor()).render())
    }
}
