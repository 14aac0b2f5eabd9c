import ArgumentParser
import HandoffCore
import HandoffFiles

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the handoff: as Markdown, as JSON for agents, as a summary, or as a start-of-session prompt.",
        discussion: """
            --format markdown prints the document as saved (byte for byte when nothing changed); \
            json prints the JSON contract for agents (docs/FORMAT.md in the sources); text, a \
            summary for a terminal; prompt, the handoff wrapped in the start-of-session request \
            (summarize where things stand, confirm the plan before changing code), for pasting or \
            piping into an agent. --rev REV shows the handoff as committed at REV (a hash, a branch \
            such as origin/alice/auth, a tag, HEAD~2) instead of the working file. \
            Exit status: 7 REV names no commit; 66 no handoff file (at REV); 65 not UTF-8 text.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case markdown, json, text, prompt }

    @Argument(help: "The handoff file (default: found from the work-tree root).")
    var file: String?

    @Option(name: .shortAndLong, help: "Output format: markdown, json, text or prompt.")
    var format: Format = .markdown

    @Option(name: .customLong("rev"), help: ArgumentHelp("The handoff as committed at this revision.", valueName: "REV"))
    var revision: String?

    @Flag(help: "With --format text: list each heading and label, the section it was read as and by which rule, or why none.")
    var explain = false

    func validate() throws {
        if explain, format != .text { throw ValidationError("--explain goes with --format text") }
    }

    func run() throws {
        let loaded: LoadedHandoff
        var origin: String
        if let revision {
            let committed = try CommittedHandoff.load(file, at: revision)
            let locator = HandoffLocator()
            // References are checked against the work tree as it is now.
            loaded = LoadedHandoff(path: committed.path, document: committed.document, locator: locator)
            origin = "\(committed.path) at \(revision)"
            if !committed.commitID.hasPrefix(revision) { origin += " (\(committed.commitID.prefix(7)))" }
        } else {
            loaded = try loadHandoff(file, mustExist: true)
            origin = loaded.path
        }
        let doc = loaded.document!
        switch format {
        case .prompt:
            writeOut(doc.sessionPrompt(origin: origin))
        case .markdown:
            writeOut(doc.bytes)
        case .json:
            doc.writeJSONReport(path: loaded.path, options: checkOptions(loaded, strict: false)) { writeOut($0) }
        case .text:
            let problems = doc.problems(checkOptions(loaded, strict: false))
            writeOut(TextSummary(document: doc, path: loaded.path, problems: problems, color: useColor()).render())
            if explain { writeOut("\n" + explainReadings(doc, path: loaded.path)) }
        }
    }
}

func checkOptions(_ loaded: LoadedHandoff, strict: Bool) -> CheckOptions {
    let locator = loaded.locator
    let path = loaded.path
    return CheckOptions(strict: strict, fileExists: { ref in locator.referenceExists(ref, handoffPath: path) })
}
