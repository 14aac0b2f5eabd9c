import Foundation
import GitRunner
import Testing

/// The git service against real git in temporary repositories: no mocks.
@Suite("GitRunner: committing the handoff")
struct GitRunnerTests {
    func open(_ repo: TestRepository, _ file: String = "HANDOFF.md") async throws -> (GitRepository, String) {
        let (r, p) = try await GitRepository.open(forFile: repo.url.appendingPathComponent(file).path, git: repo.git)
        return (r, p)
    }

    func committed(_ outcome: CommitOutcome) -> Commit? {
        if case .committed(let c) = outcome { return c }
        return nil
    }

    @Test("a new, untracked handoff is added and committed, alone")
    func commitsNewHandoff() async throws {
        let repo = try TestRepository()
        try repo.write("HANDOFF.md", handoffText)
        let (git, path) = try await open(repo)
        #expect(path == "HANDOFF.md")
        #expect(try await git.status(of: path) == .untracked)
        let outcome = try await git.commit(path, message: "session: new\n\nCompleted: x.\n")
        let c = try #require(committed(outcome))
        #expect(c.subject == "session: new")
        #expect(c.shortHash.count >= 7 && c.hash.hasPrefix(c.shortHash))
        #expect(c.branch == "main")
        #expect(c.warnings.isEmpty)
        #expect(try repo.headChangedPaths() == ["HANDOFF.md"])
        #expect(try repo.sh("log", "-1", "--format=%B") == "session: new\n\nCompleted: x.\n\n")
        #expect(try await git.status(of: path) == .unchanged)
    }

    @Test("a changed handoff is committed; unchanged, there is nothing to commit")
    func commitsChangedHandoff() async throws {
        let repo = try TestRepository(commitFiles: ["README.md": "r\n", "docs/HANDOFF.md": handoffText])
        try repo.write("docs/HANDOFF.md", handoffText + "- one more\n")
        let (git, path) = try await open(repo, "docs/HANDOFF.md")
        #expect(path == "docs/HANDOFF.md")
        #expect(try await git.status(of: path) == .changed(index: ".", workTree: "M"))
        let c = try #require(committed(try await git.commit(path, message: "session: changed")))
        #expect(try repo.headSubject() == "session: changed")
        #expect(try repo.headChangedPaths() == ["docs/HANDOFF.md"])
        #expect(try await git.head() == Head(branch: "main", commit: c.hash))

        let before = try repo.commitCount()
        #expect(try await git.commit(path, message: "session: again") == .nothingToCommit(path: path))
        #expect(try repo.commitCount() == before)
    }

    @Test("other staged, unstaged and partially staged changes are untouched, byte for byte")
    func leavesOtherChangesAlone() async throws {
        let repo = try TestRepository(commitFiles: [
            "a.txt": "a1\n", "b.txt": "b1\n", "c.txt": "c1\nc2\nc3\n", "HANDOFF.md": handoffText, "README.md": "r\n",
        ])
        try repo.write("a.txt", "a2 staged\n")
        try repo.sh("add", "a.txt")                       // staged change
        try repo.write("b.txt", "b2 unstaged\n")           // unstaged change
        try repo.write("c.txt", "c1 staged\nc2\nc3\n")
        try repo.sh("add", "c.txt")
        try repo.write("c.txt", "c1 staged\nc2\nc3 unstaged\n")   // partially staged: MM
        try repo.write("d.txt", "new staged file\n")
        try repo.sh("add", "d.txt")                       // staged new file
        try repo.write("e.txt", "untracked\n")             // untracked
        try repo.sh("rm", "-q", "--cached", "README.md")  // staged deletion, file kept
        // The handoff itself partially staged: the commit takes its work-tree content.
        try repo.write("HANDOFF.md", handoffText + "- staged line\n")
        try repo.sh("add", "HANDOFF.md")
        try repo.write("HANDOFF.md", handoffText + "- staged line\n- unstaged line\n")

        let before = try repo.snapshot()
        let (git, path) = try await open(repo)
        let c = try #require(committed(try await git.commit(path, message: "session: only the handoff")))
        let after = try repo.snapshot()
        #expect(before == after)
        #expect(try repo.headChangedPaths() == ["HANDOFF.md"])
        #expect(try repo.sh("show", "HEAD:HANDOFF.md") == handoffText + "- staged line\n- unstaged line\n")
        #expect(try await git.status(of: path) == .unchanged)
        let status = try repo.sh("status", "--porcelain=v1", "--", "a.txt", "b.txt", "c.txt", "d.txt", "README.md")
        #expect(status == "D  README.md\nM  a.txt\n M b.txt\nMM c.txt\nA  d.txt\n?? README.md\n")
        #expect(c.subject == "session: only the handoff")
    }

