import HandoffCore

/// One version of a handoff to review, as the host hands it to the editor: the document,
/// the version before it (nil for the first one: every item is new), and the header line.
public struct ReviewSubject: Sendable {
    public var document: HandoffDocument
    public var previous: HandoffDocument?
    /// The header's text: commit, author, date, subject, who has read it.
    public var header: String
    /// `review --working`: the working file against its last committed version; each change
    /// can be accepted, edited or dropped, then the result saved (`approvedDocument()`).
    public var approving: Bool

    public init(document: HandoffDocument, previous: HandoffDocument?, header: String, approving: Bool = false) {
        self.document = document
        self.previous = previous
        self.header = header
        self.approving = approving
    }
}

/// What a review asks the host to do (`Action.review`).
public enum ReviewRequest: Equatable, Sendable {
    /// Show the version before / after this one (`editor.showReview(_:)`), or say there is none.
    case older, newer
    /// Append this item (its first-line text, nested lines below) to the working handoff's section.
    case copy(section: SectionKey, text: String, checked: Bool?)
    /// Start the working handoff from this one (carry-over); ask before replacing a file.
    case adopt
    /// Record "read by" on this version's commit; then `editor.setReviewHeader(_:)`.
    case acknowledge
    /// `--working`: the person wants to save the decisions; the host asks, then writes
    /// `editor.approvedDocument()`.
    case confirm
}

/// The choice made for one change while approving a draft.
enum ReviewDecision: Equatable {
    case undecided
    /// Added or changed: keep it. Removed: let it go.
    case accepted
    /// Added: leave it out. Changed, checked, unchecked: back to the committed text. Removed: restore it.
    case dropped
    /// Kept with this first-line text instead.
    case edited(String)
}

/// The review on screen: which line of each pane stands for what.
struct ReviewState {
    var subject: ReviewSubject
    var changes: [Change] = []
    /// Per section pane, what each line of its text shows.
    var lines: [[Line]] = Array(repeating: [], count: 6)
    /// The first-line text being edited, while the edit prompt is open (`--working`).
    var editing: ItemEdit?

    /// The edit prompt's text and its cursor (a grapheme-cluster index).
    struct ItemEdit {
        let change: Int
        var text: [Character]
        var cursor: Int
        var string: String { String(text) }
    }
    /// The line whose change the message row describes.
    var described: (pane: Int, line: Int)?

    struct Change {
        let key: SectionKey
        let diff: HandoffDiff.Change
        var decision = ReviewDecision.undecided
    }

    /// A line of a review pane: a line of the reviewed version, or the first line of an
    /// item removed since the version before (shown where it stood).
    struct Line {
        enum Source: Equatable { case new(Int), old(Int) }
        let source: Source
        /// The item that starts on this line (an index into its section's items, in the version the source names).
        let item: Int?
        /// The change this line's item has, on its first line.
        let change: Int?
        /// The change whose item this line belongs to (first line and continuation lines).
        let owner: Int?
    }
}

extension Editor {
    /// Whether the editor shows a review (read-only, or approving a draft).
    public var isReviewing: Bool { review != nil }

    /// Shows `subject` read-only in the panes (the rest view too), each item marked with what
    /// changed since `subject.previous`. Again with another version: the panes show that one,
    /// the focus and the cursor's line kept where they can be.
    public func showReview(_ subject: ReviewSubject) {
        reload(document: subject.document)
        message = nil
        var state = ReviewState(subject: subject)
        let diff = HandoffDiff(from: subject.previous ?? HandoffDocument(""), to: subject.document)
        for section in diff.sections {
            for change in section.changes { state.changes.append(.init(key: section.key, diff: change)) }
        }
        review = state
        for key in SectionKey.allCases { renderReviewPane(key.index) }
        for i in panes.indices { clampCursor(i) }
        isModified = false
    }

    /// Leaves the review: the panes edit `document` as usual (after `--working` saved it).
    public func endReview(document: HandoffDocument) {
        review = nil
        for i in panes.indices where panes[i].key != nil {
            panes[i].fixedLines = []
            panes[i].countsOverride = nil
        }
        reload(document: document)
        message = nil
    }

    /// The header's text changed (an acknowledgement was recorded).
    public func setReviewHeader(_ header: String) {
        review?.subject.header = header
    }

