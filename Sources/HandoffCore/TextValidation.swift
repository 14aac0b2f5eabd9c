/// Refuses what is not text: invalid UTF-8 or a NUL byte. Written out rather than through
/// `String(validating:)` so that it can say where the first bad byte is and runs over
/// 10 MB in a few milliseconds (32, then 8, ASCII bytes at a time).
enum TextValidation {
    static func validate(_ bytes: [UInt8]) throws(DocumentError) {
        let bad: (offset: Int, nul: Bool)? = bytes.withUnsafeBufferPointer { buf in
            firstBadByte(buf)
        }
        guard let bad else { return }
        var line = 1
        var lineStart = 0
        for i in 0..<bad.offset where bytes[i] == 0x0A { line += 1; lineStart = i + 1 }
        let column = bad.offset - lineStart + 1
        throw bad.nul ? .nulByte(line: line, column: column) : .invalidUTF8(line: line, column: column)
    }

    private static func firstBadByte(_ buf: UnsafeBufferPointer<UInt8>) -> (offset: Int, nul: Bool)? {
        let n = buf.count
        guard let base = buf.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        var i = 0
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        while i < n {
            // 32 bytes a round while they are ASCII without a NUL (nearly all of a handoff):
            // one test for four words, each `(w - 1…) & ~w` having a high bit where w has a 0 byte.
            while i + 32 <= n {
                let w0 = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let w1 = raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                let w2 = raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)
                let w3 = raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)
                let zeros = ((w0 &- ones) & ~w0) | ((w1 &- ones) & ~w1) | ((w2 &- ones) & ~w2) | ((w3 &- ones) & ~w3)
                if (w0 | w1 | w2 | w3 | zeros) & highs != 0 { break }
                i += 32
            }
            if i == n { break }
            if i + 8 <= n {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let highBits = w & 0x8080_8080_8080_8080
                let hasZero = (w &- 0x0101_0101_0101_0101) & ~w & 0x8080_8080_8080_8080
                if highBits == 0 && hasZero == 0 { i += 8; continue }
            }
            let b = buf[i]
            if b == 0 { return (i, true) }
            if b < 0x80 { i += 1; continue }
            // Multi-byte sequence: lead byte, length and the allowed range of the second byte.
            var length = 0
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; hi = 0x9F
            case 0xF0: length = 4; lo = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; hi = 0x8F
            default: return (i, false)
            }
            guard i + length <= n else { return (i, false) }
            let b1 = buf[i + 1]
            if b1 < lo || b1 > hi { return (i, false) }
            var k = 2
            while k < length {
                let c = buf[i + k]
                if c < 0x80 || c > 0xBF { return (i, false) }
                k += 1
            }
            i += length
        }
        return nil
    }
}