    @Test("a partially staged handoff, nothing else staged: a failed commit keeps its staged version")
    func partiallyStagedHandoff() async throws {
        let repo = try TestRepository(commitFiles: ["HANDOFF.md": handoffText])
        try repo.write("HANDOFF.md", handoffText + "- staged\n")
        try repo.sh("add", "HANDOFF.md")
        try repo.write("HANDOFF.md", handoffText + "- staged\n- not staged\n")
        let staged = try repo.sh("diff", "--cached")
        try repo.hook("pre-commit", "echo 'not today' >&2; exit 1")
        let (git, path) = try await open(repo)
        await #expect(throws: GitError.self) { _ = try await git.commit(path, message: "session: x") }
        #expect(try repo.sh("diff", "--cached") == staged)
        #expect(try repo.read("HANDOFF.md") == handoffText + "- staged\n- not staged\n")

        try FileManager.default.removeItem(at: repo.url.appendingPathComponent(".git/hooks/pre-commit"))
        let prepared = try await HandoffCommit.prepare(file: repo.url.appendingPathComponent("HANDOFF.md").path, git: repo.git)
        #expect(prepared.state == .changed(index: "M", workTree: "M"))
        #expect(!prepared.othersStaged)
        #expect(prepared.head.branch == "main")
        let result = try await prepared.commit(message: "session: all of it")
        #expect(result.statusLine.hasSuffix("] session: all of it"))
        #expect(try repo.sh("show", "HEAD:HANDOFF.md") == handoffText + "- staged\n- not staged\n")
        #expect(try repo.sh("status", "--porcelain") == "")
    }

    @Test("the first commit of a repository with other files staged commits only the handoff")
    func firstCommit() async throws {
        let repo = try TestRepository(commitFiles: nil)
        try repo.write("x.txt", "staged\n")
        try repo.sh("add", "x.txt")
        try repo.write("HANDOFF.md", handoffText)
        let before = try repo.snapshot()
        let (git, path) = try await open(repo)
        #expect(try await git.head() == Head(branch: "main", commit: nil))
        #expect(try await git.log(of: path).isEmpty)
        _ = try #require(committed(try await git.commit(path, message: "session: first")))
        #expect(try repo.snapshot() == before)
        #expect(try repo.headChangedPaths() == ["HANDOFF.md"])
    }

    @Test("the work tree is found as git finds it: a subfolder, a linked work tree")
    func discovery() async throws {
        let repo = try TestRepository(commitFiles: ["docs/notes/HANDOFF.md": handoffText])
        let (main, path) = try await open(repo, "docs/notes/HANDOFF.md")
        #expect(path == "docs/notes/HANDOFF.md")
        #expect(main.root == (try repo.sh("rev-parse", "--show-toplevel").trimmingCharacters(in: .newlines)))
        #expect(main.gitDirectory == (try repo.sh("rev-parse", "--absolute-git-dir").trimmingCharacters(in: .newlines)))

        let linked = repo.url.deletingLastPathComponent().appendingPathComponent("linked")
        try repo.sh("worktree", "add", "-q", "-b", "side", linked.path)
        try Data((handoffText + "- in the linked tree\n").utf8).write(to: linked.appendingPathComponent("docs/notes/HANDOFF.md"))
        let (wt, wtPath) = try await GitRepository.open(forFile: linked.appendingPathComponent("docs/notes/HANDOFF.md").path, git: repo.git)
        #expect(wtPath == "docs/notes/HANDOFF.md")
        #expect(wt.gitDirectory == (try repo.run(["rev-parse", "--absolute-git-dir"], in: linked).out.trimmingCharacters(in: .newlines)))
        let c = try #require(committed(try await wt.commit(wtPath, message: "session: linked")))
        #expect(c.branch == "side")
        #expect(c.hash == (try repo.sh("rev-parse", "side").trimmingCharacters(in: .newlines)))
        #expect(try repo.headSubject() == "initial", "the main work tree's branch is untouched")
    }

