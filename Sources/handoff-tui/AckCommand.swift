import ArgumentParser
import GitRunner
import HandoffCore
import HandoffFiles

/// `handoff-tui ack`: "I have read this handoff", recorded where the team sees it.
struct Ack: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record that you have read the handoff (as committed at REV, default HEAD).",
        discussion: """
            Adds "read by NAME <EMAIL> at TIME" (git's user.name and user.email, UTC) as a git \
            note on the commit that last changed the handoff, under refs/notes/handoff-ack: the \
            file, HEAD and the branch are not touched. "handoff-tui log" shows who has read which version. \
            --push brings the remote's acknowledgements in (merged line by line) and pushes \
            them with yours; "commit --push" pushes them too. Exit status: 4 not a git \
            repository; 5 git failed (no identity, the push was refused); 7 REV names no \
            commit; 66 no committed handoff.
            """
    )

    @Argument(help: ArgumentHelp("The version to acknowledge: the handoff as of this revision.", valueName: "REV"))
    var revision: String = "HEAD"

    @Option(name: .long, help: "The handoff file (default: found from the work-tree root).")
    var file: String?

    @Flag(help: "Push the acknowledgements (after merging the remote's).")
    var push = false

    func run() throws {
        let locator = HandoffLocator()
        let (named, explicit) = locator.resolveForHistory(file)
        let (revision, push) = (self.revision, self.push)
        let result = try runGit { () async throws(GitError) -> (version: FileVersion?, ack: Acknowledgement?, new: Bool, pushed: PushResult?) in
            let (repository, workingPath) = try await GitRepository.open(forFile: named ?? Path.join(locator.root, "HANDOFF.md"))
            for path in historyPaths(workingPath: named != nil ? workingPath : nil, explicit: explicit) {
                guard let version = try await repository.versions(of: path, from: revision, limit: 1).first else { continue }
                let (ack, new) = try await repository.acknowledge(version.commit.hash)
                let pushed = push ? try await repository.pushAcknowledgements() : nil
                return (version, ack, new, pushed)
            }
            return (nil, nil, false, nil)
        }
        guard let version = result.version, let ack = result.ack else {
            throw fail("no committed handoff" + (revision == "HEAD" ? "" : " up to \(revision)") + " to acknowledge", status: ExitStatus.noInput)
        }
        let c = version.commit
        writeOut(result.new
                 ? "Acknowledged \(c.shortHash) (\(c.subject)) as read by \(ack.name)\n"
                 : "\(c.shortHash) (\(c.subject)) was already acknowledged by \(ack.name) at \(ack.date)\n")
        if let pushed = result.pushed, !pushed.output.isEmpty { printError(pushed.output) }
    }
}
