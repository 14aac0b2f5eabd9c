#if canImport(Glibc)
import Glibc
#endif

/// Where the repository's work tree starts and which branch is checked out, read from the
/// `.git` files themselves: finding the handoff must not wait for a git process.
public struct WorkTree: Sendable {
    public let root: String
    let gitDir: String

    /// The work tree holding `directory`, found by walking up to a `.git` folder or file.
    public static func containing(_ directory: String) -> WorkTree? {
        var dir = directory
        while true {
            let dotGit = Path.join(dir, ".git")
            if FileSystem.isDirectory(dotGit) { return WorkTree(root: dir, gitDir: dotGit) }
            if FileSystem.exists(dotGit), let text = try? FileSystem.read(dotGit) {
                // A linked work tree or submodule: ".git" is a file "gitdir: <path>".
                let line = String(decoding: text, as: UTF8.self).split(separator: "\n").first ?? ""
                if line.hasPrefix("gitdir: ") {
                    var gd = String(line.dropFirst(8)).trimmingCharacters()
                    if !Path.isAbsolute(gd) { gd = Path.join(dir, gd) }
                    return WorkTree(root: dir, gitDir: gd)
                }
            }
            let parent = Path.directory(of: dir)
            if parent == dir || dir == "/" || dir.isEmpty { return nil }
            dir = parent
        }
    }

    /// The checked-out branch, "detached at <hash>" for a detached HEAD, nil if unreadable.
    public var branch: String? {
        guard let bytes = try? FileSystem.read(Path.join(gitDir, "HEAD")) else { return nil }
        let head = String(decoding: bytes, as: UTF8.self).trimmingCharacters()
        if head.hasPrefix("ref: ") {
            let ref = head.dropFirst(5)
            return ref.hasPrefix("refs/heads/") ? String(ref.dropFirst(11)) : String(ref)
        }
        return head.isEmpty ? nil : "detached at \(head.prefix(7))"
    }
}

extension String {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\n" || f == "\r" || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\n" || l == "\r" || l == "\t" { s.removeLast() }
        return String(s)
    }
}