    /// `--working`: the working file with the decisions made: a dropped item left out (or
    /// back to its committed text, or restored when it had been removed), an edited one with
    /// its new text; undecided and accepted items as they are. Only sections with a change
    /// dropped or edited are written; the others keep their bytes.
    public func approvedDocument() -> HandoffDocument {
        guard let state = review else { return base }
        var doc = state.subject.document
        let new = state.subject.document, old = state.subject.previous
        for key in SectionKey.allCases {
            let lines = state.lines[key.index]
            let decided = lines.contains { line in
                guard let c = line.change else { return false }
                switch state.changes[c].decision {
                case .undecided, .accepted: return false
                case .dropped, .edited: return true
                }
            }
            guard decided else { continue }
            var out: [String] = []
            for line in lines {
                let decision = line.owner.map { state.changes[$0].decision } ?? .accepted
                switch line.source {
                case .old(let l):
                    // A removed item: restored with its own lines, or left out.
                    if decision == .dropped, let old { out += ownLines(ofItemAt: l, in: old, key: key).map(old.source.lineText) }
                case .new(let l):
                    let text = new.source.lineText(l)
                    guard let owner = line.owner else { out.append(text); continue }
                    let change = state.changes[owner].diff
                    switch decision {
                    case .undecided, .accepted:
                        out.append(text)
                    case .dropped:
                        // Added: gone. Otherwise its committed lines, once, in place of its first line.
                        if line.change != nil, change.kind != .added, let old, let oldLine = change.oldLine {
                            out += ownLines(ofItemAt: oldLine - 1, in: old, key: key).map(old.source.lineText)
                        }
                    case .edited(let replacement):
                        if line.change != nil, let item = line.item, let section = new.section(key) {
                            let itemText = section.items[item].text(in: new)
                            let prefix = text.hasSuffix(itemText) ? String(text.dropLast(itemText.count)) : text + " "
                            out.append(prefix + replacement)
                        } else {
                            out.append(text)
                        }
                    }
                }
            }
            doc = doc.replacingBody(of: key, with: out.joined(separator: "\n"))
        }
        return doc
    }

    /// How many items the review marks (added, changed, checked, unchecked, removed).
    public var reviewChangeCount: Int { review?.changes.count ?? 0 }

    /// How many changes have been accepted, dropped or edited.
    public var reviewDecisionCount: Int {
        review?.changes.filter { $0.decision != .undecided }.count ?? 0
    }

    /// The lines an item holds before its next item (nested or not) or its end.
    func ownLines(ofItemAt line: Int, in doc: HandoffDocument, key: SectionKey) -> Range<Int> {
        guard let items = doc.section(key)?.items, let k = items.firstIndex(where: { $0.lineIndex == line }) else {
            return line..<(line + 1)
        }
        let end = k + 1 < items.count ? min(items[k + 1].lineIndex, items[k].lastLineIndex + 1) : items[k].lastLineIndex + 1
        var last = max(line + 1, end)
        // Blank lines before the next item stay with the list, not with the item.
        while last > line + 1, doc.source.lineText(last - 1).allSatisfy({ $0 == " " || $0 == "\t" }) { last -= 1 }
        return line..<last
    }

    // MARK: - The panes' text

