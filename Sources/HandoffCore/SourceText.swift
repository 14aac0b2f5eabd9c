#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The document's bytes and where each line lies in them.
///
/// A line ends at LF; a CR right before the LF belongs to the line ending, not the text.
/// The last line may have no ending at all. Keeping offsets rather than copies lets the
/// model hand back the exact input, and keeps a 10 MB file to one buffer.
public struct SourceText: Sendable, Equatable {
    public let bytes: [UInt8]
    /// Offsets where lines start; there is always at least one line (maybe empty).
    public let lineStarts: [Int]

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        bytes.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return }
            let n = buf.count
            // memchr finds line ends many bytes at a time; a first pass counts them so that
            // the table is allocated once, at its size.
            var count = 0
            var i = 0
            while i < n, let hit = memchr(base + i, 0x0A, n - i) {
                count += 1
                i = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base + 1
            }
            starts.reserveCapacity(count + 1)
            i = 0
            while i < n, let hit = memchr(base + i, 0x0A, n - i) {
                let at = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
                if at + 1 < n { starts.append(at + 1) }
                i = at + 1
            }
        }
        // A final LF does not start another line: "a\n" is one line.
        self.lineStarts = starts
    }

    public var lineCount: Int {
        // An empty file has no lines; "a\n" has one; "a\nb" two.
        bytes.isEmpty ? 0 : lineStarts.count
    }

    /// Start of line `i` (0-based) through its ending, LF included.
    @inline(__always) public func fullRange(ofLine i: Int) -> Range<Int> {
        let start = lineStarts[i]
        let end = i + 1 < lineStarts.count ? lineStarts[i + 1] : bytes.count
        return start..<end
    }

    /// Line `i` without its CR/LF ending.
    @inline(__always) public func contentRange(ofLine i: Int) -> Range<Int> {
        let full = fullRange(ofLine: i)
        var end = full.upperBound
        if end > full.lowerBound, bytes[end - 1] == 0x0A { end -= 1 }
        if end > full.lowerBound, bytes[end - 1] == 0x0D { end -= 1 }
        return full.lowerBound..<end
    }

    /// Byte offset where line `i` starts; `lineCount` gives the end of the text.
    public func offset(ofLine i: Int) -> Int {
        i < lineStarts.count && !(bytes.isEmpty) ? lineStarts[i] : bytes.count
    }

    public func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    public func lineText(_ i: Int) -> String { string(contentRange(ofLine: i)) }

    /// Whether the text ends without a line ending.
    public var lacksFinalNewline: Bool { !bytes.isEmpty && bytes.last != 0x0A }

    /// The line ending most lines use: CRLF when they outnumber plain LF.
    public var dominantLineEnding: LineEnding {
        var crlf = 0, lf = 0
        bytes.withUnsafeBufferPointer { buf in
            for i in 0..<buf.count where buf[i] == 0x0A {
                if i > 0, buf[i - 1] == 0x0D { crlf += 1 } else { lf += 1 }
            }
        }
        return crlf > lf ? .crlf : .lf
    }
}

public enum LineEnding: String, Sendable {
    case lf = "\n"
    case crlf = "\r\n"
}
