import ArgumentParser
import HandoffCore
import HandoffFiles

/// `handoff-tui done`: check off one item, touching no other byte.
struct Done: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check off one item of a section, touching no other byte of the file.",
        discussion: """
            ITEM is the item's number in the section (the Nth top-level item, as a numbered \
            list counts) or a part of its text that names one item (an exact match of the whole \
            text wins). "[ ]" becomes "[x]"; an item without a box gets "[x]". Exit status: 0 \
            checked, or already checked; 64 no such item, or the text names several (they are \
            listed); 66 no handoff file.
            """
    )

    @Argument(help: "The section: key, title or synonym.")
    var section: String

    @Argument(help: "The item: its number, or a part of its text (several words are joined with spaces).")
    var item: [String]

    @Option(name: .shortAndLong, help: "The handoff file (default: found from the work-tree root).")
    var file: String?

    func validate() throws {
        _ = try sectionKey(section)
        if item.isEmpty { throw ValidationError("missing the item: its number or a part of its text") }
    }

    func run() throws {
        let key = try sectionKey(section)
        let selector = item.joined(separator: " ")
        let loaded = try loadHandoff(file, mustExist: true)
        let doc = loaded.document!
        guard let items = doc.section(key)?.items else {
            throw fail("\(loaded.path) has no \(key.canonicalTitle) section", status: 64)
        }
        switch doc.item(selector, in: key) {
        case .none:
            throw fail("no item of \(key.canonicalTitle) in \(loaded.path) matches '\(selector)'", status: 64)
        case .ambiguous(let candidates):
            printError("handoff-tui: '\(selector)' names \(candidates.count) items of \(key.canonicalTitle); give more of the text, or the number:")
            for i in candidates { printError("\(loaded.path):\(items[i].line): \(items[i].text(in: doc))") }
            throw ExitCode(64)
        case .one(let index):
            let text = items[index].text(in: doc)
            guard let updated = doc.checkingOff(index, in: key) else {
                writeOut("Already checked: \(text) (\(loaded.path):\(items[index].line))\n")
                return
            }
            do {
                try FileSystem.writeAtomically(updated.bytes, to: loaded.path, createDirectories: false)
            } catch {
                throw fail(error.message, status: ExitStatus.ioError)
            }
            writeOut("Checked off: \(text) (\(loaded.path):\(items[index].line))\n")
        }
    }
}
