/// The git post-commit hook: a marked block that runs `handoff-tui hooks run post-commit`.
/// A shell hook already there gets the block after its first line (before any `exit` of its
/// own); a hook in another language is renamed and called from a small shell hook of ours.
/// Uninstalling gives back the original bytes (and, for a renamed one, the file itself).
public enum PostCommitHook {
    static let begin = "# >>> handoff-tui >>> says when the handoff falls behind the code; `handoff-tui hooks uninstall --git` removes this block"
    static let end = "# <<< handoff-tui <<<"
    /// Never fails the commit (post-commit cannot, but an error would still show), and stays
    /// quiet where handoff-tui is not installed.
    public static let block = begin + "\n"
        + "if command -v handoff-tui >/dev/null 2>&1; then handoff-tui hooks run post-commit </dev/null || true; fi\n"
        + end + "\n"
    static let createdHeader = "#!/bin/sh\n# Made by `handoff-tui hooks install --git`; `handoff-tui hooks uninstall --git` deletes it.\n"
    /// The name a hook in another language is moved to: ours calls it.
    public static let chainedSuffix = ".handoff-tui-chained"
    static let chainLine = "exec \"$0\(chainedSuffix)\" \"$@\"\n"

    public enum InstallPlan: Equatable, Sendable {
        case alreadyInstalled
        /// Write these bytes to the hook (a new hook, or theirs with the block in it).
        case write([UInt8])
        /// Move theirs to `post-commit` + `chainedSuffix`, then write this hook of ours.
        case chain(wrapper: [UInt8])
    }

    public enum UninstallPlan: Equatable, Sendable {
        case notInstalled
        case write([UInt8])
        /// The hook is all ours: delete it.
        case delete
        /// Delete ours and move theirs back.
        case unchain
    }

    public static func isInstalled(_ hook: [UInt8]) -> Bool {
        String(decoding: hook, as: UTF8.self).contains(begin)
    }

    public static func install(_ existing: [UInt8]?) -> InstallPlan {
        guard let existing, !existing.isEmpty else { return .write(Array((createdHeader + block).utf8)) }
        if isInstalled(existing) { return .alreadyInstalled }
        guard isShellScript(existing) else { return .chain(wrapper: Array((createdHeader + block + chainLine).utf8)) }
        var out = existing
        if let newline = existing.firstIndex(of: 0x0A) {
            out.insert(contentsOf: Array(block.utf8), at: newline + 1)
        } else {
            out += Array(("\n" + block).utf8)
        }
        return .write(out)
    }

    public static func uninstall(_ hook: [UInt8]) -> UninstallPlan {
        let text = String(decoding: hook, as: UTF8.self)
        guard isInstalled(hook) else { return .notInstalled }
        if text.hasPrefix(createdHeader) { return text.contains(chainLine) ? .unchain : .delete }
        let blockBytes = Array(block.utf8)
        guard let start = find(blockBytes, in: hook) else {
            // The block was edited: remove from its first marker to its last.
            let b = Array(begin.utf8), e = Array(end.utf8)
            guard let s = find(b, in: hook), let f = find(e, in: hook, from: s) else { return .notInstalled }
            var stop = f + e.count
            if stop < hook.count, hook[stop] == 0x0A { stop += 1 }
            var out = hook
            out.removeSubrange(s..<stop)
            return .write(out)
        }
        var out = hook
        out.removeSubrange(start..<(start + blockBytes.count))
        return .write(out)
    }

    /// A script that a POSIX shell runs: `#!` naming sh, bash, dash, zsh, ksh or ash,
    /// directly or through env.
    static func isShellScript(_ bytes: [UInt8]) -> Bool {
        guard bytes.starts(with: Array("#!".utf8)) else { return false }
        let line = String(decoding: bytes.prefix { $0 != 0x0A }.dropFirst(2), as: UTF8.self)
        var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map { $0.split(separator: "/").last.map(String.init) ?? "" }
        if words.first == "env" {
            words.removeFirst()
            while let w = words.first, w.hasPrefix("-") { words.removeFirst() }
        }
        return ["sh", "bash", "dash", "zsh", "ksh", "ash"].contains(words.first ?? "")
    }

    static func find(_ needle: [UInt8], in hay: [UInt8], from: Int = 0) -> Int? {
        guard needle.count <= hay.count else { return nil }
        var i = from
        while i + needle.count <= hay.count {
            if hay[i] == needle[0], Array(hay[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }
}
