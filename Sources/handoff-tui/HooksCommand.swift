import AgentHooks
import ArgumentParser
import GitRunner
import HandoffCore
import HandoffFiles
#if canImport(Glibc)
import Glibc
#endif

/// `handoff-tui hooks`: the handoff in every agent session, put there by the agents' own hooks.
struct Hooks: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Install, remove or list the hooks that put the handoff into agent sessions (Claude Code, Codex CLI, git).",
        discussion: """
            Claude Code (.claude/settings.json) and Codex CLI (.codex/hooks.json) get three \
            hooks: SessionStart (startup, resume, clear, compact) puts the handoff and the \
            start-of-session request into the agent's context, and after a compaction asks to \
            bring the handoff up to date; Stop asks once, when the session changed code but not \
            the handoff, to update it before stopping; PreCompact records that a compaction \
            happened. git gets a post-commit hook that prints one line when the code moved on \
            and the handoff did not. Installing keeps every other byte of the file and backs it \
            up first (FILE.handoff-tui.bak); uninstalling removes exactly what was added. \
            See docs/AGENTS.md.
            """,
        subcommands: [HooksInstall.self, HooksUninstall.self, HooksStatus.self, HooksRun.self]
    )
}

/// Which agents' hooks a command works on.
struct HookTargets: ParsableArguments {
    @Flag(name: .customLong("claude-code"), help: "Claude Code: .claude/settings.json at the work-tree root.")
    var claudeCode = false

    @Flag(help: "Codex CLI: .codex/hooks.json at the work-tree root.")
    var codex = false

    @Flag(help: "git: a post-commit hook (in core.hooksPath when set).")
    var git = false

    @Flag(help: "Claude Code and Codex: the user's settings (~/.claude/settings.json, $CODEX_HOME or ~/.codex/hooks.json) instead of the repository's.")
    var user = false

    func validate() throws {
        if !claudeCode && !codex && !git { throw ValidationError("say which hooks: --claude-code, --codex or --git (or several)") }
        if user && !claudeCode && !codex { throw ValidationError("--user goes with --claude-code or --codex") }
    }
}

struct HooksInstall: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Install the hooks (a second install changes nothing).",
        discussion: """
            Exit status: 65 the settings file is not valid JSON, or not shaped as the agent \
            reads it (nothing is changed); 74 a file could not be read or written; 4 --git \
            outside a git repository; 73 --git: post-commit.handoff-tui-chained exists already.
            """
    )

    @OptionGroup var targets: HookTargets

    func run() throws {
        if targets.claudeCode {
            try AgentSettings.claudeCode(user: targets.user).install()
        }
        if targets.codex {
            try AgentSettings.codex(user: targets.user).install()
            writeOut("Codex asks to trust new hooks before it runs them: open /hooks in Codex and trust the handoff-tui ones.\n")
        }
        if targets.git { try GitHook.install() }
    }
}

struct HooksUninstall: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uninstall",
        abstract: "Remove the hooks that install added, and nothing else.",
        discussion: """
            A settings file that held nothing else before is left as it was (byte for byte); \
            one that install created is deleted. Exit status as for install.
            """
    )

    @OptionGroup var targets: HookTargets

    func run() throws {
        if targets.claudeCode { try AgentSettings.claudeCode(user: targets.user).uninstall() }
        if targets.codex { try AgentSettings.codex(user: targets.user).uninstall() }
        if targets.git { try GitHook.uninstall() }
    }
}

