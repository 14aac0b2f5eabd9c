import Dispatch
import GitRunner
import HandoffCore
import HandoffEditor
import HandoffFiles
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// One editing session on one handoff file: what the host does around the editor core so
/// that nothing is lost. Saves notice when the file changed on disk since it was loaded;
/// unsaved edits go to a recovery file within two seconds of the last edit and when a
/// signal ends the session; the next start offers them back. No terminal, no git here:
/// the terminal loop calls in, and tests drive it with a real editor and real files.
public final class EditingSession {
    public let editor: Editor
    /// The handoff's path as the user named it (or as it was found).
    public let path: String
    public let recovery: RecoveryStore
    /// The git program commits go through (tests point it elsewhere).
    public var git = Git()
    private(set) var snapshot: DiskSnapshot
    /// The commit being prepared while its dialog is open.
    private var preparedCommit: HandoffCommit.Prepared?
    /// Its commit template: its comment lines are removed from the confirmed message.
    private var commitTemplate: CommitTemplate?
    private let clock: () -> Double

    /// The question on screen, if any: its answer comes back through `answer(_:)`.
    public private(set) var question: Question?
    public enum Question: Equatable, Sendable { case quit, conflict, recovery }

    /// Edits not yet in the recovery file, and when the last one came.
    private var unrecordedEdits = false
    private var firstUnrecordedEdit: Double = 0
    private var lastEdit: Double = 0

    /// What the host does after an answer.
    public enum Outcome: Equatable, Sendable { case stay, quit }

    public init(editor: Editor, path: String, loadedBytes: [UInt8]?, recovery: RecoveryStore,
                clock: @escaping () -> Double = EditingSession.monotonicSeconds) {
        self.editor = editor
        self.path = path
        self.recovery = recovery
        self.snapshot = DiskSnapshot(path: path, bytes: loadedBytes)
        self.clock = clock
    }

    public static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// The path as messages show it.
    private var display: String { path }

    // MARK: - Start

    /// At start: a recovery file left by an earlier session that differs from the file
    /// is offered back. Returns whether a question was asked.
    @discardableResult
    public func offerRecovery() -> Bool {
        guard let saved = recovery.read() else { return false }
        let onDisk = try? FileSystem.read(path)
        if saved == onDisk || saved == editor.document().bytes {
            recovery.remove()   // nothing in it that is not in the file
            return false
        }
        question = .recovery
        editor.ask("Unsaved edits from \(age(of: recovery.modificationTime)) were recovered: restore them?",
                   choices: [Choice("r", "restore"), Choice("d", "discard"), Choice("l", "later")])
        return true
    }

    private func age(of time: Int?) -> String {
        guard let time else { return "an earlier session" }
        let seconds = max(0, Int(Glibc.time(nil)) - time)
        if seconds < 90 { return "\(seconds) seconds ago" }
        if seconds < 5400 { return "\(seconds / 60) minutes ago" }
        if seconds < 129_600 { return "\(seconds / 3600) hours ago" }
        return "\(seconds / 86400) days ago"
    }

    // MARK: - Edits and the recovery file

    /// The host saw an input that may have changed the text.
    public func noteInput() {
        let now = clock()
        if !unrecordedEdits { firstUnrecordedEdit = now }
        unrecordedEdits = true
        lastEdit = now
    }

    /// Called after every frame of the host's loop and when `secondsUntilTick` comes due:
    /// writes the recovery file one second after the last edit, and every two seconds while
    /// typing goes on, so that a SIGKILL loses at most the last two seconds; shows a write
    /// that failed.
    public func tick() {
        if let failed = writer.takeFailure() { editor.show(message: failed, isError: true) }
        guard unrecordedEdits, editor.isModified else { return }
        let now = clock()
        if now - lastEdit >= 1 || now - firstUnrecordedEdit >= 2 { writeRecoveryInBackground() }
    }

    /// Seconds until `tick` has work: a recovery write due, or one under way whose failure
    /// would have to be shown. Nil when there is none: the host may then wait for input alone.
    public var secondsUntilTick: Double? {
        if writer.underWay { return 0.05 }
        guard unrecordedEdits, editor.isModified else { return nil }
        return max(0, min(lastEdit + 1, firstUnrecordedEdit + 2) - clock())
    }

    /// A signal (SIGTERM, SIGHUP, SIGINT) is ending the session: keep the edits.
    public func signalled() {
        if editor.isModified { writeRecovery() }
    }

    /// Writes the recovery file now, on this thread (a signal is ending the session, or a
    /// save just failed).
    private func writeRecovery() {
        cancelRecoveryWrites()
        do {
            try recovery.write(editor.document().bytes)
        } catch {
            editor.show(message: "Could not write the recovery file: \(error.message)", isError: true)
        }
        unrecordedEdits = false
    }

    /// Recovery writes while typing go to this queue: building the document's bytes costs a
    /// parse of the whole file, which must not stall the next keystroke.
    private let writerQueue = DispatchQueue(label: "handoff-tui.recovery")
    private let writer = WriterNotes()
    /// Recovery writes scheduled and not yet done (or skipped).
    private let writesPending = DispatchGroup()
    /// Numbers the scheduled writes, so that a save can call off the ones not started.
    private var writesScheduled = 0
    private let writesCalledOff = CalledOff()

