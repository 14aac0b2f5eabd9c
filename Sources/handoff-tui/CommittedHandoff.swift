import GitRunner
import HandoffCore
import HandoffFiles

/// The handoff as committed at a revision, for `show --rev`, `init --from` and `log`.
struct CommittedHandoff {
    let document: HandoffDocument
    /// The file's path relative to the work-tree root, in that commit.
    let path: String
    /// The commit, resolved (`--rev main` names the commit main pointed at).
    let commitID: String
    /// What the user typed.
    let revision: String

    /// Reads `file` (or, with none, the handoff found as usual: the working file's path, else
    /// the first of the usual names that the commit has) at `revision`.
    static func load(_ file: String?, at revision: String) throws -> CommittedHandoff {
        let locator = HandoffLocator()
        let (named, explicit) = locator.resolveForHistory(file)
        let found = try runGit { () async throws(GitError) -> (commit: String, path: String, bytes: [UInt8]?) in
            let (repository, workingPath) = try await GitRepository.open(forFile: named ?? Path.join(locator.root, "HANDOFF.md"))
            let commit = try await repository.commitID(of: revision)
            let tried = historyPaths(workingPath: named != nil ? workingPath : nil, explicit: explicit)
            let blobs = try await repository.contents(of: tried.map { (commit, $0) })
            let n = blobs.firstIndex { $0 != nil } ?? 0
            return (commit, tried[n], blobs[n])
        }
        guard let bytes = found.bytes else {
            let what = explicit ? found.path : "handoff (looked for \(HandoffLocator.candidates.joined(separator: ", ")))"
            throw fail("\(revision) (\(found.commit.prefix(7))) has no \(what)", status: ExitStatus.noInput)
        }
        do {
            return CommittedHandoff(document: try HandoffDocument(validating: bytes, mapping: loadMapping(locator)), path: found.path,
                                    commitID: found.commit, revision: revision)
        } catch {
            throw fail("\(found.path) at \(revision): \(error.message)", status: ExitStatus.dataError)
        }
    }
}

extension HandoffLocator {
    /// The working file's path when one is found or named, and whether it was named (a
    /// FILE argument or $HANDOFF_FILE): history looks only at a named file, and at the
    /// found one first, then the usual names (the file may have been renamed since).
    func resolveForHistory(_ file: String?) -> (path: String?, explicit: Bool) {
        let explicit = file != nil || environmentOverride != nil
        switch resolve(file) {
        case .found(let p): return (p, explicit)
        case .notFound(let p): return (explicit ? p : nil, explicit)
        }
    }
}

/// The paths (relative to the work-tree root) to look for the handoff at in a commit.
func historyPaths(workingPath: String?, explicit: Bool) -> [String] {
    guard let workingPath else { return HandoffLocator.candidates }
    return explicit ? [workingPath] : [workingPath] + HandoffLocator.candidates.filter { $0 != workingPath }
}

/// Runs git work from the command line; a failure is one line on stderr and its exit status.
func runGit<T: Sendable>(_ operation: @escaping @Sendable () async throws(GitError) -> T) throws -> T {
    do {
        return try runBlocking(operation)
    } catch {
        throw fail(error.message, status: ExitStatus.status(for: error))
    }
}
