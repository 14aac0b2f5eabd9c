import ArgumentParser
import HandoffCore

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the handoff: as Markdown, as JSON for agents, or as a summary.",
        discussion: "`--format markdown` prints the document as saved (byte for byte when nothing changed); `json` prints the contract in docs/FORMAT.md; `text` a summary for a terminal."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case markdown, json, text }

    @Argument(help: "The handoff file (default: found from the work-tree root).")
    var file: String?

    @Option(name: .shortAndLong, help: "Output format: markdown, json or text.")
    var format: Format = .markdown

    @Flag(help: "With --format text: list each heading and label, the section it was read as and by which rule, or why none.")
    var explain = false

    func validate() throws {
        if explain, format != .text { throw ValidationError("--explain goes with --format text") }
    }

    func run() throws {
        let loaded = try loadHandoff(file, mustExist: true)
        let doc = loaded.document!
        switch format {
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
