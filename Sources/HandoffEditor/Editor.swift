import HandoffCore

/// The editor core: six panes over a handoff document's sections and a seventh over the
/// rest of it (`RestOfFile`), driven by `handle(_:)` and drawn by `render()`. It knows
/// nothing of terminals or git; the host translates terminal input into `Input`, draws
/// `Frame`s, and does what the returned `Action` asks.
public final class Editor {
    /// The file name shown in the header.
    public var fileName: String
    /// The git branch shown in the header, when known.
    public var branch: String?
    /// Options for the problem marks on the pane borders.
    public var checkOptions: CheckOptions
    public private(set) var size: Size
    /// Changed since opened or last saved.
    public internal(set) var isModified = false

    /// The model the panes were read from, with what has been written back since.
    var base: HandoffDocument
    /// The six sections' panes, then the rest of the file's (`restPane`).
    var panes: [Pane]
    static let restPane = 6
    /// Whether the rest pane has been read from `base`: on first use, so opening costs
    /// nothing more (the six panes are the start-up path).
    var restIsRead = false
    /// Per section, how many later occurrences it has (appended sessions; they are rest).
    var laterOccurrences: [Int] = Array(repeating: 0, count: 6)
    /// The section whose later occurrences Alt-7 goes through.
    var occurrenceKey: Int?
    /// What the last write-back changed in the sections through an edit of the rest, for
    /// the message after the save.
    var writeBackNote: String?
    var focus = 0
    var zoomed = false
    var helpOffset: Int?
    var find = FindState()
    /// The commit dialog, while open: keys go to it, not to the panes.
    var dialog: CommitDialog?
    /// The dialog as confirmed, until the host reports the commit made or failed.
    var confirmedDialog: CommitDialog?
    /// A question from the host, while unanswered: it takes every key before the dialog.
    var question: Question?
    /// A review, while shown: the panes are read-only (see `Review.swift`).
    var review: ReviewState?
    var history = UndoHistory()
    var cutLines: [String] = []
    var lastWasCut = false
    var message: (text: String, isError: Bool)?
    var frame: Frame
    /// The marks come from checking the whole document once the host is idle.
    var fullCheckPending = false
    /// What the kept frame was drawn for (see `render()`).
    var lastScreen: ScreenKey?
    var drawnPanes: [PaneKey?] = Array(repeating: nil, count: 7)
    /// Per pane, what each row of its text area showed when last drawn.
    var drawnRows: [[ShownRow]] = Array(repeating: [], count: 7)
    var drawnHeader: HeaderKey?
    var drawnFooter: FooterKey?
    var drawnMessage: MessageKey?
    /// Per pane, the item counts its title shows.
    var drawnCounts: [ItemCounts?] = Array(repeating: nil, count: 7)
    private var keptLayout: Layout?

