/// Starting a new session's handoff from an earlier one (`init --from REV`).
extension HandoffDocument {
    /// The handoff with Completed emptied (it was last session's; the heading stays, for this
    /// session's), the rest kept as written, and the first date in the title (YYYY-MM-DD)
    /// renewed to `date`.
    public func carriedOver(date: String) -> HandoffDocument {
        var doc = replacingBody(of: .completed, with: "")
        guard let title = doc.title else { return doc }
        let line = doc.source.contentRange(ofLine: title.lineIndex)
        let bytes = doc.bytes
        let digit = { (b: UInt8) in b >= 0x30 && b <= 0x39 }
        // "YYYY-MM-DD" not inside a longer run of digits.
        var i = line.lowerBound
        while i + 10 <= line.upperBound {
            let w = bytes[i..<(i + 10)]
            let shape = w.enumerated().allSatisfy { n, b in n == 4 || n == 7 ? b == 0x2D : digit(b) }
            let before = i > line.lowerBound && digit(bytes[i - 1])
            let after = i + 10 < line.upperBound && digit(bytes[i + 10])
            if shape && !before && !after {
                doc = doc.replacing(i..<(i + 10), with: Array(date.utf8))
                break
            }
            i += 1
        }
        return doc
    }
}
