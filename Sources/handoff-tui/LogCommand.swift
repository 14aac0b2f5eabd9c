import ArgumentParser
import GitRunner
import HandoffCore
import HandoffFiles

/// `handoff-tui log`: the handoff's committed versions, newest first, with what each held.
struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the committed versions of the handoff: who, when, the subject, and the items per section.",
        discussion: """
            Follows the file through renames. Each version shows its commit, author, date and \
            subject, and how many items each of the six sections held (done/total where they have \
            checkboxes). --format json gives the same for scripts (docs/FORMAT.md). \
            Exit status: 4 not a git repository; 7 REV names no commit; 66 no committed handoff \
            (or no commits yet); 69 git is not installed.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(name: .long, help: "The handoff file (default: found from the work-tree root).")
    var file: String?

    @Option(name: .customShort("n"), help: ArgumentHelp("Show at most this many versions (0: all).", valueName: "N"))
    var count: Int = 20

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: Format = .text

    @Argument(help: ArgumentHelp("Start from this revision instead of HEAD.", valueName: "REV"))
    var revision: String = "HEAD"

    func validate() throws {
        if count < 0 { throw ValidationError("-n takes 0 (all) or more") }
    }

    struct Entry {
        let version: FileVersion
        /// nil when that version is not UTF-8 text.
        let document: HandoffDocument?
    }

    func run() throws {
        let locator = HandoffLocator()
        let (named, explicit) = locator.resolveForHistory(file)
        let (revision, limit) = (self.revision, count == 0 ? nil : count)
        let found = try runGit { () async throws(GitError) -> (path: String, versions: [FileVersion], blobs: [[UInt8]?]) in
            let (repository, workingPath) = try await GitRepository.open(forFile: named ?? Path.join(locator.root, "HANDOFF.md"))
            // The first of the paths that has a history.
            let paths = historyPaths(workingPath: named != nil ? workingPath : nil, explicit: explicit)
            for path in paths {
                let versions = try await repository.versions(of: path, from: revision, limit: limit)
                if versions.isEmpty { continue }
                return (path, versions, try await repository.contents(of: versions.map { ($0.commit.hash, $0.path) }))
            }
            return (paths[0], [], [])
        }
        guard !found.versions.isEmpty else {
            throw fail("\(found.path) has no committed version" + (revision == "HEAD" ? "" : " up to \(revision)")
                       + " (commit it with `handoff-tui commit`)", status: ExitStatus.noInput)
        }
        let mapping = loadMapping(locator)
        let entries = zip(found.versions, found.blobs).map { version, blob in
            Entry(version: version, document: blob.flatMap { try? HandoffDocument(validating: $0, mapping: mapping) })
        }
        switch format {
        case .text: writeOut(text(entries))
        case .json: writeOut(json(entries, path: found.path))
        }
    }

    private func counts(_ section: Section) -> (done: Int, boxes: Int, items: Int) {
        var done = 0, boxes = 0
        for item in section.items where item.checked != nil {
            boxes += 1
            if item.checked == true { done += 1 }
        }
        return (done, boxes, section.items.count)
    }

    private static let shortNames: [(SectionKey, String)] = [
        (.completed, "done"), (.inProgress, "in progress"), (.blocked, "blocked"),
        (.decisions, "decisions"), (.nextSteps, "next"), (.gotchas, "gotchas"),
    ]

    private func text(_ entries: [Entry]) -> String {
        var out = ""
        let color = useColor()
        func style(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        for e in entries {
            let c = e.version.commit
            out += style(c.shortHash, "33") + "  " + String(c.date.prefix(16)).replacingT() + "  "
                + style(c.author, "1") + "  " + c.subject + "\n"
            var parts: [String] = []
            if let doc = e.document {
                for (key, name) in Self.shortNames {
                    guard let s = doc.section(key) else { continue }
                    let n = counts(s)
                    parts.append(n.boxes > 0 && n.boxes == n.items ? "\(n.done)/\(n.items) \(name)" : "\(n.items) \(name)")
                }
                if parts.isEmpty { parts.append("none of the six sections") }
            } else {
                parts.append("not UTF-8 text")
            }
            out += "         " + style(parts.joined(separator: " · "), "2") + "\n"
            if !e.version.acknowledgements.isEmpty {
                out += "         " + style("read by " + e.version.acknowledgements.map(\.name).joined(separator: ", "), "36") + "\n"
            }
        }
        return out
    }

    private func json(_ entries: [Entry], path: String) -> String {
        var out = "{\"version\":1,\"path\":\(jsonQuoted(path)),\"entries\":["
        for (n, e) in entries.enumerated() {
            let c = e.version.commit
            out += n == 0 ? "\n" : ",\n"
            out += "{\"commit\":\"\(c.hash)\",\"short\":\"\(c.shortHash)\",\"author\":\(jsonQuoted(c.author))"
            out += ",\"date\":\(jsonQuoted(c.date)),\"subject\":\(jsonQuoted(c.subject)),\"path\":\(jsonQuoted(e.version.path))"
            out += ",\"acknowledged_by\":[" + e.version.acknowledgements.map {
                "{\"name\":\(jsonQuoted($0.name)),\"email\":\(jsonQuoted($0.email)),\"date\":\(jsonQuoted($0.date))}"
            }.joined(separator: ",") + "]"
            guard let doc = e.document else { out += ",\"text\":false,\"sections\":null}"; continue }
            out += ",\"text\":true,\"sections\":{"
            for key in SectionKey.allCases {
                if key.index > 0 { out += "," }
                out += "\"\(key.rawValue)\":"
                guard let s = doc.section(key) else { out += "null"; continue }
                let n = counts(s)
                out += "{\"items\":\(n.items),\"checked\":\(n.done),\"boxes\":\(n.boxes)}"
            }
            out += "}}"
        }
        out += "\n]}\n"
        return out
    }
}

extension String {
    /// `2026-12-07T09:24` as `2026-12-07 09:24`.
    fileprivate func replacingT() -> String { String(map { $0 == "T" ? " " : $0 }) }
}
