/// Checking an item off (`handoff-tui done`): the one box changes, no other byte.
extension HandoffDocument {
    /// Which item an ITEM argument names in a section.
    public enum ItemMatch: Equatable, Sendable {
        /// The item's index in `section.items`.
        case one(Int)
        /// No item matches.
        case none
        /// Several items match a text: their indexes.
        case ambiguous([Int])
    }

    /// `selector` is a number (the Nth top-level item, 1-based, as a numbered list counts)
    /// or a part of an item's text (case-insensitive) that names exactly one item; an exact
    /// whole-text match wins over partial ones.
    public func item(_ selector: String, in key: SectionKey) -> ItemMatch {
        guard let section = section(key) else { return .none }
        let items = section.items
        if let n = Int(selector) {
            let top = items.indices.filter { items[$0].depth == 0 }
            return n >= 1 && n <= top.count ? .one(top[n - 1]) : .none
        }
        let wanted = selector.lowercased()
        guard !wanted.isEmpty else { return .none }
        let texts = items.map { $0.text(in: self).lowercased() }
        let exact = texts.indices.filter { texts[$0] == wanted }
        if exact.count == 1 { return .one(exact[0]) }
        let partial = texts.indices.filter { texts[$0].contains(wanted) }
        switch partial.count {
        case 0: return .none
        case 1: return .one(partial[0])
        default: return .ambiguous(partial)
        }
    }

    /// The document with the item's box checked: `[ ]` becomes `[x]`, and an item without a
    /// box gets `[x] ` before its text. Nil when it is already checked.
    public func checkingOff(_ index: Int, in key: SectionKey) -> HandoffDocument? {
        guard let item = section(key)?.items[index], item.checked != true else { return nil }
        let lineStart = source.offset(ofLine: item.lineIndex)
        let textStart = item.textRange.lowerBound
        if item.hasCheckbox {
            // The box is the last `[ ]` before the text (the marker and its spaces come first).
            var i = textStart - 1
            while i >= lineStart + 2 {
                if bytes[i] == 0x5D, bytes[i - 2] == 0x5B { return replacing((i - 1)..<i, with: [0x78]) }
                i -= 1
            }
            return nil
        }
        return replacing(textStart..<textStart, with: Array("[x] ".utf8))
    }
}
