import HandoffCore

/// The row naming all six panes when only one shows: full titles when they fit, then
/// short ones, then numbers with the focused pane's title.
enum TabBar {
    static let shortTitles = ["Done", "WIP", "Blocked", "Decided", "Next", "Gotchas"]

    /// Each tab's label (padded with a space either side) and the column it starts at.
    static func tabs(width: Int, focus: Int) -> [(label: String, column: Int)] {
        let full = SectionKey.allCases.map { "\($0.index + 1) \($0.canonicalTitle)" }
        let short = shortTitles.enumerated().map { "\($0.offset + 1) \($0.element)" }
        var numbers = (1...6).map { "\($0)" }
        numbers[focus] = full[focus]
        for labels in [full, short, numbers] {
            let total = labels.reduce(0) { $0 + $1.count + 2 }
            guard total <= width || labels == numbers else { continue }
            var column = 0
            return labels.map { label in
                defer { column += label.count + 2 }
                return (" " + label + " ", column)
            }
        }
        return []
    }

    static func pane(at column: Int, width: Int, focus: Int) -> Int? {
        tabs(width: width, focus: focus).firstIndex { column >= $0.column && column < $0.column + $0.label.count }
    }
}
