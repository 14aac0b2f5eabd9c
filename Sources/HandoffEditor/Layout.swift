/// A rectangle of screen cells.
public struct Rect: Hashable, Sendable {
    public var row: Int
    public var column: Int
    public var rows: Int
    public var columns: Int

    func contains(row r: Int, column c: Int) -> Bool {
        r >= row && r < row + rows && c >= column && c < column + columns
    }

    /// The inside of a bordered box.
    var inner: Rect { Rect(row: row + 1, column: column + 1, rows: max(0, rows - 2), columns: max(0, columns - 2)) }
}

/// Where everything goes for a screen size: header, panes, tab bar, message line, footer.
struct Layout: Equatable {
    enum Kind: Equatable {
        /// Three columns by two rows (from 120×30), or two by three (from 80×24).
        case grid(columns: Int, rows: Int)
        /// One pane at a time under a tab bar naming all seven.
        case single
        /// The focused pane alone, filling the window (zoomed, or the rest of the file when
        /// the panes are in a grid).
        case zoomed
        case tooSmall
    }

    static let minimum = Size(columns: 30, rows: 8)

    let kind: Kind
    let size: Size
    /// What it was worked out for, besides the size.
    let focus: Int
    let zoomed: Bool
    /// Boxes of the panes, by pane index; nil for a pane not shown. An array, not a
    /// dictionary: the layout is worked out on every key.
    let panes: [Rect?]
    let tabBarRow: Int?
    let messageRow: Int
    let footerRow: Int

    init(size: Size, focus: Int, zoomed: Bool) {
        self.size = size
        self.focus = focus
        self.zoomed = zoomed
        let w = size.columns, h = size.rows
        messageRow = h - 2
        footerRow = h - 1
        guard w >= Self.minimum.columns, h >= Self.minimum.rows else {
            kind = .tooSmall
            panes = Array(repeating: nil, count: 7)
            tabBarRow = nil
            return
        }
        // Row 0 is the header; the last two rows are the message line and the footer.
        let bodyTop = 1
        let bodyRows = h - 3
        let grid: (columns: Int, rows: Int)?
        if w >= 120, h >= 30 {
            grid = (3, 2)
        } else if w >= 80, h >= 24 {
            grid = (2, 3)
        } else {
            grid = nil
        }
        // The rest of the file has no place in the grid: it takes the window, as zoomed.
        if zoomed || (focus == 6 && grid != nil) {
            kind = .zoomed
            tabBarRow = nil
            panes = Self.only(focus, Rect(row: bodyTop, column: 0, rows: bodyRows, columns: w))
            return
        }
        guard let grid else {
            kind = .single
            tabBarRow = bodyTop
            panes = Self.only(focus, Rect(row: bodyTop + 1, column: 0, rows: bodyRows - 1, columns: w))
            return
        }
        kind = .grid(columns: grid.columns, rows: grid.rows)
        tabBarRow = nil
        var rects: [Rect?] = Array(repeating: nil, count: 7)
        for i in 0..<6 {
            let c = i % grid.columns, r = i / grid.columns
            // Split evenly; the first columns and rows take the remainder.
            let x0 = Self.split(w, grid.columns, c), x1 = Self.split(w, grid.columns, c + 1)
            let y0 = Self.split(bodyRows, grid.rows, r), y1 = Self.split(bodyRows, grid.rows, r + 1)
            rects[i] = Rect(row: bodyTop + y0, column: x0, rows: y1 - y0, columns: x1 - x0)
        }
        panes = rects
    }

    private static func only(_ i: Int, _ rect: Rect) -> [Rect?] {
        var rects: [Rect?] = Array(repeating: nil, count: 7)
        rects[i] = rect
        return rects
    }

    /// Where part `k` of `n` starts along `total`.
    private static func split(_ total: Int, _ n: Int, _ k: Int) -> Int {
        let base = total / n, extra = total % n
        return k * base + min(k, extra)
    }

    /// The pane whose box holds a cell.
    func pane(at row: Int, column: Int) -> Int? {
        panes.indices.first { panes[$0]?.contains(row: row, column: column) == true }
    }
}
