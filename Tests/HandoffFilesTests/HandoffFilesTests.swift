import Foundation
import TestSupport
import Testing
@testable import HandoffFiles

/// A temporary folder removed at the end of the test.
final class TempDir {
    let path: String
    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("handoff-files-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit {
        try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        try? FileManager.default.removeItem(atPath: path)
    }
    func file(_ name: String) -> String { path + "/" + name }
    func write(_ name: String, _ text: String) throws {
        try FileManager.default.createDirectory(atPath: (file(name) as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: file(name)))
    }
    func text(_ name: String) -> String? { (try? Data(contentsOf: URL(fileURLWithPath: file(name)))).map { String(decoding: $0, as: UTF8.self) } }
    var entries: [String] { (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] }
}

@Suite("atomic writes")
struct AtomicWriteTests {
    @Test("replaces the content, keeps the mode, leaves no temporary file")
    func replaces() throws {
        let d = try TempDir()
        try d.write("h.md", "old")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: d.file("h.md"))
        try FileSystem.writeAtomically(Array("new".utf8), to: d.file("h.md"))
        #expect(d.text("h.md") == "new")
        #expect(try FileManager.default.attributesOfItem(atPath: d.file("h.md"))[.posixPermissions] as? Int == 0o600)
        #expect(d.entries == ["h.md"])
    }

    @Test("writes through a symlink to its target and keeps the link")
    func symlink() throws {
        let d = try TempDir()
        try d.write("target/real.md", "old")
        try FileManager.default.createSymbolicLink(atPath: d.file("link.md"), withDestinationPath: "target/real.md")
        try FileSystem.writeAtomically(Array("new".utf8), to: d.file("link.md"))
        #expect(d.text("target/real.md") == "new")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: d.file("link.md")) == "target/real.md")
    }

    @Test("a folder that is not writable: a permission error, the original untouched")
    func notWritable() throws {
        guard getuid() != 0 else {
            // root may write into any folder: a path through a file fails for everyone.
            let d = try TempDir()
            try d.write("plain", "x")
            #expect(throws: FileError.self) { try FileSystem.writeAtomically([1], to: d.file("plain/h.md")) }
            #expect(d.entries == ["plain"])
            return
        }
        let d = try TempDir()
        try d.write("h.md", "old")
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: d.path)
        #expect(throws: FileError.self) { try FileSystem.writeAtomically(Array("new".utf8), to: d.file("h.md")) }
        #expect(d.text("h.md") == "old")
    }

    @Test("reading: a missing file and a folder are told apart")
    func readErrors() throws {
        let d = try TempDir()
        #expect(throws: FileError.notFound(d.file("none.md"))) { try FileSystem.read(d.file("none.md")) }
        #expect(throws: FileError.isDirectory(d.path)) { try FileSystem.read(d.path) }
    }

    @Test("a side path never names an existing file")
    func sidePath() throws {
        let d = try TempDir()
        try d.write("HANDOFF.md", "x")
        let first = FileSystem.sidePath(for: d.file("HANDOFF.md"), tag: "mine")
        #expect(first == d.file("HANDOFF.mine.md"))
        try d.write("HANDOFF.mine.md", "y")
        #expect(FileSystem.sidePath(for: d.file("HANDOFF.md"), tag: "mine") == d.file("HANDOFF.mine-2.md"))
        #expect(FileSystem.sidePath(for: ".session-state.md", tag: "mine") == ".session-state.mine.md")
    }
}

@Suite("reading")
struct ReadingTests {
    @Test("a file is read whole, whatever its size says: empty, one byte, 1 MB, a pipe of 100 kB")
    func wholeFiles() throws {
        let d = try TempDir()
        for size in [0, 1, 4_095, 4_096, 4_097, 1_000_003] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 / 7) }
            try Data(bytes).write(to: URL(fileURLWithPath: d.file("f\(size)")))
            #expect(try FileSystem.read(d.file("f\(size)")) == bytes, "\(size) bytes")
        }
        // A FIFO says its size is 0: what comes through it is still read to the end.
        #expect(mkfifo(d.file("fifo"), 0o600) == 0)
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", "yes 0123456789abcdef | head -c 100000 > '\(d.file("fifo"))'"]
        try writer.run()
        let read = try FileSystem.read(d.file("fifo"))
        writer.waitUntilExit()
        #expect(read.count == 100_000)
        #expect(read.starts(with: Array("0123456789abcdef\n0123".utf8)))
    }
}