    private func writeRecoveryInBackground() {
        let snapshot = editor.snapshot()
        let recovery = self.recovery, notes = writer, calledOff = writesCalledOff, pending = writesPending
        writesScheduled += 1
        let number = writesScheduled
        pending.enter()
        notes.begin()
        // A moment after the frame: while the terminal reads and draws the key's screen
        // update, a few milliseconds of building and writing would compete with it for the CPU.
        writerQueue.asyncAfter(deadline: .now() + .milliseconds(15)) {
            defer {
                notes.end()
                pending.leave()
            }
            // Saved or discarded meanwhile: this snapshot must not bring the file back.
            if number <= calledOff.through { return }
            // Below the terminal and the editor's own thread: on a busy machine the screen
            // update of the next key, and the terminal drawing it, come first. (The queue's
            // thread keeps the lower priority; nothing else runs on this process's queues.)
            setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)  // 0: this thread, on Linux
            do throws(FileError) {
                try recovery.write(snapshot.document().bytes)
            } catch {
                notes.fail("Could not write the recovery file: \(error.message)")
            }
        }
        unrecordedEdits = false
    }

    /// Waits until the recovery writes scheduled so far are done.
    public func waitForRecoveryWrites() {
        writesPending.wait()
    }

    /// Calls off the recovery writes scheduled and not started (their snapshots are out of
    /// date: the file was saved, the edits discarded, or a newer write follows), and waits
    /// for one under way.
    private func cancelRecoveryWrites() {
        let through = writesScheduled
        // On the writer's queue, so that no write checks the mark while it changes.
        writerQueue.sync { writesCalledOff.through = through }
        writesPending.wait()
    }

    // MARK: - Saving

    /// Ctrl-S. Returns whether the file was written; a conflict asks first.
    @discardableResult
    public func save() -> Bool {
        if snapshot.changedOnDisk() {
            question = .conflict
            editor.ask("\(display) changed on disk since it was opened:",
                       choices: [Choice("o", "overwrite"), Choice("r", "reload theirs"),
                                 Choice("k", "keep both"), Choice("c", "cancel")])
            return false
        }
        return write()
    }

    private func write() -> Bool {
        let bytes = editor.document().bytes
        do {
            try FileSystem.writeAtomically(bytes, to: path, createDirectories: true)
        } catch {
            // The edits stay in the editor, and in the recovery file.
            editor.show(message: "Not saved: \(error.message)", isError: true)
            if editor.isModified { writeRecovery() }
            return false
        }
        snapshot = DiskSnapshot(path: path, bytes: bytes)
        editor.didSave(message: "Saved \(display)")
        cancelRecoveryWrites()   // a write still to come would bring the file back
        recovery.remove()
        unrecordedEdits = false
        return true
    }

    /// Ctrl-Q.
    public func quit() -> Outcome {
        guard editor.isModified else { return .quit }
        question = .quit
        editor.ask("Save changes before quitting?", choices: [Choice("y", "yes"), Choice("n", "no"), Choice("c", "cancel")])
        return .stay
    }

    /// The answer to the question on screen (`Action.answered`).
    public func answer(_ choice: Character) -> Outcome {
        let asked = question
        question = nil
        switch (asked, choice) {
        case (.quit, "y"):
            return save() ? .quit : .stay
        case (.quit, "n"):
            cancelRecoveryWrites()
            recovery.remove()   // an explicit discard
            return .quit
        case (.conflict, "o"):
            _ = write()
        case (.conflict, "r"):
            reloadTheirs(keepingMine: .recoveryFile)
        case (.conflict, "k"):
            reloadTheirs(keepingMine: .besideTheFile)
        case (.recovery, "r"):
            if let saved = recovery.read() {
                do {
                    editor.reload(document: try HandoffDocument(validating: saved, mapping: editor.mapping), modified: true)
                    editor.show(message: "Restored the unsaved edits: Ctrl-S writes them to \(display)")
                } catch {
                    editor.show(message: "The recovery file is damaged (\(error.message)); it is kept at \(recovery.recoveryPath)", isError: true)
                }
            }
        case (.recovery, "d"):
            cancelRecoveryWrites()
            recovery.remove()
            editor.show(message: "Discarded the recovered edits")
        case (.recovery, _):
            editor.show(message: "The recovered edits are kept for later: \(recovery.recoveryPath)")
        default:
            editor.show(message: "")
        }
        return .stay
    }

    // MARK: - Committing

    /// Ctrl-G: saves, then opens the commit dialog with a generated message. Secrets found
    /// in the document and a detached HEAD are shown as warnings that the user confirms by
    /// committing anyway.
    public func startCommit() {
        if editor.isModified || !FileSystem.exists(path) {
            guard save() else { return }   // a conflict or a failure says so itself
        }
        let document = editor.document()
        let prepared: HandoffCommit.Prepared
        do throws(GitError) {
            let path = self.path, git = self.git
            prepared = try runBlocking { () async throws(GitError) -> HandoffCommit.Prepared in
                try await HandoffCommit.prepare(file: path, git: git)
            }
        } catch {
            editor.show(message: "Cannot commit: \(error.message)", isError: true)
            return
        }
        if prepared.state == .unchanged {
            editor.show(message: "Nothing to commit: \(display) is unchanged since HEAD")
            return
        }
        // As in git: a configured template that cannot be read stops the commit.
        let template: CommitTemplate?
        do throws(GitError) {
            let conventions = prepared.conventions
            template = try conventions.templateText().map { CommitTemplate(text: $0, commentPrefix: conventions.commentPrefix) }
        } catch {
            editor.show(message: "Cannot commit: \(error.message)", isError: true)
            return
        }
        var warnings: [String] = []
        let findings = SecretScanner.scan(document)
        if !findings.isEmpty {
            warnings.append("Possible secrets — committing shares them with everyone who can read the repository:")
            warnings += findings.map { "line \($0.line): \($0.kind.description) \($0.excerpt)" }
        }
        if prepared.head.isDetached {
            warnings.append("HEAD is detached: the commit will be on no branch")
        }
        if prepared.othersStaged {
            warnings.append("Other staged changes stay staged: only \(display) is committed")
        }
        preparedCommit = prepared
        commitTemplate = template
        let generated = CommitMessage(document: document, commentPrefix: prepared.conventions.commentPrefix).text
        editor.openCommitDialog(message: template?.appended(to: generated) ?? generated, warnings: warnings)
    }

    /// The dialog was confirmed (`Action.commitConfirmed`): commit that message, without
    /// the template's comment lines. The status line shows what git committed (hooks may
    /// have changed the message).
    public func commit(message: String) {
        guard let prepared = preparedCommit else { return }
        let committed = commitTemplate?.removingComments(from: message) ?? message
        do throws(GitError) {
            let result = try runBlocking { () async throws(GitError) -> HandoffCommit.Result in
                try await prepared.commit(message: committed)
            }
            preparedCommit = nil
            commitTemplate = nil
            switch result.outcome {
            case .committed(let c): editor.didCommit(shortHash: c.shortHash, subject: c.subject)
            case .nothingToCommit: editor.show(message: result.statusLine)
            }
        } catch {
            // The dialog comes back with the message as confirmed, and git's words — on one
            // line, so that a hook's own output shows after the reason.
            let words = error.message.split(separator: "\n").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
            editor.commitFailed(error: words.joined(separator: " — "))
        }
    }

    private enum MineGoesTo { case recoveryFile, besideTheFile }

    /// Loads the file as it is on disk now; my version is written somewhere first, so that
    /// choosing either side loses nothing.
    private func reloadTheirs(keepingMine place: MineGoesTo) {
        let mine = editor.document().bytes
        let kept: String
        do {
            switch place {
            case .recoveryFile:
                cancelRecoveryWrites()
                try recovery.write(mine)
                kept = "your version is in the recovery file, offered at the next start"
            case .besideTheFile:
                let side = FileSystem.sidePath(for: path, tag: "mine")
                try FileSystem.writeAtomically(mine, to: side)
                kept = "your version is saved as \(side)"
            }
        } catch {
            editor.show(message: "Not reloaded: could not keep your version (\(error.message))", isError: true)
            return
        }
        let theirs: [UInt8]
        do {
            theirs = try FileSystem.read(path)
        } catch {
            editor.show(message: "Not reloaded: \(error.message); \(kept)", isError: true)
            return
        }
        do {
            editor.reload(document: try HandoffDocument(validating: theirs, mapping: editor.mapping))
        } catch {
            editor.show(message: "Not reloaded: \(display) \(error.message); \(kept)", isError: true)
            return
        }
        snapshot = DiskSnapshot(path: path, bytes: theirs)
        if place == .besideTheFile { cancelRecoveryWrites(); recovery.remove() }
        unrecordedEdits = false
        editor.show(message: "Reloaded \(display) from disk; \(kept)")
    }
}

extension Substring {
    func trimmingSpaces() -> String {
        var t = self
        while let f = t.first, f == " " || f == "\t" { t.removeFirst() }
        while let l = t.last, l == " " || l == "\t" { t.removeLast() }
        return String(t)
    }
}

/// The last scheduled recovery write that was called off; read and written only on the
/// writer's queue.
final class CalledOff: @unchecked Sendable {
    var through = 0
}

/// What the recovery writer's thread tells the session's: whether a write is under way
/// (until it ends, a failure may still come) and the failure to show.
/// (A mutex, not a queue: it is read after every key's frame.)
final class WriterNotes: Sendable {
    private let state = Mutex<(underWay: Int, failure: String?)>((0, nil))
    func begin() { state.withLock { $0.underWay += 1 } }
    func end() { state.withLock { $0.underWay -= 1 } }
    func fail(_ message: String) { state.withLock { $0.failure = message } }
    var underWay: Bool { state.withLock { $0.underWay > 0 } }
    func takeFailure() -> String? { state.withLock { s in defer { s.failure = nil }; return s.failure } }
}
