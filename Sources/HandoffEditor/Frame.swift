/// What a cell means, not how it looks: the terminal driver maps roles to colours and
/// attributes, so colour fallback and NO_COLOR stay out of the core.
public enum Role: UInt8, Sendable, CaseIterable {
    case text
    case border
    case focusedBorder
    case title
    case focusedTitle
    case problemMark
    case header
    case modifiedMark
    case footer
    case footerKey
    case message
    case errorMessage
    case tab
    case activeTab
    case match
    case currentMatch
    case selection
    case overlay
    case overlayKey
    case dim
}

/// One screen cell. A wide cluster fills its cell and the next, which is a continuation
/// (empty text, width 0) that the driver skips.
public struct Cell: Equatable, Sendable {
    public var text: String
    /// Columns the text takes: 1 or 2, or 0 for the continuation of a wide cluster.
    public var width: UInt8
    public var role: Role

    public init(_ text: String, width: UInt8 = 1, role: Role = .text) {
        self.text = text
        self.width = width
        self.role = role
    }

    public static let blank = Cell(" ")
    public var isContinuation: Bool { width == 0 }
}

public struct Position: Hashable, Sendable {
    public var row: Int
    public var column: Int
    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }
}

/// A full screen of cells, row-major, and where the terminal cursor goes. It also knows
/// which columns of each row were written since its generation began, so that a screen
/// that drew the generation before compares only those (a key rewrites a pane and three
/// rows, not the whole screen).
public struct Frame: Equatable, Sendable {
    public private(set) var size: Size
    public private(set) var cells: [Cell]
    /// Where to show the terminal cursor; nil hides it.
    public var cursor: Position?
    /// Goes up by one at each render into this frame's storage.
    public private(set) var generation = 0
    /// Per row, the columns written in this generation (lower ..< upper; empty if none).
    private var written: [(lower: Int32, upper: Int32)]

    public init(size: Size) {
        self.size = size
        cells = Array(repeating: .blank, count: max(0, size.columns * size.rows))
        written = Array(repeating: (0, Int32(size.columns)), count: max(0, size.rows))
    }

    /// Frames are equal by what they show.
    public static func == (a: Frame, b: Frame) -> Bool {
        a.size == b.size && a.cursor == b.cursor && a.cells == b.cells
    }

    /// The columns of row `r` written in this generation: outside them the row is as it
    /// was in the generation before.
    public func writtenColumns(inRow r: Int) -> Range<Int> {
        let w = written[r]
        return w.lower < w.upper ? Int(w.lower)..<Int(w.upper) : 0..<0
    }

    /// Starts a generation: nothing written yet.
    mutating func beginGeneration() {
        generation &+= 1
        for r in written.indices { written[r] = (Int32.max, 0) }
    }

    @inline(__always)
    private mutating func noteWritten(row: Int, _ lower: Int, _ upper: Int) {
        if Int32(lower) < written[row].lower { written[row].lower = Int32(lower) }
        if Int32(upper) > written[row].upper { written[row].upper = Int32(upper) }
    }

    public subscript(row: Int, column: Int) -> Cell {
        get { cells[row * size.columns + column] }
        set { cells[row * size.columns + column] = newValue }
    }

    /// The cells of one row.
    public func row(_ r: Int) -> ArraySlice<Cell> {
        cells[(r * size.columns)..<((r + 1) * size.columns)]
    }

    /// Clears every cell to a blank, resizing when asked; reuses the storage.
    mutating func reset(to newSize: Size) {
        if newSize != size {
            size = newSize
            cells = Array(repeating: .blank, count: max(0, size.columns * size.rows))
        } else {
            for i in cells.indices { cells[i] = .blank }
        }
        written = Array(repeating: (0, Int32(size.columns)), count: max(0, size.rows))
        cursor = nil
    }

    /// Writes text from a column, clipped at `limit` (exclusive); returns the next column.
    /// A wide cluster that would straddle the limit is left out.
    @discardableResult
    mutating func put(_ text: String, row: Int, column: Int, limit: Int? = nil, role: Role) -> Int {
        guard row >= 0, row < size.rows else { return column }
        let end = min(limit ?? size.columns, size.columns)
        var col = column
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            // Chrome is mostly ASCII: one cell per byte, no grapheme breaking.
            for b in text.utf8 {
                if col + 1 > end { break }
                if col >= 0 { put(cluster: LineLayout.ascii[Int(b)], width: 1, row: row, column: col, role: role) }
                col += 1
            }
            return col
        }
        for ch in text {
            let w = ch == "\t" ? 1 : DisplayWidth.of(ch)
            if col + w > end { break }
            if col >= 0 {
                put(cluster: ch == "\t" ? " " : String(ch), width: w, row: row, column: col, role: role)
            }
            col += w
        }
        return col
    }

    /// Writes one cluster already measured.
    @inline(__always)
    mutating func put(cluster: String, width: Int, row: Int, column: Int, role: Role) {
        let i = row * size.columns + column
        cells[i] = Cell(cluster, width: UInt8(width), role: role)
        if width == 2, column + 1 < size.columns {
            cells[i + 1] = Cell("", width: 0, role: role)
            noteWritten(row: row, column, column + 2)
        } else {
            noteWritten(row: row, column, column + 1)
        }
    }

    /// Paints a run of cells with one role, keeping their text.
    mutating func paint(row: Int, columns: Range<Int>, role: Role) {
        guard row >= 0, row < size.rows else { return }
        for c in columns where c >= 0 && c < size.columns { cells[row * size.columns + c].role = role }
        let clipped = columns.clamped(to: 0..<size.columns)
        if !clipped.isEmpty { noteWritten(row: row, clipped.lowerBound, clipped.upperBound) }
    }

    /// Fills a run of cells with one character.
    mutating func fill(_ text: String, row: Int, columns: Range<Int>, role: Role) {
        guard row >= 0, row < size.rows else { return }
        let clipped = columns.clamped(to: 0..<size.columns)
        guard !clipped.isEmpty else { return }
        let cell = Cell(text, width: 1, role: role)
        for c in clipped { cells[row * size.columns + c] = cell }
        noteWritten(row: row, clipped.lowerBound, clipped.upperBound)
    }
}

/// Where frames go: the terminal driver, or a `VirtualScreen` in tests.
public protocol Screen {
    mutating func draw(_ frame: Frame)
}

/// A screen in memory, as text, for tests: each row is its cells' text with wide clusters
/// once (their continuation cell adds nothing).
public struct VirtualScreen: Screen {
    public private(set) var frame: Frame?

    public init() {}

    public mutating func draw(_ frame: Frame) { self.frame = frame }

    /// Row `r` as text, trailing blanks kept.
    public func line(_ r: Int) -> String {
        guard let frame else { return "" }
        var s = ""
        for cell in frame.row(r) where !cell.isContinuation { s += cell.text }
        return s
    }

    /// Every row, trailing blanks trimmed, joined by newlines.
    public var text: String {
        guard let frame else { return "" }
        return (0..<frame.size.rows).map { Self.trimTrailing(line($0)) }.joined(separator: "\n")
    }

    public var lines: [String] {
        guard let frame else { return [] }
        return (0..<frame.size.rows).map { Self.trimTrailing(line($0)) }
    }

    /// The role of each cell in row `r`, continuation cells included.
    public func roles(_ r: Int) -> [Role] {
        frame.map { $0.row(r).map(\.role) } ?? []
    }

    static func trimTrailing(_ s: String) -> String {
        var t = Substring(s)
        while t.last == " " { t.removeLast() }
        return String(t)
    }
}
