/// One hook the tool installs: under `event`, a group of its own (with `matcher` when the
/// event takes one) holding one command hook.
public struct HookEntry: Sendable, Equatable {
    public let event: String
    public let matcher: String?
    public let command: String
    /// Seconds the agent waits for the command.
    public let timeout: Int

    public init(event: String, matcher: String?, command: String, timeout: Int) {
        self.event = event
        self.matcher = matcher
        self.command = command
        self.timeout = timeout
    }
}

public enum HookSettingsError: Error, Equatable, Sendable {
    case invalidJSON(JSONSyntaxError)
    /// The file's JSON is valid but not the shape agents read (`at` names the place).
    case unexpectedShape(at: String, expected: String)

    public var message: String {
        switch self {
        case .invalidJSON(let e): return "not valid JSON (\(e.message))"
        case .unexpectedShape(let at, let expected): return "\(at) is not \(expected)"
        }
    }
}

/// Installing and removing hooks in a Claude Code `settings.json` or a Codex `hooks.json`
/// (the same shape: `{"hooks": {EVENT: [{"matcher": …, "hooks": [{"type": "command",
/// "command": …, "timeout": …}]}]}}`), by inserting and deleting bytes only. Every other byte of
/// the file stays as it was; new text follows the file's indentation and line endings; removing
/// what was inserted gives back the original bytes. Pure: text in, text out.
public enum HookSettings {
    /// Whether a hook command is one of this tool's (`handoff-tui hooks run …`, possibly with a
    /// path before `handoff-tui`).
    public static func isOurs(_ command: String) -> Bool {
        var c = Substring(command)
        while c.first == " " || c.first == "\t" { c.removeFirst() }
        guard let space = c.firstIndex(of: " ") else { return false }
        let program = c[..<space]
        let name = program.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        return name == "handoff-tui" && c[space...].hasPrefix(" hooks run ")
    }