    @Test("not a repository")
    func notARepository() async throws {
        let repo = try TestRepository(initialize: false)
        do {
            _ = try await GitRepository.open(directory: repo.path, git: repo.git)
            Issue.record("expected notARepository")
        } catch {
            guard case .notARepository(let m) = error else { Issue.record("got \(error)"); return }
            #expect(m.contains("not a git repository"))
            #expect(error.message.contains("not a git repository"))
        }
    }

    @Test("git not installed: a missing executable, or a PATH without git")
    func gitNotInstalled() async throws {
        let repo = try TestRepository()
        try repo.write("HANDOFF.md", handoffText)
        for git in [Git(executable: "/nonexistent/bin/git"), Git(environment: ["PATH": "/nonexistent"])] {
            do {
                // Finding the work tree reads .git itself; the first git started fails.
                let (r, path) = try await GitRepository.open(forFile: repo.url.appendingPathComponent("HANDOFF.md").path, git: git)
                _ = try await r.commit(path, message: "session: x")
                Issue.record("expected gitNotInstalled")
            } catch {
                guard case .gitNotInstalled = error else { Issue.record("got \(error)"); continue }
                #expect(error.message.contains("git is not installed"))
            }
        }
    }

    @Test("a rejecting pre-commit hook: its output in the error, the index as it was")
    func preCommitHookRejects() async throws {
        let repo = try TestRepository()
        try repo.hook("pre-commit", "echo 'lint: trailing whitespace in HANDOFF.md:3' >&2\necho 'on stdout too'\nexit 1")
        try repo.write("HANDOFF.md", handoffText)
        try repo.write("other.txt", "x\n")
        try repo.sh("add", "other.txt")
        let before = try repo.snapshot()
        let (git, path) = try await open(repo)
        do {
            _ = try await git.commit(path, message: "session: x")
            Issue.record("expected hookRejected")
        } catch {
            guard case .hookRejected(let hook, let output) = error else { Issue.record("got \(error)"); return }
            #expect(hook == "pre-commit")
            #expect(output.contains("lint: trailing whitespace in HANDOFF.md:3"))
            #expect(output.contains("on stdout too"))
            #expect(error.message.contains("pre-commit hook rejected"))
        }
        #expect(try repo.snapshot() == before)
        #expect(try await git.status(of: path) == .untracked, "the add made for the commit is undone")
        #expect(try repo.commitCount() == 1)
    }

    @Test("a rejecting commit-msg hook")
    func commitMsgHookRejects() async throws {
        let repo = try TestRepository(commitFiles: ["HANDOFF.md": handoffText])
        try repo.hook("commit-msg", "grep -q '^feat' \"$1\" || { echo 'commit-msg: subject must start with feat' >&2; exit 1; }")
        try repo.write("HANDOFF.md", handoffText + "- more\n")
        let (git, path) = try await open(repo)
        do {
            _ = try await git.commit(path, message: "session: x")
            Issue.record("expected hookRejected")
        } catch {
            guard case .hookRejected(let hook, let output) = error else { Issue.record("got \(error)"); return }
            #expect(hook == "commit-msg")
            #expect(output.contains("subject must start with feat"))
        }
        #expect(try await git.status(of: path) == .changed(index: ".", workTree: "M"))
        // The hook passes a conforming message.
        _ = try #require(committed(try await git.commit(path, message: "feat: handoff")))
    }

    @Test("signing that fails")
    func signingFails() async throws {
        let repo = try TestRepository(commitFiles: ["HANDOFF.md": handoffText])
        try repo.sh("config", "commit.gpgsign", "true")
        try repo.sh("config", "gpg.program", "false")
        try repo.write("HANDOFF.md", handoffText + "- more\n")
        let before = try repo.snapshot()
        let (git, path) = try await open(repo)
        do {
            _ = try await git.commit(path, message: "session: signed")
            Issue.record("expected signingFailed")
        } catch {
            guard case .signingFailed(let m) = error else { Issue.record("got \(error)"); return }
            #expect(m.contains("gpg failed to sign the data"))
        }
        #expect(try repo.snapshot() == before)
        #expect(try repo.commitCount() == 1)
    }