    public init(document: HandoffDocument, fileName: String, branch: String? = nil,
                size: Size, checkOptions: CheckOptions = CheckOptions()) {
        self.fileName = fileName
        self.branch = branch
        self.size = size
        self.checkOptions = checkOptions
        base = document
        frame = Frame(size: size)
        panes = SectionKey.allCases.map { key in
            Pane(key: key, buffer: Self.buffer(of: key, in: document))
        }
        panes.append(Pane(key: nil, buffer: TextBuffer("")))
        countLaterOccurrences()
        // A file with text but none of the six sections would open on six empty panes: it
        // opens on the rest of the file, which is then all of it.
        if document.sections.allSatisfy({ $0 == nil }), document.bytes.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) {
            focusPane(Self.restPane)
            message = ("None of the six sections found: this is the whole file (Alt-1…6: the panes)", false)
        }
        // The check costs the whole document: it runs from `idle()`, after the first frame.
        fullCheckPending = true
    }

    public convenience init(text: String, fileName: String = "HANDOFF.md", size: Size) {
        self.init(document: HandoffDocument(text), fileName: fileName, size: size)
    }

    /// The section body as lines that point into the document's bytes: the same text as
    /// `body(of:)` (blank lines around it trimmed, line endings dropped), without copying it.
    static func buffer(of key: SectionKey, in doc: HandoffDocument) -> TextBuffer {
        guard let section = doc.section(key) else { return TextBuffer("") }
        let source = doc.source
        let bytes = source.bytes
        func isBlank(_ r: Range<Int>) -> Bool { bytes[r].allSatisfy { $0 == 0x20 || $0 == 0x09 } }
        func content(_ l: Int) -> Range<Int> {
            let r = source.contentRange(ofLine: l)
            if l == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return (r.lowerBound + 3)..<r.upperBound }
            return r
        }
        var first = section.bodyLines.lowerBound
        var last = section.bodyLines.upperBound
        while first < last, isBlank(content(first)) { first += 1 }
        while last > first, isBlank(content(last - 1)) { last -= 1 }
        return TextBuffer(source: bytes, lines: first, last, range: content)
    }

    // MARK: - What the host calls

    /// Handles one input; returns what the host must do.
    @discardableResult
    public func handle(_ input: Input) -> Action {
        history.beginInput()
        let wasCut = lastWasCut
        lastWasCut = false
        switch input {
        case .resize(let newSize):
            size = newSize
            lastWasCut = wasCut
            return .none
        case .paste(let text):
            if question != nil {
                // A question is answered by a key, not by text.
            } else if review != nil, !find.prompting {
                reviewPaste(text)
            } else if dialog != nil {
                dialogPaste(text)
            } else if find.prompting {
                find.query += text.filter { $0 != "\n" && $0 != "\r\n" && $0 != "\r" }
                findIncrementally()
            } else if helpOffset == nil {
                paste(text)
            }
            return .none
        case .click(let row, let column):
            if question != nil { return .none }
            if dialog != nil {
                dialogClick(row: row, column: column)
            } else {
                click(row: row, column: column)
            }
            return .none
        case .wheel(let row, let column, let lines):
            if question != nil { return .none }
            if dialog != nil {
                dialogWheel(lines: lines)
            } else {
                wheel(row: row, column: column, lines: lines)
            }
            return .none
        case .key(let key):
            if question != nil { return answer(key) }
            if dialog != nil { return handleDialog(key) }
            if review != nil { return handleReview(key) }
            return handle(key, wasCut: wasCut)
        }
    }

    /// The repository's section names the document was read with, for a document read again.
    public var mapping: SectionMapping? { base.mapping }

    /// The model with every changed pane written back; untouched sections keep their bytes,
    /// and so does the rest of the file where it was not edited. The bytes are written as
    /// typed; when they change where a section ends (a heading or an open fence typed into a
    /// pane, a heading removed in the rest so that its lines join the section above), the
    /// panes concerned are read again from the document, so that no pane shows text its
    /// section no longer holds (a later save would write it twice), and `writeBackNote` says so.
    public func document() -> HandoffDocument {
        let before = base
        let edits = panes[..<Self.restPane].filter(\.edited).map { ($0.key!, $0.buffer.contents) }
        let rest = panes[Self.restPane].edited
            ? (panes[Self.restPane].buffer.contents, panes[Self.restPane].fixedLines) : nil
        for i in panes.indices { panes[i].edited = false }
        guard !edits.isEmpty || rest != nil else { return base }
        base = DocumentSnapshot.write(edits, rest: rest, into: base).document
        // When each edited pane reads back as shown, the other sections are as they were (an
        // edit inside one section reaches the next only by moving where the first one ends).
        func readsBack(_ key: SectionKey) -> Bool { base.body(of: key) == Self.shownBody(panes[key.index].buffer) }
        let recheck = rest != nil || !edits.allSatisfy { readsBack($0.0) } ? SectionKey.allCases : []
        var changed: [String] = []
        for key in recheck where !readsBack(key) {
            let i = key.index
            panes[i].buffer = Self.buffer(of: key, in: base)
            clampCursor(i)
            forgetHistory(of: i)
            changed.append(key.canonicalTitle)
        }
        if !changed.isEmpty {
            writeBackNote = changed.joined(separator: ", ") + " shown as the file now reads it (see Alt-7)"
            message = (writeBackNote!, false)
            fullCheckPending = true
            // New buffers restart their version count: draw every pane again.
            lastScreen = nil
        }
        if base.bytes != before.bytes { realignRest() }
        return base
    }

    /// A pane's text as its section's body would read it back: without the blank lines at
    /// either end (what `replacingBody` leaves out).
    static func shownBody(_ buffer: TextBuffer) -> String {
        func blank(_ s: String) -> Bool { s.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 } }
        var first = 0, end = buffer.count
        while first < end, blank(buffer[first]) { first += 1 }
        while end > first, blank(buffer[end - 1]) { end -= 1 }
        return (first..<end).map { buffer[$0] }.joined(separator: "\n")
    }

    /// After a write-back: the rest pane, if read, shows what the document now has outside
    /// its sections. Its text is kept (with undo) when that is what it shows already.
    func realignRest() {
        countLaterOccurrences()
        guard restIsRead else { return }
        let view = RestOfFile.view(of: base)
        let pane = panes[Self.restPane]
        let same = view.buffer.count == pane.buffer.count && view.fixed == pane.fixedLines
            && (0..<view.buffer.count).allSatisfy { view.buffer[$0] == pane.buffer[$0] }
        panes[Self.restPane].anchors = view.anchors
        guard !same else { return }
        panes[Self.restPane].buffer = view.buffer
        panes[Self.restPane].fixedLines = view.fixed
        clampCursor(Self.restPane)
        forgetHistory(of: Self.restPane)
        lastScreen = nil
    }

    /// Reads the rest pane from `base` the first time it is needed.
    func readRestIfNeeded() {
        guard !restIsRead else { return }
        restIsRead = true
        let view = RestOfFile.view(of: base)
        panes[Self.restPane].buffer = view.buffer
        panes[Self.restPane].fixedLines = view.fixed
        panes[Self.restPane].anchors = view.anchors
        panes[Self.restPane].cursor = Cursor(line: 0, column: 0)
        panes[Self.restPane].top = Cursor(line: 0, column: 0)
    }

    func countLaterOccurrences() {
        laterOccurrences = Array(repeating: 0, count: 6)
        for d in base.duplicateSections { laterOccurrences[d.key.index] += 1 }
    }

    /// Keeps a pane's cursor inside its text after the text was replaced.
    func clampCursor(_ i: Int) {
        let old = panes[i].cursor
        let line = min(old.line, panes[i].buffer.count - 1)
        panes[i].cursor = Cursor(line: line, column: min(old.column, panes[i].buffer.length(line)))
        panes[i].goalX = nil
    }

    /// Drops a pane's undo steps: they name lines of text it no longer has. Steps are each
    /// one pane's, so the other panes' steps stay valid.
    func forgetHistory(of i: Int) {
        history.undo.removeAll { $0.pane == i }
        history.redo.removeAll { $0.pane == i }
    }

    /// The document as it stands, without building it: the last model plus the lines of the
    /// panes edited since, shared, not copied. Joining them and building the document cost
    /// the whole file, so a host that only needs the bytes (a recovery file) does that off
    /// the keystroke path.
    public func snapshot() -> DocumentSnapshot {
        DocumentSnapshot(base: base, edits: panes[..<Self.restPane].filter(\.edited).map { ($0.key!, $0.buffer.contents) },
                         rest: panes[Self.restPane].edited
                             ? (panes[Self.restPane].buffer.contents, panes[Self.restPane].fixedLines) : nil)
    }

    /// The host wrote `document()` to the file: clears the modified mark, rechecks.
    public func didSave(message text: String = "Saved") {
        _ = document()
        isModified = false
        // The marks are checked again over the whole document as saved, the way they are
        // after opening: as idle work (off the loop's thread in the terminal host), not here
        // on Ctrl-S, where a large handoff's check would hold up the next key.
        fullCheckPending = true
        for i in panes.indices { panes[i].problemsStale = false }
        message = (writeBackNote.map { text + "; " + $0 } ?? text, false)
        writeBackNote = nil
    }

    /// Shows a line in the message row (saved, an error, …) until the next one.
    public func show(message text: String, isError: Bool = false) {
        message = (text, isError)
    }

    /// Work left for when no input is pending: rechecks the panes edited since their last
    /// check, here and now. Returns whether anything on screen may have changed. (A host
    /// with threads runs `takeProblemChecks()` elsewhere and hands the marks to `apply`.)
    @discardableResult
    public func idle() -> Bool {
        var changed = false
        for check in takeProblemChecks() where apply(check.run()) { changed = true }
        return changed
    }

    /// The problem checks due: of the whole document once after opening, then of each
    /// pane edited since its last check. Each holds a copy of what it checks, so it can
    /// run on another thread (a pane of a large handoff takes milliseconds, which a key
    /// typed meanwhile would otherwise wait for); the panes count as checked from now.
    public func takeProblemChecks() -> [ProblemCheck] {
        var checks: [ProblemCheck] = []
        if fullCheckPending {
            fullCheckPending = false
            if !panes.contains(where: \.edited) {
                for i in panes.indices { panes[i].problemsStale = false }
                return [ProblemCheck(subject: .document(base), versions: panes.map(\.buffer.version),
                                     options: checkOptions)]
            }
            for i in panes.indices { panes[i].problemsStale = true }
        }
        panes[Self.restPane].problemsStale = false   // the rest has no problem marks
        for i in panes.indices where panes[i].problemsStale {
            panes[i].problemsStale = false
            guard let key = panes[i].key else { continue }
            var versions = Array(repeating: -1, count: panes.count)
            versions[i] = panes[i].buffer.version
            checks.append(ProblemCheck(subject: .pane(key, panes[i].buffer.contents), versions: versions,
                                       options: checkOptions))
        }
        return checks
    }

    /// Puts a check's marks on the panes whose text is still what was checked. Returns
    /// whether a mark changed.
    @discardableResult
    public func apply(_ marks: ProblemMarks) -> Bool {
        var changed = false
        for (i, has) in marks.hasProblem.enumerated() where marks.versions[i] == panes[i].buffer.version {
            if panes[i].hasProblem != has { changed = true }
            panes[i].hasProblem = has
        }
        return changed
    }

    /// Whether `idle()` has work to do.
    public var needsIdle: Bool { fullCheckPending || panes[..<Self.restPane].contains { $0.problemsStale } }

    /// The section that has the focus; nil while the rest of the file has it.
    public var focusedSection: SectionKey? { panes[focus].key }

    /// A pane's current text (LF line ends).
    public func text(of key: SectionKey) -> String { panes[key.index].buffer.text }

    /// The rest-of-file pane's text as shown, marker lines included (LF line ends).
    public var restText: String {
        readRestIfNeeded()
        return panes[Self.restPane].buffer.text
    }

    // MARK: - Keys

    /// Where everything goes; worked out again only when the size, the focus or the zoom
    /// changed (every key asks for it).
    var layout: Layout {
        if let kept = keptLayout, kept.size == size, kept.focus == focus, kept.zoomed == zoomed { return kept }
        let layout = Layout(size: size, focus: focus, zoomed: zoomed)
        keptLayout = layout
        return layout
    }

    /// Width and height of the focused pane's text area (a sane default when none shows).
    var textArea: (width: Int, height: Int) {
        guard let rect = layout.panes[focus] else { return (max(1, size.columns - 2), max(1, size.rows - 5)) }
        return (max(1, rect.inner.columns), max(1, rect.inner.rows))
    }

    func handle(_ key: Key, wasCut: Bool) -> Action {
        // Host commands work everywhere.
        switch key {
        case .ctrl("s"): return .save
        case .ctrl("q"): return .quit
        case .ctrl("g"): return .commit
        default: break
        }
        if helpOffset != nil { return handleHelp(key) }
        if find.prompting { return handleFindPrompt(key) }
        let area = textArea
        switch key {
        case .char(let c): insert(String(c), kind: .typing)
        case .enter: enter()
        case .backspace: backspace()
        case .delete: deleteForward()
        case .tab: focusPane((focus + 1) % panes.count)
        case .backTab: focusPane((focus + panes.count - 1) % panes.count)
        case .left: panes[focus].moveLeft()
        case .right: panes[focus].moveRight()
        case .up: panes[focus].moveVertically(-1, width: area.width)
        case .down: panes[focus].moveVertically(1, width: area.width)
        case .pageUp: panes[focus].moveVertically(-max(1, area.height - 1), width: area.width)
        case .pageDown: panes[focus].moveVertically(max(1, area.height - 1), width: area.width)
        case .home:
            panes[focus].cursor.column = 0
            panes[focus].goalX = nil
        case .end:
            let line = panes[focus].cursor.line
            panes[focus].cursor.column = panes[focus].buffer.length(line)
            panes[focus].goalX = nil
        case .ctrlLeft: panes[focus].moveWord(forward: false)
        case .ctrlRight: panes[focus].moveWord(forward: true)
        case .ctrl("k"): cutLine(appending: wasCut)
        case .ctrl("u"): pasteCut()
        case .ctrl("x"): toggleCheckbox()
        case .ctrl("z"): undo()
        case .ctrl("y"): redo()
        case .ctrl("f"): startFind()
        case .function(3), .alt("n"): findNext(forward: true)
        case .shiftFunction(3), .alt("p"): findNext(forward: false)
        case .altUp: moveItem(up: true)
        case .altDown: moveItem(up: false)
        case .altRight: indentItem(outdent: false)
        case .altLeft: indentItem(outdent: true)
        case .alt(let c) where ("1"..."6").contains(c):
            focusPane(Int(String(c))! - 1)
        case .alt("7"): showRest()
        case .function(2), .alt("z"):
            // The rest already fills the window where the panes are in a grid.
            if focus == Self.restPane, !zoomed, layout.kind == .zoomed { break }
            zoomed.toggle()
        case .function(1): helpOffset = 0
        case .escape:
            find.showMatches = false
            message = nil
        default:
            break
        }
        return .none
    }

    func focusPane(_ i: Int) {
        if i == Self.restPane, focus != Self.restPane {
            readRestIfNeeded()
            // The section whose later occurrences Alt-7 then goes through.
            occurrenceKey = laterOccurrences[focus] > 0 ? focus : nil
        }
        focus = i
    }

    /// Alt-7: the rest of the file, where it was left. Again while there, after coming from
    /// a pane whose section appears again later in the file (appended sessions): to the next
    /// later occurrence, round and round.
    func showRest() {
        let from = focus
        focusPane(Self.restPane)
        if from < Self.restPane {
            if let key = occurrenceKey {
                let n = laterOccurrences[key]
                message = ("\(SectionKey.allCases[key].canonicalTitle) appears \(n) more time\(n == 1 ? "" : "s") here: Alt-7 goes to \(n == 1 ? "it" : "each")", false)
            }
            return
        }
        guard let key = occurrenceKey else { return }
        let lines = panes[Self.restPane].anchors.filter { $0.pane == key }.map(\.line)
        guard let first = lines.first else { return }
        let here = panes[Self.restPane].cursor.line
        let target = lines.first { $0 > here } ?? first
        panes[Self.restPane].cursor = Cursor(line: target, column: 0)
        panes[Self.restPane].goalX = nil
        let n = lines.firstIndex(of: target)! + 2
        message = ("\(SectionKey.allCases[key].canonicalTitle): occurrence \(n) of \(lines.count + 1) (Alt-7: next)", false)
    }

    /// The help overlay's lines: while reviewing, the review's keys first.
    var helpEntries: [KeyBindings.Entry] {
        guard let review else { return KeyBindings.help }
        return (review.subject.approving ? KeyBindings.approving : KeyBindings.review) + KeyBindings.help
    }

    private func handleHelp(_ key: Key) -> Action {
        let total = helpEntries.count
        switch key {
        case .escape, .function(1), .char("q"): helpOffset = nil
        case .down: helpOffset = min(max(0, total - 1), (helpOffset ?? 0) + 1)
        case .up: helpOffset = max(0, (helpOffset ?? 0) - 1)
        case .pageDown: helpOffset = min(max(0, total - 1), (helpOffset ?? 0) + 10)
        case .pageUp: helpOffset = max(0, (helpOffset ?? 0) - 10)
        default: break
        }
        return .none
    }

    // MARK: - Mouse

    private func click(row: Int, column: Int) {
        let layout = self.layout
        if let bar = layout.tabBarRow, row == bar {
            if let i = TabBar.pane(at: column, width: size.columns, focus: focus) { focusPane(i) }
            return
        }
        guard let i = layout.pane(at: row, column: column), let rect = layout.panes[i] else { return }
        focusPane(i)
        let inner = rect.inner
        guard inner.contains(row: row, column: column) else { return }
        panes[i].place(viewRow: row - inner.row, x: column - inner.column, width: inner.columns)
    }

    private func wheel(row: Int, column: Int, lines: Int) {
        let layout = self.layout
        guard let i = layout.pane(at: row, column: column) ?? (layout.panes[focus] != nil ? focus : nil),
              let rect = layout.panes[i] else { return }
        panes[i].scroll(lines, width: max(1, rect.inner.columns), height: max(1, rect.inner.rows))
    }
}

