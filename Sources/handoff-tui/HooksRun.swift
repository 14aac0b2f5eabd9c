import AgentHooks
import ArgumentParser
import GitRunner
import HandoffCore
import HandoffFiles
#if canImport(Glibc)
import Glibc
#endif

/// `handoff-tui hooks run EVENT`: what the installed hooks run. Claude Code and Codex send one
/// JSON object on stdin (session_id, transcript_path, cwd, hook_event_name, source,
/// stop_hook_active, …) and read stdout. Nothing here may break the agent: every failure is one
/// line on stderr and exit status 0, with nothing on stdout.
struct HooksRun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one hook (what the installed hooks call; the agent's JSON on stdin).",
        discussion: """
            session-start: prints {"hookSpecificOutput": {"hookEventName": "SessionStart", \
            "additionalContext": …}} with the handoff and the start-of-session request (after a \
            compaction, also a request to bring the handoff up to date), and records HEAD and \
            the work tree's state for the session. stop: prints {"decision": "block", "reason": \
            …} once, when the session committed or changed code and the handoff did not change; \
            otherwise nothing. pre-compact: records that a compaction happened, prints nothing. \
            post-commit (git, no stdin): one line on stderr when the commit left the handoff \
            behind. Always exit status 0.
            """
    )

    enum Event: String, ExpressibleByArgument, CaseIterable {
        case sessionStart = "session-start", stop, preCompact = "pre-compact", postCommit = "post-commit"
    }

    @Argument(help: "session-start, stop, pre-compact or post-commit.")
    var event: Event

    func run() throws {
        if event == .postCommit {
            PostCommitLine.run()
            return
        }
        guard let input = HookInput.read() else { return }
        if let cwd = input.cwd, FileSystem.isDirectory(cwd) { _ = chdir(cwd) }
        switch event {
        case .sessionStart: AgentSession.start(input)
        case .stop: AgentSession.stop(input)
        case .preCompact: AgentSession.preCompact(input)
        case .postCommit: break
        }
    }
}

/// The fields of the agent's hook input that are used; any others are ignored.
struct HookInput {
    var sessionID: String?
    var cwd: String?
    var source: String?
    var stopHookActive = false
    var trigger: String?

    /// stdin, parsed; nil (after one line on stderr) when it is missing or not a JSON object.
    static func read() -> HookInput? {
        let name = "handoff-tui hooks run"
        guard !isTerminal(0) else {
            printError("\(name): no hook input (the agent sends JSON on stdin); nothing done")
            return nil
        }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while bytes.count < 16 << 20 {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(0, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; break }
            if n == 0 { break }
            bytes += buffer[0..<n]
        }
        guard !bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) else {
            printError("\(name): no hook input on stdin (the agent sends JSON); nothing done")
            return nil
        }
        guard let root = try? JSONSource.parse(bytes), root.members != nil else {
            printError("\(name): the hook input on stdin is not a JSON object; nothing done")
            return nil
        }
        var input = HookInput()
        input.sessionID = root.member("session_id")?.value.string
        input.cwd = root.member("cwd")?.value.string
        input.source = root.member("source")?.value.string
        input.trigger = root.member("trigger")?.value.string
        if case .bool(true)? = root.member("stop_hook_active")?.value.kind { input.stopHookActive = true }
        return input
    }
}

/// The handoff as the hooks see it: its path (for messages, relative to the current folder),
/// its fingerprint, and the document when it exists and reads.
struct HookHandoff {
    let path: String
    let document: HandoffDocument?
    let exists: Bool
    let fingerprint: String

    static func load() -> HookHandoff {
        let locator = HandoffLocator()
        switch locator.resolve(nil) {
        case .notFound(let p):
            return HookHandoff(path: p, document: nil, exists: false, fingerprint: "none")
        case .found(let p):
            guard let bytes = try? FileSystem.read(p) else { return HookHandoff(path: p, document: nil, exists: false, fingerprint: "none") }
            return HookHandoff(path: p, document: try? HandoffDocument(validating: bytes), exists: true, fingerprint: AgentHooks.fingerprint(bytes))
        }
    }
}

/// The repository, the handoff's path in it, and the session's state file.
struct SessionStore {
    let repository: GitRepository
    /// The handoff's path relative to the work-tree root.
    let handoffPath: String
    let stateFile: String