    @Test("a merge in progress refuses; so does a rebase")
    func operationInProgress() async throws {
        let repo = try TestRepository(commitFiles: ["HANDOFF.md": handoffText, "f.txt": "base\n"])
        try repo.sh("checkout", "-q", "-b", "side")
        try repo.write("f.txt", "side\n")
        try repo.sh("commit", "-q", "-am", "side")
        try repo.sh("checkout", "-q", "main")
        try repo.write("g.txt", "main\n")
        try repo.sh("add", "g.txt")
        try repo.sh("commit", "-q", "-m", "main")
        try repo.sh("merge", "--no-ff", "--no-commit", "side")
        try repo.write("HANDOFF.md", handoffText + "- during merge\n")
        let (git, path) = try await open(repo)
        #expect(git.operationInProgress() == .merge)
        do {
            _ = try await git.commit(path, message: "session: x")
            Issue.record("expected operationInProgress")
        } catch {
            guard case .operationInProgress(let kind, _) = error else { Issue.record("got \(error)"); return }
            #expect(kind == .merge)
            #expect(error.message.contains("merge is in progress"))
        }
        try repo.sh("merge", "--abort")

        // An interactive rebase stopped at an `edit`.
        try repo.sh("checkout", "-q", "HANDOFF.md")
        try repo.sh("-c", "sequence.editor=sed -i 1s/^pick/edit/", "rebase", "-q", "-i", "HEAD~1")
        #expect(git.operationInProgress() == .rebase)
        try repo.write("HANDOFF.md", handoffText + "- during rebase\n")
        do {
            _ = try await git.commit(path, message: "session: x")
            Issue.record("expected operationInProgress")
        } catch {
            guard case .operationInProgress(let kind, _) = error else { Issue.record("got \(error)"); return }
            #expect(kind == .rebase)
        }
    }

    @Test("an index.lock left behind")
    func indexLocked() async throws {
        let repo = try TestRepository(commitFiles: ["HANDOFF.md": handoffText])
        try repo.write("HANDOFF.md", handoffText + "- more\n")
        try repo.write(".git/index.lock", "")
        let (git, path) = try await open(repo)
        do {
            _ = try await git.commit(path, message: "session: x")
            Issue.record("expected indexLocked")
        } catch {
            guard case .indexLocked(let lock, let m) = error else { Issue.record("got \(error)"); return }
            #expect(lock.hasSuffix(".git/index.lock"))
            #expect(m.contains("File exists"))
        }
        // The same for a new file, which needs `git add` first.
        try repo.write("NEW.md", "# new\n")
        let (git2, path2) = try await open(repo, "NEW.md")
        await #expect(throws: GitError.self) { _ = try await git2.commit(path2, message: "x") }
    }

    @Test("a handoff ignored by .gitignore")
    func ignored() async throws {
        let repo = try TestRepository(commitFiles: [".gitignore": "*.log\nHANDOFF.md\n"])
        try repo.write("HANDOFF.md", handoffText)
        let (git, path) = try await open(repo)
        #expect(try await git.status(of: path) == .ignored)
        do {
            _ = try await git.commit(path, message: "session: x")
            Issue.record("expected ignored")
        } catch {
            guard case .ignored(let p, let m) = error else { Issue.record("got \(error)"); return }
            #expect(p == "HANDOFF.md")
            #expect(m.contains(".gitignore:2:HANDOFF.md"))
        }
        #expect(try repo.commitCount() == 1)
    }

    @Test("a detached HEAD commits with a warning")
    func detachedHead() async throws {
        let repo = try TestRepository(commitFiles: ["HANDOFF.md": handoffText])
        try repo.sh("checkout", "-q", "--detach")
        try repo.write("HANDOFF.md", handoffText + "- detached\n")
        let (git, path) = try await open(repo)
        let head = try await git.head()
        #expect(head.isDetached)
        let c = try #require(committed(try await git.commit(path, message: "session: detached")))
        #expect(c.branch == nil)
        #expect(c.warnings == [.detachedHead(at: head.commit!)])
        #expect(c.warnings[0].message.contains("detached"))
    }

