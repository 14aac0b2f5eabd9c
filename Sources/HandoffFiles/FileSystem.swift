#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file could not be read or written, with the system's own words.
public enum FileError: Error, Equatable, Sendable {
    case notFound(String)
    case isDirectory(String)
    case permissionDenied(String)
    case alreadyExists(String)
    case readOnly(String)
    case io(String, String)

    public var message: String {
        switch self {
        case .notFound(let p): "\(p): no such file"
        case .isDirectory(let p): "\(p): is a directory, not a file"
        case .permissionDenied(let p): "\(p): permission denied"
        case .alreadyExists(let p): "\(p): already exists"
        case .readOnly(let p): "\(p): the file is read-only (chmod u+w to allow writing)"
        case .io(let p, let why): "\(p): \(why)"
        }
    }

    static func from(errno code: Int32, path: String) -> FileError {
        switch code {
        case ENOENT, ENOTDIR: .notFound(path)
        case EISDIR: .isDirectory(path)
        case EACCES, EPERM, EROFS: code == EROFS ? .io(path, "read-only file system") : .permissionDenied(path)
        case EEXIST: .alreadyExists(path)
        default: .io(path, String(cString: strerror(code)))
        }
    }
}

/// Plain POSIX file access: no Foundation on the start-up path.
public enum FileSystem {
    public static func read(_ path: String) throws(FileError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileError.from(errno: errno, path: path) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw FileError.from(errno: errno, path: path) }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw FileError.isDirectory(path) }
        // Read straight into one buffer of the size fstat reports, plus one byte so that
        // the end shows as a read of 0 (a second buffer of the file's size would be
        // allocated and faulted in for nothing).
        let capacity = max(Int(st.st_size) + 1, 4096)
        var filled = 0
        var failure: Int32 = 0
        var out = [UInt8](unsafeUninitializedCapacity: capacity) { buf, count in
            while filled < capacity {
                let r = Glibc.read(fd, buf.baseAddress! + filled, capacity - filled)
                if r < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                if r == 0 { break }
                filled += r
            }
            count = filled
        }
        if failure != 0 { throw FileError.from(errno: failure, path: path) }
        // The file grew since fstat: the rest in chunks.
        if filled == capacity {
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while true {
                let r = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
                if r < 0 {
                    if errno == EINTR { continue }
                    throw FileError.from(errno: errno, path: path)
                }
                if r == 0 { break }
                out.append(contentsOf: chunk[0..<r])
            }
        }
        return out
    }

    public static func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }

    public static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    public static func currentDirectory() -> String {
        guard let p = getcwd(nil, 0) else { return "." }
        defer { free(p) }
        return String(cString: p)
    }

    /// Creates the folder and any missing parents.
    public static func makeDirectories(_ path: String) throws(FileError) {
        if path.isEmpty || isDirectory(path) { return }
        let parent = Path.directory(of: path)
        if parent != path { try makeDirectories(parent) }
        if mkdir(path, 0o755) != 0, errno != EEXIST { throw FileError.from(errno: errno, path: path) }
    }

    /// Writes the bytes so that the file is either wholly old or wholly new: a temporary
    /// file in the same folder, flushed to disk, then renamed over the original. The
    /// original's mode is kept, and a symlink is written through to its target.
    /// `durable: false` skips the flushes to disk: the write still survives the program being
    /// killed (the kernel has it), only not a power cut — right for recovery files, which are
    /// written every few seconds while typing and must not stall a keystroke.
    public static func writeAtomically(_ bytes: [UInt8], to path: String, createDirectories: Bool = false,
                                       durable: Bool = true) throws(FileError) {
        var target = path
        if let resolved = realpath(path, nil) {
            target = String(cString: resolved)
            free(resolved)
        }
        let dir = Path.directory(of: target)
        if createDirectories { try makeDirectories(dir) }
        var mode: mode_t = 0o644
        var st = stat()
        if stat(target, &st) == 0 {
            mode = st.st_mode & 0o7777
            // A file whose write bits are all off was made read-only on purpose; renaming
            // over it would succeed (the folder is writable), so say no as an editor does.
            if mode & 0o222 == 0 || access(target, W_OK) != 0 { throw FileError.readOnly(path) }
        } else {
            let mask = umask(0); umask(mask)
            mode = 0o666 & ~mask
        }
        let temp = (dir.isEmpty ? "" : dir + "/") + "." + Path.fileName(of: target) + ".handoff-tmp-\(getpid())"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw FileError.from(errno: errno, path: dir.isEmpty ? "." : dir) }
        var ok = false
        defer { if !ok { close(fd); unlink(temp) } }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileError.from(errno: errno, path: path)
            }
            written += n
        }
        fchmod(fd, mode)
        if durable { guard fsync(fd) == 0 else { throw FileError.from(errno: errno, path: path) } }
        ok = true
        close(fd)
        guard rename(temp, target) == 0 else {
            let e = errno
            unlink(temp)
            throw FileError.from(errno: e, path: path)
        }
        // Make the rename itself durable.
        if durable {
            let dfd = open(dir.isEmpty ? "." : dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if dfd >= 0 { fsync(dfd); close(dfd) }
        }
    }
}

/// String path helpers (POSIX '/' paths).
public enum Path {
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    public static func fileName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    public static func join(_ a: String, _ b: String) -> String {
        if b.hasPrefix("/") || a.isEmpty || a == "." { return b }
        return a.hasSuffix("/") ? a + b : a + "/" + b
    }

    public static func isAbsolute(_ p: String) -> Bool { p.hasPrefix("/") }

    /// `path` relative to `base` when it lies below it; otherwise `path` unchanged.
    public static func relative(_ path: String, to base: String) -> String {
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