    static func open(handoff: HookHandoff, sessionID: String?) -> SessionStore? {
        let file = handoff.path
        let id = SessionState.fileName(forSession: sessionID ?? "")
        return try? runBlocking { () async throws(GitError) -> SessionStore in
            let (repository, path) = try await GitRepository.open(forFile: file)
            return SessionStore(repository: repository, handoffPath: path,
                                stateFile: Path.join(repository.gitDirectory, "handoff-tui/sessions/" + id))
        }
    }

    func load() -> SessionState? {
        (try? FileSystem.read(stateFile)).flatMap { SessionState(parsing: $0) }
    }

    func save(_ state: SessionState) {
        do { try FileSystem.writeAtomically(state.serialized, to: stateFile, createDirectories: true, durable: false) } catch {
            printError("handoff-tui hooks run: cannot record the session (\(error.message))")
        }
    }

    /// HEAD and the fingerprint of the uncommitted changes (the handoff left out).
    func snapshot() -> (head: String, work: String, paths: [String])? {
        let repository = self.repository, handoffPath = self.handoffPath
        return try? runBlocking { () async throws(GitError) -> (head: String, work: String, paths: [String]) in
            let head = try await repository.hasCommits() ? try await repository.commitID(of: "HEAD") : ""
            let work = try await repository.workingChanges(excluding: handoffPath)
            return (head, work.fingerprint, work.paths)
        }
    }

    /// Session files not touched for 30 days go: sessions end without telling anyone.
    func pruneOldSessions() {
        let dir = Path.directory(of: stateFile)
        guard let d = opendir(dir) else { return }
        defer { closedir(d) }
        let cutoff = time(nil) - 30 * 24 * 3600
        while let entry = readdir(d) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) } }
            guard name != ".", name != ".." else { continue }
            let p = Path.join(dir, name)
            var info = stat()
            if stat(p, &info) == 0, info.st_mtim.tv_sec < cutoff { unlink(p) }
        }
    }
}

enum AgentSession {
    static let sections = "completed, in_progress, blocked, decisions, next_steps, gotchas"

    static func start(_ input: HookInput) {
        let handoff = HookHandoff.load()
        var context: String
        if let document = handoff.document {
            context = document.sessionPrompt(origin: handoff.path)
        } else if handoff.exists {
            printError("handoff-tui hooks run session-start: \(handoff.path) is not UTF-8 text; nothing added to the session")
            return
        } else {
            context = "This repository has no session handoff yet (handoff-tui looks for $HANDOFF_FILE, "
                + HandoffLocator.candidates.joined(separator: ", ") + "). Before the session ends, write one for the next "
                + "session: `handoff-tui init`, then `handoff-tui add SECTION \"TEXT\"` (sections: \(sections)), "
                + "then `handoff-tui commit`.\n"
        }
        var compaction = ""
        if let store = SessionStore.open(handoff: handoff, sessionID: input.sessionID) {
            let previous = store.load()
            compaction = previous?.compaction ?? ""
            // A resumed or compacted session keeps the state it started with; any other start
            // is a new session.
            if var state = previous, input.source == "resume" || input.source == "compact" {
                state.compaction = ""
                store.save(state)
            } else if let now = store.snapshot() {
                store.save(SessionState(head: now.head, work: now.work, handoff: handoff.fingerprint))
                store.pruneOldSessions()
            }
        }
        if input.source == "compact" {
            let how = compaction == "auto" ? "automatically " : ""
            context += "\nThe conversation was just \(how)compacted: what you knew before the compaction is now only a summary. "
                + "Bring the handoff (\(handoff.path)) up to date with what was done and learned before it — "
                + "`handoff-tui add SECTION \"TEXT\"` (sections: \(sections)) or edit the file — then carry on.\n"
        }
        writeOut("{\"hookSpecificOutput\":{\"hookEventName\":\"SessionStart\",\"additionalContext\":\(jsonStringLiteral(context))}}\n")
    }