    @Test("push to a local bare remote; a push failure keeps the commit")
    func push() async throws {
        let repo = try TestRepository(commitFiles: ["HANDOFF.md": handoffText])
        let remote = repo.url.deletingLastPathComponent().appendingPathComponent("remote.git")
        try repo.run(["init", "-q", "--bare", remote.path])
        try repo.sh("remote", "add", "origin", remote.path)
        try repo.write("HANDOFF.md", handoffText + "- pushed\n")
        let file = repo.url.appendingPathComponent("HANDOFF.md").path
        let result = try await HandoffCommit.commit(file: file, message: "session: pushed", push: true, git: repo.git)
        #expect(result.statusLine.hasSuffix("] session: pushed"))
        guard case .success? = result.push else { Issue.record("push: \(String(describing: result.push))"); return }
        let remoteSubject = try repo.run(["--git-dir", remote.path, "log", "-1", "--format=%s", "main"]).out
        #expect(remoteSubject == "session: pushed\n")
        #expect(try repo.sh("rev-parse", "--abbrev-ref", "main@{upstream}") == "origin/main\n", "the upstream is set")

        // With no remote at all: git's words, and the commit stays.
        try repo.sh("remote", "remove", "origin")
        try repo.write("HANDOFF.md", handoffText + "- not pushed\n")
        let failed = try await HandoffCommit.commit(file: file, message: "session: kept", push: true, git: repo.git)
        guard case .failure(let error)? = failed.push else { Issue.record("expected a push failure"); return }
        #expect(error.message.contains("No configured push destination"))
        #expect(try repo.headSubject() == "session: kept")
    }

    @Test("a git that runs past its timeout is ended")
    func timeout() throws {
        let repo = try TestRepository()
        try repo.hook("pre-commit", "sleep 120")
        try repo.write("HANDOFF.md", handoffText)
        var git = repo.git
        git.timeouts.commit = 1
        // Only the commit's limit is under test: the queries before it get room, so that a
        // machine busy with other suites cannot make one of them time out first.
        git.timeouts.query = 300
        let file = repo.url.appendingPathComponent("HANDOFF.md").path
        let start = ContinuousClock.now
        // Through runBlocking, as the command line and the editor call it.
        do {
            _ = try runBlocking { [git] () async throws(GitError) in
                let (r, path) = try await GitRepository.open(forFile: file, git: git)
                return try await r.commit(path, message: "session: slow")
            }
            Issue.record("expected timedOut")
        } catch {
            guard case .timedOut(let command, let seconds) = error else { Issue.record("got \(error)"); return }
            #expect(command.hasPrefix("commit"))
            #expect(seconds == 1)
        }
        // Well before the hook's 120 s: git was ended, not waited for. (Not tighter: the timer
        // wakes on the shared pool, which the synchronous end-to-end suites can hold for tens of
        // seconds on a 2-core machine; from the command line, with the pool free, it is 1 s.)
        #expect(ContinuousClock.now - start < .seconds(60))
        #expect(try repo.commitCount() == 1)
    }

    @Test("log, contents at a revision, and diff between revisions")
    func history() async throws {
        let repo = try TestRepository(commitFiles: ["HANDOFF.md": "v1\n"])
        try repo.write("HANDOFF.md", "v2\n")
        let (git, path) = try await open(repo)
        _ = try await git.commit(path, message: "session: v2")
        try repo.write("x.txt", "unrelated\n")
        try repo.sh("add", "x.txt")
        try repo.sh("commit", "-q", "-m", "unrelated")
        let log = try await git.log(of: path)
        #expect(log.map(\.subject) == ["session: v2", "initial"])
        #expect(log[0].author == "Test Person")
        #expect(try await git.contents(of: path, at: log[1].hash) == Array("v1\n".utf8))
        #expect(try await git.contents(of: path, at: "HEAD") == Array("v2\n".utf8))
        #expect(try await git.contents(of: "nope.md", at: "HEAD") == nil)
        let diff = try await git.diff(of: path, from: log[1].hash, to: log[0].hash)
        #expect(diff.contains("-v1\n+v2\n"))
        try repo.write("HANDOFF.md", "v3\n")
        #expect(try await git.diff(of: path, from: "HEAD").contains("+v3"))
        await #expect(throws: GitError.self) { _ = try await git.diff(of: path, from: "no-such-rev") }
    }

    @Test("runBlocking hands results and errors to synchronous code")
    func blocking() async throws {
        let repo = try TestRepository()
        let path = repo.path, git = repo.git
        // On a thread of its own, as the command line and the editor's loop call it: a test
        // pool thread must not block (see runBlocking).
        let (root, failed) = await withCheckedContinuation { (done: CheckedContinuation<(String?, Bool), Never>) in
            Thread {
                let root = try? runBlocking { () async throws(GitError) in try await GitRepository.open(directory: path, git: git).root }
                var failed = false
                do throws(GitError) {
                    _ = try runBlocking { () async throws(GitError) in try await GitRepository.open(directory: "/", git: git) }
                } catch { failed = true }
                done.resume(returning: (root, failed))
            }.start()
        }
        #expect(root?.hasSuffix("/repo") == true)
        #expect(failed, "outside a repository runBlocking hands the error back")
    }
}
