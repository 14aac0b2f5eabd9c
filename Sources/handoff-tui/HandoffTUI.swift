import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

@main
struct HandoffTUI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handoff-tui",
        abstract: "Write, check and commit the session handoff that the next coding session starts from.",
        discussion: """
            With no command, opens the handoff in the editor. The handoff file is found from \
            the git work-tree root (or the current folder): $HANDOFF_FILE, then \
            .claude/session-handoff.md, .claude/handoff.md, .session-state.md, HANDOFF.md, \
            handoff.md, SESSION_HANDOFF.md, docs/HANDOFF.md.

            Exit status: 0 success; 1 check found problems; 2 not a terminal (the editor); \
            64 bad usage; 65 the file is not valid UTF-8 text; 66 no handoff file; \
            73 init would overwrite a file; 74 the file could not be read or written. \
            For commit: 3 secrets found; 4 not a git repository; 5 git refused or failed; \
            6 committed, but the push failed; 69 git is not installed. With a revision (show \
            --rev, log, diff, ack, init --from): 7 it names no commit. status: 1 stale. \
            hooks install and uninstall: 65 the agent's settings file is not valid JSON.
            """,
        version: Version.text,
        subcommands: [Edit.self, Show.self, Check.self, Init.self, Add.self, CommitCommand.self, Log.self, Diff.self, Ack.self, Review.self, Done.self, Status.self, Hooks.self],
        defaultSubcommand: Edit.self
    )

    /// The subcommands' names, spelled out: asking each command type for its name reflects on
    /// the type at run time (~0.5 ms before the first paint). A CLI test checks the list. An
    /// array, not a set: a `Set<String>` made at start-up has the runtime look up `String:
    /// Hashable` among every conformance in the binary (~0.1 ms).
    static let commandNames = ["edit", "show", "check", "init", "add", "commit", "log", "diff", "ack", "review", "done", "status", "hooks", "help"]

    /// `handoff-tui` and `handoff-tui FILE` open the editor without the argument parser:
    /// parsing the command tree costs ~2 ms of start-up, and the first paint races vim.
    static func main() {
        let args = CommandLine.arguments.dropFirst()
        let commands = commandNames
        if args.count <= 1, let file = args.first.map(Optional.some) ?? .some(nil),
           file.map({ !$0.hasPrefix("-") && !commands.contains($0) }) ?? true {
            do {
                try Edit.open(file)
                Glibc.exit(0)
            } catch let code as ExitCode {
                Glibc.exit(code.rawValue)
            } catch {
                Self.exit(withError: error)
            }
        }
        Self.main(Array(args))
    }
}
