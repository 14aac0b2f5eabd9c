/// Finds likely secrets in a handoff before it is committed: agents paste environment
/// values into handoffs, and a shared repository is the wrong place for them.
///
/// The rules (docs/COMMIT.md lists them) favour few false alarms on ordinary handoffs: file
/// paths, URLs without credentials, UUIDs and git hashes pass. Every line is scanned, code
/// blocks and front matter included.
public enum SecretScanner {
    /// The findings in document order, at most one per secret.
    public static func scan(_ document: HandoffDocument) -> [SecretFinding] {
        scan(bytes: document.bytes)
    }

    public static func scan(_ text: String) -> [SecretFinding] { scan(bytes: Array(text.utf8)) }

    static func scan(bytes: [UInt8]) -> [SecretFinding] {
        var findings: [SecretFinding] = []
        var lineNumber = 1
        var start = 0
        while start <= bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            var line = Array(bytes[start..<end])
            if line.last == 0x0D { line.removeLast() }
            findings += scanLine(line, number: lineNumber)
            if end >= bytes.count { break }
            start = end + 1
            lineNumber += 1
        }
        return findings
    }

    // MARK: - One line

    static func scanLine(_ line: [UInt8], number: Int) -> [SecretFinding] {
        var found: [(range: Range<Int>, kind: SecretFinding.Kind, excerpt: String)] = []
        func add(_ range: Range<Int>, _ kind: SecretFinding.Kind, _ excerpt: String) {
            if found.contains(where: { $0.range.overlaps(range) }) { return }
            found.append((range, kind, excerpt))
        }

        // A PEM or PGP private key block: its header line is enough.
        if let begin = find(line, "-----BEGIN "), find(line, "PRIVATE KEY") != nil {
            add(begin..<line.count, .privateKey, String(decoding: line[begin...], as: UTF8.self).trimmingSpace())
        }

        // Tokens with a known prefix: one pass, trying rules only where a prefix can start.
        let rules = prefixRules
        let starts = prefixStarts
        for at in line.indices where starts[Int(line[at])] {
            if at > 0, isAlnum(line[at - 1]) { continue }   // inside a longer word
            for rule in rules where rule.prefix[0] == line[at] {
                guard line.count - at > rule.prefix.count, line[at..<(at + rule.prefix.count)].elementsEqual(rule.prefix) else { continue }
                var end = at + rule.prefix.count
                while end < line.count, rule.body.contains(line[end]) { end += 1 }
                let bodyLength = end - at - rule.prefix.count
                guard bodyLength >= rule.minimum, bodyLength <= rule.maximum else { continue }
                if end < line.count, isAlnum(line[end]) { continue }
                let token = Array(line[at..<end])
                if rule.needsDigit, !token.contains(where: isDigit) { continue }
                add(at..<end, rule.kind, redact(token))
            }
        }

        // JSON Web Tokens: three base64url parts, the first two starting "eyJ".
        var from = 0
        while let at = find(line, "eyJ", from: from) {
            from = at + 1
            var end = at
            var dots = 0
            while end < line.count, isBase64URL(line[end]) || line[end] == 0x2E { if line[end] == 0x2E { dots += 1 }; end += 1 }
            if dots >= 2, end - at >= 36, find(Array(line[at..<end]), ".eyJ") != nil {
                add(at..<end, .jwt, redact(Array(line[at..<end])))
            }
        }

        // Credentials in a URL: scheme://user:password@host.
        from = 0
        while line.contains(0x40), let at = find(line, "://", from: from) {   // needs an @
            from = at + 3
            var end = from
            while end < line.count, !isSpace(line[end]), line[end] != 0x2F, line[end] != 0x60, line[end] != 0x22, line[end] != 0x27 { end += 1 }
            let authority = Array(line[from..<end])
            if let atSign = authority.lastIndex(of: 0x40), let colon = authority[..<atSign].firstIndex(of: 0x3A) {
                let password = Array(authority[(colon + 1)..<atSign])
                if password.count >= 3, !isPlaceholder(password) {
                    let user = String(decoding: authority[..<colon], as: UTF8.self)
                    add((from + colon + 1)..<(from + atSign), .urlCredentials, "\(user):\(redact(password))@…")
                }
            }
        }

        // password=…, API_KEY: …, "token": "…"
        for a in assignments(in: line) { add(a.range, .assignment, a.excerpt) }

        // Long high-entropy strings: what the named rules miss (AWS secret keys, random API keys).
        for token in tokens(in: line) where isHighEntropy(Array(line[token])) {
            add(token, .highEntropy, redact(Array(line[token])))
        }

        return found.sorted { $0.range.lowerBound < $1.range.lowerBound }.map {
            SecretFinding(line: number, column: column(of: $0.range.lowerBound, in: line), kind: $0.kind, excerpt: $0.excerpt)
        }
    }

    // MARK: - Rules

    struct PrefixRule: Sendable {
        let prefix: [UInt8]
        let kind: SecretFinding.Kind
        let minimum: Int
        let maximum: Int
        let body: CharClass
        var needsDigit = false
    }

    /// The characters a token's body is made of.
    enum CharClass: Sendable {
        case upperOrDigit, alnum, alnumUnderscore, alnumDash, alnumSlash, base64URL

        @inline(__always) func contains(_ b: UInt8) -> Bool {
            switch self {
            case .upperOrDigit: isUpper(b) || isDigit(b)
            case .alnum: isAlnum(b)
            case .alnumUnderscore: isAlnum(b) || b == 0x5F
            case .alnumDash: isAlnum(b) || b == 0x2D
            case .alnumSlash: isAlnum(b) || b == 0x2F
            case .base64URL: isBase64URL(b)
            }
        }
    }

    static let prefixRules: [PrefixRule] = {
        var rules: [PrefixRule] = []
        for p in ["AKIA", "ASIA"] {
            rules.append(PrefixRule(prefix: Array(p.utf8), kind: .awsAccessKey, minimum: 16, maximum: 16, body: .upperOrDigit))
        }
        for p in ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"] {
            rules.append(PrefixRule(prefix: Array(p.utf8), kind: .githubToken, minimum: 30, maximum: 255, body: .alnum))
        }
        rules.append(PrefixRule(prefix: Array("github_pat_".utf8), kind: .githubToken, minimum: 22, maximum: 255, body: .alnumUnderscore))
        rules.append(PrefixRule(prefix: Array("glpat-".utf8), kind: .gitlabToken, minimum: 20, maximum: 255, body: .base64URL))
        for p in ["xoxb-", "xoxa-", "xoxp-", "xoxr-", "xoxs-"] {
            rules.append(PrefixRule(prefix: Array(p.utf8), kind: .slackToken, minimum: 10, maximum: 255, body: .alnumDash))
        }
        rules.append(PrefixRule(prefix: Array("hooks.slack.com/services/".utf8), kind: .slackToken, minimum: 20, maximum: 255, body: .alnumSlash))
        rules.append(PrefixRule(prefix: Array("sk-".utf8), kind: .apiKey, minimum: 20, maximum: 255, body: .base64URL, needsDigit: true))
        for p in ["sk_live_", "sk_test_", "rk_live_", "rk_test_"] {
            rules.append(PrefixRule(prefix: Array(p.utf8), kind: .apiKey, minimum: 16, maximum: 255, body: .alnum))
        }
        rules.append(PrefixRule(prefix: Array("AIza".utf8), kind: .apiKey, minimum: 35, maximum: 35, body: .base64URL))
        rules.append(PrefixRule(prefix: Array("npm_".utf8), kind: .apiKey, minimum: 36, maximum: 36, body: .alnum))
        rules.append(PrefixRule(prefix: Array("pypi-AgE".utf8), kind: .apiKey, minimum: 50, maximum: 500, body: .base64URL))
        return rules
    }()

    /// Bytes that begin some rule's prefix (a flat table: the scan looks at every byte).
    static let prefixStarts: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for rule in prefixRules { table[Int(rule.prefix[0])] = true }
        return table
    }()

    /// Names whose assigned value is a credential; matched at the end of a longer name too
    /// (`DB_PASSWORD`, `client_secret`, `GITHUB_TOKEN`).
    static let assignmentNames: [[UInt8]] = ["password", "passwd", "pwd", "passphrase", "secret", "token",
                                             "api_key", "apikey", "api-key", "access_key", "secret_key", "private_key"].map { Array($0.utf8) }

    static func assignments(in line: [UInt8]) -> [(range: Range<Int>, excerpt: String)] {
        var out: [(range: Range<Int>, excerpt: String)] = []
        // From each = or : back to the name before it, then forward to the value after it.
        for sep in line.indices where line[sep] == 0x3D || line[sep] == 0x3A {
            let separator = line[sep]
            var i = sep + 1
            if i < line.count, line[i] == 0x3D { continue }                        // == is a comparison
            if sep > 0, line[sep - 1] == 0x3D || line[sep - 1] == 0x21 || line[sep - 1] == 0x3C || line[sep - 1] == 0x3E { continue }   // ==, !=, <=, >=
            if separator == 0x3A, (i < line.count && line[i] == 0x3A) || (sep > 0 && line[sep - 1] == 0x3A) { continue }   // Type::member
            var nameEnd = sep
            while nameEnd > 0, line[nameEnd - 1] == 0x20 { nameEnd -= 1 }
            if nameEnd > 0, line[nameEnd - 1] == 0x22 || line[nameEnd - 1] == 0x27 { nameEnd -= 1 }   // "token": …
            var nameStart = nameEnd
            while nameStart > 0, isAlnum(line[nameStart - 1]) || line[nameStart - 1] == 0x5F || line[nameStart - 1] == 0x2D { nameStart -= 1 }
            guard nameStart < nameEnd else { continue }
            let lowered = line[nameStart..<nameEnd].map { isUpper($0) ? $0 + 32 : $0 }
            // The name, or a longer one ending in it after _ or - (DB_PASSWORD, client-secret).
            guard assignmentNames.contains(where: { name in
                lowered.count >= name.count && lowered.suffix(name.count).elementsEqual(name)
                    && (lowered.count == name.count || !isAlnum(lowered[lowered.count - name.count - 1]))
            }) else { continue }
            while i < line.count, line[i] == 0x20 { i += 1 }
            if i < line.count, line[i] == 0x22 || line[i] == 0x27 || line[i] == 0x60 { i += 1 }
            let valueStart = i
            while i < line.count, !isSpace(line[i]), line[i] != 0x22, line[i] != 0x27, line[i] != 0x60 { i += 1 }
            var value = Array(line[valueStart..<i])
            while let l = value.last, l == 0x2E || l == 0x2C || l == 0x3B || l == 0x29 { value.removeLast() }
            guard isCredentialValue(value, strict: separator == 0x3A) else { continue }
            let shown = String(decoding: line[nameStart..<nameEnd], as: UTF8.self)
            out.append((valueStart..<(valueStart + value.count), "\(shown)\(separator == 0x3D ? "=" : ": ")\(redact(value))"))
        }
        return out
    }

    /// Whether an assigned value looks like a real credential rather than a placeholder or
    /// prose. After `:` (prose: "Token: expired") it also needs a digit or a symbol.
    static func isCredentialValue(_ value: [UInt8], strict: Bool) -> Bool {
        guard value.count >= (strict ? 6 : 4), !isPlaceholder(value) else { return false }
        if strict { return value.contains { isDigit($0) || !(isAlnum($0)) } }
        return true
    }

    static func isPlaceholder(_ value: [UInt8]) -> Bool {
        guard let first = value.first else { return true }
        // $VAR, ${VAR}, %VAR%, <your-token>, {{ secrets.X }}, ***, …
        if first == 0x24 || first == 0x25 || first == 0x3C || first == 0x7B || first == 0x2A || first == 0x2E { return true }
        if value.allSatisfy({ $0 == first }) { return true }
        // Code, not a value: env["SECRET"], getSecret(), {…}.
        if value.contains(where: { $0 == 0x28 || $0 == 0x5B || $0 == 0x7B }) { return true }
        let s = String(decoding: value, as: UTF8.self).lowercased()
        let words = ["null", "nil", "none", "true", "false", "redacted", "hidden", "changeme", "example",
                     "password", "secret", "token", "placeholder", "xxxx", "your-", "your_", "dummy", "env(", "process.env", "os.environ", "getenv"]
        return words.contains { s == $0 || (($0.hasSuffix("-") || $0.hasSuffix("_") || $0.hasSuffix("(") || $0 == "xxxx" || $0.contains(".")) && s.hasPrefix($0)) }
            || s.hasPrefix("secrets.") || s.hasPrefix("vault:")
    }

    /// Runs of base64 characters (letters, digits, + / = _ -), 32 or more long.
    static func tokens(in line: [UInt8]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = 0
        while i < line.count {
            guard isBase64URL(line[i]) || line[i] == 0x2B || line[i] == 0x2F || line[i] == 0x3D else { i += 1; continue }
            var end = i
            while end < line.count, isBase64URL(line[end]) || line[end] == 0x2B || line[end] == 0x2F || line[end] == 0x3D { end += 1 }
            if end - i >= 32 { out.append(i..<end) }   // shorter ones are never flagged
            i = end
        }
        return out
    }

    /// A token at least 32 characters long, mixing upper case, lower case and digits, whose
    /// character entropy is close to that of random text of its length. Hex-only tokens are
    /// never flagged: they are git hashes, digests and UUIDs in a handoff.
    static func isHighEntropy(_ raw: [UInt8]) -> Bool {
        var token = raw[...]
        while let l = token.last, l == 0x3D || l == 0x2F || l == 0x2D || l == 0x5F { token.removeLast() }   // padding, trailing /
        while let f = token.first, f == 0x2F || f == 0x2D || f == 0x5F || f == 0x3D { token.removeFirst() }
        let n = token.count
        guard n >= 32 else { return false }
        if token.allSatisfy({ isHexDigit($0) || $0 == 0x2D }) { return false }
        guard token.contains(where: isDigit), token.contains(where: isUpper), token.contains(where: isLower) else { return false }
        let h = withUnsafeTemporaryAllocation(of: Int.self, capacity: 256) { counts -> Double in
            counts.initialize(repeating: 0)
            for b in token { counts[Int(b)] += 1 }
            var h = 0.0
            for c in counts where c > 0 {
                let p = Double(c) / Double(n)
                h -= p * log2(p)
            }
            return h
        }
        // Expected entropy of n random base62 characters (Miller–Madow), less a margin that
        // keeps 97% of random keys while file paths and long identifiers stay below it.
        let expected = log2(62.0) - 61.0 / (2.0 * Double(n) * 0.6931471805599453)
        return h >= expected - 0.35
    }

    // MARK: - Bytes

    static func redact(_ secret: [UInt8]) -> String {
        String(decoding: secret.prefix(4), as: UTF8.self) + "…"
    }

    static func column(of offset: Int, in line: [UInt8]) -> Int {
        line[..<offset].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
    }

    static func find(_ haystack: [UInt8], _ needle: StaticString, from: Int = 0) -> Int? {
        needle.withUTF8Buffer { find(haystack, $0, from: from) }
    }

    static func find(_ haystack: [UInt8], _ needle: [UInt8], from: Int = 0) -> Int? {
        needle.withUnsafeBufferPointer { find(haystack, $0, from: from) }
    }

    static func find(_ haystack: [UInt8], _ n: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int? {
        guard !n.isEmpty, haystack.count >= n.count, from <= haystack.count - n.count else { return nil }
        var i = from
        while i <= haystack.count - n.count {
            if haystack[i] == n[0] {
                var k = 1
                while k < n.count, haystack[i + k] == n[k] { k += 1 }
                if k == n.count { return i }
            }
            i += 1
        }
        return nil
    }
}

