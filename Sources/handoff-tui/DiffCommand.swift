import ArgumentParser
import GitRunner
import HandoffCore
import HandoffFiles

/// `handoff-tui diff`: what changed in each section between two versions of the handoff.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what changed in each section between two versions of the handoff, item by item.",
        discussion: """
            With no revision: the last committed version against the one before it. With REV: \
            what that version changed (the handoff as of REV against its previous version). \
            With REV1 REV2: REV1 against REV2. --working: the working file against HEAD (or REV). \
            Each item is added (+), removed (-), changed (~, with its old text), newly checked or \
            unchecked (its box). Exit status: 0 whether or not anything changed; 4 not a git \
            repository; 7 a revision names no commit; 66 no committed handoff, or a shallow \
            clone that lacks the previous version; 65 a version is not UTF-8 text.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: ArgumentHelp("The revisions to compare.", valueName: "REV"))
    var revisions: [String] = []

    @Option(name: .long, help: "The handoff file (default: found from the work-tree root).")
    var file: String?

    @Flag(help: "Compare the working file against HEAD (or the revision given).")
    var working = false

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: Format = .text

    func validate() throws {
        if revisions.count > 2 { throw ValidationError("diff takes at most two revisions") }
        if working && revisions.count > 1 { throw ValidationError("--working takes at most one revision") }
    }

    /// One side of the comparison.
    struct Side: Sendable {
        let label: String
        let commit: LogEntry?
        let path: String
        let bytes: [UInt8]?
    }

    func run() throws {
        let locator = HandoffLocator()
        let (named, explicit) = locator.resolveForHistory(file)
        let (revisions, working) = (self.revisions, self.working)
        let (old, new, shallowCut) = try runGit { () async throws(GitError) -> (Side, Side, Bool) in
            let (repository, workingPath) = try await GitRepository.open(forFile: named ?? Path.join(locator.root, "HANDOFF.md"))
            let paths = historyPaths(workingPath: named != nil ? workingPath : nil, explicit: explicit)
            /// The newest version at or before `revision`, and (with `previous`) the one before it.
            func versions(at revision: String, previous: Bool) async throws(GitError) -> (path: String, [FileVersion]) {
                for path in paths {
                    let found = try await repository.versions(of: path, from: revision, limit: previous ? 2 : 1)
                    if !found.isEmpty { return (path, found) }
                }
                return (paths[0], [])
            }
            func side(_ v: FileVersion) async throws(GitError) -> Side {
                let bytes = try await repository.contents(of: [(v.commit.hash, v.path)])[0]
                return Side(label: v.commit.shortHash, commit: v.commit, path: v.path, bytes: bytes)
            }
            if working {
                let (path, found) = try await versions(at: revisions.first ?? "HEAD", previous: false)
                let base = found.isEmpty ? Side(label: revisions.first ?? "HEAD", commit: nil, path: path, bytes: nil) : try await side(found[0])
                let bytes = named.flatMap { try? FileSystem.read($0) }
                return (base, Side(label: "working file", commit: nil, path: named.map { locator.display($0) } ?? path, bytes: bytes), false)
            }
            if revisions.count == 2 {
                let (pathA, a) = try await versions(at: revisions[0], previous: false)
                let (pathB, b) = try await versions(at: revisions[1], previous: false)
                let sideA = a.isEmpty ? Side(label: revisions[0], commit: nil, path: pathA, bytes: nil) : try await side(a[0])
                let sideB = b.isEmpty ? Side(label: revisions[1], commit: nil, path: pathB, bytes: nil) : try await side(b[0])
                return (sideA, sideB, false)
            }
            let (path, found) = try await versions(at: revisions.first ?? "HEAD", previous: true)
            guard let newest = found.first else {
                return (Side(label: "", commit: nil, path: path, bytes: nil), Side(label: "", commit: nil, path: path, bytes: nil), false)
            }
            // The first version: compared with nothing, unless the clone is shallow and the
            // versions before it are not here.
            let newestSide = try await side(newest)
            if found.count < 2, repository.isShallow { return (newestSide, newestSide, true) }
            let before = found.count > 1 ? try await side(found[1]) : Side(label: "(none)", commit: nil, path: path, bytes: [])
            return (before, newestSide, false)
        }
        if shallowCut {
            throw fail("this is a shallow clone: the version of \(new.path) before \(new.label) is not here "
                       + "(`git fetch --unshallow` brings it)", status: ExitStatus.noInput)
        }
        guard let newBytes = new.bytes else {
            let what = new.label.isEmpty ? "\(new.path) has no committed version" : "\(new.label) has no \(new.path)"
            throw fail(what, status: ExitStatus.noInput)
        }
        // A side the file did not exist in reads as an empty handoff: everything is added.
        let mapping = loadMapping(locator)
        let a = try document(old.bytes ?? [], side: old, mapping: mapping)
        let b = try document(newBytes, side: new, mapping: mapping)
        let diff = HandoffDiff(from: a, to: b)
        switch format {
        case .text: writeOut(text(diff, old: old, new: new))
        case .json: writeOut(json(diff, old: old, new: new))
        }
    }

    private func document(_ bytes: [UInt8], side: Side, mapping: SectionMapping?) throws -> HandoffDocument {
        do { return try HandoffDocument(validating: bytes, mapping: mapping) } catch {
            throw fail("\(side.path) at \(side.label): \(error.message)", status: ExitStatus.dataError)
        }
    }

    private func describe(_ side: Side) -> String {
        guard let c = side.commit else { return side.label }
        return "\(c.shortHash) (\(c.author), \(c.date.prefix(10)))"
    }

    private func text(_ diff: HandoffDiff, old: Side, new: Side) -> String {
        let color = useColor()
        func style(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        var out = style("\(new.path): \(describe(old)) → \(describe(new))", "1") + "\n"
        if let c = new.commit { out += style(c.subject, "2") + "\n" }
        if diff.isEmpty { return out + "\nno changes in the six sections\n" }
        for s in diff.sections where !s.isEmpty {
            var title = s.key.canonicalTitle
            if !s.wasPresent { title += " (new section)" } else if !s.isPresent { title += " (section removed)" }
            out += "\n" + style(title, "1") + "\n"
            for c in s.changes {
                let indent = String(repeating: "  ", count: c.depth + 1)
                switch c.kind {
                case .added: out += indent + style("+ " + c.text, "32") + "\n"
                case .removed: out += indent + style("- " + c.text, "31") + "\n"
                case .changed: out += indent + style("~ " + c.text, "33") + "\n"
                case .checked: out += indent + style("✓ " + c.text, "32") + "\n"
                case .unchecked: out += indent + style("☐ " + c.text, "33") + "\n"
                }
                if let was = c.oldText { out += indent + style("    was: " + was, "2") + "\n" }
            }
            if s.bodyChanged { out += "  " + style("(text changed)", "2") + "\n" }
        }
        return out
    }

    private func json(_ diff: HandoffDiff, old: Side, new: Side) -> String {
        func side(_ s: Side) -> String {
            var out = "{\"label\":\(jsonQuoted(s.label)),\"path\":\(jsonQuoted(s.path)),\"commit\":"
            if let c = s.commit {
                out += "\"\(c.hash)\",\"author\":\(jsonQuoted(c.author)),\"date\":\(jsonQuoted(c.date)),\"subject\":\(jsonQuoted(c.subject))}"
            } else {
                out += "null}"
            }
            return out
        }
        func line(_ n: Int?) -> String { n.map(String.init) ?? "null" }
        var out = "{\"version\":1,\"from\":\(side(old)),\"to\":\(side(new)),\"changed\":\(!diff.isEmpty),\"sections\":{"
        for s in diff.sections {
            if s.key.index > 0 { out += "," }
            out += "\n\"\(s.key.rawValue)\":{\"was_present\":\(s.wasPresent),\"present\":\(s.isPresent),\"text_changed\":\(s.bodyChanged),\"items\":["
            for (n, c) in s.changes.enumerated() {
                out += (n == 0 ? "" : ",") + "{\"change\":\"\(c.kind.rawValue)\",\"text\":\(jsonQuoted(c.text))"
                out += ",\"old_text\":" + (c.oldText.map(jsonQuoted) ?? "null")
                out += ",\"old_line\":\(line(c.oldLine)),\"line\":\(line(c.newLine)),\"depth\":\(c.depth)}"
            }
            out += "]}"
        }
        return out + "\n}}\n"
    }
}
