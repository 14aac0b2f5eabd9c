import ArgumentParser
import HandoffCore

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Lint the handoff for what the next session will need.",
        discussion: """
            Reports missing or empty sections, In Progress items with no file reference, \
            Decisions with no reason, Blocked items that do not say what they need, sections \
            repeated from an earlier session, unchecked boxes under Completed, references to files \
            that do not exist and placeholders left in (TODO, TBD, [TODO], <fill in> and the like). \
            --strict adds: Next Steps not numbered, references without a line number. \
            --explain first lists how each heading and label was read. Exit status 1 when there \
            is any problem.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "The handoff file (default: found from the work-tree root).")
    var file: String?

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: Format = .text

    @Flag(help: "Also report style problems (numbered Next Steps, line numbers on references).")
    var strict = false

    @Flag(help: "List each heading and label, the section it was read as and by which rule, or why none.")
    var explain = false

    func validate() throws {
        if explain, format != .text { throw ValidationError("--explain goes with --format text") }
    }

    func run() throws {
        let loaded = try loadHandoff(file, mustExist: true)
        let doc = loaded.document!
        let problems = doc.problems(checkOptions(loaded, strict: strict))
        switch format {
        case .json:
            doc.writeJSONReport(path: loaded.path, problems: problems) { writeOut($0) }
        case .text:
            var out = explain ? explainReadings(doc, path: loaded.path) + "\n" : ""
            for p in problems {
                let location = p.line.map { "\(loaded.path):\($0):" } ?? "\(loaded.path):"
                out += "\(location) warning: \(p.message) [\(p.code.rawValue)]\n"
            }
            if problems.isEmpty {
                out += "\(loaded.path): no problems\n"
            } else {
                out += "\(problems.count) problem\(problems.count == 1 ? "" : "s") in \(loaded.path)\n"
            }
            writeOut(out)
        }
        if !problems.isEmpty { throw ExitCode(ExitStatus.problems) }
    }
}
