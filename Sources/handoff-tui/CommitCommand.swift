import ArgumentParser
import GitRunner
import HandoffCore
import HandoffFiles

/// `handoff-tui commit`: the handoff, and nothing else, committed with a `session: …` message.
struct CommitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "commit",
        abstract: "Commit the handoff, and only the handoff, with a generated \"session: ...\" message.",
        discussion: """
            The message is "session: <summary>" (the title, or the first In Progress item) and \
            one paragraph each for Completed, In progress, Blocked and Next, wrapped at 72 \
            columns. The user's other staged and unstaged changes stay as they are. Before \
            committing, the file is scanned for likely secrets (private keys, tokens, \
            password= assignments, long random strings); any found stop the commit unless \
            --allow-secrets is given.

            Exit status: 0 committed, or nothing to commit; 3 secrets found, nothing committed; \
            4 not a git repository; 5 git refused or failed (a hook, signing, an unreadable \
            commit.template, and the like), nothing committed; 6 committed, but the push failed; 69 git is \
            not installed.

            git's conventions apply: the commit.template file goes after the generated message \
            (not with -m, as with git commit -m) and its comment lines are removed; the \
            prepare-commit-msg and commit-msg hooks run, and the subject printed is the one \
            they left; commit.gpgsign signs the commit.
            """
    )

    @Argument(help: "The handoff file (default: found from the work-tree root).")
    var file: String?

    @Option(name: [.customShort("m"), .customLong("message")], help: "The subject line, instead of the generated one (and no commit.template, as with git commit -m).")
    var subject: String?

    @Flag(help: "Push the branch after committing (to its upstream, or to origin).")
    var push = false

    @Flag(help: "Commit even if the secret scan finds something.")
    var allowSecrets = false

    @Flag(help: "Print the message and what would be committed; commit nothing.")
    var dryRun = false

    func validate() throws {
        if let subject, subject.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" }) {
            throw ValidationError("the subject given with -m is empty")
        }
    }

    func run() throws {
        let loaded = try loadHandoff(file, mustExist: true)
        guard let document = loaded.document else { throw ExitCode(ExitStatus.noInput) }
        let path = loaded.path

        // The read-only git queries (status, what is staged, the commit template) run while
        // the document is scanned and the message written.
        let prepared = Task.detached { () async -> Result<HandoffCommit.Prepared, GitError> in
            do throws(GitError) { return .success(try await HandoffCommit.prepare(file: path)) } catch { return .failure(error) }
        }

        let findings = SecretScanner.scan(document)
        if !findings.isEmpty {
            let list = findings.map { "\(path):\($0.line):\($0.column): \($0.kind.description): \($0.excerpt)" }
            if !allowSecrets && !dryRun {
                printError("handoff-tui: \(path) holds what look\(findings.count == 1 ? "s" : "") like "
                    + "\(findings.count == 1 ? "a secret" : "\(findings.count) secrets"); nothing was committed:")
                for line in list { printError(line) }
                printError("Remove \(findings.count == 1 ? "it" : "them") (a shared repository keeps every version), "
                    + "or commit anyway with --allow-secrets.")
                throw ExitCode(ExitStatus.secretsFound)
            }
            printError("handoff-tui: warning: \(findings.count == 1 ? "a likely secret" : "\(findings.count) likely secrets") "
                + (dryRun ? "would stop this commit:" : "committed (--allow-secrets):"))
            for line in list { printError(line) }
        }

        let ready = try git { () async throws(GitError) in try await prepared.value.get() }
        let message = CommitMessage(document: document, subject: subject.map(oneLine),
                                    commentPrefix: ready.conventions.commentPrefix)
        // The template goes after the generated message, its comment lines removed, unless
        // -m is given: like `git commit -m`, a message given on the command line takes none
        // (and a template that cannot be read does not matter then, nor when there is
        // nothing to commit).
        var text = message.text
        if subject == nil, ready.state != .unchanged {
            let conventions = ready.conventions
            let templateText: String?
            do throws(GitError) { templateText = try conventions.templateText() } catch {
                throw fail(error.message, status: ExitStatus.status(for: error))
            }
            if let templateText {
                let template = CommitTemplate(text: templateText, commentPrefix: conventions.commentPrefix)
                text = template.removingComments(from: template.appended(to: text))
            }
        }

        if dryRun {
            let what: String
            switch ready.state {
            case .unchanged: what = "nothing to commit: \(path) is unchanged since HEAD"
            case .untracked: what = "would add and commit \(ready.path) (new file)"
            case .ignored: what = "cannot commit \(ready.path): it is ignored by git"
            case .conflicted: what = "cannot commit \(ready.path): it has unresolved conflicts"
            case .absent: what = "cannot commit \(ready.path): no such file"
            case .changed: what = "would commit \(ready.path)"
            }
            let on = ready.head.branch.map { " on \($0)" } ?? " on a detached HEAD"
            writeOut(what + (ready.state == .unchanged ? "" : on) + "\n\n" + text)
            return
        }

        let push = self.push, committed = text
        let result = try git { () async throws(GitError) in
            try await ready.commit(message: committed, push: push)
        }
        if case .committed(let commit) = result.outcome {
            let hookOutput = commit.output.trimmingNewlines()
            if !hookOutput.isEmpty { printError(hookOutput) }
            for w in commit.warnings { printError("handoff-tui: warning: " + w.message) }
        }
        writeOut(result.statusLine + "\n")
        switch result.push {
        case nil:
            break
        case .success(let pushed)?:
            if !pushed.output.isEmpty { printError(pushed.output) }
        case .failure(let error)?:
            let kept = if case .committed(let c) = result.outcome { "the commit \(c.shortHash) stays" } else { "nothing was lost" }
            throw fail("push failed (\(kept); push again with `git push`): \(error.message)", status: ExitStatus.pushFailed)
        }
    }

    /// Runs a git operation, turning its error into the message and exit status.
    private func git<T: Sendable>(_ operation: @escaping @Sendable () async throws(GitError) -> T) throws -> T {
        do {
            return try runBlocking(operation)
        } catch {
            throw fail(error.message, status: ExitStatus.status(for: error))
        }
    }

    private func oneLine(_ s: String) -> String {
        s.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }
}

extension ExitStatus {
    static let secretsFound: Int32 = 3
    static let notARepository: Int32 = 4
    static let gitFailed: Int32 = 5
    static let pushFailed: Int32 = 6
    static let gitUnavailable: Int32 = 69   // EX_UNAVAILABLE

    static let badRevision: Int32 = 7

    static func status(for error: GitError) -> Int32 {
        switch error {
        case .notARepository: notARepository
        case .gitNotInstalled: gitUnavailable
        case .badRevision: badRevision
        case .noCommits: noInput
        default: gitFailed
        }
    }
}

extension String {
    fileprivate func trimmingNewlines() -> String {
        var s = Substring(self)
        while let l = s.last, l == "\n" || l == " " { s.removeLast() }
        return String(s)
    }
}
