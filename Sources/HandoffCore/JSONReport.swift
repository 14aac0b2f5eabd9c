/// The `show --format json` / `check --format json` contract, version 1 (docs/FORMAT.md).
/// Written straight into bytes: a 10 MB document has some 100k items, and an encoder
/// that goes through dictionaries would cost more than the parse.
extension HandoffDocument {
    public static let jsonVersion = 1

    public func jsonReport(path: String, problems: [Problem]) -> [UInt8] {
        var w = JSONWriter()
        w.raw("{\"version\":\(Self.jsonVersion),\"path\":")
        w.string(path)
        w.raw(",\"title\":")
        if let title { w.string(title.text) } else { w.raw("null") }
        w.raw(",\"sections\":[")
        for key in SectionKey.allCases {
            if key.index > 0 { w.raw(",") }
            w.raw("\n{\"key\":\"\(key.rawValue)\",\"title\":")
            guard let s = section(key) else {
                w.string(key.canonicalTitle)
                w.raw(",\"present\":false,\"heading_line\":null,\"level\":null,\"items\":[]}")
                continue
            }
            w.string(s.heading.text)
            w.raw(",\"present\":true,\"heading_line\":\(s.heading.line),\"level\":\(s.heading.level),\"items\":[")
            for (n, item) in s.items.enumerated() {
                if n > 0 { w.raw(",") }
                w.raw("\n{\"line\":\(item.line),\"depth\":\(item.depth),\"checked\":")
                switch item.checked { case true?: w.raw("true"); case false?: w.raw("false"); case nil: w.raw("null") }
                w.raw(",\"text\":")
                w.bytes(source.bytes[item.textRange])
                w.raw(",\"refs\":[")
                for (k, ref) in item.refs(in: self).enumerated() {
                    if k > 0 { w.raw(",") }
                    w.raw("{\"path\":")
                    w.string(ref.path)
                    w.raw(",\"line\":")
                    if let l = ref.line { w.raw(String(l)) } else { w.raw("null") }
                    w.raw(",\"end_line\":")
                    if let l = ref.endLine { w.raw(String(l)) } else { w.raw("null") }
                    w.raw("}")
                }
                w.raw("]}")
            }
            w.raw("]}")
        }
        w.raw("],\n\"other_sections\":[")
        for (n, h) in otherSections.enumerated() {
            if n > 0 { w.raw(",") }
            w.raw("\n{\"title\":")
            w.string(h.text)
            w.raw(",\"heading_line\":\(h.line),\"level\":\(h.level)}")
        }
        w.raw("],\n\"problems\":[")
        for (n, p) in problems.enumerated() {
            if n > 0 { w.raw(",") }
            w.raw("\n{\"key\":")
            if let k = p.key { w.raw("\"\(k.rawValue)\"") } else { w.raw("null") }
            w.raw(",\"line\":")
            if let l = p.line { w.raw(String(l)) } else { w.raw("null") }
            w.raw(",\"code\":\"\(p.code.rawValue)\",\"message\":")
            w.string(p.message)
            w.raw("}")
        }
        w.raw("]}\n")
        return w.out
    }
}

/// Appends JSON text to a byte buffer.
struct JSONWriter {
    var out: [UInt8] = []

    mutating func raw(_ s: String) { out.append(contentsOf: s.utf8) }

    mutating func string(_ s: String) {
        bytes(s.utf8)
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// A JSON string from UTF-8 bytes: quotes, backslashes and control characters escaped.
    mutating func bytes<C: Collection>(_ b: C) where C.Element == UInt8 {
        out.append(0x22)
        for c in b {
            switch c {
            case 0x22: out.append(0x5C); out.append(0x22)
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(0x6E)
            case 0x0D: out.append(0x5C); out.append(0x72)
            case 0x09: out.append(0x5C); out.append(0x74)
            case 0..<0x20, 0x7F:
                out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, Self.hex[Int(c >> 4)], Self.hex[Int(c & 15)]])
            default: out.append(c)
            }
        }
        out.append(0x22)
    }
}
