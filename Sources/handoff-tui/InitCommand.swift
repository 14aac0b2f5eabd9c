import ArgumentParser
import HandoffCore
import HandoffFiles

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a new handoff with the six sections; never overwrites a file."
    )

    @Argument(help: "Where to write it (default: found from the work-tree root).")
    var file: String?

    func run() throws {
        let locator = HandoffLocator()
        let path: String
        switch locator.resolve(file) {
        case .found(let p):
            throw fail("\(p) already exists; not overwriting it (edit it, or remove it first)", status: ExitStatus.cannotCreate)
        case .notFound(let p):
            path = p
        }
        let text = HandoffDocument.template(date: today(), branch: locator.workTree?.branch)
        do {
            try FileSystem.writeAtomically(Array(text.utf8), to: path, createDirectories: true)
        } catch {
            throw fail(error.message, status: ExitStatus.ioError)
        }
        writeOut("Created \(path)\n")
    }
}