@inline(__always) fileprivate func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
@inline(__always) fileprivate func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
@inline(__always) fileprivate func isLower(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
@inline(__always) fileprivate func isAlnum(_ b: UInt8) -> Bool { isDigit(b) || isUpper(b) || isLower(b) }
@inline(__always) fileprivate func isHexDigit(_ b: UInt8) -> Bool { isDigit(b) || (b >= 0x61 && b <= 0x66) || (b >= 0x41 && b <= 0x46) }
@inline(__always) fileprivate func isBase64URL(_ b: UInt8) -> Bool { isAlnum(b) || b == 0x2D || b == 0x5F }
@inline(__always) fileprivate func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

/// log2 without Foundation.
fileprivate func log2(_ x: Double) -> Double {
    // ln(x) by frexp-style decomposition and a series; exact enough for an entropy threshold.
    var m = x
    var e = 0.0
    while m >= 2 { m /= 2; e += 1 }
    while m < 1 { m *= 2; e -= 1 }
    // ln(m) for m in [1, 2): atanh series, ln(m) = 2·atanh((m-1)/(m+1)).
    let y = (m - 1) / (m + 1)
    let y2 = y * y
    var term = y
    var sum = 0.0
    var k = 1.0
    for _ in 0..<20 { sum += term / k; term *= y2; k += 2 }
    return e + 2 * sum / 0.6931471805599453
}

/// A likely secret: where it is, what it looks like, and a redacted excerpt that is safe to print.
public struct SecretFinding: Sendable, Equatable {
    /// 1-based line.
    public let line: Int
    /// 1-based column (in characters) where the secret starts.
    public let column: Int
    public let kind: Kind
    /// The finding with the secret cut after its first four characters: `ghp_…`, `DB_PASSWORD=hunt…`.
    public let excerpt: String

    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case privateKey = "private-key"
        case awsAccessKey = "aws-access-key"
        case githubToken = "github-token"
        case gitlabToken = "gitlab-token"
        case slackToken = "slack-token"
        case apiKey = "api-key"
        case jwt = "jwt"
        case urlCredentials = "url-credentials"
        case assignment = "password-assignment"
        case highEntropy = "high-entropy-string"

        public var description: String {
            switch self {
            case .privateKey: "private key block"
            case .awsAccessKey: "AWS access key id"
            case .githubToken: "GitHub token"
            case .gitlabToken: "GitLab token"
            case .slackToken: "Slack token"
            case .apiKey: "API key"
            case .jwt: "JSON Web Token"
            case .urlCredentials: "password in a URL"
            case .assignment: "credential assignment"
            case .highEntropy: "long random-looking string"
            }
        }
    }
}

extension String {
    fileprivate func trimmingSpace() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
