/// A reference to a file in an item's text: `path/to/file.ext`, `path:42`, `path:42-60`,
/// `path#L42` or `path#L42-L60`. The rules are in docs/FORMAT.md.
public struct FileReference: Sendable, Equatable, Hashable {
    public let path: String
    public let line: Int?
    public let endLine: Int?

    public init(path: String, line: Int? = nil, endLine: Int? = nil) {
        self.path = path
        self.line = line
        self.endLine = endLine
    }

    public static func scan(_ text: String) -> [FileReference] {
        let bytes = Array(text.utf8)
        return scan(bytes, 0..<bytes.count)
    }

    static func scan(_ bytes: [UInt8], _ range: Range<Int>) -> [FileReference] {
        scanSpans(bytes, range).map {
            FileReference(path: String(decoding: bytes[$0.path], as: UTF8.self), line: $0.line, endLine: $0.endLine)
        }
    }

    /// A reference found in a byte buffer, before any String is made of it; 16 bytes, as
    /// a 10 MB handoff holds ~100k of them.
    struct Span: Sendable {
        private let start: Int32, end: Int32, _line: Int32, _endLine: Int32
        init(path: Range<Int>, line: Int?, endLine: Int?) {
            start = Int32(path.lowerBound); end = Int32(path.upperBound)
            _line = line.map { Int32(clamping: $0) } ?? -1
            _endLine = endLine.map { Int32(clamping: $0) } ?? -1
        }
        var path: Range<Int> { Int(start)..<Int(end) }
        var line: Int? { _line < 0 ? nil : Int(_line) }
        var endLine: Int? { _endLine < 0 ? nil : Int(_endLine) }
    }

    static func scanSpans(_ bytes: [UInt8], _ range: Range<Int>, firstOnly: Bool = false) -> [Span] {
        var refs: [Span] = []
        scanSpans(bytes, range, into: &refs, firstOnly: firstOnly)
        return refs
    }

    /// Byte classes for the word scan: 1 ends a word, 2 may make it a reference.
    private static let byteClass: [UInt8] = (0..<256).map { b in
        if [0x20, 0x09, 0x60, 0x22, 0x27, 0x28, 0x29, 0x5B, 0x5D, 0x7B, 0x7D, 0x3C, 0x3E, 0x2C, 0x3B, 0x2A, 0x7C].contains(b) { return 1 }
        if [0x2E, 0x2F, 0x3A, 0x23].contains(b) { return 2 }   // . / : #
        return 0
    }

    static func scanSpans(_ bytes: [UInt8], _ range: Range<Int>, into refs: inout [Span], firstOnly: Bool = false) {
        // The table is fetched once per call: a global read per byte costs a lazy-init check.
        byteClass.withUnsafeBufferPointer { cls in
            bytes.withUnsafeBufferPointer { buf in
                var i = range.lowerBound
                let end = range.upperBound
                while i < end {
                    while i < end, cls[Int(buf[i])] == 1 { i += 1 }
                    let start = i
                    // Only a word with '.', '/', ':' or '#' can be a reference: most words
                    // are plain and skip the parse.
                    var marked: UInt8 = 0
                    while i < end {
                        let c = cls[Int(buf[i])]
                        if c == 1 { break }
                        marked |= c
                        i += 1
                    }
                    // ... or a known file name (`Makefile`, `LICENSE`), which has none of them:
                    // those start with a capital letter and are 6 to 11 bytes long.
                    let maybeKnownName = marked == 0 && i - start >= 6 && i - start <= 11
                        && buf[start] >= 0x41 && buf[start] <= 0x5A
                    if marked != 0 || maybeKnownName, let ref = parse(buf, start, i) {
                        refs.append(ref)
                        if firstOnly { return }
                    }
                }
            }
        }
    }

