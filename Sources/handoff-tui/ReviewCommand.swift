import ArgumentParser
import GitRunner
import HandoffCore
import HandoffEditor
import HandoffFiles
import HandoffSession
import TerminalUI

/// `handoff-tui review`: a committed handoff read-only in the editor's panes, each item
/// marked with what changed since the version before; or (`--working`) the working file's
/// changes approved item by item.
struct Review: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Review a committed handoff (read-only, changes marked), or approve the working file's changes item by item.",
        discussion: """
            REV: a hash, a branch (also a remote one, origin/alice/auth), a tag; default: the \
            last commit that changed the handoff. Keys: Alt-Left / Alt-Right older / newer \
            version, Ctrl-Y copy the item into your working handoff, Ctrl-A adopt the whole \
            handoff as the start of yours (asks before replacing your file, and keeps yours as \
            FILE.mine.md), Ctrl-R acknowledge, Ctrl-Q quit; F1 lists every key. --working: the \
            working file against its last committed version; a accepts, d drops, e edits the \
            item under the cursor, Ctrl-S saves after asking. Exit status: 2 not a terminal; \
            4 not a git repository; 7 REV names no commit; 65 the handoff is not UTF-8 text; \
            66 no committed handoff (or no commits).
            """
    )

    @Argument(help: ArgumentHelp("The version to review (default: the last commit that changed the handoff).", valueName: "REV"))
    var revision: String?

    @Option(name: .long, help: "The handoff file (default: found from the work-tree root).")
    var file: String?

    @Flag(help: "Approve the working file's changes since its last commit, item by item.")
    var working = false

    func validate() throws {
        if working, revision != nil { throw ValidationError("--working reviews the working file against HEAD; leave out REV") }
    }

    func run() throws {
        let host = working ? try ReviewHost.approving(file) : try ReviewHost.committed(file, at: revision ?? "HEAD")
        try host.run()
    }
}

/// The host's side of a review: git through GitRunner, files through HandoffFiles; the
/// editor only shows, and asks for what its keys mean (`ReviewRequest`).
final class ReviewHost {
    let repository: GitRepository?
    /// The versions that changed the handoff, newest first, and the one shown.
    var versions: [FileVersion]
    var index: Int
    /// Acknowledgements recorded in this session, by commit.
    var acknowledgements: [String: [Acknowledgement]] = [:]
    /// Whether older versions than the last one read may exist (the last page was full).
    var moreOlder = false
    /// Whether the versions newer than the first one read are known (from HEAD's history).
    var newerKnown = true
    static let page = 100
    var subject: ReviewSubject
    /// The working handoff: where copies and adoption go, and what `--working` approves.
    let workingPath: String
    let display: String
    let branch: String?
    /// `--working`: the working file's bytes as read, to notice a change on disk before saving.
    let workingBytes: [UInt8]?
    let options: CheckOptions

    enum Pending { case adopt, saveDecisions, quitUndecided }
    var pending: Pending?
    /// After `--working` saved: the usual editing session (Ctrl-S, Ctrl-G) on the result.
    var session: EditingSession?

    init(repository: GitRepository?, versions: [FileVersion], index: Int, subject: ReviewSubject,
         loaded: LoadedHandoff, workingBytes: [UInt8]?) {
        self.repository = repository
        self.versions = versions
        self.index = index
        self.subject = subject
        self.workingPath = loaded.path
        self.display = loaded.locator.display(loaded.path)
        self.branch = loaded.locator.workTree?.branch
        self.workingBytes = workingBytes
        self.options = checkOptions(loaded, strict: false)
    }

    // MARK: - Loading (before any screen: bad input is one line and an exit status)

    static func committed(_ file: String?, at revision: String) throws -> ReviewHost {
        let locator = HandoffLocator()
        let (named, explicit) = locator.resolveForHistory(file)
        let found = try runGit { () async throws(GitError) -> (GitRepository, [FileVersion], Int, [[UInt8]?]) in
            let (repository, workingPath) = try await GitRepository.open(forFile: named ?? Path.join(locator.root, "HANDOFF.md"))
            for path in historyPaths(workingPath: named != nil ? workingPath : nil, explicit: explicit) {
                // A page of versions: older ones are read when stepped to, newer ones (REV
                // behind HEAD) on the first step past REV, so opening costs the same at any depth.
                let versions = try await repository.versions(of: path, from: revision, limit: Self.page)
                guard !versions.isEmpty else { continue }
                let index = 0
                let blobs = try await repository.contents(of: Self.files(versions, index))
                return (repository, versions, index, blobs)
            }
            return (repository, [], 0, [])
        }
        let (repository, versions, index, blobs) = found
        guard !versions.isEmpty, let bytes = blobs.first ?? nil else {
            throw fail("no committed handoff" + (revision == "HEAD" ? "" : " up to \(revision)")
                       + (file.map { " (\($0))" } ?? " (looked for \(HandoffLocator.candidates.joined(separator: ", ")))"),
                       status: ExitStatus.noInput)
        }
        let version = versions[index]
        let document: HandoffDocument
        do {
            document = try HandoffDocument(validating: bytes)
        } catch {
            throw fail("\(version.path) at \(version.commit.shortHash): \(error.message)", status: ExitStatus.dataError)
        }
        let previous = blobs.count > 1 ? blobs[1].flatMap { try? HandoffDocument(validating: $0) } : nil
        let loaded = try loadHandoff(file, mustExist: false)
        let host = ReviewHost(repository: repository, versions: versions, index: index,
                              subject: ReviewSubject(document: document, previous: previous, header: ""),
                              loaded: loaded, workingBytes: nil)
        host.moreOlder = versions.count == Self.page
        host.newerKnown = revision == "HEAD"
        host.subject.header = host.header()
        return host
    }

