/// JSON parsed with the byte range of every value kept, so that a settings file can be edited
/// by inserting and removing bytes and everything else stays exactly as the user wrote it. No
/// JSON library keeps formatting; this one is strict RFC 8259 (no comments, no trailing commas:
/// Claude Code and Codex read these files with strict parsers too).
public struct JSONNode: Sendable {
    public indirect enum Kind: Sendable {
        case object([JSONMember])
        case array([JSONNode])
        case string(String)
        case number
        case bool(Bool)
        case null
    }

    public let kind: Kind
    /// The value's bytes, from its first to one past its last (brackets and quotes included).
    public let range: Range<Int>

    /// The member named `key` (the last one when a key repeats, as JavaScript's JSON.parse keeps).
    public func member(_ key: String) -> JSONMember? {
        guard case .object(let members) = kind else { return nil }
        return members.last { $0.key == key }
    }

    public var members: [JSONMember]? { if case .object(let m) = kind { return m }; return nil }
    public var elements: [JSONNode]? { if case .array(let e) = kind { return e }; return nil }
    public var string: String? { if case .string(let s) = kind { return s }; return nil }
}

public struct JSONMember: Sendable {
    public let key: String
    /// The key's bytes, quotes included.
    public let keyRange: Range<Int>
    public let value: JSONNode
}

/// Where and why the text is not JSON.
public struct JSONSyntaxError: Error, Equatable, Sendable {
    public let offset: Int
    public let line: Int
    public let column: Int
    public let reason: String

    public var message: String { "line \(line), column \(column): \(reason)" }
}

public enum JSONSource {
    /// Nesting deeper than this is refused (a settings file is a few levels deep; the limit
    /// keeps a hostile file from exhausting the stack).
    static let maximumDepth = 256

    /// Parses the whole text: one value, surrounded by whitespace only. A UTF-8 byte order mark
    /// at the start is allowed (and kept by the edits, which never touch it).
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONNode {
        var parser = Parser(bytes: bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.i = 3 }
        parser.skipWhitespace()
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        if parser.i < bytes.count { throw parser.error("unexpected text after the JSON value") }
        return value
    }

    struct Parser {
        let bytes: [UInt8]
        var i = 0

        func error(_ reason: String, at offset: Int? = nil) -> JSONSyntaxError {
            let at = min(offset ?? i, bytes.count)
            var line = 1, column = 1
            var k = 0
            while k < at {
                if bytes[k] == 0x0A { line += 1; column = 1 } else if bytes[k] & 0xC0 != 0x80 { column += 1 }
                k += 1
            }
            return JSONSyntaxError(offset: at, line: line, column: column, reason: reason)
        }

        mutating func skipWhitespace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
        }

        mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONNode {
            guard depth < JSONSource.maximumDepth else { throw error("nested too deeply") }
            guard i < bytes.count else { throw error("unexpected end of the text, a value was expected") }
            let start = i
            switch bytes[i] {
            case UInt8(ascii: "{"):
                i += 1
                var members: [JSONMember] = []
                skipWhitespace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return JSONNode(kind: .object(members), range: start..<i) }
                while true {
                    skipWhitespace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else {
                        if i < bytes.count, bytes[i] == UInt8(ascii: "/") { throw error("comments are not allowed in JSON") }
                        throw error(i < bytes.count && bytes[i] == UInt8(ascii: "}") ? "a trailing comma is not allowed" : "a key in double quotes was expected")
                    }
                    let keyStart = i
                    let key = try string()
                    let keyRange = keyStart..<i
                    skipWhitespace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw error("':' was expected after the key") }
                    i += 1
                    skipWhitespace()
                    let v = try value(depth: depth + 1)
                    members.append(JSONMember(key: key, keyRange: keyRange, value: v))
                    skipWhitespace()
                    guard i < bytes.count else { throw error("unexpected end of the text, '}' was expected") }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "}") { i += 1; return JSONNode(kind: .object(members), range: start..<i) }
                    if bytes[i] == UInt8(ascii: "/") { throw error("comments are not allowed in JSON") }
                    throw error("',' or '}' was expected")
                }
            case UInt8(ascii: "["):
                i += 1
                var elements: [JSONNode] = []
                skipWhitespace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return JSONNode(kind: .array(elements), range: start..<i) }
                while true {
                    skipWhitespace()
                    if i < bytes.count, bytes[i] == UInt8(ascii: "]") { throw error("a trailing comma is not allowed") }
                    elements.append(try value(depth: depth + 1))
                    skipWhitespace()
                    guard i < bytes.count else { throw error("unexpected end of the text, ']' was expected") }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "]") { i += 1; return JSONNode(kind: .array(elements), range: start..<i) }
                    if bytes[i] == UInt8(ascii: "/") { throw error("comments are not allowed in JSON") }
                    throw error("',' or ']' was expected")
                }
            case UInt8(ascii: "\""):
                let s = try string()
                return JSONNode(kind: .string(s), range: start..<i)
            case UInt8(ascii: "t"):
                try literal("true")
                return JSONNode(kind: .bool(true), range: start..<i)
            case UInt8(ascii: "f"):
                try literal("false")
                return JSONNode(kind: .bool(false), range: start..<i)
            case UInt8(ascii: "n"):
                try literal("null")
                return JSONNode(kind: .null, range: start..<i)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                try number()
                return JSONNode(kind: .number, range: start..<i)
            case UInt8(ascii: "/"):
                throw error("comments are not allowed in JSON")
            default:
                throw error("a value was expected")
            }
        }

        mutating func literal(_ word: String) throws(JSONSyntaxError) {
            let w = Array(word.utf8)
            guard i + w.count <= bytes.count, Array(bytes[i..<(i + w.count)]) == w else { throw error("a value was expected") }
            i += w.count
        }

        mutating func number() throws(JSONSyntaxError) {
            func digits() -> Int {
                let s = i
                while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
                return i - s
            }
            if bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 else { throw error("a digit was expected") }
            if bytes[i] == UInt8(ascii: "0") {
                i += 1
                if i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { throw error("a number cannot start with 0") }
            } else {
                _ = digits()
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                guard digits() > 0 else { throw error("a digit was expected after '.'") }
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
                guard digits() > 0 else { throw error("a digit was expected in the exponent") }
            }
        }

        /// A string literal at `i` (its opening quote), decoded.
        mutating func string() throws(JSONSyntaxError) -> String {
            let start = i
            i += 1
            var out: [UInt8] = []
            while true {
                guard i < bytes.count else { throw error("the string is not closed", at: start) }
                let b = bytes[i]
                if b == UInt8(ascii: "\"") { i += 1; break }
                if b < 0x20 { throw error("a control character must be escaped in a string") }
                if b != UInt8(ascii: "\\") { out.append(b); i += 1; continue }
                i += 1
                guard i < bytes.count else { throw error("the string is not closed", at: start) }
                let e = bytes[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar), i + 1 < bytes.count,
                       bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                        let save = i
                        i += 2
                        let low = try hex4()
                        if (0xDC00..<0xE000).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            i = save
                        }
                    }
                    // A lone surrogate is valid JSON but no character: it reads as U+FFFD.
                    let u = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                    out.append(contentsOf: Array(String(Character(u)).utf8))
                default:
                    throw error("unknown escape '\\\(Character(Unicode.Scalar(e)))'", at: i - 2)
                }
            }
            guard let s = String(validating: out, as: UTF8.self) else { throw error("the string is not valid UTF-8", at: start) }
            return s
        }

        mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
            guard i + 4 <= bytes.count else { throw error("four hex digits were expected after \\u") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let b = bytes[i]
                let d: UInt32
                switch b {
                case 0x30...0x39: d = UInt32(b - 0x30)
                case 0x41...0x46: d = UInt32(b - 0x41 + 10)
                case 0x61...0x66: d = UInt32(b - 0x61 + 10)
                default: throw error("four hex digits were expected after \\u")
                }
                v = v << 4 | d
                i += 1
            }
            return v
        }
    }
}

/// A JSON string literal: quotes, backslashes and control characters escaped, everything else
/// (non-ASCII included) written as it is.
public func jsonStringLiteral(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
        switch u {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if u.value < 0x20 {
                let hex = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(u)
            }
        }
    }
    return out + "\""
}
