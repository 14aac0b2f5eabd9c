/// What the SessionStart hook records about the work tree when an agent session starts, for the
/// Stop hook to compare against: a few `key=value` lines in a file per session.
public struct SessionState: Equatable, Sendable {
    /// HEAD's commit at the start ("" before the first commit).
    public var head: String
    /// `GitRepository.workingChanges`'s fingerprint at the start (the handoff left out).
    public var work: String
    /// The handoff's bytes, fingerprinted ("none": there was no handoff file).
    public var handoff: String
    /// The Stop hook has already blocked once in this session: it never blocks again.
    public var blocked: Bool
    /// A PreCompact hook ran ("manual", "auto", or "" for none since the last SessionStart).
    public var compaction: String

    public init(head: String, work: String, handoff: String, blocked: Bool = false, compaction: String = "") {
        self.head = head
        self.work = work
        self.handoff = handoff
        self.blocked = blocked
        self.compaction = compaction
    }

    public init?(parsing bytes: [UInt8]) {
        var fields: [String: String] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            guard let eq = line.firstIndex(of: "=") else { continue }
            fields[String(line[..<eq])] = String(line[line.index(after: eq)...])
        }
        guard let head = fields["head"], let work = fields["work"], let handoff = fields["handoff"] else { return nil }
        self.init(head: head, work: work, handoff: handoff, blocked: fields["blocked"] == "1", compaction: fields["compaction"] ?? "")
    }

    public var serialized: [UInt8] {
        Array("head=\(head)\nwork=\(work)\nhandoff=\(handoff)\nblocked=\(blocked ? "1" : "0")\ncompaction=\(compaction)\n".utf8)
    }

    /// A file name for a session id from the agent: only letters, digits, '.', '_' and '-'
    /// (an id is never a path), at most 128 of them.
    public static func fileName(forSession id: String) -> String {
        let kept = id.unicodeScalars.filter { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "-" || $0 == "_" || $0 == "." }
        var name = String(String.UnicodeScalarView(kept.prefix(128)))
        while name.hasPrefix(".") { name.removeFirst() }
        return name.isEmpty ? "unknown-session" : name
    }
}

/// Whether the Stop hook asks the agent to update the handoff before it stops.
public enum StopDecision: Equatable, Sendable {
    case allow
    case block

    /// `start`: as SessionStart recorded it; `head`, `work`, `handoff`: the same, now;
    /// `handoffCommitted`: a commit since the start changed the handoff.
    public static func decide(start: SessionState, head: String, work: String, handoff: String,
                              handoffCommitted: Bool, stopHookActive: Bool) -> StopDecision {
        // Already continuing because a Stop hook blocked: never loop.
        if stopHookActive || start.blocked { return .allow }
        // The handoff was brought up to date during the session.
        if handoff != start.handoff || handoffCommitted { return .allow }
        // Nothing committed, nothing changed: nothing to hand off.
        if head == start.head && work == start.work { return .allow }
        return .block
    }
}

/// FNV-1a, 64 bits, as hex: a fingerprint to compare two versions of a file, not a defence.
public func fingerprint(_ bytes: [UInt8]) -> String {
    var value: UInt64 = 0xcbf29ce484222325
    for b in bytes { value = (value ^ UInt64(b)) &* 0x100000001b3 }
    let s = String(value, radix: 16)
    return String(repeating: "0", count: 16 - s.count) + s
}
