import ArgumentParser
import GitRunner
import HandoffCore
import HandoffFiles
#if canImport(Glibc)
import Glibc
#endif

/// `handoff-tui status`: is the handoff still current, for an agent or a script to ask.
struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Say whether the handoff is stale: code that moved on since it last changed, references that are gone.",
        discussion: """
            Stale when, since the handoff was last committed, commits changed other files or \
            files have uncommitted changes (unless the handoff was edited after them: it is then \
            up to date, not committed yet); when it was never committed; or when it refers to \
            files, or lines, that do not exist at HEAD. Also lists what "check" flags. \
            Exit status: 0 up to date; 1 stale; 4 not a git repository; 66 no handoff file; \
            65 not UTF-8 text.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "The handoff file (default: found from the work-tree root).")
    var file: String?

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: Format = .text

    struct MissingReference: Sendable {
        let line: Int
        let ref: FileReference
        let reason: String
    }

    func run() throws {
        let loaded = try loadHandoff(file, mustExist: true)
        let doc = loaded.document!
        let problems = doc.problems(checkOptions(loaded, strict: false))
        // References outside Completed (which may name what was removed), each once.
        var refs: [(line: Int, ref: FileReference)] = []
        for key in SectionKey.allCases where key != .completed {
            for item in doc.section(key)?.items ?? [] {
                for ref in item.refs(in: doc) where !ref.path.hasPrefix("/") && !ref.path.hasPrefix("~") {
                    refs.append((item.line, ref))
                }
            }
        }
        let path = loaded.path
        let references = refs
        let found = try runGit { () async throws(GitError) -> Found in
            let (repository, relative) = try await GitRepository.open(forFile: path)
            guard try await repository.hasCommits() else { return Found(relative: relative, root: repository.root) }
            let state = try await repository.statusAndHead(path: relative).state
            let last = try await repository.versions(of: relative, limit: 1).first
            let changes = try await repository.changes(since: last?.commit.hash ?? "HEAD", excluding: relative)
            let missing = try await Self.missingReferences(references, handoff: relative, in: repository)
            return Found(relative: relative, root: repository.root, last: last, changes: changes,
                         handoffEdited: state != .unchanged, missing: missing)
        }
        let (last, changes, missing) = (found.last, found.changes, found.missing)
        let handoffEdited = found.handoffEdited

        var reasons: [String] = []
        if let changes {
            if last == nil { reasons.append("it has never been committed") }
            let moved = changes.commits > 0 && !changes.committedFiles.isEmpty
            if moved || !changes.uncommittedFiles.isEmpty {
                // Edited after the last of those changes: up to date, only not committed yet.
                let newest = ([changes.headTime ?? 0] + changes.uncommittedFiles.map { Self.modified(Path.join(found.root, $0)) }).max() ?? 0
                if !(handoffEdited && Self.modified(path) >= newest) {
                    if moved {
                        reasons.append("\(changes.commits) commit\(changes.commits == 1 ? "" : "s") changed \(changes.committedFiles.count) file\(changes.committedFiles.count == 1 ? "" : "s") since it was last committed")
                    }
                    if !changes.uncommittedFiles.isEmpty {
                        reasons.append("\(changes.uncommittedFiles.count) file\(changes.uncommittedFiles.count == 1 ? " has" : "s have") uncommitted changes newer than it")
                    }
                }
            }
        } else {
            reasons.append("the repository has no commits yet")
        }
        if !missing.isEmpty {
            reasons.append("\(missing.count) reference\(missing.count == 1 ? "" : "s") to files or lines that do not exist at HEAD")
        }
        let stale = !reasons.isEmpty
        switch format {
        case .text:
            writeOut(text(path: path, stale: stale, reasons: reasons, last: last, changes: changes, edited: handoffEdited,
                          missing: missing, problems: problems))
        case .json:
            writeOut(json(path: path, stale: stale, reasons: reasons, last: last, changes: changes, edited: handoffEdited,
                          missing: missing, problems: problems))
        }
        if stale { throw ExitCode(ExitStatus.problems) }
    }

    struct Found: Sendable {
        var relative: String
        var root: String
        var last: FileVersion? = nil
        var changes: ChangesSince? = nil
        var handoffEdited = false
        var missing: [MissingReference] = []
    }

    /// The references whose file (looked up from the root, then from the handoff's folder)
    /// does not exist at HEAD, or whose line is past the end of it there.
    static func missingReferences(_ refs: [(line: Int, ref: FileReference)], handoff relative: String,
                                  in repository: GitRepository) async throws(GitError) -> [MissingReference] {
        let folder = relative.lastIndex(of: "/").map { String(relative[...$0]) } ?? ""
        let paths = refs.map { normalized($0.ref.path) }
        let types = try await repository.objectTypes(of: paths + paths.map { folder + $0 }, at: "HEAD")
        var missing: [MissingReference] = []
        var withLines: [(index: Int, path: String)] = []
        for (n, r) in refs.enumerated() {
            let at = types[n] != nil ? n : (types[n + refs.count] != nil ? n + refs.count : nil)
            guard let at else { missing.append(MissingReference(line: r.line, ref: r.ref, reason: "no such file at HEAD")); continue }
            if r.ref.line != nil, types[at] == "blob" { withLines.append((n, at < refs.count ? paths[n] : folder + paths[n])) }
        }
        let blobs = try await repository.contents(of: withLines.map { ("HEAD", $0.path) })
        for (w, blob) in zip(withLines, blobs) {
            let r = refs[w.index]
            guard let blob, let wanted = r.ref.endLine ?? r.ref.line else { continue }
            var lines = blob.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
            if let last = blob.last, last != 10 { lines += 1 }
            if wanted > lines {
                missing.append(MissingReference(line: r.line, ref: r.ref, reason: "the file has \(lines) line\(lines == 1 ? "" : "s") at HEAD"))
            }
        }
        return missing.sorted { $0.line < $1.line }
    }

    /// `./src/a.ts` as `src/a.ts`; a folder reference without its trailing slash.
    static func normalized(_ path: String) -> String {
        var p = Substring(path)
        while p.hasPrefix("./") { p = p.dropFirst(2) }
        while p.count > 1, p.hasSuffix("/") { p = p.dropLast() }
        return String(p)
    }

    /// A file's modification time in seconds, 0 if it cannot be read.
    static func modified(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_mtim.tv_sec) : 0
    }

    private func list(_ files: [String], limit: Int = 8) -> String {
        files.prefix(limit).joined(separator: ", ") + (files.count > limit ? ", … (\(files.count) in all)" : "")
    }

    private func text(path: String, stale: Bool, reasons: [String], last: FileVersion?, changes: ChangesSince?,
                      edited: Bool, missing: [MissingReference], problems: [Problem]) -> String {
        let color = useColor()
        func style(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        var out = path + ": " + (stale ? style("stale", "33") + " — " + reasons.joined(separator: "; ") : style("up to date", "32")
            + (edited ? " (edited since its last commit; not committed yet)" : ""))
        out += "\n"
        if let c = last?.commit {
            out += "  last committed: \(c.shortHash) \(c.date.prefix(10)) \(c.author): \(c.subject)\n"
        }
        if let changes, stale {
            if !changes.committedFiles.isEmpty, changes.commits > 0 { out += "  changed since: \(list(changes.committedFiles))\n" }
            if !changes.uncommittedFiles.isEmpty { out += "  uncommitted: \(list(changes.uncommittedFiles))\n" }
        }
        for m in missing {
            let ref = m.ref.path + (m.ref.line.map { ":\($0)" } ?? "") + (m.ref.endLine.map { "-\($0)" } ?? "")
            out += "  \(path):\(m.line): \(ref): \(m.reason)\n"
        }
        if !problems.isEmpty {
            out += "  check: \(problems.count) problem\(problems.count == 1 ? "" : "s") (`handoff-tui check` lists them)\n"
        }
        return out
    }

    private func json(path: String, stale: Bool, reasons: [String], last: FileVersion?, changes: ChangesSince?,
                      edited: Bool, missing: [MissingReference], problems: [Problem]) -> String {
        func strings(_ a: [String]) -> String { "[" + a.map(jsonQuoted).joined(separator: ",") + "]" }
        func int(_ n: Int?) -> String { n.map(String.init) ?? "null" }
        var out = "{\"version\":1,\"path\":\(jsonQuoted(path)),\"stale\":\(stale),\"reasons\":\(strings(reasons))"
        out += ",\"last_commit\":"
        if let c = last?.commit {
            out += "{\"commit\":\"\(c.hash)\",\"short\":\"\(c.shortHash)\",\"author\":\(jsonQuoted(c.author)),\"date\":\(jsonQuoted(c.date)),\"subject\":\(jsonQuoted(c.subject))}"
        } else {
            out += "null"
        }
        out += ",\"handoff_uncommitted\":\(edited)"
        out += ",\"commits_since\":\(changes.map { String($0.commits) } ?? "null")"
        out += ",\"files_changed_since\":\(strings(changes?.committedFiles ?? []))"
        out += ",\"uncommitted_files\":\(strings(changes?.uncommittedFiles ?? []))"
        out += ",\"missing_references\":[" + missing.map {
            "{\"line\":\($0.line),\"path\":\(jsonQuoted($0.ref.path)),\"ref_line\":\(int($0.ref.line)),\"ref_end_line\":\(int($0.ref.endLine)),\"reason\":\(jsonQuoted($0.reason))}"
        }.joined(separator: ",") + "]"
        out += ",\"problems\":[" + problems.map { p in
            "{\"key\":" + (p.key.map { "\"\($0.rawValue)\"" } ?? "null") + ",\"line\":\(int(p.line)),\"code\":\"\(p.code.rawValue)\",\"message\":\(jsonQuoted(p.message))}"
        }.joined(separator: ",") + "]}\n"
        return out
    }
}