/// A check of the problem marks, with its own copy of the text it checks.
public struct ProblemCheck: Sendable {
    enum Subject: Sendable {
        case document(HandoffDocument)
        case pane(SectionKey, TextBuffer.Contents)
    }
    let subject: Subject
    /// Each pane's text version when taken (-1: not checked here).
    let versions: [Int]
    let options: CheckOptions

    /// Runs the check: costs the text checked (the whole document, or one pane).
    public func run() -> ProblemMarks {
        var has = Array(repeating: false, count: versions.count)
        switch subject {
        case .document(let doc):
            let problems = doc.problems(options)
            for key in SectionKey.allCases { has[key.index] = problems.contains { $0.key == key } }
        case .pane(let key, let contents):
            // A one-section document: costs the pane's size, not the document's.
            let doc = HandoffDocument("## \(key.canonicalTitle)\n\n" + contents.text + "\n")
            has[key.index] = doc.problems(options).contains { $0.key == key && $0.code != .missingSection }
        }
        return ProblemMarks(versions: versions, hasProblem: has)
    }
}

/// What a `ProblemCheck` found, per pane, for the text versions it checked.
public struct ProblemMarks: Sendable {
    let versions: [Int]
    let hasProblem: [Bool]
}

/// The editor's text at one moment, cheap to take and safe to hand to another thread.
public struct DocumentSnapshot: Sendable {
    let base: HandoffDocument
    let edits: [(SectionKey, TextBuffer.Contents)]
    /// The rest pane's lines and its marker lines, when edited.
    var rest: (TextBuffer.Contents, [Int])? = nil

