import ArgumentParser
import HandoffCore
import HandoffFiles
#if canImport(Glibc)
import Glibc
#endif

struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Append one item to a section, touching no other byte of the file.",
        discussion: """
            SECTION is a key (completed, in_progress, blocked, decisions, next_steps, gotchas), \
            a title ("In Progress") or a synonym (done, wip, blockers, next, pitfalls and others). \
            The item follows the style of the section's last item (marker, numbering, checkbox). \
            The file, and the section, are created when missing. A TEXT of - reads the item from stdin.
            """
    )

    @Argument(help: "The section: key, title or synonym.")
    var section: String

    @Argument(help: "The item's text (several words are joined with spaces; - reads stdin).")
    var text: [String]

    @Option(name: .shortAndLong, help: "The handoff file (default: found from the work-tree root).")
    var file: String?

    @Flag(help: "Write the item with a checked box, [x].")
    var checked = false

    @Flag(help: "Write the item with an empty box, [ ].")
    var unchecked = false

    func validate() throws {
        _ = try sectionKey(section)
        if checked && unchecked { throw ValidationError("--checked and --unchecked exclude each other") }
        if text.isEmpty { throw ValidationError("missing the item's text") }
    }

    func run() throws {
        let key = try sectionKey(section)
        var itemText = text.joined(separator: " ")
        if text == ["-"] { itemText = readStandardInput() }
        if itemText.allSatisfy({ $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }) {
            throw fail("the item's text is empty", status: 64)
        }
        let loaded = try loadHandoff(file, mustExist: false)
        let base = loaded.document ?? HandoffDocument(HandoffDocument.template(date: today(), branch: loaded.locator.workTree?.branch))
        let updated = base.appendingItem(itemText, to: key, checked: checked ? true : (unchecked ? false : nil))
        do {
            try FileSystem.writeAtomically(updated.bytes, to: loaded.path, createDirectories: true)
        } catch {
            throw fail(error.message, status: ExitStatus.ioError)
        }
        let line = updated.section(key)?.items.last?.line
        let verb = loaded.document == nil ? "Created \(loaded.path) and added" : "Added"
        writeOut("\(verb) to \(key.canonicalTitle)\(line.map { " at \(loaded.path):\($0)" } ?? "")\n")
    }

    private func readStandardInput() -> String {
        var bytes = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, 65536) }
            if n <= 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
