#if canImport(Glibc)
import Glibc
#endif

/// Finds the handoff file when none is named. The order is documented in README.md:
/// `$HANDOFF_FILE`, then the first of `candidates` that exists under the work-tree root
/// (or the current folder outside a repository).
public struct HandoffLocator: Sendable {
    public static let candidates = [
        ".claude/session-handoff.md",
        ".claude/handoff.md",
        ".session-state.md",
        "HANDOFF.md",
        "handoff.md",
        "SESSION_HANDOFF.md",
        "docs/HANDOFF.md",
    ]

    public let currentDirectory: String
    public let workTree: WorkTree?
    public let environmentOverride: String?

    public init(currentDirectory: String = FileSystem.currentDirectory(), environment override: String? = HandoffLocator.environmentValue()) {
        self.currentDirectory = currentDirectory
        self.workTree = WorkTree.containing(currentDirectory)
        self.environmentOverride = override
    }

    public static func environmentValue() -> String? {
        guard let v = getenv("HANDOFF_FILE") else { return nil }
        let s = String(cString: v)
        return s.isEmpty ? nil : s
    }

    /// The folder the discovery starts from.
    public var root: String { workTree?.root ?? currentDirectory }

    public enum Resolution: Equatable, Sendable {
        /// The file to use, and whether it exists.
        case found(String)
        /// Nothing exists yet; this is where a new handoff goes.
        case notFound(defaultPath: String)
    }

    public func resolve(_ explicit: String?) -> Resolution {
        if let explicit { return FileSystem.exists(explicit) ? .found(explicit) : .notFound(defaultPath: explicit) }
        if let env = environmentOverride { return FileSystem.exists(env) ? .found(env) : .notFound(defaultPath: env) }
        for name in Self.candidates {
            let p = Path.join(root, name)
            if FileSystem.exists(p) { return .found(display(p)) }
        }
        // A repository that already has a .claude folder keeps its handoff there.
        let newName = FileSystem.isDirectory(Path.join(root, ".claude")) ? Self.candidates[0] : "HANDOFF.md"
        return .notFound(defaultPath: display(Path.join(root, newName)))
    }

    /// A path as the user would type it: relative to the current folder when below it.
    public func display(_ path: String) -> String {
        Path.relative(path, to: currentDirectory)
    }

    /// Whether a referenced path exists, relative to the work-tree root or the handoff's folder.
    public func referenceExists(_ ref: String, handoffPath: String) -> Bool {
        var r = ref
        while r.hasPrefix("./") { r.removeFirst(2) }
        if Path.isAbsolute(r) { return FileSystem.exists(r) }
        if r.hasPrefix("~/"), let home = getenv("HOME") { return FileSystem.exists(Path.join(String(cString: home), String(r.dropFirst(2)))) }
        let handoffDir = Path.directory(of: Path.isAbsolute(handoffPath) ? handoffPath : Path.join(currentDirectory, handoffPath))
        return FileSystem.exists(Path.join(root, r)) || FileSystem.exists(Path.join(handoffDir, r))
            || FileSystem.exists(Path.join(currentDirectory, r))
    }
}