    static func approving(_ file: String?) throws -> ReviewHost {
        let loaded = try loadHandoff(file, mustExist: true)
        guard let document = loaded.document else { throw ExitCode(ExitStatus.noInput) }
        let path = loaded.path
        let found = try runGit { () async throws(GitError) -> (GitRepository, [FileVersion], [UInt8]?) in
            let (repository, relative) = try await GitRepository.open(forFile: path)
            guard try await repository.hasCommits() else { return (repository, [], nil) }
            let versions = try await repository.versions(of: relative, limit: 1)
            guard let last = versions.first else { return (repository, [], nil) }
            let blob = try await repository.contents(of: [(last.commit.hash, last.path)]).first ?? nil
            return (repository, versions, blob)
        }
        let previous = found.2.flatMap { try? HandoffDocument(validating: $0) }
        let host = ReviewHost(repository: found.0, versions: found.1, index: 0,
                              subject: ReviewSubject(document: document, previous: previous, header: "", approving: true),
                              loaded: loaded, workingBytes: document.bytes)
        host.subject.header = host.header()
        return host
    }

    /// The blobs to read for showing version `i`: it and the one before it.
    static func files(_ versions: [FileVersion], _ i: Int) -> [(commit: String, path: String)] {
        var files = [(commit: versions[i].commit.hash, path: versions[i].path)]
        if i + 1 < versions.count { files.append((versions[i + 1].commit.hash, versions[i + 1].path)) }
        return files
    }

    /// The header: which commit, by whom, when, its subject, and who has read it.
    func header() -> String {
        if subject.approving {
            let base = versions.first.map { "against \($0.commit.shortHash) (\($0.commit.author), \($0.commit.date.prefix(10)))" }
                ?? "no committed version: every item is new"
            return "\(display) (working file) \(base) · \(subject.document.bytes == subject.previous?.bytes ? "no changes" : "approve each marked item")"
        }
        let c = versions[index].commit
        let acks = acknowledgements[c.hash] ?? versions[index].acknowledgements
        let read = acks.isEmpty ? "not acknowledged" : "read by " + acks.map(\.name).joined(separator: ", ")
        let last = index + 1 == versions.count && !moreOlder
        var position = [versions[index].path]
        if newerKnown { position.append("\(index + 1)/\(versions.count)\(moreOlder ? "+" : "")") }
        if last { position.append(repository?.isShallow == true ? "oldest here (shallow clone)" : "first version") }
        return "\(c.shortHash) \(c.author) \(c.date.prefix(10)) \(c.subject) · \(position.joined(separator: " ")) · \(read)"
    }

    // MARK: - The session

    func run() throws {
        guard isTerminal(0), isTerminal(1) else {
            throw fail("review needs a terminal on stdin and stdout; use `handoff-tui diff` or `handoff-tui show --rev REV` to read a handoff without one", status: ExitStatus.notATerminal)
        }
        let terminal: Terminal
        do {
            terminal = try Terminal()
        } catch {
            throw fail(error.message, status: ExitStatus.notATerminal)
        }
        let editor = Editor(document: subject.document, fileName: display, branch: branch, size: terminal.size,
                            checkOptions: options)
        editor.showReview(subject)
        if let notice = terminal.notice {
            editor.show(message: notice, isError: true)
        } else if subject.approving, editor.reviewChangeCount == 0 {
            editor.show(message: "No item changed since the last commit: nothing to approve (Ctrl-Q quits)")
        } else if subject.approving {
            editor.show(message: "Approve the draft: a accepts, d drops, e edits the marked item; Ctrl-S saves; F1 lists the keys")
        } else if subject.previous == nil, index + 1 == versions.count, repository?.isShallow == true {
            editor.show(message: "Shallow clone: the version before this one is not here, so every item is marked new (git fetch --unshallow)", isError: true)
        } else if subject.previous == nil, index + 1 < versions.count {
            editor.show(message: "The version before this one could not be read: every item is marked new", isError: true)
        }
        let hooks = EditorHooks(
            save: { [self] _ in session?.save() ?? false },
            quit: { [self] editor in quit(editor) },
            answered: { [self] editor, choice in answered(editor, choice) },
            commit: { [self] editor in
                if let session { session.startCommit() } else { editor.show(message: "Save the decisions first (Ctrl-S)", isError: true) }
            },
            commitConfirmed: { [self] _, message in session?.commit(message: message) },
            edited: { [self] _ in session?.noteInput() },
            tick: { [self] _ in session?.tick() },
            secondsUntilTick: { [self] _ in session?.secondsUntilTick },
            signalled: { [self] _, _ in session?.signalled() },
            review: { [self] editor, request in handle(request, editor) })
        let status = EditorLoop.run(editor, on: terminal, hooks: hooks)
        if status != 0 { throw ExitCode(status) }
    }