    /// Builds a section pane's review text: the section's lines, each after a mark column
    /// (`+` added, `~` changed, `✓` checked, `○` unchecked, `−` removed, shown dim where it
    /// stood); while approving, a second column with the decision.
    func renderReviewPane(_ i: Int) {
        guard var state = review else { return }
        let key = SectionKey.allCases[i]
        let new = state.subject.document, old = state.subject.previous
        let newItems = new.section(key)?.items ?? []
        let oldItems = old?.section(key)?.items ?? []
        let mine = state.changes.indices.filter { state.changes[$0].key == key }
        // Which new item each old one became: the changes name theirs; the items not in any
        // change are the unchanged ones, in the same order in both versions.
        var changeAtNew: [Int: Int] = [:], changedOld: [Int: Int] = [:]
        for c in mine {
            let d = state.changes[c].diff
            if let n = d.newLine { changeAtNew[n - 1] = c }
            if let o = d.oldLine { changedOld[o - 1] = c }
        }
        var newOfOld: [Int: Int] = [:]   // old item index → new item index
        let unchangedOld = oldItems.indices.filter { changedOld[oldItems[$0].lineIndex] == nil }
        let unchangedNew = newItems.indices.filter { changeAtNew[newItems[$0].lineIndex] == nil }
        for (o, n) in zip(unchangedOld, unchangedNew) { newOfOld[o] = n }
        for c in mine {
            let d = state.changes[c].diff
            guard let o = d.oldLine, let n = d.newLine,
                  let oi = oldItems.firstIndex(where: { $0.lineIndex == o - 1 }),
                  let ni = newItems.firstIndex(where: { $0.lineIndex == n - 1 }) else { continue }
            newOfOld[oi] = ni
        }
        // Where each removed item stood: after the item it followed (inside it, when nested).
        var removedBefore: [(line: Int, change: Int, oldItem: Int)] = []
        for c in mine where state.changes[c].diff.kind == .removed {
            let d = state.changes[c].diff
            guard let o = d.oldLine, let oi = oldItems.firstIndex(where: { $0.lineIndex == o - 1 }) else { continue }
            var at = newItems.first?.lineIndex ?? Int.max
            var p = oi - 1
            while p >= 0 {
                if let ni = newOfOld[p] {
                    let before = newItems[ni]
                    at = oldItems[oi].depth > oldItems[p].depth
                        ? ownLines(ofItemAt: before.lineIndex, in: new, key: key).upperBound
                        : before.lastLineIndex + 1
                    break
                }
                p -= 1
            }
            removedBefore.append((at, c, oi))
        }
        // The section's lines, blank lines at either end left out (as the editor's panes).
        var lines: [ReviewState.Line] = []
        var first = 0, last = 0
        if let section = new.section(key) {
            first = section.bodyLines.lowerBound
            last = section.bodyLines.upperBound
            func blank(_ l: Int) -> Bool { new.source.lineText(l).allSatisfy { $0 == " " || $0 == "\t" } }
            while first < last, blank(first) { first += 1 }
            while last > first, blank(last - 1) { last -= 1 }
        }
        var itemAt: [Int: Int] = [:]
        for (n, item) in newItems.enumerated() { itemAt[item.lineIndex] = n }
        var owner: Int?
        var ownerEnd = 0
        var r = 0
        for l in first..<last {
            while r < removedBefore.count, removedBefore[r].line <= l {
                let rm = removedBefore[r]
                lines.append(.init(source: .old(oldItems[rm.oldItem].lineIndex), item: rm.oldItem, change: rm.change, owner: rm.change))
                r += 1
            }
            if l >= ownerEnd { owner = nil }
            let change = changeAtNew[l]
            if let change {
                owner = change
                ownerEnd = ownLines(ofItemAt: l, in: new, key: key).upperBound
            } else if itemAt[l] != nil {
                owner = nil
            }
            lines.append(.init(source: .new(l), item: itemAt[l], change: change, owner: owner))
        }
        for rm in removedBefore[r...] {
            lines.append(.init(source: .old(oldItems[rm.oldItem].lineIndex), item: rm.oldItem, change: rm.change, owner: rm.change))
        }
        state.lines[i] = lines
        review = state
        // The text: mark column, then the line as written.
        var text: [String] = []
        var removed: [Int] = []
        for (n, line) in lines.enumerated() {
            var prefix = " "
            if let c = line.change { prefix = Self.mark(state.changes[c].diff.kind) }
            if state.subject.approving {
                prefix += line.change.map { Self.decisionMark(state.changes[$0]) } ?? " "
            }
            switch line.source {
            case .new(let l):
                var shown = new.source.lineText(l)
                if let c = line.change, case .edited(let replacement) = state.changes[c].decision, let item = line.item {
                    let itemText = newItems[item].text(in: new)
                    if shown.hasSuffix(itemText) { shown = String(shown.dropLast(itemText.count)) + replacement }
                }
                text.append(prefix + " " + shown)
            case .old(let l):
                removed.append(n)
                text.append(prefix + " " + (old?.source.lineText(l) ?? ""))
            }
        }
        let cursor = panes[i].cursor, top = panes[i].top
        panes[i].buffer = TextBuffer(text.joined(separator: "\n"))
        panes[i].fixedLines = removed
        panes[i].cursor = cursor
        panes[i].top = top
        clampCursor(i)
        var counts = ItemCounts()
        for item in newItems {
            counts.add(item.checked == nil ? .item : item.checked! ? .checked : .unchecked, 1)
        }
        // As in the editor: an item that is only the section's label is no item of it.
        if counts.items > 1, let label = newItems.first, ListPrefix.isLabelOnlyItem(new.source.lineText(label.lineIndex)) {
            counts.items -= 1
        }
        panes[i].countsOverride = counts
        lastScreen = nil
    }