    static func containsReference(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        !scanSpans(bytes, range, firstOnly: true).isEmpty
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    private static func number(_ buf: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Int? {
        guard e > s, e - s <= 9 else { return nil }
        var v = 0
        for k in s..<e { guard isDigit(buf[k]) else { return nil }; v = v * 10 + Int(buf[k] - 0x30) }
        return v
    }

    private static func parse(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ tokenEnd: Int) -> Span? {
        var e = tokenEnd
        // Sentence punctuation after a reference is not part of it.
        while e > start, buf[e - 1] == 0x2E || buf[e - 1] == 0x3A || buf[e - 1] == 0x21 || buf[e - 1] == 0x3F { e -= 1 }
        guard e > start else { return nil }
        // URLs, e-mail addresses and @mentions are not files.
        for k in start..<e {
            if buf[k] == 0x40 { return nil }   // @
            if buf[k] == 0x3A, k + 2 < e, buf[k + 1] == 0x2F, buf[k + 2] == 0x2F { return nil }   // ://
        }
        var pathEnd = e
        var line: Int? = nil
        var endLine: Int? = nil
        // `#L42` or `#L42-L60`
        if let hash = (start..<e).last(where: { buf[$0] == 0x23 }), hash + 2 < e + 0, buf[hash + 1] == 0x4C {
            var d = hash + 2
            while d < e, isDigit(buf[d]) { d += 1 }
            if let l = number(buf, hash + 2, d) {
                var rangeEnd: Int? = nil
                if d < e, buf[d] == 0x2D {
                    var s2 = d + 1
                    if s2 < e, buf[s2] == 0x4C { s2 += 1 }
                    var d2 = s2
                    while d2 < e, isDigit(buf[d2]) { d2 += 1 }
                    if d2 == e { rangeEnd = number(buf, s2, d2) }
                    d = rangeEnd == nil ? d : d2
                }
                if d == e { line = l; endLine = rangeEnd; pathEnd = hash }
            }
        }
        // `:42`, `:42-60` or `:42:7` (line and column)
        if line == nil, let colon = (start..<e).first(where: { buf[$0] == 0x3A }) {
            var d = colon + 1
            while d < e, isDigit(buf[d]) { d += 1 }
            if let l = number(buf, colon + 1, d) {
                var ok = d == e
                var rangeEnd: Int? = nil
                if d < e, buf[d] == 0x2D || buf[d] == 0x3A {
                    let isRange = buf[d] == 0x2D
                    var d2 = d + 1
                    while d2 < e, isDigit(buf[d2]) { d2 += 1 }
                    if d2 == e, let v = number(buf, d + 1, d2) { ok = true; if isRange { rangeEnd = v } }
                }
                if ok { line = l; endLine = rangeEnd; pathEnd = colon }
            }
        }
        guard pathEnd > start else { return nil }
        // The path itself: no further ':' or '#', at least one letter.
        var hasSlash = false
        var hasLetter = false
        var lastSlash = start - 1
        for k in start..<pathEnd {
            let b = buf[k]
            if b == 0x3A || b == 0x23 || b == 0x3D || b == 0x3F || b == 0x26 { return nil }   // : # = ? &
            if b == 0x2F { hasSlash = true; lastSlash = k }
            if isLetter(b) || b >= 0x80 { hasLetter = true }
        }
        guard hasLetter else { return nil }
        let baseStart = lastSlash + 1
        let path = start..<pathEnd
        if baseStart == pathEnd {
            // A folder (`src/auth/`): a reference only with a slash inside and something before it.
            guard hasSlash, pathEnd - start >= 3, line == nil else { return nil }
            return Span(path: path, line: nil, endLine: nil)
        }
        let base = UnsafeBufferPointer(rebasing: buf[baseStart..<pathEnd])
        let ext = extensionKey(base)
        if line != nil || hasSlash {
            // A line number alone does not make a word a file: `localhost:3000`, `redis:6379`,
            // `x#L4` are not. Without a folder, the name needs an extension or to be a known one.
            guard ext != nil || (line != nil && hasSlash) || knownNames.contains(String(decoding: base, as: UTF8.self)) else { return nil }
            if hasSlash, pathEnd - start < 3 { return nil }
            return Span(path: path, line: line, endLine: endLine)
        }
        // A bare name: only with an extension that files have, and not a product name.
        guard let ext, knownExtensionKeys.contains(ext) || base.first == 0x2E else {
            return knownNames.contains(String(decoding: base, as: UTF8.self))
                ? Span(path: path, line: nil, endLine: nil) : nil
        }
        if notFiles.contains(String(decoding: UnsafeBufferPointer(rebasing: buf[path]), as: UTF8.self).lowercased()) { return nil }
        return Span(path: path, line: nil, endLine: nil)
    }

    /// The lower-cased extension packed into an integer (its first eight bytes and its
    /// length), when the name has one; `.env` counts as a name with one. An integer rather
    /// than a String: this runs for every word of every item.
    private static func extensionKey(_ base: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard let dot = base.lastIndex(of: 0x2E), dot + 1 < base.count else { return nil }
        let ext = base[(dot + 1)..<base.count]
        guard ext.count <= 12, ext.allSatisfy({ isLetter($0) || isDigit($0) || $0 == 0x5F }), ext.contains(where: isLetter) else { return nil }
        if dot > 0, !base[..<dot].contains(where: { isLetter($0) || isDigit($0) || $0 >= 0x80 }) { return nil }
        return pack(ext)
    }

    private static func pack<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var key = UInt64(bytes.count) << 56
        for (n, b) in bytes.prefix(7).enumerated() {
            let lower = b >= 0x41 && b <= 0x5A ? b + 32 : b
            key |= UInt64(lower) << (8 * UInt64(n))
        }
        return key
    }

    static let knownExtensionKeys: Set<UInt64> = Set(knownExtensions.map { pack(Array($0.utf8)) })

    static let knownExtensions: Set<String> = [
        "swift", "c", "h", "cc", "cpp", "cxx", "hpp", "hh", "m", "mm", "rs", "go", "py", "pyi", "rb", "js", "mjs",
        "cjs", "jsx", "ts", "tsx", "vue", "svelte", "java", "kt", "kts", "scala", "cs", "fs", "php", "pl", "pm",
        "lua", "ex", "exs", "erl", "hs", "ml", "clj", "dart", "r", "jl", "zig", "nim", "sh", "bash", "zsh", "fish",
        "ps1", "sql", "graphql", "proto", "html", "htm", "css", "scss", "sass", "less", "md", "markdown", "rst",
        "txt", "adoc", "json", "jsonc", "yaml", "yml", "toml", "ini", "cfg", "conf", "xml", "plist", "csv", "tsv",
        "lock", "env", "gradle", "cmake", "mk", "make", "tf", "tfvars", "hcl", "nix", "dockerfile", "ipynb",
        "gitignore", "editorconfig", "modulemap", "pbxproj", "xcconfig", "storyboard", "xib", "resolved", "log",
        "patch", "diff", "pem", "crt", "key", "svg", "png", "jpg", "jpeg", "gif", "pdf", "wasm", "so", "a", "d",
    ]

    /// Words without '.', '/', ':' or '#' are only parsed when they could be one of these
    /// (capital first letter, 6 to 11 bytes: see `scanSpans`); keep new names in that shape.
    static let knownNames: Set<String> = [
        "Makefile", "Dockerfile", "Gemfile", "Rakefile", "Procfile", "Podfile", "Cartfile", "Brewfile",
        "Justfile", "Vagrantfile", "Jenkinsfile", "CODEOWNERS", "LICENSE", "README", "CHANGELOG",
    ]

    static let notFiles: Set<String> = [
        "node.js", "vue.js", "next.js", "nuxt.js", "three.js", "d3.js", "chart.js", "express.js", "react.js",
        "ember.js", "backbone.js", "angular.js", "nest.js", "solid.js", "alpine.js", "p5.js", "socket.io",
    ]
}
