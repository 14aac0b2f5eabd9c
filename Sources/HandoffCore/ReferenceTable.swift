/// Every item's file references, found in one pass over the items and shared by `problems`
/// and the JSON report, which would otherwise each scan all the text again.
struct ReferenceTable {
    private var spans: [FileReference.Span] = []
    /// Per section (canonical index): where each item's spans start in `spans`, plus an end.
    private var starts: [[Int32]] = []

    init(_ document: HandoffDocument) {
        spans.reserveCapacity(1024)
        for key in SectionKey.allCases {
            guard let section = document.section(key) else { starts.append([]); continue }
            var offsets = [Int32]()
            offsets.reserveCapacity(section.items.count + 1)
            for item in section.items {
                offsets.append(Int32(spans.count))
                FileReference.scanSpans(document.bytes, item.textRange, into: &spans)
            }
            offsets.append(Int32(spans.count))
            starts.append(offsets)
        }
    }

    /// The references of item `n` (its index in `section.items`) of the section.
    func spans(_ key: SectionKey, item n: Int) -> ArraySlice<FileReference.Span> {
        let o = starts[key.index]
        return spans[Int(o[n])..<Int(o[n + 1])]
    }
}