    static func mark(_ kind: HandoffDiff.Kind) -> String {
        switch kind {
        case .added: "+"
        case .changed: "~"
        case .checked: "✓"
        case .unchecked: "○"
        case .removed: "−"
        }
    }

    static func decisionMark(_ change: ReviewState.Change) -> String {
        switch change.decision {
        case .undecided: "?"
        case .accepted: "="
        case .dropped: change.diff.kind == .removed ? "↺" : "✗"
        case .edited: "✎"
        }
    }

    // MARK: - Keys

    /// Keys while reviewing: moving, panes, find and help work as in the editor; the review's
    /// own keys ask the host; anything that would change the text says the view is read-only.
    func handleReview(_ key: Key) -> Action {
        guard let state = review else { return .none }
        if state.editing != nil { return handleReviewEdit(key) }
        if helpOffset != nil || find.prompting {
            switch key {
            case .ctrl("s"), .ctrl("g"): return .none
            default: return handle(key, wasCut: false)
            }
        }
        let approving = state.subject.approving
        switch key {
        case .ctrl("q"): return .quit
        case .altLeft where !approving: return .review(.older)
        case .altRight where !approving: return .review(.newer)
        case .ctrl("y") where !approving: return copyItemUnderCursor()
        case .ctrl("a") where !approving: return .review(.adopt)
        case .ctrl("r") where !approving: return .review(.acknowledge)
        case .char(let c) where approving && (c == "a" || c == "A"): decide(.accepted)
        case .char(let c) where approving && (c == "d" || c == "D"): decide(.dropped)
        case .char(let c) where approving && (c == "e" || c == "E"): startEditing()
        case .ctrl("s") where approving: return .review(.confirm)
        case .up, .down, .left, .right, .home, .end, .pageUp, .pageDown, .ctrlLeft, .ctrlRight,
             .tab, .backTab, .function(1), .function(2), .function(3), .shiftFunction(3), .ctrl("f"), .escape:
            let action = handle(key, wasCut: false)
            describeLineUnderCursor()
            return action
        case .alt(let c) where ("1"..."7").contains(c) || c == "z" || c == "n" || c == "p":
            let action = handle(key, wasCut: false)
            describeLineUnderCursor()
            return action
        default:
            readOnlyNotice()
        }
        return .none
    }

    /// Text typed, pasted, cut or deleted: nothing changes; the message row says which keys do what.
    func readOnlyNotice() {
        if review?.subject.approving == true {
            message = ("Approving: a accepts, d drops (or restores), e edits the item; Ctrl-S saves; Ctrl-Q quits", true)
        } else {
            message = ("Read-only: Alt-←/→ versions, ^Y copy item to yours, ^A adopt, ^R acknowledge, ^Q quit", true)
        }
    }

    /// The review line under the cursor and the item it belongs to (the nearest item line
    /// at or above it), with its pane's section.
    func reviewLineUnderCursor() -> (key: SectionKey, line: ReviewState.Line)? {
        guard let state = review, focus < Self.restPane else { return nil }
        let lines = state.lines[focus]
        var l = min(panes[focus].cursor.line, lines.count - 1)
        while l >= 0 {
            if lines[l].item != nil { return (SectionKey.allCases[focus], lines[l]) }
            l -= 1
        }
        return nil
    }

    func copyItemUnderCursor() -> Action {
        guard let state = review else { return .none }
        guard focus < Self.restPane else {
            message = ("Ctrl-Y copies an item of the six panes (Alt-1…6)", true)
            return .none
        }
        guard let (key, line) = reviewLineUnderCursor(), let n = line.item else {
            message = ("No item under the cursor to copy", true)
            return .none
        }
        let doc: HandoffDocument
        switch line.source {
        case .new: doc = state.subject.document
        case .old: doc = state.subject.previous ?? state.subject.document
        }
        guard let item = doc.section(key)?.items[n] else { return .none }
        return .review(.copy(section: key, text: doc.itemBlockText(item), checked: item.checked))
    }