    /// The text with `entries` added where missing (an entry is present when any group of its
    /// event has a hook with the same command). Unchanged bytes when all are present.
    /// `text` nil: the file does not exist yet; a new one is made.
    public static func install(_ text: [UInt8]?, entries: [HookEntry]) throws(HookSettingsError) -> [UInt8] {
        var bytes = text ?? Array("{}\n".utf8)
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) { bytes = Array("{}\n".utf8) }
        for entry in entries {
            let root = try parse(bytes)
            guard root.members != nil else { throw .unexpectedShape(at: "the file", expected: "a JSON object") }
            let style = Style(bytes)
            let group = groupValue(entry)
            guard let hooks = root.member("hooks") else {
                bytes = style.insert(.object([(entry.event, .array([group]))]), key: "hooks", into: root, in: bytes)
                continue
            }
            guard hooks.value.members != nil else { throw .unexpectedShape(at: "\"hooks\"", expected: "an object") }
            guard let event = hooks.value.member(entry.event) else {
                bytes = style.insert(.array([group]), key: entry.event, into: hooks.value, in: bytes)
                continue
            }
            guard let groups = event.value.elements else { throw .unexpectedShape(at: "\"hooks\".\"\(entry.event)\"", expected: "an array") }
            if groups.contains(where: { commands(in: $0).contains { $0.command == entry.command } }) { continue }
            bytes = style.insert(group, key: nil, into: event.value, in: bytes)
        }
        return bytes
    }

    /// The text with every hook of ours removed, and each group, event and `hooks` object
    /// that removing it left empty. Unchanged bytes when there is none.
    public static func uninstall(_ text: [UInt8]) throws(HookSettingsError) -> [UInt8] {
        var bytes = text
        // One removal at a time, parsing again after each: offsets move.
        while let cut = try nextRemoval(bytes) {
            bytes = cut
        }
        return bytes
    }

    /// Our hooks in the text: each event and command.
    public static func installed(_ text: [UInt8]) throws(HookSettingsError) -> [(event: String, command: String)] {
        let root = try parse(text)
        guard let events = root.member("hooks")?.value.members else { return [] }
        var found: [(String, String)] = []
        for event in events {
            for group in event.value.elements ?? [] {
                for hook in commands(in: group) where isOurs(hook.command) { found.append((event.key, hook.command)) }
            }
        }
        return found
    }

    /// Whether the text is an object with nothing in it (what is left of a file this tool made).
    public static func isEmptyObject(_ text: [UInt8]) -> Bool {
        guard let root = try? JSONSource.parse(text), let members = root.members else { return false }
        return members.isEmpty
    }

    // MARK: - Internals

    static func parse(_ bytes: [UInt8]) throws(HookSettingsError) -> JSONNode {
        do { return try JSONSource.parse(bytes) } catch { throw .invalidJSON(error) }
    }

    static func groupValue(_ entry: HookEntry) -> Value {
        var members: [(String, Value)] = []
        if let matcher = entry.matcher { members.append(("matcher", .string(matcher))) }
        members.append(("hooks", .array([.object([
            ("type", .string("command")),
            ("command", .string(entry.command)),
            ("timeout", .int(entry.timeout)),
        ])])))
        return .object(members)
    }

    /// The command hooks of a group: each hook object's node and command.
    static func commands(in group: JSONNode) -> [(node: JSONNode, command: String)] {
        guard let hooks = group.member("hooks")?.value.elements else { return [] }
        return hooks.compactMap { hook in hook.member("command")?.value.string.map { (hook, $0) } }
    }

    /// The text after removing one hook of ours (and what that leaves empty), or nil if there is none.
    static func nextRemoval(_ bytes: [UInt8]) throws(HookSettingsError) -> [UInt8]? {
        let root = try parse(bytes)
        guard let rootMembers = root.members, let hooksIndex = rootMembers.lastIndex(where: { $0.key == "hooks" }) else { return nil }
        let hooks = rootMembers[hooksIndex].value
        guard let events = hooks.members else { return nil }
        for (e, event) in events.enumerated() {
            guard let groups = event.value.elements else { continue }
            for (g, group) in groups.enumerated() {
                guard let hookList = group.member("hooks")?.value, let hookNodes = hookList.elements else { continue }
                for (h, hook) in hookNodes.enumerated() {
                    guard let command = hook.member("command")?.value.string, isOurs(command) else { continue }
                    if hookNodes.count > 1 { return remove(element: h, of: hookNodes, in: hookList, from: bytes) }
                    // The group held only ours.
                    if groups.count > 1 { return remove(element: g, of: groups.map(\.range), in: event.value, from: bytes) }
                    // The event held only that group.
                    if events.count > 1 { return remove(element: e, of: events.map(memberRange), in: hooks, from: bytes) }
                    // `hooks` held only that event.
                    return remove(element: hooksIndex, of: rootMembers.map(memberRange), in: root, from: bytes)
                }
            }
        }
        return nil
    }

    static func memberRange(_ m: JSONMember) -> Range<Int> { m.keyRange.lowerBound..<m.value.range.upperBound }

    static func remove(element k: Int, of nodes: [JSONNode], in container: JSONNode, from bytes: [UInt8]) -> [UInt8] {
        remove(element: k, of: nodes.map(\.range), in: container, from: bytes)
    }

    /// Deletes element `k` of a container, with the comma and whitespace that an insertion after
    /// the last element adds: for the last, from the end of the one before it; for the first of
    /// several, up to the start of the next; for the only one, everything between the brackets.
    static func remove(element k: Int, of ranges: [Range<Int>], in container: JSONNode, from bytes: [UInt8]) -> [UInt8] {
        let cut: Range<Int>
        if ranges.count == 1 {
            cut = (container.range.lowerBound + 1)..<(container.range.upperBound - 1)
        } else if k > 0 {
            cut = ranges[k - 1].upperBound..<ranges[k].upperBound
        } else {
            cut = ranges[0].lowerBound..<ranges[1].lowerBound
        }
        var out = bytes
        out.removeSubrange(cut)
        return out
    }

    /// A value to write.
    indirect enum Value {
        case object([(String, Value)])
        case array([Value])
        case string(String)
        case int(Int)
    }

    /// How the file is laid out, for the text inserted into it.
    struct Style {
        /// One level of indentation: a tab, or some spaces.
        let unit: String
        let newline: String
        /// Between a key and its value: ": ", ":" or " : ", as the file's first member has it.
        let colon: String

        init(_ bytes: [UInt8]) {
            newline = bytes.firstIndex(of: 0x0A).map { $0 > 0 && bytes[$0 - 1] == 0x0D } == true ? "\r\n" : "\n"
            // The shortest indentation of a line: the file's unit (a tab, or N spaces).
            var best: [UInt8]? = nil
            var i = 0
            while i < bytes.count {
                if bytes[i] == 0x0A {
                    var j = i + 1
                    while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
                    if j > i + 1, j < bytes.count, bytes[j] != 0x0A, bytes[j] != 0x0D {
                        let lead = Array(bytes[(i + 1)..<j])
                        if best == nil || lead.count < best!.count { best = lead }
                    }
                    i = j
                } else {
                    i += 1
                }
            }
            if let best, best.first == 0x09 { unit = "\t" } else if let best { unit = String(repeating: " ", count: best.count) } else { unit = "  " }
            var colon = ": "
            if let root = try? JSONSource.parse(bytes), let first = root.members?.first {
                let between = String(decoding: bytes[first.keyRange.upperBound..<first.value.range.lowerBound], as: UTF8.self)
                if !between.utf8.contains(0x0A) && !between.utf8.contains(0x0D) { colon = between }
            }
            self.colon = colon
        }

        /// The text with `value` added as the last element of `container` (as member `key` when
        /// the container is an object).
        func insert(_ value: Value, key: String?, into container: JSONNode, in bytes: [UInt8]) -> [UInt8] {
            let ranges: [Range<Int>] = container.members.map { $0.map(HookSettings.memberRange) } ?? container.elements!.map(\.range)
            var out = bytes
            if let last = ranges.last {
                // The whitespace before the last element (after the comma or the bracket before
                // it) goes before the new one too.
                var s = last.lowerBound
                while s > 0, bytes[s - 1] == 0x20 || bytes[s - 1] == 0x09 || bytes[s - 1] == 0x0A || bytes[s - 1] == 0x0D { s -= 1 }
                let separatorBytes = bytes[s..<last.lowerBound]
                let separator = String(decoding: separatorBytes, as: UTF8.self)
                // Bytes, not Characters: "\r\n" is one Character, which is not "\n".
                let lastNewline = separatorBytes.lastIndex(of: 0x0A)
                let multiline = lastNewline != nil
                let indent = lastNewline.map { String(decoding: bytes[($0 + 1)..<last.lowerBound], as: UTF8.self) } ?? ""
                let text = "," + separator + element(value, key: key, indent: indent, multiline: multiline, spacing: separator)
                out.insert(contentsOf: Array(text.utf8), at: last.upperBound)
            } else {
                // An empty container: the new element on a line of its own, one level deeper
                // than the line the container starts on (unless the file is all on one line).
                let multiline = bytes.contains(0x0A)
                let indent = multiline ? lineIndent(bytes, at: container.range.lowerBound) : ""
                let inner = multiline ? indent + unit : ""
                let text = multiline
                    ? newline + inner + element(value, key: key, indent: inner, multiline: true, spacing: "") + newline + indent
                    : element(value, key: key, indent: "", multiline: false, spacing: "")
                out.replaceSubrange((container.range.lowerBound + 1)..<(container.range.upperBound - 1), with: Array(text.utf8))
            }
            return out
        }

        func lineIndent(_ bytes: [UInt8], at offset: Int) -> String {
            var s = offset
            while s > 0, bytes[s - 1] != 0x0A { s -= 1 }
            var e = s
            while e < bytes.count, bytes[e] == 0x20 || bytes[e] == 0x09 { e += 1 }
            return String(decoding: bytes[s..<e], as: UTF8.self)
        }

        func element(_ value: Value, key: String?, indent: String, multiline: Bool, spacing: String) -> String {
            let v = render(value, indent: indent, multiline: multiline, spacing: spacing)
            return key.map { jsonStringLiteral($0) + colon + v } ?? v
        }

        /// `spacing`: on one line, what goes after each comma (the file's own).
        func render(_ value: Value, indent: String, multiline: Bool, spacing: String) -> String {
            let inner = indent + unit
            let open = multiline ? newline + inner : ""
            let between = multiline ? "," + newline + inner : "," + spacing
            let close = multiline ? newline + indent : ""
            switch value {
            case .string(let s): return jsonStringLiteral(s)
            case .int(let n): return String(n)
            case .array(let items):
                if items.isEmpty { return "[]" }
                return "[" + open + items.map { render($0, indent: inner, multiline: multiline, spacing: spacing) }.joined(separator: between) + close + "]"
            case .object(let members):
                if members.isEmpty { return "{}" }
                return "{" + open + members.map { jsonStringLiteral($0.0) + colon + render($0.1, indent: inner, multiline: multiline, spacing: spacing) }
                    .joined(separator: between) + close + "}"
            }
        }
    }
}