    func quit(_ editor: Editor) -> Bool {
        if let session { return session.quit() == .quit }
        if subject.approving, editor.reviewDecisionCount > 0 {
            pending = .quitUndecided
            editor.ask("Quit without saving your \(editor.reviewDecisionCount) decision(s)?", choices: [Choice("y", "yes"), Choice("n", "no")])
            return false
        }
        return true
    }

    func answered(_ editor: Editor, _ choice: Character) -> Bool {
        guard let asked = pending else { return session?.answer(choice) == .quit }
        pending = nil
        guard choice == "y" else {
            editor.show(message: "Nothing written")
            return false
        }
        switch asked {
        case .quitUndecided: return true
        case .adopt: adopt(editor, replacing: true)
        case .saveDecisions: saveDecisions(editor)
        }
        return false
    }

    func handle(_ request: ReviewRequest, _ editor: Editor) {
        switch request {
        case .older: step(editor, by: 1)
        case .newer: step(editor, by: -1)
        case .copy(let section, let text, let checked): copy(editor, section: section, text: text, checked: checked)
        case .adopt: adopt(editor, replacing: false)
        case .acknowledge: acknowledge(editor)
        case .confirm:
            guard editor.reviewDecisionCount > 0 else {
                editor.show(message: "Nothing decided yet: a accepts, d drops, e edits the marked item", isError: true)
                return
            }
            pending = .saveDecisions
            editor.ask("Save \(editor.reviewDecisionCount) decision(s) to \(display)? Undecided items stay as they are",
                       choices: [Choice("y", "yes"), Choice("n", "no")])
        }
    }

    /// Older (+1) or newer (-1): that version and the one before it, read in one `cat-file`.
    func step(_ editor: Editor, by delta: Int) {
        guard let repository else { return }
        do {
            try loadVersions(around: index + delta, repository)
        } catch {
            editor.show(message: error.message, isError: true)
            return
        }
        let target = index + delta
        guard target >= 0, target < versions.count else {
            let oldest = repository.isShallow ? "Nothing older in this shallow clone (git fetch --unshallow brings the rest)"
                : "This is the first version of the handoff"
            editor.show(message: delta > 0 ? oldest : "This is the newest version here", isError: true)
            return
        }
        let files = Self.files(versions, target)
        let blobs: [[UInt8]?]
        do {
            blobs = try runBlocking { () async throws(GitError) in try await repository.contents(of: files) }
        } catch {
            editor.show(message: error.message, isError: true)
            return
        }
        guard let bytes = blobs.first ?? nil, let document = try? HandoffDocument(validating: bytes) else {
            editor.show(message: "\(versions[target].commit.shortHash): the handoff there is not UTF-8 text; stayed here", isError: true)
            return
        }
        index = target
        subject.document = document
        subject.previous = blobs.count > 1 ? blobs[1].flatMap { try? HandoffDocument(validating: $0) } : nil
        subject.header = header()
        editor.showReview(subject)
        let c = versions[index].commit
        if subject.previous == nil, index + 1 < versions.count {
            editor.show(message: "\(c.shortHash): the version before it could not be read, so every item is marked new", isError: true)
        } else {
            editor.show(message: "\(delta > 0 ? "Older" : "Newer"): \(c.shortHash) \(c.subject)")
        }
    }

    /// Reads the versions a step to `target` needs: the page of older ones after the last read
    /// (the one before `target` too, for the marks), or those newer than the first read, from
    /// HEAD's history (once; when HEAD's history does not hold it, there are none to show).
    func loadVersions(around target: Int, _ repository: GitRepository) throws(GitError) {
        if target + 1 >= versions.count, moreOlder, let last = versions.last {
            let older = try runBlocking { () async throws(GitError) in
                try await repository.versions(of: last.path, from: last.commit.hash, limit: Self.page + 1)
            }
            versions += older.dropFirst()
            moreOlder = older.count == Self.page + 1
        }
        if target < 0, !newerKnown, let first = versions.first {
            newerKnown = true
            let head = try runBlocking { () async throws(GitError) in try await repository.versions(of: first.path, from: "HEAD") }
            if let k = head.firstIndex(where: { $0.commit.hash == first.commit.hash }), k > 0 {
                versions = Array(head[..<k]) + versions
                index += k
            }
        }
    }

