import HandoffCore

/// The row naming all six panes when only one shows: full titles when they fit, then
/// short ones, then numbers with the focused pane's title.
enum TabBar {
    static let shortTitles = ["Done", "WIP", "Blocked", "Decided", "Next", "Gotchas"]

    /// Each tab's label and its start column.
    static func tabs(width: Int, focus: Int) -> [(label: String, column: Int)] {
        let full = SectionKey.allCases.map { "\($0.index + 1) \($0.canonicalTitle)" }
        let short = shortTitles.enumerated().map { "\($0.offset + 1) \($0.element)" }
        var numbers = (1...6).map { "\($0)" }
        numbers[focus] = full[focus]
        for labels in [full, short, numbers] {
            let total = labels.reduce(0) { $0 + $1.count + 2 } + 1
            if total <= width || labels == numbers {
                var col = 1
                return labels.map { label in
                    defer { col += label.count + 2 }
                    return (" " + label + " ", col - 1 + 1)
                }
            }
        }
        return []
    }

    static func pane(at column: Int, width: Int, focus: Int) -> Int? {
        for (i, tab) in tabs(width: width, focus: focus).enumerated()
        where column >= tab.column - 1 && column < tab.column - 1 + tab.label.count {
            return i
        }
        return nil
    }
}