@Suite("changes on disk")
struct DiskSnapshotTests {
    @Test("unchanged, touched with the same bytes, rewritten, removed")
    func detects() throws {
        let d = try TempDir()
        try d.write("h.md", "one")
        let snap = DiskSnapshot(path: d.file("h.md"), bytes: Array("one".utf8))
        #expect(!snap.changedOnDisk())
        // Same bytes, new mtime: not a change anyone needs to hear about.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: d.file("h.md"))
        #expect(!snap.changedOnDisk())
        try d.write("h.md", "two")
        #expect(snap.changedOnDisk())
        try FileManager.default.removeItem(atPath: d.file("h.md"))
        #expect(snap.changedOnDisk())
    }

    @Test("one byte changed anywhere in a large file, same size, is a change; the same bytes are not")
    func oneByteAnywhere() throws {
        let d = try TempDir()
        var bytes = Array(repeating: UInt8(ascii: "a"), count: 100_003)
        for i in bytes.indices where i % 61 == 0 { bytes[i] = 0x0A }
        try Data(bytes).write(to: URL(fileURLWithPath: d.file("h.md")))
        let snap = DiskSnapshot(path: d.file("h.md"), bytes: bytes)
        // The first and last bytes, both sides of each 8- and 32-byte boundary, the tail.
        for offset in [0, 7, 8, 31, 32, 33, 4_096, 50_000, 99_967, 99_999, 100_000, 100_002] {
            var changed = bytes
            changed[offset] = UInt8(ascii: "b")
            // Written as editors and git do (a new file renamed over): stat alone cannot tell
            // two writes within one clock tick apart, the content must.
            try Data(changed).write(to: URL(fileURLWithPath: d.file("h.md")), options: .atomic)
            #expect(snap.changedOnDisk(), "byte \(offset)")
            // A line end moved by one: the same bytes in another order.
            var swapped = bytes
            let lineEnd = offset / 61 * 61
            swapped.swapAt(lineEnd, lineEnd + 1)
            try Data(swapped).write(to: URL(fileURLWithPath: d.file("h.md")), options: .atomic)
            #expect(snap.changedOnDisk(), "line end at \(lineEnd) moved")
        }
        try Data(bytes).write(to: URL(fileURLWithPath: d.file("h.md")), options: .atomic)
        #expect(!snap.changedOnDisk(), "rewritten with the same bytes")
    }

    @Test("a file that did not exist and now does has changed")
    func appeared() throws {
        let d = try TempDir()
        let snap = DiskSnapshot(path: d.file("h.md"), bytes: nil)
        #expect(!snap.changedOnDisk())
        try d.write("h.md", "agent wrote this")
        #expect(snap.changedOnDisk())
    }
}

@Suite("recovery files")
struct RecoveryStoreTests {
    @Test("kept outside the work tree, found again from another folder, removed")
    func lifecycle() throws {
        let d = try TempDir()
        let state = d.file("state")
        let store = RecoveryStore(handoffPath: "HANDOFF.md", currentDirectory: d.file("repo"), stateDirectory: state)
        #expect(!store.exists)
        try store.write(Array("unsaved".utf8))
        #expect(store.exists)
        #expect(store.recoveryPath.hasPrefix(state + "/recovery/"))
        let again = RecoveryStore(handoffPath: d.file("repo/HANDOFF.md"), currentDirectory: "/", stateDirectory: state)
        #expect(again.read() == Array("unsaved".utf8))
        #expect(again.modificationTime != nil)
        again.remove()
        #expect(!store.exists)
    }

