/// What changed in each section between two versions of a handoff, item by item: added,
/// removed, changed (the same item reworded) and newly checked or unchecked. For `diff`,
/// and for reviewing a teammate's or an agent's handoff.
public struct HandoffDiff: Sendable {
    public enum Kind: String, Sendable {
        case added, removed, changed, checked, unchecked
    }

    /// One item's change. Lines are 1-based, in the old and the new version.
    public struct Change: Sendable, Equatable {
        public let kind: Kind
        /// The item's first-line text in the new version (the old one for `removed`).
        public let text: String
        /// Its text before, for `changed` (and for `checked`/`unchecked` when it was also reworded).
        public let oldText: String?
        public let oldLine: Int?
        public let newLine: Int?
        public let depth: Int
    }

    public struct SectionChanges: Sendable {
        public let key: SectionKey
        public let wasPresent: Bool
        public let isPresent: Bool
        /// Item changes, in the new version's order (removed items where they stood).
        public let changes: [Change]
        /// The section's text changed beyond its items (prose, or the items' other lines).
        public let bodyChanged: Bool

        public var isEmpty: Bool { changes.isEmpty && !bodyChanged && wasPresent == isPresent }
    }

    public let sections: [SectionChanges]

    public var isEmpty: Bool { sections.allSatisfy(\.isEmpty) }

    public init(from old: HandoffDocument, to new: HandoffDocument) {
        sections = SectionKey.allCases.map { key in
            let a = old.section(key), b = new.section(key)
            let oldItems = a.map { s in s.items.map { Entry(item: $0, in: old) } } ?? []
            let newItems = b.map { s in s.items.map { Entry(item: $0, in: new) } } ?? []
            let changes = Self.compare(oldItems, newItems)
            let bodyChanged = old.body(of: key) != new.body(of: key) && changes.isEmpty
            return SectionChanges(key: key, wasPresent: a != nil, isPresent: b != nil, changes: changes, bodyChanged: bodyChanged)
        }
    }

    public func changes(_ key: SectionKey) -> SectionChanges { sections[key.index] }

    struct Entry {
        let text: String
        let line: Int
        let depth: Int
        let checked: Bool?

        init(item: Item, in doc: HandoffDocument) {
            text = item.text(in: doc)
            line = item.line
            depth = item.depth
            checked = item.checked
        }
    }

    /// Items matched by their text (longest common subsequence), then the unmatched ones
    /// paired in order where their words mostly agree (a reworded item), the rest added or
    /// removed.
    static func compare(_ old: [Entry], _ new: [Entry]) -> [Change] {
        let n = old.count, m = new.count
        // LCS table over exact texts: sections hold tens of items, so n × m stays small.
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        if n > 0 && m > 0 {
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    lcs[i][j] = old[i].text == new[j].text ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
                }
            }
        }
        var pairOfNew = [Int?](repeating: nil, count: m)
        var matchedOld = [Bool](repeating: false, count: n)
        var i = 0, j = 0
        while i < n && j < m {
            if old[i].text == new[j].text { pairOfNew[j] = i; matchedOld[i] = true; i += 1; j += 1 }
            else if lcs[i + 1][j] >= lcs[i][j + 1] { i += 1 } else { j += 1 }
        }
        // Reworded: an unmatched new item and an unmatched old one between the same matched
        // neighbours, whose words mostly agree.
        var reworded = [Int?](repeating: nil, count: m)
        var lastOld = -1
        for j in 0..<m {
            if let o = pairOfNew[j] { lastOld = o; continue }
            var nextOld = n
            for k in (j + 1)..<max(j + 1, m) { if let o = pairOfNew[k] { nextOld = o; break } }
            var best: (index: Int, score: Double)? = nil
            for o in (lastOld + 1)..<max(lastOld + 1, nextOld) where !matchedOld[o] {
                let score = similarity(old[o].text, new[j].text)
                if score >= 0.5, score > (best?.score ?? 0) { best = (o, score) }
            }
            if let best { reworded[j] = best.index; matchedOld[best.index] = true; lastOld = best.index }
        }
        var changes: [Change] = []
        var nextRemoved = 0
        func flushRemoved(before oldIndex: Int) {
            while nextRemoved < min(oldIndex, n) {
                let o = old[nextRemoved]
                if !matchedOld[nextRemoved] {
                    changes.append(Change(kind: .removed, text: o.text, oldText: nil, oldLine: o.line, newLine: nil, depth: o.depth))
                }
                nextRemoved += 1
            }
        }
        for j in 0..<m {
            let e = new[j]
            if let o = pairOfNew[j] ?? reworded[j] {
                flushRemoved(before: o)
                let before = old[o]
                let texts = before.text == e.text ? nil : before.text
                if e.checked == true && before.checked != true {
                    changes.append(Change(kind: .checked, text: e.text, oldText: texts, oldLine: before.line, newLine: e.line, depth: e.depth))
                } else if before.checked == true && e.checked != true {
                    changes.append(Change(kind: .unchecked, text: e.text, oldText: texts, oldLine: before.line, newLine: e.line, depth: e.depth))
                } else if texts != nil {
                    changes.append(Change(kind: .changed, text: e.text, oldText: texts, oldLine: before.line, newLine: e.line, depth: e.depth))
                }
            } else {
                changes.append(Change(kind: .added, text: e.text, oldText: nil, oldLine: nil, newLine: e.line, depth: e.depth))
            }
        }
        flushRemoved(before: n)
        return changes
    }

    /// The share of words (lower-cased, letters and digits) the two texts have in common,
    /// over the words of the longer one.
    static func similarity(_ a: String, _ b: String) -> Double {
        func words(_ s: String) -> [Substring] {
            s.lowercased().split { !($0.isLetter || $0.isNumber) }
        }
        let wa = words(a), wb = words(b)
        guard !wa.isEmpty, !wb.isEmpty else { return 0 }
        var rest = wb
        var common = 0
        for w in wa { if let k = rest.firstIndex(of: w) { rest.remove(at: k); common += 1 } }
        return Double(common) / Double(max(wa.count, wb.count))
    }
}