    /// What the change under the cursor was, in the message row ("was: …" for a reworded item).
    func describeLineUnderCursor() {
        guard let state = review else { return }
        let here = (pane: focus, line: panes[focus].cursor.line)
        if let d = state.described, d.pane == here.pane, d.line == here.line { return }
        if state.described != nil { message = nil }
        review?.described = nil
        guard focus < Self.restPane, here.line < state.lines[focus].count,
              let c = state.lines[focus][here.line].change else { return }
        let change = state.changes[c].diff
        let text: String
        switch change.kind {
        case .added: text = "Added since the version before"
        case .removed: text = "Removed since the version before"
        case .changed: text = "Was: " + (change.oldText ?? "")
        case .checked: text = "Checked since the version before" + (change.oldText.map { "; was: " + $0 } ?? "")
        case .unchecked: text = "Unchecked since the version before" + (change.oldText.map { "; was: " + $0 } ?? "")
        }
        message = (text, false)
        review?.described = here
    }

    // MARK: - Approving a draft

    /// The change whose item is under the cursor, while approving.
    func changeUnderCursor() -> Int? {
        guard let state = review, focus < Self.restPane else { return nil }
        let lines = state.lines[focus]
        guard !lines.isEmpty else { return nil }
        return lines[min(panes[focus].cursor.line, lines.count - 1)].owner
    }

    func decide(_ decision: ReviewDecision, change: Int? = nil) {
        guard let c = change ?? changeUnderCursor() else {
            message = ("No change under the cursor: a, d and e work on the marked items", true)
            return
        }
        review!.changes[c].decision = decision
        let kind = review!.changes[c].diff.kind
        // An added item dropped takes its nested added items with it (left behind, they would
        // nest under the item before it); those decided already keep their decision.
        if decision == .dropped, kind == .added, let line = review!.changes[c].diff.newLine,
           let item = review!.subject.document.section(review!.changes[c].key)?.items.first(where: { $0.line == line }) {
            for k in review!.changes.indices where review!.changes[k].key == review!.changes[c].key
                && review!.changes[k].decision == .undecided && review!.changes[k].diff.kind == .added {
                if let n = review!.changes[k].diff.newLine, n > line, n - 1 <= item.lastLineIndex {
                    review!.changes[k].decision = .dropped
                }
            }
        }
        renderReviewPane(review!.changes[c].key.index)
        let what: String
        switch decision {
        case .accepted: what = kind == .removed ? "Let go (stays removed)" : "Accepted"
        case .dropped: what = kind == .removed ? "Restored" : kind == .added ? "Dropped" : "Back to the committed text"
        default: what = "Edited"
        }
        message = ("\(what); \(reviewDecisionCount) of \(review!.changes.count) decided (Ctrl-S saves)", false)
        review!.described = nil
    }

    func startEditing() {
        guard let c = changeUnderCursor() else {
            message = ("No change under the cursor: a, d and e work on the marked items", true)
            return
        }
        let change = review!.changes[c]
        guard change.diff.kind != .removed else {
            message = ("A removed item: d restores it, a lets it go", true)
            return
        }
        let current: String
        if case .edited(let t) = change.decision { current = t } else { current = change.diff.text }
        review!.editing = ReviewState.ItemEdit(change: c, text: Array(current), cursor: current.count)
    }

    /// The one-line edit prompt: typing inserts at the cursor, Left/Right/Home/End move,
    /// Backspace/Delete delete, Enter keeps, Esc cancels.
    func handleReviewEdit(_ key: Key) -> Action {
        guard var e = review?.editing else { return .none }
        switch key {
        case .char(let ch):
            e.text.insert(ch, at: e.cursor)
            e.cursor += 1
        case .backspace where e.cursor > 0:
            e.text.remove(at: e.cursor - 1)
            e.cursor -= 1
        case .delete where e.cursor < e.text.count: e.text.remove(at: e.cursor)
        case .left: e.cursor = max(0, e.cursor - 1)
        case .right: e.cursor = min(e.text.count, e.cursor + 1)
        case .home: e.cursor = 0
        case .end: e.cursor = e.text.count
        case .enter:
            review!.editing = nil
            let original = review!.changes[e.change].diff.text
            decide(e.string == original ? .accepted : .edited(e.string), change: e.change)
            return .none
        case .escape:
            review!.editing = nil
            message = ("Edit cancelled", false)
            return .none
        default: break
        }
        review!.editing = e
        return .none
    }

    /// A paste while the edit prompt is open goes into it, on one line.
    func reviewPaste(_ text: String) {
        guard review?.editing != nil else {
            readOnlyNotice()
            return
        }
        let typed = text.filter { $0 != "\n" && $0 != "\r\n" && $0 != "\r" }
        review!.editing!.text.insert(contentsOf: typed, at: review!.editing!.cursor)
        review!.editing!.cursor += typed.count
    }
}