    @Test("two handoffs have two recovery files")
    func distinct() {
        let a = RecoveryStore(handoffPath: "/r/a/HANDOFF.md", stateDirectory: "/s")
        let b = RecoveryStore(handoffPath: "/r/b/HANDOFF.md", stateDirectory: "/s")
        #expect(a.recoveryPath != b.recoveryPath)
    }
}

@Suite("work tree")
struct WorkTreeTests {
    func git(_ args: String..., in dir: String) throws { try runGit(args, in: URL(fileURLWithPath: dir)) }

    @Test("root and branch from a subfolder, a detached HEAD, a linked work tree")
    func branches() throws {
        let d = try TempDir()
        let repo = d.file("repo")
        try FileManager.default.createDirectory(atPath: repo + "/a/b", withIntermediateDirectories: true)
        try git("init", "-q", "-b", "feature/x", in: repo)
        let tree = try #require(WorkTree.containing(repo + "/a/b"))
        #expect(tree.root == repo)
        #expect(tree.branch == "feature/x")
        try d.write("repo/f", "x")
        try git("add", "f", in: repo)
        try git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "c", in: repo)
        try git("worktree", "add", "-q", "-b", "other", d.file("linked"), in: repo)
        let linked = try #require(WorkTree.containing(d.file("linked")))
        #expect(linked.root == d.file("linked"))
        #expect(linked.branch == "other")
        try git("checkout", "-q", "--detach", in: repo)
        #expect(WorkTree.containing(repo)?.branch?.hasPrefix("detached at ") == true)
        #expect(WorkTree.containing(d.path) == nil || WorkTree.containing(d.path)?.root != d.path)
    }
}

@Suite("writes that cannot happen")
struct FailedWriteTests {
    @Test("a read-only file is not replaced, even though its folder is writable")
    func readOnlyFile() throws {
        let d = try TempDir()
        try d.write("h.md", "theirs")
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: d.file("h.md"))
        #expect(throws: FileError.readOnly(d.file("h.md"))) { try FileSystem.writeAtomically(Array("mine".utf8), to: d.file("h.md")) }
        #expect(d.text("h.md") == "theirs")
        #expect(d.entries == ["h.md"])
    }

    /// A real full disk: a 64 KiB tmpfs, filled. Needs root (mount); CI runs as root.
    @Test("a full disk: an error that says so, the original intact, no temporary file left",
          .enabled(if: getuid() == 0, "mounting a small tmpfs needs root"))
    func fullDisk() throws {
        let d = try TempDir()
        let mountPoint = d.file("small")
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=64k", "tmpfs", mountPoint]
        try mount.run()
        mount.waitUntilExit()
        try #require(mount.terminationStatus == 0, "mount failed")
        defer {
            let umount = Process()
            umount.executableURL = URL(fileURLWithPath: "/bin/umount")
            umount.arguments = [mountPoint]
            try? umount.run()
            umount.waitUntilExit()
        }
        let handoff = mountPoint + "/HANDOFF.md"
        try Data("## Completed\n- a\n".utf8).write(to: URL(fileURLWithPath: handoff))
        // Fill what is left.
        let filler = FileHandle(forWritingAtPath: mountPoint + "/filler") ?? {
            _ = FileManager.default.createFile(atPath: mountPoint + "/filler", contents: nil)
            return FileHandle(forWritingAtPath: mountPoint + "/filler")!
        }()
        for _ in 0..<64 { try? filler.write(contentsOf: Data(repeating: 0x41, count: 4096)) }
        try? filler.close()
        let big = [UInt8](repeating: 0x42, count: 32 * 1024)
        do {
            try FileSystem.writeAtomically(big, to: handoff)
            Issue.record("the write should have failed on a full disk")
        } catch {
            #expect(error.message.contains("No space left on device"))
        }
        #expect(try String(contentsOfFile: handoff, encoding: .utf8) == "## Completed\n- a\n")
        let left = try FileManager.default.contentsOfDirectory(atPath: mountPoint).sorted()
        #expect(left == ["HANDOFF.md", "filler"])
    }
}
