#if canImport(Glibc)
import Glibc
#endif

/// What the handoff file was when the editor loaded (or last saved) it, so that a save can
/// notice that someone else — a teammate's pull, an agent's `add` — changed it meanwhile.
public struct DiskSnapshot: Sendable, Equatable {
    public let path: String
    /// nil when the file did not exist.
    let status: FileStatus?
    let contentHash: UInt64?

    /// Takes the file's current state; `bytes` are its content as read (nil: it does not exist).
    public init(path: String, bytes: [UInt8]?) {
        self.path = path
        self.status = bytes == nil ? nil : FileStatus(path)
        self.contentHash = bytes.map(Self.hash)
    }

    /// Whether the file on disk is no longer what this snapshot saw. A touched file whose
    /// bytes are the same does not count.
    public func changedOnDisk() -> Bool {
        let now = FileStatus(path)
        if now == status { return false }
        guard now != nil else { return status != nil }   // removed since
        guard let bytes = try? FileSystem.read(path) else { return true }
        return Self.hash(bytes) != contentHash
    }

    /// FNV-1a: a change detector, not a security measure.
    static func hash(_ bytes: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }
}

/// The parts of stat(2) that change when a file is rewritten.
struct FileStatus: Sendable, Equatable {
    let device: UInt64
    let inode: UInt64
    let size: Int64
    let modifiedSeconds: Int
    let modifiedNanoseconds: Int

    init?(_ path: String) {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
        size = Int64(st.st_size)
        modifiedSeconds = st.st_mtim.tv_sec
        modifiedNanoseconds = st.st_mtim.tv_nsec
    }
}

extension FileSystem {
    /// A free name beside `path` for keeping a second version: `HANDOFF.mine.md`,
    /// then `HANDOFF.mine-2.md`, …
    public static func sidePath(for path: String, tag: String) -> String {
        let dir = Path.directory(of: path)
        let name = Path.fileName(of: path)
        let (stem, ext): (String, String) = {
            guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return (name, "") }
            return (String(name[..<dot]), String(name[dot...]))
        }()
        var n = 1
        while true {
            let candidate = stem + "." + tag + (n == 1 ? "" : "-\(n)") + ext
            let full = path.contains("/") ? Path.join(dir, candidate) : candidate
            if !exists(full) { return full }
            n += 1
        }
    }
}
