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

    /// A change detector, not a security measure: FNV-1a's multiply over 8-byte words in
    /// four independent lanes (byte by byte, 1 MB took ~1.3 ms: the start of every session).
    static func hash(_ bytes: [UInt8]) -> UInt64 {
        let prime: UInt64 = 0x100_0000_01b3
        var lanes: (UInt64, UInt64, UInt64, UInt64) =
            (0xcbf2_9ce4_8422_2325, 0x8422_2325_cbf2_9ce4, 0x9e37_79b9_7f4a_7c15, 0xbf58_476d_1ce4_e5b9)
        return bytes.withUnsafeBytes { raw -> UInt64 in
            let n = raw.count
            var i = 0
            while i + 32 <= n {
                lanes.0 = (lanes.0 ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* prime
                lanes.1 = (lanes.1 ^ raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)) &* prime
                lanes.2 = (lanes.2 ^ raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)) &* prime
                lanes.3 = (lanes.3 ^ raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)) &* prime
                // A multiply only carries upwards: rotate so high bits reach the low ones.
                lanes.0 = (lanes.0 << 29) | (lanes.0 >> 35)
                lanes.1 = (lanes.1 << 29) | (lanes.1 >> 35)
                lanes.2 = (lanes.2 << 29) | (lanes.2 >> 35)
                lanes.3 = (lanes.3 << 29) | (lanes.3 >> 35)
                i += 32
            }
            var h = lanes.0 ^ (lanes.1 &* 31) ^ (lanes.2 &* 961) ^ (lanes.3 &* 29791) ^ UInt64(n)
            while i < n {
                h = (h ^ UInt64(raw[i])) &* prime
                i += 1
            }
            return h
        }
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
