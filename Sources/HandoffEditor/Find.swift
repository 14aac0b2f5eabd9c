/// Find across the panes in order (the six, then the rest of the file), wrapping around.
struct FindState {
    var query = ""
    var prompting = false
    /// Where the search started, for incremental search while typing the query.
    var origin: (pane: Int, cursor: Cursor)?
    var current: (pane: Int, line: Int, columns: Range<Int>)?
    /// Highlight matches on screen (until Esc).
    var showMatches = false

    /// Lower-case query matches either case; one with capitals matches exactly.
    var ignoresCase: Bool { !query.contains { $0.isUppercase } }
}

enum TextSearch {
    /// Every match of `query` in `line`, as cluster ranges.
    static func matches(of query: String, in line: String, ignoringCase: Bool) -> [Range<Int>] {
        guard !query.isEmpty, mayContain(line, query, ignoringCase: ignoringCase) else { return [] }
        let hay = ignoringCase ? line.map(fold) : Array(line)
        let needle = ignoringCase ? query.map(fold) : Array(query)
        guard needle.count <= hay.count else { return [] }
        var out: [Range<Int>] = []
        var i = 0
        while i + needle.count <= hay.count {
            if hay[i] == needle[0], hay[i..<(i + needle.count)].elementsEqual(needle) {
                out.append(i..<(i + needle.count))
                i += needle.count
            } else {
                i += 1
            }
        }
        return out
    }

    static func fold(_ c: Character) -> Character {
        guard c.isUppercase else { return c }
        let l = c.lowercased()
        return l.count == 1 ? Character(l) : c
    }

    /// A byte-level filter so that most lines of a long pane are skipped without building
    /// their clusters.
    static func mayContain(_ line: String, _ query: String, ignoringCase: Bool) -> Bool {
        let q = Array(query.utf8)
        guard q.allSatisfy({ $0 < 0x80 }) || !ignoringCase else { return true }
        let h = line.utf8
        guard q.count <= h.count else { return false }
        @inline(__always) func low(_ b: UInt8) -> UInt8 { ignoringCase && b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
        let first = low(q[0])
        var it = h.startIndex
        while it != h.endIndex {
            if low(h[it]) == first {
                var a = h.index(after: it), k = 1
                while k < q.count, a != h.endIndex, low(h[a]) == low(q[k]) { a = h.index(after: a); k += 1 }
                if k == q.count { return true }
            }
            it = h.index(after: it)
        }
        return false
    }
}

extension Editor {
    func startFind() {
        find.prompting = true
        find.showMatches = true
        find.origin = (focus, panes[focus].cursor)
        find.current = nil
        message = nil
    }

    func handleFindPrompt(_ key: Key) -> Action {
        switch key {
        case .char(let c):
            find.query.append(c)
            findIncrementally()
        case .backspace:
            if !find.query.isEmpty { find.query.removeLast() }
            findIncrementally()
        case .enter, .down, .function(3), .ctrl("f"):
            findNext(forward: true)
        case .up, .shiftFunction(3):
            findNext(forward: false)
        case .escape:
            // Closing keeps the cursor on the match; a second Esc drops the highlight.
            find.prompting = false
        default:
            break
        }
        return .none
    }

    /// While typing the query: the first match from where the search started.
    func findIncrementally() {
        guard let origin = find.origin else { return }
        if find.query.isEmpty {
            find.current = nil
            return
        }
        search(from: origin.pane, origin.cursor.line, origin.cursor.column, forward: true, inclusive: true)
    }

    /// F3 / Shift-F3 (and Enter, Up, Down in the prompt): the next or previous match.
    func findNext(forward: Bool) {
        guard !find.query.isEmpty else {
            if !find.prompting { startFind() }
            return
        }
        find.showMatches = true
        let from = find.current.map { ($0.pane, $0.line, $0.columns.lowerBound) }
            ?? (focus, panes[focus].cursor.line, panes[focus].cursor.column)
        search(from: from.0, from.1, from.2, forward: forward, inclusive: find.current == nil)
    }

    /// Searches the panes in order from a position, wrapping around once. The rest pane's
    /// marker lines are not the file's text: they are passed over.
    private func search(from pane: Int, _ line: Int, _ column: Int, forward: Bool, inclusive: Bool) {
        readRestIfNeeded()
        let query = find.query
        let ignoring = find.ignoresCase
        func accept(_ p: Int, _ l: Int, _ r: Range<Int>) {
            find.current = (p, l, r)
            focus = p
            panes[p].cursor = Cursor(line: l, column: r.lowerBound)
            panes[p].goalX = nil
            message = nil
        }
        // Order of visits: the start line (part of it), then every other line of every pane,
        // then the start line again (the part before), wrapping around.
        if forward {
            var p = pane, l = line
            var first = true
            for _ in 0...(panes.reduce(0) { $0 + $1.buffer.count }) {
                let ms = panes[p].isFixed(l) ? [] : TextSearch.matches(of: query, in: panes[p].buffer[l], ignoringCase: ignoring)
                let hit = first ? ms.first { inclusive ? $0.lowerBound >= column : $0.lowerBound > column } : ms.first
                if let hit { return accept(p, l, hit) }
                first = false
                l += 1
                while l >= panes[p].buffer.count { p = (p + 1) % panes.count; l = 0 }
            }
            // Back at the start line: matches before the start column.
            if let hit = TextSearch.matches(of: query, in: panes[pane].buffer[line], ignoringCase: ignoring)
                .first(where: { $0.lowerBound <= column }) {
                return accept(pane, line, hit)
            }
        } else {
            var p = pane, l = line
            var first = true
            for _ in 0...(panes.reduce(0) { $0 + $1.buffer.count }) {
                let ms = panes[p].isFixed(l) ? [] : TextSearch.matches(of: query, in: panes[p].buffer[l], ignoringCase: ignoring)
                let hit = first ? ms.last { $0.lowerBound < column } : ms.last
                if let hit { return accept(p, l, hit) }
                first = false
                l -= 1
                while l < 0 { p = (p + panes.count - 1) % panes.count; l = panes[p].buffer.count - 1 }
            }
            if let hit = TextSearch.matches(of: query, in: panes[pane].buffer[line], ignoringCase: ignoring)
                .last(where: { $0.lowerBound >= column }) {
                return accept(pane, line, hit)
            }
        }
        find.current = nil
        message = ("Not found: \(query)", true)
    }
}