    /// The document with the edits written into it (what `Editor.document()` returns).
    public func document() -> HandoffDocument {
        Self.write(edits, rest: rest, into: base).document
    }

    /// The panes' edits, then the rest's, written into `base` (which the rest pane was read
    /// from). The rest's pieces are found again in the document the panes' edits made; when
    /// those edits changed what is rest (a heading typed into a pane), the rest goes first,
    /// into `base`, and the panes' edits after it. `panesOnly` is the document before the
    /// rest's edit.
    static func write(_ edits: [(SectionKey, TextBuffer.Contents)], rest: (TextBuffer.Contents, [Int])?,
                      into base: HandoffDocument) -> (document: HandoffDocument, panesOnly: HandoffDocument) {
        let panesOnly = edits.reduce(base) { $0.replacingBody(of: $1.0, with: $1.1.text) }
        guard let rest else { return (panesOnly, panesOnly) }
        if let doc = RestOfFile.writing(rest.0, fixed: rest.1, into: panesOnly) { return (doc, panesOnly) }
        let restFirst = RestOfFile.writing(rest.0, fixed: rest.1, into: base) ?? base
        let doc = edits.reduce(restFirst) { $0.replacingBody(of: $1.0, with: $1.1.text) }
        return (doc, panesOnly)
    }
}