struct HooksStatus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Say which hooks are installed where: Claude Code (project, user), Codex (project, user), git."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: Format = .text

    func run() throws {
        let files = [("claude_code", "project", AgentSettings.claudeCode(user: false)),
                     ("claude_code", "user", AgentSettings.claudeCode(user: true)),
                     ("codex", "project", AgentSettings.codex(user: false)),
                     ("codex", "user", AgentSettings.codex(user: true))]
        let git = GitHook.status()
        if format == .json {
            var out = "{\n"
            for (agent, scope, settings) in files {
                let s = settings.status()
                out += "  \(jsonStringLiteral(agent + "_" + scope)): {\"path\": \(jsonStringLiteral(settings.path)), "
                    + "\"installed\": \(!s.events.isEmpty), \"events\": [\(s.events.map(jsonStringLiteral).joined(separator: ", "))]"
                    + (s.problem.map { ", \"problem\": \(jsonStringLiteral($0))" } ?? "") + "},\n"
            }
            out += "  \"git\": {\"path\": \(git.path.map(jsonStringLiteral) ?? "null"), \"installed\": \(git.installed)"
                + (git.problem.map { ", \"problem\": \(jsonStringLiteral($0))" } ?? "") + "}\n}\n"
            writeOut(out)
            return
        }
        var out = ""
        for (agent, scope, settings) in files {
            let s = settings.status()
            let name = (agent == "codex" ? "Codex" : "Claude Code") + " (\(scope))"
            let state = s.problem ?? (s.events.isEmpty ? "not installed" : "installed: " + s.events.joined(separator: ", "))
            out += "\(name): \(state) — \(settings.path)\n"
        }
        out += "git post-commit: " + (git.problem ?? (git.installed ? "installed" : "not installed")) + (git.path.map { " — \($0)" } ?? "") + "\n"
        writeOut(out)
    }
}

// MARK: - Settings files

/// One agent's hooks file: where it is and which hooks go in it.
struct AgentSettings {
    let agent: String
    let path: String
    let entries: [HookEntry]

    static let runPrefix = "handoff-tui hooks run "

    static func entries() -> [HookEntry] {
        [HookEntry(event: "SessionStart", matcher: "startup|resume|clear|compact", command: runPrefix + "session-start", timeout: 30),
         HookEntry(event: "Stop", matcher: nil, command: runPrefix + "stop", timeout: 30),
         HookEntry(event: "PreCompact", matcher: nil, command: runPrefix + "pre-compact", timeout: 10)]
    }

    static func claudeCode(user: Bool) -> AgentSettings {
        let dir = user ? Path.join(home(), ".claude") : Path.join(HandoffLocator().root, ".claude")
        return AgentSettings(agent: "Claude Code", path: Path.join(dir, "settings.json"), entries: entries())
    }

    static func codex(user: Bool) -> AgentSettings {
        let dir: String
        if user {
            let codexHome = getenv("CODEX_HOME").map { String(cString: $0) } ?? ""
            dir = codexHome.isEmpty ? Path.join(home(), ".codex") : codexHome
        } else {
            dir = Path.join(HandoffLocator().root, ".codex")
        }
        return AgentSettings(agent: "Codex", path: Path.join(dir, "hooks.json"), entries: entries())
    }

    static func home() -> String { getenv("HOME").map { String(cString: $0) } ?? "/" }

    var backupPath: String { path + ".handoff-tui.bak" }

    /// The file's bytes; nil when it does not exist.
    func read() throws -> [UInt8]? {
        do { return try FileSystem.read(path) } catch {
            if error.isMissing { return nil }
            throw fail(error.message, status: ExitStatus.ioError)
        }
    }

    func write(_ bytes: [UInt8], to target: String) throws {
        do { try FileSystem.writeAtomically(bytes, to: target, createDirectories: true) } catch {
            throw fail(error.message, status: ExitStatus.ioError)
        }
    }

    func refuse(_ error: HookSettingsError) -> ExitCode {
        fail("\(path): \(error.message); nothing was changed", status: ExitStatus.dataError)
    }

    func install() throws {
        let old = try read()
        let new: [UInt8]
        do { new = try HookSettings.install(old, entries: entries) } catch { throw refuse(error) }
        if let old, new == old {
            writeOut("\(agent) hooks are already installed in \(path)\n")
            return
        }
        // The original, once: before the first change this tool makes to the file.
        if let old, !FileSystem.exists(backupPath) { try write(old, to: backupPath) }
        try write(new, to: path)
        writeOut("Installed the \(agent) hooks in \(path): SessionStart (startup, resume, clear, compact), Stop, PreCompact"
                 + (old != nil ? " (the file as it was: \(backupPath))" : "") + "\n")
    }

