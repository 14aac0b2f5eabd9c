/// The `show --format json` / `check --format json` contract, version 1 (docs/FORMAT.md).
/// Written straight into bytes and handed out in chunks: a 10 MB document has some 100k
/// items, and an encoder that goes through dictionaries, or one buffer holding the whole
/// report, would cost more time and memory than the parse.
extension HandoffDocument {
    public static let jsonVersion = 1

    /// The whole report in one buffer.
    public func jsonReport(path: String, problems: [Problem]) -> [UInt8] {
        var all = [UInt8]()
        writeJSONReport(path: path, problems: problems) { all.append(contentsOf: $0) }
        return all
    }

    /// The report, passed to `sink` in chunks of about 1 MB.
    public func writeJSONReport(path: String, problems: [Problem], to sink: (UnsafeBufferPointer<UInt8>) -> Void) {
        withoutActuallyEscaping(sink) { writeJSON(path: path, references: ReferenceTable(self), problems: { _ in problems }, sink: $0) }
    }

    /// The report with the problems `check` finds under `options`; the items' references
    /// are found once for both.
    public func writeJSONReport(path: String, options: CheckOptions, to sink: (UnsafeBufferPointer<UInt8>) -> Void) {
        withoutActuallyEscaping(sink) {
            writeJSON(path: path, references: ReferenceTable(self), problems: { self.problems(options, references: $0) }, sink: $0)
        }
    }

    private func writeJSON(path: String, references: ReferenceTable, problems: (ReferenceTable) -> [Problem],
                           sink: @escaping (UnsafeBufferPointer<UInt8>) -> Void) {
        let problems = problems(references)
        var w = JSONWriter(sink: sink)
        w.raw("{\"version\":"); w.int(Self.jsonVersion)
        w.raw(",\"path\":"); w.string(path)
        w.raw(",\"title\":")
        if let title { w.string(title.text) } else { w.raw("null") }
        w.raw(",\"sections\":[")
        for key in SectionKey.allCases {
            if key.index > 0 { w.raw(",") }
            w.raw("\n{\"key\":\""); w.raw(key.rawValue); w.raw("\",\"title\":")
            guard let s = section(key) else {
                w.string(key.canonicalTitle)
                w.raw(",\"present\":false,\"heading_line\":null,\"level\":null,\"form\":null,\"shared_from\":null,\"items\":[]}")
                continue
            }
            w.string(s.heading.text)
            w.raw(",\"present\":true,\"heading_line\":"); w.int(s.heading.line)
            w.raw(",\"level\":")
            if s.isHeading { w.int(s.heading.level) } else { w.raw("null") }
            w.raw(",\"form\":\""); w.raw(s.heading.form.rawValue)
            w.raw("\",\"shared_from\":")
            if let owner = s.sharedFrom { w.raw("\""); w.raw(owner.rawValue); w.raw("\"") } else { w.raw("null") }
            w.raw(",\"items\":[")
            for (n, item) in s.items.enumerated() {
                if n > 0 { w.raw(",\n{\"line\":") } else { w.raw("\n{\"line\":") }; w.int(item.line)
                w.raw(",\"depth\":"); w.int(item.depth)
                switch item.checked {
                case true?: w.raw(",\"checked\":true,\"text\":")
                case false?: w.raw(",\"checked\":false,\"text\":")
                case nil: w.raw(",\"checked\":null,\"text\":")
                }
                w.bytes(source.bytes[item.textRange])
                w.raw(",\"refs\":[")
                for (k, ref) in references.spans(key, item: n).enumerated() {
                    if k > 0 { w.raw(",{\"path\":") } else { w.raw("{\"path\":") }
                    w.bytes(source.bytes[ref.path])
                    w.raw(",\"line\":")
                    if let l = ref.line { w.int(l) } else { w.raw("null") }
                    w.raw(",\"end_line\":")
                    if let l = ref.endLine { w.int(l) } else { w.raw("null") }
                    w.raw("}")
                }
                w.raw("]}")
            }
            w.raw("]}")
        }
        w.raw("],\n\"other_sections\":[")
        for (n, h) in otherSections.enumerated() {
            if n > 0 { w.raw(",\n{\"title\":") } else { w.raw("\n{\"title\":") }
            w.string(h.text)
            w.raw(",\"heading_line\":"); w.int(h.line)
            w.raw(",\"level\":"); w.int(h.level)
            w.raw("}")
        }
        w.raw("],\n\"problems\":[")
        for (n, p) in problems.enumerated() {
            if n > 0 { w.raw(",\n{\"key\":") } else { w.raw("\n{\"key\":") }
            if let k = p.key { w.raw("\""); w.raw(k.rawValue); w.raw("\"") } else { w.raw("null") }
            w.raw(",\"line\":")
            if let l = p.line { w.int(l) } else { w.raw("null") }
            w.raw(",\"code\":\""); w.raw(p.code.rawValue)
            w.raw("\",\"message\":"); w.string(p.message)
            w.raw("}")
        }
        w.raw("]}\n")
        w.flush()
    }
}

/// Appends JSON text to a buffer that it empties into `sink` as it fills.
struct JSONWriter {
    private var out: [UInt8] = []
    private let sink: (UnsafeBufferPointer<UInt8>) -> Void
    private static let chunk = 1 << 20

    init(sink: @escaping (UnsafeBufferPointer<UInt8>) -> Void) {
        self.sink = sink
        out.reserveCapacity(Self.chunk + 4096)
    }

    mutating func flush() {
        out.withUnsafeBufferPointer { sink($0) }
        out.removeAll(keepingCapacity: true)
    }

    @inline(__always) private mutating func flushIfFull() {
        if out.count >= Self.chunk { flush() }
    }

    mutating func raw(_ s: StaticString) {
        out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    mutating func raw(_ s: String) { out.append(contentsOf: s.utf8) }

    mutating func int(_ value: Int) {
        if value < 0 { out.append(0x2D); int(-value); return }
        if value >= 10 { int(value / 10) }
        out.append(UInt8(0x30 + value % 10))
    }

    mutating func string(_ s: String) {
        bytes(Array(s.utf8)[...])
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// A JSON string from UTF-8 bytes: quotes, backslashes and control characters escaped.
    /// Runs that need no escape are copied whole.
    mutating func bytes(_ b: ArraySlice<UInt8>) {
        out.append(0x22)
        b.withUnsafeBufferPointer { buf in
            var runStart = 0
            for i in 0..<buf.count {
                let c = buf[i]
                if c >= 0x20 && c != 0x22 && c != 0x5C && c != 0x7F { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[runStart..<i]))
                runStart = i + 1
                switch c {
                case 0x22: out.append(0x5C); out.append(0x22)
                case 0x5C: out.append(0x5C); out.append(0x5C)
                case 0x0A: out.append(0x5C); out.append(0x6E)
                case 0x0D: out.append(0x5C); out.append(0x72)
                case 0x09: out.append(0x5C); out.append(0x74)
                default:
                    out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, Self.hex[Int(c >> 4)], Self.hex[Int(c & 15)]])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[runStart..<buf.count]))
        }
        out.append(0x22)
        flushIfFull()
    }
}
