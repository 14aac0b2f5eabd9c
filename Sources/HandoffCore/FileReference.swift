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
        var refs: [FileReference] = []
        bytes.withUnsafeBufferPointer { buf in
            var i = range.lowerBound
            let end = range.upperBound
            while i < end {
                while i < end, isDelimiter(buf[i]) { i += 1 }
                let start = i
                while i < end, !isDelimiter(buf[i]) { i += 1 }
                if i > start, let ref = parse(buf, start, i) { refs.append(ref) }
            }
        }
        return refs
    }

    @inline(__always) private static func isDelimiter(_ b: UInt8) -> Bool {
        switch b {
        case 0x20, 0x09, 0x60 /* ` */, 0x22 /* " */, 0x27 /* ' */, 0x28, 0x29 /* ( ) */, 0x5B, 0x5D /* [ ] */,
             0x7B, 0x7D /* { } */, 0x3C, 0x3E /* < > */, 0x2C /* , */, 0x3B /* ; */, 0x2A /* * */, 0x7C /* | */:
            return true
        default:
            return false
        }
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    private static func number(_ buf: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Int? {
        guard e > s, e - s <= 9 else { return nil }
        var v = 0
        for k in s..<e { guard isDigit(buf[k]) else { return nil }; v = v * 10 + Int(buf[k] - 0x30) }
        return v
    }

    private static func parse(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ tokenEnd: Int) -> FileReference? {
        var e = tokenEnd
        // Sentence punctuation after a reference is not part of it.
        while e > start, [0x2E, 0x3A, 0x21, 0x3F].contains(buf[e - 1]) { e -= 1 }
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
        let path = String(decoding: UnsafeBufferPointer(rebasing: buf[start..<pathEnd]), as: UTF8.self)
        if baseStart == pathEnd {
            // A folder (`src/auth/`): a reference only with a slash inside and something before it.
            guard hasSlash, pathEnd - start >= 3, line == nil else { return nil }
            return FileReference(path: path, line: nil, endLine: nil)
        }
        let base = Array(UnsafeBufferPointer(rebasing: buf[baseStart..<pathEnd]))
        let ext = extensionOf(base)
        if line != nil || hasSlash {
            guard ext != nil || line != nil || knownNames.contains(String(decoding: base, as: UTF8.self)) else { return nil }
            if hasSlash, pathEnd - start < 3 { return nil }
            return FileReference(path: path, line: line, endLine: endLine)
        }
        // A bare name: only with an extension that files have, and not a product name.
        guard let ext, knownExtensions.contains(ext) || base.first == 0x2E else {
            return knownNames.contains(String(decoding: base, as: UTF8.self))
                ? FileReference(path: path, line: nil, endLine: nil) : nil
        }
        if notFiles.contains(path.lowercased()) { return nil }
        return FileReference(path: path, line: nil, endLine: nil)
    }

    /// The lower-cased extension when the name has one (`.env` counts as a name with one).
    private static func extensionOf(_ base: [UInt8]) -> String? {
        guard let dot = base.lastIndex(of: 0x2E), dot + 1 < base.count else { return nil }
        let ext = base[(dot + 1)...]
        guard ext.count <= 10, ext.allSatisfy({ isLetter($0) || isDigit($0) || $0 == 0x5F }), ext.contains(where: isLetter) else { return nil }
        if dot == 0 { return String(decoding: ext, as: UTF8.self).lowercased() }
        guard base[..<dot].contains(where: { isLetter($0) || isDigit($0) || $0 >= 0x80 }) else { return nil }
        return String(decoding: ext, as: UTF8.self).lowercased()
    }

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

    static let knownNames: Set<String> = [
        "Makefile", "Dockerfile", "Gemfile", "Rakefile", "Procfile", "Podfile", "Cartfile", "Brewfile",
        "Justfile", "Vagrantfile", "Jenkinsfile", "CODEOWNERS", "LICENSE", "README", "CHANGELOG",
    ]

    static let notFiles: Set<String> = [
        "node.js", "vue.js", "next.js", "nuxt.js", "three.js", "d3.js", "chart.js", "express.js", "react.js",
        "ember.js", "backbone.js", "angular.js", "nest.js", "solid.js", "alpine.js", "p5.js", "socket.io",
    ]
}