    func uninstall() throws {
        guard let old = try read() else {
            writeOut("No \(agent) hooks to remove: \(path) does not exist\n")
            return
        }
        let new: [UInt8]
        do { new = try HookSettings.uninstall(old) } catch { throw refuse(error) }
        if new == old {
            writeOut("No handoff-tui hooks in \(path)\n")
            return
        }
        let backup = try? FileSystem.read(backupPath)
        if backup == nil, HookSettings.isEmptyObject(new) {
            // install made this file: nothing else is in it.
            guard unlink(path) == 0 else { throw fail("\(path): cannot delete it (\(String(cString: strerror(errno))))", status: ExitStatus.ioError) }
            writeOut("Removed the \(agent) hooks: deleted \(path), which install had created\n")
            return
        }
        try write(new, to: path)
        // The backup says nothing the file does not say now.
        if backup == new { unlink(backupPath) }
        writeOut("Removed the \(agent) hooks from \(path)\n")
    }

    func status() -> (events: [String], problem: String?) {
        guard let bytes = try? FileSystem.read(path) else { return ([], nil) }
        do {
            var events: [String] = []
            for found in try HookSettings.installed(bytes) where !events.contains(found.event) { events.append(found.event) }
            return (events, nil)
        } catch {
            return ([], error.message)
        }
    }
}

// MARK: - git

enum GitHook {
    static func hookPath() throws -> String {
        let directory = FileSystem.currentDirectory()
        return try runGit { () async throws(GitError) -> String in
            let repository = try await GitRepository.open(directory: directory)
            return Path.join(try await repository.hooksDirectory(), "post-commit")
        }
    }

    static func readHook(_ path: String) throws -> [UInt8]? {
        do { return try FileSystem.read(path) } catch {
            if error.isMissing { return nil }
            throw fail(error.message, status: ExitStatus.ioError)
        }
    }

    static func writeHook(_ bytes: [UInt8], to path: String) throws {
        do { try FileSystem.writeAtomically(bytes, to: path, createDirectories: true) } catch {
            throw fail(error.message, status: ExitStatus.ioError)
        }
        // Keep an existing hook's mode (writeAtomically does); a new one must be executable.
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & 0o111 == 0 { chmod(path, (info.st_mode & 0o7777) | 0o755) }
    }

    static func move(_ from: String, _ to: String) throws {
        guard rename(from, to) == 0 else {
            throw fail("cannot rename \(from) to \(to): \(String(cString: strerror(errno)))", status: ExitStatus.ioError)
        }
    }

    static func install() throws {
        let path = try hookPath()
        switch PostCommitHook.install(try readHook(path)) {
        case .alreadyInstalled:
            writeOut("The git post-commit hook is already installed in \(path)\n")
        case .write(let bytes):
            let existed = FileSystem.exists(path)
            try writeHook(bytes, to: path)
            writeOut(existed ? "Added the handoff-tui block to the post-commit hook \(path) (it runs before the rest of the hook)\n"
                             : "Installed the git post-commit hook \(path)\n")
        case .chain(let wrapper):
            let chained = path + PostCommitHook.chainedSuffix
            guard !FileSystem.exists(chained) else {
                throw fail("\(chained) exists already; move it away first", status: ExitStatus.cannotCreate)
            }
            try move(path, chained)
            try writeHook(wrapper, to: path)
            writeOut("Installed the git post-commit hook \(path); it runs yours, now \(chained), after its line\n")
        }
    }

    static func uninstall() throws {
        let path = try hookPath()
        guard let bytes = try readHook(path) else {
            writeOut("No git post-commit hook in \(path)\n")
            return
        }
        switch PostCommitHook.uninstall(bytes) {
        case .notInstalled:
            writeOut("No handoff-tui block in \(path)\n")
        case .write(let bytes):
            try writeHook(bytes, to: path)
            writeOut("Removed the handoff-tui block from \(path)\n")
        case .delete:
            unlink(path)
            writeOut("Deleted the git post-commit hook \(path), which install had created\n")
        case .unchain:
            try move(path + PostCommitHook.chainedSuffix, path)
            writeOut("Removed the git post-commit hook and put yours back at \(path)\n")
        }
    }

    static func status() -> (path: String?, installed: Bool, problem: String?) {
        let directory = FileSystem.currentDirectory()
        let found = try? runBlocking { () async throws(GitError) -> String in
            let repository = try await GitRepository.open(directory: directory)
            return Path.join(try await repository.hooksDirectory(), "post-commit")
        }
        guard let path = found else { return (nil, false, "not a git repository") }
        guard let bytes = try? FileSystem.read(path) else { return (path, false, nil) }
        return (path, PostCommitHook.isInstalled(bytes), nil)
    }
}
