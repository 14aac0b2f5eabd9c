#if canImport(Glibc)
import Glibc
#endif

/// Unsaved edits kept outside the work tree, so that a crash, a SIGKILL or a closed
/// terminal loses at most the last moments of typing. One file per handoff, under
/// `$XDG_STATE_HOME/handoff-tui/recovery/` (default `~/.local/state/…`): not in the
/// repository, where it would show in `git status` and risk being committed.
public struct RecoveryStore: Sendable {
    public let handoffPath: String
    public let recoveryPath: String

    /// `handoffPath` may be relative; it is made absolute against `currentDirectory` so that
    /// the same handoff finds the same recovery file from any folder.
    public init(handoffPath: String, currentDirectory: String = FileSystem.currentDirectory(),
                stateDirectory: String? = RecoveryStore.defaultStateDirectory()) {
        let absolute = Path.isAbsolute(handoffPath) ? handoffPath : Path.join(currentDirectory, handoffPath)
        self.handoffPath = absolute
        let base = stateDirectory ?? Path.join(Path.directory(of: absolute), ".handoff-tui")
        // The path itself names the file: readable in a listing, unique per handoff.
        let name = String(absolute.map { $0 == "/" ? "%" : $0 })
        recoveryPath = Path.join(Path.join(base, "recovery"), name)
    }

    public static func defaultStateDirectory() -> String? {
        if let s = getenv("XDG_STATE_HOME"), s.pointee != 0 { return Path.join(String(cString: s), "handoff-tui") }
        if let h = getenv("HOME"), h.pointee != 0 { return Path.join(String(cString: h), ".local/state/handoff-tui") }
        return nil
    }

    public var exists: Bool { FileSystem.exists(recoveryPath) }

    public func write(_ bytes: [UInt8]) throws(FileError) {
        try FileSystem.writeAtomically(bytes, to: recoveryPath, createDirectories: true, durable: false)
    }

    public func read() -> [UInt8]? { try? FileSystem.read(recoveryPath) }

    /// When the recovery file was written, as seconds since the epoch.
    public var modificationTime: Int? {
        var st = stat()
        guard stat(recoveryPath, &st) == 0 else { return nil }
        return st.st_mtim.tv_sec
    }

    public func remove() { unlink(recoveryPath) }
}