    /// My working handoff as it is now, or the template when there is none yet.
    func readWorking() -> (document: HandoffDocument, existed: Bool)? {
        do {
            return (try HandoffDocument(validating: try FileSystem.read(workingPath)), true)
        } catch let error as FileError where error.isMissing {
            return (HandoffDocument(HandoffDocument.template(date: today(), branch: branch)), false)
        } catch {
            return nil
        }
    }

    func copy(_ editor: Editor, section: SectionKey, text: String, checked: Bool?) {
        guard let (mine, existed) = readWorking() else {
            editor.show(message: "\(display) cannot be read as UTF-8 text: nothing copied", isError: true)
            return
        }
        let first = text.split(separator: "\n").first.map(String.init) ?? text
        if let items = mine.section(section)?.items, items.contains(where: { $0.text(in: mine) == first }) {
            editor.show(message: "“\(first)” is in \(section.canonicalTitle) in \(display) already: nothing copied")
            return
        }
        do {
            try FileSystem.writeAtomically(mine.appendingItem(text, to: section, checked: checked).bytes, to: workingPath,
                                           createDirectories: true)
        } catch {
            editor.show(message: "\(display): \(error.message); nothing copied", isError: true)
            return
        }
        editor.show(message: "Copied “\(first)” to \(section.canonicalTitle) in \(display)" + (existed ? "" : " (created from the template)"))
    }

    /// The reviewed handoff as the start of mine: Completed emptied, the title's date renewed.
    /// An existing file is replaced only after asking, and kept beside it as FILE.mine.md.
    func adopt(_ editor: Editor, replacing: Bool) {
        let adopted = subject.document.carriedOver(date: today())
        let existing = try? FileSystem.read(workingPath)
        if let existing, !replacing {
            if existing == adopted.bytes {
                editor.show(message: "\(display) already is this handoff, carried over")
                return
            }
            pending = .adopt
            editor.ask("Replace \(display) with this handoff (Completed emptied)? Yours is kept beside it as .mine",
                       choices: [Choice("y", "yes"), Choice("n", "no")])
            return
        }
        var kept = ""
        do {
            if let existing {
                let side = FileSystem.sidePath(for: workingPath, tag: "mine")
                try FileSystem.writeAtomically(existing, to: side)
                kept = "; yours is kept as \(subject.approving ? side : HandoffLocator().display(side))"
            }
            try FileSystem.writeAtomically(adopted.bytes, to: workingPath, createDirectories: true)
        } catch {
            editor.show(message: "\(display): \(error.message); nothing adopted", isError: true)
            return
        }
        editor.show(message: "Adopted \(versions[index].commit.shortHash) as \(display) (Completed emptied)\(kept)")
    }

    func acknowledge(_ editor: Editor) {
        guard let repository else { return }
        let hash = versions[index].commit.hash
        do {
            let (ack, new) = try runBlocking { () async throws(GitError) in try await repository.acknowledge(hash) }
            if new { acknowledgements[hash] = (acknowledgements[hash] ?? versions[index].acknowledgements) + [ack] }
            subject.header = header()
            editor.setReviewHeader(subject.header)
            editor.show(message: new ? "Acknowledged \(versions[index].commit.shortHash) as read by \(ack.name)"
                                     : "Already acknowledged by \(ack.name) at \(ack.date)")
        } catch {
            editor.show(message: error.message, isError: true)
        }
    }

    /// `--working`: writes the decisions, unless the file changed on disk since it was read;
    /// then the editor edits the result as usual (Ctrl-S, Ctrl-G commit).
    func saveDecisions(_ editor: Editor) {
        let result = editor.approvedDocument()
        let onDisk = try? FileSystem.read(workingPath)
        guard onDisk == workingBytes else {
            editor.show(message: "\(display) changed on disk since the review opened: nothing written (quit and review again)", isError: true)
            return
        }
        do {
            try FileSystem.writeAtomically(result.bytes, to: workingPath)
        } catch {
            editor.show(message: "\(display): \(error.message); nothing written", isError: true)
            return
        }
        let count = editor.reviewDecisionCount
        editor.endReview(document: result)
        session = EditingSession(editor: editor, path: display, loadedBytes: result.bytes,
                                 recovery: RecoveryStore(handoffPath: workingPath))
        editor.show(message: "Saved \(count) decision(s) to \(display); Ctrl-G commits it")
    }
}
