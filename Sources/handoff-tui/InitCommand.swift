import ArgumentParser
import HandoffCore
import HandoffFiles

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a new handoff with the six sections; never overwrites a file.",
        discussion: """
            --from REV starts from the handoff as committed at REV instead of the template \
            (carry-over): Completed emptied, everything else kept as written, the title's date \
            renewed. Exit status: 73 the file exists; 7 REV names no commit; 66 REV has no \
            handoff; 65 it is not UTF-8 text.
            """
    )

    @Argument(help: "Where to write it (default: found from the work-tree root).")
    var file: String?

    @Option(name: .customLong("from"), help: ArgumentHelp("Start from the handoff committed at this revision.", valueName: "REV"))
    var revision: String?

    func run() throws {
        let locator = HandoffLocator()
        let path: String
        switch locator.resolve(file) {
        case .found(let p):
            throw fail("\(p) already exists; not overwriting it (edit it, or remove it first)", status: ExitStatus.cannotCreate)
        case .notFound(let p):
            path = p
        }
        let bytes: [UInt8]
        if let revision {
            bytes = try CommittedHandoff.load(file, at: revision).document.carriedOver(date: today()).bytes
        } else {
            bytes = Array(HandoffDocument.template(date: today(), branch: locator.workTree?.branch).utf8)
        }
        do {
            try FileSystem.writeAtomically(bytes, to: path, createDirectories: true)
        } catch {
            throw fail(error.message, status: ExitStatus.ioError)
        }
        writeOut("Created \(path)\n")
    }
}