    static func stop(_ input: HookInput) {
        if input.stopHookActive { return }
        let handoff = HookHandoff.load()
        guard let store = SessionStore.open(handoff: handoff, sessionID: input.sessionID) else { return }
        guard let now = store.snapshot() else { return }
        guard var start = store.load() else {
            // No SessionStart recorded this session (the hooks came in mid-session): from here on.
            store.save(SessionState(head: now.head, work: now.work, handoff: handoff.fingerprint))
            return
        }
        let repository = store.repository, handoffPath = store.handoffPath, startHead = start.head
        let committed: (commits: Int, paths: [String]) = (!startHead.isEmpty && startHead != now.head && !now.head.isEmpty)
            ? ((try? runBlocking { () async throws(GitError) -> (Int, [String]) in
                (try await repository.commitCount(from: startHead, to: "HEAD"), try await repository.changedPaths(from: startHead, to: "HEAD"))
            }) ?? (0, []))
            : (0, [])
        let decision = StopDecision.decide(start: start, head: now.head, work: now.work, handoff: handoff.fingerprint,
                                           handoffCommitted: committed.paths.contains(handoffPath), stopHookActive: input.stopHookActive)
        guard decision == .block else { return }
        start.blocked = true
        store.save(start)
        var files = committed.paths.filter { $0 != handoffPath }
        for p in now.paths where !files.contains(p) { files.append(p) }
        var what: [String] = []
        if committed.commits > 0 { what.append("\(committed.commits) commit\(committed.commits == 1 ? "" : "s")") }
        if !files.isEmpty { what.append("\(files.count) file\(files.count == 1 ? "" : "s") changed") }
        let summary = what.isEmpty ? "" : " (\(what.joined(separator: ", ")))"
        let reason: String
        if handoff.exists {
            reason = "This session changed the code\(summary) but not the handoff (\(handoff.path)). Before you stop, record "
                + "for the next session what was completed, what is in progress (with files), what is blocked, the decisions "
                + "made and why, the next steps and the gotchas: `handoff-tui add SECTION \"TEXT\"` (sections: \(sections)) "
                + "or edit \(handoff.path), then run `handoff-tui commit`. If nothing is worth recording, say so and stop."
        } else {
            reason = "This session changed the code\(summary) and the repository has no handoff. Before you stop, write one "
                + "for the next session: `handoff-tui init`, then `handoff-tui add SECTION \"TEXT\"` (sections: \(sections)), "
                + "then `handoff-tui commit`. If nothing is worth recording, say so and stop."
        }
        writeOut("{\"decision\":\"block\",\"reason\":\(jsonStringLiteral(reason))}\n")
    }

    static func preCompact(_ input: HookInput) {
        let handoff = HookHandoff.load()
        guard let store = SessionStore.open(handoff: handoff, sessionID: input.sessionID) else { return }
        var state: SessionState
        if let s = store.load() { state = s } else if let now = store.snapshot() {
            state = SessionState(head: now.head, work: now.work, handoff: handoff.fingerprint)
        } else { return }
        state.compaction = input.trigger == "auto" ? "auto" : "manual"
        store.save(state)
    }
}

/// The git post-commit hook's line: the commit changed files, not the handoff, and the
/// handoff's last commit is now N commits behind.
enum PostCommitLine {
    static func run() {
        let handoff = HookHandoff.load()
        guard handoff.exists else { return }
        let file = handoff.path
        let found = try? runBlocking { () async throws(GitError) -> (behind: Int, last: String?, path: String)? in
            let (repository, path) = try await GitRepository.open(forFile: file)
            let touched = try await repository.pathsChanged(in: "HEAD")
            guard !touched.isEmpty, !touched.contains(path) else { return nil }
            guard let last = try await repository.versions(of: path, limit: 1).first else { return (0, nil, path) }
            return (try await repository.commitCount(from: last.commit.hash, to: "HEAD"), last.commit.shortHash, path)
        }
        guard let found = found ?? nil else { return }
        if let last = found.last {
            printError("handoff-tui: the handoff (\(file)) is \(found.behind) commit\(found.behind == 1 ? "" : "s") behind the code "
                       + "(last changed in \(last)); update it with `handoff-tui add …` or `handoff-tui edit`, then `handoff-tui commit`")
        } else {
            printError("handoff-tui: the handoff (\(file)) is not committed yet; `handoff-tui commit` commits it")
        }
    }
}
